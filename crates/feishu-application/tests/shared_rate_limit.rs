//! A rate limit seen by one call holds every call of the client until the window resets.

use std::time::{Duration, Instant};

use crate::support::*;
use feishu_application::RetryPolicy;
use feishu_application::types::Lang;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// The reset the policy caps Feishu's `x-ogw-ratelimit-reset: 30` to.
const WAIT: Duration = Duration::from_millis(300);

async fn limited_once(server: &wiremock::MockServer) {
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(
            feishu_error(429, 99991400, "request trigger frequency limit")
                .insert_header("x-ogw-ratelimit-reset", "30"),
        )
        .up_to_n_times(1)
        .mount(server)
        .await;
    answer_get_version(server, ok(version_data())).await;
}

fn policy(max_retries: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(max_retries)
        .max_rate_limit_wait(WAIT)
}

#[tokio::test]
async fn a_call_after_a_refused_one_waits_for_the_reset_and_clones_share_it() {
    let server = server().await;
    limited_once(&server).await;
    let client = client_with(&server, policy(0));
    let refused = client.get_app_version("cli_a", "oav_1", Lang::ZhCn).await;
    assert_eq!(refused.unwrap_err().code(), Some(99991400));
    let refused_at = Instant::now();

    // Another call, through a clone: it waits for the same reset before it sends.
    client
        .clone()
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    let waited = refused_at.elapsed();
    assert!(waited >= WAIT - Duration::from_millis(20), "{waited:?}");
    assert!(waited < Duration::from_secs(30), "{waited:?}");
    assert_eq!(requests_to(&server, VERSION_PATH).await, 2);
}

#[tokio::test]
async fn another_client_does_not_wait() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(
            feishu_error(429, 99991400, "request trigger frequency limit")
                .insert_header("x-ogw-ratelimit-reset", "3600"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    answer_get_version(&server, ok(version_data())).await;
    // Both clients would honour an hour-long reset, so a shared wait could not go unnoticed.
    let hour = RetryPolicy::default()
        .max_retries(0)
        .max_rate_limit_wait(Duration::from_secs(3600));
    let limited = client_with(&server, hour.clone());
    assert!(
        limited
            .get_app_version("cli_a", "oav_1", Lang::ZhCn)
            .await
            .is_err()
    );
    let other = client_with(&server, hour).get_app_version("cli_a", "oav_1", Lang::ZhCn);
    // Not a speed bound: a client that shared the wait would sit for an hour, not a minute.
    tokio::time::timeout(Duration::from_secs(60), other)
        .await
        .expect("the other client sends without waiting for the first one's reset")
        .unwrap();
    assert_eq!(requests_to(&server, VERSION_PATH).await, 2);
}

/// Refuses every request for `WAIT` after the first one, as a window used up at once would.
struct Window(std::sync::Mutex<Option<Instant>>);

impl wiremock::Respond for Window {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let mut first = self.0.lock().unwrap();
        let first = *first.get_or_insert_with(Instant::now);
        match first.elapsed() < WAIT {
            true => {
                feishu_error(429, 99991400, "limited").insert_header("x-ogw-ratelimit-reset", "30")
            }
            false => ok(version_data()),
        }
    }
}

#[tokio::test]
async fn concurrent_calls_after_a_refusal_all_wait_and_none_is_refused() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(Window(std::sync::Mutex::new(None)))
        .mount(&server)
        .await;
    // No retries: a call the limit refuses fails, so every success below was never refused.
    let client = client_with(&server, policy(0));
    let refused = client.get_app_version("cli_a", "oav_1", Lang::ZhCn).await;
    assert_eq!(refused.unwrap_err().code(), Some(99991400));
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_app_version("cli_a", "oav_1", Lang::ZhCn).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(
        requests_to(&server, VERSION_PATH).await,
        9,
        "one refusal, then one request per call"
    );
}
