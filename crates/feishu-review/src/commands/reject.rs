//! `feishu-review reject APP_ID VERSION_ID --operator OPEN_ID --reason TEXT`.

use std::process::ExitCode;

use serde_json::json;

use crate::connection::Connection;
use crate::output::{OutputArgs, print_json};
use crate::stdout::outln;

/// Options of `feishu-review reject`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  feishu-review reject cli_a1b2c3 oav_0123 --operator ou_4065981088f8ef67a504ba8bd6b24d85 --reason \"asks for contact:user.phone\""
)]
pub(crate) struct Args {
    /// The app id.
    #[arg(value_parser = feishu_application::AppId::parse)]
    pub app_id: feishu_application::AppId,
    /// The version id.
    #[arg(value_parser = feishu_application::VersionId::parse)]
    pub version_id: feishu_application::VersionId,
    /// The reviewer's open_id (optional against the embedded fake).
    #[arg(long)]
    pub operator: Option<String>,
    /// Why; the developer sees it. Required.
    #[arg(long, required = true)]
    pub reason: String,
}

/// Runs `feishu-review reject`.
pub(crate) async fn run(
    args: Args,
    connection: Connection,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        !args.reason.trim().is_empty(),
        "--reason must not be empty: the developer needs to know why"
    );
    let operator = super::operator(args.operator, &connection)?;
    connection
        .client
        .reject(&args.app_id, &args.version_id, &operator, &args.reason)
        .await?;
    if output.json {
        print_json(&json!({
            "app_id": args.app_id.as_str(), "version_id": args.version_id.as_str(),
            "status": "rejected", "reason": args.reason
        }))?;
    } else {
        outln!(
            "rejected {} {}: {}",
            args.app_id,
            args.version_id,
            args.reason
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
