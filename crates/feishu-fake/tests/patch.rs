//! Review decisions: approve, reject, put back under review, and the required parameters.

use std::collections::HashSet;

use crate::support::{Env, pending, version_path};
use feishu_fake::{DEFAULT_OPERATOR_OPEN_ID, seed};
use serde_json::json;

fn decide(app_id: &str, version_id: &str, extra: &str) -> String {
    format!(
        "{}?user_id_type=open_id&operator_id={DEFAULT_OPERATOR_OPEN_ID}{extra}",
        version_path(app_id, version_id)
    )
}

#[tokio::test]
async fn approving_takes_the_app_off_the_list_and_puts_the_version_online() {
    let env = Env::default().await;
    let (app_id, version_id) = pending(&env.snapshot(), 1).remove(0);
    let answer = env
        .patch(&decide(&app_id, &version_id, ""), json!({"status": 1}))
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json,
        json!({"code": 0, "msg": "success", "data": {}})
    );
    let list = env.all_pending("zh_cn", 50).await;
    assert_eq!(list.len(), seed::PENDING_APPS - 1);
    assert!(list.iter().all(|a| a["app_id"] != app_id.as_str()));
    let app = env
        .snapshot()
        .apps
        .into_iter()
        .find(|a| a.application.app_id.as_deref() == Some(&app_id))
        .unwrap();
    assert_eq!(
        app.application.online_version_id.as_deref(),
        Some(version_id.as_str())
    );
    let version = env
        .get(&format!(
            "{}?lang=zh_cn",
            version_path(&app_id, &version_id)
        ))
        .await;
    assert_eq!(version.json["data"]["app_version"]["status"], 1);
    assert!(version.json["data"]["app_version"]["publish_time"].is_string());
}

#[tokio::test]
async fn rejecting_needs_a_reason() {
    let env = Env::default().await;
    let (app_id, version_id) = pending(&env.snapshot(), 1).remove(0);
    for extra in ["", "&reject_reason="] {
        let answer = env
            .patch(&decide(&app_id, &version_id, extra), json!({"status": 2}))
            .await;
        answer.assert_error(400, 99992402);
        assert!(answer.msg().contains("reject_reason"));
    }
    assert_eq!(env.all_pending("zh_cn", 50).await.len(), seed::PENDING_APPS);
    let answer = env
        .patch(
            &decide(&app_id, &version_id, "&reject_reason=too%20many%20scopes"),
            json!({"status": 2}),
        )
        .await;
    assert_eq!(answer.code(), 0);
    assert_eq!(
        env.all_pending("zh_cn", 50).await.len(),
        seed::PENDING_APPS - 1
    );
    let version = env
        .get(&format!(
            "{}?lang=zh_cn",
            version_path(&app_id, &version_id)
        ))
        .await;
    assert_eq!(version.json["data"]["app_version"]["status"], 2);
}

#[tokio::test]
async fn status_3_puts_a_version_back_under_review_and_4_takes_it_off() {
    let env = Env::default().await;
    let (app_id, version_id) = pending(&env.snapshot(), 1).remove(0);
    let path = decide(&app_id, &version_id, "");
    assert_eq!(env.patch(&path, json!({"status": 4})).await.code(), 0);
    assert_eq!(
        env.all_pending("zh_cn", 50).await.len(),
        seed::PENDING_APPS - 1
    );
    assert_eq!(env.patch(&path, json!({"status": 3})).await.code(), 0);
    let list = env.all_pending("zh_cn", 50).await;
    assert_eq!(list.len(), seed::PENDING_APPS);
    assert!(
        list.iter()
            .any(|a| a["unaudit_version_id"] == version_id.as_str())
    );
}

#[tokio::test]
async fn required_parameters_and_body_fields_are_checked() {
    let env = Env::default().await;
    let (app_id, version_id) = pending(&env.snapshot(), 1).remove(0);
    let base = version_path(&app_id, &version_id);
    let cases = [
        (
            format!("{base}?operator_id={DEFAULT_OPERATOR_OPEN_ID}"),
            json!({"status": 1}),
            "user_id_type",
        ),
        (
            format!("{base}?user_id_type=open_id"),
            json!({"status": 1}),
            "operator_id",
        ),
        (
            format!("{base}?user_id_type=email&operator_id=x"),
            json!({"status": 1}),
            "user_id_type",
        ),
        (decide(&app_id, &version_id, ""), json!({}), "status"),
        (
            decide(&app_id, &version_id, ""),
            json!({"status": 9}),
            "status",
        ),
        (
            decide(&app_id, &version_id, ""),
            json!({"status": "1"}),
            "status",
        ),
        (
            decide(&app_id, &version_id, ""),
            json!({"status": 1.5}),
            "status",
        ),
        (
            decide(&app_id, &version_id, ""),
            json!(["status"]),
            "JSON object",
        ),
    ];
    for (path, body, field) in cases {
        let answer = env.patch(&path, body).await;
        answer.assert_error(400, 99992402);
        assert!(answer.msg().contains(field), "{} / {}", answer.msg(), field);
    }
    let answer = env
        .patch(
            &format!("{base}?user_id_type=open_id&operator_id=ou_nobody"),
            json!({"status": 1}),
        )
        .await;
    answer.assert_error(400, 210507);
    let raw = env
        .http
        .patch(env.url(&decide(&app_id, &version_id, "")))
        .bearer_auth(&env.token)
        .header("content-type", "application/json")
        .body("{status: 1}")
        .send()
        .await
        .unwrap();
    crate::support::answer(raw)
        .await
        .assert_error(400, 99992402);
    assert_eq!(env.all_pending("zh_cn", 50).await.len(), seed::PENDING_APPS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_decisions_never_lose_an_update() {
    let env = Env::default().await;
    let targets = pending(&env.snapshot(), 40);
    let paths: Vec<String> = targets
        .iter()
        .map(|(app_id, version_id)| decide(app_id, version_id, ""))
        .collect();
    let patches = paths
        .iter()
        .map(|path| env.patch(path, json!({"status": 1})));
    let answers = futures::future::join_all(patches).await;
    assert!(answers.iter().all(|a| a.code() == 0));
    let left: HashSet<_> = env
        .all_pending("zh_cn", 50)
        .await
        .iter()
        .map(|a| a["app_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(left.len(), seed::PENDING_APPS - 40);
    assert!(targets.iter().all(|(app_id, _)| !left.contains(app_id)));
    let tenant = env.snapshot();
    for (app_id, version_id) in &targets {
        let app = tenant
            .apps
            .iter()
            .find(|a| a.application.app_id.as_ref() == Some(app_id))
            .unwrap();
        assert_eq!(app.application.online_version_id.as_ref(), Some(version_id));
    }
}
