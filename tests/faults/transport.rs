//! Faults on the wire: silence, trickle, reset, close, refusal, truncation.

use std::time::Duration;

use feishu_application::{Error, TransportFault};
use serde_json::json;

use super::stand_in::Reply;
use super::{ATTEMPTS, TIMEOUT, answering, gave_up_after, list_error};

/// The transport fault inside a `GaveUp` after every attempt.
fn fault(error: &Error) -> (&TransportFault, Option<u16>) {
    match gave_up_after(error, ATTEMPTS) {
        Error::Transport { fault, status, .. } => (fault, *status),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_after_the_client_timeout() {
    let stand_in = answering(Reply::Silence).await;
    let (error, _) = list_error(&stand_in).await;
    assert_eq!(
        fault(&error),
        (&TransportFault::TimedOut(Some(TIMEOUT)), None)
    );
    assert!(
        error.to_string().contains("gave up after 4 attempts"),
        "{error}"
    );
    assert!(
        super::chain(&error).contains("timed out after 300 ms"),
        "{error}"
    );
    assert_eq!(stand_in.requests(), ATTEMPTS);
}

#[tokio::test]
async fn a_trickling_body_times_out_and_keeps_the_status() {
    let body = json!({"code": 0, "msg": "ok", "data": {"items": []}}).to_string();
    let stand_in = answering(Reply::Trickle(body, Duration::from_millis(100))).await;
    let (error, _) = list_error(&stand_in).await;
    assert_eq!(
        fault(&error),
        (&TransportFault::TimedOut(Some(TIMEOUT)), Some(200))
    );
    assert_eq!(error.status(), Some(200));
    let text = super::chain(&error);
    assert!(
        text.contains("timed out after 300 ms (HTTP 200 had arrived)"),
        "{text}"
    );
    assert_eq!(stand_in.requests(), ATTEMPTS);
}

#[tokio::test]
async fn a_reset_connection_is_named() {
    let stand_in = answering(Reply::Reset).await;
    let (error, _) = list_error(&stand_in).await;
    assert_eq!(fault(&error), (&TransportFault::Reset, None));
    assert!(super::chain(&error).contains("connection reset"), "{error}");
    assert_eq!(stand_in.requests(), ATTEMPTS);
}

#[tokio::test]
async fn a_connection_closed_before_the_answer_is_named() {
    let stand_in = answering(Reply::Close).await;
    let (error, _) = list_error(&stand_in).await;
    assert_eq!(fault(&error), (&TransportFault::Closed, None));
    assert!(
        super::chain(&error).contains("connection closed before the answer"),
        "{error}"
    );
    assert_eq!(stand_in.requests(), ATTEMPTS);
}

#[tokio::test]
async fn a_refused_connection_is_named() {
    // A port that was just free: nothing listens there now.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = feishu_application::Client::builder(feishu_application::Credentials::app(
        "cli_marker",
        super::SECRET,
    ))
    .base_url(format!("http://{addr}"))
    .timeout(TIMEOUT)
    .retry_policy(
        feishu_application::RetryPolicy::default()
            .initial_backoff(Duration::from_millis(1))
            .max_backoff(Duration::from_millis(5)),
    )
    .build()
    .unwrap();
    let error = client
        .list_under_audit_apps(feishu_application::types::Lang::EnUs)
        .send()
        .await
        .unwrap_err();
    super::assert_no_secret(&error);
    let Error::Token(inner) = &error else {
        panic!("the token request is the first to fail: {error:?}");
    };
    assert_eq!(fault(inner), (&TransportFault::Refused, None));
    assert!(
        super::chain(&error).contains("connection refused"),
        "{error}"
    );
}

#[tokio::test]
async fn a_body_cut_short_after_200_says_how_much_came() {
    let body = json!({"code": 0, "msg": "ok", "data": {"items": [], "has_more": false}});
    let stand_in = answering(Reply::CutShort(body.to_string(), 10)).await;
    let (error, _) = list_error(&stand_in).await;
    let expected = body.to_string().len() as u64;
    assert_eq!(
        fault(&error),
        (
            &TransportFault::CutShort {
                status: 200,
                got: 10,
                expected: Some(expected),
            },
            Some(200)
        )
    );
    let text = super::chain(&error);
    let words = format!("body cut short after HTTP 200 (got 10 of {expected} bytes)");
    assert!(text.contains(&words), "{text}");
    assert_eq!(error.status(), Some(200));
    assert_eq!(stand_in.requests(), ATTEMPTS);
}
