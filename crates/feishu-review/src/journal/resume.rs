//! Resume: which pending versions a journal says are already decided, and which ones a crash
//! left with a PATCH whose fate is unknown (a trailing `"sent"`).

use std::collections::HashMap;

use super::entry::{Entry, Outcome};
use crate::commands::pending::PendingVersion;

/// What the journal knows of each version, from its latest line.
#[derive(Debug, Default)]
pub(crate) struct Decided {
    latest: HashMap<(String, String), Latest>,
}

#[derive(Debug)]
enum Latest {
    Ok,
    Failed,
    /// A PATCH was sent and its answer is not journaled: the intent line.
    Sent(Entry),
    /// Like `Sent`, and reading the version did not tell its fate either: left alone.
    Unknown(Entry),
}

/// The pending versions to decide now, and how many were left out.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// To decide, in the pending list's order.
    pub(crate) todo: Vec<PendingVersion>,
    /// Already decided with outcome `ok`.
    pub(crate) skipped_ok: usize,
    /// Failed before and left alone (`--no-retry-failed`).
    pub(crate) skipped_failed: usize,
}

impl Decided {
    /// What `entries` (in journal order) say.
    pub(crate) fn from_entries<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Self {
        let mut decided = Self::default();
        for entry in entries {
            decided.record(entry);
        }
        decided
    }

    /// Notes one more line.
    pub(crate) fn record(&mut self, entry: &Entry) {
        let latest = match &entry.outcome {
            Outcome::Ok => Latest::Ok,
            Outcome::Failed(_) => Latest::Failed,
            Outcome::Sent => Latest::Sent(entry.clone()),
        };
        self.latest.insert(entry.key(), latest);
    }

    /// Notes how a decision of this process went: `ok`, or failed.
    pub(crate) fn settle(&mut self, app_id: &str, version_id: &str, ok: bool) {
        let latest = match ok {
            true => Latest::Ok,
            false => Latest::Failed,
        };
        self.latest
            .insert((app_id.to_owned(), version_id.to_owned()), latest);
    }

    /// The intents whose PATCH's fate is not journaled, oldest version id first.
    pub(crate) fn unsettled(&self) -> Vec<Entry> {
        let mut intents: Vec<Entry> = self
            .latest
            .values()
            .filter_map(|latest| match latest {
                Latest::Sent(intent) | Latest::Unknown(intent) => Some(intent.clone()),
                _ => None,
            })
            .collect();
        intents.sort_by_key(Entry::key);
        intents
    }

    /// The version of `intent` is still pending: it is decided anew.
    pub(crate) fn forget(&mut self, intent: &Entry) {
        self.latest.remove(&intent.key());
    }

    /// The fate of `intent`'s PATCH could not be read: the version is left alone.
    pub(crate) fn leave(&mut self, intent: &Entry) {
        self.latest
            .insert(intent.key(), Latest::Unknown(intent.clone()));
    }

    /// Splits `pending`: a version whose latest line is `ok` is skipped; one whose latest line
    /// failed is decided again unless `retry_failed` is false; one whose PATCH's fate is
    /// unknown is left alone (it is reported as failed by the reconcile step); a trailing
    /// `"sent"` not reconciled (a dry run) is decided again.
    pub(crate) fn plan(&self, pending: Vec<PendingVersion>, retry_failed: bool) -> Plan {
        let mut plan = Plan::default();
        for version in pending {
            let key = (version.app_id.clone(), version.version_id.clone());
            match self.latest.get(&key) {
                Some(Latest::Ok) => plan.skipped_ok += 1,
                Some(Latest::Failed) if !retry_failed => plan.skipped_failed += 1,
                Some(Latest::Unknown(_)) => {}
                _ => plan.todo.push(version),
            }
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::entry::Failure;
    use crate::journal::entry::tests::entry;
    use crate::output::ScopeCounts;

    fn pending(version: &str) -> PendingVersion {
        PendingVersion {
            app_id: "cli_0123456789abcdef".into(),
            app_name: None,
            version_id: version.into(),
            creator_id: None,
            scopes: ScopeCounts::default(),
            live_version_id: None,
        }
    }

    fn line(version: &str, ok: bool) -> Entry {
        entry(
            version,
            match ok {
                true => Outcome::Ok,
                false => Outcome::Failed(Failure {
                    code: Some(2200),
                    msg: "internal".into(),
                    log_id: None,
                }),
            },
        )
    }

    fn ids(plan: &Plan) -> Vec<&str> {
        plan.todo.iter().map(|v| v.version_id.as_str()).collect()
    }

    #[test]
    fn ok_versions_are_skipped_failed_ones_retried_unless_asked_not_to() {
        // v2 failed, then succeeded on a rerun; v3 only failed.
        let decided = Decided::from_entries(&[
            line("v1", true),
            line("v2", false),
            line("v2", true),
            line("v3", false),
        ]);
        let all = || Vec::from(["v0", "v1", "v2", "v3", "v4"].map(pending));
        let plan = decided.plan(all(), true);
        assert_eq!(ids(&plan), ["v0", "v3", "v4"]);
        assert_eq!((plan.skipped_ok, plan.skipped_failed), (2, 0));
        let plan = decided.plan(all(), false);
        assert_eq!(ids(&plan), ["v0", "v4"]);
        assert_eq!((plan.skipped_ok, plan.skipped_failed), (2, 1));
    }

    #[test]
    fn a_trailing_sent_is_unsettled_until_reconciled_and_an_unknown_one_is_left_alone() {
        // v1: intent then outcome (settled); v2 and v3: intent only.
        let mut decided = Decided::from_entries(&[
            entry("v1", Outcome::Sent),
            entry("v1", Outcome::Ok),
            entry("v2", Outcome::Sent),
            entry("v3", Outcome::Sent),
        ]);
        let unsettled = decided.unsettled();
        let versions: Vec<&str> = unsettled.iter().map(|e| e.version_id.as_str()).collect();
        assert_eq!(versions, ["v2", "v3"]);
        decided.forget(&unsettled[0]);
        decided.leave(&unsettled[1]);
        let plan = decided.plan(Vec::from(["v1", "v2", "v3"].map(pending)), true);
        assert_eq!(ids(&plan), ["v2"], "v2 is decided anew, v3 left alone");
        assert_eq!(plan.skipped_ok, 1);
        assert_eq!(decided.unsettled().len(), 1, "v3 is tried again next pass");
    }
}
