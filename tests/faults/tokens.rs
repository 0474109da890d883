//! Odd token answers: no token, a huge or string `expire`, a refusal, HTML.

use feishu_application::Error;
use feishu_application::types::Lang;
use futures::TryStreamExt as _;
use serde_json::json;

use super::stand_in::{Reply, Request, StandIn};
use super::{SECRET, TOKEN, TOKEN_PATH, assert_no_secret, client, policy};

/// A stand-in whose token endpoint answers `token` and whose listing is one empty page.
async fn with_token_answer(token: Reply) -> StandIn {
    StandIn::start(move |request: &Request| {
        if request.target.starts_with(TOKEN_PATH) {
            token.clone()
        } else {
            Reply::json(json!({"code": 0, "msg": "ok", "data": {"items": [], "has_more": false}}))
        }
    })
    .await
}

/// The token error of a listing against `stand_in`.
async fn token_error(stand_in: &StandIn) -> Error {
    let result: Result<Vec<_>, _> = client(stand_in, policy())
        .list_under_audit_apps(Lang::EnUs)
        .items()
        .try_collect()
        .await;
    let error = result.expect_err("no token, no listing");
    assert_no_secret(&error);
    assert!(matches!(error, Error::Token(_)), "{error:?}");
    assert_eq!(stand_in.requests(), 0, "nothing is sent without a token");
    error
}

#[tokio::test]
async fn an_answer_without_a_token_is_named() {
    let stand_in =
        with_token_answer(Reply::json(json!({"code": 0, "msg": "ok", "expire": 7200}))).await;
    let error = token_error(&stand_in).await;
    assert!(
        super::chain(&error).contains("no tenant_access_token"),
        "{error}"
    );
    assert_eq!(stand_in.token_requests(), 1);
}

#[tokio::test]
async fn a_huge_expire_is_capped_and_works() {
    let answer = json!({"code": 0, "msg": "ok", "tenant_access_token": TOKEN, "expire": i64::MAX});
    let stand_in = with_token_answer(Reply::json(answer)).await;
    let client = client(&stand_in, policy());
    for _ in 0..2 {
        let apps: Vec<_> = client
            .list_under_audit_apps(Lang::EnUs)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert!(apps.is_empty());
    }
    assert_eq!(stand_in.token_requests(), 1, "the token is cached");
    assert_eq!(stand_in.requests(), 2);
}

#[tokio::test]
async fn a_string_expire_is_a_decode_error_that_quotes_no_token() {
    let answer = json!({"code": 0, "msg": "ok", "tenant_access_token": TOKEN, "expire": "7200"});
    let stand_in = with_token_answer(Reply::json(answer)).await;
    let error = token_error(&stand_in).await;
    let text = super::chain(&error);
    assert!(text.contains("invalid type: string \"7200\""), "{text}");
    assert!(text.contains("[redacted]"), "{text}");
}

#[tokio::test]
async fn a_refused_app_secret_is_feishus_error() {
    let answer = json!({"code": 10003, "msg": "invalid param"});
    let stand_in = with_token_answer(Reply::json(answer)).await;
    let error = token_error(&stand_in).await;
    assert_eq!(error.code(), Some(10003), "{error}");
    assert_eq!(stand_in.token_requests(), 1, "a refusal is not retried");
    assert!(!super::chain(&error).contains(SECRET));
}

#[tokio::test]
async fn an_html_token_answer_is_a_decode_error() {
    let html = vec![("content-type", "text/html".to_owned())];
    let page = "<html>gateway</html>".to_owned();
    let stand_in = with_token_answer(Reply::Answer(200, html, page)).await;
    let error = token_error(&stand_in).await;
    assert!(
        super::chain(&error).contains("<html>gateway</html>"),
        "{error}"
    );
}
