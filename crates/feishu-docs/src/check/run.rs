//! `docs check`: the facts and examples of pages against the spec.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::anyhow;

use crate::check::report::Finding;
use crate::check::{compare, examples};
use crate::facts::model::Attr;
use crate::facts::page::{Page, load};
use crate::pages::{DOCS_DIR, display_name, pages_in};
use crate::spec_doc::SpecDoc;

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
            spec: root.join(crate::pages::SPEC_PATH),
            pages: Vec::new(),
            root: root.to_path_buf(),
        }
    }
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
