//! Drift — members the spec does not list and enum values outside the documented set — is
//! reported apart from violations, at the pointer of the member or the value.

use crate::support::{fixture, with};
use feishu_validate::{DriftKind, Report, Validator};
use serde_json::{Value, json};

const LIST: &str = "list_under_audit_apps";
const VERSION: &str = "get_app_version";

fn check(operation: &str, body: &Value) -> Report {
    Validator::workspace()
        .validate_value(operation, 200, body)
        .expect("checkable")
}

fn list() -> Value {
    fixture("list_under_audit_apps.200.json")
}

fn version() -> Value {
    fixture("get_app_version.200.json")
}

/// The (pointer, kind) of every drift.
fn drift(report: &Report) -> Vec<(&str, DriftKind)> {
    report
        .drift
        .iter()
        .map(|d| (d.pointer.as_str(), d.kind))
        .collect()
}

#[test]
fn an_undocumented_member_in_an_array_item() {
    let body = with(list(), "/data/items/0/publish_channel", json!("store"));
    let report = check(LIST, &body);
    assert!(report.is_valid(), "drift is not a violation: {report:#?}");
    assert!(!report.is_clean());
    assert_eq!(
        drift(&report),
        [(
            "/data/items/0/publish_channel",
            DriftKind::UndocumentedField
        )]
    );
    let finding = &report.drift[0];
    assert!(
        finding.message.contains("\"publish_channel\""),
        "{}",
        finding.message
    );
    assert!(
        finding.message.contains("Application"),
        "{}",
        finding.message
    );
    assert!(
        finding.documented.contains("app_id"),
        "{}",
        finding.documented
    );
    assert_eq!(finding.found, "string \"store\"");
}

#[test]
fn undocumented_members_at_every_level() {
    let mut body = with(list(), "/request_id", json!("r1"));
    body = with(body, "/data/total", json!(1));
    body = with(body, "/data/items/0/owner/wechat", json!("w"));
    let report = check(LIST, &body);
    let mut pointers: Vec<(&str, DriftKind)> = drift(&report);
    pointers.sort_unstable_by_key(|(p, _)| *p);
    assert_eq!(
        pointers,
        [
            ("/data/items/0/owner/wechat", DriftKind::UndocumentedField),
            ("/data/total", DriftKind::UndocumentedField),
            ("/request_id", DriftKind::UndocumentedField),
        ]
    );
}

#[test]
fn an_undocumented_object_is_one_finding_not_one_per_nested_member() {
    let body = with(
        version(),
        "/data/app_version/ability/meeting",
        json!({"a": 1, "b": {"c": 2}}),
    );
    let report = check(VERSION, &body);
    assert_eq!(
        drift(&report),
        [(
            "/data/app_version/ability/meeting",
            DriftKind::UndocumentedField
        )]
    );
}

#[test]
fn a_member_of_the_empty_patch_data_is_drift() {
    let body = json!({"code": 0, "msg": "success", "data": {"version_id": "oav_1"}});
    let report = check("patch_app_version", &body);
    assert_eq!(
        drift(&report),
        [("/data/version_id", DriftKind::UndocumentedField)]
    );
    assert!(
        report.drift[0].documented.contains("documents no members"),
        "{report:#?}"
    );
}

#[test]
fn an_unknown_integer_enum_value() {
    // 97, not the next value: a value the docs add later must not break this test.
    let report = check(LIST, &with(list(), "/data/items/0/status", json!(97)));
    assert!(report.is_valid(), "{report:#?}");
    assert_eq!(
        drift(&report),
        [("/data/items/0/status", DriftKind::UnknownEnumValue)]
    );
    let finding = &report.drift[0];
    assert!(
        finding.message.contains("AppStatus [0, 1, 2, 3"),
        "{}",
        finding.message
    );
    assert!(
        finding.documented.contains("one of 0, 1, 2, 3"),
        "{}",
        finding.documented
    );
    assert_eq!(finding.found, "integer 97");
}

#[test]
fn an_unknown_string_enum_value() {
    let report = check(
        LIST,
        &with(list(), "/data/items/0/create_source", json!("lark_base")),
    );
    assert_eq!(
        drift(&report),
        [("/data/items/0/create_source", DriftKind::UnknownEnumValue)]
    );
}

#[test]
fn an_unknown_enum_value_in_a_nested_array() {
    let body = with(
        version(),
        "/data/app_version/scopes/0/token_types/0",
        json!("app"),
    );
    let report = check(VERSION, &body);
    assert_eq!(
        drift(&report),
        [(
            "/data/app_version/scopes/0/token_types/0",
            DriftKind::UnknownEnumValue
        )]
    );
    let body = with(
        version(),
        "/data/app_version/i18n/0/i18n_key",
        json!("ar_sa"),
    );
    assert_eq!(
        drift(&check(VERSION, &body)),
        [(
            "/data/app_version/i18n/0/i18n_key",
            DriftKind::UnknownEnumValue
        )]
    );
}

#[test]
fn every_documented_enum_value_is_clean() {
    for status in 0..=4 {
        let body = with(version(), "/data/app_version/status", json!(status));
        assert!(check(VERSION, &body).is_clean(), "status {status}");
    }
    for key in ["zh_hk", "ko_kr", "pt_br"] {
        let body = with(version(), "/data/app_version/i18n/0/i18n_key", json!(key));
        assert!(check(VERSION, &body).is_clean(), "i18n_key {key}");
    }
}

#[test]
fn a_bit_set_is_not_an_enum() {
    for mode in [0, 1, 3, 5, 7] {
        let body = with(
            version(),
            "/data/app_version/ability/gadget/enable_pc_mode",
            json!(mode),
        );
        assert!(check(VERSION, &body).is_clean(), "enable_pc_mode {mode}");
    }
}

/// `1.0` for an integer enum is neither the documented `1` nor a new value: OpenAPI 3.0's
/// integer has no fraction part, so it is a type violation (the generated enum refuses it too),
/// and not drift.
#[test]
fn an_enum_value_written_as_a_decimal_is_a_type_violation_not_drift() {
    let report = check(LIST, &with(list(), "/data/items/0/status", json!(1.0)));
    assert!(report.drift.is_empty(), "{report:#?}");
    let violations: Vec<_> = report
        .violations
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword.as_str()))
        .collect();
    assert_eq!(violations, [("/data/items/0/status", "type")]);
}

#[test]
fn pointers_escape_slash_and_tilde_in_member_names() {
    let body = with(list(), "/data/a~1b~0c", json!(1));
    let report = check(LIST, &body);
    assert_eq!(
        drift(&report),
        [("/data/a~1b~0c", DriftKind::UndocumentedField)]
    );
}
