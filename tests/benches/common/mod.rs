//! Shared by the workspace benches: a tenant with many pending apps, and the two ways of
//! listing them (our client; bare reqwest + serde into the same generated types).

use feishu_application::types::{Application, ListUnderAuditAppsResponse};
use feishu_application::{Client, Credentials};
use feishu_fake::{Fixtures, seed};
use futures::TryStreamExt as _;
use serde_json::{Value, json};

/// Largest page Feishu serves; both listings use it.
pub(crate) const PAGE_SIZE: u32 = 50;

/// Every pending app through our client (`page_size(50).items()`), collected.
pub(crate) async fn list_with_client(client: &Client) -> Vec<Application> {
    client
        .list_under_audit_apps(feishu_application::types::Lang::EnUs)
        .page_size(PAGE_SIZE)
        .items()
        .try_collect()
        .await
        .expect("our client lists every page")
}

/// Our client for `base_url`, sharing `http` (connection pool) when given.
pub(crate) fn client(
    base_url: &str,
    app_id: &str,
    app_secret: &str,
    http: Option<reqwest::Client>,
) -> Client {
    let mut builder = Client::builder(Credentials::app(app_id, app_secret)).base_url(base_url);
    if let Some(http) = http {
        builder = builder.http_client(http);
    }
    builder.build().expect("client builds")
}

/// The same requests with bare reqwest: one token request, then every page, each body decoded
/// with `serde_json::from_slice` into the generated response type, items collected.
pub(crate) async fn list_with_bare_reqwest(
    http: &reqwest::Client,
    base_url: &str,
    app_id: &str,
    app_secret: &str,
) -> Vec<Application> {
    let token: Value = http
        .post(format!(
            "{base_url}/open-apis/auth/v3/tenant_access_token/internal"
        ))
        .json(&json!({"app_id": app_id, "app_secret": app_secret}))
        .send()
        .await
        .expect("token request")
        .json()
        .await
        .expect("token JSON");
    let token = token["tenant_access_token"]
        .as_str()
        .expect("a tenant_access_token")
        .to_owned();
    let url = format!("{base_url}/open-apis/application/v6/applications/underauditlist");
    let page_size = PAGE_SIZE.to_string();
    let mut items = Vec::new();
    let mut page_token: Option<String> = None;
    loop {
        let mut request = http
            .get(&url)
            .bearer_auth(&token)
            .query(&[("lang", "en_us"), ("page_size", page_size.as_str())]);
        if let Some(page_token) = &page_token {
            request = request.query(&[("page_token", page_token)]);
        }
        let bytes = request
            .send()
            .await
            .expect("page request")
            .bytes()
            .await
            .expect("page body");
        let page: ListUnderAuditAppsResponse =
            serde_json::from_slice(&bytes).expect("page decodes");
        assert_eq!(page.code, 0, "{}", page.msg);
        let Some(data) = page.data else { break };
        items.extend(data.items);
        match (data.has_more, data.page_token) {
            (Some(true), Some(next)) if !next.is_empty() => page_token = Some(next),
            _ => break,
        }
    }
    items
}

/// The seeded demo tenant with `pending` apps waiting for review (see [`seed::with_pending`]).
pub(crate) fn tenant_with_pending(pending: usize) -> Fixtures {
    let fixtures = seed::with_pending(pending);
    fixtures.check().expect("scaled tenant is consistent");
    fixtures
}
