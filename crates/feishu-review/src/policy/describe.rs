//! Changes in a few words, for tables and reasons.

use feishu_application::changes::{VersionChanges, Visibility};
use feishu_application::types::{ContactsScopeType, ScopeLevel};

/// A scope level in words: "level 3", or "unknown level".
pub(super) fn level_text(level: Option<ScopeLevel>) -> String {
    match rank(level) {
        u8::MAX => "unknown level".to_owned(),
        level => format!("level {level}"),
    }
}

/// A short summary, e.g. `+2 scopes (max level 3), visibility widened`; `new app, 3 scopes
/// (max level 2)` for a new app, `no change` when nothing changed.
pub(crate) fn summary(changes: &VersionChanges) -> String {
    let mut parts = Vec::new();
    if changes.since.is_none() {
        parts.push("new app".to_owned());
    }
    scope_parts(changes, &mut parts);
    if changes.since.is_some() {
        for (sign, list) in [
            ("+", &changes.abilities_added),
            ("-", &changes.abilities_removed),
        ] {
            parts.extend(list.iter().map(|a| format!("{sign}{a}")));
        }
    }
    parts.extend(
        changes
            .abilities_changed
            .iter()
            .map(|a| format!("{a} changed")),
    );
    match changes.visibility {
        Visibility::Widened => parts.push("visibility widened".into()),
        Visibility::Narrowed => parts.push("visibility narrowed".into()),
        Visibility::Changed => parts.push("visibility changed".into()),
        _ => {}
    }
    contacts_part(changes, &mut parts);
    if changes.since.is_some() {
        other_parts(changes, &mut parts);
    }
    if parts.is_empty() {
        return "no change".to_owned();
    }
    parts.join(", ")
}

fn plural(n: usize, one: &str) -> String {
    match n {
        1 => format!("{n} {one}"),
        _ => format!("{n} {one}s"),
    }
}

/// Scopes added (with the highest level), removed, raised and lowered.
fn scope_parts(changes: &VersionChanges, parts: &mut Vec<String>) {
    if !changes.scopes_added.is_empty() {
        let highest = changes
            .scopes_added
            .iter()
            .map(|s| s.level)
            .max_by_key(|l| rank(*l));
        let max = match highest.map(rank) {
            Some(u8::MAX) | None => "max level unknown".to_owned(),
            Some(level) => format!("max level {level}"),
        };
        let sign = if changes.since.is_some() { "+" } else { "" };
        parts.push(format!(
            "{sign}{} ({max})",
            plural(changes.scopes_added.len(), "scope")
        ));
    }
    if !changes.scopes_removed.is_empty() {
        parts.push(format!(
            "-{}",
            plural(changes.scopes_removed.len(), "scope")
        ));
    }
    let raised = changes
        .scope_levels_changed
        .iter()
        .filter(|c| rank(c.to) > rank(c.from))
        .count();
    if raised > 0 {
        parts.push(format!("{} raised", plural(raised, "scope level")));
    }
    let lowered = changes.scope_levels_changed.len() - raised;
    if lowered > 0 {
        parts.push(format!("{} lowered", plural(lowered, "scope level")));
    }
}

/// The contacts range: `contacts widened (all)`, `contacts narrowed (some)`, ...
fn contacts_part(changes: &VersionChanges, parts: &mut Vec<String>) {
    let verb = match changes.contacts_range {
        Visibility::Widened => "widened",
        Visibility::Narrowed => "narrowed",
        Visibility::Changed => "changed",
        _ => return,
    };
    let asked = changes
        .contacts_range_requested
        .as_ref()
        .and_then(|r| r.contacts_scope_type.as_ref());
    match asked {
        Some(ContactsScopeType::All) => parts.push(format!("contacts {verb} (all)")),
        Some(kind) => parts.push(format!("contacts {verb} ({kind})")),
        None => parts.push(format!("contacts {verb}")),
    }
}

/// Events, hosts and names, which only a resubmission can change.
fn other_parts(changes: &VersionChanges, parts: &mut Vec<String>) {
    if !changes.events_added.is_empty() {
        parts.push(format!("+{}", plural(changes.events_added.len(), "event")));
    }
    if !changes.events_removed.is_empty() {
        parts.push(format!(
            "-{}",
            plural(changes.events_removed.len(), "event")
        ));
    }
    if !changes.hosts_changed.is_empty() {
        let fields: Vec<&str> = changes
            .hosts_changed
            .iter()
            .map(|h| h.field.as_str())
            .collect();
        parts.push(format!("host moved ({})", fields.join(", ")));
    }
    if changes.names_changed {
        parts.push("name changed".into());
    }
}

/// A scope's level for comparison; unknown levels rank above all, so they need a human.
pub(super) fn rank(level: Option<ScopeLevel>) -> u8 {
    match level {
        Some(ScopeLevel::Normal) => 1,
        Some(ScopeLevel::Advanced) => 2,
        Some(ScopeLevel::SuperSensitive) => 3,
        _ => u8::MAX,
    }
}
