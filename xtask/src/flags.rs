//! Every command's arguments, as `clap` derive types: each command takes exactly the flags
//! listed here and rejects any other (`docs facts --fix` is a usage error, exit 2). The help
//! texts say what each command does and its exit codes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use feishu_docs::OutputFormat;

const ROOT_HELP: &str = "XTASK_ROOT=DIR makes generate, docs and api work on another copy of the repository.
Exit codes: 0 = done/clean, 1 = findings/stale/differences (per command), 2 = could not run (usage errors included).";

/// Workspace automation: the client code from the spec, the spec held to Feishu's pages, the
/// client's API change.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", after_help = ROOT_HELP, arg_required_else_help = true)]
pub struct Xtask {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// `cargo xtask COMMAND`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate crates/feishu-application/src/generated_*.rs from spec/ and print the API
    /// change (`api diff`) when the code changed.
    #[command(
        after_help = "Exit codes: 0 = up to date or rewritten, 1 = --check: a file is stale, 2 = could not generate."
    )]
    Generate(Generate),
    /// The Feishu pages in spec/docs/ against the spec, and kept current.
    Docs(Docs),
    /// The client's public API change, changelog and version.
    Api(Api),
    /// Bump the client's version by its API change since REV (default: the last release) and
    /// date the changelog entry.
    #[command(after_help = "Exit codes: 0 = released, 2 = could not run.")]
    Release(Base),
}

/// `cargo xtask generate [--check]`.
#[derive(Debug, Args)]
pub struct Generate {
    /// Write nothing; exit 1 with a diff when a checked-in file is stale.
    #[arg(long)]
    pub check: bool,
}

/// `cargo xtask docs COMMAND`.
#[derive(Debug, Args)]
pub struct Docs {
    /// The docs command.
    #[command(subcommand)]
    pub command: DocsCommand,
}

/// `cargo xtask docs COMMAND`.
#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    /// Every fact of each page (default: every page in spec/docs/) that the spec lacks
    /// (missing_in_spec) or contradicts (differs_from_spec), and every JSON example that does
    /// not validate (example_invalid).
    #[command(
        after_help = "Exit codes: 0 = clean, 1 = findings (--fix: findings left), \
2 = could not check (unreadable page or spec, unknown format, operation not in the spec)."
    )]
    Check(Check),
    /// The facts added (+), removed (-) and changed (~) from page OLD to page NEW.
    #[command(
        after_help = "Exit codes: 0 = same facts, 1 = differences, 2 = could not read a page."
    )]
    Diff(Diff),
    /// Every fact read from PAGE, with its line (what check and diff work on).
    #[command(after_help = "Exit codes: 0 = listed, 2 = could not read the page.")]
    Facts(Facts),
    /// Download each page's current version from Feishu's doc portal and rewrite the pages
    /// that are newer upstream.
    #[command(
        after_help = "Exit codes: 0 = every page fetched (--check: none newer), \
1 = --check: a page is newer upstream, 2 = a page failed."
    )]
    Fetch(Fetch),
    /// fetch + check --fix + generate; prints a markdown summary for a pull request: pages
    /// changed, their diff facts, what was applied, what is left.
    #[command(
        after_help = "Exit codes: 0 = the spec covers the pages, 1 = findings left for a human, \
2 = a page or generate failed."
    )]
    Sync(Sync),
    /// Each page file (markdown, HTML, plain-text scrape or the older pipe-led tables) → its
    /// copy under spec/docs/ and its operation drafted into the spec by insertion only; then
    /// generate and docs check on the new pages. An operation the spec has changes nothing.
    #[command(after_help = concat!(
        "operationId rule: ",
        "VERB_THING: THING is the path's last segment that is not a {parameter}, or the one \
before it when the last only names an action (list, get, batch_get, query, search, create, \
update, delete); a trailing `s` is dropped when the path ends in a parameter; VERB is list (a \
GET that pages: a page_token parameter or a has_more field), get, create (POST), update (PUT), \
patch or delete.\n\n",
        "Exit codes: 0 = added and clean (or already there), 1 = added with findings left \
(page:line: why), 2 = a page could not be read (nothing written)."
    ))]
    Add(Add),
}

/// `docs check [--fix] [--format text|json] [--spec FILE] [PAGE...]`.
#[derive(Debug, Args)]
pub struct Check {
    /// Apply to the spec every finding the page lets us derive, as minimal line edits; then
    /// regenerate the client (not with --spec); report what is left and why. JSON:
    /// {applied: [{page, line, fact, spec_pointer, edit}], left: [{finding..., reason}]}.
    #[arg(long)]
    pub fix: bool,
    /// Output format.
    #[arg(long, value_name = "text|json", default_value = "text", value_parser = format)]
    pub format: OutputFormat,
    /// Check another spec than spec/feishu-application-v6.yaml.
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,
    /// The pages (default: every page in spec/docs/).
    #[arg(value_name = "PAGE")]
    pub pages: Vec<PathBuf>,
}

/// `docs diff [--format text|json] OLD NEW`.
#[derive(Debug, Args)]
pub struct Diff {
    /// Output format.
    #[arg(long, value_name = "text|json", default_value = "text", value_parser = format)]
    pub format: OutputFormat,
    /// The two pages, OLD and NEW.
    #[arg(value_name = "OLD NEW")]
    pub pages: Vec<PathBuf>,
}

/// `docs facts PAGE`.
#[derive(Debug, Args)]
pub struct Facts {
    /// The page.
    #[arg(value_name = "PAGE")]
    pub page: PathBuf,
}

/// What `docs fetch` and `docs sync` ask of the portal.
#[derive(Debug, Args)]
pub struct Portal {
    /// The doc portal (default `https://open.feishu.cn`; `https://open.larksuite.com` for Lark).
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub base_url: Option<String>,
    /// Seconds per request, more than 0 and at most 600 (default 20).
    #[arg(long, value_name = "SECS", value_parser = timeout)]
    pub timeout: Option<Duration>,
}

/// `docs fetch [--base-url URL] [--timeout SECS] [--check] [--format text|json] [PAGE...]`.
#[derive(Debug, Args)]
pub struct Fetch {
    /// The portal.
    #[command(flatten)]
    pub portal: Portal,
    /// Write nothing; exit 1 when a page is newer upstream.
    #[arg(long)]
    pub check: bool,
    /// Output format.
    #[arg(long, value_name = "text|json", default_value = "text", value_parser = format)]
    pub format: OutputFormat,
    /// The pages (default: every page in spec/docs/ that names its source).
    #[arg(value_name = "PAGE")]
    pub pages: Vec<PathBuf>,
}

/// `docs sync [--base-url URL] [--timeout SECS] [--summary FILE]`.
#[derive(Debug, Args)]
pub struct Sync {
    /// The portal.
    #[command(flatten)]
    pub portal: Portal,
    /// Write the summary to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
}

/// `docs add [--dry-run] [--operation-id ID] PAGE...`.
#[derive(Debug, Args)]
pub struct Add {
    /// Print the YAML it would insert; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The operationId, instead of the one derived from the method and path.
    #[arg(long, value_name = "ID")]
    pub operation_id: Option<String>,
    /// The page files, in any format Feishu serves.
    #[arg(value_name = "PAGE", required = true)]
    pub pages: Vec<PathBuf>,
}

/// `cargo xtask api COMMAND`.
#[derive(Debug, Args)]
pub struct Api {
    /// The api command.
    #[command(subcommand)]
    pub command: ApiCommand,
}

/// `cargo xtask api COMMAND`.
#[derive(Debug, Subcommand)]
pub enum ApiCommand {
    /// The public API of feishu-application at REV (default: the last commit that changed the
    /// generated files) against the working tree, each change classified by Cargo's SemVer
    /// rules; the whole gets a level: major, minor or patch.
    #[command(
        after_help = "Exit codes: 0 = done, 2 = could not run (not a git checkout, unreadable files)."
    )]
    Diff(ApiDiff),
    /// Draft the `## [Unreleased]` entry of crates/feishu-application/CHANGELOG.md.
    #[command(after_help = "Exit codes: 0 = drafted, 2 = could not run.")]
    Changelog(Base),
    /// Fail when the API changed in a breaking way since REV (default: the last commit that
    /// changed the crate's version, i.e. the last release) but the version was not bumped to
    /// match (0.x: 0.y.z -> 0.(y+1).0).
    #[command(
        after_help = "Exit codes: 0 = the version matches, 1 = version not bumped enough, 2 = could not run."
    )]
    CheckVersion(Base),
}

/// `--base REV`.
#[derive(Debug, Args)]
pub struct Base {
    /// The git revision to compare with.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
}

/// `api diff [--base REV] [--format text|json]`.
#[derive(Debug, Args)]
pub struct ApiDiff {
    /// The revision.
    #[command(flatten)]
    pub base: Base,
    /// Output format.
    #[arg(long, value_name = "text|json", default_value = "text", value_parser = format)]
    pub format: OutputFormat,
}

/// Says what clap made of a command line it did not run: help goes to stdout (exit 0), a
/// usage error to stderr (exit 2), both through xtask's writers, which never panic on a
/// closed pipe (`cargo xtask --help | head -1`).
#[must_use]
pub fn report(error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    if error.use_stderr() {
        crate::errln!("{}", text.trim_end());
    } else if let Err(error) = crate::stdout::print(&text) {
        crate::errln!("error: {error:#}");
        return ExitCode::from(2);
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

/// `--format`: the one parser of the format, feishu-docs's.
fn format(value: &str) -> Result<OutputFormat, String> {
    OutputFormat::parse(Some(value)).map_err(|error| error.to_string())
}

fn base_url(value: &str) -> Result<String, String> {
    if value.starts_with("http://") || value.starts_with("https://") {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "--base-url takes an http:// or https:// URL, not `{value}`"
        ))
    }
}

fn timeout(value: &str) -> Result<Duration, String> {
    match value.parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs <= 600.0 => Ok(Duration::from_secs_f64(secs)),
        _ => Err("--timeout takes seconds per request, more than 0 and at most 600".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        <Xtask as clap::CommandFactory>::command().debug_assert();
    }
}
