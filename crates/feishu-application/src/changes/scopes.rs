//! Scopes added, removed, or with another level.

use std::collections::BTreeMap;

use super::{LevelChange, ScopeChange};
use crate::types::{AppScope, ScopeLevel, TokenType};

/// The scope part of a comparison, each list sorted by scope.
pub(super) struct Scopes {
    pub(super) added: Vec<ScopeChange>,
    pub(super) removed: Vec<ScopeChange>,
    pub(super) levels_changed: Vec<LevelChange>,
}

pub(super) fn compare(live: &[AppScope], pending: &[AppScope]) -> Scopes {
    let (live, pending) = (by_name(live), by_name(pending));
    let mut scopes = Scopes {
        added: Vec::new(),
        removed: Vec::new(),
        levels_changed: Vec::new(),
    };
    for (name, now) in &pending {
        match live.get(name) {
            None => scopes.added.push(now.change(name)),
            Some(before) if before.level != now.level => scopes.levels_changed.push(LevelChange {
                scope: (*name).to_owned(),
                from: before.level,
                to: now.level,
            }),
            Some(_) => {}
        }
    }
    for (name, before) in &live {
        if !pending.contains_key(name) {
            scopes.removed.push(before.change(name));
        }
    }
    scopes
}

/// One scope as a version asks for it, its duplicates merged.
struct Asked {
    level: Option<ScopeLevel>,
    token_types: Vec<TokenType>,
}

impl Asked {
    fn change(&self, name: &str) -> ScopeChange {
        ScopeChange {
            scope: name.to_owned(),
            level: self.level,
            token_types: self.token_types.clone(),
        }
    }
}

/// A version's scopes by name. A scope listed twice counts once, at the more sensitive of its
/// levels and with every token type either entry names (the cautious reading). A scope without a
/// name cannot be compared and is left out.
fn by_name(scopes: &[AppScope]) -> BTreeMap<&str, Asked> {
    let mut named: BTreeMap<&str, Asked> = BTreeMap::new();
    for scope in scopes {
        let Some(name) = scope.scope.as_deref() else {
            continue;
        };
        let asked = named.entry(name).or_insert(Asked {
            level: scope.level,
            token_types: Vec::new(),
        });
        if rank(scope.level) > rank(asked.level) {
            asked.level = scope.level;
        }
        for token_type in &scope.token_types {
            if !asked.token_types.contains(token_type) {
                asked.token_types.push(token_type.clone());
            }
        }
    }
    for asked in named.values_mut() {
        asked.token_types.sort_by_key(ToString::to_string);
    }
    named
}

/// How sensitive a level is, for merging duplicates: unknown or absent levels rank highest,
/// as the policy treats them.
pub(crate) fn rank(level: Option<ScopeLevel>) -> u8 {
    match level {
        Some(ScopeLevel::Normal) => 1,
        Some(ScopeLevel::Advanced) => 2,
        Some(ScopeLevel::SuperSensitive) => 3,
        _ => u8::MAX,
    }
}
