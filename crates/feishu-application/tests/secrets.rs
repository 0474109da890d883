//! The app secret and the tokens never show in Debug, Display, logs or errors.

use crate::support::*;
use feishu_application::types::Lang;
use feishu_application::{Credentials, RetryPolicy, Secret};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

fn assert_no_secret(text: &str, what: &str) {
    for secret in [APP_SECRET, TOKEN, "t-new-token"] {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

#[tokio::test]
async fn secrets_stay_out_of_debug_errors_and_logs() {
    let (captured, _guard) = capture_logs();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer(TOKEN, 7200))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer("t-new-token", 7200))
        .mount(&server)
        .await;
    answer_get_version(&server, feishu_error(400, 99991663, "invalid access token")).await;
    let client = client_with(&server, RetryPolicy::none());
    let error = client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    let raw = client.raw().await.unwrap();

    assert_no_secret(&format!("{client:?}"), "Debug of Client");
    assert_no_secret(&format!("{raw:?}"), "Debug of the raw client");
    assert_no_secret(
        &format!("{:?}", Credentials::app(APP_ID, APP_SECRET)),
        "Debug of Credentials",
    );
    assert_no_secret(&format!("{:?}", Secret::new(TOKEN)), "Debug of Secret");
    assert_no_secret(&format!("{error:?}"), "Debug of the error");
    assert_no_secret(&error.to_string(), "Display of the error");

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("feishu_request"),
        "the spans were captured: {logs}"
    );
    assert!(logs.contains("operation=\"get_app_version\""), "{logs}");
    assert_no_secret(&logs, "the logs");
}
