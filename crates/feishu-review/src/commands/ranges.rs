//! The two contacts ranges a version is judged with: the one it asks for
//! (get_contacts_range_suggest) and the app's live one (list_contacts_range_configuration,
//! every page). `review`, `pending` and `show` read them here.

use feishu_application::Client;
use feishu_application::changes::VersionChanges;
use feishu_application::types::AppContactsRange;

use crate::output::error_chain;

/// The operationIds, as reasons and errors name the call that failed.
pub(crate) const SUGGEST: &str = "get_contacts_range_suggest";
/// See [`SUGGEST`].
pub(crate) const CONFIGURATION: &str = "list_contacts_range_configuration";

/// Both ranges, read.
#[derive(Clone, Debug, Default)]
pub(crate) struct ContactsRanges {
    /// The live range; `None` for an app with no live version (not read).
    pub(crate) live: Option<AppContactsRange>,
    /// The range the version asks for; `None` when it asks for no change.
    pub(crate) requested: Option<AppContactsRange>,
}

/// A read that failed: which call, and why.
#[derive(Clone, Debug)]
pub(crate) struct RangeFailure {
    /// The operationId.
    pub(crate) call: &'static str,
    /// The error, with its causes.
    pub(crate) error: String,
}

impl std::fmt::Display for RangeFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} failed: {}", self.call, self.error)
    }
}

impl ContactsRanges {
    /// `changes` with what the contacts range changes.
    pub(crate) fn apply(&self, changes: VersionChanges) -> VersionChanges {
        changes.with_contacts_range(self.live.as_ref(), self.requested.as_ref())
    }
}

/// The range a version asks for.
pub(crate) async fn requested(
    client: &Client,
    app_id: &str,
    version_id: &str,
) -> Result<Option<AppContactsRange>, RangeFailure> {
    client
        .get_contacts_range_suggest(app_id, version_id)
        .await
        .map_err(|error| RangeFailure {
            call: SUGGEST,
            error: error_chain(&error),
        })
}

/// The app's live range, every page.
pub(crate) async fn live(client: &Client, app_id: &str) -> Result<AppContactsRange, RangeFailure> {
    client
        .list_contacts_range_configuration(app_id)
        .range()
        .await
        .map_err(|error| RangeFailure {
            call: CONFIGURATION,
            error: error_chain(&error),
        })
}

/// Both ranges of a version, uncached (`show`, `pending`); the live one only when the app has
/// a live version.
pub(crate) async fn both(
    client: &Client,
    app_id: &str,
    version_id: &str,
    has_live_version: bool,
) -> Result<ContactsRanges, RangeFailure> {
    let requested = requested(client, app_id, version_id).await?;
    let live = match has_live_version {
        true => Some(live(client, app_id).await?),
        false => None,
    };
    Ok(ContactsRanges { live, requested })
}
