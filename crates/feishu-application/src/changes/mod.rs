//! What a pending version changes compared with the app's live version, for review by change
//! (documented on [`VersionChanges`]).

mod abilities;
mod contacts_range;
mod documented;
mod events;
mod hosts;
mod names;
mod scopes;
mod visibility;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::types::{AppContactsRange, AppVersion, ScopeLevel, TokenType};

pub use visibility::Visibility;

/// What a pending version changes compared with the app's live version.
///
/// [`VersionChanges::between`] compares two versions of one app; [`VersionChanges::new_app`]
/// describes a version of an app that has no live version yet (everything it asks for is new).
/// The value serializes with fixed names that other tools read:
///
/// ```text
/// {"since": "oav_…", "scopes_added": [{"scope", "level", "token_types"}], "scopes_removed": […],
///  "scope_levels_changed": [{"scope", "from", "to"}], "abilities_added": ["bot"],
///  "abilities_removed": […], "abilities_changed": […],
///  "visibility": "widened" | "narrowed" | "changed" | "unchanged",
///  "events_added": […], "events_removed": […], "hosts_changed": [{"field", "from", "to"}],
///  "names_changed": false, "contacts_range": "widened" | "narrowed" | "changed" | "unchanged",
///  "contacts_range_requested": {"contacts_scope_type", "visible_list": {…}} | null}
/// ```
///
/// The contacts range (通讯录权限范围) is not part of a version: Feishu answers it from two
/// calls of its own, so [`VersionChanges::with_contacts_range`] takes the two ranges beside the
/// two versions (the diff stays a pure function). Until it is called, `contacts_range` is
/// `unchanged` and `contacts_range_requested` is `None`.
///
/// Only what the spec documents is compared: members Feishu sends that the spec does not list
/// (the `extra` maps of the response types) are left out, so an undocumented field that changes
/// is not reported as a change. Lists are compared as sets and every list in the value is
/// sorted, so the order Feishu answers in never shows up as a change.
///
/// ```
/// use feishu_application::changes::{VersionChanges, Visibility};
/// use feishu_application::types::AppVersion;
///
/// let live: AppVersion = serde_json::from_value(serde_json::json!({
///     "version_id": "oav_1", "scopes": [{"scope": "contact:user.base:readonly", "level": 1}]}))?;
/// let pending: AppVersion = serde_json::from_value(serde_json::json!({
///     "version_id": "oav_2", "scopes": [{"scope": "contact:user.base:readonly", "level": 1},
///                                       {"scope": "contact:user.phone:readonly", "level": 3}]}))?;
/// let changes = VersionChanges::between(&live, &pending);
/// assert_eq!(changes.since.as_deref(), Some("oav_1"));
/// assert_eq!(changes.scopes_added[0].scope, "contact:user.phone:readonly");
/// assert_eq!(changes.visibility, Visibility::Unchanged);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VersionChanges {
    /// The live version compared against; `None` for a new app.
    pub since: Option<String>,
    /// Scopes the pending version asks for and the live one does not, by scope.
    pub scopes_added: Vec<ScopeChange>,
    /// Scopes the live version has and the pending one drops, by scope.
    pub scopes_removed: Vec<ScopeChange>,
    /// Scopes in both whose level differs, by scope.
    pub scope_levels_changed: Vec<LevelChange>,
    /// Abilities the pending version turns on (`bot`, `web_app`, …: the members of
    /// `AppAbility`), in the spec's order.
    pub abilities_added: Vec<String>,
    /// Abilities the pending version turns off.
    pub abilities_removed: Vec<String>,
    /// Abilities in both whose documented settings differ.
    pub abilities_changed: Vec<String>,
    /// Whether the suggested visibility reaches more people, fewer, both, or the same.
    pub visibility: Visibility,
    /// Event types subscribed to now and not before (`events` and `event_infos` together).
    pub events_added: Vec<String>,
    /// Event types no longer subscribed to.
    pub events_removed: Vec<String>,
    /// URLs whose host (or port) changed, appeared or disappeared; a new path alone is not a
    /// change.
    pub hosts_changed: Vec<HostChange>,
    /// Whether the app's name or description changed, in any language.
    pub names_changed: bool,
    /// Whether the contacts range the version asks for opens more people's directory data
    /// than the live range, less, both, or the same (the same enum as `visibility`):
    ///
    /// * an empty or absent suggestion is `unchanged` (the version keeps the live range);
    /// * `all` asked where the live range is not `all` is `widened`;
    /// * `some` against `some` compares the members, departments and groups (ids tagged by
    ///   kind, as `visibility` does, so a member and a department sharing an id are two
    ///   people): only added is `widened`, only removed `narrowed`, both `changed`;
    /// * `some` or `equal_to_availability` asked where `all` is live is `narrowed`;
    /// * `equal_to_availability` against `some`, or the reverse, is `changed`, and `widened`
    ///   when the version also widens its visibility;
    /// * an app with no live range asking for `all` or `some` is `widened`
    ///   (`equal_to_availability` is what such an app has: `unchanged`);
    /// * a scope type the spec does not document, on either side, is `changed` unless both
    ///   sides are the same;
    /// * ids without a scope type mean `some`; a live range object without either means
    ///   `equal_to_availability`.
    #[serde(default)]
    pub contacts_range: Visibility,
    /// The contacts range the version asks for (the `contacts_range` object of
    /// get_contacts_range_suggest, as Feishu answered it), or `None` when it asks for no
    /// change.
    #[serde(default)]
    pub contacts_range_requested: Option<AppContactsRange>,
}

// `AppContactsRange` is only `PartialEq` (it keeps undocumented members as JSON), but its
// equality is reflexive: JSON values hold no NaN. So the whole value is `Eq`.
impl Eq for VersionChanges {}

/// A scope added or removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScopeChange {
    /// The scope, e.g. `contact:user.phone:readonly`.
    pub scope: String,
    /// Its level; `None` when Feishu did not say.
    pub level: Option<ScopeLevel>,
    /// The identities it works with.
    pub token_types: Vec<TokenType>,
}

/// A scope whose level changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LevelChange {
    /// The scope.
    pub scope: String,
    /// Its level in the live version.
    pub from: Option<ScopeLevel>,
    /// Its level in the pending version.
    pub to: Option<ScopeLevel>,
}

/// A URL whose host changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HostChange {
    /// Where the URL sits, e.g. `back_home_url` or `ability.web_app.pc_url`.
    pub field: String,
    /// The live version's URL; `None` when it had none.
    pub from: Option<String>,
    /// The pending version's URL; `None` when it has none.
    pub to: Option<String>,
}

impl VersionChanges {
    /// What `pending` changes compared with `live`, the app's version online.
    #[must_use]
    pub fn between(live: &AppVersion, pending: &AppVersion) -> Self {
        let scopes = scopes::compare(&live.scopes, &pending.scopes);
        let abilities = abilities::compare(live.ability.as_ref(), pending.ability.as_ref());
        let (events_added, events_removed) = events::compare(live, pending);
        Self {
            since: live.version_id.clone(),
            scopes_added: scopes.added,
            scopes_removed: scopes.removed,
            scope_levels_changed: scopes.levels_changed,
            abilities_added: abilities.added,
            abilities_removed: abilities.removed,
            abilities_changed: abilities.changed,
            visibility: visibility::compare(live, pending),
            events_added,
            events_removed,
            hosts_changed: hosts::compare(live, pending),
            names_changed: names::changed(live, pending),
            contacts_range: Visibility::Unchanged,
            contacts_range_requested: None,
        }
    }

    /// Adds what the contacts range changes: `live` is the app's live range (from
    /// list_contacts_range_configuration, every page; `None` for an app with no live range),
    /// `requested` the range the pending version asks for (from get_contacts_range_suggest;
    /// `None` when it asks for no change). Call it after [`VersionChanges::between`] or
    /// [`VersionChanges::new_app`]: the comparison reads the visibility change. The rules are
    /// on [`VersionChanges::contacts_range`].
    ///
    /// ```
    /// use feishu_application::changes::{VersionChanges, Visibility};
    /// use feishu_application::types::{AppContactsRange, AppVersion, ContactsScopeType};
    ///
    /// let version = AppVersion::default().with_version_id("oav_1");
    /// let live = AppContactsRange::default().with_contacts_scope_type(ContactsScopeType::Some);
    /// let asked = AppContactsRange::default().with_contacts_scope_type(ContactsScopeType::All);
    /// let changes = VersionChanges::between(&version, &version)
    ///     .with_contacts_range(Some(&live), Some(&asked));
    /// assert_eq!(changes.contacts_range, Visibility::Widened);
    /// assert_eq!(changes.contacts_range_requested, Some(asked));
    /// assert!(!changes.is_empty());
    /// ```
    #[must_use]
    pub fn with_contacts_range(
        mut self,
        live: Option<&AppContactsRange>,
        requested: Option<&AppContactsRange>,
    ) -> Self {
        let requested = requested.filter(|r| contacts_range::asks_for_something(r));
        self.contacts_range = contacts_range::compare(live, requested, self.visibility);
        self.contacts_range_requested = requested.cloned();
        self
    }

    /// A version of an app with no live version: everything it asks for is added, against an
    /// app that nobody sees yet. `since` is `None`.
    #[must_use]
    pub fn new_app(pending: &AppVersion) -> Self {
        Self {
            since: None,
            ..Self::between(&AppVersion::default(), pending)
        }
    }

    /// Whether the pending version changes nothing the spec documents.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        let Self {
            since: _,
            scopes_added,
            scopes_removed,
            scope_levels_changed,
            abilities_added,
            abilities_removed,
            abilities_changed,
            visibility,
            events_added,
            events_removed,
            hosts_changed,
            names_changed,
            contacts_range,
            contacts_range_requested: _,
        } = self;
        scopes_added.is_empty()
            && scopes_removed.is_empty()
            && scope_levels_changed.is_empty()
            && abilities_added.is_empty()
            && abilities_removed.is_empty()
            && abilities_changed.is_empty()
            && *visibility == Visibility::Unchanged
            && events_added.is_empty()
            && events_removed.is_empty()
            && hosts_changed.is_empty()
            && !names_changed
            && *contacts_range == Visibility::Unchanged
    }
}
