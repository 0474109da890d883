//! `cargo xtask docs fetch`'s arguments, output and exit codes.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::fetch::{FetchConfig, PageReport, Status, fetch};
use super::report::OutputFormat;

/// Runs `cargo xtask docs fetch ARGS...` (`args` starts after `fetch`).
#[must_use]
pub(crate) fn run(args: &[String]) -> ExitCode {
    let result = parse_args(args).and_then(|(config, format)| {
        let reports = fetch(&config)?;
        print_reports(&reports, format)?;
        Ok(exit_code(&reports, config.check))
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// 2 when a page failed; with `--check`, 1 when a page is newer upstream; else 0.
#[must_use]
pub(crate) fn exit_code(reports: &[PageReport], check: bool) -> ExitCode {
    if reports
        .iter()
        .any(|report| matches!(report.status, Status::Failed { .. }))
    {
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

fn parse_args(args: &[String]) -> anyhow::Result<(FetchConfig, OutputFormat)> {
    let mut config = FetchConfig::workspace(&super::root());
    let mut format = OutputFormat::Text;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => config.check = true,
            "--base-url" => match iter.next() {
                Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                    config.base_url.clone_from(url);
                }
                Some(other) => bail!("--base-url takes an http:// or https:// URL, not `{other}`"),
                None => bail!("--base-url needs a URL"),
            },
            "--format" => {
                format = match iter.next().map(String::as_str) {
                    Some("text") => OutputFormat::Text,
                    Some("json") => OutputFormat::Json,
                    Some(other) => bail!("--format takes text or json, not `{other}`"),
                    None => bail!("--format needs a value: text or json"),
                };
            }
            flag if flag.starts_with("--") => bail!("unknown option `{flag}`"),
            page => config.pages.push(PathBuf::from(page)),
        }
    }
    Ok((config, format))
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
    let mut stdout = std::io::stdout().lock();
    // A reader that went away (closed pipe) ends the output quietly.
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    Ok(())
}
