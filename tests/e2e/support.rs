//! Building typed and raw clients for a fake.

use std::num::NonZeroU32;
use std::time::Duration;

use feishu_application::raw::{self, CallContext};
use feishu_application::types::{Application, ErrorResponse, Lang, TenantAccessTokenRequest};
use feishu_application::{BaseUrl, Client, Credentials, RetryPolicy};
use feishu_fake::FakeHandle;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

/// The typed client for the fake's first credential, with this retry policy.
pub(crate) fn typed(fake: &FakeHandle, retry: RetryPolicy) -> Client {
    let credential = fake.credential();
    Client::builder(Credentials::app(
        credential.app_id.as_str(),
        credential.app_secret.as_str(),
    ))
    .base_url(BaseUrl::Custom(fake.base_url()))
    .retry_policy(retry)
    .build()
    .expect("a client for the fake")
}

/// The typed client for the fake's first credential on tokio's paused clock, and its HTTP
/// client: no timeout and no idle-pool timer, so the clock moves only for the client's own
/// waits, never while a request waits for the fake.
pub(crate) fn paused_typed(fake: &FakeHandle, retry: RetryPolicy) -> (Client, reqwest::Client) {
    let http = reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .expect("an HTTP client");
    let credential = fake.credential();
    let client = Client::builder(Credentials::app(
        credential.app_id.as_str(),
        credential.app_secret.as_str(),
    ))
    .base_url(BaseUrl::Custom(fake.base_url()))
    .http_client(http.clone())
    .retry_policy(retry)
    .build()
    .expect("a client for the fake");
    (client, http)
}

/// Retries that keep tests fast: up to five, a few milliseconds apart.
pub(crate) fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(5)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(4))
}

/// A raw client that sends no token (for the token endpoint).
pub(crate) fn anonymous(fake: &FakeHandle) -> raw::Client {
    raw::Client::new_with_client(
        &fake.base_url(),
        reqwest::Client::new(),
        CallContext::anonymous(),
    )
}

/// A raw client that sends `Authorization: Bearer <token>` as a default header.
pub(crate) fn with_token(fake: &FakeHandle, token: &str) -> raw::Client {
    let mut headers = HeaderMap::new();
    let mut value =
        HeaderValue::try_from(format!("Bearer {token}")).expect("a token is a header value");
    value.set_sensitive(true);
    headers.insert(AUTHORIZATION, value);
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("a client");
    raw::Client::new_with_client(&fake.base_url(), http, CallContext::anonymous())
}

/// A fresh tenant access token for the fake's first credential.
pub(crate) async fn fetch_token(fake: &FakeHandle) -> String {
    let credential = fake.credential();
    let body = TenantAccessTokenRequest {
        app_id: credential.app_id.clone(),
        app_secret: credential.app_secret.clone(),
    };
    let answer = anonymous(fake)
        .get_tenant_access_token(&body)
        .await
        .expect("a token answer")
        .into_inner();
    assert_eq!(answer.code, 0, "{}", answer.msg);
    answer.tenant_access_token.expect("a token")
}

/// The Feishu error envelope of a failed call.
pub(crate) fn envelope(error: raw::RawError<ErrorResponse>) -> (u16, ErrorResponse) {
    match error {
        raw::RawError::ErrorResponse(answer) => (answer.status().as_u16(), answer.into_inner()),
        other => panic!("expected a Feishu error envelope, got {other}"),
    }
}

/// Every pending app, page by page.
pub(crate) async fn all_pending(
    client: &raw::Client,
    lang: Lang,
    page_size: u32,
) -> Vec<Application> {
    let mut items = Vec::new();
    let mut page_token: Option<String> = None;
    loop {
        let page = client
            .list_under_audit_apps(
                &lang,
                NonZeroU32::new(page_size),
                page_token.as_deref(),
                None,
            )
            .await
            .expect("a page")
            .into_inner();
        assert_eq!(page.code, 0, "{}", page.msg);
        let data = page.data.expect("a page has data");
        items.extend(data.items);
        match (data.has_more, data.page_token) {
            (Some(true), Some(next)) => page_token = Some(next),
            (Some(true), None) => panic!("has_more without a page_token"),
            (_, Some(_)) => panic!("a page_token on the last page"),
            (_, None) => return items,
        }
    }
}
