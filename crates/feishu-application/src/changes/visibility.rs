//! Whether the suggested visibility reaches more people or fewer.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::types::{AppVersion, AppVisibility, AppVisibleList};

/// How the visibility a version suggests compares with the live version's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Visibility {
    /// More people can see the app: `is_all` false → true, members, departments or groups added
    /// to `visible_list` or removed from `invisible_list`.
    Widened,
    /// Fewer people can see the app (the reverse).
    Narrowed,
    /// Some gain it and others lose it.
    Changed,
    /// The same people, or the version suggests no visibility (it keeps the live one).
    #[default]
    Unchanged,
}

/// Compares `remark.visibility`. A pending version without one keeps what is live; a live
/// version without one counts as visible to nobody, so any suggestion against it widens (the
/// cautious reading of a missing fact).
pub(super) fn compare(live: &AppVersion, pending: &AppVersion) -> Visibility {
    let Some(now) = suggested(pending) else {
        return Visibility::Unchanged;
    };
    let before = suggested(live);
    let (mut widens, mut narrows) = (false, false);
    let all_before = before.is_some_and(|b| b.is_all == Some(true));
    let all_now = now.is_all == Some(true);
    match (all_before, all_now) {
        (false, true) => widens = true,
        (true, false) => narrows = true,
        (true, true) => {}
        (false, false) => {
            let (visible_before, visible_now) = (
                members(before.and_then(|b| b.visible_list.as_ref())),
                members(now.visible_list.as_ref()),
            );
            widens |= !visible_now.is_subset(&visible_before);
            narrows |= !visible_before.is_subset(&visible_now);
        }
    }
    let (hidden_before, hidden_now) = (
        members(before.and_then(|b| b.invisible_list.as_ref())),
        members(now.invisible_list.as_ref()),
    );
    // Whoever is hidden no longer is seen by more people, and the reverse.
    widens |= !hidden_before.is_subset(&hidden_now);
    narrows |= !hidden_now.is_subset(&hidden_before);
    match (widens, narrows) {
        (true, true) => Visibility::Changed,
        (true, false) => Visibility::Widened,
        (false, true) => Visibility::Narrowed,
        (false, false) => Visibility::Unchanged,
    }
}

fn suggested(version: &AppVersion) -> Option<&AppVisibility> {
    version.remark.as_ref()?.visibility.as_ref()
}

/// Everyone a list names, tagged by kind so an open_id never equals a department id (the
/// contacts range compares its lists by the same rule).
pub(super) fn members(list: Option<&AppVisibleList>) -> BTreeSet<(&'static str, &str)> {
    let Some(list) = list else {
        return BTreeSet::new();
    };
    list.open_ids
        .iter()
        .map(|id| ("member", id.as_str()))
        .chain(
            list.department_ids
                .iter()
                .map(|id| ("department", id.as_str())),
        )
        .chain(list.group_ids.iter().map(|id| ("group", id.as_str())))
        .collect()
}
