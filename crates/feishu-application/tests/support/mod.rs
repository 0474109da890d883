//! Shared set-up for the wiremock tests: a mock Feishu and a client pointed at it.
#![allow(dead_code)]

mod logs;

pub(crate) use logs::capture_logs;

use std::time::Duration;

use feishu_application::{BaseUrl, Client, Credentials, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const APP_ID: &str = "cli_test_app";
pub(crate) const APP_SECRET: &str = "s3cret-app-secret-value";
pub(crate) const TOKEN: &str = "t-first-token-value";
pub(crate) const TOKEN_PATH: &str = "/open-apis/auth/v3/tenant_access_token/internal";
pub(crate) const LIST_PATH: &str = "/open-apis/application/v6/applications/underauditlist";
pub(crate) const VERSION_PATH: &str =
    "/open-apis/application/v6/applications/cli_a/app_versions/oav_1";

/// The retries of [`fast_retry`].
pub(crate) const FAST_RETRIES: u32 = 3;

/// Retries that do not slow tests down.
pub(crate) fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(FAST_RETRIES)
        .max_elapsed(Duration::from_secs(10))
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
        .max_rate_limit_wait(Duration::from_millis(50))
}

/// A client for tests on tokio's paused clock: its HTTP client has no timeout and no idle-pool
/// timer, so the clock only moves for the client's own waits (token refresh, backoff, rate
/// limits), never while a request waits on the mock server's thread.
pub(crate) fn paused_client(server: &MockServer, policy: RetryPolicy) -> Client {
    let http = reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    Client::builder(Credentials::app(APP_ID, APP_SECRET))
        .base_url(BaseUrl::Custom(server.uri()))
        .http_client(http)
        .retry_policy(policy)
        .build()
        .unwrap()
}

/// A client with app credentials for `server`, retrying quickly.
pub(crate) fn client(server: &MockServer) -> Client {
    client_with(server, fast_retry())
}

/// A client with app credentials for `server` and this retry policy.
pub(crate) fn client_with(server: &MockServer, policy: RetryPolicy) -> Client {
    Client::builder(Credentials::app(APP_ID, APP_SECRET))
        .base_url(BaseUrl::Custom(server.uri()))
        .retry_policy(policy)
        .build()
        .unwrap()
}

pub(crate) fn token_answer(token: &str, expire: i64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "code": 0, "msg": "ok", "tenant_access_token": token, "expire": expire
    }))
}

/// A mock Feishu whose token endpoint hands out [`TOKEN`] for two hours.
pub(crate) async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer(TOKEN, 7200))
        .mount(&server)
        .await;
    server
}

/// Answers every GET of [`VERSION_PATH`] with `response`.
pub(crate) async fn answer_get_version(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(response)
        .mount(server)
        .await;
}

pub(crate) fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"code": 0, "msg": "success", "data": data}))
}

pub(crate) fn feishu_error(status: u16, code: i64, msg: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"code": code, "msg": msg}))
}

pub(crate) fn version_data() -> Value {
    json!({"app_version": {"app_id": "cli_a", "version_id": "oav_1", "version": "1.0.0",
        "scopes": [{"scope": "contact:user.base", "level": 1, "token_types": ["tenant"]}]}})
}

pub(crate) async fn requests_to(server: &MockServer, wanted: &str) -> usize {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .filter(|request| request.url.path() == wanted)
        .count()
}
