//! `feishu-review fake` (not implemented yet).

use std::process::ExitCode;

/// Options of `feishu-review fake`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `feishu-review fake`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`fake` is not implemented yet")
}
