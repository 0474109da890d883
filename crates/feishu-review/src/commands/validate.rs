//! `feishu-review validate` (not implemented yet).

use std::process::ExitCode;

/// Options of `feishu-review validate`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `feishu-review validate`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`validate` is not implemented yet")
}
