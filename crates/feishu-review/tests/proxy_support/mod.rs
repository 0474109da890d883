//! Helpers for the proxy tests: the proxy as a real process whose output lines arrive on
//! channels, and plain HTTP calls.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// A guard against a hung process, not a wait: every wait is for a line or an exit.
const PATIENCE: Duration = Duration::from_secs(60);

pub(crate) const TOKEN: &str = "/open-apis/auth/v3/tenant_access_token/internal";
pub(crate) const LIST: &str = "/open-apis/application/v6/applications/underauditlist";

/// `feishu-review proxy` running; killed on drop if still running.
pub(crate) struct Proxy {
    child: Child,
    pub(crate) url: String,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
}

impl Proxy {
    /// Starts `feishu-review proxy --upstream UPSTREAM ARGS...` and waits for its address.
    pub(crate) fn start(upstream: &str, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_feishu-review"))
            .args(["proxy", "--upstream", upstream])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("feishu-review starts");
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        let first = stdout.recv_timeout(PATIENCE).expect("a first stdout line");
        let url = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
            .to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let proxy = Self {
            child,
            url,
            stdout,
            stderr,
        };
        let banner = proxy.stderr_line();
        assert!(banner.starts_with("proxy: forwarding to"), "{banner}");
        proxy
    }

    /// The next line on stderr (a report per checked answer).
    pub(crate) fn stderr_line(&self) -> String {
        self.stderr
            .recv_timeout(PATIENCE)
            .expect("a stderr line from the proxy")
    }

    /// The next stderr line, parsed as a JSON report.
    pub(crate) fn report(&self) -> serde_json::Value {
        let line = self.stderr_line();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
    }

    /// Sends SIGTERM; returns the exit status and the rest of stdout.
    pub(crate) fn terminate(mut self) -> (ExitStatus, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        let status = self.child.wait().unwrap();
        let rest: Vec<String> = self.stdout.iter().collect();
        (status, rest.join("\n"))
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (send, receive) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if send.send(line).is_err() {
                return;
            }
        }
    });
    receive
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
