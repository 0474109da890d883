//! The drift fault: a seeded fraction of application answers with undocumented members and
//! enum values, named in `x-fake-drift`, and otherwise conforming to the spec.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{Answer, Env, LIST, pending, version_path};
use feishu_fake::{Config, DRIFT_HEADER, Faults};
use feishu_validate::{DriftKind, Validator};

fn with_drift(drift_rate: f64, seed: u64) -> Config {
    Config {
        faults: Faults {
            drift_rate,
            seed,
            ..Faults::default()
        },
        ..Config::default()
    }
}

/// The pointers the fake says it added.
fn announced(answer: &Answer) -> BTreeSet<String> {
    answer
        .headers
        .get(DRIFT_HEADER)
        .map(|v| v.to_str().unwrap().split(',').map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The drift the validator finds, checking that the answer is otherwise valid.
fn found(operation: &str, answer: &Answer) -> BTreeMap<String, DriftKind> {
    let report = Validator::workspace()
        .validate(operation, answer.status.as_u16(), &answer.bytes)
        .unwrap();
    assert!(report.is_valid(), "{:?}", report.violations);
    report
        .drift
        .into_iter()
        .map(|d| (d.pointer, d.kind))
        .collect()
}

#[tokio::test]
async fn a_drift_rate_of_one_puts_exactly_the_announced_drift_in_every_answer() {
    let env = Env::start(with_drift(1.0, 5)).await;
    let list = env.get(&format!("{LIST}?lang=en_us&page_size=10")).await;
    assert_eq!(list.code(), 0);
    let (app_id, version_id) = pending(&env.snapshot(), 1).remove(0);
    let version = env
        .get(&format!(
            "{}?lang=en_us",
            version_path(&app_id, &version_id)
        ))
        .await;
    for (operation, answer) in [
        ("list_under_audit_apps", &list),
        ("get_app_version", &version),
    ] {
        let pointers = announced(answer);
        let drift = found(operation, answer);
        let found_pointers: BTreeSet<String> = drift.keys().cloned().collect();
        assert_eq!(found_pointers, pointers, "{operation}");
        let enums: Vec<_> = drift
            .iter()
            .filter(|(_, kind)| **kind == DriftKind::UnknownEnumValue)
            .map(|(p, _)| p.rsplit('/').next().unwrap())
            .collect();
        assert_eq!(enums, ["i18n_key", "level"], "{operation}: {drift:?}");
        assert!(
            pointers.iter().any(|p| p.split('/').count() >= 6),
            "{pointers:?}"
        );
    }
    let approved = env
        .patch(
            &format!(
                "{}?user_id_type=open_id&operator_id={}",
                version_path(&app_id, &version_id),
                feishu_fake::DEFAULT_OPERATOR_OPEN_ID
            ),
            serde_json::json!({"status": 1}),
        )
        .await;
    assert_eq!(approved.code(), 0);
    let drift = found("patch_app_version", &approved);
    assert_eq!(
        drift.keys().cloned().collect::<BTreeSet<_>>(),
        announced(&approved)
    );
    assert!(drift.contains_key("/data/undocumented_data"), "{drift:?}");
}

#[tokio::test]
async fn drift_follows_the_seed_and_the_rate() {
    async fn pattern(seed: u64) -> Vec<BTreeSet<String>> {
        let env = Env::start(with_drift(0.5, seed)).await;
        let mut seen = Vec::new();
        for _ in 0..30 {
            let answer = env.get(&format!("{LIST}?lang=zh_cn&page_size=5")).await;
            assert_eq!(
                found("list_under_audit_apps", &answer).len(),
                announced(&answer).len()
            );
            seen.push(announced(&answer));
        }
        seen
    }
    let a = pattern(21).await;
    assert_eq!(a, pattern(21).await);
    assert_ne!(a, pattern(22).await);
    let drifted = a.iter().filter(|p| !p.is_empty()).count();
    assert!((5..=25).contains(&drifted), "{drifted}");
}

#[tokio::test]
async fn without_the_fault_answers_carry_no_drift() {
    let env = Env::default().await;
    let answer = env.get(&format!("{LIST}?lang=zh_cn")).await;
    assert!(announced(&answer).is_empty());
    assert!(found("list_under_audit_apps", &answer).is_empty());
}

#[tokio::test]
async fn an_impossible_drift_rate_is_refused() {
    let error = feishu_fake::start(with_drift(-0.1, 1)).await.unwrap_err();
    assert!(error.to_string().contains("drift_rate"), "{error}");
}
