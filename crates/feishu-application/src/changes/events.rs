//! Events subscribed to and dropped.

use std::collections::BTreeSet;

use crate::types::AppVersion;

/// Event types added and removed, sorted. `events` and `event_infos[].event_type` are the same
/// subscriptions seen twice, so a version's events are the union of both.
pub(super) fn compare(live: &AppVersion, pending: &AppVersion) -> (Vec<String>, Vec<String>) {
    let (live, pending) = (subscribed(live), subscribed(pending));
    let added = pending.difference(&live).map(|e| (*e).to_owned()).collect();
    let removed = live.difference(&pending).map(|e| (*e).to_owned()).collect();
    (added, removed)
}

fn subscribed(version: &AppVersion) -> BTreeSet<&str> {
    let infos = version
        .event_infos
        .iter()
        .filter_map(|info| info.event_type.as_deref());
    version
        .events
        .iter()
        .map(String::as_str)
        .chain(infos)
        .filter(|event| !event.is_empty())
        .collect()
}
