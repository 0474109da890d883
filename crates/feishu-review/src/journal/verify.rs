//! `journal --verify`: a journal is whole when every line parses and every intent (`"sent"`)
//! has an outcome line after it.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use super::entry::{Entry, Outcome};
use super::read::BadLine;
use crate::stdout::outln;

/// The line numbers of the `"sent"` lines with no outcome line for their version after them.
pub(crate) fn unanswered_intents(entries: &[(usize, Entry)]) -> HashSet<usize> {
    let mut answered = HashSet::new();
    let mut unanswered = HashSet::new();
    for (line, entry) in entries.iter().rev() {
        match entry.outcome {
            Outcome::Sent if !answered.contains(&entry.key()) => {
                unanswered.insert(*line);
            }
            Outcome::Sent => {}
            _ => {
                answered.insert(entry.key());
            }
        }
    }
    unanswered
}

/// `--verify`: 0 when every line parses and every intent has its outcome.
pub(crate) fn verify(path: &Path, entries: &[(usize, Entry)], bad: &[BadLine]) -> ExitCode {
    let unanswered = unanswered_intents(entries);
    let mut problems: Vec<(usize, String)> = bad
        .iter()
        .map(|line| (line.line, format!("not a journal entry: {}", line.reason)))
        .collect();
    problems.extend(
        entries
            .iter()
            .filter(|(line, _)| unanswered.contains(line))
            .map(|(line, entry)| {
                let problem = format!(
                    "\"sent\" for {} {} has no outcome line after it",
                    entry.app_id, entry.version_id
                );
                (*line, problem)
            }),
    );
    problems.sort();
    if problems.is_empty() {
        let _ = outln!(
            "journal {}: {} lines, every line parses and every \"sent\" has its outcome",
            path.display(),
            entries.len()
        );
        return ExitCode::SUCCESS;
    }
    for (line, problem) in &problems {
        crate::stdout::errln!("{}:{line}: {problem}", path.display());
    }
    let lines: Vec<String> = problems.iter().map(|(line, _)| line.to_string()).collect();
    crate::stdout::errln!(
        "error: journal {} fails verification at line{} {}",
        path.display(),
        if lines.len() == 1 { "" } else { "s" },
        lines.join(", ")
    );
    ExitCode::FAILURE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(version: &str, outcome: &str) -> Entry {
        serde_json::from_value(serde_json::json!({
            "app_id": "cli_1", "version_id": version, "decision": "approve",
            "rule": "max_auto_approve_level", "reason": "", "operator": "ou_1",
            "time": "2026-11-27T10:00:00Z", "outcome": outcome
        }))
        .unwrap()
    }

    fn numbered(lines: Vec<Entry>) -> Vec<(usize, Entry)> {
        (1..).zip(lines).collect()
    }

    #[test]
    fn an_old_layout_journal_has_no_unanswered_intent() {
        let old = numbered(vec![line("v1", "ok"), line("v2", "ok")]);
        assert!(unanswered_intents(&old).is_empty());
    }

    #[test]
    fn an_intent_is_answered_only_by_a_later_outcome_of_its_version() {
        let lines = numbered(vec![
            line("v1", "sent"),
            line("v2", "sent"),
            line("v1", "ok"),
            line("v3", "ok"),
            line("v3", "sent"),
        ]);
        let mut unanswered: Vec<usize> = unanswered_intents(&lines).into_iter().collect();
        unanswered.sort_unstable();
        assert_eq!(unanswered, [2, 5]);
    }
}
