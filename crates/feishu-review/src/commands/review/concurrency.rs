//! Deciding many versions at once: at most N versions in flight (each a GET, then maybe a
//! PATCH, so at most N requests), results handed over in the pending list's order.

use std::sync::Arc;

use feishu_application::Client;
use feishu_application::types::Lang;
use tokio::sync::Semaphore;

use super::interrupt::Stop;
use super::journal::Failure;
use super::progress::Progress;
use crate::commands::pending::PendingVersion;
use crate::policy::{Decision, Policy, Verdict};

/// What every worker needs; shared by all of them and by every pass of `--watch`.
#[derive(Debug)]
pub(crate) struct Work {
    pub(crate) client: Client,
    pub(crate) policy: Policy,
    /// The reviewer, when decisions are carried out (`--apply`); `None` for a dry run.
    pub(crate) operator: Option<String>,
    pub(crate) lang: Lang,
    /// Versions in flight at most (≥ 1).
    pub(crate) concurrency: usize,
}

/// What became of one pending version.
#[derive(Debug)]
pub(crate) enum Reviewed {
    /// Not started: a stop was asked for first.
    Left,
    /// Its details could not be read; nothing was decided.
    Unread(PendingVersion, String),
    /// The policy decided; `Carried` says what was done about it.
    Decided(PendingVersion, Decision, Carried),
}

/// Whether a decision was carried out.
#[derive(Debug)]
pub(crate) enum Carried {
    /// A dry run: nothing is carried out.
    DryRun,
    /// Left for a human: nothing to carry out.
    Nothing,
    /// Approved or rejected.
    Done,
    /// Feishu (or the network) refused it.
    Failed(Failure),
    /// A stop was asked for before the PATCH was sent.
    Interrupted,
}

/// Decides every version of `todo`, `work.concurrency` at a time, and calls `each` with the
/// results in `todo`'s order as they become available; `each` failing stops the run (new
/// versions are not started) and its error is returned after the work in flight finished.
pub(crate) async fn review_all(
    work: &Arc<Work>,
    todo: Vec<PendingVersion>,
    stop: &Stop,
    progress: &Progress,
    mut each: impl FnMut(&Reviewed) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<Reviewed>> {
    let limit = Arc::new(Semaphore::new(work.concurrency.max(1)));
    let (abandon, abandoned) = tokio::sync::watch::channel(false);
    let handles: Vec<_> = todo
        .into_iter()
        .map(|version| {
            let worker = Worker {
                work: Arc::clone(work),
                limit: Arc::clone(&limit),
                stop: stop.clone(),
                abandoned: abandoned.clone(),
                progress: progress.clone(),
            };
            tokio::spawn(worker.review(version))
        })
        .collect();
    let mut results = Vec::with_capacity(handles.len());
    let mut failure = None;
    for handle in handles {
        let reviewed = handle.await?;
        if failure.is_none()
            && let Err(error) = each(&reviewed)
        {
            let _ = abandon.send(true);
            failure = Some(error);
        }
        progress.finished();
        results.push(reviewed);
    }
    match failure {
        Some(error) => Err(error),
        None => Ok(results),
    }
}

/// One version's worker.
struct Worker {
    work: Arc<Work>,
    limit: Arc<Semaphore>,
    stop: Stop,
    abandoned: tokio::sync::watch::Receiver<bool>,
    progress: Progress,
}

impl Worker {
    fn stopping(&self) -> bool {
        self.stop.asked() || *self.abandoned.borrow()
    }

    async fn review(self, version: PendingVersion) -> Reviewed {
        // The semaphore is never closed, so acquiring only waits.
        let Ok(_permit) = self.limit.acquire().await else {
            return Reviewed::Left;
        };
        if self.stopping() {
            return Reviewed::Left;
        }
        let Work {
            client,
            policy,
            lang,
            ..
        } = &*self.work;
        let details = client
            .get_app_version(&version.app_id, &version.version_id, lang.clone())
            .await;
        self.progress.fetched();
        let decision = match details {
            Ok(details) => policy.decide(&details),
            Err(error) => return Reviewed::Unread(version, error.to_string()),
        };
        self.progress.decided();
        let carried = self.carry_out(&version, &decision).await;
        if matches!(carried, Carried::Done) {
            self.progress.applied();
        }
        Reviewed::Decided(version, decision, carried)
    }

    async fn carry_out(&self, version: &PendingVersion, decision: &Decision) -> Carried {
        let Some(operator) = &self.work.operator else {
            return Carried::DryRun;
        };
        if decision.verdict == Verdict::Human {
            return Carried::Nothing;
        }
        if self.stopping() {
            return Carried::Interrupted;
        }
        let (client, app, id) = (&self.work.client, &version.app_id, &version.version_id);
        let result = match decision.verdict {
            Verdict::Approve => client.approve(app, id, operator).await,
            _ => client.reject(app, id, operator, &decision.reason).await,
        };
        match result {
            Ok(()) => Carried::Done,
            Err(error) => Carried::Failed(Failure::of(&error)),
        }
    }
}
