//! `cargo xtask docs check --fix`'s output, and the regeneration after it.

use std::fmt::Write as _;

use anyhow::Context as _;

use crate::stdout::print;
use feishu_docs::{CheckConfig, FixReport, OutputFormat, findings_text, fix};

/// Runs the fix; `Ok(true)` when nothing is left. `generate`: regenerate the client of the
/// root afterwards (the workspace's spec; not for `--spec FILE`).
pub(crate) fn run_fix(
    config: &CheckConfig,
    generate: bool,
    format: OutputFormat,
) -> anyhow::Result<bool> {
    let report = fix(config)?;
    let generated = if generate && !report.applied.is_empty() {
        regenerate(config, &report)?
    } else {
        Vec::new()
    };
    match format {
        OutputFormat::Json => {
            let mut text = serde_json::to_string_pretty(&report)?;
            text.push('\n');
            print(&text)?;
        }
        OutputFormat::Text => print(&report_text(&report))?,
    }
    for path in &generated {
        crate::errln!("wrote {}", path.display());
    }
    if !generate && !report.applied.is_empty() {
        crate::errln!("docs check --fix: the spec changed: run `cargo xtask generate`");
    }
    crate::errln!(
        "docs check --fix: {} applied, {} left",
        report.applied.len(),
        report.left.len()
    );
    Ok(report.left.is_empty())
}

/// `cargo xtask generate` on the fixed spec; when it fails, the spec is put back.
fn regenerate(config: &CheckConfig, report: &FixReport) -> anyhow::Result<Vec<std::path::PathBuf>> {
    match crate::generate(&config.root, crate::Mode::Write) {
        Ok(crate::Outcome::Written(paths)) => Ok(paths),
        Ok(_) => Ok(Vec::new()),
        Err(error) => {
            std::fs::write(&config.spec, &report.original_spec)
                .with_context(|| format!("restoring {}", config.spec.display()))?;
            Err(error.context(
                "the fixed spec does not generate a client; the spec was restored, edit it by hand",
            ))
        }
    }
}

/// `fixed page:line: fact: edit` lines, then the findings left, each with why.
pub(crate) fn report_text(report: &FixReport) -> String {
    let mut out = String::new();
    for applied in &report.applied {
        let _ = writeln!(
            out,
            "fixed {}:{}: {}: {}",
            applied.page, applied.line, applied.fact, applied.edit
        );
    }
    for left in &report.left {
        out.push_str(&findings_text(std::slice::from_ref(&left.finding)));
        let _ = writeln!(out, "  not applied: {}", left.reason);
    }
    out
}
