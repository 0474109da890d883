//! `feishu-review proxy` as a process of the one harness ([`Running`]), and plain HTTP calls.

use std::cell::RefCell;
use std::process::ExitStatus;

use super::running::{Running, Stream, finish};

pub(crate) const TOKEN: &str = "/open-apis/auth/v3/tenant_access_token/internal";
pub(crate) const LIST: &str = "/open-apis/application/v6/applications/underauditlist";

/// `feishu-review proxy` running; killed on drop if still running.
pub(crate) struct Proxy {
    /// In a `RefCell` so that reading the next line (which moves a cursor) takes `&self`.
    running: RefCell<Running>,
    pub(crate) url: String,
}

impl Proxy {
    /// Starts `feishu-review proxy --upstream UPSTREAM ARGS...` and waits for its address.
    pub(crate) fn start(upstream: &str, args: &[&str]) -> Self {
        let mut running = Running::cli(&[&["proxy", "--upstream", upstream], args].concat());
        let url = running.listening_url();
        let proxy = Self {
            running: RefCell::new(running),
            url,
        };
        let banner = proxy.stderr_line();
        assert!(banner.starts_with("proxy: forwarding to"), "{banner}");
        proxy
    }

    /// The next line on stderr (a report per checked answer).
    pub(crate) fn stderr_line(&self) -> String {
        self.running.borrow_mut().next_line(Stream::Stderr)
    }

    /// The next stderr line, parsed as a JSON report.
    pub(crate) fn report(&self) -> serde_json::Value {
        let line = self.stderr_line();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
    }

    /// Sends SIGTERM; returns the exit status and the rest of stdout (after the address).
    pub(crate) fn terminate(self) -> (ExitStatus, String) {
        let running = self.running.into_inner();
        running.signal("TERM");
        let output = finish(running);
        let stdout = String::from_utf8_lossy(&output.stdout);
        // The first line is the address `start` read.
        (
            output.status,
            stdout.lines().skip(1).collect::<Vec<_>>().join("\n"),
        )
    }
}

/// An answer as bytes.
pub(crate) struct Raw {
    pub(crate) status: u16,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Raw {
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub(crate) async fn send(request: reqwest::RequestBuilder) -> Raw {
    let response = request.send().await.expect("an answer");
    Raw {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.bytes().await.expect("a body").to_vec(),
    }
}

/// The tenant access token answer of the fake's default app, from `base`.
pub(crate) async fn token(http: &reqwest::Client, base: &str) -> Raw {
    send(
        http.post(format!("{base}{TOKEN}"))
            .json(&serde_json::json!({
                "app_id": feishu_fake::DEFAULT_APP_ID,
                "app_secret": feishu_fake::DEFAULT_APP_SECRET,
            })),
    )
    .await
}

pub(crate) fn version_path(app_id: &str, version_id: &str) -> String {
    format!("/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}")
}
