//! `cargo xtask docs check [--fix]`: the findings, or the fix's report and the regeneration
//! after it.

use std::fmt::Write as _;

use anyhow::Context as _;
use feishu_docs::{CheckConfig, FixReport, OutputFormat, check, findings_json, findings_text, fix};

use crate::flags::Check;
use crate::stdout::print;

/// `Ok(true)` when clean.
pub(super) fn run(args: &Check) -> anyhow::Result<bool> {
    let root = crate::root();
    let mut config = CheckConfig::workspace(&root);
    if let Some(spec) = &args.spec {
        config.spec.clone_from(spec);
    }
    config.pages.clone_from(&args.pages);
    if args.fix {
        return run_fix(&config, args.spec.is_none(), args.format);
    }
    let findings = check(&config)?;
    match args.format {
        OutputFormat::Json => print(&findings_json(&findings)?)?,
        OutputFormat::Text => {
            print(&findings_text(&findings))?;
            if findings.is_empty() {
                crate::errln!("docs check: the spec covers every fact and example of the pages");
            } else {
                crate::errln!("docs check: {} finding(s)", findings.len());
            }
        }
    }
    Ok(findings.is_empty())
}

/// Runs the fix; `Ok(true)` when nothing is left. `generate`: regenerate the client of the
/// root afterwards (the workspace's spec; not for `--spec FILE`).
fn run_fix(config: &CheckConfig, generate: bool, format: OutputFormat) -> anyhow::Result<bool> {
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
fn report_text(report: &FixReport) -> String {
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
