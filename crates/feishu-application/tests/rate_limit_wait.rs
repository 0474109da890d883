//! `ClientBuilder::on_rate_limit_wait`: the caller hears of each wait for a rate-limit window
//! before it starts (how long so far, how long now, the budget), and of none that does not
//! fit into `RetryPolicy::max_elapsed`. On tokio's paused clock: the waits cost no time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::*;
use feishu_application::types::Lang;
use feishu_application::{BaseUrl, Client, Credentials, RateLimitWait, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

/// Answers the version `times` times 429 / 99991400 with a reset in 2 s, then the version.
async fn limited(server: &MockServer, times: u64) {
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(
            feishu_error(429, 99991400, "request trigger frequency limit")
                .insert_header("x-ogw-ratelimit-reset", "2"),
        )
        .up_to_n_times(times)
        .mount(server)
        .await;
    answer_get_version(server, ok(version_data())).await;
}

/// A client on the paused clock (see `paused_client`) whose waits are collected.
fn client_telling(
    server: &MockServer,
    budget: Duration,
) -> (Client, Arc<Mutex<Vec<RateLimitWait>>>) {
    let told = Arc::new(Mutex::new(Vec::new()));
    let http = reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    let client = Client::builder(Credentials::app(APP_ID, APP_SECRET))
        .base_url(BaseUrl::Custom(server.uri()))
        .http_client(http)
        .retry_policy(RetryPolicy::default().max_elapsed(budget))
        .on_rate_limit_wait({
            let told = Arc::clone(&told);
            move |wait| told.lock().unwrap().push(wait.clone())
        })
        .build()
        .unwrap();
    (client, told)
}

#[tokio::test(start_paused = true)]
async fn each_wait_is_told_before_it_starts_with_the_time_waited_so_far() {
    let server = server().await;
    limited(&server, 3).await;
    let (client, told) = client_telling(&server, Duration::from_secs(60));
    client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    let told = told.lock().unwrap().clone();
    let seen: Vec<(u64, u64)> = told
        .iter()
        .map(|wait| (wait.waited.as_secs(), wait.wait.as_secs()))
        .collect();
    assert_eq!(seen, [(0, 2), (2, 2), (4, 2)]);
    for wait in &told {
        assert_eq!(wait.operation, "get_app_version");
        assert_eq!(wait.budget, Duration::from_secs(60));
        assert_eq!(wait.code, Some(99991400));
    }
}

#[tokio::test(start_paused = true)]
async fn a_wait_past_the_budget_is_not_told_and_the_call_fails_with_the_rate_limit() {
    let server = server().await;
    limited(&server, 100).await;
    let (client, told) = client_telling(&server, Duration::from_secs(3));
    let error = client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(99991400));
    // At 0 s a wait of 2 s fits into 3 s; at 2 s another would end at 4 s: not started.
    let told = told.lock().unwrap().clone();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(requests_to(&server, VERSION_PATH).await, 2);
}
