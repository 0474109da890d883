//! `feishu-review proxy` as a real process in front of in-process fakes and bad upstreams.

use std::collections::BTreeSet;

use crate::support::cli;
use crate::support::proxy::{LIST, Proxy, Raw, send, token, version_path};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use feishu_application::types::Lang;
use feishu_application::{Client, Credentials};
use feishu_fake::{Config, DRIFT_HEADER, FakeHandle, Faults};
use futures::TryStreamExt as _;
use serde_json::Value;

fn drifting(rate: f64) -> Config {
    Config {
        faults: Faults {
            drift_rate: rate,
            seed: 7,
            ..Faults::default()
        },
        ..Config::default()
    }
}

fn pointers(report: &Value) -> BTreeSet<String> {
    report["drift"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["pointer"].as_str().unwrap().to_owned())
        .collect()
}

fn injected(answer: &Raw) -> BTreeSet<String> {
    answer
        .header(DRIFT_HEADER)
        .map(|h| h.split(',').map(str::to_owned).collect())
        .unwrap_or_default()
}

/// GETs `path` from the direct fake and through the proxy; asserts the answers are the same
/// and that the proxy's report names exactly the drift the fake injected.
async fn same_answer(
    http: &reqwest::Client,
    direct: &str,
    proxy: &Proxy,
    path: &str,
    token: &str,
) -> (Raw, Value) {
    let a = send(http.get(format!("{direct}{path}")).bearer_auth(token)).await;
    let b = send(http.get(format!("{}{path}", proxy.url)).bearer_auth(token)).await;
    assert_eq!(a.status, b.status, "{path}");
    assert_eq!(a.body, b.body, "byte-identical body for {path}");
    for name in ["content-type", "content-length", DRIFT_HEADER] {
        assert_eq!(a.header(name), b.header(name), "{name} of {path}");
    }
    let report = proxy.report();
    let time = report["time"].as_str().unwrap();
    assert!(
        humantime::parse_rfc3339(time).is_ok(),
        "an RFC 3339 time: {time}"
    );
    assert_eq!(report["status"], b.status);
    assert_eq!(report["log_id"].as_str(), b.header("x-tt-logid"));
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(pointers(&report), injected(&b), "{path}");
    (b, report)
}

#[tokio::test(flavor = "multi_thread")]
async fn answers_through_the_proxy_are_byte_identical_and_reports_name_exactly_the_injected_drift()
{
    // Two fakes with the same seed answer the same requests the same way, drift included.
    let direct = feishu_fake::start(drifting(0.5)).await.unwrap();
    let behind = feishu_fake::start(drifting(0.5)).await.unwrap();
    let proxy = Proxy::start(&behind.base_url(), &["--format", "json"]);
    let http = reqwest::Client::new();
    let (a, b) = (
        token(&http, &direct.base_url()).await,
        token(&http, &proxy.url).await,
    );
    assert_eq!(a.body, b.body);
    let report = proxy.report();
    assert_eq!(report["operation"], "get_tenant_access_token");
    assert_eq!(report["drift"], serde_json::json!([]));
    let bearer = a.json()["tenant_access_token"].as_str().unwrap().to_owned();

    let mut drifted = 0;
    let mut path = format!("{LIST}?lang=en_us&page_size=20");
    let mut versions = Vec::new();
    loop {
        let (answer, report) = same_answer(&http, &direct.base_url(), &proxy, &path, &bearer).await;
        assert_eq!(report["operation"], "list_under_audit_apps");
        drifted += usize::from(!injected(&answer).is_empty());
        let data = answer.json()["data"].clone();
        for app in data["items"].as_array().unwrap().iter().take(3) {
            versions.push(version_path(
                app["app_id"].as_str().unwrap(),
                app["unaudit_version_id"].as_str().unwrap(),
            ));
        }
        match data["page_token"].as_str() {
            Some(next) => path = format!("{LIST}?lang=en_us&page_size=20&page_token={next}"),
            None => break,
        }
    }
    for version in &versions {
        let path = format!("{version}?lang=zh_cn");
        let (answer, report) = same_answer(&http, &direct.base_url(), &proxy, &path, &bearer).await;
        assert_eq!(report["operation"], "get_app_version");
        drifted += usize::from(!injected(&answer).is_empty());
    }
    let answers = 3 + versions.len();
    assert!(
        (1..answers).contains(&drifted),
        "{drifted} of {answers} drifted at rate 0.5"
    );

    // Our typed client decodes the same apps, drift kept, through the proxy as directly.
    let client = |base: String| {
        Client::builder(Credentials::app(
            feishu_fake::DEFAULT_APP_ID,
            feishu_fake::DEFAULT_APP_SECRET,
        ))
        .base_url(base)
        .build()
        .unwrap()
    };
    let listed = |client: Client| async move {
        client
            .list_under_audit_apps(Lang::EnUs)
            .items()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
    };
    let through = listed(client(proxy.url.clone())).await;
    assert_eq!(listed(client(direct.base_url())).await, through);
    assert_eq!(through.len(), feishu_fake::seed::PENDING_APPS);
}

/// An upstream that answers everything like a broken gateway.
async fn html_gateway() -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(|| async {
        (
            StatusCode::BAD_GATEWAY,
            [(CONTENT_TYPE, "text/html")],
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        )
    });
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, task)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_html_502_from_upstream_is_forwarded_as_is_and_reported_as_a_violation() {
    let (upstream, _server) = html_gateway().await;
    let proxy = Proxy::start(&upstream, &["--format", "json"]);
    let http = reqwest::Client::new();
    let path = version_path("cli_0123456789abcdef", "oav_1");
    let answer = send(http.get(format!("{}{path}?lang=en_us", proxy.url))).await;
    assert_eq!(answer.status, 502);
    assert_eq!(answer.header("content-type"), Some("text/html"));
    assert_eq!(
        answer.body,
        b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    );
    let report = proxy.report();
    assert_eq!(report["operation"], "get_app_version");
    assert_eq!(report["status"], 502);
    assert_eq!(report["valid"], false);
    let violation = &report["violations"][0];
    assert_eq!(violation["pointer"], "");
    let message = violation["message"].as_str().unwrap();
    assert!(
        message.contains("not JSON") && message.contains("text/html"),
        "{message}"
    );

    // Outside the spec: forwarded the same, counted, no report.
    let other = send(http.get(format!("{}/healthz", proxy.url))).await;
    assert_eq!(other.status, 502);
    let (status, stdout) = proxy.terminate();
    assert!(status.success(), "{status:?}");
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["summary"]["unmatched"], 1, "{summary}");
    assert_eq!(
        summary["summary"]["operations"]["get_app_version"]["with_violations"],
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_upstream_gets_the_client_a_502_saying_so() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let proxy = Proxy::start(&upstream, &[]);
    let answer = send(reqwest::Client::new().get(format!("{}{LIST}?lang=en_us", proxy.url))).await;
    assert_eq!(answer.status, 502);
    let body = answer.json();
    assert_ne!(body["code"], 0);
    let msg = body["msg"].as_str().unwrap();
    assert!(
        msg.contains(&upstream) && msg.contains("unreachable"),
        "{msg}"
    );
    let line = proxy.stderr_line();
    assert!(
        line.starts_with("error: GET ") && line.contains("unreachable"),
        "{line}"
    );
    let (status, stdout) = proxy.terminate();
    assert!(status.success());
    assert!(stdout.contains("upstream errors: 1"), "{stdout}");
}

/// A token, a listing, a version, an approval, a refused rejection and a path outside the spec.
async fn review_traffic(proxy: &Proxy, fake: &FakeHandle) -> String {
    let http = reqwest::Client::new();
    let bearer = token(&http, &proxy.url).await.json()["tenant_access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let get = |path: String| {
        send(
            http.get(format!("{}{path}", proxy.url))
                .bearer_auth(&bearer),
        )
    };
    let list = get(format!("{LIST}?lang=en_us&page_size=2")).await.json();
    let app = &list["data"]["items"][0];
    let version = version_path(
        app["app_id"].as_str().unwrap(),
        app["unaudit_version_id"].as_str().unwrap(),
    );
    assert_eq!(get(format!("{version}?lang=en_us")).await.status, 200);
    let patch = |query: &str, status: i64| {
        send(
            http.patch(format!(
                "{}{version}?user_id_type=open_id&operator_id={}{query}",
                proxy.url,
                feishu_fake::DEFAULT_OPERATOR_OPEN_ID
            ))
            .bearer_auth(&bearer)
            .json(&serde_json::json!({ "status": status })),
        )
    };
    assert_eq!(patch("", 2).await.status, 400, "a rejection needs a reason");
    assert_eq!(patch("", 1).await.status, 200);
    assert_eq!(get("/open-apis/nothing/here".to_owned()).await.status, 404);
    assert_eq!(
        fake.state().tenant().pending_count(),
        feishu_fake::seed::PENDING_APPS - 1
    );
    bearer
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn the_record_directory_validates_holds_no_secret_and_sigterm_prints_the_summary() {
    let fake = feishu_fake::start(drifting(1.0)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("answers");
    let proxy = Proxy::start(&fake.base_url(), &["--record", record.to_str().unwrap()]);
    let bearer = review_traffic(&proxy, &fake).await;
    for _ in 0..5 {
        let line = proxy.stderr_line();
        assert!(!line.contains(&bearer), "no token in a report line: {line}");
    }
    let (status, summary) = proxy.terminate();
    assert!(status.success(), "{status:?}");
    for row in [
        "get_app_version                   1        1           1                0          0",
        "get_tenant_access_token           1        1           0                0          0",
        "list_under_audit_apps             1        1           1                0          0",
        "patch_app_version                 2        2           1                0          0",
        "(not in the spec)                 1",
    ] {
        assert!(summary.contains(row), "{row:?} in\n{summary}");
    }

    let mut files = Vec::new();
    for operation in std::fs::read_dir(&record).unwrap() {
        let operation = operation.unwrap().path();
        for file in std::fs::read_dir(&operation).unwrap() {
            files.push((
                operation.file_name().unwrap().to_str().unwrap().to_owned(),
                file.unwrap().path(),
            ));
        }
    }
    assert_eq!(files.len(), 5, "{files:?}");
    for (operation, file) in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let status = name.split('-').nth(1).unwrap();
        let validate = cli(&["validate", "--operation", operation, "--status", status])
            .arg(file)
            .output()
            .unwrap();
        assert!(
            validate.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&validate.stdout)
        );
        let text = std::fs::read_to_string(file).unwrap();
        for secret in [bearer.as_str(), feishu_fake::DEFAULT_APP_SECRET, "Bearer"] {
            assert!(!text.contains(secret), "{name} holds a secret");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn answers_over_the_check_limit_are_forwarded_and_counted_without_a_report() {
    let fake = feishu_fake::start(Config::default()).await.unwrap();
    let proxy = Proxy::start(
        &fake.base_url(),
        &["--format", "json", "--check-limit", "200"],
    );
    let http = reqwest::Client::new();
    let bearer = token(&http, &proxy.url).await.json()["tenant_access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = send(
        http.get(format!("{}{LIST}?lang=en_us", proxy.url))
            .bearer_auth(&bearer),
    )
    .await;
    assert!(list.body.len() > 200);
    assert_eq!(list.json()["code"], 0);
    assert_eq!(proxy.report()["operation"], "get_tenant_access_token");
    let (status, stdout) = proxy.terminate();
    assert!(status.success());
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    let list = &summary["summary"]["operations"]["list_under_audit_apps"];
    assert_eq!(
        (list["answers"].as_u64(), list["too_large"].as_u64()),
        (Some(1), Some(1)),
        "{summary}"
    );
}
