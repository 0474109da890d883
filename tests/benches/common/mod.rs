//! Shared by the workspace benches: a tenant with many pending apps, and the two ways of
//! listing them (our client; bare reqwest + serde into the same generated types).

use feishu_application::types::{Application, ListUnderAuditAppsResponse};
use feishu_application::{Client, Credentials};
use feishu_fake::{AppFixture, Fixtures, seed};
use futures::TryStreamExt as _;
use serde_json::{Value, json};

/// Largest page Feishu serves; both listings use it.
pub(crate) const PAGE_SIZE: u32 = 50;

/// The seeded demo tenant with its 48 pending apps replaced by `pending` copies of them, each
/// with its own app id and version ids. The other (non-pending) apps are kept.
pub(crate) fn tenant_with_pending(pending: usize) -> Fixtures {
    let base = seed::generate(feishu_fake::DEFAULT_SEED);
    let (templates, mut others): (Vec<AppFixture>, Vec<AppFixture>) = base
        .apps
        .into_iter()
        .partition(|app| app.application.unaudit_version_id.is_some());
    let mut apps = Vec::with_capacity(pending + others.len());
    for i in 0..pending {
        let mut app = templates[i % templates.len()].clone();
        let app_id = format!("cli_be{i:014x}");
        let renamed: Vec<(String, String)> = app
            .versions
            .iter()
            .enumerate()
            .map(|(j, v)| {
                let old = v.version_id.clone().unwrap_or_default();
                (old, format!("oav_{i:08x}{j:024x}"))
            })
            .collect();
        let rename = |id: &mut Option<String>| {
            if let Some(new) = renamed
                .iter()
                .find(|(old, _)| Some(old) == id.as_ref())
                .map(|(_, new)| new.clone())
            {
                *id = Some(new);
            }
        };
        rename(&mut app.application.unaudit_version_id);
        rename(&mut app.application.online_version_id);
        for version in &mut app.versions {
            rename(&mut version.version_id);
            version.app_id = Some(app_id.clone());
        }
        app.application.app_id = Some(app_id);
        apps.push(app);
    }
    apps.append(&mut others);
    let fixtures = Fixtures {
        users: base.users,
        apps,
    };
    fixtures.check().expect("scaled tenant is consistent");
    fixtures
}

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
