//! The live version of each app under review: read in the worker slot that read the pending
//! version (so under the same `--concurrency` and the client's shared rate-limit wait), and
//! never twice in a run, `--watch` passes included.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use feishu_application::Client;
use feishu_application::types::{AppVersion, Lang};
use tokio::sync::OnceCell;

use crate::commands::pending::PendingVersion;
use crate::output::error_chain;
use crate::policy::{Judge, Live};

/// The live versions read so far, by version id. A failed read is not kept: the next version
/// that needs it tries again.
#[derive(Debug)]
pub(crate) struct LiveVersions {
    judge: Judge,
    read: Mutex<HashMap<String, Arc<OnceCell<Arc<AppVersion>>>>>,
}

/// What a worker knows of an app's live version.
#[derive(Debug)]
pub(crate) enum Known {
    /// The policy judges whole: not read.
    NotAsked,
    /// The app has no live version.
    None,
    /// The live version.
    Read(Arc<AppVersion>),
    /// Reading it failed.
    Unreadable { version_id: String, error: String },
}

impl Known {
    /// What the policy is told.
    pub(crate) fn as_live(&self) -> Live<'_> {
        match self {
            Self::NotAsked => Live::NotAsked,
            Self::None => Live::None,
            Self::Read(version) => Live::Read(version),
            Self::Unreadable { version_id, error } => Live::Unreadable { version_id, error },
        }
    }
}

impl LiveVersions {
    /// No live version read yet; with `Judge::Whole` none ever is.
    pub(crate) fn new(judge: Judge) -> Self {
        Self {
            judge,
            read: Mutex::new(HashMap::new()),
        }
    }

    /// The live version of `pending`'s app. Concurrent workers asking for the same version wait
    /// for one read.
    pub(crate) async fn of(&self, client: &Client, pending: &PendingVersion, lang: &Lang) -> Known {
        if self.judge == Judge::Whole {
            return Known::NotAsked;
        }
        let Some(id) = pending.live_version_id.as_deref() else {
            return Known::None;
        };
        let cell = {
            let mut read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(read.entry(id.to_owned()).or_default())
        };
        let version = cell
            .get_or_try_init(|| async {
                client
                    .get_app_version(&pending.app_id, id, lang.clone())
                    .await
                    .map(Arc::new)
            })
            .await;
        match version {
            Ok(version) => Known::Read(Arc::clone(version)),
            Err(error) => Known::Unreadable {
                version_id: id.to_owned(),
                error: error_chain(&error),
            },
        }
    }
}
