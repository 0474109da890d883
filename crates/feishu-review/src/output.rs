//! Shared output helpers: tables for people, JSON for scripts, progress on a terminal.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
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

/// The language of names and descriptions.
#[derive(Clone, Copy, Debug, Default, clap::ValueEnum)]
pub(crate) enum LangArg {
    /// English.
    #[default]
    #[value(name = "en_us")]
    EnUs,
    /// Chinese.
    #[value(name = "zh_cn")]
    ZhCn,
    /// Japanese.
    #[value(name = "ja_jp")]
    JaJp,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::EnUs => Lang::EnUs,
            LangArg::ZhCn => Lang::ZhCn,
            LangArg::JaJp => Lang::JaJp,
        }
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
