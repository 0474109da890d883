//! Where a repository keeps its spec and pages, and how pages are listed and named.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The spec's path relative to the workspace root.
pub const SPEC_PATH: &str = "spec/feishu-application-v6.yaml";

/// Where the pages live, relative to the workspace root.
pub const DOCS_DIR: &str = "spec/docs";

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

/// A page's name in findings: relative to the workspace root when under it.
#[cfg(any(feature = "check", feature = "fetch"))]
pub(crate) fn display_name(path: &Path, root: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
