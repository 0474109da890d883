//! Feishu's errors reach the caller whole: status, code, msg, log id, hint, missing scopes;
//! bodies that are not the expected JSON are errors that say where and what, never panics.

use crate::support::*;
use feishu_application::error_codes::OPERATION_ERROR_CODES;
use feishu_application::types::{Lang, ScopeLevel, TokenType, VersionStatus};
use feishu_application::{Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn documented_codes(operation: &str) -> Vec<(i64, u16, &'static str, &'static str)> {
    let (_, docs) = OPERATION_ERROR_CODES
        .iter()
        .find(|(id, _)| *id == operation)
        .unwrap();
    docs.iter()
        .map(|doc| (doc.code.code(), doc.http_status, doc.message, doc.hint))
        .collect()
}

#[tokio::test]
async fn every_documented_code_of_get_app_version_comes_with_its_hint() {
    let codes = documented_codes("get_app_version");
    assert_eq!(codes.len(), 7);
    for (code, status, message, hint) in codes {
        let server = server().await;
        answer_get_version(&server, feishu_error(status, code, message)).await;
        let error = client(&server)
            .get_app_version("cli_a", "oav_1", Lang::ZhCn)
            .await
            .unwrap_err();
        let api = error.api().unwrap_or_else(|| panic!("{code}: {error:?}"));
        assert_eq!(
            (api.code, api.http_status, api.msg.as_str()),
            (code, status, message)
        );
        assert_eq!(api.hint(), Some(hint));
        assert!(error.to_string().contains(hint), "{error}");
    }
}

#[tokio::test]
async fn every_documented_code_of_patch_and_list_comes_with_its_hint() {
    for (code, status, message, hint) in documented_codes("patch_app_version") {
        let server = server().await;
        Mock::given(method("PATCH"))
            .and(path(VERSION_PATH))
            .respond_with(feishu_error(status, code, message))
            .mount(&server)
            .await;
        let error = client(&server)
            .approve("cli_a", "oav_1", "ou_1")
            .await
            .unwrap_err();
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.api().unwrap().hint(), Some(hint));
    }
    for (code, status, message, hint) in documented_codes("list_under_audit_apps") {
        let server = server().await;
        Mock::given(method("GET"))
            .and(path(LIST_PATH))
            .respond_with(feishu_error(status, code, message))
            .mount(&server)
            .await;
        let error = client(&server)
            .list_under_audit_apps(Lang::ZhCn)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.api().unwrap().hint(), Some(hint));
    }
}

#[tokio::test]
async fn a_non_zero_code_on_http_200_is_an_error() {
    let server = server().await;
    answer_get_version(&server, feishu_error(200, 211002, "no such version_id")).await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(200));
    assert_eq!(error.code(), Some(211002));
}

#[tokio::test]
async fn log_id_troubleshooter_and_missing_scopes_are_kept() {
    let server = server().await;
    answer_get_version(&server, ResponseTemplate::new(400).set_body_json(json!({
            "code": 99991672, "msg": "Access denied",
            "error": {
                "log_id": "20261121-body-log",
                "troubleshooter": "https://open.feishu.cn/search?log_id=20261121-body-log",
                "permission_violations": [{"type": "action_scope_required", "subject": "admin:app.info:readonly"}]
            }
        }))).await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    let api = error.api().unwrap();
    assert_eq!(api.log_id.as_deref(), Some("20261121-body-log"));
    assert!(api.troubleshooter.as_deref().unwrap().contains("log_id="));
    assert_eq!(
        api.permission_violations[0].subject.as_deref(),
        Some("admin:app.info:readonly")
    );
    let message = error.to_string();
    assert!(
        message.contains("missing scope admin:app.info:readonly"),
        "{message}"
    );
    assert!(message.contains("log id 20261121-body-log"), "{message}");
}

#[tokio::test]
async fn the_log_id_header_is_used_when_the_body_has_none() {
    let server = server().await;
    answer_get_version(
        &server,
        feishu_error(400, 211002, "no such version_id").insert_header("X-Tt-Logid", "hdr-log-1"),
    )
    .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert_eq!(error.log_id(), Some("hdr-log-1"));
}

#[tokio::test]
async fn an_html_502_page_is_a_decode_error_naming_operation_status_and_excerpt() {
    let server = server().await;
    answer_get_version(
        &server,
        ResponseTemplate::new(502)
            .set_body_raw("<html><body>502 Bad Gateway</body></html>", "text/html"),
    )
    .await;
    let client = client_with(&server, RetryPolicy::none());
    let error = client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    let Error::Decode {
        operation,
        status,
        excerpt,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!((*operation, *status), ("get_app_version", 502));
    assert!(excerpt.contains("502 Bad Gateway"), "{excerpt}");
    assert!(
        error.to_string().contains("get_app_version: HTTP 502"),
        "{error}"
    );
}

#[tokio::test]
async fn a_truncated_body_is_a_decode_error() {
    let server = server().await;
    answer_get_version(
        &server,
        ResponseTemplate::new(200).set_body_raw(
            r#"{"code":0,"msg":"success","data":{"app_ver"#,
            "application/json",
        ),
    )
    .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    let Error::Decode { status, reason, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*status, 200);
    assert!(reason.contains("EOF"), "{reason}");
}

#[tokio::test]
async fn a_wrong_type_is_a_decode_error() {
    let server = server().await;
    answer_get_version(
        &server,
        ok(json!({"app_version": {"scopes": "not a list"}})),
    )
    .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Decode { status: 200, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn undocumented_fields_and_enum_values_decode_and_are_kept() {
    let server = server().await;
    answer_get_version(
        &server,
        ok(json!({"app_version": {
            "version_id": "oav_1", "status": 9, "new_top_level": {"a": 1},
            "scopes": [{"scope": "x", "level": 5, "token_types": ["robot"], "risk": "high"}]
        }, "data_extra": true})),
    )
    .await;
    let version = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap();
    assert_eq!(version.status, Some(VersionStatus::Undocumented(9)));
    assert_eq!(version.extra["new_top_level"]["a"], 1);
    let scope = &version.scopes[0];
    assert_eq!(scope.level, Some(ScopeLevel::Undocumented(5)));
    assert_eq!(
        scope.token_types,
        vec![TokenType::Undocumented("robot".into())]
    );
    assert_eq!(scope.extra["risk"], "high");
}

#[tokio::test]
async fn a_missing_app_version_is_a_clear_error() {
    let server = server().await;
    answer_get_version(&server, ok(json!({}))).await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no data.app_version"), "{error}");
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    // Bind a port, then free it: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = feishu_application::Client::builder(
        feishu_application::Credentials::tenant_access_token("t-x"),
    )
    .base_url(format!("http://127.0.0.1:{port}"))
    .retry_policy(RetryPolicy::none())
    .build()
    .unwrap();
    let error = client
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                operation: "get_app_version",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_bad_base_url_is_refused_when_building() {
    for url in ["not a url", "ftp://example.com"] {
        let error = feishu_application::Client::builder(feishu_application::Credentials::app(
            APP_ID, APP_SECRET,
        ))
        .base_url(url)
        .build()
        .unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{url}: {error:?}");
    }
}

#[test]
fn base_url_presets() {
    use feishu_application::BaseUrl;
    assert_eq!(BaseUrl::Feishu.as_str(), "https://open.feishu.cn");
    assert_eq!(BaseUrl::Lark.as_str(), "https://open.larksuite.com");
    assert_eq!(
        BaseUrl::from("http://127.0.0.1:8080/").as_str(),
        "http://127.0.0.1:8080"
    );
}

#[tokio::test]
async fn a_bare_404_without_the_envelope_is_a_decode_error_naming_the_status() {
    // A gateway or proxy in front of Feishu answers 404 with an empty body: no envelope to read.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer(TOKEN, 7200))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(VERSION_PATH))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let error = client(&server)
        .get_app_version("cli_a", "oav_1", Lang::ZhCn)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Decode { status: 404, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn empty_ids_are_refused_before_sending() {
    let server = MockServer::start().await; // no token endpoint: nothing may be sent
    for (app, version, named) in [(" ", "oav_1", "app_id"), ("cli_a", "", "version_id")] {
        let error = client(&server)
            .get_app_version(app, version, Lang::ZhCn)
            .await
            .unwrap_err();
        assert!(matches!(
            error,
            Error::InvalidArgument {
                operation: "get_app_version",
                ..
            }
        ));
        assert!(
            error
                .to_string()
                .contains(&format!("{named} must not be empty")),
            "{error}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
