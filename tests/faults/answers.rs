//! Answers that arrive whole but are wrong: HTML, broken JSON, wrong types, error codes on
//! HTTP 200, server errors and rate limits that never end.

use std::time::Duration;

use feishu_application::Error;
use serde_json::json;

use super::stand_in::{Reply, StandIn};
use super::{ATTEMPTS, answering, gave_up_after, list_error};

fn rate_limited(reset: &str) -> Reply {
    let body = json!({"code": 99991400, "msg": "request trigger frequency limit"}).to_string();
    Reply::Answer(
        429,
        vec![
            ("x-ogw-ratelimit-limit", "5".to_owned()),
            ("x-ogw-ratelimit-reset", reset.to_owned()),
        ],
        body,
    )
}

/// A decode error with this status whose message names `reason`.
fn assert_decode(error: &Error, status: u16, reason: &str) {
    let Error::Decode {
        status: got,
        reason: why,
        ..
    } = error
    else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(*got, status, "{error}");
    assert!(why.contains(reason), "{error}");
    assert!(
        error.to_string().contains(&format!("HTTP {status}")),
        "{error}"
    );
}

#[tokio::test]
async fn an_html_502_is_retried_then_reported_with_its_status_and_body() {
    let page = "<html><body>502 Bad Gateway</body></html>".to_owned();
    let html = vec![("content-type", "text/html".to_owned())];
    let stand_in = answering(Reply::Answer(502, html, page)).await;
    let (error, _) = list_error(&stand_in).await;
    let last = gave_up_after(&error, ATTEMPTS);
    assert_decode(last, 502, "");
    assert!(last.to_string().contains("502 Bad Gateway"), "{last}");
    assert_eq!(stand_in.requests(), ATTEMPTS);
}

#[tokio::test]
async fn invalid_json_on_200_is_a_decode_error_not_retried() {
    let stand_in = answering(Reply::Answer(200, vec![], "{\"code\":0,\"data\":".into())).await;
    let (error, _) = list_error(&stand_in).await;
    assert_decode(&error, 200, "EOF");
    assert_eq!(stand_in.requests(), 1);
}

#[tokio::test]
async fn wrong_types_are_a_decode_error_naming_the_type() {
    let body = json!({"code": 0, "msg": "ok", "data": {"items": "none", "has_more": "yes"}});
    let stand_in = answering(Reply::json(body)).await;
    let (error, _) = list_error(&stand_in).await;
    assert_decode(&error, 200, "invalid type");
    assert_eq!(stand_in.requests(), 1);
}

#[tokio::test]
async fn an_error_code_on_http_200_is_an_error() {
    let body =
        json!({"code": 99991672, "msg": "Access denied. One of the following scopes is required"});
    let stand_in = answering(Reply::json(body)).await;
    let (error, _) = list_error(&stand_in).await;
    assert_eq!(error.code(), Some(99991672), "{error}");
    assert_eq!(error.status(), Some(200));
    assert!(
        error
            .to_string()
            .contains("Feishu error 99991672 (HTTP 200)"),
        "{error}"
    );
    assert_eq!(stand_in.requests(), 1);
}

#[tokio::test]
async fn a_500_forever_gives_up_after_the_retries() {
    let body = json!({"code": 2200, "msg": "internal error"}).to_string();
    let stand_in = answering(Reply::Answer(500, vec![], body)).await;
    let (error, _) = list_error(&stand_in).await;
    let last = gave_up_after(&error, ATTEMPTS);
    assert_eq!(last.code(), Some(2200));
    assert_eq!(error.status(), Some(500));
    assert_eq!(stand_in.requests(), ATTEMPTS);
}

#[tokio::test]
async fn a_429_forever_gives_up_after_the_retries() {
    let stand_in = answering(rate_limited("0")).await;
    let (error, _) = list_error(&stand_in).await;
    assert_eq!(gave_up_after(&error, ATTEMPTS).code(), Some(99991400));
    assert_eq!(error.status(), Some(429));
    assert_eq!(stand_in.requests(), ATTEMPTS);
}

/// A reset far in the future is capped by `max_rate_limit_wait` (50 ms here): the waits take
/// 50 ms each instead of years, and since a reset is no fault they go on past the 3 retries
/// until `max_elapsed` (400 ms here) ends them.
#[tokio::test]
async fn a_429_with_a_huge_reset_waits_no_longer_than_the_cap() {
    let max_elapsed = Duration::from_millis(400);
    let cap = super::RATE_LIMIT_CAP;
    let most = usize::try_from(max_elapsed.as_millis() / cap.as_millis()).unwrap() + 1;
    for reset in [
        "99999999999",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let stand_in = answering(rate_limited(reset)).await;
        let policy = super::policy().max_elapsed(max_elapsed);
        let (error, elapsed) = super::list_error_with(&stand_in, policy).await;
        let Error::GaveUp { last, .. } = &error else {
            panic!("{reset}: {error:?}")
        };
        assert_eq!(last.code(), Some(99991400));
        assert!(elapsed < Duration::from_secs(2), "{reset}: {elapsed:?}");
        let requests = stand_in.requests();
        assert!(
            (ATTEMPTS + 1..=most).contains(&requests),
            "{reset}: {requests} requests, expected more than {ATTEMPTS} (waits are not \
             retries) and at most {most} (each waited the cap)"
        );
    }
}

#[tokio::test]
async fn a_429_with_a_non_numeric_reset_backs_off_instead() {
    for reset in ["soon", "-5", "1.5", ""] {
        let stand_in = answering(rate_limited(reset)).await;
        let (error, _) = list_error(&stand_in).await;
        assert_eq!(gave_up_after(&error, ATTEMPTS).code(), Some(99991400));
        assert_eq!(stand_in.requests(), ATTEMPTS, "{reset}");
    }
}

#[tokio::test]
async fn an_unknown_version_answer_with_secrets_in_it_is_redacted() {
    // A decode error quoting a body that carries a secret member. The page token beside it is
    // a cursor, not a secret (feishu_wire's one rule), so it may be quoted.
    let body = json!({"code": 0, "msg": "ok", "data": {"items": [{"app_id": 5}],
        "page_token": "cursor-2", "app_secret": super::SECRET}});
    let stand_in: StandIn = answering(Reply::json(body)).await;
    let (error, _) = list_error(&stand_in).await;
    assert_decode(&error, 200, "invalid type");
    assert!(error.to_string().contains("[redacted]"), "{error}");
}
