//! `cargo xtask docs sync`: `fetch` + `check --fix` + `generate`, and a summary a pull request
//! can carry: the pages that changed, their `docs diff` facts, what was applied to the spec,
//! what is left for a human, and what the regenerated client changes for its users
//! (`api diff`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use super::diff::{changes_text, diff};
use super::fetch::{FetchConfig, PageReport, Status, fetch};
use super::fix::{FixReport, fix};
use super::page::parse;
use super::{CheckConfig, pages_in};

/// What `docs sync` did.
#[derive(Debug)]
pub struct SyncReport {
    /// One report per page fetched.
    pub pages: Vec<PageReport>,
    /// The facts each updated page adds, removes and changes (`docs diff` text, per page).
    pub diffs: BTreeMap<String, String>,
    /// What `check --fix` applied and left.
    pub fix: FixReport,
    /// The generated files rewritten.
    pub generated: Vec<PathBuf>,
    /// Why generating failed (the spec was then restored).
    pub generate_error: Option<String>,
    /// What the regeneration changes in the client's API (`api diff` against the generated
    /// files as they were), or why that could not be said; `None` when nothing was generated.
    pub api_change: Option<Result<crate::api::Report, String>>,
}

impl SyncReport {
    /// True when a page failed to download or generating failed.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.generate_error.is_some()
            || self
                .pages
                .iter()
                .any(|page| matches!(page.status, Status::Failed { .. }))
    }
}

/// Fetches the pages, applies what they say to the spec and regenerates the client.
///
/// # Errors
///
/// When the pages or the spec cannot be read or written (a page the portal fails to serve
/// is reported, not an error).
pub fn sync(config: &FetchConfig) -> anyhow::Result<SyncReport> {
    let before: BTreeMap<PathBuf, String> = pages_in(&config.root.join(super::DOCS_DIR))?
        .into_iter()
        .filter_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)))
        .collect();
    let pages = fetch(config)?;
    let mut diffs = BTreeMap::new();
    for (path, old_text) in &before {
        let name = super::display_name(path, &config.root);
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
    let check = CheckConfig::workspace(&config.root);
    let fixed = fix(&check)?;
    let (mut generated, mut generate_error, mut api_change) = (Vec::new(), None, None);
    if !fixed.applied.is_empty() {
        let before = crate::api::worktree_files(&config.root);
        match crate::generate(&config.root, crate::Mode::Write) {
            Ok(crate::Outcome::Written(paths)) => {
                generated = paths;
                api_change = Some(
                    before
                        .and_then(|before| crate::api::change_since(&before, &config.root))
                        .map_err(|error| format!("{error:#}")),
                );
            }
            Ok(_) => {}
            Err(error) => {
                std::fs::write(&check.spec, &fixed.original_spec)?;
                generate_error = Some(format!("{error:#}"));
            }
        }
    }
    Ok(SyncReport {
        pages,
        diffs,
        fix: fixed,
        generated,
        generate_error,
        api_change,
    })
}

/// The report as markdown for a pull request's body.
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
    out.push_str("\n## Client\n\n");
    match (&report.generate_error, report.generated.is_empty()) {
        (Some(error), _) => {
            let _ = writeln!(
                out,
                "`cargo xtask generate` failed, the spec was restored: {error}"
            );
        }
        (None, true) => out.push_str("Unchanged.\n"),
        (None, false) => {
            out.push_str("Regenerated by `cargo xtask generate`:\n\n");
            for path in &report.generated {
                let _ = writeln!(out, "- `{}`", path.display());
            }
        }
    }
    match &report.api_change {
        Some(Ok(change)) => {
            let _ = write!(
                out,
                "\nWhat it changes for users of the client (`cargo xtask api diff`):\n\n```text\n{}```\n",
                change.text()
            );
        }
        Some(Err(error)) => {
            let _ = writeln!(out, "\nThe API change could not be said: {error}");
        }
        None => {}
    }
    out
}
