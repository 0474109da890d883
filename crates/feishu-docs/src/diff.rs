//! `docs diff OLD NEW`: the facts two versions of a page add, remove and change.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::facts::model::{Attr, Fact};
use crate::facts::page::Page;
use crate::keyed_diff::{Delta, keyed_diff};

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
    let mut changes: Vec<Change> = keyed_diff(&before, &after, |was, is| was.value == is.value)
        .map(|delta| match delta {
            Delta::Added(_, fact) => Change {
                change: ChangeKind::Added,
                fact: fact.to_string(),
                old: None,
                new: Some(Side::of(fact)),
            },
            Delta::Removed(_, fact) => Change {
                change: ChangeKind::Removed,
                fact: fact.to_string(),
                old: Some(Side::of(fact)),
                new: None,
            },
            Delta::Changed(_, previous, fact) => Change {
                change: ChangeKind::Changed,
                fact: fact.to_string(),
                old: Some(Side::of(previous)),
                new: Some(Side::of(fact)),
            },
        })
        .collect();
    // Distinct keys can print alike (a subject holding `: `). Such ties keep the order
    // `docs diff` has always printed, additions and changes ahead of removals, each in key
    // order, rather than whatever interleaving the walk yields.
    changes.sort_by(|a, b| {
        let removal = |change: &Change| change.change == ChangeKind::Removed;
        a.fact.cmp(&b.fact).then(removal(a).cmp(&removal(b)))
    });
    changes
}

impl Side {
    fn of(fact: &Fact) -> Self {
        Self {
            value: fact.value.clone(),
            line: fact.line,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::{ChangeKind, diff};
    use crate::{Attr, Fact, Format, Page};

    fn page(facts: Vec<Fact>) -> Page {
        Page {
            file: "page.md".to_owned(),
            format: Format::Markdown,
            title: None,
            source_url: None,
            updated: None,
            method: "GET".to_owned(),
            path: "/apps".to_owned(),
            line: 1,
            facts,
            examples: Vec::new(),
        }
    }

    #[test]
    fn facts_that_print_alike_list_the_addition_before_the_removal() {
        // Both print `s: type=a: type=b`; the removed one has the smaller key.
        let removed = Fact::new("s", Attr::Type, "a: type=b", 3);
        let added = Fact::new("s: type=a", Attr::Type, "b", 4);
        assert_eq!(removed.to_string(), added.to_string());
        let changes = diff(&page(vec![removed]), &page(vec![added]));
        let kinds: Vec<_> = changes.iter().map(|c| c.change).collect();
        assert_eq!(kinds, [ChangeKind::Added, ChangeKind::Removed]);
    }
}
