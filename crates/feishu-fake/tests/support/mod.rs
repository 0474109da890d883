//! Helpers shared by the fake's integration tests: start a fake, get a token, send requests.
#![allow(dead_code)]

use feishu_fake::{Config, FakeHandle, Fixtures};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub(crate) const LIST: &str = "/open-apis/application/v6/applications/underauditlist";
pub(crate) const TOKEN: &str = "/open-apis/auth/v3/tenant_access_token/internal";

/// An answer: status, `X-Tt-Logid`, the other headers, body bytes and JSON.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: StatusCode,
    pub log_id: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

impl Answer {
    pub(crate) fn code(&self) -> i64 {
        self.json["code"]
            .as_i64()
            .expect("every answer has a numeric code")
    }

    /// Asserts an error envelope with this HTTP status and code, whose log id matches the header.
    pub(crate) fn assert_error(&self, status: u16, code: i64) -> &Self {
        assert_eq!(self.status.as_u16(), status, "{}", self.json);
        assert_eq!(self.code(), code, "{}", self.json);
        assert!(self.json["msg"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(
            self.json["error"]["log_id"].as_str(),
            self.log_id.as_deref(),
            "the body's log id is the header's"
        );
        self
    }

    pub(crate) fn msg(&self) -> &str {
        self.json["msg"].as_str().unwrap_or_default()
    }
}

/// A started fake with a client and a token of its first credential.
pub(crate) struct Env {
    pub fake: FakeHandle,
    pub http: reqwest::Client,
    pub token: String,
}

impl Env {
    pub(crate) async fn start(config: Config) -> Self {
        let fake = feishu_fake::start(config).await.expect("the fake starts");
        let http = reqwest::Client::new();
        let credential = fake.credential().clone();
        let mut env = Self {
            fake,
            http,
            token: String::new(),
        };
        env.token = env
            .token_for(&credential.app_id, &credential.app_secret)
            .await;
        env
    }

    pub(crate) async fn default() -> Self {
        Self::start(Config::default()).await
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.fake.base_url())
    }

    pub(crate) async fn token_for(&self, app_id: &str, app_secret: &str) -> String {
        let answer = self
            .send(
                Method::POST,
                TOKEN,
                None,
                Some(serde_json::json!({"app_id": app_id, "app_secret": app_secret})),
            )
            .await;
        assert_eq!(answer.code(), 0, "{}", answer.json);
        answer.json["tenant_access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Sends a request with an optional bearer token and an optional JSON body.
    pub(crate) async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        answer(request.send().await.expect("the fake answers")).await
    }

    /// GET with the env's token.
    pub(crate) async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, Some(&self.token), None).await
    }

    /// PATCH with the env's token.
    pub(crate) async fn patch(&self, path: &str, body: Value) -> Answer {
        self.send(Method::PATCH, path, Some(&self.token), Some(body))
            .await
    }

    /// Every pending app, following page tokens, with `token`.
    pub(crate) async fn all_pending(&self, lang: &str, page_size: usize) -> Vec<Value> {
        let mut items = Vec::new();
        let mut page_token = String::new();
        loop {
            let answer = self
                .get(&format!(
                    "{LIST}?lang={lang}&page_size={page_size}&page_token={page_token}"
                ))
                .await;
            assert_eq!(answer.code(), 0, "{}", answer.json);
            let data = &answer.json["data"];
            items.extend(data["items"].as_array().cloned().unwrap_or_default());
            if data["has_more"] == Value::Bool(true) {
                page_token = data["page_token"]
                    .as_str()
                    .expect("has_more comes with a page_token")
                    .to_owned();
            } else {
                assert!(
                    data.get("page_token").is_none(),
                    "no page_token on the last page"
                );
                return items;
            }
        }
    }

    pub(crate) fn snapshot(&self) -> Fixtures {
        self.fake.state().snapshot()
    }
}

pub(crate) async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let log_id = headers
        .get("x-tt-logid")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response.bytes().await.expect("a body").to_vec();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "the body is JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    Answer {
        status,
        log_id,
        headers,
        bytes,
        json,
    }
}

pub(crate) fn version_path(app_id: &str, version_id: &str) -> String {
    format!("/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}")
}

/// `(app_id, version_id)` of the first `n` pending apps of the tenant.
pub(crate) fn pending(fixtures: &Fixtures, n: usize) -> Vec<(String, String)> {
    fixtures
        .apps
        .iter()
        .filter_map(|a| {
            Some((
                a.application.app_id.clone()?,
                a.application.unaudit_version_id.clone()?,
            ))
        })
        .take(n)
        .collect()
}
