//! Approve and reject: what goes on the wire, and what is refused before it.

use crate::support::*;
use feishu_application::{Error, StatusChange};
use serde_json::json;
use wiremock::Mock;
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};

#[tokio::test]
async fn approve_sends_status_1_with_the_operator() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(VERSION_PATH))
        .and(query_param("operator_id", "ou_rev"))
        .and(query_param("user_id_type", "open_id"))
        .and(query_param_is_missing("reject_reason"))
        .and(body_json(json!({"status": 1})))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .approve("cli_a", "oav_1", "ou_rev")
        .await
        .unwrap();
}

#[tokio::test]
async fn reject_sends_status_2_and_the_reason() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(VERSION_PATH))
        .and(query_param("reject_reason", "asks for too much"))
        .and(body_json(json!({"status": 2})))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .reject("cli_a", "oav_1", "ou_rev", "asks for too much")
        .await
        .unwrap();
}

#[tokio::test]
async fn other_status_changes_send_their_code() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(VERSION_PATH))
        .and(body_json(json!({"status": 3})))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .update_version_status("cli_a", "oav_1", "ou_rev", StatusChange::UnderReview)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_absent_data_member_on_patch_is_success() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(VERSION_PATH))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_json(json!({"code": 0, "msg": "success"})),
        )
        .mount(&server)
        .await;
    client(&server)
        .approve("cli_a", "oav_1", "ou_rev")
        .await
        .unwrap();
}

#[tokio::test]
async fn empty_reasons_and_ids_are_refused_before_sending() {
    let server = wiremock::MockServer::start().await;
    let client = client(&server);
    for (call, what) in [
        (
            client.reject("cli_a", "oav_1", "ou_rev", "  "),
            "non-empty reason",
        ),
        (client.approve("cli_a", "oav_1", ""), "operator_id"),
        (client.approve("", "oav_1", "ou_rev"), "app_id"),
    ] {
        let error = call.await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::InvalidArgument {
                    operation: "patch_app_version",
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains(what), "{error}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
