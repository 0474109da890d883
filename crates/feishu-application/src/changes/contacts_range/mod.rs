//! Whether the contacts range a version asks for opens more people's directory data, or less.

use std::collections::BTreeSet;

use super::visibility::{Visibility, members};
use crate::types::{AppContactsRange, ContactsScopeType};

/// A contacts range reduced to what the comparison needs.
#[derive(Debug, PartialEq, Eq)]
enum Range<'a> {
    /// `equal_to_availability`: the people who can use the app.
    EqualToAvailability,
    /// `some`: these members, departments and groups, tagged by kind.
    Some(BTreeSet<(&'static str, &'a str)>),
    /// `all`: the whole company.
    All,
    /// A scope type the spec does not document (yet), with the ids it lists.
    Undocumented(&'a str, BTreeSet<(&'static str, &'a str)>),
}

/// Compares the range a version asks for (`requested`, from get_contacts_range_suggest) with
/// the live one (`live`, from list_contacts_range_configuration; `None` for an app with no
/// live range). `visibility` is the version's visibility change: a switch between
/// `equal_to_availability` and `some` reaches more people when the visibility widens too.
/// The rules are documented on [`super::VersionChanges::contacts_range`].
pub(super) fn compare(
    live: Option<&AppContactsRange>,
    requested: Option<&AppContactsRange>,
    visibility: Visibility,
) -> Visibility {
    let Some(requested) = requested.and_then(asked) else {
        return Visibility::Unchanged;
    };
    let live = live.map(|live| asked(live).unwrap_or(Range::EqualToAvailability));
    match (live, requested) {
        (Some(live), requested) if live == requested => Visibility::Unchanged,
        // Nothing known about an undocumented kind: it is a change, and a human reads it.
        (Some(Range::Undocumented(..)), _) | (_, Range::Undocumented(..)) => Visibility::Changed,
        (_, Range::All) => Visibility::Widened,
        (Some(Range::All), _) => Visibility::Narrowed,
        (None, Range::Some(_)) => Visibility::Widened,
        (None, Range::EqualToAvailability) => Visibility::Unchanged,
        (Some(Range::Some(before)), Range::Some(now)) => {
            let widens = !now.is_subset(&before);
            let narrows = !before.is_subset(&now);
            match (widens, narrows) {
                (true, true) => Visibility::Changed,
                (true, false) => Visibility::Widened,
                (false, true) => Visibility::Narrowed,
                (false, false) => Visibility::Unchanged,
            }
        }
        (Some(Range::EqualToAvailability | Range::Some(_)), _) => match visibility {
            Visibility::Widened => Visibility::Widened,
            _ => Visibility::Changed,
        },
    }
}

/// Whether a suggestion asks for anything: an absent object, or one with no scope type and
/// no ids, asks for no change.
pub(super) fn asks_for_something(range: &AppContactsRange) -> bool {
    asked(range).is_some()
}

/// What a range object says; `None` when it says nothing. Ids without a scope type can only
/// mean `some` (the list means nothing for the other kinds).
fn asked(range: &AppContactsRange) -> Option<Range<'_>> {
    let ids = members(range.visible_list.as_ref());
    match &range.contacts_scope_type {
        None if ids.is_empty() => None,
        None | Some(ContactsScopeType::Some) => Some(Range::Some(ids)),
        Some(ContactsScopeType::All) => Some(Range::All),
        Some(ContactsScopeType::EqualToAvailability) => Some(Range::EqualToAvailability),
        Some(other) => Some(Range::Undocumented(other.value(), ids)),
    }
}

#[cfg(test)]
mod tests;
