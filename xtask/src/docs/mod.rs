//! `cargo xtask docs check|diff`: the Feishu pages in `spec/docs/` against the spec.
//!
//! A page (markdown tables, HTML `md-dt` tables or the older plain-text scrape) is read into
//! [`Fact`]s with their page lines; `check` finds the page's operation in the spec by method
//! and path and reports every fact the spec lacks or contradicts, and every JSON example that
//! does not validate; `diff` compares the facts of two versions of a page.

mod add;
mod add_cli;
mod cli;
mod compare;
mod description_facts;
mod diff;
mod examples;
mod fact_model;
mod fetch;
mod fetch_cli;
mod field_match;
mod fix;
mod fix_cli;
mod fix_derive;
mod fix_page;
mod html;
mod layout;
mod legacy;
mod markdown;
mod nesting;
mod page;
mod page_facts;
mod portal;
mod report;
mod scrape;
mod spec_doc;
mod stored;
mod sync;
mod yaml_edit;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};

pub use add::{AddConfig, AddReport, Note, OPERATION_ID_RULE, Outcome, add};
pub use cli::run;
pub use diff::{Change, ChangeKind, Side, changes_text, diff};
pub use fact_model::{Attr, Fact, Origin};
pub use fetch::{CONCURRENCY, DEFAULT_BASE_URL, FetchConfig, PageReport, Status, fetch};
pub use fix::{Applied, FixReport, Left, fix};
pub use layout::{Example, ExampleKind};
pub use page::{Format, Page, load, parse};
pub use report::{Finding, Kind, OutputFormat, findings_json, findings_text};
pub use sync::{SyncReport, summary, sync};

use spec_doc::SpecDoc;

/// Where the pages live, relative to the workspace root.
pub const DOCS_DIR: &str = "spec/docs";

/// What `docs check` reads.
#[derive(Clone, Debug)]
pub struct CheckConfig {
    /// The spec to check against.
    pub spec: PathBuf,
    /// The pages; empty means every page in [`DOCS_DIR`].
    pub pages: Vec<PathBuf>,
    /// The workspace root: pages under it are named relative to it.
    pub root: PathBuf,
}

impl CheckConfig {
    /// The workspace's spec and every page of `spec/docs/`.
    #[must_use]
    pub fn workspace(root: &Path) -> CheckConfig {
        CheckConfig {
            spec: root.join(crate::SPEC_PATH),
            pages: Vec::new(),
            root: root.to_path_buf(),
        }
    }
}

/// Every page file in `dir` (all files but `README.md`), sorted.
///
/// # Errors
///
/// When the folder cannot be read.
pub fn pages_in(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("reading {}", dir.display()))?
            .path();
        if path.is_file() && path.file_name().is_some_and(|name| name != "README.md") {
            pages.push(path);
        }
    }
    pages.sort();
    Ok(pages)
}

/// Checks the pages against the spec; the findings are sorted by page and line.
///
/// Where several pages (checked ones and those of `spec/docs/`) describe one operation, the
/// newest by its header date is current: an older page's facts that a newer page states with
/// another value are history and not checked; the rest of the older page is.
///
/// # Errors
///
/// When the spec or a page cannot be read, a page is in no known format, or a page's
/// operation (method and path) is not in the spec. The error names the page.
pub fn check(config: &CheckConfig) -> anyhow::Result<Vec<Finding>> {
    let spec = SpecDoc::load(&config.spec)?;
    let validator = feishu_validate::Validator::from_spec_str(&spec.text)
        .map_err(|error| anyhow!("{}: {error}", config.spec.display()))?;
    let paths = if config.pages.is_empty() {
        pages_in(&config.root.join(DOCS_DIR))?
    } else {
        config.pages.clone()
    };
    let mut pages = Vec::new();
    for path in &paths {
        let page = load(path, &display_name(path, &config.root))?;
        let operation = spec.operation(&page.method, &page.path).ok_or_else(|| {
            anyhow!(
                "{}:{}: the page's operation `{} {}` is not in the spec {}",
                page.file,
                page.line,
                page.method,
                page.path,
                config.spec.display()
            )
        })?;
        pages.push((page, operation));
    }
    let reference = reference_pages(config, &paths);
    let mut findings = Vec::new();
    for (page, operation) in &pages {
        let skip = superseded(page, pages.iter().map(|(page, _)| page).chain(&reference));
        findings.extend(compare::compare(page, &spec, operation, &skip));
        findings.extend(examples::check(page, &spec, &validator, operation));
    }
    findings.sort_by(|a, b| (&a.page, a.line).cmp(&(&b.page, b.line)));
    Ok(findings)
}

/// The pages of `spec/docs/` not being checked: they still tell which page of an operation
/// is current. One that does not read is left out here; checking it names the problem.
fn reference_pages(config: &CheckConfig, checked: &[PathBuf]) -> Vec<Page> {
    let checked: HashSet<PathBuf> = checked
        .iter()
        .filter_map(|path| std::path::absolute(path).ok())
        .collect();
    pages_in(&config.root.join(DOCS_DIR))
        .unwrap_or_default()
        .iter()
        .filter(|path| std::path::absolute(path).is_ok_and(|path| !checked.contains(&path)))
        .filter_map(|path| load(path, &display_name(path, &config.root)).ok())
        .collect()
}

/// The facts of `page` that a newer page of the same operation states with another value
/// (dates compare as `YYYY-MM-DD` text; a page without a date is older than any dated one).
fn superseded<'p>(
    page: &Page,
    all: impl Iterator<Item = &'p Page>,
) -> HashSet<(String, Attr, String)> {
    let mut skip = HashSet::new();
    for newer in all {
        let is_newer =
            newer.method == page.method && newer.path == page.path && newer.updated > page.updated;
        if !is_newer {
            continue;
        }
        for fact in &page.facts {
            if newer
                .facts
                .iter()
                .any(|other| other.key() == fact.key() && other.value != fact.value)
            {
                skip.insert(fact.key());
            }
        }
    }
    skip
}

/// A page's name in findings: relative to the workspace root when under it.
fn display_name(path: &Path, root: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
