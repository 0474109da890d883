//! Reading a version: `me`, and every documented lookup error.

use crate::support::{Env, pending, version_path};
use feishu_application::types::SceneType;
use feishu_fake::DEFAULT_APP_ID;

#[tokio::test]
async fn every_pending_version_can_be_read() {
    let env = Env::default().await;
    let tenant = env.snapshot();
    for (app_id, version_id) in pending(&tenant, usize::MAX) {
        let answer = env
            .get(&format!(
                "{}?lang=en_us",
                version_path(&app_id, &version_id)
            ))
            .await;
        assert_eq!(answer.status, 200, "{}", answer.json);
        let version = &answer.json["data"]["app_version"];
        assert_eq!(version["app_id"], app_id.as_str());
        assert_eq!(version["version_id"], version_id.as_str());
        assert_eq!(version["status"], 3);
        assert!(version["scopes"].as_array().is_some_and(|s| !s.is_empty()));
    }
}

#[tokio::test]
async fn me_is_the_calling_app() {
    let env = Env::default().await;
    let tenant = env.snapshot();
    let own = tenant
        .apps
        .iter()
        .find(|a| a.application.app_id.as_deref() == Some(DEFAULT_APP_ID))
        .expect("the caller has an app");
    let version_id = own.versions[0].version_id.clone().unwrap();
    let by_me = env
        .get(&format!("{}?lang=zh_cn", version_path("me", &version_id)))
        .await;
    let by_id = env
        .get(&format!(
            "{}?lang=zh_cn",
            version_path(DEFAULT_APP_ID, &version_id)
        ))
        .await;
    assert_eq!(by_me.json["data"], by_id.json["data"]);
    assert_eq!(by_me.json["data"]["app_version"]["app_id"], DEFAULT_APP_ID);
}

#[tokio::test]
async fn lookups_fail_with_the_documented_codes() {
    let env = Env::default().await;
    let tenant = env.snapshot();
    let mine = pending(&tenant, 2);
    let (app_a, version_a) = &mine[0];
    let (_, version_b) = &mine[1];
    let store = tenant
        .apps
        .iter()
        .find(|a| a.application.scene_type == Some(SceneType::Store))
        .unwrap();
    let store_id = store.application.app_id.clone().unwrap();
    let store_version = store.versions[0].version_id.clone().unwrap();
    for (app_id, version_id, code) in [
        ("not-an-app", version_a.as_str(), 210503),
        ("cli_ffffffffffffffff", version_a.as_str(), 210506),
        (store_id.as_str(), store_version.as_str(), 210505),
        (
            app_a.as_str(),
            "oav_00000000000000000000000000000000",
            211002,
        ),
        (app_a.as_str(), version_b.as_str(), 211003),
    ] {
        let answer = env
            .get(&format!("{}?lang=zh_cn", version_path(app_id, version_id)))
            .await;
        answer.assert_error(400, code);
    }
    let answer = env.get(&version_path(app_a, version_a)).await;
    answer.assert_error(400, 99992402);
    assert!(answer.msg().contains("lang"));
}
