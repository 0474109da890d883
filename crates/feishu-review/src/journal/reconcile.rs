//! Reconcile on resume: a version whose last journal line is `"sent"` had its PATCH's fate
//! lost in a crash. Before anything is decided about it, the version is read:
//! - approved or rejected as the intent said: the PATCH went through; an `"ok"` line with
//!   `"reconciled": true` is appended and it is never PATCHed again;
//! - approved or rejected the other way: someone else decided it; the line appended says so as
//!   a failure (`code` null), still `"reconciled": true`, and it is never PATCHed again;
//! - still under review: the PATCH never arrived; it is decided anew;
//! - unreadable (or in any other state): it is left alone, reported, and the run exits 1.

use feishu_application::types::VersionStatus;

use feishu_application::Client;
use feishu_application::types::Lang;

use super::entry::{Entry, Failure, Outcome, now};
use super::resume::Decided;
use super::write_ahead::Ledger;
use crate::output::error_chain;
use crate::policy::Verdict;

/// Settles every trailing `"sent"` of `decided` (with `--apply`: `ledger` is `None` for a dry
/// run, which reads and writes nothing), reading each version through `client`. Returns how
/// many were left alone because their fate could not be read; a journal error is the `Err`.
pub(crate) async fn reconcile(
    ledger: Option<&Ledger>,
    client: &Client,
    lang: &Lang,
    decided: &mut Decided,
) -> anyhow::Result<usize> {
    let Some(ledger) = ledger else {
        return Ok(0);
    };
    let mut left = 0;
    for intent in decided.unsettled() {
        let (app, version) = (intent.app_id.clone(), intent.version_id.clone());
        let read = client.get_app_version(&app, &version, lang.clone()).await;
        match read.map(|details| details.status) {
            Ok(Some(status @ (VersionStatus::Approved | VersionStatus::Rejected))) => {
                let as_intended = matches!(
                    (intent.decision, &status),
                    (Verdict::Approve, VersionStatus::Approved)
                        | (Verdict::Reject, VersionStatus::Rejected)
                );
                let outcome = if as_intended {
                    Outcome::Ok
                } else {
                    Outcome::Failed(Failure {
                        code: None,
                        msg: format!(
                            "found {status:?} while this journal meant to {:?}: decided elsewhere",
                            intent.decision
                        ),
                        log_id: None,
                    })
                };
                let line = Entry {
                    time: now(),
                    outcome,
                    reconciled: true,
                    ..intent
                };
                ledger.journal.append(&line).await?;
                decided.record(&line);
                if as_intended {
                    crate::stdout::errln!(
                        "feishu-review: {app} {version}: the last run's PATCH went through \
                         ({status:?}); journaled as reconciled"
                    );
                } else {
                    crate::stdout::errln!(
                        "warning: {app} {version}: the last run meant to {:?} it, but it is \
                         {status:?}: decided elsewhere; journaled as a reconciled failure",
                        line.decision
                    );
                }
            }
            Ok(Some(VersionStatus::UnderReview)) => {
                decided.forget(&intent);
                crate::stdout::errln!(
                    "feishu-review: {app} {version}: the last run's PATCH did not arrive; \
                     deciding it again"
                );
            }
            other => {
                let why = match other {
                    Err(error) => format!("cannot be read: {}", error_chain(&error)),
                    Ok(status) => format!("is in state {status:?}, neither decided nor pending"),
                };
                decided.leave(&intent);
                left += 1;
                crate::stdout::errln!(
                    "error: {app} {version}: the last run sent a PATCH whose answer is not in \
                     the journal, and the version {why}; left alone"
                );
            }
        }
    }
    Ok(left)
}
