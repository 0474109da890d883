//! A build without the `docs` feature (the `cargo xtask` alias, so that `generate` compiles
//! neither the HTTP client nor jsonschema) runs `docs check|add|fetch|sync` through a build with
//! it: `cargo run -q -p xtask --features docs -- ARGS`, same arguments, environment and
//! working directory, and exits as it does.

use std::path::Path;
use std::process::{Command, ExitCode};

/// Set in the child, so that a child without the feature fails instead of running itself
/// again.
const GUARD: &str = "XTASK_REEXEC";

/// Runs this command line again through a build of xtask with the `docs` feature.
#[must_use]
pub(crate) fn with_docs_feature() -> ExitCode {
    // `cargo run` sets CARGO; without it (the binary run directly) there is no cargo to ask.
    let Some(cargo) = std::env::var_os("CARGO") else {
        crate::errln!(
            "error: this xtask was built without the `docs` feature that `docs check|add|fetch|sync` \
             need; run it as `cargo xtask …`, or build it with `--features docs`"
        );
        return ExitCode::from(2);
    };
    if std::env::var_os(GUARD).is_some() {
        crate::errln!("error: the `docs` build of xtask lacks the `docs` feature");
        return ExitCode::from(2);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let status = Command::new(cargo)
        .args(["run", "-q", "--manifest-path"])
        .arg(&manifest)
        .args(["--features", "docs", "--"])
        .args(std::env::args_os().skip(1))
        .env(GUARD, "1")
        .status();
    match status {
        // A child killed by a signal has no code: that is "could not run" too.
        Ok(status) => ExitCode::from(
            status
                .code()
                .map_or(2, |code| u8::try_from(code).unwrap_or(2)),
        ),
        Err(error) => {
            crate::errln!("error: running cargo to build xtask with the `docs` feature: {error}");
            ExitCode::from(2)
        }
    }
}
