//! `cargo xtask generate [--check]`: what it says, and its exit code.

use std::path::Path;
use std::process::ExitCode;

use crate::flags::Generate;
use crate::{Mode, Outcome};

/// Regenerates (or with `--check`, checks) the client code under `root`; when files were
/// rewritten, prints what the rewrite changes in the API.
#[must_use]
pub fn generate_command(root: &Path, args: &Generate) -> ExitCode {
    let mode = if args.check { Mode::Check } else { Mode::Write };
    // The checked-in code before a rewrite, to say what the rewrite changed in the API.
    let before = crate::api::worktree_files(root);
    match crate::generate(root, mode) {
        Ok(Outcome::UpToDate) => {
            crate::errln!("generated files are up to date");
            ExitCode::SUCCESS
        }
        Ok(Outcome::Written(paths)) => {
            for path in paths {
                crate::errln!("wrote {}", path.display());
            }
            match before.and_then(|before| crate::api::change_since(&before, root)) {
                Ok(report) => crate::errln!("{}", report.text().trim_end()),
                Err(error) => crate::errln!("warning: no API summary: {error:#}"),
            }
            ExitCode::SUCCESS
        }
        Ok(Outcome::Stale(report)) => {
            crate::errln!("{report}");
            ExitCode::FAILURE
        }
        Err(error) => {
            crate::errln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
