//! `cargo xtask docs add|check|diff|facts|fetch|sync`: each command's output and exit code over
//! the `feishu-docs` crate; after a spec edit (`check --fix`, `sync`) xtask regenerates the
//! client.
//!
//! `add`, `check`, `fetch` and `sync` need the `docs` feature (example validation and the HTTP
//! client); a build without it (`cargo xtask`, so that `generate` compiles neither) runs them
//! through a build with it (`crate::reexec`).

#[cfg(feature = "docs")]
mod add;
#[cfg(feature = "docs")]
mod check;
mod diff;
#[cfg(feature = "docs")]
mod fetch;
#[cfg(feature = "docs")]
mod sync;

use std::process::ExitCode;

use crate::flags::DocsCommand;

/// Runs `cargo xtask docs COMMAND`.
#[must_use]
pub fn run(command: DocsCommand) -> ExitCode {
    match command {
        DocsCommand::Diff(args) => exit(diff::run_diff(&args)),
        DocsCommand::Facts(args) => exit(diff::run_facts(&args)),
        #[cfg(feature = "docs")]
        DocsCommand::Check(args) => exit(check::run(&args)),
        #[cfg(feature = "docs")]
        DocsCommand::Fetch(args) => fetch::run(&args),
        #[cfg(feature = "docs")]
        DocsCommand::Sync(args) => fetch::run_sync(&args),
        #[cfg(feature = "docs")]
        DocsCommand::Add(args) => exit(add::run(&args)),
        #[cfg(not(feature = "docs"))]
        DocsCommand::Check(_)
        | DocsCommand::Fetch(_)
        | DocsCommand::Sync(_)
        | DocsCommand::Add(_) => crate::reexec::with_docs_feature(),
    }
}

/// `Ok(true)` → 0, `Ok(false)` → 1, an error → one `error:` line and 2.
fn exit(result: anyhow::Result<bool>) -> ExitCode {
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            crate::errln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
