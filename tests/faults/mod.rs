//! The fault matrix: the client against a stand-in Feishu that misbehaves in every way we
//! have seen or can think of. Each case asserts the error (variant and the cause named in its
//! message), no secret in it, a bounded number of requests and, where time matters, a
//! generous upper bound on it. Client timeouts are small (300 ms) so nothing waits long.

mod answers;
mod pages;
mod stand_in;
mod tokens;
mod transport;

use std::time::{Duration, Instant};

use feishu_application::types::Lang;
use feishu_application::{Client, Credentials, Error, RetryPolicy};
use futures::TryStreamExt as _;
use serde_json::json;

use stand_in::{Reply, Request, StandIn};

/// Marker values: no error text may contain them.
const SECRET: &str = "MARKER-SECRET-b71f";
const TOKEN: &str = "t-MARKER-TOKEN-90ce";

const TOKEN_PATH: &str = "/open-apis/auth/v3/tenant_access_token/internal";
/// The client's timeout in these tests.
const TIMEOUT: Duration = Duration::from_millis(300);
/// Attempts the retry policy below allows: the first and 3 retries.
const ATTEMPTS: usize = 4;
/// Far above any case's expected duration (at most ~2 s), far below a 30 s default timeout.
const TIME_BOUND: Duration = Duration::from_secs(15);

/// The retry policy of these tests: fast backoffs, rate-limit waits capped at 50 ms.
fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(3)
        .max_elapsed(Duration::from_secs(10))
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(10))
        .max_rate_limit_wait(RATE_LIMIT_CAP)
}

/// The longest rate-limit wait of [`policy`].
const RATE_LIMIT_CAP: Duration = Duration::from_millis(50);

fn client(stand_in: &StandIn, policy: RetryPolicy) -> Client {
    Client::builder(Credentials::app("cli_marker", SECRET))
        .base_url(stand_in.base_url.as_str())
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .retry_policy(policy)
        .build()
        .unwrap()
}

/// A good token answer.
fn token_answer() -> Reply {
    Reply::json(json!({"code": 0, "msg": "ok", "tenant_access_token": TOKEN, "expire": 7200}))
}

/// A stand-in that gives tokens and answers every other request with `reply`.
async fn answering(reply: Reply) -> StandIn {
    StandIn::start(move |request: &Request| {
        if request.target.starts_with(TOKEN_PATH) {
            token_answer()
        } else {
            reply.clone()
        }
    })
    .await
}

/// Lists every pending app; the error, with how long it took.
async fn list_error(stand_in: &StandIn) -> (Error, Duration) {
    list_error_with(stand_in, policy()).await
}

/// [`list_error`] with another retry policy.
async fn list_error_with(stand_in: &StandIn, policy: RetryPolicy) -> (Error, Duration) {
    let started = Instant::now();
    let result: Result<Vec<_>, _> = client(stand_in, policy)
        .list_under_audit_apps(Lang::EnUs)
        .items()
        .try_collect()
        .await;
    let elapsed = started.elapsed();
    let error = result.expect_err("the listing fails");
    assert_no_secret(&error);
    assert!(elapsed < TIME_BOUND, "{elapsed:?}: {error}");
    (error, elapsed)
}

/// The error's text with its whole chain of sources, as the CLI prints it.
fn chain(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Neither the marker secret nor the marker token appears in any form of the error.
fn assert_no_secret(error: &Error) {
    for text in [chain(error), format!("{error:?}")] {
        assert!(!text.contains("MARKER"), "a secret leaked: {text}");
    }
}

/// The last failure inside a `GaveUp`, after exactly `attempts` attempts.
fn gave_up_after(error: &Error, attempts: usize) -> &Error {
    match error {
        Error::GaveUp {
            attempts: made,
            last,
            ..
        } => {
            assert_eq!(*made as usize, attempts, "{error}");
            let source = std::error::Error::source(error).map(ToString::to_string);
            assert_eq!(
                source,
                Some(last.to_string()),
                "GaveUp chains the last error"
            );
            last
        }
        other => panic!("expected GaveUp, got {other:?}"),
    }
}
