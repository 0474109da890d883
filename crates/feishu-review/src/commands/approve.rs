//! `feishu-review approve APP_ID VERSION_ID --operator OPEN_ID`.

use std::process::ExitCode;

use serde_json::json;

use crate::connection::Connection;
use crate::output::{OutputArgs, print_json};
use crate::stdout::outln;

/// Options of `feishu-review approve`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  feishu-review approve cli_a1b2c3 oav_0123 --operator ou_4065981088f8ef67a504ba8bd6b24d85"
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
}

/// Runs `feishu-review approve`.
pub(crate) async fn run(
    args: Args,
    connection: Connection,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    let operator = super::operator(args.operator, &connection)?;
    connection
        .client
        .approve(&args.app_id, &args.version_id, &operator)
        .await?;
    if output.json {
        print_json(
            &json!({"app_id": args.app_id.as_str(), "version_id": args.version_id.as_str(), "status": "approved"}),
        )?;
    } else {
        outln!("approved {} {}", args.app_id, args.version_id)?;
    }
    Ok(ExitCode::SUCCESS)
}
