//! The journal read back, and checked by the CLI.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// The journal's whole lines, parsed, the write-ahead intents (`"outcome":"sent"`) among
/// them; a torn last line is left out, and a missing journal has none.
pub(crate) fn journal_lines(path: &Path) -> Vec<Value> {
    whole_json_lines(&std::fs::read_to_string(path).unwrap_or_default())
}

/// The journal's outcome lines: [`journal_lines`] but the write-ahead intents.
pub(crate) fn outcome_lines(path: &Path) -> Vec<Value> {
    journal_lines(path)
        .into_iter()
        .filter(|line| line["outcome"] != "sent")
        .collect()
}

/// The JSON documents of `text`, one a line; a last line without its newline is left out,
/// since a writer may be in the middle of it.
pub(crate) fn whole_json_lines(text: &str) -> Vec<Value> {
    let whole = text.rfind('\n').map_or("", |end| &text[..end]);
    whole
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// `feishu-review journal FILE --verify`.
pub(crate) fn verify(journal: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_feishu-review"))
        .arg("journal")
        .arg(journal)
        .arg("--verify")
        .output()
        .unwrap()
}
