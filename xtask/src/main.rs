//! `cargo xtask generate [--check]`: regenerate the client code from the spec;
//! `cargo xtask docs check|diff|fetch|sync`: the doc pages against the spec, and kept current;
//! `cargo xtask api diff|changelog|check-version` and `cargo xtask release`: the client's
//! public API change, its changelog and version.

use std::process::ExitCode;

use xtask::{Mode, Outcome};

const USAGE: &str = "usage: cargo xtask generate [--check] | docs check|diff|fetch|sync ... | api diff|changelog|check-version ... | release

  generate          regenerate crates/feishu-application/src/generated_*.rs from spec/ and
                    print the API change (`api diff`) when the code changed
  generate --check  write nothing; exit 1 with a diff when a checked-in file is stale
  docs check|diff   the Feishu pages in spec/docs/ against the spec (`cargo xtask docs help`)
  docs fetch|sync   download newer pages; apply them to the spec (check --fix) and regenerate
  api ...           the client's public API change, changelog, version (`cargo xtask api help`)
  release           bump the client's version by its API change and date the changelog entry

XTASK_ROOT=DIR makes generate, docs and api work on another copy of the repository";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate"] => Mode::Write,
        ["generate", "--check"] => Mode::Check,
        ["docs", ..] => return xtask::docs::run(&args[1..]),
        ["api", ..] => return xtask::api::run(&xtask::root(), &args[1..]),
        ["release", ..] => return xtask::api::run(&xtask::root(), &args),
        ["help" | "--help" | "-h"] => {
            return match xtask::stdout::print(&format!("{USAGE}\n")) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    xtask::errln!("error: {error:#}");
                    ExitCode::from(2)
                }
            };
        }
        _ => {
            xtask::errln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = xtask::root();
    // The checked-in code before a rewrite, to say what the rewrite changed in the API.
    let before = xtask::api::worktree_files(&root);
    match xtask::generate(&root, mode) {
        Ok(Outcome::UpToDate) => {
            xtask::errln!("generated files are up to date");
            ExitCode::SUCCESS
        }
        Ok(Outcome::Written(paths)) => {
            for path in paths {
                xtask::errln!("wrote {}", path.display());
            }
            match before.and_then(|before| xtask::api::change_since(&before, &root)) {
                Ok(report) => xtask::errln!("{}", report.text().trim_end()),
                Err(error) => xtask::errln!("warning: no API summary: {error:#}"),
            }
            ExitCode::SUCCESS
        }
        Ok(Outcome::Stale(report)) => {
            xtask::errln!("{report}");
            ExitCode::FAILURE
        }
        Err(error) => {
            xtask::errln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
