//! How an error code the spec gains is named: one rule for `docs add` and `check --fix`.
//!
//! Feishu reuses numbers across operations with different meanings, so a code's meaning
//! (message, hint, HTTP status) belongs to the operation's own `x-feishu-error-codes` entry. The
//! name is the Rust variant of `ErrorCode`, one per number:
//!
//! - a number the spec documents with the same message keeps its name;
//! - otherwise the name comes from the message's first five English words (`page_size out of
//!   range, should be …` → `PageSizeOutOfRange`, `rust_names::error_code_name`); a number documented with another meaning
//!   elsewhere gets a name of its own, and the generator then names the number neutrally
//!   (`Code211004`), so no variant name is wrong for an operation (`codegen/error_codes.rs`);
//! - a message with no English name gets `Code<number>`, and a name another number holds gets
//!   the number appended.
//!
//! Every choice but the first is said, for the report.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::rust_names::error_code_name;

/// A code as the spec documents it somewhere: its name and message.
struct Known {
    name: String,
    message: String,
    operation: String,
}

/// The names a spec gives its error codes, and the names given since.
pub(crate) struct ErrorNames {
    known: BTreeMap<i64, Vec<Known>>,
    taken: BTreeMap<String, i64>,
}

/// A chosen name, and why it is not the plain one (for the report).
pub(crate) struct Named {
    pub(crate) name: String,
    pub(crate) why: Vec<String>,
}

impl ErrorNames {
    /// The codes the spec `root` documents, at the root and on each operation.
    pub(crate) fn of_spec(root: &Value) -> ErrorNames {
        let known = known_codes(root);
        let taken = known
            .iter()
            .flat_map(|(code, entries)| {
                entries.iter().map(move |known| (known.name.clone(), *code))
            })
            .collect();
        ErrorNames { known, taken }
    }

    /// The name of `code` with `message`, which later calls then see as taken.
    pub(crate) fn name(&mut self, code: i64, message: &str) -> Named {
        let named = self.choose(code, message);
        self.taken.insert(named.name.clone(), code);
        named
    }

    fn choose(&self, code: i64, message: &str) -> Named {
        let mut why = Vec::new();
        if let Some(entries) = self.known.get(&code) {
            if let Some(entry) = entries.iter().find(|k| same_message(&k.message, message)) {
                return Named {
                    name: entry.name.clone(),
                    why,
                };
            }
            let other = &entries[0];
            why.push(format!(
                "error code {code} means \"{message}\" here but \"{}\" on {}: the client names the \
                 number neutrally (ErrorCode::{}), each operation keeps its own message and hint",
                other.message,
                other.operation,
                code_name(code)
            ));
        }
        let name = match error_code_name(message) {
            Some(name) if self.taken.get(&name).is_none_or(|owner| *owner == code) => name,
            Some(name) => {
                let unique = format!("{name}{code}");
                why.push(format!(
                    "error code {code}: the name {name} is taken by code {}; named {unique}",
                    self.taken[&name]
                ));
                unique
            }
            None => {
                let neutral = code_name(code);
                why.push(format!(
                    "error code {code}: the message \"{message}\" has no English word to name it by; named {neutral}"
                ));
                neutral
            }
        };
        Named { name, why }
    }
}

/// The name of a code that has no usable English message, or whose name would clash: the
/// number, which no other code can have.
pub(crate) fn code_name(code: i64) -> String {
    format!("Code{code}")
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

    fn names(root: &Value, rows: &[(i64, &str)]) -> (Vec<String>, Vec<String>) {
        let mut names = ErrorNames::of_spec(root);
        let mut why = Vec::new();
        let chosen = rows
            .iter()
            .map(|(code, message)| {
                let named = names.name(*code, message);
                why.extend(named.why);
                named.name
            })
            .collect();
        (chosen, why)
    }

    #[test]
    fn a_known_code_with_the_same_meaning_keeps_its_name() {
        let root = json!({"paths": {"/a": {"get": {"operationId": "get_a",
            "x-feishu-error-codes": [{"code": 210506, "name": "NoSuchApp", "message": "no such app"}]}}}});
        let (names, why) = names(
            &root,
            &[
                (210506, "No such app."),
                (210599, "target app not a custom app"),
            ],
        );
        assert_eq!(names, ["NoSuchApp", "TargetAppNotACustom"]);
        assert!(why.is_empty(), "{why:?}");
    }

    #[test]
    fn another_meaning_clashes_and_non_english_are_named_and_reported() {
        let root = json!({"x-feishu-error-codes": [{"code": 1, "name": "NoSuchApp", "message": "no such app"}],
            "paths": {"/a": {"get": {"operationId": "get_a",
            "x-feishu-error-codes": [{"code": 211004, "name": "VersionGone", "message": "version gone"}]}}}});
        let (names, why) = names(
            &root,
            &[
                (211004, "app is frozen"),
                (2, "no such app"),
                (3, "应用不存在"),
            ],
        );
        assert_eq!(names, ["AppIsFrozen", "NoSuchApp2", "Code3"]);
        assert_eq!(why.len(), 3, "{why:?}");
        assert!(why[0].contains("ErrorCode::Code211004"), "{}", why[0]);
    }
}
