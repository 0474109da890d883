//! Forwarding one request to the upstream unchanged (minus hop-by-hop headers) and reading
//! its answer whole, so the client gets it byte for byte.

use std::time::Duration;

use axum::body::Bytes;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The upstream: a base URL and the HTTP client that talks to it.
#[derive(Debug, Clone)]
pub(crate) struct Upstream {
    base: String,
    http: reqwest::Client,
}

/// What the upstream answered, read whole.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// Why the upstream gave no answer; the client gets [`Failure::response`] instead.
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    message: String,
}

impl Upstream {
    /// An upstream at `base` (`http://` or `https://`, a trailing `/` ignored).
    pub(crate) fn new(base: &str, timeout: Duration) -> anyhow::Result<Self> {
        let url = reqwest::Url::parse(base)
            .map_err(|e| anyhow::anyhow!("--upstream {base:?} is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") || url.query().is_some() {
            anyhow::bail!(
                "--upstream {base:?} must be an http:// or https:// base URL without a query"
            );
        }
        let http = reqwest::Client::builder()
            // The client sees redirects itself; the proxy never follows them for it.
            .redirect(reqwest::redirect::Policy::none())
            // Forward to the upstream named, never through an HTTP(S)_PROXY of the environment.
            .no_proxy()
            .connect_timeout(timeout)
            .timeout(timeout)
            .build()?;
        Ok(Self {
            base: base.trim_end_matches('/').to_owned(),
            http,
        })
    }

    /// The base URL, as given without a trailing `/`.
    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// Sends the request to the upstream and reads its answer whole.
    pub(crate) async fn forward(
        &self,
        method: Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<Answer, Failure> {
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        let mut outgoing = end_to_end(headers);
        // reqwest sets both from the URL and the body.
        outgoing.remove(HOST);
        outgoing.remove(CONTENT_LENGTH);
        let response = self
            .http
            .request(method, format!("{}{path}", self.base))
            .headers(outgoing)
            .body(body)
            .send()
            .await
            .map_err(|e| self.failure(&e))?;
        let status = response.status();
        let headers = end_to_end(response.headers());
        let body = response.bytes().await.map_err(|e| self.failure(&e))?;
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    fn failure(&self, error: &reqwest::Error) -> Failure {
        let (status, what) = if error.is_timeout() {
            (StatusCode::GATEWAY_TIMEOUT, "timed out")
        } else if error.is_connect() {
            (StatusCode::BAD_GATEWAY, "unreachable")
        } else {
            (StatusCode::BAD_GATEWAY, "failed")
        };
        Failure {
            status,
            message: format!("upstream {} {what}: {}", self.base, cause(error)),
        }
    }
}

impl Answer {
    /// The answer for the client: status, end-to-end headers and body as received.
    pub(crate) fn response(&self) -> Response {
        let mut response = Response::new(axum::body::Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }

    /// The log id: the `X-Tt-Logid` header, else the error envelope's `error.log_id`.
    pub(crate) fn log_id(&self, parsed: Option<&serde_json::Value>) -> Option<String> {
        self.headers
            .get(feishu_application::headers::LOG_ID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| {
                parsed?
                    .pointer("/error/log_id")?
                    .as_str()
                    .map(str::to_owned)
            })
    }

    /// The `Content-Type`, for messages.
    pub(crate) fn content_type(&self) -> &str {
        self.headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
    }
}

impl Failure {
    /// A failure the proxy itself answers with `status`.
    pub(crate) fn new(status: StatusCode, message: String) -> Self {
        Self { status, message }
    }

    /// What went wrong, in one line.
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    /// The answer to the client: `status` and a JSON body saying what went wrong, in
    /// Feishu's envelope so that clients show the message.
    pub(crate) fn response(&self) -> Response {
        let body = json!({
            "code": -1,
            "msg": format!("feishu-review proxy: {}", self.message),
        });
        (
            self.status,
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            body.to_string(),
        )
            .into_response()
    }
}

/// The innermost cause of an error (`Connection refused (os error 111)`), which says more
/// than reqwest's outer "error sending request".
fn cause(error: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

/// The headers minus the hop-by-hop ones (RFC 9110 §7.6.1), including those the
/// `Connection` header names.
fn end_to_end(headers: &HeaderMap) -> HeaderMap {
    const HOP_BY_HOP: [&str; 8] = [
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
    ];
    let named: Vec<HeaderName> = headers
        .get_all("connection")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    let mut kept = headers.clone();
    for name in HOP_BY_HOP.iter().copied().chain(["upgrade"]) {
        kept.remove(name);
    }
    for name in named {
        kept.remove(name);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hop_by_hop_headers_and_those_connection_names_are_dropped() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "connection",
            HeaderValue::from_static("keep-alive, x-private"),
        );
        headers.insert("keep-alive", HeaderValue::from_static("timeout=5"));
        headers.insert("x-private", HeaderValue::from_static("1"));
        headers.insert("transfer-encoding", HeaderValue::from_static("chunked"));
        headers.insert("authorization", HeaderValue::from_static("Bearer t-1"));
        headers.insert("x-tt-logid", HeaderValue::from_static("abc"));
        let kept = end_to_end(&headers);
        let mut names: Vec<_> = kept.keys().map(HeaderName::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, ["authorization", "x-tt-logid"]);
    }

    #[test]
    fn an_upstream_must_be_an_http_base_url() {
        let timeout = Duration::from_secs(1);
        assert!(Upstream::new("ftp://example.com", timeout).is_err());
        assert!(Upstream::new("not a url", timeout).is_err());
        assert!(Upstream::new("http://example.com/?x=1", timeout).is_err());
        let upstream = Upstream::new("https://open.feishu.cn/", timeout).unwrap();
        assert_eq!(upstream.base(), "https://open.feishu.cn");
    }
}
