//! `cargo xtask docs fetch` and `docs sync`: arguments, output and exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use feishu_docs::{FetchConfig, OutputFormat, PageReport, Status, fetch};

/// Runs `cargo xtask docs fetch ARGS...` (`args` starts after `fetch`).
#[must_use]
pub(crate) fn run(args: &[String]) -> ExitCode {
    let result = parse_args(args).and_then(
        |Parsed {
             config,
             format,
             summary,
         }| {
            if summary.is_some() {
                bail!("--summary is an option of docs sync");
            }
            let reports = fetch(&config)?;
            print_reports(&reports, format)?;
            Ok(exit_code(&reports, config.check))
        },
    );
    match result {
        Ok(code) => code,
        Err(error) => {
            crate::errln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// 2 when a page failed (said in one `error:` line); with `--check`, 1 when a page is newer
/// upstream; else 0.
#[must_use]
pub(crate) fn exit_code(reports: &[PageReport], check: bool) -> ExitCode {
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
pub(crate) fn run_sync(args: &[String]) -> ExitCode {
    let result = parse_args(args).and_then(
        |Parsed {
             config,
             format,
             summary,
         }| {
            if config.check || !config.pages.is_empty() || format == OutputFormat::Json {
                bail!("docs sync takes --base-url URL, --timeout SECS and --summary FILE only");
            }
            let report = super::sync::sync(&config)?;
            let text = super::sync::summary(&report);
            match summary {
                Some(path) => std::fs::write(&path, &text)
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
                crate::errln!(
                    "error: generating the client failed, the spec was restored: {error}"
                );
            }
            say_failures(&report.docs.pages);
            Ok(if report.failed() {
                ExitCode::from(2)
            } else if report.docs.fix.left.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        },
    );
    match result {
        Ok(code) => code,
        Err(error) => {
            crate::errln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

struct Parsed {
    config: FetchConfig,
    format: OutputFormat,
    summary: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> anyhow::Result<Parsed> {
    let mut config = FetchConfig::workspace(&crate::root());
    let mut format = OutputFormat::Text;
    let mut summary = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => config.check = true,
            "--timeout" => match iter.next().map(|secs| secs.parse::<f64>()) {
                Some(Ok(secs)) if secs > 0.0 && secs <= 600.0 => {
                    config.timeout = std::time::Duration::from_secs_f64(secs);
                }
                _ => bail!("--timeout takes seconds per request, more than 0 and at most 600"),
            },
            "--summary" => match iter.next() {
                Some(path) => summary = Some(PathBuf::from(path)),
                None => bail!("--summary needs a file"),
            },
            "--base-url" => match iter.next() {
                Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                    config.base_url.clone_from(url);
                }
                Some(other) => bail!("--base-url takes an http:// or https:// URL, not `{other}`"),
                None => bail!("--base-url needs a URL"),
            },
            "--format" => {
                format = OutputFormat::parse(iter.next().map(String::as_str))?;
            }
            flag if flag.starts_with("--") => bail!("unknown option `{flag}`"),
            page => config.pages.push(PathBuf::from(page)),
        }
    }
    Ok(Parsed {
        config,
        format,
        summary,
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
