//! Names for a page's error codes.
//!
//! Feishu reuses numbers across operations with different meanings, so the meaning (message,
//! hint, HTTP status) belongs to the operation's own `x-feishu-error-codes` entry. The name is
//! the Rust variant of `ErrorCode`, one per number: a number the spec already documents with the
//! same message keeps its name; with another message, the entry is named from its own message
//! and the generator then names the number neutrally (`Code211004`) so that no variant name is
//! wrong for an operation that documents the number (see `codegen/error_codes.rs`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::Note;
use super::draft::ErrorRow;
use super::naming::{code_name, error_name};
use super::yaml::Yaml;

/// A code as the spec documents it somewhere: its name and message.
struct Known {
    name: String,
    message: String,
    operation: String,
}

/// The `x-feishu-error-codes` entries of a drafted operation, and findings about their names.
pub(crate) fn entries(
    root: &Value,
    rows: &[ErrorRow],
    file: &str,
    notes: &mut Vec<Note>,
) -> Vec<Yaml> {
    let known = known_codes(root);
    let mut taken: BTreeMap<String, i64> = known
        .iter()
        .flat_map(|(code, entries)| entries.iter().map(move |known| (known.name.clone(), *code)))
        .collect();
    rows.iter()
        .map(|row| {
            let name = name_for(row, &known, &taken, file, notes);
            taken.insert(name.clone(), row.code);
            Yaml::Map(vec![
                ("code".into(), Yaml::Scalar(row.code.to_string())),
                ("name".into(), Yaml::str(&name)),
                (
                    "http_status".into(),
                    Yaml::Scalar(row.http_status.to_string()),
                ),
                ("message".into(), Yaml::str(&row.message)),
                ("hint".into(), Yaml::str(&row.hint)),
            ])
        })
        .collect()
}

fn name_for(
    row: &ErrorRow,
    known: &BTreeMap<i64, Vec<Known>>,
    taken: &BTreeMap<String, i64>,
    file: &str,
    notes: &mut Vec<Note>,
) -> String {
    let same_meaning = |known: &&Known| same_message(&known.message, &row.message);
    if let Some(entries) = known.get(&row.code) {
        if let Some(entry) = entries.iter().find(same_meaning) {
            return entry.name.clone();
        }
        let other = &entries[0];
        notes.push(Note::new(
            file,
            row.line,
            format!(
                "error code {} means \"{}\" here but \"{}\" on {}: the client names the number \
                 neutrally (ErrorCode::{}), each operation keeps its own message and hint",
                row.code,
                row.message,
                other.message,
                other.operation,
                code_name(row.code)
            ),
        ));
    }
    // The message's first clause: "page_size out of range, should be …" → PageSizeOutOfRange.
    let clause = row
        .message
        .split([',', ';', '(', '，', '；'])
        .next()
        .unwrap_or("");
    match error_name(clause) {
        Some(name) if taken.get(&name).is_none_or(|code| *code == row.code) => name,
        Some(name) => {
            let unique = format!("{name}{}", row.code);
            notes.push(Note::new(
                file,
                row.line,
                format!(
                    "error code {}: the name {name} is taken by code {}; named {unique}",
                    row.code, taken[&name]
                ),
            ));
            unique
        }
        None => {
            let neutral = code_name(row.code);
            notes.push(Note::new(
                file,
                row.line,
                format!(
                    "error code {}: the message \"{}\" gives no English name; named {neutral}",
                    row.code, row.message
                ),
            ));
            neutral
        }
    }
}

/// Messages that differ only in case, spacing or a trailing full stop mean the same.
fn same_message(a: &str, b: &str) -> bool {
    let norm = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches('.')
            .to_ascii_lowercase()
    };
    norm(a) == norm(b)
}

/// Every code the spec documents: at the root and on each operation.
fn known_codes(root: &Value) -> BTreeMap<i64, Vec<Known>> {
    let mut known: BTreeMap<i64, Vec<Known>> = BTreeMap::new();
    let mut add = |list: Option<&Value>, operation: &str| {
        for entry in list.and_then(Value::as_array).into_iter().flatten() {
            let (Some(code), Some(name)) = (
                entry.get("code").and_then(Value::as_i64),
                entry.get("name").and_then(Value::as_str),
            ) else {
                continue;
            };
            known.entry(code).or_default().push(Known {
                name: name.to_string(),
                message: entry
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                operation: operation.to_string(),
            });
        }
    };
    add(root.get("x-feishu-error-codes"), "every operation");
    for item in root
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values())
    {
        for operation in item.as_object().into_iter().flat_map(|item| item.values()) {
            let id = operation
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or("an operation");
            add(operation.get("x-feishu-error-codes"), id);
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(code: i64, message: &str) -> ErrorRow {
        ErrorRow {
            code,
            http_status: 400,
            message: message.into(),
            hint: String::new(),
            line: 7,
        }
    }

    fn names(root: &Value, rows: &[ErrorRow]) -> (Vec<String>, Vec<String>) {
        let mut notes = Vec::new();
        let names = entries(root, rows, "p.md", &mut notes)
            .into_iter()
            .map(|entry| match entry {
                Yaml::Map(entries) => match &entries[1].1 {
                    Yaml::Scalar(name) => name.clone(),
                    _ => String::new(),
                },
                _ => String::new(),
            })
            .collect();
        (names, notes.into_iter().map(|note| note.message).collect())
    }

    #[test]
    fn a_known_code_with_the_same_meaning_keeps_its_name() {
        let root = json!({"paths": {"/a": {"get": {"operationId": "get_a",
            "x-feishu-error-codes": [{"code": 210506, "name": "NoSuchApp", "message": "no such app"}]}}}});
        let (names, notes) = names(
            &root,
            &[
                row(210506, "No such app."),
                row(210599, "target app not a custom app"),
            ],
        );
        assert_eq!(names, ["NoSuchApp", "TargetAppNotACustomApp"]);
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn another_meaning_clashes_and_non_english_are_named_and_reported() {
        let root = json!({"x-feishu-error-codes": [{"code": 1, "name": "NoSuchApp", "message": "no such app"}],
            "paths": {"/a": {"get": {"operationId": "get_a",
            "x-feishu-error-codes": [{"code": 211004, "name": "VersionGone", "message": "version gone"}]}}}});
        let (names, notes) = names(
            &root,
            &[
                row(211004, "app is frozen"),
                row(2, "no such app"),
                row(3, "应用不存在"),
            ],
        );
        assert_eq!(names, ["AppIsFrozen", "NoSuchApp2", "Code3"]);
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].contains("ErrorCode::Code211004"), "{}", notes[0]);
    }
}
