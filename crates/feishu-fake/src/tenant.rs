//! The tenant's apps and versions as the handlers see them: lookups with Feishu's error codes,
//! the pending list in a stable order, and review decisions.

use std::collections::HashMap;

use feishu_application::error_codes::ErrorCode;
use feishu_application::types::{
    AppContactsRange, AppI18nInfo, AppStatus, AppVersion, Application, ContactsScopeType, Lang,
    PatchVersionStatus, SceneType, UserIdType, VersionStatus,
};

use crate::error_answer::ErrorAnswer;
use crate::fixtures::{AppFixture, Fixtures, User, is_app_id};

/// One decision the fake recorded: a `PATCH` of a version's status that it accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Patch {
    /// The app.
    pub app_id: String,
    /// The version decided on.
    pub version_id: String,
    /// The status set.
    pub status: PatchVersionStatus,
}

/// One page of the pending list.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingPage {
    /// The apps, localised.
    pub items: Vec<Application>,
    /// Position of the last app returned, to continue after.
    pub last: Option<usize>,
    /// Whether pending apps follow `last`.
    pub has_more: bool,
}

/// How an answer should show names and user ids.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    /// Language of names and descriptions.
    pub lang: &'a Lang,
    /// Kind of user id for `creator_id` / `owner_id`.
    pub user_id_type: &'a UserIdType,
}

/// The apps of the tenant.
#[derive(Debug)]
pub struct Tenant {
    apps: Vec<AppFixture>,
    by_app_id: HashMap<String, usize>,
    /// version_id → (app position, version position).
    by_version_id: HashMap<String, (usize, usize)>,
    users: Vec<User>,
    by_open_id: HashMap<String, usize>,
    /// Every decision recorded, in order (see [`crate::Patch`]).
    patches: Vec<Patch>,
}

impl Tenant {
    /// Indexes checked fixtures.
    pub fn new(fixtures: Fixtures) -> Self {
        let Fixtures { users, mut apps } = fixtures;
        let mut by_app_id = HashMap::new();
        let mut by_version_id = HashMap::new();
        for (a, app) in apps.iter_mut().enumerate() {
            let app_id = app.application.app_id.clone().unwrap_or_default();
            for (v, version) in app.versions.iter_mut().enumerate() {
                version.app_id = Some(app_id.clone());
                by_version_id.insert(version.version_id.clone().unwrap_or_default(), (a, v));
            }
            by_app_id.insert(app_id, a);
        }
        let by_open_id = users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.open_id.clone(), i))
            .collect();
        Self {
            apps,
            by_app_id,
            by_version_id,
            users,
            by_open_id,
            patches: Vec::new(),
        }
    }

    /// The tenant as fixtures again (with every decision taken so far).
    pub fn to_fixtures(&self) -> Fixtures {
        Fixtures {
            users: self.users.clone(),
            apps: self.apps.clone(),
        }
    }

    /// Whether an app with this id exists.
    pub fn has_app(&self, app_id: &str) -> bool {
        self.by_app_id.contains_key(app_id)
    }

    /// How many apps the pending list holds.
    pub fn pending_count(&self) -> usize {
        self.apps.iter().filter(|a| is_pending(a)).count()
    }

    /// Up to `size` pending apps after position `after` (from the start when `None`).
    pub fn pending_page(&self, after: Option<usize>, size: usize, view: View<'_>) -> PendingPage {
        let start = after.map_or(0, |p| p + 1);
        let mut found = self
            .apps
            .iter()
            .enumerate()
            .skip(start)
            .filter(|(_, app)| is_pending(app));
        let chosen: Vec<(usize, &AppFixture)> = found.by_ref().take(size).collect();
        let has_more = found.next().is_some();
        PendingPage {
            last: chosen.last().map(|(i, _)| *i),
            items: chosen
                .into_iter()
                .map(|(_, app)| self.render_application(&app.application, view))
                .collect(),
            has_more,
        }
    }

    /// A version as `get_app_version` answers it; `app_id` may be `me` (the caller).
    pub fn version(
        &self,
        caller: &str,
        app_id: &str,
        version_id: &str,
        view: View<'_>,
    ) -> Result<AppVersion, ErrorAnswer> {
        let (a, v) = self.locate(caller, app_id, version_id)?;
        let mut version = self.apps[a].versions[v].clone();
        localise(
            &mut version.app_name,
            &mut version.description,
            &version.i18n,
            view.lang,
        );
        Ok(version)
    }

    /// The contacts range a version asks for, as get_contacts_range_suggest answers it; `None`
    /// when the version asks for no change. `app_id` may be `me` (the caller).
    pub fn contacts_range_suggest(
        &self,
        caller: &str,
        app_id: &str,
        version_id: &str,
    ) -> Result<Option<AppContactsRange>, ErrorAnswer> {
        let (a, _) = self.locate(caller, app_id, version_id)?;
        Ok(self.apps[a]
            .contacts_range_suggests
            .get(version_id)
            .cloned())
    }

    /// The app's live contacts range, whole (the route pages it); an app without one has
    /// `equal_to_availability`. `app_id` may be `me` (the caller).
    pub fn contacts_range(
        &self,
        caller: &str,
        app_id: &str,
    ) -> Result<AppContactsRange, ErrorAnswer> {
        let a = self.locate_app(caller, app_id)?;
        Ok(self.apps[a].contacts_range.clone().unwrap_or_else(|| {
            AppContactsRange::default()
                .with_contacts_scope_type(ContactsScopeType::EqualToAvailability)
        }))
    }

    /// Records a review decision (see the crate docs for what each status does).
    pub fn set_status(
        &mut self,
        caller: &str,
        app_id: &str,
        version_id: &str,
        status: PatchVersionStatus,
        now_unix: u64,
    ) -> Result<(), ErrorAnswer> {
        let (a, v) = self.locate(caller, app_id, version_id)?;
        self.patches.push(Patch {
            app_id: self.apps[a].application.app_id.clone().unwrap_or_default(),
            version_id: version_id.to_owned(),
            status,
        });
        let app = &mut self.apps[a];
        let was_pending = app.application.unaudit_version_id.as_deref() == Some(version_id);
        let version = &mut app.versions[v];
        version.status = Some(VersionStatus::from_value(status.value()));
        match status {
            PatchVersionStatus::Approved => {
                version.publish_time = Some(now_unix.to_string());
                // The range the version asked for goes live with it.
                if let Some(range) = app.contacts_range_suggests.get(version_id) {
                    app.contacts_range = Some(range.clone());
                }
                app.application.online_version_id = Some(version_id.to_owned());
                if app.application.status == Some(AppStatus::NotEnabled) {
                    app.application.status = Some(AppStatus::Enabled);
                }
                if was_pending {
                    app.application.unaudit_version_id = None;
                }
            }
            PatchVersionStatus::UnderReview => {
                // One version at most is under review: a previous one goes back to drafts.
                if let Some(previous) = app.application.unaudit_version_id.clone()
                    && previous != version_id
                    && let Some(&(_, p)) = self.by_version_id.get(&previous)
                {
                    app.versions[p].status = Some(VersionStatus::NotSubmitted);
                }
                app.application.unaudit_version_id = Some(version_id.to_owned());
            }
            PatchVersionStatus::Rejected
            | PatchVersionStatus::NotSubmitted
            | PatchVersionStatus::Unknown => {
                if was_pending {
                    app.application.unaudit_version_id = None;
                }
            }
        }
        Ok(())
    }

    /// Every decision recorded so far, oldest first.
    pub fn patches(&self) -> &[Patch] {
        &self.patches
    }

    /// Puts a new version `version_id` of the app `app_id` under review, as a developer's
    /// submission does: a copy of the app's newest version (a previous version under review
    /// goes back to drafts).
    pub(crate) fn submit(
        &mut self,
        app_id: &str,
        version_id: &str,
        now_unix: u64,
    ) -> Result<(), ErrorAnswer> {
        let Some(&a) = self.by_app_id.get(app_id) else {
            return Err(ErrorAnswer::documented(ErrorCode::NoSuchApp)
                .with_detail(format!("app_id {app_id} is not an app of this tenant")));
        };
        let app = &mut self.apps[a];
        let Some(mut version) = app.versions.last().cloned() else {
            return Err(ErrorAnswer::documented(ErrorCode::NoSuchVersion)
                .with_detail(format!("app {app_id} has no version to copy")));
        };
        version.app_id = Some(app_id.to_owned());
        version.version_id = Some(version_id.to_owned());
        version.status = Some(VersionStatus::NotSubmitted);
        version.create_time = Some(now_unix.to_string());
        version.publish_time = None;
        app.versions.push(version);
        let position = (a, app.versions.len() - 1);
        self.by_version_id.insert(version_id.to_owned(), position);
        let status = PatchVersionStatus::UnderReview;
        self.set_status(app_id, app_id, version_id, status, now_unix)?;
        // A submission is not a reviewer's decision.
        self.patches.pop();
        Ok(())
    }

    /// Deletes a version, as a developer deleting it does: `get_app_version` answers Feishu's
    /// "no such version" for it from now on, even where the app still names it (an app's
    /// `online_version_id`). Returns whether it existed.
    pub fn delete_version(&mut self, version_id: &str) -> bool {
        self.by_version_id.remove(version_id).is_some()
    }

    /// Whether a user with this id (of this kind) is a member.
    pub fn has_user(&self, id: &str, kind: &UserIdType) -> bool {
        self.users.iter().any(|u| match kind {
            UserIdType::OpenId => u.open_id == id,
            UserIdType::UnionId => u.union_id == id,
            UserIdType::UserId => u.user_id == id,
        })
    }

    /// Positions of the app and the version, with Feishu's error codes.
    fn locate(
        &self,
        caller: &str,
        app_id: &str,
        version_id: &str,
    ) -> Result<(usize, usize), ErrorAnswer> {
        let a = self.locate_app(caller, app_id)?;
        let app_id = if app_id == "me" { caller } else { app_id };
        match self.by_version_id.get(version_id) {
            None => Err(ErrorAnswer::documented(ErrorCode::NoSuchVersion)
                .with_detail(format!("version_id {version_id:?} does not exist"))),
            Some(&(owner, _)) if owner != a => Err(ErrorAnswer::documented(
                ErrorCode::VersionNotOfApp,
            )
            .with_detail(format!(
                "version {version_id} is not a version of app {app_id}"
            ))),
            Some(&found) => Ok(found),
        }
    }

    /// Position of a self-built app, with Feishu's error codes.
    fn locate_app(&self, caller: &str, app_id: &str) -> Result<usize, ErrorAnswer> {
        let app_id = if app_id == "me" { caller } else { app_id };
        if !is_app_id(app_id) {
            return Err(ErrorAnswer::documented(ErrorCode::InvalidAppIdFormat)
                .with_detail(format!("app_id {app_id:?} is not `cli_` and 16 hex digits")));
        }
        let Some(&a) = self.by_app_id.get(app_id) else {
            return Err(ErrorAnswer::documented(ErrorCode::NoSuchApp)
                .with_detail(format!("app_id {app_id} is not an app of this tenant")));
        };
        if !is_self_built(&self.apps[a]) {
            return Err(ErrorAnswer::documented(ErrorCode::NotCustomApp)
                .with_detail(format!("app {app_id} is not a self-built app")));
        }
        Ok(a)
    }

    fn render_application(&self, application: &Application, view: View<'_>) -> Application {
        let mut app = application.clone();
        localise(
            &mut app.app_name,
            &mut app.description,
            &app.i18n,
            view.lang,
        );
        app.creator_id = app.creator_id.map(|id| self.user_id(id, view.user_id_type));
        if let Some(owner) = app.owner.as_mut() {
            owner.owner_id = owner
                .owner_id
                .take()
                .map(|id| self.user_id(id, view.user_id_type));
        }
        app
    }

    /// A member's id of the asked kind; ids of non-members are shown as stored.
    fn user_id(&self, open_id: String, kind: &UserIdType) -> String {
        let Some(user) = self.by_open_id.get(&open_id).map(|&i| &self.users[i]) else {
            return open_id;
        };
        match kind {
            UserIdType::OpenId => open_id,
            UserIdType::UnionId => user.union_id.clone(),
            UserIdType::UserId => user.user_id.clone(),
        }
    }
}

fn is_self_built(app: &AppFixture) -> bool {
    matches!(
        app.application.scene_type,
        None | Some(SceneType::SelfBuilt)
    )
}

fn is_pending(app: &AppFixture) -> bool {
    is_self_built(app)
        && app
            .application
            .unaudit_version_id
            .as_deref()
            .is_some_and(|id| !id.is_empty())
}

/// Picks the name and description of `lang` from `i18n`, keeping the defaults otherwise.
fn localise(
    name: &mut Option<String>,
    description: &mut Option<String>,
    i18n: &[AppI18nInfo],
    lang: &Lang,
) {
    let Some(entry) = i18n.iter().find(|e| {
        e.i18n_key
            .as_ref()
            .is_some_and(|k| k.value() == lang.value())
    }) else {
        return;
    };
    if let Some(n) = entry.name.as_ref().filter(|n| !n.is_empty()) {
        *name = Some(n.clone());
    }
    if let Some(d) = entry.description.as_ref().filter(|d| !d.is_empty()) {
        *description = Some(d.clone());
    }
}
