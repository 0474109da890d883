//! Abilities turned on, turned off, or with other settings.

use serde_json::Value;

use super::documented::documented;
use crate::types::AppAbility;

/// The ability part of a comparison, each list in the spec's order of `AppAbility`.
pub(super) struct Abilities {
    pub(super) added: Vec<String>,
    pub(super) removed: Vec<String>,
    pub(super) changed: Vec<String>,
}

/// Compares the documented settings of each ability. An ability is on when its member is
/// present (for the lists, `docs_blocks` and `workplace_widgets`: not empty).
pub(super) fn compare(live: Option<&AppAbility>, pending: Option<&AppAbility>) -> Abilities {
    let (live, pending) = (settings(live), settings(pending));
    let mut abilities = Abilities {
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
    };
    for ((name, before), (_, now)) in live.into_iter().zip(pending) {
        let list = match (before, now) {
            (None, Some(_)) => &mut abilities.added,
            (Some(_), None) => &mut abilities.removed,
            (Some(before), Some(now)) if before != now => &mut abilities.changed,
            _ => continue,
        };
        list.push(name.to_owned());
    }
    abilities
}

/// Every ability by its `AppAbility` member name, with its documented settings when on.
fn settings(ability: Option<&AppAbility>) -> [(&'static str, Option<Value>); 9] {
    fn on<T: serde::Serialize + crate::drift::DriftWalk>(value: Option<&T>) -> Option<Value> {
        value.map(documented)
    }
    fn listed<T: serde::Serialize + crate::drift::DriftWalk>(
        items: Option<&Vec<T>>,
    ) -> Option<Value> {
        items.filter(|items| !items.is_empty()).map(documented)
    }
    let a = ability;
    [
        ("bot", on(a.and_then(|a| a.bot.as_ref()))),
        ("cloud_doc", on(a.and_then(|a| a.cloud_doc.as_ref()))),
        ("docs_blocks", listed(a.map(|a| &a.docs_blocks))),
        ("gadget", on(a.and_then(|a| a.gadget.as_ref()))),
        (
            "message_action",
            on(a.and_then(|a| a.message_action.as_ref())),
        ),
        ("navigate", on(a.and_then(|a| a.navigate.as_ref()))),
        ("plus_menu", on(a.and_then(|a| a.plus_menu.as_ref()))),
        ("web_app", on(a.and_then(|a| a.web_app.as_ref()))),
        ("workplace_widgets", listed(a.map(|a| &a.workplace_widgets))),
    ]
}
