//! `feishu-review show APP_ID VERSION_ID`: one version in full.

use std::process::ExitCode;

use feishu_application::types::{AppAbility, AppVersion, AppVisibleList};

use crate::connection::Connection;
use crate::output::{LangArg, OutputArgs, level_name, print_json, table};

/// Options of `feishu-review show`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  feishu-review show cli_a1b2c3 oav_0123\n  feishu-review show cli_a1b2c3 oav_0123 --json"
)]
pub(crate) struct Args {
    /// The app id (`me` for the calling app).
    pub app_id: String,
    /// The version id.
    pub version_id: String,
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
        .get_app_version(&args.app_id, &args.version_id, args.lang.into())
        .await?;
    if output.json {
        print_json(&version)?;
    } else {
        print_version(&version);
    }
    Ok(ExitCode::SUCCESS)
}

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}

fn print_version(version: &AppVersion) {
    println!(
        "{} {} ({})",
        text(&version.app_name),
        text(&version.version),
        text(&version.version_id)
    );
    println!("app:         {}", text(&version.app_id));
    let status = version
        .status
        .as_ref()
        .and_then(|s| s.description())
        .unwrap_or("unknown");
    println!("status:      {status}");
    println!("description: {}", text(&version.description));
    println!("created:     {}", text(&version.create_time));

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
    println!("\nscopes ({}):\n{scopes}", version.scopes.len());

    let abilities = version
        .ability
        .as_ref()
        .map(ability_names)
        .unwrap_or_default();
    println!(
        "\nabilities:   {}",
        if abilities.is_empty() {
            "-".into()
        } else {
            abilities.join(", ")
        }
    );
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
    println!(
        "events:      {}",
        if events.is_empty() {
            "-".into()
        } else {
            events.join(", ")
        }
    );

    let remark = version.remark.as_ref();
    println!("remark:      {}", remark.map_or("-", |r| text(&r.remark)));
    println!(
        "update note: {}",
        remark.map_or("-", |r| text(&r.update_remark))
    );
    match remark.and_then(|r| r.visibility.as_ref()) {
        None => println!("visibility:  no suggestion"),
        Some(visibility) if visibility.is_all == Some(true) => println!("visibility:  everyone"),
        Some(visibility) => {
            println!(
                "visibility:  {}",
                list_summary(visibility.visible_list.as_ref())
            );
            println!(
                "hidden from: {}",
                list_summary(visibility.invisible_list.as_ref())
            );
        }
    }
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
