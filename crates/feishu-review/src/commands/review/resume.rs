//! Resume: which pending versions a journal says are already decided.

use std::collections::HashMap;

use super::journal::{Entry, Outcome};
use crate::commands::pending::PendingVersion;

/// What the journal knows of each version: the outcome of its latest line.
#[derive(Debug, Default)]
pub(crate) struct Decided {
    latest: HashMap<(String, String), bool>,
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
    pub(crate) fn from_entries(entries: &[Entry]) -> Self {
        let mut decided = Self::default();
        for entry in entries {
            decided.record(entry);
        }
        decided
    }

    /// Notes one more line.
    pub(crate) fn record(&mut self, entry: &Entry) {
        let key = (entry.app_id.clone(), entry.version_id.clone());
        self.latest.insert(key, entry.outcome == Outcome::Ok);
    }

    /// Splits `pending`: a version whose latest line is `ok` is skipped; one whose latest line
    /// failed is decided again unless `retry_failed` is false.
    pub(crate) fn plan(&self, pending: Vec<PendingVersion>, retry_failed: bool) -> Plan {
        let mut plan = Plan::default();
        for version in pending {
            let key = (version.app_id.clone(), version.version_id.clone());
            match self.latest.get(&key) {
                Some(true) => plan.skipped_ok += 1,
                Some(false) if !retry_failed => plan.skipped_failed += 1,
                _ => plan.todo.push(version),
            }
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::review::journal::Failure;
    use crate::output::ScopeCounts;
    use crate::policy::{Rule, Verdict};

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
        Entry {
            app_id: "cli_0123456789abcdef".into(),
            version_id: version.into(),
            decision: Verdict::Approve,
            rule: Rule::MaxAutoApproveLevel,
            reason: String::new(),
            operator: "ou_1".into(),
            time: String::new(),
            outcome: match ok {
                true => Outcome::Ok,
                false => Outcome::Failed(Failure {
                    code: Some(2200),
                    msg: "internal".into(),
                    log_id: None,
                }),
            },
        }
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
}
