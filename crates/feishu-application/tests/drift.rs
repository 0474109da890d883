//! Drift reported by the client: a WARN event on `feishu_application::drift` and the
//! `on_drift` callback, each once per (operation, pointer) for the life of the client.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::support::*;
use feishu_application::drift::{DRIFT_TARGET, Drift, DriftKind};
use feishu_application::types::Lang;
use feishu_application::{BaseUrl, Client, Credentials};
use futures::TryStreamExt as _;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

/// A page of one app that carries the same drift on every page.
fn page(app_id: &str, next: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("x-tt-logid", format!("log-{app_id}"))
        .set_body_json(
            json!({"code": 0, "msg": "success", "brand_new": 1, "data": {
            "has_more": next.is_some(), "page_token": next,
            "items": [{"app_id": app_id, "scopes": [{"scope": "s", "level": 9}],
                       "i18n": [{"i18n_key": "ar_sa", "name": "n"}]}]}}),
        )
}

#[tokio::test]
async fn each_drift_is_reported_once_per_pointer_as_a_warn_event_and_to_the_callback() {
    let (captured, _guard) = capture_logs();

    let server = server().await;
    Mock::given(method("GET"))
        .and(path(LIST_PATH))
        .and(query_param_is_missing("page_token"))
        .respond_with(page("cli_1", Some("p2")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST_PATH))
        .and(query_param("page_token", "p2"))
        .respond_with(page("cli_2", None))
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::<Drift>::new()));
    let sink = Arc::clone(&seen);
    let client = Client::builder(Credentials::app(APP_ID, APP_SECRET))
        .base_url(BaseUrl::Custom(server.uri()))
        .on_drift(move |drift| sink.lock().unwrap().push(drift.clone()))
        .build()
        .unwrap();
    for _ in 0..2 {
        let apps: Vec<_> = client
            .list_under_audit_apps(Lang::EnUs)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(apps.len(), 2, "drift never stops a listing");
    }

    let expected = BTreeMap::from([
        ("/brand_new".to_owned(), DriftKind::UndocumentedField),
        (
            "/data/items/0/scopes/0/level".to_owned(),
            DriftKind::UnknownEnumValue,
        ),
        (
            "/data/items/0/i18n/0/i18n_key".to_owned(),
            DriftKind::UnknownEnumValue,
        ),
    ]);
    let seen = seen.lock().unwrap().clone();
    let reported: BTreeMap<_, _> = seen.iter().map(|d| (d.pointer.clone(), d.kind)).collect();
    assert_eq!(reported, expected);
    assert_eq!(
        seen.len(),
        expected.len(),
        "once per pointer over four pages: {seen:?}"
    );
    assert!(seen.iter().all(|d| d.operation == "list_under_audit_apps"));
    assert!(
        seen.iter()
            .all(|d| d.log_id.as_deref() == Some("log-cli_1")),
        "{seen:?}"
    );

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let events: Vec<&str> = logs.lines().filter(|l| l.contains(DRIFT_TARGET)).collect();
    assert_eq!(events.len(), expected.len(), "{logs}");
    for (pointer, kind) in &expected {
        let event = events
            .iter()
            .find(|e| e.contains(&format!("pointer=\"{pointer}\"")))
            .unwrap_or_else(|| panic!("no event for {pointer}: {logs}"));
        assert!(event.contains(" WARN "), "{event}");
        assert!(event.contains(&format!("kind=\"{kind}\"")), "{event}");
        assert!(
            event.contains("operation=\"list_under_audit_apps\""),
            "{event}"
        );
        assert!(event.contains("log_id=\"log-cli_1\""), "{event}");
    }
}

#[tokio::test]
async fn a_documented_answer_reports_nothing() {
    let server = server().await;
    answer_get_version(&server, ok(version_data())).await;
    let seen = Arc::new(Mutex::new(0));
    let sink = Arc::clone(&seen);
    let client = Client::builder(Credentials::app(APP_ID, APP_SECRET))
        .base_url(BaseUrl::Custom(server.uri()))
        .on_drift(move |_| *sink.lock().unwrap() += 1)
        .build()
        .unwrap();
    client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    assert_eq!(*seen.lock().unwrap(), 0);
}
