//! Secrets (`app_secret`, tokens) never appear in a finding's message or description, even
//! when the member breaks the schema or is undocumented.

use feishu_validate::{Report, Validator};
use serde_json::json;

const TOKEN: &str = "t-caecc734c2e3328a62489fe0648c4b98779515d3";

fn all_text(report: &Report) -> String {
    let violations = report
        .violations
        .iter()
        .map(|v| format!("{} {} {} {}", v.pointer, v.message, v.documented, v.found));
    let drift = report
        .drift
        .iter()
        .map(|d| format!("{} {} {} {}", d.pointer, d.message, d.documented, d.found));
    violations.chain(drift).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_token_of_the_wrong_type_is_reported_without_its_value() {
    let body = json!({"code": 0, "msg": "ok", "tenant_access_token": [TOKEN], "expire": 7200});
    let report = Validator::workspace()
        .validate_value("get_tenant_access_token", 200, &body)
        .expect("checkable");
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].pointer, "/tenant_access_token");
    assert_eq!(report.violations[0].keyword, "type");
    assert_eq!(
        report.violations[0].found,
        "array (a secret: value not shown)"
    );
    assert!(!all_text(&report).contains(TOKEN), "{report:#?}");
}

#[test]
fn an_undocumented_secret_member_is_reported_without_its_value() {
    let body = json!({
        "code": 0,
        "msg": "ok",
        "tenant_access_token": TOKEN,
        "app_access_token": "a-secret-value",
        "expire": 7200
    });
    let report = Validator::workspace()
        .validate_value("get_tenant_access_token", 200, &body)
        .expect("checkable");
    assert_eq!(report.drift.len(), 1);
    assert_eq!(report.drift[0].pointer, "/app_access_token");
    let text = all_text(&report);
    assert!(
        !text.contains("a-secret-value") && !text.contains(TOKEN),
        "{text}"
    );
}

#[test]
fn a_page_token_is_not_a_secret() {
    let body = json!({"code": 0, "msg": "success", "data": {"page_token": 7}});
    let report = Validator::workspace()
        .validate_value("list_under_audit_apps", 200, &body)
        .expect("checkable");
    assert_eq!(report.violations[0].found, "integer 7");
}
