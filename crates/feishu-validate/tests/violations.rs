//! Each kind of violation, made by mutating a doc example, is reported at the right pointer
//! with the keyword that failed; drift never hides a violation and vice versa.

use crate::support::{fixture, with, without};
use feishu_validate::{Report, Validator};
use serde_json::{Value, json};

const LIST: &str = "list_under_audit_apps";
const VERSION: &str = "get_app_version";

fn check(operation: &str, status: u16, body: &Value) -> Report {
    Validator::workspace()
        .validate_value(operation, status, body)
        .expect("checkable")
}

fn list() -> Value {
    fixture("list_under_audit_apps.200.json")
}

fn version() -> Value {
    fixture("get_app_version.200.json")
}

/// The (pointer, keyword) of every violation.
fn found(report: &Report) -> Vec<(&str, &str)> {
    report
        .violations
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword.as_str()))
        .collect()
}

#[test]
fn a_wrong_type_nested_in_an_array_item() {
    let body = with(list(), "/data/items/0/scopes/0/level", json!("1"));
    let report = check(LIST, 200, &body);
    assert_eq!(found(&report), [("/data/items/0/scopes/0/level", "type")]);
    assert!(
        report.drift.is_empty(),
        "a wrong type is not also drift: {report:#?}"
    );
    let violation = &report.violations[0];
    assert!(
        violation.message.contains("integer"),
        "{}",
        violation.message
    );
    assert!(
        violation.documented.contains("integer (int32)"),
        "{}",
        violation.documented
    );
    assert!(
        violation.documented.contains("ScopeLevel"),
        "{}",
        violation.documented
    );
    assert_eq!(violation.found, "string \"1\"");
}

#[test]
fn an_id_sent_as_a_number_is_a_violation() {
    let body = with(
        version(),
        "/data/app_version/create_time",
        json!(1_610_462_759),
    );
    let report = check(VERSION, 200, &body);
    assert_eq!(found(&report), [("/data/app_version/create_time", "type")]);
}

#[test]
fn a_missing_required_member() {
    let report = check(LIST, 200, &without(list(), "/msg"));
    assert_eq!(found(&report), [("", "required")]);
    assert!(
        report.violations[0].message.contains("\"msg\""),
        "{report:#?}"
    );
    assert!(
        report.violations[0]
            .documented
            .contains("requires code, msg"),
        "{report:#?}"
    );
}

#[test]
fn null_where_not_nullable() {
    let report = check(LIST, 200, &with(list(), "/data/has_more", Value::Null));
    assert_eq!(found(&report), [("/data/has_more", "type")]);
    assert!(
        report.violations[0].documented.contains("not nullable"),
        "{report:#?}"
    );
    assert_eq!(report.violations[0].found, "null");
}

#[test]
fn a_value_below_the_documented_minimum() {
    let body = with(
        version(),
        "/data/app_version/ability/gadget/enable_pc_mode",
        json!(-1),
    );
    let report = check(VERSION, 200, &body);
    assert_eq!(
        found(&report),
        [("/data/app_version/ability/gadget/enable_pc_mode", "minimum")]
    );
}

#[test]
fn an_int32_that_overflows() {
    let body = with(version(), "/data/app_version/status", json!(1_u64 << 40));
    let report = check(VERSION, 200, &body);
    assert_eq!(found(&report), [("/data/app_version/status", "maximum")]);
}

#[test]
fn a_fraction_where_an_integer_is_documented() {
    let report = check(LIST, 200, &with(list(), "/code", json!(0.5)));
    assert_eq!(found(&report), [("/code", "type")]);
}

#[test]
fn an_object_where_an_array_is_documented() {
    let body = with(list(), "/data/items", json!({"app_id": "cli_1"}));
    let report = check(LIST, 200, &body);
    assert_eq!(found(&report), [("/data/items", "type")]);
}

#[test]
fn a_body_that_is_not_an_object() {
    let report = check(LIST, 200, &json!(["code", 0]));
    assert_eq!(found(&report), [("", "type")]);
}

#[test]
fn every_violation_is_reported_not_only_the_first() {
    let mut body = with(list(), "/code", json!("0"));
    body = with(body, "/data/items/0/redirect_urls/0", json!(42));
    body = with(body, "/data/items/0/owner/type", Value::Null);
    body = with(body, "/data/page_token", json!(false));
    let report = check(LIST, 200, &body);
    let mut pointers: Vec<&str> = found(&report).iter().map(|(p, _)| *p).collect();
    pointers.sort_unstable();
    assert_eq!(
        pointers,
        [
            "/code",
            "/data/items/0/owner/type",
            "/data/items/0/redirect_urls/0",
            "/data/page_token"
        ]
    );
}

#[test]
fn violations_and_drift_are_reported_apart() {
    let mut body = with(list(), "/data/items/0/status", json!("enabled"));
    body = with(body, "/data/items/0/scene_type", json!(9));
    let report = check(LIST, 200, &body);
    assert_eq!(found(&report), [("/data/items/0/status", "type")]);
    assert_eq!(report.drift.len(), 1);
    assert_eq!(report.drift[0].pointer, "/data/items/0/scene_type");
    assert!(!report.is_valid());
}

#[test]
fn a_4xx_error_body_is_checked_against_the_error_envelope() {
    let error = fixture("error.400.json");
    assert!(check(LIST, 400, &error).is_clean());

    let body = with(
        error.clone(),
        "/error/permission_violations/0/subject",
        json!(7),
    );
    let report = check(LIST, 400, &body);
    assert_eq!(
        found(&report),
        [("/error/permission_violations/0/subject", "type")]
    );

    let report = check(VERSION, 503, &without(error, "/code"));
    assert_eq!(found(&report), [("", "required")]);
}

#[test]
fn a_success_body_under_an_error_status_is_judged_by_the_error_schema() {
    // The envelope members are shared; `data` is not part of ErrorResponse.
    let report = check(LIST, 500, &list());
    assert!(report.is_valid(), "{report:#?}");
    assert_eq!(report.drift.len(), 1);
    assert_eq!(report.drift[0].pointer, "/data");
}

#[test]
fn a_non_zero_code_on_http_200_is_still_a_conforming_body() {
    let body = json!({"code": 99991663, "msg": "invalid tenant access token"});
    assert!(check(LIST, 200, &body).is_clean());
}
