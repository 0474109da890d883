//! The live contacts range of each app under review: read in the worker slot that read the
//! pending version (under the same `--concurrency` and the client's shared rate gate), every
//! page, and once per app and live version in a run, `--watch` passes included. Keyed by the
//! live version too: the live range only changes when another version goes live, and then it
//! is read again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use feishu_application::Client;
use feishu_application::types::AppContactsRange;
use tokio::sync::OnceCell;

use crate::commands::pending::PendingVersion;
use crate::commands::ranges::{self, ContactsRanges, RangeFailure};

/// One app's live range, read at most once (concurrent readers wait for one read).
type Slot = Arc<OnceCell<Arc<AppContactsRange>>>;

/// The live ranges read so far, by (app id, live version id). A failed read is not kept: the
/// next version that needs it tries again.
#[derive(Debug, Default)]
pub(crate) struct LiveRanges {
    read: Mutex<HashMap<(String, String), Slot>>,
}

impl LiveRanges {
    /// Both ranges of `pending`: the one it asks for (read now), and its app's live one (read
    /// once; none for an app with no live version). Concurrent workers asking for the same
    /// app wait for one read.
    pub(crate) async fn of(
        &self,
        client: &Client,
        pending: &PendingVersion,
    ) -> Result<ContactsRanges, RangeFailure> {
        let requested = ranges::requested(client, &pending.app_id, &pending.version_id).await?;
        let Some(live_id) = pending.live_version_id.as_deref() else {
            return Ok(ContactsRanges {
                live: None,
                requested,
            });
        };
        let cell = {
            let mut read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
            let key = (pending.app_id.clone(), live_id.to_owned());
            Arc::clone(read.entry(key).or_default())
        };
        let live = cell
            .get_or_try_init(|| async { ranges::live(client, &pending.app_id).await.map(Arc::new) })
            .await?;
        Ok(ContactsRanges {
            live: Some(AppContactsRange::clone(live)),
            requested,
        })
    }
}
