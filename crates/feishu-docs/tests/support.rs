//! Shared by the tests: the frozen pages and spec (`tests/fixtures/frozen/`, whose README
//! says why they are frozen) and scratch files made from them with one edit.

use std::path::{Path, PathBuf};

use feishu_docs::{CheckConfig, Finding, SPEC_PATH, check};

/// The workspace this crate lives in.
pub(crate) fn workspace_root() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir.ancestors().nth(2).unwrap().to_path_buf()
}

/// A repository root holding only `spec/` (the YAML and the pages), as it was frozen.
pub(crate) fn frozen_root() -> PathBuf {
    workspace_root().join("tests/fixtures/frozen")
}

/// The frozen pages in `spec/docs/`.
pub(crate) const PATCH_PAGE: &str = "000_0914736c5fc25592.txt";
pub(crate) const SCRAPE_PAGE: &str = "001_93e27bc3aaef6756.txt";
pub(crate) const HTML_PAGE: &str = "003_bb332364fcaf27c6.txt";
pub(crate) const LIST_PAGE: &str = "004_e1e9fc9620ea4c71.txt";

pub(crate) fn page_path(name: &str) -> PathBuf {
    frozen_root().join("spec/docs").join(name)
}

pub(crate) fn page_text(name: &str) -> String {
    std::fs::read_to_string(page_path(name)).unwrap()
}

/// The frozen spec's text.
pub(crate) fn spec_text() -> String {
    std::fs::read_to_string(frozen_root().join(SPEC_PATH)).unwrap()
}

/// `text` with `old` replaced by `new`; fails when `old` is not there exactly once.
pub(crate) fn edit(text: &str, old: &str, new: &str) -> String {
    assert_eq!(
        text.matches(old).count(),
        1,
        "the edit must match once: {old:?}"
    );
    text.replacen(old, new, 1)
}

/// The 1-based line of the first line containing `needle` at or after the line containing
/// `after` (`""` = from the top).
pub(crate) fn line_of(text: &str, after: &str, needle: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.contains(after))
        .expect("anchor on the page");
    let offset = lines[start..]
        .iter()
        .position(|line| line.contains(needle))
        .expect("needle on the page");
    start + offset + 1
}

/// A folder holding scratch files; removed when dropped.
pub(crate) struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub(crate) fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// `docs check` of `pages` against `spec`.
pub(crate) fn check_pages(spec: &Path, pages: &[PathBuf]) -> Vec<Finding> {
    let config = CheckConfig {
        spec: spec.to_path_buf(),
        pages: pages.to_vec(),
        root: frozen_root(),
    };
    check(&config).unwrap()
}

/// The contacts-range pages as `docs add` stored them in the live `spec/docs/`.
pub(crate) const SUGGEST_PAGE: &str = "006_abcd3e9692b3e748.txt";
pub(crate) const CONFIGURATION_PAGE: &str = "005_6ad686ae208f3bf0.txt";

/// A page of the live `spec/docs/`.
pub(crate) fn live_page(name: &str) -> PathBuf {
    workspace_root().join("spec/docs").join(name)
}
