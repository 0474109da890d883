//! Listings that would never end: page tokens in a cycle, endless empty pages.

use feishu_application::{Error, MAX_CONSECUTIVE_EMPTY_PAGES};
use serde_json::json;

use super::stand_in::{Reply, Request, StandIn};
use super::{TOKEN_PATH, list_error, token_answer};

fn page(items: &[&str], next: &str) -> Reply {
    let items: Vec<_> = items
        .iter()
        .map(|id| json!({"app_id": id, "unaudit_version_id": format!("oav_{id}")}))
        .collect();
    Reply::json(json!({"code": 0, "msg": "ok",
        "data": {"items": items, "has_more": true, "page_token": next}}))
}

#[tokio::test]
async fn page_tokens_in_a_cycle_stop_the_listing() {
    // first page -> pt-a -> pt-b -> pt-a -> ...
    let stand_in = StandIn::start(|request: &Request| {
        let target = &request.target;
        if target.starts_with(TOKEN_PATH) {
            token_answer()
        } else if target.contains("page_token=pt-a") {
            page(&["b"], "pt-b")
        } else if target.contains("page_token=pt-b") {
            page(&["c"], "pt-a")
        } else {
            page(&["a"], "pt-a")
        }
    })
    .await;
    let (error, _) = list_error(&stand_in).await;
    assert!(
        matches!(
            error,
            Error::PageTokenStuck {
                page: 3,
                first_given_by: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        !error.to_string().contains("pt-"),
        "named by position: {error}"
    );
    assert_eq!(stand_in.requests(), 3);
}

#[tokio::test]
async fn endless_empty_pages_with_has_more_stop_the_listing() {
    let stand_in = StandIn::start(|request: &Request| {
        if request.target.starts_with(TOKEN_PATH) {
            token_answer()
        } else {
            page(&[], &format!("fresh-{}", request.nth))
        }
    })
    .await;
    let (error, _) = list_error(&stand_in).await;
    assert!(
        matches!(error, Error::EmptyPages { pages, .. } if pages == MAX_CONSECUTIVE_EMPTY_PAGES),
        "{error:?}"
    );
    assert_eq!(stand_in.requests(), MAX_CONSECUTIVE_EMPTY_PAGES as usize);
}

#[tokio::test]
async fn empty_pages_between_full_ones_are_followed() {
    // 9 empty pages, one app, 9 empty pages, the end: never 10 empty in a row.
    let stand_in = StandIn::start(|request: &Request| {
        if request.target.starts_with(TOKEN_PATH) {
            return token_answer();
        }
        let next = format!("p{}", request.nth + 1);
        match request.nth {
            9 => page(&["a"], &next),
            19 => Reply::json(
                json!({"code": 0, "msg": "ok", "data": {"items": [], "has_more": false}}),
            ),
            _ => page(&[], &next),
        }
    })
    .await;
    let apps: Vec<_> = futures::TryStreamExt::try_collect::<Vec<_>>(
        super::client(&stand_in, super::policy())
            .list_under_audit_apps(feishu_application::types::Lang::EnUs)
            .items(),
    )
    .await
    .unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(stand_in.requests(), 20);
}

#[tokio::test]
async fn a_failure_on_a_later_page_names_its_page_token_but_no_secret() {
    let stand_in = StandIn::start(|request: &Request| {
        if request.target.starts_with(TOKEN_PATH) {
            token_answer()
        } else if request.target.contains("page_token=") {
            Reply::Reset
        } else {
            page(&["a"], "cursor-2")
        }
    })
    .await;
    // `list_error` asserts that no secret is in the error, its sources or its Debug. The page
    // token is a cursor, not a secret: quoting it tells which page failed.
    let (error, _) = list_error(&stand_in).await;
    let text = super::chain(&error);
    assert!(text.contains("page_token=cursor-2"), "{text}");
    assert!(text.contains("connection reset"), "{text}");
}

#[tokio::test]
async fn the_contacts_range_listing_is_loop_safe_too() {
    // The live contacts range pages through the same guard: a token that comes back ends it.
    let stand_in = StandIn::start(|request: &Request| {
        if request.target.starts_with(TOKEN_PATH) {
            return token_answer();
        }
        let next = if request.target.contains("page_token=pt-a") {
            "pt-b"
        } else {
            "pt-a"
        };
        Reply::json(json!({"code": 0, "msg": "ok", "data": {
            "contacts_range": {"contacts_scope_type": "some", "visible_list": {"open_ids": ["ou_1"]}},
            "has_more": true, "page_token": next}}))
    })
    .await;
    let error = crate::faults::client(&stand_in, crate::faults::policy())
        .list_contacts_range_configuration("cli_a1")
        .range()
        .await
        .expect_err("the listing stops");
    assert!(
        matches!(
            error,
            Error::PageTokenStuck {
                operation: "list_contacts_range_configuration",
                page: 3,
                first_given_by: 1
            }
        ),
        "{error:?}"
    );
    assert_eq!(stand_in.requests(), 3);
}
