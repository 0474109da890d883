//! Every response example of the Feishu doc pages and of the spec validates clean: no
//! violation, no drift.

use crate::support::{fixture, fixture_bytes};
use feishu_validate::Validator;
use serde_json::Value;

const SPEC: &str = include_str!("../../../spec/feishu-application-v6.yaml");

fn assert_clean(operation: &str, status: u16, name: &str) {
    let report = Validator::workspace()
        .validate(operation, status, &fixture_bytes(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        report.is_clean(),
        "{name} as {operation} {status}: {report:#?}"
    );
}

#[test]
fn underauditlist_example_of_2025_is_clean() {
    assert_clean(
        "list_under_audit_apps",
        200,
        "list_under_audit_apps.200.json",
    );
}

#[test]
fn underauditlist_example_of_2023_older_shape_is_clean() {
    assert_clean(
        "list_under_audit_apps",
        200,
        "list_under_audit_apps.200.older_2023.json",
    );
}

#[test]
fn get_version_example_is_clean() {
    assert_clean("get_app_version", 200, "get_app_version.200.json");
}

#[test]
fn patch_response_example_is_clean() {
    assert_clean("patch_app_version", 200, "patch_app_version.200.json");
}

#[test]
fn tenant_access_token_answer_is_clean() {
    assert_clean(
        "get_tenant_access_token",
        200,
        "get_tenant_access_token.200.json",
    );
}

#[test]
fn the_error_envelope_is_clean_for_every_operation_and_error_status() {
    for operation in Validator::workspace().operations() {
        for status in [400, 403, 429, 500, 503] {
            assert_clean(operation, status, "error.400.json");
        }
    }
}

/// The operations other tools rely on by name are there, in a stable order; `docs add` may add
/// others, so the list is not pinned whole.
#[test]
fn the_workspace_documents_the_fixed_operations_in_order() {
    let operations: Vec<&str> = Validator::workspace().operations().collect();
    for fixed in [
        "get_app_version",
        "get_tenant_access_token",
        "list_under_audit_apps",
        "patch_app_version",
    ] {
        assert!(operations.contains(&fixed), "{fixed}: {operations:?}");
    }
    assert!(
        operations.is_sorted_by(|a, b| a < b),
        "sorted, no duplicates: {operations:?}"
    );
}

/// The spec's own response examples, read from the text embedded at compile time.
#[test]
fn every_response_example_in_the_spec_is_clean() {
    let spec: Value = serde_yaml_ng::from_str(SPEC).expect("the spec is YAML");
    let mut checked = 0;
    for item in spec["paths"].as_object().expect("paths").values() {
        for operation in item.as_object().expect("path item").values() {
            let Some(id) = operation["operationId"].as_str() else {
                continue;
            };
            for (key, response) in operation["responses"].as_object().expect("responses") {
                let response = match response["$ref"].as_str() {
                    Some(reference) => spec
                        .pointer(reference.trim_start_matches('#'))
                        .expect("the response $ref resolves"),
                    None => response,
                };
                let status = match key.as_str() {
                    "4XX" => 400,
                    "5XX" => 500,
                    code => code.parse().expect("a status code"),
                };
                let media = &response["content"]["application/json"];
                let mut examples: Vec<&Value> = media["examples"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(_, e)| &e["value"])
                    .collect();
                examples.extend(media.get("example"));
                for example in examples {
                    let report = Validator::workspace()
                        .validate_value(id, status, example)
                        .expect("checkable");
                    assert!(report.is_clean(), "{id} {key}: {report:#?}");
                    checked += 1;
                }
            }
        }
    }
    // 5 operation examples (2 for the pending list) + the error example for 2 keys of 4 operations.
    assert!(checked >= 13, "checked only {checked} examples");
}

#[test]
fn the_doc_fixtures_are_what_the_spec_quotes() {
    let spec: Value = serde_yaml_ng::from_str(SPEC).expect("the spec is YAML");
    let examples = &spec["paths"]["/open-apis/application/v6/applications/underauditlist"]["get"]["responses"]
        ["200"]["content"]["application/json"]["examples"];
    assert_eq!(
        examples["current"]["value"],
        fixture("list_under_audit_apps.200.json")
    );
    assert_eq!(
        examples["older_2023"]["value"],
        fixture("list_under_audit_apps.200.older_2023.json")
    );
}
