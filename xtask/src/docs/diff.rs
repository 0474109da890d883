//! `docs diff OLD NEW`: the facts two versions of a page add, remove and change.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::fact_model::{Attr, Fact};
use super::page::Page;

/// How a fact changed between two versions of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only the new page states it.
    Added,
    /// Only the old page states it.
    Removed,
    /// Both state it, with different values.
    Changed,
}

/// One fact that differs between the pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// The fact's name as `docs check` prints it (the new value's, or the old one's when removed).
    pub fact: String,
    /// The old value and line (`None` when added).
    pub old: Option<Side>,
    /// The new value and line (`None` when removed).
    pub new: Option<Side>,
}

/// A fact's value and page line on one side of a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The value.
    pub value: String,
    /// The page line.
    pub line: usize,
}

/// The changes from `old` to `new`, in fact-name order.
#[must_use]
pub fn diff(old: &Page, new: &Page) -> Vec<Change> {
    let before = by_key(&old.facts);
    let after = by_key(&new.facts);
    let mut changes = Vec::new();
    for (key, fact) in &after {
        let side = Side {
            value: fact.value.clone(),
            line: fact.line,
        };
        match before.get(key) {
            None => changes.push(Change {
                change: ChangeKind::Added,
                fact: fact.to_string(),
                old: None,
                new: Some(side),
            }),
            Some(previous) if previous.value != fact.value => changes.push(Change {
                change: ChangeKind::Changed,
                fact: fact.to_string(),
                old: Some(Side {
                    value: previous.value.clone(),
                    line: previous.line,
                }),
                new: Some(side),
            }),
            Some(_) => {}
        }
    }
    for (key, fact) in &before {
        if !after.contains_key(key) {
            let side = Side {
                value: fact.value.clone(),
                line: fact.line,
            };
            changes.push(Change {
                change: ChangeKind::Removed,
                fact: fact.to_string(),
                old: Some(side),
                new: None,
            });
        }
    }
    changes.sort_by(|a, b| a.fact.cmp(&b.fact));
    changes
}

fn by_key(facts: &[Fact]) -> BTreeMap<(String, Attr, String), &Fact> {
    let mut map = BTreeMap::new();
    for fact in facts {
        map.entry(fact.key()).or_insert(fact);
    }
    map
}

/// The changes as text: `+ fact (NEW:line)`, `- fact (OLD:line)`, `~ fact (was VALUE, OLD:line)`.
#[must_use]
pub fn changes_text(changes: &[Change], old: &str, new: &str) -> String {
    let mut out = String::new();
    for change in changes {
        let _ = match (change.change, &change.old, &change.new) {
            (ChangeKind::Added, _, Some(side)) => {
                writeln!(out, "+ {} ({new}:{})", change.fact, side.line)
            }
            (ChangeKind::Removed, Some(side), _) => {
                writeln!(out, "- {} ({old}:{})", change.fact, side.line)
            }
            (ChangeKind::Changed, Some(was), Some(side)) => {
                writeln!(
                    out,
                    "~ {} (was {}, {old}:{}; {new}:{})",
                    change.fact, was.value, was.line, side.line
                )
            }
            _ => Ok(()),
        };
    }
    out
}
