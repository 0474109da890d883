//! `cargo xtask docs fetch` and `docs sync`: output and exit codes.

use std::process::ExitCode;

use anyhow::Context as _;

use feishu_docs::{FetchConfig, OutputFormat, PageReport, Status, fetch};

use crate::flags::{Fetch, Portal, Sync};

/// Runs `cargo xtask docs fetch`.
#[must_use]
pub(super) fn run(args: &Fetch) -> ExitCode {
    or_exit_2(run_fetch(args))
}

fn run_fetch(args: &Fetch) -> anyhow::Result<ExitCode> {
    let mut config = config(&args.portal);
    config.check = args.check;
    config.pages.clone_from(&args.pages);
    let reports = fetch(&config)?;
    print_reports(&reports, args.format)?;
    Ok(exit_code(&reports, config.check))
}

/// The command's exit code, or, on an error, one `error:` line and 2.
fn or_exit_2(result: anyhow::Result<ExitCode>) -> ExitCode {
    result.unwrap_or_else(|error| {
        crate::errln!("error: {error:#}");
        ExitCode::from(2)
    })
}

/// The workspace's pages, from the portal and with the timeout `portal` names.
fn config(portal: &Portal) -> FetchConfig {
    let mut config = FetchConfig::workspace(&crate::root());
    if let Some(url) = &portal.base_url {
        config.base_url.clone_from(url);
    }
    if let Some(timeout) = portal.timeout {
        config.timeout = timeout;
    }
    config
}

/// 2 when a page failed (said in one `error:` line); with `--check`, 1 when a page is newer
/// upstream; else 0.
fn exit_code(reports: &[PageReport], check: bool) -> ExitCode {
    if say_failures(reports) {
        ExitCode::from(2)
    } else if check
        && reports
            .iter()
            .any(|report| matches!(report.status, Status::Newer { .. }))
    {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether a page failed; if one did, says so in one `error:` line naming the first and why.
fn say_failures(reports: &[PageReport]) -> bool {
    let mut failed = reports
        .iter()
        .filter(|report| matches!(report.status, Status::Failed { .. }));
    let Some(first) = failed.next() else {
        return false;
    };
    crate::errln!(
        "error: {} of {} page(s) could not be fetched; the first: {}",
        failed.count() + 1,
        reports.len(),
        first.line()
    );
    true
}

/// Runs `cargo xtask docs sync ARGS...`: exit 0 when the spec covers the pages, 1 when
/// findings are left for a human, 2 when a page or `generate` failed.
#[must_use]
pub(super) fn run_sync(args: &Sync) -> ExitCode {
    or_exit_2(sync(args))
}

fn sync(args: &Sync) -> anyhow::Result<ExitCode> {
    let config = config(&args.portal);
    let report = super::sync::sync(&config)?;
    let text = super::sync::summary(&report);
    match &args.summary {
        Some(path) => std::fs::write(path, &text)
            .with_context(|| format!("writing the summary {}", path.display()))?,
        None => crate::stdout::print(&text)?,
    }
    crate::errln!(
        "docs sync: {} page(s) updated, {} applied, {} left",
        report
            .docs
            .pages
            .iter()
            .filter(|page| matches!(page.status, Status::Updated { .. }))
            .count(),
        report.docs.fix.applied.len(),
        report.docs.fix.left.len()
    );
    if let Some(error) = &report.generate_error {
        crate::errln!("error: generating the client failed, the spec was restored: {error}");
    }
    say_failures(&report.docs.pages);
    Ok(if report.failed() {
        ExitCode::from(2)
    } else if report.docs.fix.left.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_reports(reports: &[PageReport], format: OutputFormat) -> anyhow::Result<()> {
    let text = match format {
        OutputFormat::Json => {
            let mut text = serde_json::to_string_pretty(reports)?;
            text.push('\n');
            text
        }
        OutputFormat::Text => reports.iter().map(|report| report.line() + "\n").collect(),
    };
    crate::stdout::print(&text)
}
