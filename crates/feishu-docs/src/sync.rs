//! `docs sync`: `fetch` + `check --fix`, and a summary a pull request can carry: the pages
//! that changed, their `docs diff` facts, what was applied to the spec and what is left for a
//! human. Regenerating the client after it is the caller's (`cargo xtask docs sync` runs
//! `generate` and adds what the client changes to the summary).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::check::CheckConfig;
use crate::diff::{changes_text, diff};
use crate::facts::page::parse;
use crate::fetch::{FetchConfig, PageReport, Status, fetch};
use crate::fix::{FixReport, fix};
use crate::pages::{DOCS_DIR, display_name, pages_in};

/// What `docs sync` did.
#[derive(Debug)]
pub struct SyncReport {
    /// One report per page fetched.
    pub pages: Vec<PageReport>,
    /// The facts each updated page adds, removes and changes (`docs diff` text, per page).
    pub diffs: BTreeMap<String, String>,
    /// What `check --fix` applied and left.
    pub fix: FixReport,
}

impl SyncReport {
    /// True when a page failed to download.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.pages
            .iter()
            .any(|page| matches!(page.status, Status::Failed { .. }))
    }
}

/// Fetches the pages and applies what they say to the spec (the client is not regenerated).
///
/// # Errors
///
/// When the pages or the spec cannot be read or written (a page the portal fails to serve
/// is reported, not an error).
pub fn sync(config: &FetchConfig) -> anyhow::Result<SyncReport> {
    let before: BTreeMap<PathBuf, String> = pages_in(&config.root.join(DOCS_DIR))?
        .into_iter()
        .filter_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)))
        .collect();
    let pages = fetch(config)?;
    let mut diffs = BTreeMap::new();
    for (path, old_text) in &before {
        let name = display_name(path, &config.root);
        let updated = pages
            .iter()
            .any(|page| page.page == name && matches!(page.status, Status::Updated { .. }));
        if !updated {
            continue;
        }
        let new_text = std::fs::read_to_string(path)?;
        let text = match (parse(old_text, &name), parse(&new_text, &name)) {
            (Ok(old), Ok(new)) => {
                changes_text(&diff(&old, &new), &format!("{name} (before)"), &name)
            }
            // Fetch only writes what reads as a page, so this is a stored page gone bad: say
            // so rather than leave the page out.
            (Err(error), _) | (_, Err(error)) => format!("not compared: {error:#}\n"),
        };
        diffs.insert(name.clone(), text);
    }
    let fixed = fix(&CheckConfig::workspace(&config.root))?;
    Ok(SyncReport {
        pages,
        diffs,
        fix: fixed,
    })
}

/// The report as markdown for a pull request's body; a caller that regenerates the client
/// appends its own section.
#[must_use]
pub fn summary(report: &SyncReport) -> String {
    let mut out = String::from("# Feishu doc sync\n\n## Pages\n\n");
    for page in &report.pages {
        let _ = writeln!(out, "- {}", page.line());
    }
    if !report.diffs.is_empty() {
        out.push_str("\n## What the pages say now (`cargo xtask docs diff`)\n");
        for (page, text) in &report.diffs {
            let _ = write!(out, "\n### `{page}`\n\n```text\n{text}```\n");
        }
    }
    out.push_str("\n## Applied to the spec (`cargo xtask docs check --fix`)\n\n");
    if report.fix.applied.is_empty() {
        out.push_str("Nothing.\n");
    }
    for applied in &report.fix.applied {
        let _ = writeln!(
            out,
            "- `{}:{}` `{}`: {}",
            applied.page, applied.line, applied.fact, applied.edit
        );
    }
    out.push_str("\n## Left for a human\n\n");
    if report.fix.left.is_empty() {
        out.push_str("Nothing: `cargo xtask docs check` is clean.\n");
    }
    for left in &report.fix.left {
        let finding = &left.finding;
        let _ = writeln!(
            out,
            "- `{}:{}` {} `{}`: {} Not applied: {}",
            finding.page,
            finding.line,
            finding.kind.as_str(),
            finding.fact,
            finding.message,
            left.reason
        );
    }
    out
}
