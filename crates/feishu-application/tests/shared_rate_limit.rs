//! A rate limit seen by one call holds every call of the client until the window resets.
//!
//! On tokio's paused clock ([`paused_client`]): the waits are exact and cost no real time, so
//! "waited for the reset" and "did not wait" are measured, not guessed from the wall clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::support::*;
use feishu_application::RetryPolicy;
use feishu_application::types::Lang;
use tokio::time::Instant;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// The reset the policy caps Feishu's `x-ogw-ratelimit-reset: 30` to.
const WAIT: Duration = Duration::from_millis(300);

/// The paused clock's timer may round a wait up to the next millisecond.
const TICK: Duration = Duration::from_millis(1);

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

#[tokio::test(start_paused = true)]
async fn a_call_after_a_refused_one_waits_for_the_reset_and_clones_share_it() {
    let server = server().await;
    limited_once(&server).await;
    let client = paused_client(&server, policy(0));
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
    assert!((WAIT..=WAIT + TICK).contains(&waited), "{waited:?}");
    assert_eq!(requests_to(&server, VERSION_PATH).await, 2);
}

#[tokio::test(start_paused = true)]
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
    // Both clients would honour an hour-long reset, so a shared wait could not go unnoticed:
    // on the paused clock it would show as an hour gone, at no real cost.
    let hour = RetryPolicy::default()
        .max_retries(0)
        .max_rate_limit_wait(Duration::from_secs(3600));
    let limited = paused_client(&server, hour.clone());
    assert!(
        limited
            .get_app_version("cli_a", "oav_1", Lang::ZhCn)
            .await
            .is_err()
    );
    let before = Instant::now();
    paused_client(&server, hour)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .expect("the other client is not refused");
    assert_eq!(
        before.elapsed(),
        Duration::ZERO,
        "the other client sent without waiting for the first one's reset"
    );
    // The first client still waits: the reset is its own.
    let before = Instant::now();
    limited
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    assert!(before.elapsed() >= Duration::from_secs(3600));
    assert_eq!(requests_to(&server, VERSION_PATH).await, 3);
}

/// Refuses every request until the test opens the window, as a window used up at once would.
struct Window(Arc<AtomicBool>);

impl wiremock::Respond for Window {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        match self.0.load(Ordering::SeqCst) {
            false => {
                feishu_error(429, 99991400, "limited").insert_header("x-ogw-ratelimit-reset", "30")
            }
            true => ok(version_data()),
        }
    }
}

#[tokio::test(start_paused = true)]
async fn concurrent_calls_after_a_refusal_all_wait_and_none_is_refused() {
    let server = server().await;
    let open = Arc::new(AtomicBool::new(false));
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(Window(Arc::clone(&open)))
        .mount(&server)
        .await;
    // No retries: a call the limit refuses fails, so every success below was never refused.
    let client = paused_client(&server, policy(0));
    let refused = client.get_app_version("cli_a", "oav_1", Lang::ZhCn).await;
    assert_eq!(refused.unwrap_err().code(), Some(99991400));
    let refused_at = Instant::now();
    // The window opens a tick before the reset the client waits for: a call that sent any
    // earlier is refused and fails.
    let opener = tokio::spawn(async move {
        tokio::time::sleep(WAIT - TICK).await;
        open.store(true, Ordering::SeqCst);
    });
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_app_version("cli_a", "oav_1", Lang::ZhCn).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    opener.await.unwrap();
    assert!(refused_at.elapsed() >= WAIT, "{:?}", refused_at.elapsed());
    assert_eq!(
        requests_to(&server, VERSION_PATH).await,
        9,
        "one refusal, then one request per call"
    );
}
