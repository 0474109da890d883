//! Rate limits and transient faults are retried within a bounded budget.

use std::time::Duration;

use crate::support::*;
use feishu_application::types::Lang;
use feishu_application::{Error, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test(start_paused = true)]
async fn a_rate_limit_waits_for_the_reset_header_capped_then_retries() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(
            feishu_error(429, 99991400, "request trigger frequency limit")
                .insert_header("x-ogw-ratelimit-limit", "100")
                .insert_header("x-ogw-ratelimit-reset", "30"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    answer_get_version(&server, ok(version_data())).await;
    let started = tokio::time::Instant::now();
    paused_client(&server, fast_retry())
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    // Reset says 30 s; the policy caps the wait at 50 ms: on the paused clock it waited the
    // cap (tokio's timer may round up to the next millisecond), not 30 s and not nothing.
    let waited = started.elapsed();
    assert!(
        (Duration::from_millis(50)..=Duration::from_millis(51)).contains(&waited),
        "{waited:?}"
    );
    assert_eq!(requests_to(&server, VERSION_PATH).await, 2);
}

/// More refusals with a reset than `max_retries` allows faults: each is waited out, within
/// `max_elapsed`, and the call gets through; without the reset the same refusals give up.
#[tokio::test(start_paused = true)]
async fn refusals_that_say_when_to_come_back_do_not_use_up_the_retries() {
    let refusals = FAST_RETRIES + 3;
    let limited = server().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(
            feishu_error(429, 99991400, "request trigger frequency limit")
                .insert_header("x-ogw-ratelimit-reset", "1"),
        )
        .up_to_n_times(u64::from(refusals))
        .mount(&limited)
        .await;
    answer_get_version(&limited, ok(version_data())).await;
    paused_client(&limited, fast_retry())
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    assert_eq!(
        requests_to(&limited, VERSION_PATH).await,
        usize::try_from(refusals).unwrap() + 1
    );

    // The same refusals without a reset are faults: the budget of retries ends them.
    let without_reset = server().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(feishu_error(
            429,
            99991400,
            "request trigger frequency limit",
        ))
        .up_to_n_times(u64::from(refusals))
        .mount(&without_reset)
        .await;
    answer_get_version(&without_reset, ok(version_data())).await;
    let error = paused_client(&without_reset, fast_retry())
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::GaveUp { attempts, .. } if attempts == FAST_RETRIES + 1),
        "{error:?}"
    );
}

/// `RetryPolicy::none()` still means no retry, a refusal with a reset included.
#[tokio::test]
async fn no_retries_means_a_refusal_with_a_reset_fails_at_once() {
    let server = server().await;
    answer_get_version(
        &server,
        feishu_error(429, 99991400, "limited").insert_header("x-ogw-ratelimit-reset", "1"),
    )
    .await;
    let error = client_with(&server, RetryPolicy::none())
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(99991400));
    assert_eq!(requests_to(&server, VERSION_PATH).await, 1);
}

#[tokio::test]
async fn the_rate_limit_reset_is_reported_on_the_error() {
    let server = server().await;
    answer_get_version(
        &server,
        feishu_error(429, 99991400, "limited").insert_header("x-ogw-ratelimit-reset", "7"),
    )
    .await;
    let client = client_with(&server, RetryPolicy::none());
    let error = client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert_eq!(
        error.api().unwrap().retry_after,
        Some(Duration::from_secs(7))
    );
}

#[tokio::test]
async fn transient_faults_are_retried_until_success() {
    for fault in [
        feishu_error(503, 2200, "internal error"),
        feishu_error(200, 2200, "internal error"),
        ResponseTemplate::new(502).set_body_raw("<html>bad gateway</html>", "text/html"),
    ] {
        let server = server().await;
        Mock::given(method("GET"))
            .and(path(VERSION_PATH))
            .respond_with(fault)
            .up_to_n_times(2)
            .mount(&server)
            .await;
        answer_get_version(&server, ok(version_data())).await;
        client(&server)
            .get_app_version("cli_a", "oav_1", Lang::ZhCn)
            .await
            .unwrap();
        assert_eq!(requests_to(&server, VERSION_PATH).await, 3);
    }
}

#[tokio::test]
async fn patch_is_retried_too_because_setting_a_status_is_idempotent() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(VERSION_PATH))
        .respond_with(feishu_error(500, 2200, "internal error"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(VERSION_PATH))
        .respond_with(ok(serde_json::json!({})))
        .mount(&server)
        .await;
    client(&server)
        .approve("cli_a", "oav_1", "ou_1")
        .await
        .unwrap();
    assert_eq!(requests_to(&server, VERSION_PATH).await, 2);
}

#[tokio::test]
async fn the_retry_budget_is_bounded_and_the_error_says_so() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(feishu_error(500, 2200, "internal error"))
        .expect(4) // the first attempt and fast_retry's 3 retries
        .mount(&server)
        .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    let Error::GaveUp { attempts, last, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*attempts, 4);
    assert_eq!(last.code(), Some(2200));
    assert_eq!(
        error.code(),
        Some(2200),
        "the code is reachable through GaveUp"
    );
    assert!(
        error.to_string().contains("gave up after 4 attempts"),
        "{error}"
    );
}

#[tokio::test]
async fn the_time_budget_stops_retries_early() {
    let server = server().await;
    answer_get_version(
        &server,
        feishu_error(429, 99991400, "limited").insert_header("x-ogw-ratelimit-reset", "5"),
    )
    .await;
    let policy = fast_retry()
        .max_retries(10)
        .max_elapsed(Duration::from_millis(100))
        .max_rate_limit_wait(Duration::from_secs(5));
    let client = client_with(&server, policy);
    let error = client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    // A 5 s wait does not fit into a 100 ms budget: no retry at all.
    assert_eq!(error.code(), Some(99991400));
    assert_eq!(requests_to(&server, VERSION_PATH).await, 1);
}

#[tokio::test]
async fn business_errors_are_not_retried() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(feishu_error(400, 211002, "no such version_id"))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
}
