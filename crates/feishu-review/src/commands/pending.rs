//! `feishu-review pending`: every version waiting for review, one line each, with what it
//! changes since the app's live version.

use std::process::ExitCode;

use feishu_application::changes::VersionChanges;
use feishu_application::types::{Application, Lang};
use futures::{StreamExt as _, TryStreamExt as _};
use serde::Serialize;

use crate::connection::Connection;
use crate::output::{LangArg, OutputArgs, ScopeCounts, error_chain, print_json, progress, table};
use crate::policy::summary;
use crate::stdout::outln;

/// Versions (and live versions) read at once for the CHANGES column.
const READS_AT_ONCE: usize = 8;

/// Options of `feishu-review pending`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The CHANGES column compares each pending version with the app's live version \
(`new app` when it has none); it reads both versions, the contacts range the version asks for \
and the app's live contacts range.\n\nExamples:\n  feishu-review pending\n  feishu-review pending --lang zh_cn --json"
)]
pub(crate) struct Args {
    /// Language of app names.
    #[arg(long, value_enum, default_value_t)]
    pub lang: LangArg,
}

/// One pending version, as `--json` prints it.
#[derive(Debug, Serialize)]
pub(crate) struct PendingVersion {
    /// The app.
    pub app_id: String,
    /// Its name in the chosen language.
    pub app_name: Option<String>,
    /// The version waiting for review.
    pub version_id: String,
    /// Who created the app.
    pub creator_id: Option<String>,
    /// The app's scopes by level.
    pub scopes: ScopeCounts,
    /// The app's version online; `None` for a new app.
    pub live_version_id: Option<String>,
}

impl PendingVersion {
    /// The pending version of `app`, if it has one.
    pub(crate) fn of(app: &Application) -> Option<Self> {
        Some(Self {
            app_id: app.app_id.clone()?,
            app_name: app.app_name.clone(),
            version_id: app.unaudit_version_id.clone().filter(|id| !id.is_empty())?,
            creator_id: app.creator_id.clone(),
            scopes: ScopeCounts::of(&app.scopes),
            live_version_id: app.online_version_id.clone().filter(|id| !id.is_empty()),
        })
    }
}

/// Every pending version, following all pages (a spinner on a terminal).
pub(crate) async fn fetch(
    connection: &Connection,
    lang: LangArg,
) -> anyhow::Result<Vec<PendingVersion>> {
    let bar = progress("fetching pending versions");
    let apps = connection
        .client
        .list_under_audit_apps(lang.into())
        .page_size(50)
        .items();
    let pending = apps
        .inspect_ok(|_| bar.inc(1))
        .try_filter_map(|app| async move { Ok(PendingVersion::of(&app)) })
        .try_collect()
        .await;
    bar.finish_and_clear();
    Ok(pending?)
}

/// What a pending version changes since the live version, or why that is unknown.
pub(crate) async fn changes_of(
    connection: &Connection,
    app_id: &str,
    version_id: &str,
    live_version_id: Option<&str>,
    lang: &Lang,
) -> Result<VersionChanges, String> {
    let client = &connection.client;
    let read = |id: &str| {
        let id = id.to_owned();
        async move {
            client
                .get_app_version(app_id, &id, lang.clone())
                .await
                .map_err(|error| format!("reading {id}: {}", error_chain(&error)))
        }
    };
    let pending = read(version_id).await?;
    let changes = match live_version_id {
        None => VersionChanges::new_app(&pending),
        Some(live) => VersionChanges::between(&read(live).await?, &pending),
    };
    let ranges = super::ranges::both(client, app_id, version_id, live_version_id.is_some())
        .await
        .map_err(|failure| format!("reading the contacts range: {failure}"))?;
    Ok(ranges.apply(changes))
}

/// A pending version and its changes, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    version: &'a PendingVersion,
    /// `null` when a version could not be read (see `changes_error`).
    changes: Option<VersionChanges>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes_error: Option<String>,
}

/// Runs `feishu-review pending`.
pub(crate) async fn run(
    args: Args,
    connection: Connection,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    let pending = fetch(&connection, args.lang.clone()).await?;
    let lang: Lang = args.lang.into();
    let bar = progress("reading pending and live versions");
    let listed: Vec<Listed<'_>> = futures::stream::iter(&pending)
        .map(|version| {
            let (connection, lang, bar) = (&connection, &lang, &bar);
            async move {
                let changes = changes_of(
                    connection,
                    &version.app_id,
                    &version.version_id,
                    version.live_version_id.as_deref(),
                    lang,
                )
                .await;
                bar.inc(1);
                let (changes, changes_error) = match changes {
                    Ok(changes) => (Some(changes), None),
                    Err(error) => (None, Some(error)),
                };
                Listed {
                    version,
                    changes,
                    changes_error,
                }
            }
        })
        .buffered(READS_AT_ONCE)
        .collect()
        .await;
    bar.finish_and_clear();
    if output.json {
        print_json(&listed)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = table(&["APP", "NAME", "VERSION", "SCOPES", "CHANGES", "CREATOR"]);
    for item in &listed {
        let version = item.version;
        let changes = match (&item.changes, &item.changes_error) {
            (Some(changes), _) => summary(changes),
            (None, error) => format!("unknown ({})", error.as_deref().unwrap_or("not read")),
        };
        rows.add_row(vec![
            version.app_id.clone(),
            version.app_name.clone().unwrap_or_default(),
            version.version_id.clone(),
            version.scopes.to_string(),
            changes,
            version.creator_id.clone().unwrap_or_default(),
        ]);
    }
    outln!("{rows}")?;
    outln!("{} version(s) pending review", pending.len())?;
    Ok(ExitCode::SUCCESS)
}
