//! The test levers: a submitted version joins the pending list and can be decided; every
//! accepted PATCH is recorded, and submissions are not.

use crate::support::{Env, pending, version_path};
use feishu_application::types::PatchVersionStatus;
use feishu_fake::{DEFAULT_OPERATOR_OPEN_ID, Patch, seed};
use serde_json::json;

#[tokio::test]
async fn a_submitted_version_is_pending_and_its_decision_is_recorded_once() {
    let env = Env::default().await;
    let snapshot = env.snapshot();
    let decided = snapshot
        .apps
        .iter()
        .find(|a| a.application.unaudit_version_id.is_none() && !a.versions.is_empty())
        .and_then(|a| a.application.app_id.clone())
        .expect("the seeded tenant has an app with nothing pending");

    let version_id = env.fake.state().submit_version(&decided).unwrap();
    assert!(
        version_id.starts_with("oav_") && version_id.len() == 36,
        "{version_id}"
    );
    let list = env.all_pending("en_us", 50).await;
    assert_eq!(list.len(), seed::PENDING_APPS + 1);
    assert!(
        list.iter()
            .any(|a| a["app_id"] == decided.as_str()
                && a["unaudit_version_id"] == version_id.as_str())
    );
    assert!(
        env.fake.state().patches().is_empty(),
        "a submission is no decision"
    );

    let path = format!(
        "{}?user_id_type=open_id&operator_id={DEFAULT_OPERATOR_OPEN_ID}",
        version_path(&decided, &version_id)
    );
    assert_eq!(env.patch(&path, json!({"status": 1})).await.status, 200);
    assert_eq!(
        env.fake.state().patches(),
        vec![Patch {
            app_id: decided.clone(),
            version_id,
            status: PatchVersionStatus::Approved
        }]
    );
    assert_eq!(env.all_pending("en_us", 50).await.len(), seed::PENDING_APPS);
}

#[tokio::test]
async fn submitting_again_replaces_the_version_under_review() {
    let env = Env::default().await;
    let (app_id, old) = pending(&env.snapshot(), 1).remove(0);
    let new = env.fake.state().submit_version(&app_id).unwrap();
    assert_ne!(new, old);
    let list = env.all_pending("en_us", 50).await;
    assert_eq!(
        list.len(),
        seed::PENDING_APPS,
        "still one pending version per app"
    );
    assert!(list.iter().any(|a| a["unaudit_version_id"] == new.as_str()));
    assert!(list.iter().all(|a| a["unaudit_version_id"] != old.as_str()));
}

#[tokio::test]
async fn submitting_for_an_unknown_app_is_an_error() {
    let env = Env::default().await;
    let error = env
        .fake
        .state()
        .submit_version("cli_0000000000000000")
        .unwrap_err();
    assert!(
        format!("{error:?}").contains("cli_0000000000000000"),
        "{error:?}"
    );
    assert_eq!(env.all_pending("en_us", 50).await.len(), seed::PENDING_APPS);
}
