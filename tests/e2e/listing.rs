//! Listing through the typed client: every pending app across pages, and a token that
//! expires in the middle of the listing.

use std::collections::HashSet;
use std::time::Duration;

use feishu_application::types::Lang;
use feishu_application::{Error, RetryPolicy};
use feishu_fake::{Config, seed};
use futures::{StreamExt as _, TryStreamExt as _};

use super::support::typed;

#[tokio::test]
async fn items_follow_every_page_and_yield_each_pending_app_once() {
    let fake = feishu_fake::start(Config::default()).await.unwrap();
    let client = typed(&fake, RetryPolicy::none());

    let pages: Vec<_> = client
        .list_under_audit_apps(Lang::EnUs)
        .page_size(7)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), seed::PENDING_APPS.div_ceil(7));
    assert!(pages[..pages.len() - 1].iter().all(|p| p.items.len() == 7));
    assert_eq!(pages.last().unwrap().next_page_token, None);

    let items: Vec<_> = client
        .list_under_audit_apps(Lang::EnUs)
        .page_size(7)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), seed::PENDING_APPS);
    let ids: HashSet<_> = items.iter().map(|a| a.app_id.clone().unwrap()).collect();
    assert_eq!(ids.len(), items.len(), "no app twice across pages");
    assert!(items.iter().all(|a| a.unaudit_version_id.is_some()));
}

#[tokio::test]
async fn a_token_expiring_mid_listing_is_replaced_and_the_listing_goes_on() {
    let fake = feishu_fake::start(Config {
        token_ttl: Duration::from_secs(60),
        ..Config::default()
    })
    .await
    .unwrap();
    // No retries: only the token refresh may repeat a call.
    let client = typed(&fake, RetryPolicy::none());
    let mut pages = client
        .list_under_audit_apps(Lang::ZhCn)
        .page_size(10)
        .items()
        .boxed();
    let mut items = Vec::new();
    for _ in 0..20 {
        items.push(pages.try_next().await.unwrap().unwrap());
    }
    // Two pages in, the fake's clock passes the token's lifetime (the page token lives on).
    let first_token = client.raw().await.unwrap();
    fake.advance_clock(Duration::from_secs(61));
    let expired = first_token
        .list_under_audit_apps(&Lang::ZhCn, None, None, None)
        .await
        .expect_err("the first token has expired");
    assert_eq!(expired.status().map(|s| s.as_u16()), Some(400));

    while let Some(app) = pages.try_next().await.unwrap() {
        items.push(app);
    }
    assert_eq!(items.len(), seed::PENDING_APPS);
    let ids: HashSet<_> = items.iter().map(|a| a.app_id.clone().unwrap()).collect();
    assert_eq!(
        ids.len(),
        items.len(),
        "the page after the refresh continues, not restarts"
    );
}

#[tokio::test]
async fn a_page_size_out_of_range_fails_before_anything_is_sent() {
    let fake = feishu_fake::start(Config::default()).await.unwrap();
    let error = typed(&fake, RetryPolicy::none())
        .list_under_audit_apps(Lang::EnUs)
        .page_size(feishu_application::spec_facts::MAX_PAGE_SIZE + 1)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidArgument { .. }), "{error:?}");
}
