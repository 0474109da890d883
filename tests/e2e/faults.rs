//! Retries through the fake's injected server errors (HTTP 500, code 2200): the same seeded
//! faults stop a client without retries and not a client with them.

use feishu_application::types::Lang;
use feishu_application::{Client, RetryPolicy};
use feishu_fake::{Config, Faults, seed};
use futures::TryStreamExt as _;

use super::support::{quick_retries, typed};

/// A fake that answers this seeded fraction of application requests with HTTP 500 / 2200.
async fn flaky_fake() -> feishu_fake::FakeHandle {
    feishu_fake::start(Config {
        faults: Faults {
            server_error_rate: 0.3,
            seed: 3,
            ..Faults::default()
        },
        ..Config::default()
    })
    .await
    .unwrap()
}

/// Every pending (app, version), five a page.
async fn list_all(client: &Client) -> feishu_application::Result<Vec<(String, String)>> {
    client
        .list_under_audit_apps(Lang::EnUs)
        .page_size(5)
        .items()
        .map_ok(|app| (app.app_id.unwrap(), app.unaudit_version_id.unwrap()))
        .try_collect()
        .await
}

#[tokio::test]
async fn injected_server_errors_stop_a_client_that_does_not_retry() {
    let fake = flaky_fake().await;
    let error = list_all(&typed(&fake, RetryPolicy::none()))
        .await
        .expect_err("a 30% fault rate hits one of ten pages");
    assert_eq!(error.code(), Some(2200), "{error}");
    assert_eq!(error.status(), Some(500));
    assert!(error.log_id().is_some(), "{error}");
}

#[tokio::test]
async fn the_same_faults_are_retried_through_and_the_listing_completes() {
    let fake = flaky_fake().await;
    let client = typed(&fake, quick_retries());
    let apps = list_all(&client).await.unwrap();
    assert_eq!(apps.len(), seed::PENDING_APPS);
    // Reads of versions go through the same faults.
    for (app_id, version_id) in &apps {
        let version = client.get_app_version(app_id, version_id, Lang::EnUs).await;
        assert!(version.is_ok(), "{app_id}: {}", version.unwrap_err());
    }
    // More requests than calls: faults were met and retried through, not absent.
    let calls = 1 + seed::PENDING_APPS.div_ceil(5) + seed::PENDING_APPS;
    let sent = fake.state().requests_begun_so_far();
    assert!(
        sent > u64::try_from(calls).unwrap(),
        "{sent} requests for {calls} calls (a token, the pages, each version)"
    );
}
