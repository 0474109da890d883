//! Shared output helpers: tables for people, JSON for scripts, progress on a terminal.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use feishu_application::spec_facts;
use feishu_application::types::{AppScope, Lang, ScopeLevel};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::stdout::outln;

/// Output options shared by the workflow commands.
#[derive(Clone, Copy, Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// Print one JSON document on stdout instead of a table (stable field names).
    #[arg(long, global = true)]
    pub json: bool,
}

/// `--lang`: the values the spec's `lang` parameter takes, as `cargo xtask generate` wrote them
/// (`spec_facts::LANGS`), so a language the spec adds is offered without a change here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LangArg(Lang);

impl Default for LangArg {
    /// English: the reviewers' common language.
    fn default() -> Self {
        Self(Lang::EnUs)
    }
}

impl clap::ValueEnum for LangArg {
    fn value_variants<'a>() -> &'a [Self] {
        static LANGS: std::sync::LazyLock<Vec<LangArg>> = std::sync::LazyLock::new(|| {
            spec_facts::LANGS
                .iter()
                .filter_map(|value| Lang::from_value(value))
                .map(LangArg)
                .collect()
        });
        &LANGS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let value = spec_facts::LANGS
            .iter()
            .find(|value| **value == self.0.value())?;
        let help = self.0.description().unwrap_or_default();
        Some(clap::builder::PossibleValue::new(*value).help(help))
    }
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Self {
        lang.0
    }
}

/// A table that fits the terminal's width.
pub(crate) fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    table
}

/// An error with its chain of causes, `outer: cause: cause`, as the final `error:` line shows
/// it.
pub(crate) fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(current) = cause {
        text.push_str(": ");
        text.push_str(&current.to_string());
        cause = current.source();
    }
    text
}

/// Prints `value` as one pretty JSON document.
pub(crate) fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string_pretty(value)?)
}

/// A spinner on stderr while paging; invisible when stderr is not a terminal.
pub(crate) fn progress(message: &'static str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {pos}") {
        bar.set_style(style);
    }
    bar.set_message(message);
    bar
}

/// How many scopes of each level a list asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct ScopeCounts {
    /// Level 1.
    pub normal: usize,
    /// Level 2.
    pub advanced: usize,
    /// Level 3.
    pub super_sensitive: usize,
    /// Level 0, missing or undocumented.
    pub unknown: usize,
}

impl ScopeCounts {
    /// Counts `scopes` by level.
    pub(crate) fn of(scopes: &[AppScope]) -> Self {
        let mut counts = Self::default();
        for scope in scopes {
            match scope.level {
                Some(ScopeLevel::Normal) => counts.normal += 1,
                Some(ScopeLevel::Advanced) => counts.advanced += 1,
                Some(ScopeLevel::SuperSensitive) => counts.super_sensitive += 1,
                _ => counts.unknown += 1,
            }
        }
        counts
    }
}

impl std::fmt::Display for ScopeCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "normal {}, advanced {}, super-sensitive {}",
            self.normal, self.advanced, self.super_sensitive
        )?;
        if self.unknown > 0 {
            write!(f, ", unknown {}", self.unknown)?;
        }
        Ok(())
    }
}

/// A scope level as words.
pub(crate) fn level_name(level: Option<&ScopeLevel>) -> String {
    match level {
        Some(ScopeLevel::Normal) => "normal".into(),
        Some(ScopeLevel::Advanced) => "advanced".into(),
        Some(ScopeLevel::SuperSensitive) => "super-sensitive".into(),
        Some(ScopeLevel::Unknown) | None => "unknown".into(),
        Some(ScopeLevel::Undocumented(raw)) => format!("undocumented ({raw})"),
        // ScopeLevel is #[non_exhaustive]: a level the docs add later shows by its number.
        Some(other) => format!("level {}", other.value()),
    }
}
