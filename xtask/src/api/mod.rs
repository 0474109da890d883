//! `cargo xtask api diff|changelog|check-version` and `cargo xtask release`: what a
//! regeneration changes in the client's public API, by Cargo's SemVer rules, and the version
//! and changelog that follow from it.

pub mod changelog;
pub mod compare;
pub mod surface;
pub mod version;

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{Context as _, bail};

use crate::GeneratedFile;
pub use compare::{Change, ChangeKind, Level, Report, compare};
use feishu_docs::OutputFormat;

use crate::flags::{ApiCommand, ApiDiff, Base};
pub use surface::Surface;
pub use version::Version;

/// Runs `cargo xtask api COMMAND`.
#[must_use]
pub fn run(root: &Path, command: &ApiCommand) -> ExitCode {
    or_exit_2(match command {
        ApiCommand::Diff(args) => api_diff(root, args),
        ApiCommand::Changelog(args) => changelog(root, args),
        ApiCommand::CheckVersion(args) => check_version(root, args),
    })
}

/// Runs `cargo xtask release`.
#[must_use]
pub fn run_release(root: &Path, args: &Base) -> ExitCode {
    or_exit_2(release(root, args))
}

/// The command's exit code, or, on an error, one `error:` line and 2.
fn or_exit_2(result: anyhow::Result<ExitCode>) -> ExitCode {
    result.unwrap_or_else(|error| {
        crate::errln!("error: {error:#}");
        ExitCode::from(2)
    })
}

fn api_diff(root: &Path, args: &ApiDiff) -> anyhow::Result<ExitCode> {
    let base = base_or(&args.base, || last_commit_touching_generated(root))?;
    let report = diff(root, &base)?;
    match args.format {
        OutputFormat::Json => {
            crate::stdout::print(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        }
        OutputFormat::Text => {
            let current = version::read_at(root)?;
            let advice = match report.changes.is_empty() {
                true => String::new(),
                false => format!("{}\n", current.advice(report.level)),
            };
            crate::stdout::print(&format!("{}{advice}", report.text()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn changelog(root: &Path, args: &Base) -> anyhow::Result<ExitCode> {
    let base = base_or(args, || last_version_commit(root))?;
    let report = diff(root, &base)?;
    let base_version = version_at(root, &base)?;
    let advice = base_version.advice(report.level);
    let path = root.join(changelog::CHANGELOG);
    let old = read_or_empty(&path)?;
    let body =
        changelog::draft(&report, &advice) + &changelog::doc_section(&doc_changes(root, &base)?);
    let new = changelog::with_unreleased(&old, &body);
    std::fs::write(&path, new).with_context(|| format!("writing {}", path.display()))?;
    crate::errln!(
        "drafted the Unreleased entry of {} ({} since {base})",
        changelog::CHANGELOG,
        report.level.as_str()
    );
    Ok(ExitCode::SUCCESS)
}

fn check_version(root: &Path, args: &Base) -> anyhow::Result<ExitCode> {
    let base = base_or(args, || last_version_commit(root))?;
    let report = diff(root, &base)?;
    let base_version = version_at(root, &base)?;
    let current = version::read_at(root)?;
    // Only a breaking change must come with its bump; an additive one is bumped by the next
    // `cargo xtask release`.
    let required = base_version.required_for(report.level);
    let advice = match report.changes.is_empty() {
        true => "no API change".to_owned(),
        false => base_version.advice(report.level),
    };
    crate::stdout::print(&format!(
        "api since {base}: {} ({} change(s)); version {base_version} -> {current}; {advice}\n",
        report.level.as_str(),
        report.changes.len(),
    ))?;
    if current >= required {
        let note = match report.level {
            Level::Major => String::new(),
            _ if report.changes.is_empty() => String::new(),
            _ => "; not breaking: `cargo xtask release` bumps it when you release".to_owned(),
        };
        crate::stdout::print(&format!(
            "ok: {current} covers the change (needs at least {required}){note}\n"
        ))?;
        Ok(ExitCode::SUCCESS)
    } else {
        crate::stdout::print(&report.text())?;
        crate::errln!(
            "error: the API changed ({}) but the version is {current}; it needs at least \
                 {required}. Fix: `cargo xtask release`, or set the version in {}",
            report.level.as_str(),
            version::MANIFEST
        );
        Ok(ExitCode::FAILURE)
    }
}

fn release(root: &Path, args: &Base) -> anyhow::Result<ExitCode> {
    let base = base_or(args, || last_version_commit(root))?;
    let report = diff(root, &base)?;
    let base_version = version_at(root, &base)?;
    let current = version::read_at(root)?;
    let next = base_version.bump(report.level).max(current);
    let manifest_path = root.join(version::MANIFEST);
    let manifest = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("reading {}", manifest_path.display()))?;
    std::fs::write(&manifest_path, version::replace(&manifest, next)?)
        .with_context(|| format!("writing {}", manifest_path.display()))?;
    let path = root.join(changelog::CHANGELOG);
    let mut text = read_or_empty(&path)?;
    if !text.contains("## [Unreleased]") {
        let advice = base_version.advice(report.level);
        let body = changelog::draft(&report, &advice)
            + &changelog::doc_section(&doc_changes(root, &base)?);
        text = changelog::with_unreleased(&text, &body);
    }
    let text = changelog::release(&text, &next.to_string(), &changelog::today())?;
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    crate::stdout::print(&format!(
        "released {next} ({} since {base}: {}); review {} and {}, then commit\n",
        report.level.as_str(),
        base_version.advice(report.level),
        version::MANIFEST,
        changelog::CHANGELOG
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `--base REV`, else the revision `default` finds.
fn base_or(
    args: &Base,
    default: impl FnOnce() -> anyhow::Result<String>,
) -> anyhow::Result<String> {
    match &args.base {
        Some(base) => Ok(base.clone()),
        None => default(),
    }
}

/// The API change from `base` (a git revision) to the working tree under `root`.
pub fn diff(root: &Path, base: &str) -> anyhow::Result<Report> {
    let old = Surface::from_sources(&rev_sources(root, base)?)?;
    let new = Surface::from_sources(&worktree_sources(root)?)?;
    Ok(compare(&old, &new))
}

/// The API change between two sets of generated files (e.g. before and after `generate`).
pub fn diff_files(old: &[GeneratedFile], new: &[GeneratedFile]) -> anyhow::Result<Report> {
    let sources = |files: &[GeneratedFile]| -> Vec<(String, String)> {
        files
            .iter()
            .map(|f| (f.path.to_string_lossy().into_owned(), f.contents.clone()))
            .collect()
    };
    Ok(compare(
        &Surface::from_sources(&sources(old))?,
        &Surface::from_sources(&sources(new))?,
    ))
}

/// The API change from `before` (the generated files as they were, read with
/// [`worktree_files`]) to the generated files on disk under `root` now.
///
/// # Errors
///
/// When a generated file cannot be read or is not valid Rust.
pub fn change_since(before: &[GeneratedFile], root: &Path) -> anyhow::Result<Report> {
    diff_files(before, &worktree_files(root)?)
}

/// The generated files as they are in the working tree (missing ones left out).
pub fn worktree_files(root: &Path) -> anyhow::Result<Vec<GeneratedFile>> {
    Ok(worktree_sources(root)?
        .into_iter()
        .map(|(path, contents)| GeneratedFile {
            path: path.into(),
            contents,
        })
        .collect())
}

fn worktree_sources(root: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut sources = Vec::new();
    for (path, _) in surface::GENERATED {
        match std::fs::read_to_string(root.join(path)) {
            Ok(text) => sources.push(((*path).to_owned(), text)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(error).with_context(|| format!("reading {path}")),
        }
    }
    Ok(sources)
}

fn rev_sources(root: &Path, rev: &str) -> anyhow::Result<Vec<(String, String)>> {
    git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .with_context(|| format!("`{rev}` is not a git revision of {}", root.display()))?;
    let mut sources = Vec::new();
    for (path, _) in surface::GENERATED {
        if let Ok(text) = git(root, &["show", &format!("{rev}:{path}")]) {
            sources.push(((*path).to_owned(), text));
        }
    }
    Ok(sources)
}

fn version_at(root: &Path, rev: &str) -> anyhow::Result<Version> {
    let manifest = git(root, &["show", &format!("{rev}:{}", version::MANIFEST)])
        .with_context(|| format!("reading {} at {rev}", version::MANIFEST))?;
    version::read(&manifest)
}

/// The last commit that changed a generated file, else `HEAD`.
fn last_commit_touching_generated(root: &Path) -> anyhow::Result<String> {
    let mut args = vec!["log", "-1", "--format=%H", "--"];
    args.extend(surface::GENERATED.iter().map(|(path, _)| *path));
    let commit = git(root, &args)?;
    Ok(non_empty_or_head(commit))
}

/// The last commit that changed the crate's `version = ...` line, else `HEAD`: the API at
/// that commit is what its version describes.
fn last_version_commit(root: &Path) -> anyhow::Result<String> {
    let commit = git(
        root,
        &[
            "log",
            "-1",
            "--format=%H",
            "-G^version = ",
            "--",
            version::MANIFEST,
        ],
    )?;
    Ok(non_empty_or_head(commit))
}

fn non_empty_or_head(commit: String) -> String {
    match commit.trim() {
        "" => "HEAD".to_owned(),
        commit => commit.to_owned(),
    }
}

fn git(root: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .context("running git")?;
    if !output.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).context("git printed something that is not UTF-8")
}

/// Each doc page in `spec/docs/` that differs between `base` and the working tree: added
/// (committed since, or not yet committed), deleted, or changed with its facts.
fn doc_changes(root: &Path, base: &str) -> anyhow::Result<Vec<(String, changelog::PageChange)>> {
    let dir = feishu_docs::DOCS_DIR;
    let tracked = git(
        root,
        &["diff", "--name-status", "--no-renames", base, "--", dir],
    )?;
    let untracked = git(
        root,
        &["ls-files", "--others", "--exclude-standard", "--", dir],
    )?;
    let statuses = tracked
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .chain(untracked.lines().map(|path| ("A", path)));
    let mut pages = Vec::new();
    for (status, path) in statuses.filter(|(_, path)| !path.ends_with("README.md")) {
        let change = match status {
            "D" => changelog::PageChange::Removed,
            "A" => {
                let page = feishu_docs::parse(&read_page(root, path)?, path)?;
                changelog::PageChange::Added {
                    title: page.title,
                    operation: format!("{} {}", page.method, page.path),
                }
            }
            _ => {
                let old = git(root, &["show", &format!("{base}:{path}")])?;
                let old = feishu_docs::parse(&old, &format!("{path} at {base}"))?;
                let new = feishu_docs::parse(&read_page(root, path)?, path)?;
                changelog::PageChange::Changed(feishu_docs::diff(&old, &new))
            }
        };
        pages.push((path.to_owned(), change));
    }
    pages.sort_by(|(a, _), (b, _)| a.cmp(b));
    Ok(pages)
}

fn read_page(root: &Path, path: &str) -> anyhow::Result<String> {
    std::fs::read_to_string(root.join(path)).with_context(|| format!("reading {path}"))
}

fn read_or_empty(path: &Path) -> anyhow::Result<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(error) => Err(error).with_context(|| format!("reading {}", path.display())),
    }
}
