//! Two API surfaces compared by Cargo's SemVer rules
//! (<https://doc.rust-lang.org/cargo/reference/semver.html>).
//!
//! Breaking (major): removing or changing any public item; adding a field to a struct that
//! is not `#[non_exhaustive]` (struct literals break) or a variant to an enum that is not
//! (exhaustive matches break) — so a request enum gaining a value is major, as
//! cargo-semver-checks says too; making a type `#[non_exhaustive]`.
//! Additive (minor): a new item, a new field or variant of a `#[non_exhaustive]` type.
//! Patch: nothing a consumer can see changed but a constant's value.

use std::fmt::Write as _;

use serde::Serialize;

use super::surface::{Entry, Kind, Surface};
use feishu_docs::keyed_diff::{Delta, keyed_diff};

/// How big a change is for consumers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing a consumer can notice at compile time.
    Patch,
    /// Additive: every consumer still compiles.
    Minor,
    /// Breaking: some consumer may no longer compile.
    Major,
}

impl Level {
    /// `major`, `minor` or `patch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Patch => "patch",
            Self::Minor => "minor",
            Self::Major => "major",
        }
    }
}

/// What happened to one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// New in the working tree.
    Added,
    /// Gone from the working tree.
    Removed,
    /// There in both, different.
    Changed,
}

/// One classified change; the JSON shape is fixed (DESIGN.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The item's path, e.g. `types::AppVersion::submit_time`.
    pub item: String,
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// Whether some consumer may stop compiling.
    pub breaking: bool,
    /// Why, in words.
    pub message: String,
}

/// The whole change: `{"level", "changes"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The largest level of any change (`patch` when there is none).
    pub level: Level,
    /// Every change, by item path.
    pub changes: Vec<Change>,
}

/// Compares `old` (the base) with `new` (the working tree).
pub fn compare(old: &Surface, new: &Surface) -> Report {
    // Keyed by item path with at most one change a key, so the walk's key order is already
    // the report's order by item path.
    let changes: Vec<Change> = keyed_diff(&old.items, &new.items, |before, after| before == after)
        .filter_map(|delta| match delta {
            Delta::Removed(path, before) if !parent_gone(before, old, new) => {
                Some(removed(path, before))
            }
            Delta::Added(path, after) if !parent_new(after, old) => Some(added(path, after, new)),
            Delta::Removed(..) | Delta::Added(..) => None,
            Delta::Changed(path, before, after) => changed(path, before, after),
        })
        .collect();
    let level = changes.iter().map(level_of).max().unwrap_or(Level::Patch);
    Report { level, changes }
}

fn level_of(change: &Change) -> Level {
    match (change.breaking, change.change) {
        (true, _) => Level::Major,
        (false, ChangeKind::Added) => Level::Minor,
        (false, _) => Level::Patch,
    }
}

/// A child of a removed type: the type's removal says it all.
fn parent_gone(entry: &Entry, old: &Surface, new: &Surface) -> bool {
    entry
        .parent
        .as_ref()
        .is_some_and(|p| old.items.contains_key(p) && !new.items.contains_key(p))
}

/// A child of a new type: the type's addition says it all.
fn parent_new(entry: &Entry, old: &Surface) -> bool {
    entry
        .parent
        .as_ref()
        .is_some_and(|p| !old.items.contains_key(p))
}

fn removed(path: &str, entry: &Entry) -> Change {
    Change {
        item: path.to_owned(),
        change: ChangeKind::Removed,
        breaking: true,
        message: format!(
            "{} removed: code that uses it no longer compiles",
            noun(entry)
        ),
    }
}

fn added(path: &str, entry: &Entry, new: &Surface) -> Change {
    let parent = entry.parent.as_deref().and_then(|p| new.items.get(p));
    let (breaking, message) = match (&entry.kind, parent.map(|p| &p.kind)) {
        (
            Kind::Field,
            Some(Kind::Struct {
                non_exhaustive: false,
            }),
        ) => (
            true,
            format!(
                "new field of `{}`, which is not #[non_exhaustive]: struct literals of it no \
                 longer compile",
                entry.parent.as_deref().unwrap_or_default()
            ),
        ),
        (
            Kind::Variant,
            Some(Kind::Enum {
                non_exhaustive: false,
            }),
        ) => (
            true,
            format!(
                "new variant of `{}`, which is not #[non_exhaustive]: exhaustive matches on it \
                 no longer compile",
                entry.parent.as_deref().unwrap_or_default()
            ),
        ),
        (Kind::Field, _) => (false, "new field of a #[non_exhaustive] struct".to_owned()),
        (Kind::Variant, _) => (false, "new variant of a #[non_exhaustive] enum".to_owned()),
        _ => (false, format!("new {}", noun(entry))),
    };
    Change {
        item: path.to_owned(),
        change: ChangeKind::Added,
        breaking,
        message,
    }
}

fn changed(path: &str, before: &Entry, after: &Entry) -> Option<Change> {
    let change = |breaking: bool, message: String| Change {
        item: path.to_owned(),
        change: ChangeKind::Changed,
        breaking,
        message,
    };
    let (breaking, message) = match (&before.kind, &after.kind) {
        (
            Kind::Struct { non_exhaustive: a } | Kind::Enum { non_exhaustive: a },
            Kind::Struct { non_exhaustive: b } | Kind::Enum { non_exhaustive: b },
        ) if a != b && before.signature == after.signature => match b {
            true => (
                true,
                "became #[non_exhaustive]: literals and exhaustive matches outside the crate no \
                 longer compile"
                    .to_owned(),
            ),
            false => (false, "no longer #[non_exhaustive]".to_owned()),
        },
        (a, b) if a != b || before.signature != after.signature => (
            true,
            format!(
                "{} changed from `{}` to `{}`",
                noun(before),
                before.signature,
                after.signature
            ),
        ),
        _ if before.value != after.value => (
            false,
            value_change(
                before.value.as_deref().unwrap_or_default(),
                after.value.as_deref().unwrap_or_default(),
            ),
        ),
        _ => return None,
    };
    Some(change(breaking, message))
}

/// Values short enough to read whole are shown whole; a long one (a table of every error code)
/// shows only its words that were added and removed.
fn value_change(before: &str, after: &str) -> String {
    const WHOLE: usize = 80;
    if before.len() <= WHOLE && after.len() <= WHOLE {
        return format!("value changed from `{before}` to `{after}`");
    }
    let diff = similar::TextDiff::from_words(before, after);
    let (mut added, mut removed) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Insert => added.push_str(change.value()),
            similar::ChangeTag::Delete => removed.push_str(change.value()),
            similar::ChangeTag::Equal => {}
        }
    }
    let mut message = "value changed:".to_owned();
    for (sign, words) in [("added", added), ("removed", removed)] {
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        if !words.is_empty() {
            let _ = write!(message, " {sign} `{words}`;");
        }
    }
    message.trim_end_matches(';').to_owned()
}

fn noun(entry: &Entry) -> &'static str {
    match entry.kind {
        Kind::Struct { .. } => "struct",
        Kind::Field => "field",
        Kind::Enum { .. } => "enum",
        Kind::Variant => "variant",
        Kind::Function => "function",
        Kind::Const => "constant",
        Kind::Impl => "trait impl",
    }
}

impl Report {
    /// The text form: the level, then one line per change.
    pub fn text(&self) -> String {
        let mut text = format!(
            "api diff: {} ({} change{})\n",
            self.level.as_str(),
            self.changes.len(),
            if self.changes.len() == 1 { "" } else { "s" }
        );
        for change in &self.changes {
            let kind = match change.change {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
            };
            let mark = if change.breaking { "BREAKING " } else { "" };
            let _ = writeln!(
                text,
                "  {kind:<8} {} — {mark}{}",
                change.item, change.message
            );
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::value_change;

    #[test]
    fn short_values_show_whole_and_long_ones_show_their_added_and_removed_words() {
        assert_eq!(
            value_change("50", "100"),
            "value changed from `50` to `100`"
        );
        let before =
            "& [Self :: InternalError , Self :: PageTokenExpired , Self :: NoSuchVersion ,]";
        let after = "& [Self :: InternalError , Self :: PageTokenExpired , Self :: AppIsFrozen , \
                     Self :: NoSuchVersion ,]";
        let message = value_change(before, after);
        assert!(message.starts_with("value changed: added `"), "{message}");
        assert!(message.contains("AppIsFrozen"), "{message}");
        assert!(!message.contains("removed"), "{message}");
        assert!(!message.contains("InternalError"), "{message}");
    }
}
