//! Workspace automation. Code generation: the spec in `spec/` is the single source of truth
//! and everything under `crates/feishu-application/src/generated_*.rs` is derived from it;
//! the client's API change (`api`); and the command line over the `feishu-docs` crate
//! (`docs`). `flags` holds every command's arguments; `main` only parses and dispatches.
//!
//! One module per generated output (`codegen::*`), each a pure function from the parsed spec
//! to source text, so the same code serves `cargo xtask generate`, `--check` and the
//! freshness test.

pub mod api;
mod codegen;
pub mod docs;
pub mod flags;
mod generate;
#[cfg(not(feature = "docs"))]
mod reexec;
mod spec;
pub mod stdout;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub use codegen::GeneratedFile;
pub use feishu_docs::SPEC_PATH;
pub use generate::generate_command;
pub use spec::load_spec;

/// What [`generate`] does with files that differ from the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Rewrite stale files.
    Write,
    /// Write nothing; report stale files.
    Check,
}

/// What [`generate`] found.
#[derive(Debug)]
pub enum Outcome {
    /// Every generated file already matches the spec.
    UpToDate,
    /// These files were rewritten (paths relative to the workspace root).
    Written(Vec<PathBuf>),
    /// `--check` found stale files; the text holds a diff per file and the command to fix it.
    Stale(String),
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The repository every command works on: `XTASK_ROOT` when set (tests and benches point it at
/// a scratch copy), else this workspace.
pub fn root() -> PathBuf {
    std::env::var_os("XTASK_ROOT").map_or_else(workspace_root, PathBuf::from)
}

/// Generates every output from the spec under `root` in memory.
pub fn generate_in_memory(root: &Path) -> anyhow::Result<Vec<GeneratedFile>> {
    let spec = load_spec(&root.join(SPEC_PATH))?;
    codegen::generate_all(&spec)
}

/// Regenerates the client code under `root`, writing or checking according to `mode`.
pub fn generate(root: &Path, mode: Mode) -> anyhow::Result<Outcome> {
    let files = generate_in_memory(root)?;
    let mut stale = Vec::new();
    for file in &files {
        let path = root.join(&file.path);
        let on_disk = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => {
                return Err(error).with_context(|| format!("reading {}", path.display()));
            }
        };
        if on_disk.as_deref() != Some(file.contents.as_str()) {
            stale.push((file, on_disk));
        }
    }
    if stale.is_empty() {
        return Ok(Outcome::UpToDate);
    }
    match mode {
        Mode::Write => {
            let mut written = Vec::new();
            for (file, _) in stale {
                let path = root.join(&file.path);
                std::fs::write(&path, &file.contents)
                    .with_context(|| format!("writing {}", path.display()))?;
                written.push(file.path.clone());
            }
            Ok(Outcome::Written(written))
        }
        Mode::Check => Ok(Outcome::Stale(stale_report(&stale))),
    }
}

fn stale_report(stale: &[(&GeneratedFile, Option<String>)]) -> String {
    let mut report = String::new();
    for (file, on_disk) in stale {
        let path = file.path.display().to_string();
        match on_disk {
            None => {
                let _ = writeln!(report, "{path} is missing");
            }
            Some(old) => {
                let diff = similar::TextDiff::from_lines(old.as_str(), file.contents.as_str());
                let _ = write!(
                    report,
                    "{}",
                    diff.unified_diff().context_radius(3).header(
                        &format!("{path} (checked in)"),
                        &format!("{path} (from spec)")
                    )
                );
            }
        }
    }
    let _ = writeln!(
        report,
        "\n{} generated file(s) are stale: the spec changed but the code was not regenerated.\n\
         Fix: run `cargo xtask generate`, review the diff and commit it with the spec.",
        stale.len()
    );
    report
}
