//! Deciding many versions at once: at most N versions in flight (GETs one after another, then
//! maybe a PATCH, so at most N requests). Each version journals its own lines as it goes (see
//! `write_ahead`), so the journal is in completion order and no version waits for another's
//! line; the results come back in the pending list's order for the table and `--json`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use feishu_application::Client;
use feishu_application::types::Lang;
use futures::StreamExt as _;

use super::interrupt::Stop;
use super::live::LiveVersions;
use super::progress::Progress;
use super::ranges::LiveRanges;
use crate::commands::pending::PendingVersion;
use crate::journal::{Failure, Ledger};
use crate::output::error_chain;
use crate::policy::{Decision, Policy, Ranges, Verdict};

/// What every worker needs; shared by all of them and by every pass of `--watch`.
#[derive(Debug)]
pub(crate) struct Work {
    pub(crate) client: Client,
    pub(crate) policy: Policy,
    /// Where decisions are journaled when they are carried out (`--apply`); `None` for a dry
    /// run.
    pub(crate) ledger: Option<Ledger>,
    pub(crate) lang: Lang,
    /// Versions in flight at most (≥ 1).
    pub(crate) concurrency: usize,
    /// The apps' live versions, read once.
    pub(crate) live: LiveVersions,
    /// The apps' live contacts ranges, read once.
    pub(crate) ranges: LiveRanges,
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

/// Decides every version of `todo`, `work.concurrency` at a time, and returns the results in
/// `todo`'s order. A journal error stops the run (new versions are not started) and is
/// returned after the work in flight finished.
pub(crate) async fn review_all(
    work: &Arc<Work>,
    todo: Vec<PendingVersion>,
    stop: &Stop,
    progress: &Progress,
) -> anyhow::Result<Vec<Reviewed>> {
    let worker = Arc::new(Worker {
        work: Arc::clone(work),
        stop: stop.clone(),
        abandoned: AtomicBool::new(false),
        progress: progress.clone(),
    });
    let mut results: Vec<Option<Reviewed>> = todo.iter().map(|_| None).collect();
    let mut failure = None;
    let mut finished = futures::stream::iter(todo.into_iter().enumerate())
        .map(|(index, version)| {
            let worker = Arc::clone(&worker);
            tokio::spawn(async move { (index, worker.review(version).await) })
        })
        .buffer_unordered(work.concurrency.max(1));
    while let Some(joined) = finished.next().await {
        let (index, reviewed) = joined?;
        progress.finished(1);
        results[index] = Some(match reviewed {
            Ok(reviewed) => reviewed,
            Err(error) => {
                worker.abandoned.store(true, Ordering::Relaxed);
                failure.get_or_insert(error);
                Reviewed::Left
            }
        });
    }
    match failure {
        Some(error) => Err(error),
        None => Ok(results.into_iter().flatten().collect()),
    }
}

/// What every version's worker shares.
struct Worker {
    work: Arc<Work>,
    stop: Stop,
    /// Set when the journal failed: nothing new starts.
    abandoned: AtomicBool,
    progress: Progress,
}

impl Worker {
    fn stopping(&self) -> bool {
        self.stop.asked() || self.abandoned.load(Ordering::Relaxed)
    }

    /// Reads, decides and carries out one version; an error is the journal's.
    async fn review(&self, version: PendingVersion) -> anyhow::Result<Reviewed> {
        if self.stopping() {
            return Ok(Reviewed::Left);
        }
        let decision = match self.read_and_decide(&version).await {
            Ok(decision) => decision,
            Err(error) => return Ok(Reviewed::Unread(version, error)),
        };
        self.progress.decided();
        let carried = self.carry_out(&version, &decision).await?;
        if matches!(carried, Carried::Done) {
            self.progress.applied();
        }
        Ok(Reviewed::Decided(version, decision, carried))
    }

    /// Reads the pending version, then (in the same slot, one request at a time) its app's live
    /// version and the two contacts ranges, and lets the policy decide; the error says why the
    /// pending version could not be read. A range that could not be read is the policy's to
    /// judge (never an approval).
    async fn read_and_decide(&self, version: &PendingVersion) -> Result<Decision, String> {
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
        match details {
            Ok(details) => {
                let live = self.work.live.of(client, version, lang).await;
                let read = self.work.ranges.of(client, version).await;
                let ranges = match &read {
                    Ok(read) => Ranges::Read {
                        live: read.live.as_ref(),
                        requested: read.requested.as_ref(),
                    },
                    Err(failure) => Ranges::Unreadable {
                        call: failure.call,
                        error: &failure.error,
                    },
                };
                Ok(policy.decide(&details, live.as_live(), ranges))
            }
            Err(error) => Err(error_chain(&error)),
        }
    }

    async fn carry_out(
        &self,
        version: &PendingVersion,
        decision: &Decision,
    ) -> anyhow::Result<Carried> {
        let Some(ledger) = &self.work.ledger else {
            return Ok(Carried::DryRun);
        };
        if decision.verdict == Verdict::Human {
            ledger.record(version, decision).await?;
            return Ok(Carried::Nothing);
        }
        if self.stopping() {
            return Ok(Carried::Interrupted);
        }
        let (client, app, id) = (&self.work.client, &version.app_id, &version.version_id);
        let operator = &ledger.operator;
        let answer = match decision.verdict {
            Verdict::Approve => {
                ledger
                    .carry_out(version, decision, client.approve(app, id, operator))
                    .await?
            }
            _ => {
                let patch = client.reject(app, id, operator, &decision.reason);
                ledger.carry_out(version, decision, patch).await?
            }
        };
        Ok(match answer {
            Ok(()) => Carried::Done,
            Err(failure) => Carried::Failed(failure),
        })
    }
}
