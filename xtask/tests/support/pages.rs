//! The frozen pages (`tests/fixtures/frozen/`), scratch copies with one edit, and running
//! `xtask docs` as a process.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::frozen::{frozen_root, frozen_spec_text};

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

pub(crate) fn spec_text() -> String {
    frozen_spec_text()
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

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Runs `xtask docs ARGS...` on the frozen spec and pages.
pub(crate) fn xtask_docs(args: &[&str]) -> Output {
    xtask_docs_on(&frozen_root(), args)
}

/// Runs `xtask docs ARGS...` on the repository at `root`.
pub(crate) fn xtask_docs_on(root: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("docs")
        .args(args)
        .env("XTASK_ROOT", root)
        .output()
        .unwrap()
}
