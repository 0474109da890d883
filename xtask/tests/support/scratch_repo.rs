//! A scratch copy of the repository for the commands that write (`docs fetch`, `check --fix`,
//! `sync`, `generate`): they run with `XTASK_ROOT` pointing at it, never at the real files.

use std::path::{Path, PathBuf};
use std::process::Output;

use xtask::workspace_root;

use crate::support::frozen::{frozen_root, write_frozen_generated};
use crate::support::scratch::copy_tree;

/// A copy of the frozen `spec/` (pages included) and the client files it generates; with
/// [`ScratchRepo::whole`], of every crate too, so `cargo check` can run in it.
pub(crate) struct ScratchRepo {
    dir: tempfile::TempDir,
}

impl ScratchRepo {
    /// The frozen `spec/` and its generated files in `crates/feishu-application/src/`.
    pub(crate) fn new() -> ScratchRepo {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&frozen_root().join("spec"), &dir.path().join("spec"));
        write_frozen_generated(dir.path());
        ScratchRepo { dir }
    }

    /// The workspace's sources (every member, the manifests and the lockfile; no `target/`)
    /// with the frozen spec and the client it generates in place of the live ones.
    pub(crate) fn whole() -> ScratchRepo {
        let dir = tempfile::tempdir().unwrap();
        let root = workspace_root();
        for file in ["Cargo.toml", "Cargo.lock", "clippy.toml"] {
            std::fs::copy(root.join(file), dir.path().join(file)).unwrap();
        }
        for tree in ["crates", "xtask", "tests"] {
            copy_tree(&root.join(tree), &dir.path().join(tree));
        }
        copy_tree(&frozen_root().join("spec"), &dir.path().join("spec"));
        write_frozen_generated(dir.path());
        ScratchRepo { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A file of the copy.
    pub(crate) fn file(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub(crate) fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.file(relative)).unwrap()
    }

    pub(crate) fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.file(relative), text).unwrap();
    }

    /// Runs `xtask ARGS...` on the copy.
    pub(crate) fn xtask(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .env("XTASK_ROOT", self.path())
            .output()
            .unwrap()
    }
}

/// stdout and stderr of a run, for assertion messages.
pub(crate) fn said(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
