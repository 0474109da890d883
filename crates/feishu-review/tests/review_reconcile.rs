//! Reconcile on resume: a journal whose last line about a version is `"sent"` (a crash lost
//! the PATCH's answer) for an approved, a rejected, a still pending and an unreadable version.

use crate::support::{Tenant, journal_lines, stderr, verify};
use feishu_application::types::PatchVersionStatus;
use feishu_fake::{Config, DEFAULT_APP_ID, DEFAULT_OPERATOR_OPEN_ID};
use serde_json::{Value, json};

fn intent(app: &str, version: &str, decision: &str) -> Value {
    json!({
        "app_id": app, "version_id": version, "decision": decision,
        "rule": "max_auto_approve_level", "reason": "r", "operator": DEFAULT_OPERATOR_OPEN_ID,
        "time": "2026-11-27T10:00:00Z", "outcome": "sent", "policy": "builtin",
        "cli_version": "0.1.0"
    })
}

/// The lines about `version` after the first `skip` lines.
fn later<'a>(lines: &'a [Value], skip: usize, version: &str) -> Vec<&'a Value> {
    lines[skip..]
        .iter()
        .filter(|line| line["version_id"] == version)
        .collect()
}

/// The versions a crashed run left with a trailing `"sent"`: approved and rejected (their
/// PATCH went through), still pending (it never arrived), unreadable, and decided elsewhere
/// (the intent was to approve, but someone rejected it).
struct Crashed {
    approved: (String, String),
    rejected: (String, String),
    still_pending: (String, String),
    unreadable: (String, String),
    elsewhere: (String, String),
}

/// Sets `tenant` and its journal up as a run killed with four PATCHes in flight leaves them.
fn crashed_run(tenant: &Tenant) -> Crashed {
    let pending: Vec<(String, String)> = tenant.pending().into_iter().take(4).collect();
    let [approved, rejected, still_pending, elsewhere] = <[_; 4]>::try_from(pending).unwrap();
    // The PATCHes of the crashed run that went through.
    for ((app, version), status) in [
        (&approved, PatchVersionStatus::Approved),
        (&rejected, PatchVersionStatus::Rejected),
        (&elsewhere, PatchVersionStatus::Rejected),
    ] {
        tenant
            .fake
            .state()
            .tenant()
            .set_status(DEFAULT_APP_ID, app, version, status, 0)
            .unwrap();
    }
    let unreadable = (
        still_pending.0.clone(),
        "oav_ffffffffffffffffffffffffffffffff".to_owned(),
    );
    let intents = [
        intent(&approved.0, &approved.1, "approve"),
        intent(&rejected.0, &rejected.1, "reject"),
        intent(&still_pending.0, &still_pending.1, "approve"),
        intent(&unreadable.0, &unreadable.1, "approve"),
        intent(&elsewhere.0, &elsewhere.1, "approve"),
    ];
    let text: String = intents.iter().map(|line| format!("{line}\n")).collect();
    std::fs::write(tenant.journal(), text).unwrap();

    Crashed {
        approved,
        rejected,
        still_pending,
        unreadable,
        elsewhere,
    }
}

#[test]
fn a_trailing_sent_is_reconciled_decided_anew_or_left_by_what_reading_the_version_says() {
    let tenant = Tenant::start(Config::default());
    let Crashed {
        approved,
        rejected,
        still_pending,
        unreadable,
        elsewhere,
    } = crashed_run(&tenant);
    let intents = 5;
    let output = tenant.run(&["--json", "review", "--apply"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["summary"]["failed"], 1,
        "the unreadable one: {report}"
    );
    let message = stderr(&output);
    assert!(
        message.contains(&unreadable.1) && message.contains("left alone"),
        "{message}"
    );

    let lines = journal_lines(&tenant.journal());
    let patches = tenant.patch_counts();
    // Approved and rejected: one "ok" line, reconciled, and no second PATCH.
    for (version, decision) in [(&approved.1, "approve"), (&rejected.1, "reject")] {
        let added = later(&lines, intents, version);
        assert_eq!(added.len(), 1, "{added:?}");
        assert_eq!(added[0]["outcome"], "ok");
        assert_eq!(added[0]["reconciled"], true);
        assert_eq!(added[0]["decision"], decision);
        assert_eq!(patches[version.as_str()], 1, "PATCHed again");
    }
    // Decided elsewhere: a reconciled failure that says so, and no PATCH of ours.
    let added = later(&lines, intents, &elsewhere.1);
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0]["reconciled"], true);
    assert_eq!(added[0]["decision"], "approve");
    let msg = added[0]["outcome"]["msg"].as_str().unwrap_or_default();
    assert!(msg.contains("decided elsewhere"), "{}", added[0]);
    assert_eq!(patches[elsewhere.1.as_str()], 1, "PATCHed again");
    assert!(message.contains("decided elsewhere"), "{message}");
    // Still pending: decided anew, as any pending version.
    let added = later(&lines, intents, &still_pending.1);
    let outcome = added.last().expect("decided anew");
    assert_eq!(outcome["outcome"], "ok", "{outcome}");
    assert!(outcome.get("reconciled").is_none(), "{outcome}");
    let carried_out = outcome["decision"] != "human";
    assert_eq!(
        patches.get(&still_pending.1).copied(),
        carried_out.then_some(1)
    );
    assert!(
        report["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["version_id"] == still_pending.1.as_str()),
        "{report}"
    );
    // Unreadable: left alone, so the journal does not verify.
    assert!(later(&lines, intents, &unreadable.1).is_empty());
    let verified = verify(&tenant.journal());
    assert_eq!(verified.status.code(), Some(1));
    let complaint = stderr(&verified);
    assert!(
        complaint.contains(":4: \"sent\" for") && complaint.contains("at line 4"),
        "{complaint}"
    );
}
