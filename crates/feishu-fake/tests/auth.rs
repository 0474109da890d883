//! The token endpoint and bearer-token enforcement.

use std::time::Duration;

use crate::support::{Env, LIST, TOKEN};
use feishu_fake::{AppCredential, Config, DEFAULT_APP_ID, DEFAULT_APP_SECRET};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_right_credentials_get_an_expiring_token_and_the_same_one_while_it_is_fresh() {
    let env = Env::default().await;
    let body = json!({"app_id": DEFAULT_APP_ID, "app_secret": DEFAULT_APP_SECRET});
    let first = env
        .send(Method::POST, TOKEN, None, Some(body.clone()))
        .await;
    assert_eq!(first.status, 200);
    assert_eq!(first.json["msg"], "ok");
    assert_eq!(first.json["expire"], 7200);
    assert!(
        first.json["tenant_access_token"]
            .as_str()
            .unwrap()
            .starts_with("t-")
    );
    assert!(first.log_id.is_some());
    env.fake.advance_clock(Duration::from_secs(600));
    let again = env.send(Method::POST, TOKEN, None, Some(body)).await;
    assert_eq!(
        again.json["tenant_access_token"],
        first.json["tenant_access_token"]
    );
    let expire = again.json["expire"].as_i64().unwrap();
    assert!((6590..=6600).contains(&expire), "{expire}");
}

#[tokio::test]
async fn near_the_end_a_new_token_comes_and_the_old_one_stays_valid() {
    let env = Env::default().await;
    env.fake.advance_clock(Duration::from_secs(7200 - 1000));
    let new = env.token_for(DEFAULT_APP_ID, DEFAULT_APP_SECRET).await;
    assert_ne!(new, env.token);
    let old = env.get(&format!("{LIST}?lang=zh_cn")).await;
    assert_eq!(old.code(), 0);
}

#[tokio::test]
async fn wrong_credentials_get_a_non_zero_code_and_no_token() {
    let env = Env::default().await;
    for (app_id, secret, code) in [
        (DEFAULT_APP_ID, "wrong", 10014),
        ("cli_ffffffffffffffff", DEFAULT_APP_SECRET, 10003),
    ] {
        let answer = env
            .send(
                Method::POST,
                TOKEN,
                None,
                Some(json!({"app_id": app_id, "app_secret": secret})),
            )
            .await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.code(), code);
        assert!(answer.json.get("tenant_access_token").is_none());
    }
}

#[tokio::test]
async fn malformed_token_requests_are_400_naming_the_field() {
    let env = Env::default().await;
    for (body, field) in [
        (json!({"app_secret": "x"}), "app_id is required"),
        (
            json!({"app_id": 7, "app_secret": "x"}),
            "app_id must be a string",
        ),
        (
            json!({"app_id": "cli_a", "app_secret": ["x"]}),
            "app_secret must be a string",
        ),
        (json!([1, 2]), "must be a JSON object"),
    ] {
        let answer = env.send(Method::POST, TOKEN, None, Some(body)).await;
        answer.assert_error(400, 99992402);
        assert!(answer.msg().contains(field), "{}", answer.msg());
    }
    let raw = env
        .http
        .post(env.url(TOKEN))
        .header("content-type", "application/json")
        .body("{\"app_id\":")
        .send()
        .await
        .unwrap();
    let answer = crate::support::answer(raw).await;
    answer.assert_error(400, 99992402);
    assert!(answer.msg().contains("not valid JSON"));
    let raw = env
        .http
        .post(env.url(TOKEN))
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    crate::support::answer(raw)
        .await
        .assert_error(400, 99992402);
}

#[tokio::test]
async fn calls_without_a_live_bearer_token_get_the_token_error_codes() {
    let env = Env::default().await;
    let path = format!("{LIST}?lang=zh_cn");
    env.send(Method::GET, &path, None, None)
        .await
        .assert_error(400, 99991663);
    env.send(Method::GET, &path, Some("nope"), None)
        .await
        .assert_error(400, 99991671);
    env.send(Method::GET, &path, Some("t-unknown"), None)
        .await
        .assert_error(400, 99991663);
    let raw = env
        .http
        .get(env.url(&path))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    crate::support::answer(raw)
        .await
        .assert_error(400, 99991671);
}

#[tokio::test]
async fn tokens_expire_after_the_configured_ttl() {
    let env = Env::start(Config {
        token_ttl: Duration::from_secs(60),
        ..Config::default()
    })
    .await;
    let path = format!("{LIST}?lang=zh_cn");
    assert_eq!(env.get(&path).await.code(), 0);
    env.fake.advance_clock(Duration::from_secs(61));
    env.get(&path).await.assert_error(400, 99991664);
    let fresh = env.token_for(DEFAULT_APP_ID, DEFAULT_APP_SECRET).await;
    let answer = env.send(Method::GET, &path, Some(&fresh), None).await;
    assert_eq!(answer.code(), 0);
}

#[tokio::test]
async fn configured_credentials_replace_the_default_ones() {
    let env = Env::start(Config {
        credentials: vec![AppCredential::new("cli_0000000000000001", "s3cret")],
        ..Config::default()
    })
    .await;
    let answer = env
        .send(
            Method::POST,
            TOKEN,
            None,
            Some(json!({"app_id": DEFAULT_APP_ID, "app_secret": DEFAULT_APP_SECRET})),
        )
        .await;
    assert_eq!(answer.code(), 10003);
    assert!(format!("{:?}", env.fake.credential()).contains(feishu_wire::secret::REDACTED));
    assert!(!format!("{:?}", env.fake.credential()).contains("s3cret"));
}

#[tokio::test]
async fn unknown_paths_and_methods_get_the_envelope() {
    let env = Env::default().await;
    env.get("/open-apis/nope").await.assert_error(404, 404);
    let answer = env.send(Method::DELETE, LIST, Some(&env.token), None).await;
    answer.assert_error(405, 405);
    assert_eq!(answer.headers["allow"], "GET,HEAD");
}
