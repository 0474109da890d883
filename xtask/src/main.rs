//! `cargo xtask generate [--check]`: regenerate the client code from the spec;
//! `cargo xtask docs check|diff|fetch|sync`: the doc pages against the spec, and kept current.

use std::process::ExitCode;

use xtask::{Mode, Outcome};

const USAGE: &str =
    "usage: cargo xtask generate [--check] | cargo xtask docs check|diff|fetch|sync ...

  generate          regenerate crates/feishu-application/src/generated_*.rs from spec/
  generate --check  write nothing; exit 1 with a diff when a checked-in file is stale
  docs check|diff   the Feishu pages in spec/docs/ against the spec (`cargo xtask docs help`)
  docs fetch|sync   download newer pages; apply them to the spec (check --fix) and regenerate

XTASK_ROOT=DIR makes generate and docs work on another copy of the repository";

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
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match xtask::generate(&xtask::docs::root(), mode) {
        Ok(Outcome::UpToDate) => {
            eprintln!("generated files are up to date");
            ExitCode::SUCCESS
        }
        Ok(Outcome::Written(paths)) => {
            for path in paths {
                eprintln!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Ok(Outcome::Stale(report)) => {
            eprintln!("{report}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
