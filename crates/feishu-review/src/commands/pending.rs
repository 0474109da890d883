//! `feishu-review pending`: every version waiting for review, one line each.

use std::process::ExitCode;

use feishu_application::types::Application;
use futures::TryStreamExt as _;
use serde::Serialize;

use crate::connection::Connection;
use crate::output::{LangArg, OutputArgs, ScopeCounts, print_json, progress, table};

/// Options of `feishu-review pending`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  feishu-review pending\n  feishu-review pending --lang zh_cn --json"
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

/// Runs `feishu-review pending`.
pub(crate) async fn run(
    args: Args,
    connection: Connection,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    let pending = fetch(&connection, args.lang).await?;
    if output.json {
        print_json(&pending)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = table(&["APP", "NAME", "VERSION", "SCOPES", "CREATOR"]);
    for version in &pending {
        rows.add_row(vec![
            version.app_id.clone(),
            version.app_name.clone().unwrap_or_default(),
            version.version_id.clone(),
            version.scopes.to_string(),
            version.creator_id.clone().unwrap_or_default(),
        ]);
    }
    println!("{rows}");
    println!("{} version(s) pending review", pending.len());
    Ok(ExitCode::SUCCESS)
}
