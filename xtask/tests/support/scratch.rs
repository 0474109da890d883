//! Scratch copies of the workspace's trees, and where cargo builds them.

use std::path::{Path, PathBuf};

use xtask::workspace_root;

/// Copies the tree `from` to `to`, leaving out `target/` folders. The copies get new mtimes,
/// which the shared [`scratch_target_dir`] relies on: cargo hashes path crates relative to
/// the workspace root, so two scratch copies share artifacts, and only newer sources make it
/// rebuild them.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_name() == "target" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&source, &target);
        } else {
            std::fs::copy(&source, &target).unwrap();
        }
    }
}

/// The target dir of the cargo builds of scratch copies: one of their own under the
/// repository's `target/` (never `target/` itself, whose artifacts a copy would take for
/// its own), kept warm between runs.
pub(crate) fn scratch_target_dir() -> PathBuf {
    workspace_root().join("target/scratch")
}
