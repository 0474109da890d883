//! `feishu-review show APP_ID VERSION_ID`: one version in full, and what it changes since the
//! app's live version.

use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use feishu_application::changes::{VersionChanges, Visibility};
use feishu_application::types::{AppAbility, AppContactsRange, AppVersion, AppVisibleList};

use super::ranges::{self, ContactsRanges, RangeFailure};
use crate::connection::Connection;
use crate::output::{LangArg, OutputArgs, level_name, print_json, table};
use crate::stdout::outln;

/// Options of `feishu-review show`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The contacts range section shows the app's live contacts range and the one the \
version asks for. The change section compares the version with the app's live version, which the \
pending list names (an app with no version pending shows none). Times are RFC 3339, UTC.\n\nExamples:\n  feishu-review show cli_a1b2c3 oav_0123\n  feishu-review show cli_a1b2c3 oav_0123 --json"
)]
pub(crate) struct Args {
    /// The app id (`me` for the calling app).
    #[arg(value_parser = feishu_application::AppId::parse)]
    pub app_id: feishu_application::AppId,
    /// The version id.
    #[arg(value_parser = feishu_application::VersionId::parse)]
    pub version_id: feishu_application::VersionId,
    /// Language of names and descriptions.
    #[arg(long, value_enum, default_value_t)]
    pub lang: LangArg,
}

/// Runs `feishu-review show`.
pub(crate) async fn run(
    args: Args,
    connection: Connection,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    let version = connection
        .client
        .get_app_version(&args.app_id, &args.version_id, args.lang.clone().into())
        .await?;
    if output.json {
        print_json(&version)?;
    } else {
        print_version(&version)?;
        let since = live_version(&connection, &args, &version).await;
        let app_id = version.app_id.as_deref().unwrap_or(args.app_id.as_str());
        let has_live = !matches!(since, Since::NewApp);
        let ranges = ranges::both(
            &connection.client,
            app_id,
            args.version_id.as_str(),
            has_live,
        )
        .await;
        print_contacts(&ranges)?;
        print_changes(&version, since, ranges.ok())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What the change section compares against.
enum Since {
    /// The app's live version.
    Live(Box<AppVersion>),
    /// The app has no live version.
    NewApp,
    /// The shown version is the live one.
    IsLive,
    /// Unknown, and why.
    Unknown(String),
}

/// The live version of the shown version's app, found through the pending list (the only
/// answer that names it).
async fn live_version(connection: &Connection, args: &Args, version: &AppVersion) -> Since {
    let app_id = version.app_id.as_deref().unwrap_or(args.app_id.as_str());
    let pending = match super::pending::fetch(connection, args.lang.clone()).await {
        Ok(pending) => pending,
        Err(error) => {
            return Since::Unknown(format!("the pending list could not be read: {error:#}"));
        }
    };
    let Some(app) = pending.into_iter().find(|p| p.app_id == app_id) else {
        return Since::Unknown(format!(
            "the app {app_id} has no version pending review, so no answer names its live version"
        ));
    };
    let Some(live_id) = app.live_version_id else {
        return Since::NewApp;
    };
    if version.version_id.as_deref() == Some(live_id.as_str()) {
        return Since::IsLive;
    }
    match connection
        .client
        .get_app_version(app_id, &live_id, args.lang.clone().into())
        .await
    {
        Ok(live) => Since::Live(Box::new(live)),
        Err(error) => Since::Unknown(format!(
            "the live version {live_id} could not be read: {}",
            crate::output::error_chain(&error)
        )),
    }
}

/// The "Contacts range" section: live -> requested, with counts and ids.
fn print_contacts(ranges: &Result<ContactsRanges, RangeFailure>) -> anyhow::Result<()> {
    outln!("\nContacts range (live -> requested):")?;
    let ranges = match ranges {
        Ok(ranges) => ranges,
        Err(failure) => return outln!("  unknown ({failure})"),
    };
    let live = match &ranges.live {
        Some(live) => range_text(live),
        None => vec!["none (no live version)".to_owned()],
    };
    let requested = match &ranges.requested {
        Some(requested) if !range_text(requested).is_empty() => range_text(requested),
        _ => vec!["no change".to_owned()],
    };
    for (label, lines) in [("live:     ", live), ("requested:", requested)] {
        for (i, line) in lines.iter().enumerate() {
            let label = if i == 0 { label } else { "          " };
            outln!("  {label} {line}")?;
        }
    }
    Ok(())
}

/// A range in lines: the kind with counts, then the ids of each kind.
fn range_text(range: &AppContactsRange) -> Vec<String> {
    let list = range.visible_list.as_ref();
    let kind = match range.contacts_scope_type.as_ref().map(ToString::to_string) {
        Some(kind) if kind == "all" => "all members".to_owned(),
        Some(kind) if kind == "equal_to_availability" => {
            "equal_to_availability (the people who can use the app)".to_owned()
        }
        Some(kind) => format!("{kind}: {}", list_summary(list)),
        None if list.is_some() => format!("some: {}", list_summary(list)),
        None => return Vec::new(),
    };
    let mut lines = vec![kind];
    if let Some(list) = list {
        for (name, ids) in [
            ("members", &list.open_ids),
            ("departments", &list.department_ids),
            ("groups", &list.group_ids),
        ] {
            if !ids.is_empty() {
                lines.push(format!("{name}: {}", ids.join(", ")));
            }
        }
    }
    lines
}

fn print_changes(
    version: &AppVersion,
    since: Since,
    ranges: Option<ContactsRanges>,
) -> anyhow::Result<()> {
    let live = match since {
        Since::Live(live) => live,
        Since::NewApp => return outln!("\nnew app: no live version"),
        Since::IsLive => return outln!("\nthis is the live version"),
        Since::Unknown(why) => return outln!("\nchanges: unknown ({why})"),
    };
    let changes = VersionChanges::between(&live, version);
    let changes = match &ranges {
        Some(ranges) => ranges.apply(changes),
        None => changes,
    };
    outln!(
        "\nChanges since live version {} ({}):",
        text(&live.version_id),
        text(&live.version)
    )?;
    if changes.is_empty() {
        return outln!("  none");
    }
    for scope in &changes.scopes_added {
        outln!("  + scope {} (level {})", scope.scope, level(scope.level))?;
    }
    for scope in &changes.scopes_removed {
        outln!("  - scope {} (level {})", scope.scope, level(scope.level))?;
    }
    for change in &changes.scope_levels_changed {
        outln!(
            "  ~ scope {}: level {} -> {}",
            change.scope,
            level(change.from),
            level(change.to)
        )?;
    }
    for (sign, list) in [
        ("+ ability", &changes.abilities_added),
        ("- ability", &changes.abilities_removed),
        ("~ ability", &changes.abilities_changed),
        ("+ event", &changes.events_added),
        ("- event", &changes.events_removed),
    ] {
        for item in list {
            outln!("  {sign} {item}")?;
        }
    }
    let visibility = match changes.visibility {
        Visibility::Widened => Some("widened (more people can see the app)"),
        Visibility::Narrowed => Some("narrowed (fewer people can see the app)"),
        Visibility::Changed => Some("changed (some gain it, others lose it)"),
        _ => None,
    };
    if let Some(visibility) = visibility {
        outln!("  visibility {visibility}")?;
    }
    let contacts = match changes.contacts_range {
        Visibility::Widened => Some("widened (more people's directory data)"),
        Visibility::Narrowed => Some("narrowed (fewer people's directory data)"),
        Visibility::Changed => Some("changed (some gain directory access, others lose it)"),
        _ => None,
    };
    if let Some(contacts) = contacts {
        outln!("  contacts range {contacts}")?;
    }
    if ranges.is_none() {
        outln!("  contacts range: unknown (see above)")?;
    }
    for host in &changes.hosts_changed {
        let url = |url: &Option<String>| url.clone().unwrap_or_else(|| "-".into());
        outln!(
            "  host of {}: {} -> {}",
            host.field,
            url(&host.from),
            url(&host.to)
        )?;
    }
    if changes.names_changed {
        outln!("  name or description changed")?;
    }
    Ok(())
}

/// Epoch seconds as RFC 3339 UTC (`2023-08-06T01:10:22Z`); anything else as Feishu sent it.
fn time_text(value: &Option<String>) -> String {
    let Some(raw) = value.as_deref().filter(|v| !v.is_empty()) else {
        return "-".into();
    };
    match raw.parse::<u64>() {
        Ok(secs) => {
            humantime::format_rfc3339_seconds(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
                .to_string()
        }
        Err(_) => raw.to_owned(),
    }
}

fn level(level: Option<feishu_application::types::ScopeLevel>) -> String {
    level.map_or_else(|| "unknown".to_owned(), |l| l.to_string())
}

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}

fn print_version(version: &AppVersion) -> anyhow::Result<()> {
    outln!(
        "{} {} ({})",
        text(&version.app_name),
        text(&version.version),
        text(&version.version_id)
    )?;
    outln!("app:         {}", text(&version.app_id))?;
    let status = version
        .status
        .as_ref()
        .and_then(|s| s.description())
        .unwrap_or("unknown");
    outln!("status:      {status}")?;
    outln!("description: {}", text(&version.description))?;
    outln!("created:     {}", time_text(&version.create_time))?;
    outln!("published:   {}", time_text(&version.publish_time))?;

    let mut scopes = table(&["SCOPE", "LEVEL", "TOKEN TYPES", "DESCRIPTION"]);
    for scope in &version.scopes {
        let token_types: Vec<String> = scope.token_types.iter().map(|t| t.to_string()).collect();
        scopes.add_row(vec![
            text(&scope.scope).to_string(),
            level_name(scope.level.as_ref()),
            token_types.join(", "),
            text(&scope.description).to_string(),
        ]);
    }
    outln!("\nscopes ({}):\n{scopes}", version.scopes.len())?;

    let abilities = version
        .ability
        .as_ref()
        .map(ability_names)
        .unwrap_or_default();
    outln!(
        "\nabilities:   {}",
        if abilities.is_empty() {
            "-".into()
        } else {
            abilities.join(", ")
        }
    )?;
    let events: Vec<&str> = version
        .event_infos
        .iter()
        .filter_map(|e| e.event_type.as_deref())
        .collect();
    let events = if events.is_empty() {
        version.events.iter().map(String::as_str).collect()
    } else {
        events
    };
    outln!(
        "events:      {}",
        if events.is_empty() {
            "-".into()
        } else {
            events.join(", ")
        }
    )?;

    let remark = version.remark.as_ref();
    outln!("remark:      {}", remark.map_or("-", |r| text(&r.remark)))?;
    outln!(
        "update note: {}",
        remark.map_or("-", |r| text(&r.update_remark))
    )?;
    match remark.and_then(|r| r.visibility.as_ref()) {
        None => outln!("visibility:  no suggestion")?,
        Some(visibility) if visibility.is_all == Some(true) => outln!("visibility:  everyone")?,
        Some(visibility) => {
            outln!(
                "visibility:  {}",
                list_summary(visibility.visible_list.as_ref())
            )?;
            outln!(
                "hidden from: {}",
                list_summary(visibility.invisible_list.as_ref())
            )?;
        }
    }
    Ok(())
}

fn ability_names(ability: &AppAbility) -> Vec<&'static str> {
    [
        (ability.gadget.is_some(), "mini program"),
        (ability.web_app.is_some(), "web app"),
        (ability.bot.is_some(), "bot"),
        (!ability.workplace_widgets.is_empty(), "workplace widgets"),
        (ability.navigate.is_some(), "main navigation"),
        (ability.cloud_doc.is_some(), "cloud doc"),
        (!ability.docs_blocks.is_empty(), "doc blocks"),
        (ability.message_action.is_some(), "message action"),
        (ability.plus_menu.is_some(), "plus menu"),
    ]
    .into_iter()
    .filter_map(|(present, name)| present.then_some(name))
    .collect()
}

fn list_summary(list: Option<&AppVisibleList>) -> String {
    let Some(list) = list else { return "-".into() };
    format!(
        "{} member(s), {} department(s), {} group(s)",
        list.open_ids.len(),
        list.department_ids.len(),
        list.group_ids.len()
    )
}
