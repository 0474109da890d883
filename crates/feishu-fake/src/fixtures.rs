//! The tenant as data: users, apps and their versions, loadable from and savable to JSON.
//!
//! Apps and versions are the client's generated types, so a fixtures file holds exactly what
//! the API answers. The names and descriptions an answer shows are picked from each `i18n`
//! entry by the request's `lang`; `app_name` / `description` are the fallback.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use feishu_application::types::{AppContactsRange, AppVersion, Application};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A member of the tenant, under the three kinds of user id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// `ou_…`.
    pub open_id: String,
    /// `on_…`.
    pub union_id: String,
    /// The tenant-wide user id.
    pub user_id: String,
    /// Display name.
    pub name: String,
}

/// One app and all its versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppFixture {
    /// The app; `unaudit_version_id` / `online_version_id` name versions in `versions`.
    pub application: Application,
    /// The app's versions, oldest first.
    #[serde(default)]
    pub versions: Vec<AppVersion>,
    /// The app's live contacts range, as list_contacts_range_configuration's
    /// `contacts_range` object; absent means `equal_to_availability`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts_range: Option<AppContactsRange>,
    /// The contacts range each version asks for, by version id, as
    /// get_contacts_range_suggest's `contacts_range` object; a version not named asks for no
    /// change. Approving a version makes its range the live one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub contacts_range_suggests: BTreeMap<String, AppContactsRange>,
}

/// A whole tenant: what [`crate::seed::generate`] produces or a JSON file holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Fixtures {
    /// Members; `creator_id` and `owner.owner_id` are their `open_id`s.
    #[serde(default)]
    pub users: Vec<User>,
    /// Apps in the order the pending list returns them.
    pub apps: Vec<AppFixture>,
}

impl Fixtures {
    /// Parses and checks a JSON document.
    pub fn from_json(json: &str) -> Result<Self> {
        let fixtures: Self = serde_json::from_str(json).map_err(Error::ParseFixtures)?;
        fixtures.check()?;
        Ok(fixtures)
    }

    /// Reads, parses and checks a JSON file.
    pub fn from_path(path: &Path) -> Result<Self> {
        let json = std::fs::read_to_string(path).map_err(|source| Error::ReadFixtures {
            path: path.to_owned(),
            source,
        })?;
        Self::from_json(&json)
    }

    /// The document as pretty JSON (what [`Fixtures::from_json`] reads back).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks that ids are present, well-formed and unique and that every version id an app
    /// names is one of its versions.
    pub fn check(&self) -> Result<()> {
        let invalid = |m: String| Err(Error::InvalidFixtures(m));
        let mut open_ids = HashSet::new();
        for user in &self.users {
            if !open_ids.insert(user.open_id.as_str()) {
                return invalid(format!("user open_id {} appears twice", user.open_id));
            }
        }
        let mut app_ids = HashSet::new();
        let mut version_ids = HashSet::new();
        for (i, app) in self.apps.iter().enumerate() {
            let Some(app_id) = app.application.app_id.as_deref() else {
                return invalid(format!("apps[{i}].application has no app_id"));
            };
            if !is_app_id(app_id) {
                return invalid(format!(
                    "apps[{i}]: app_id {app_id:?} is not `cli_` and 16 hex digits"
                ));
            }
            if !app_ids.insert(app_id) {
                return invalid(format!("app_id {app_id} appears twice"));
            }
            let mut own = HashSet::new();
            for (j, version) in app.versions.iter().enumerate() {
                let Some(version_id) = version.version_id.as_deref().filter(|v| !v.is_empty())
                else {
                    return invalid(format!("apps[{i}].versions[{j}] has no version_id"));
                };
                if version.app_id.as_deref().is_some_and(|a| a != app_id) {
                    return invalid(format!(
                        "version {version_id} says app {:?} but belongs to {app_id}",
                        version.app_id
                    ));
                }
                if !version_ids.insert(version_id) {
                    return invalid(format!("version_id {version_id} appears twice"));
                }
                own.insert(version_id);
            }
            if let Some(id) = app
                .contacts_range_suggests
                .keys()
                .find(|id| !own.contains(id.as_str()))
            {
                return invalid(format!(
                    "app {app_id}: contacts_range_suggests names {id}, which is not one of its versions"
                ));
            }
            for (field, value) in [
                ("unaudit_version_id", &app.application.unaudit_version_id),
                ("online_version_id", &app.application.online_version_id),
            ] {
                if let Some(id) = value.as_deref().filter(|v| !v.is_empty())
                    && !own.contains(id)
                {
                    return invalid(format!(
                        "app {app_id}: {field} {id} is not one of its versions"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Whether `id` looks like a Feishu app id: `cli_` followed by 16 lower-case hex digits.
pub fn is_app_id(id: &str) -> bool {
    id.strip_prefix("cli_").is_some_and(|rest| {
        rest.len() == 16
            && rest
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_id_format() {
        assert!(is_app_id("cli_9f3ca975326b501b"));
        assert!(!is_app_id("cli_9f3ca975326b501"));
        assert!(!is_app_id("cli_9F3CA975326B501B"));
        assert!(!is_app_id("me"));
    }

    #[test]
    fn dangling_version_ids_are_refused() {
        let json = r#"{"apps":[{"application":{"app_id":"cli_0123456789abcdef",
            "unaudit_version_id":"oav_x"},"versions":[]}]}"#;
        let err = Fixtures::from_json(json).unwrap_err();
        assert!(
            err.to_string().contains("unaudit_version_id oav_x"),
            "{err}"
        );
    }

    #[test]
    fn a_suggestion_for_a_version_the_app_lacks_is_refused() {
        let json = r#"{"apps":[{"application":{"app_id":"cli_0123456789abcdef"},
            "versions":[{"version_id":"oav_1"}],
            "contacts_range_suggests":{"oav_2":{"contacts_scope_type":"all"}}}]}"#;
        let err = Fixtures::from_json(json).unwrap_err();
        assert!(err.to_string().contains("names oav_2"), "{err}");
    }

    #[test]
    fn bad_json_is_refused() {
        assert!(matches!(
            Fixtures::from_json("{"),
            Err(Error::ParseFixtures(_))
        ));
    }
}
