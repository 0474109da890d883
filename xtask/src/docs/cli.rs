//! The `docs` subcommand's arguments, output and exit codes.

use crate::stdout::print;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::report::{OutputFormat, findings_json, findings_text};
use super::{ChangeKind, CheckConfig, Origin, changes_text, check, diff, load};

/// The `docs` usage text, with the exit codes.
pub(crate) const USAGE: &str = "usage: cargo xtask docs check [--fix] [--format text|json] [--spec FILE] [PAGE...]
       cargo xtask docs diff [--format text|json] OLD NEW
       cargo xtask docs facts PAGE
       cargo xtask docs add [--dry-run] [--operation-id ID] PAGE...
       cargo xtask docs fetch [--base-url URL] [--timeout SECS] [--check] [--format text|json] [PAGE...]
       cargo xtask docs sync [--base-url URL] [--timeout SECS] [--summary FILE]

  docs check   every fact of each page (default: every page in spec/docs/) that the spec
               lacks (missing_in_spec) or contradicts (differs_from_spec), and every JSON
               example that does not validate (example_invalid); --spec checks another spec
  docs check --fix
               apply to the spec every finding the page lets us derive (enum values, fields,
               parameters, error codes, limits, defaults, required flags, page date), as
               minimal line edits; then regenerate the client (not with --spec); report what
               is left and why (exit 1 when anything is left); --format json gives
               {applied: [{page, line, fact, spec_pointer, edit}], left: [{finding..., reason}]}
  docs diff    the facts added (+), removed (-) and changed (~) from page OLD to page NEW
  docs facts   every fact read from PAGE, with its line (what check and diff work on)
  docs add     draft each PAGE's operation into the spec (insertions only), store the page in
               spec/docs/, regenerate the client and check the new pages; exit 0 = added and
               clean (or already there), 1 = added with findings left (page:line: why),
               2 = a page could not be read (nothing written); --dry-run prints the YAML only
  docs fetch   download each page's current version from Feishu's doc portal (default
               https://open.feishu.cn) and rewrite the pages that are newer upstream;
               --check writes nothing; --timeout SECS per request (default 20).
               Exit 0 = every page fetched (--check: none newer),
               1 = --check: a page is newer upstream, 2 = a page failed
  docs sync    fetch + check --fix + generate; prints a markdown summary for a pull request
               (or writes it to --summary FILE): pages changed, their diff facts, what was
               applied, what is left. Exit 0 = the spec covers the pages, 1 = findings left
               for a human, 2 = a page or generate failed

exit codes: 0 = clean (check) / same facts (diff), 1 = findings / differences,
            2 = could not check (unreadable page or spec, unknown format, operation not in the spec)";

struct Args {
    format: OutputFormat,
    fix: bool,
    spec: Option<PathBuf>,
    pages: Vec<PathBuf>,
}

fn parse_args(args: &[String]) -> anyhow::Result<Args> {
    let mut parsed = Args {
        format: OutputFormat::Text,
        fix: false,
        spec: None,
        pages: Vec::new(),
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" => {
                parsed.format = OutputFormat::parse(iter.next().map(String::as_str))?;
            }
            "--fix" => parsed.fix = true,
            "--spec" => match iter.next() {
                Some(spec) => parsed.spec = Some(PathBuf::from(spec)),
                None => bail!("--spec needs a file"),
            },
            flag if flag.starts_with("--") => bail!("unknown option `{flag}`"),
            page => parsed.pages.push(PathBuf::from(page)),
        }
    }
    Ok(parsed)
}

/// Runs `cargo xtask docs ARGS...` (`args` starts after `docs`).
#[must_use]
pub fn run(args: &[String]) -> ExitCode {
    let result = match args.split_first() {
        Some((command, rest)) if command == "check" => {
            parse_args(rest).and_then(|args| run_check(&args))
        }
        Some((command, rest)) if command == "diff" => {
            parse_args(rest).and_then(|args| run_diff(&args))
        }
        Some((command, rest)) if command == "add" => return super::add_cli::run(rest),
        Some((command, rest)) if command == "fetch" => return super::fetch_cli::run(rest),
        Some((command, rest)) if command == "sync" => return super::fetch_cli::run_sync(rest),
        Some((command, rest)) if command == "facts" => {
            parse_args(rest).and_then(|args| run_facts(&args))
        }
        Some((help, _)) if matches!(help.as_str(), "help" | "--help" | "-h") => {
            return match print(&format!("{USAGE}\n")) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(2),
            };
        }
        _ => {
            crate::errln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            crate::errln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// `Ok(true)` when clean.
fn run_check(args: &Args) -> anyhow::Result<bool> {
    let root = crate::root();
    let mut config = CheckConfig::workspace(&root);
    if let Some(spec) = &args.spec {
        config.spec.clone_from(spec);
    }
    config.pages.clone_from(&args.pages);
    if args.fix {
        return super::fix_cli::run_fix(&config, args.spec.is_none(), args.format);
    }
    let findings = check(&config)?;
    match args.format {
        OutputFormat::Json => print(&findings_json(&findings)?)?,
        OutputFormat::Text => {
            print(&findings_text(&findings))?;
            if findings.is_empty() {
                crate::errln!("docs check: the spec covers every fact and example of the pages");
            } else {
                crate::errln!("docs check: {} finding(s)", findings.len());
            }
        }
    }
    Ok(findings.is_empty())
}

/// `Ok(true)` when the two pages state the same facts.
fn run_diff(args: &Args) -> anyhow::Result<bool> {
    if args.fix {
        bail!("--fix is an option of docs check");
    }
    if args.spec.is_some() {
        bail!("docs diff compares two pages; it takes no --spec");
    }
    let [old, new] = args.pages.as_slice() else {
        bail!("docs diff takes two pages, OLD and NEW");
    };
    let (old_name, new_name) = (old.display().to_string(), new.display().to_string());
    let changes = diff(&load(old, &old_name)?, &load(new, &new_name)?);
    match args.format {
        OutputFormat::Json => {
            let mut text = serde_json::to_string_pretty(&changes)?;
            text.push('\n');
            print(&text)?;
        }
        OutputFormat::Text => {
            print(&changes_text(&changes, &old_name, &new_name))?;
            let count = |kind| {
                changes
                    .iter()
                    .filter(|change| change.change == kind)
                    .count()
            };
            crate::errln!(
                "docs diff: {} added, {} removed, {} changed",
                count(ChangeKind::Added),
                count(ChangeKind::Removed),
                count(ChangeKind::Changed)
            );
        }
    }
    Ok(changes.is_empty())
}

/// Lists a page's facts, `line: fact` (`[example]` or `[ambiguous]` where it applies).
fn run_facts(args: &Args) -> anyhow::Result<bool> {
    let [page] = args.pages.as_slice() else {
        bail!("docs facts takes one page");
    };
    let page = load(page, &page.display().to_string())?;
    let mut out = format!(
        "{}: {} {} ({:?})\n",
        page.file, page.method, page.path, page.format
    );
    for fact in &page.facts {
        let origin = if fact.origin == Origin::Example {
            " [example]"
        } else {
            ""
        };
        let ambiguous = if fact.ambiguous { " [ambiguous]" } else { "" };
        out.push_str(&format!("{}: {fact}{origin}{ambiguous}\n", fact.line));
    }
    print(&out)?;
    Ok(true)
}
