//! `cargo xtask docs add [--dry-run] [--operation-id ID] PAGE...`: drafts each page's operation
//! into the spec, then regenerates the client and checks the new pages.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::report::findings_text;
use super::{AddConfig, CheckConfig, Outcome, add, check};
use crate::stdout::print;

/// What `docs add` was asked to do.
pub(crate) struct AddArgs {
    pub(crate) dry_run: bool,
    pub(crate) operation_id: Option<String>,
    pub(crate) pages: Vec<PathBuf>,
}

fn parse(args: &[String]) -> anyhow::Result<AddArgs> {
    let mut parsed = AddArgs {
        dry_run: false,
        operation_id: None,
        pages: Vec::new(),
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--dry-run" => parsed.dry_run = true,
            "--operation-id" => match iter.next() {
                Some(id) => parsed.operation_id = Some(id.clone()),
                None => bail!("--operation-id needs an id"),
            },
            flag if flag.starts_with("--") => bail!("unknown option `{flag}` of docs add"),
            page => parsed.pages.push(PathBuf::from(page)),
        }
    }
    if parsed.pages.is_empty() {
        bail!("docs add takes one or more PAGE files");
    }
    Ok(parsed)
}

/// Runs `docs add` with its raw arguments.
pub(crate) fn run(args: &[String]) -> ExitCode {
    match parse(args).and_then(|args| run_add(&args)) {
        Ok(clean) if clean => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            crate::errln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// `Ok(true)` when every page was added (or was there already) with nothing left for a human.
pub(crate) fn run_add(args: &AddArgs) -> anyhow::Result<bool> {
    let root = crate::root();
    let mut config = AddConfig::workspace(&root, args.pages.clone());
    config.operation_id.clone_from(&args.operation_id);
    config.dry_run = args.dry_run;
    let report = add(&config)?;
    let mut out = String::new();
    if args.dry_run {
        for inserted in &report.inserted {
            out.push_str(inserted);
        }
    }
    for outcome in &report.outcomes {
        match outcome {
            Outcome::Added {
                operation_id,
                operation,
                stored,
                schemas,
                ..
            } => {
                let verb = if args.dry_run { "would add" } else { "added" };
                let components = if schemas.is_empty() {
                    "no new components".to_string()
                } else {
                    format!("components {}", schemas.join(", "))
                };
                out.push_str(&format!(
                    "{verb} {operation_id}: {operation} (page {stored}; {components})\n"
                ));
            }
            Outcome::Skipped { page } => {
                out.push_str(&format!("{page}: a folder's README, not a page; skipped\n"));
            }
            Outcome::Exists {
                page,
                operation_id,
                operation,
            } => out.push_str(&format!(
                "{page}: {operation} is in the spec already as {operation_id}; nothing changed\n"
            )),
        }
    }
    for note in &report.notes {
        out.push_str(&format!("{note}\n"));
    }
    print(&out)?;
    if args.dry_run || report.stored.is_empty() {
        return Ok(report.notes.is_empty());
    }
    match crate::generate(&root, crate::Mode::Write)? {
        crate::Outcome::Written(paths) => {
            for path in paths {
                crate::errln!("wrote {}", path.display());
            }
        }
        crate::Outcome::UpToDate | crate::Outcome::Stale(_) => {}
    }
    let mut check_config = CheckConfig::workspace(&root);
    check_config.pages.clone_from(&report.stored);
    let findings = check(&check_config)?;
    print(&findings_text(&findings))?;
    crate::errln!(
        "docs add: {} added, {} left for a human, docs check: {} finding(s)",
        report
            .outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Added { .. }))
            .count(),
        report.notes.len(),
        findings.len()
    );
    Ok(report.notes.is_empty() && findings.is_empty())
}
