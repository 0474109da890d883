//! Histories: the pending version of an app that has a live version is a resubmission of the
//! live one, with the kinds of change reviewers meet every week, in a fixed cycle: nothing
//! changed, one sensitive scope added, visibility widened to everyone, the admin home page moved
//! to another host, a scope dropped, one normal scope added, the contacts range widened to all
//! members, the contacts range narrowed.
//!
//! Versions are changed by cloning the generated ones and assigning fields (never a struct
//! literal of a generated type: they are `#[non_exhaustive]` for the client's users).

use feishu_application::types::{
    AppContactsRange, AppScope, AppVersion, AppVersionRemark, AppVisibility, ScopeLevel, TokenType,
};
use serde_json::json;

use super::catalog::SCOPES;
use crate::fixtures::AppFixture;

/// What a resubmission changes compared with the live version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Change {
    /// Nothing: the same scopes, abilities, visibility and hosts.
    Identical,
    /// One super-sensitive (level 3) scope more.
    AddsSensitiveScope,
    /// Visible to everyone, where the live version named a department.
    WidensToEveryone,
    /// `back_home_url` on another host.
    MovesHomeHost,
    /// One scope fewer.
    DropsScope,
    /// One normal (level 1) scope more.
    AddsNormalScope,
    /// Only the contacts range: all members, where a department is live.
    WidensContactsToAll,
    /// Only the contacts range: one department, where all members are live.
    NarrowsContacts,
}

/// The cycle of changes, over the pending apps with a live version in list order.
pub(super) const CYCLE: [Change; 9] = [
    Change::Identical,
    Change::AddsSensitiveScope,
    Change::WidensToEveryone,
    Change::MovesHomeHost,
    Change::Identical,
    Change::DropsScope,
    Change::AddsNormalScope,
    Change::WidensContactsToAll,
    Change::NarrowsContacts,
];

/// Makes the pending version of every app with a live version a resubmission of it.
pub(super) fn relate(apps: &mut [AppFixture]) {
    let mut k = 0;
    for app in apps {
        let position = |id: &Option<String>| {
            let id = id.as_deref().filter(|id| !id.is_empty())?;
            app.versions
                .iter()
                .position(|v| v.version_id.as_deref() == Some(id))
        };
        let (Some(live), Some(pending)) = (
            position(&app.application.online_version_id),
            position(&app.application.unaudit_version_id),
        ) else {
            continue;
        };
        resubmit(app, live, pending, CYCLE[k % CYCLE.len()], k);
        k += 1;
    }
}

fn resubmit(app: &mut AppFixture, l: usize, p: usize, change: Change, k: usize) {
    let mut live = app.versions[l].clone();
    if change == Change::DropsScope && live.scopes.len() < 2 {
        let scope = scope_of_level(&live, 1, k);
        live.scopes.extend(scope);
    }
    if change == Change::WidensToEveryone {
        let department =
            json!({"is_all": false, "visible_list": {"department_ids": [format!("od-{k:032x}")]}});
        set_visibility(&mut live, visibility(department));
    }
    let original = &app.versions[p];
    let mut pending = live.clone();
    // What belongs to the submission itself; a remark without a visibility keeps the live one.
    pending.version_id = original.version_id.clone();
    pending.version = original.version.clone();
    pending.status = original.status;
    pending.create_time = original.create_time.clone();
    pending.publish_time = original.publish_time.clone();
    pending.remark = original.remark.clone();
    if let Some(remark) = pending.remark.as_mut() {
        remark.visibility = None;
    }
    let department = || {
        contacts_range(json!({"contacts_scope_type": "some",
        "visible_list": {"department_ids": [format!("od-{k:032x}")]}}))
    };
    match change {
        Change::Identical => {}
        Change::WidensContactsToAll => {
            app.contacts_range = department();
            let all = contacts_range(json!({"contacts_scope_type": "all"}));
            suggest(app, &pending, all);
        }
        Change::NarrowsContacts => {
            app.contacts_range = contacts_range(json!({"contacts_scope_type": "all"}));
            suggest(app, &pending, department());
        }
        Change::AddsSensitiveScope => pending.scopes.extend(scope_of_level(&live, 3, k)),
        Change::AddsNormalScope => pending.scopes.extend(scope_of_level(&live, 1, k)),
        Change::DropsScope => {
            pending.scopes.pop();
        }
        Change::WidensToEveryone => {
            set_visibility(&mut pending, visibility(json!({"is_all": true})))
        }
        Change::MovesHomeHost => {
            pending.back_home_url = live
                .back_home_url
                .as_ref()
                .map(|url| url.replacen(".example.com/", "-admin.example.net/", 1));
        }
    }
    // The pending list shows the newest version's scopes and home page.
    app.application.scopes = pending
        .scopes
        .iter()
        .map(|scope| {
            let mut listed = scope.clone();
            listed.token_types.clear();
            listed
        })
        .collect();
    app.application.back_home_url = pending.back_home_url.clone();
    app.versions[l] = live;
    app.versions[p] = pending;
}

/// A scope of `level` from the catalog that `version` does not ask for, chosen by `k`; built
/// from a clone of one of the version's own scopes.
fn scope_of_level(version: &AppVersion, level: i64, k: usize) -> Option<AppScope> {
    let template = version.scopes.first()?;
    let asked = |name: &str| {
        version
            .scopes
            .iter()
            .any(|s| s.scope.as_deref() == Some(name))
    };
    let candidates: Vec<_> = SCOPES
        .iter()
        .filter(|(name, _, l, _)| *l == level && !asked(name))
        .collect();
    let (name, description, level, tokens) = candidates.get(k % candidates.len().max(1))?;
    // The language the version's texts are in: that of its own scope's description.
    let language = SCOPES
        .iter()
        .find(|(name, ..)| template.scope.as_deref() == Some(*name))
        .and_then(|(_, texts, ..)| {
            texts
                .iter()
                .position(|t| template.description.as_deref() == Some(*t))
        })
        .unwrap_or(0);
    let mut scope = template.clone();
    scope.scope = Some((*name).to_owned());
    scope.description = Some(description[language].to_owned());
    scope.level = Some(ScopeLevel::from_value(*level));
    scope.token_types = tokens
        .chars()
        .map(|c| match c {
            't' => TokenType::Tenant,
            _ => TokenType::User,
        })
        .collect();
    Some(scope)
}

fn contacts_range(value: serde_json::Value) -> Option<AppContactsRange> {
    serde_json::from_value(value).ok()
}

/// Makes `version` ask for `range`.
fn suggest(app: &mut AppFixture, version: &AppVersion, range: Option<AppContactsRange>) {
    if let (Some(id), Some(range)) = (version.version_id.clone(), range) {
        app.contacts_range_suggests.insert(id, range);
    }
}

fn visibility(value: serde_json::Value) -> Option<AppVisibility> {
    serde_json::from_value(value).ok()
}

/// Sets the suggested visibility, adding a remark (without text) when the version has none.
fn set_visibility(version: &mut AppVersion, visibility: Option<AppVisibility>) {
    version
        .remark
        .get_or_insert_with(AppVersionRemark::default)
        .visibility = visibility;
}
