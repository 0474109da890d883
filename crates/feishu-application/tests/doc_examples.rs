//! Every example in the spec decodes into the generated types and encodes back to the same
//! JSON: no documented field is lost or renamed on the way.

use feishu_application::types;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const SPEC: &str = include_str!("../../../spec/feishu-application-v6.yaml");

fn round_trip<T: DeserializeOwned + Serialize>(example: &Value, at: &str) -> usize {
    let decoded: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|error| panic!("{at}: the example does not decode: {error}"));
    let encoded = serde_json::to_value(&decoded).unwrap();
    assert_eq!(
        &encoded, example,
        "{at}: the example changed on a round trip"
    );
    1
}

/// The examples of one media type: `example` or every `examples.*.value`.
fn examples_of(media: &Value) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    if let Some(example) = media.get("example") {
        found.push(("example".to_string(), example.clone()));
    }
    if let Some(Value::Object(named)) = media.get("examples") {
        for (name, example) in named {
            found.push((format!("examples/{name}"), example["value"].clone()));
        }
    }
    found
}

fn check_response(operation: &str, example: &Value, at: &str) -> usize {
    match operation {
        "get_tenant_access_token" => round_trip::<types::TenantAccessTokenResponse>(example, at),
        "list_under_audit_apps" => round_trip::<types::ListUnderAuditAppsResponse>(example, at),
        "get_app_version" => round_trip::<types::GetAppVersionResponse>(example, at),
        "patch_app_version" => round_trip::<types::PatchAppVersionResponse>(example, at),
        "list_contacts_range_configuration" => {
            round_trip::<types::ListContactsRangeConfigurationResponse>(example, at)
        }
        "get_contacts_range_suggest" => {
            round_trip::<types::GetContactsRangeSuggestResponse>(example, at)
        }
        other => panic!("{at}: operation {other} is new; add its types to this test"),
    }
}

fn check_request(operation: &str, example: &Value, at: &str) -> usize {
    match operation {
        "get_tenant_access_token" => round_trip::<types::TenantAccessTokenRequest>(example, at),
        "patch_app_version" => round_trip::<types::PatchAppVersionRequest>(example, at),
        other => panic!("{at}: operation {other} is new; add its request type to this test"),
    }
}

#[test]
fn every_spec_example_round_trips_through_the_generated_types() {
    let spec: Value = serde_yaml_ng::from_str(SPEC).unwrap();
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(id) = operation.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let at = format!("{method} {path}");
            if let Some(media) = operation.pointer("/requestBody/content/application~1json") {
                for (name, example) in examples_of(media) {
                    checked += check_request(id, &example, &format!("{at} request {name}"));
                }
            }
            let media = operation
                .pointer("/responses/200/content/application~1json")
                .unwrap_or_else(|| panic!("{at} has no JSON 200 response"));
            for (name, example) in examples_of(media) {
                checked += check_response(id, &example, &format!("{at} 200 {name}"));
            }
        }
    }
    let error = &spec["components"]["responses"]["Error"]["content"]["application/json"];
    for (name, example) in examples_of(error) {
        checked += round_trip::<types::ErrorResponse>(&example, &format!("Error {name}"));
    }
    // 6 operations' 200 examples (two for the list), 2 request bodies, 1 error envelope.
    assert_eq!(checked, 10, "every example in the spec was checked");
}

#[test]
fn drift_decodes_and_keeps_the_raw_values() {
    let body = serde_json::json!({
        "code": 0, "msg": "success",
        "data": { "items": [{
            "app_id": "cli_1", "status": 7, "scene_type": 0, "create_source": "martian",
            "scopes": [{ "scope": "x", "level": 4, "token_types": ["robot"] }],
            "i18n": [{ "i18n_key": "eo_eo", "name": "Saluton" }],
            "owner": { "type": 9, "brand_new": { "nested": [1, 2] } },
            "added_in_2027": "yes"
        }], "has_more": false, "new_page_field": 1 }
    });
    let decoded: types::ListUnderAuditAppsResponse = serde_json::from_value(body.clone()).unwrap();
    let data = decoded.data.as_ref().unwrap();
    let app = &data.items[0];
    assert_eq!(app.status, Some(types::AppStatus::Undocumented(7)));
    assert_eq!(
        app.create_source,
        Some(types::CreateSource::Undocumented("martian".into()))
    );
    assert_eq!(
        app.scopes[0].level,
        Some(types::ScopeLevel::Undocumented(4))
    );
    assert_eq!(
        app.scopes[0].token_types,
        vec![types::TokenType::Undocumented("robot".into())]
    );
    assert_eq!(
        app.i18n[0].i18n_key,
        Some(types::I18nKey::Undocumented("eo_eo".into()))
    );
    assert_eq!(app.extra["added_in_2027"], "yes");
    assert_eq!(
        app.owner.as_ref().unwrap().extra["brand_new"]["nested"][1],
        2
    );
    assert_eq!(data.extra["new_page_field"], 1);
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        body,
        "nothing is lost on re-encoding"
    );
}

#[test]
fn documented_enum_values_decode_into_named_variants() {
    assert_eq!(
        types::ScopeLevel::from_value(3),
        types::ScopeLevel::SuperSensitive
    );
    assert_eq!(
        types::VersionStatus::from_value(2),
        types::VersionStatus::Rejected
    );
    assert!(types::ScopeLevel::Undocumented(9).description().is_none());
    assert_eq!(
        types::ScopeLevel::Normal.description(),
        Some("Normal scope")
    );
    let level: types::ScopeLevel = serde_json::from_str("2").unwrap();
    assert_eq!(level, types::ScopeLevel::Advanced);
}

#[test]
fn request_enums_are_closed() {
    let error = serde_json::from_str::<types::PatchVersionStatus>("7").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("7 is not a documented PatchVersionStatus"),
        "{error}"
    );
    assert_eq!(types::PatchVersionStatus::from_value(7), None);
    let error = serde_json::from_str::<types::Lang>("\"xx\"").unwrap_err();
    assert!(error.to_string().contains("zh_cn"), "{error}");
    assert_eq!(
        serde_json::to_string(&types::PatchVersionStatus::Rejected).unwrap(),
        "2"
    );
    assert_eq!(
        serde_json::to_string(&types::Lang::EnUs).unwrap(),
        "\"en_us\""
    );
}

#[test]
fn every_documented_error_code_is_in_the_table() {
    use feishu_application::error_codes::{ErrorCode, error_code_doc};
    let doc = error_code_doc("list_under_audit_apps", 210502).unwrap();
    assert_eq!(doc.code, ErrorCode::PageSizeOutOfRange);
    assert_eq!(doc.http_status, 400);
    assert!(doc.hint.contains("[1, 50]"));
    // An operation's own code is not found under another operation...
    assert!(error_code_doc("list_under_audit_apps", 211002).is_none());
    // ...but the platform codes are found under every one.
    assert_eq!(
        error_code_doc("patch_app_version", 99991663).unwrap().code,
        ErrorCode::TenantAccessTokenInvalid
    );
    assert_eq!(
        ErrorCode::from_code(210508),
        Some(ErrorCode::InsufficientPermissionLevel)
    );
    assert_eq!(ErrorCode::from_code(1), None);
    for code in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_code(code.code()), Some(*code));
    }
}
