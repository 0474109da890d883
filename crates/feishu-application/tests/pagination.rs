//! `list_under_audit_apps` as pages and as a stream of items.

use crate::support::*;
use feishu_application::Error;
use feishu_application::spec_facts::{MAX_PAGE_SIZE, MIN_PAGE_SIZE};
use feishu_application::types::{Lang, UserIdType};
use futures::{StreamExt as _, TryStreamExt as _};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer};

fn apps(ids: &[&str]) -> Value {
    Value::Array(
        ids.iter()
            .map(|id| json!({"app_id": id, "unaudit_version_id": format!("oav_{id}")}))
            .collect(),
    )
}

async fn mount_page(server: &MockServer, token: Option<&str>, data: Value) {
    let mock = Mock::given(method("GET"))
        .and(path(LIST_PATH))
        .and(query_param("lang", "en_us"));
    let mock = match token {
        Some(token) => mock.and(query_param("page_token", token)),
        None => mock.and(query_param_is_missing("page_token")),
    };
    mock.respond_with(ok(data)).mount(server).await;
}

async fn app_ids(
    stream: impl futures::Stream<
        Item = feishu_application::Result<feishu_application::types::Application>,
    >,
) -> Vec<String> {
    stream
        .map_ok(|app| app.app_id.unwrap())
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn items_follow_three_pages() {
    let server = server().await;
    mount_page(
        &server,
        None,
        json!({"items": apps(&["a", "b"]), "has_more": true, "page_token": "p2"}),
    )
    .await;
    mount_page(
        &server,
        Some("p2"),
        json!({"items": apps(&["c", "d"]), "has_more": true, "page_token": "p3"}),
    )
    .await;
    mount_page(
        &server,
        Some("p3"),
        json!({"items": apps(&["e"]), "has_more": false}),
    )
    .await;
    let ids = app_ids(
        client(&server)
            .list_under_audit_apps(Lang::EnUs)
            .page_size(2)
            .items(),
    )
    .await;
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let requests = server.received_requests().await.unwrap();
    let list_requests: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path() == LIST_PATH)
        .collect();
    assert_eq!(list_requests.len(), 3);
    assert!(
        list_requests
            .iter()
            .all(|r| r.url.query().unwrap().contains("page_size=2"))
    );
}

#[tokio::test]
async fn an_empty_final_token_ends_the_stream_even_with_has_more() {
    let server = server().await;
    mount_page(
        &server,
        None,
        json!({"items": apps(&["a"]), "has_more": true, "page_token": "p2"}),
    )
    .await;
    mount_page(
        &server,
        Some("p2"),
        json!({"items": apps(&["b"]), "has_more": true, "page_token": ""}),
    )
    .await;
    let ids = app_ids(client(&server).list_under_audit_apps(Lang::EnUs).items()).await;
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(requests_to(&server, LIST_PATH).await, 2);
}

#[tokio::test]
async fn an_absent_token_or_data_ends_the_stream() {
    let server = server().await;
    mount_page(
        &server,
        None,
        json!({"items": apps(&["a"]), "has_more": true}),
    )
    .await;
    let pages: Vec<_> = client(&server)
        .list_under_audit_apps(Lang::EnUs)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].next_page_token, None);

    let empty = crate::support::server().await;
    mount_page(&empty, None, json!(null)).await;
    let ids = app_ids(client(&empty).list_under_audit_apps(Lang::EnUs).items()).await;
    assert!(ids.is_empty());
}

#[tokio::test]
async fn an_error_on_page_two_comes_after_the_items_of_page_one() {
    let server = server().await;
    mount_page(
        &server,
        None,
        json!({"items": apps(&["a", "b"]), "has_more": true, "page_token": "p2"}),
    )
    .await;
    Mock::given(method("GET"))
        .and(path(LIST_PATH))
        .and(query_param("page_token", "p2"))
        .respond_with(feishu_error(
            400,
            210500,
            "page_token does not exist or has expired",
        ))
        .mount(&server)
        .await;
    let results: Vec<_> = client(&server)
        .list_under_audit_apps(Lang::EnUs)
        .items()
        .collect()
        .await;
    assert_eq!(results.len(), 3, "two items, then the error, then the end");
    assert_eq!(results[0].as_ref().unwrap().app_id.as_deref(), Some("a"));
    assert_eq!(results[1].as_ref().unwrap().app_id.as_deref(), Some("b"));
    let error = results[2].as_ref().unwrap_err();
    assert_eq!(error.code(), Some(210500));
    assert!(error.api().unwrap().hint().unwrap().contains("2h"));
}

#[tokio::test]
async fn a_token_that_does_not_advance_stops_the_stream() {
    let server = server().await;
    mount_page(
        &server,
        None,
        json!({"items": apps(&["a"]), "has_more": true, "page_token": "same"}),
    )
    .await;
    mount_page(
        &server,
        Some("same"),
        json!({"items": apps(&["b"]), "has_more": true, "page_token": "same"}),
    )
    .await;
    let results: Vec<_> = client(&server)
        .list_under_audit_apps(Lang::EnUs)
        .items()
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    let error = results[2].as_ref().unwrap_err();
    assert!(
        matches!(
            error,
            Error::PageTokenStuck {
                page: 2,
                first_given_by: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.status(), None, "no made-up HTTP status");
    let message = error.to_string();
    assert!(
        message.contains("page 2 gives a next page_token that page 1 gave already"),
        "{message}"
    );
    assert!(
        !message.contains("same"),
        "names the token by position: {message}"
    );
}

#[tokio::test]
async fn page_size_out_of_range_is_refused_before_sending() {
    let server = MockServer::start().await; // no token endpoint: nothing may be sent
    for size in [0, MAX_PAGE_SIZE + 1, 1000] {
        let error = client(&server)
            .list_under_audit_apps(Lang::EnUs)
            .page_size(size)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidArgument { .. }), "{error:?}");
        assert!(
            error.to_string().contains(&format!(
                "page_size must be {MIN_PAGE_SIZE}..={MAX_PAGE_SIZE}"
            )),
            "{error}"
        );
        let first = client(&server)
            .list_under_audit_apps(Lang::EnUs)
            .page_size(size)
            .items()
            .next()
            .await;
        assert!(matches!(first, Some(Err(Error::InvalidArgument { .. }))));
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn one_page_at_a_time_with_its_token() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(LIST_PATH))
        .and(query_param("page_token", "p7"))
        .and(query_param("user_id_type", "union_id"))
        .respond_with(ok(
            json!({"items": apps(&["x"]), "has_more": true, "page_token": "p8"}),
        ))
        .mount(&server)
        .await;
    let page = client(&server)
        .list_under_audit_apps(Lang::EnUs)
        .page_token("p7")
        .user_id_type(UserIdType::UnionId)
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.next_page_token.as_deref(), Some("p8"));
}
