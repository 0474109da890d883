//! Write-ahead: a PATCH's intent (`"outcome":"sent"`) is on disk before the PATCH is sent,
//! and its outcome is written after the answer. A crash between the two leaves a trailing
//! `"sent"`, which the next run reconciles (see `reconcile`), so no decision Feishu carried
//! out is ever missing from the journal.

use std::future::IntoFuture;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use sha2::{Digest as _, Sha256};

use super::entry::{Entry, Failure, Outcome, now};
use super::file::Journal;
use crate::commands::pending::PendingVersion;
use crate::policy::Decision;

/// What every journal line of a run shares, and the journal it goes to (`--apply` only).
#[derive(Debug)]
pub(crate) struct Ledger {
    pub(crate) journal: Arc<Journal>,
    /// The reviewer Feishu records for the decision.
    pub(crate) operator: String,
    /// The policy's stamp: see [`policy_stamp`].
    pub(crate) policy: String,
}

impl Ledger {
    /// The line for `decision` about `version`, written now.
    pub(crate) fn line(
        &self,
        version: &PendingVersion,
        decision: &Decision,
        outcome: Outcome,
    ) -> Entry {
        Entry {
            app_id: version.app_id.clone(),
            version_id: version.version_id.clone(),
            decision: decision.verdict,
            rule: decision.rule,
            reason: decision.reason.clone(),
            operator: self.operator.clone(),
            time: now(),
            outcome,
            reconciled: false,
            policy: Some(self.policy.clone()),
            cli_version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            // `None` only for a version judged whole (`judge = "whole"`), which compares nothing.
            changes: decision
                .changes
                .as_deref()
                .and_then(|changes| serde_json::to_value(changes).ok()),
        }
    }

    /// Journals a decision with nothing to carry out (left for a human).
    pub(crate) async fn record(
        &self,
        version: &PendingVersion,
        decision: &Decision,
    ) -> anyhow::Result<()> {
        self.journal
            .append(&self.line(version, decision, Outcome::Ok))
            .await
    }

    /// Writes the intent, sends `patch` once it is on disk, and writes the outcome. The outer
    /// error is the journal's (nothing is sent when the intent could not be written); the inner
    /// one is Feishu's answer.
    pub(crate) async fn carry_out(
        &self,
        version: &PendingVersion,
        decision: &Decision,
        patch: impl IntoFuture<Output = Result<(), feishu_application::Error>>,
    ) -> anyhow::Result<Result<(), Failure>> {
        let intent = self.line(version, decision, Outcome::Sent);
        self.journal.append(&intent).await?;
        let answer = patch.await.map_err(|error| Failure::of(&error));
        let outcome = match &answer {
            Ok(()) => Outcome::Ok,
            Err(failure) => Outcome::Failed(failure.clone()),
        };
        let line = Entry {
            time: now(),
            outcome,
            ..intent
        };
        self.journal.append(&line).await?;
        Ok(answer)
    }
}

/// What the journal says about the policy a run decided by: the SHA-256 of the policy file's
/// bytes (lowercase hex), or `"builtin"`.
pub(crate) fn policy_stamp(file: Option<&Path>) -> anyhow::Result<String> {
    let Some(file) = file else {
        return Ok("builtin".to_owned());
    };
    let bytes = std::fs::read(file)
        .with_context(|| format!("reading the policy file {}", file.display()))?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_stamp_is_the_files_sha256_or_builtin() {
        assert_eq!(policy_stamp(None).unwrap(), "builtin");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.toml");
        std::fs::write(&path, "abc").unwrap();
        // SHA-256("abc"), FIPS 180-2's first example.
        assert_eq!(
            policy_stamp(Some(&path)).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let missing = policy_stamp(Some(&dir.path().join("nope.toml"))).unwrap_err();
        assert!(format!("{missing:#}").contains("nope.toml"), "{missing:#}");
    }
}
