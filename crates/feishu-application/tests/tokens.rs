//! The tenant access token: fetched, cached, refreshed ahead of expiry, shared under
//! concurrency, replaced when Feishu rejects it.

use std::time::Duration;

use crate::support::*;
use feishu_application::types::Lang;
use feishu_application::{BaseUrl, Client, Credentials, Error};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn fetches_the_token_with_the_app_credentials_and_sends_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(body_json(
            serde_json::json!({"app_id": APP_ID, "app_secret": APP_SECRET}),
        ))
        .respond_with(token_answer(TOKEN, 7200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ok(version_data()))
        .mount(&server)
        .await;
    let version = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    assert_eq!(version.version_id.as_deref(), Some("oav_1"));
}

#[tokio::test]
async fn caches_the_token_across_calls() {
    let server = server().await;
    answer_get_version(&server, ok(version_data())).await;
    let client = client(&server);
    for _ in 0..3 {
        client
            .get_app_version("cli_a", "oav_1", Lang::ZhCn)
            .await
            .unwrap();
    }
    assert_eq!(requests_to(&server, TOKEN_PATH).await, 1);
    assert_eq!(requests_to(&server, VERSION_PATH).await, 3);
}

// Paused time: the client's token clock is tokio's, so the test moves it instead of waiting.
#[tokio::test(start_paused = true)]
async fn refreshes_the_token_ahead_of_its_expiry() {
    let server = MockServer::start().await;
    // One-second tokens: with the refresh margin capped at half the lifetime, a token is
    // replaced 500 ms after it was fetched.
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer(TOKEN, 1))
        .mount(&server)
        .await;
    answer_get_version(&server, ok(version_data())).await;
    let client = paused_client(&server, fast_retry());
    client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    tokio::time::advance(Duration::from_millis(400)).await;
    client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    assert_eq!(
        requests_to(&server, TOKEN_PATH).await,
        1,
        "400 ms in, still fresh: reused"
    );
    tokio::time::advance(Duration::from_millis(200)).await; // past the refresh point at 500 ms
    client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    assert_eq!(
        requests_to(&server, TOKEN_PATH).await,
        2,
        "refreshed before expiry"
    );
}

#[tokio::test]
async fn concurrent_callers_share_one_token_fetch() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer(TOKEN, 7200).set_delay(Duration::from_millis(200)))
        .mount(&server)
        .await;
    answer_get_version(&server, ok(version_data())).await;
    let client = client(&server);
    let calls = (0..16).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.get_app_version("cli_a", "oav_1", Lang::ZhCn).await })
    });
    for call in futures::future::join_all(calls).await {
        call.unwrap().unwrap();
    }
    assert_eq!(requests_to(&server, TOKEN_PATH).await, 1);
    assert_eq!(requests_to(&server, VERSION_PATH).await, 16);
}

#[tokio::test]
async fn a_rejected_token_is_replaced_by_a_new_one_and_the_call_retried_once() {
    for rejection in [
        feishu_error(400, 99991663, "invalid access token"),
        feishu_error(200, 99991664, "invalid access token"),
        feishu_error(400, 99991671, "token format error"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(token_answer("t-old", 7200))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(token_answer("t-new", 7200))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(VERSION_PATH))
            .and(header("authorization", "Bearer t-old"))
            .respond_with(rejection)
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(VERSION_PATH))
            .and(header("authorization", "Bearer t-new"))
            .respond_with(ok(version_data()))
            .expect(1)
            .mount(&server)
            .await;
        client(&server)
            .get_app_version("cli_a", "oav_1", Lang::ZhCn)
            .await
            .unwrap();
        assert_eq!(requests_to(&server, TOKEN_PATH).await, 2);
    }
}

#[tokio::test]
async fn a_token_rejected_twice_is_an_error_after_one_retry() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(feishu_error(400, 99991663, "invalid access token"))
        .expect(2)
        .mount(&server)
        .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(99991663));
}

#[tokio::test]
async fn a_fixed_token_is_not_refreshed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .and(header("authorization", "Bearer t-fixed"))
        .respond_with(feishu_error(400, 99991663, "invalid access token"))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(Credentials::tenant_access_token("t-fixed"))
        .base_url(BaseUrl::Custom(server.uri()))
        .build()
        .unwrap();
    let error = client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(99991663));
    assert_eq!(requests_to(&server, TOKEN_PATH).await, 0);
}

#[tokio::test]
async fn a_token_endpoint_failure_is_its_own_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(feishu_error(200, 10014, "app secret invalid"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(ok(version_data()))
        .expect(0)
        .mount(&server)
        .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Token(_)), "{error:?}");
    assert_eq!(error.code(), Some(10014));
    assert_eq!(error.to_string(), "could not get a tenant access token");
    // The cause is the error's source, as `{:#}` of anyhow or any reporter prints it.
    let cause = std::error::Error::source(&error).unwrap().to_string();
    assert!(cause.contains("app secret invalid"), "{cause}");
}

#[tokio::test]
async fn a_token_answer_without_a_token_is_a_clear_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"code": 0, "msg": "ok"})),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    let cause = std::error::Error::source(&error).unwrap().to_string();
    assert!(cause.contains("no tenant_access_token"), "{cause}");
}
