//! Deciding many versions at once: at most N versions in flight (a GET, then maybe a PATCH,
//! so at most N requests), and at most `JOURNAL_WINDOW` × N decided but not yet journaled.
//! Results are handed over in the pending list's order, in batches of those finished, so a
//! batch costs one fsync.

use std::collections::VecDeque;
use std::sync::Arc;

use feishu_application::Client;
use feishu_application::types::Lang;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinHandle;

use super::interrupt::Stop;
use super::journal::Failure;
use super::live::LiveVersions;
use super::progress::Progress;
use crate::commands::pending::PendingVersion;
use crate::output::error_chain;
use crate::policy::{Decision, Policy, Verdict};

/// How many versions per slot of `--concurrency` may be decided but not yet journaled: room
/// for a slow version (a retry, a PATCH) to hold the journal back while the other slots go on.
const JOURNAL_WINDOW: usize = 4;

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
    /// The apps' live versions, read once.
    pub(crate) live: LiveVersions,
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
/// results in `todo`'s order: every result finished at that moment, as one batch. A version
/// counts against the journal window until `each` returns. `each` failing stops the run (new
/// versions are not started) and its error is returned after the work in flight finished.
pub(crate) async fn review_all(
    work: &Arc<Work>,
    todo: Vec<PendingVersion>,
    stop: &Stop,
    progress: &Progress,
    mut each: impl FnMut(&[Reviewed]) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<Reviewed>> {
    let total = todo.len();
    let (abandon, abandoned) = tokio::sync::watch::channel(false);
    let worker = Worker {
        work: Arc::clone(work),
        stop: stop.clone(),
        abandoned,
        progress: progress.clone(),
    };
    let mut started = start_in_order(worker, todo);
    let mut results = Vec::with_capacity(total);
    let mut failure = None;
    let mut queue = VecDeque::new();
    loop {
        let next = match queue.pop_front() {
            Some(next) => next,
            None => match started.recv().await {
                Some(next) => next,
                None => break,
            },
        };
        let mut batch = vec![next.await?];
        // Whatever else is finished joins the batch: one fsync for all of them.
        while let Ok(handle) = started.try_recv() {
            queue.push_back(handle);
        }
        while queue.front().is_some_and(JoinHandle::is_finished) {
            if let Some(ready) = queue.pop_front() {
                batch.push(ready.await?);
            }
        }
        let (reviewed, permits): (Vec<Reviewed>, Vec<_>) = batch.into_iter().unzip();
        if failure.is_none()
            && let Err(error) = each(&reviewed)
        {
            let _ = abandon.send(true);
            failure = Some(error);
        }
        drop(permits);
        progress.finished(reviewed.len());
        results.extend(reviewed);
    }
    match failure {
        Some(error) => Err(error),
        None => Ok(results),
    }
}

/// A version's result and its place in the journal window, given back once journaled.
type Started = JoinHandle<(Reviewed, Option<OwnedSemaphorePermit>)>;

/// Starts a worker per version, in `todo`'s order, once the journal window has room, and hands
/// the workers over in that order. Places in the window are taken in order, so the oldest
/// version not yet journaled always has one: holding them until journaled cannot deadlock.
/// Requests are bounded apart: a worker holds one of N request slots while it talks to Feishu.
fn start_in_order(worker: Worker, todo: Vec<PendingVersion>) -> mpsc::UnboundedReceiver<Started> {
    let slots = worker.work.concurrency.max(1);
    let window = Arc::new(Semaphore::new(slots * JOURNAL_WINDOW));
    let requests = Arc::new(Semaphore::new(slots));
    let (started, receiver) = mpsc::unbounded_channel();
    let worker = Arc::new(worker);
    tokio::spawn(async move {
        for version in todo {
            // The semaphores are never closed, so acquiring only waits.
            let place = Arc::clone(&window).acquire_owned().await.ok();
            let (worker, requests) = (Arc::clone(&worker), Arc::clone(&requests));
            let handle = tokio::spawn(async move {
                let _slot = requests.acquire().await;
                let reviewed = match worker.stopping() {
                    true => Reviewed::Left,
                    false => worker.decide(version).await,
                };
                (reviewed, place)
            });
            if started.send(handle).is_err() {
                return;
            }
        }
    });
    receiver
}

/// What every version's worker shares.
struct Worker {
    work: Arc<Work>,
    stop: Stop,
    abandoned: tokio::sync::watch::Receiver<bool>,
    progress: Progress,
}

impl Worker {
    fn stopping(&self) -> bool {
        self.stop.asked() || *self.abandoned.borrow()
    }

    async fn decide(&self, version: PendingVersion) -> Reviewed {
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
            Ok(details) => {
                let live = self.work.live.of(client, &version, lang).await;
                policy.decide(&details, live.as_live())
            }
            Err(error) => return Reviewed::Unread(version, error_chain(&error)),
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
