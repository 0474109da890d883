//! The sparse report path (`fast::sparse`) on lists with findings inside and outside the
//! items: it leaves the clean items out, and `validate` still gives exactly the report of
//! `validate_value` on the whole body. (The differential tests compare the two on every
//! fixture and mutation too, and cover the count limits of the features spec; these make
//! sure the sparse tree is really taken, or given up.)

use serde_json::{Value, json};

use crate::Validator;

const LIST: &str = "list_under_audit_apps";

/// A list of `count` apps, each the doc example's app with its own id.
fn list(count: usize) -> Value {
    let example: Value = serde_json::from_slice(include_bytes!(
        "../../tests/fixtures/list_under_audit_apps.200.json"
    ))
    .expect("the fixture is JSON");
    let items: Vec<Value> = (0..count)
        .map(|i| {
            let mut app = example["data"]["items"][0].clone();
            app["app_id"] = json!(format!("cli_{i:016x}"));
            app
        })
        .collect();
    json!({"code": 0, "msg": "success", "data": {"items": items, "has_more": false}})
}

/// `validate` and `validate_value` give the same report, which has findings; returns how
/// many items the sparse tree left out.
fn same_report(body: &Value) -> Option<usize> {
    let validator = Validator::workspace();
    let bytes = serde_json::to_vec(body).expect("serializable");
    let via_bytes = validator.validate(LIST, 200, &bytes).expect("checkable");
    let whole = validator
        .validate_value(LIST, 200, body)
        .expect("checkable");
    assert_eq!(via_bytes, whole);
    assert!(!whole.is_clean(), "the body was meant to have findings");
    validator.sparse_left_out(LIST, 200, &bytes)
}

#[test]
fn clean_items_are_left_out_and_findings_inside_and_outside_the_list_stay() {
    let mut body = list(50);
    body["data"]["items"][40]["status"] = json!("one");
    body["data"]["items"][45]["new_member"] = json!(true);
    body["data"]["items"][7]["scopes"][0]["level"] = json!(-5);
    body["data"]["undocumented"] = json!({"x": 1});
    body["code"] = json!("0");
    body["data"]
        .as_object_mut()
        .expect("an object")
        .remove("has_more");
    assert_eq!(same_report(&body), Some(47));
}

#[test]
fn a_duplicate_member_over_left_out_items_gives_the_sparse_tree_up() {
    let good = serde_json::to_string(&list(3)["data"]["items"]).expect("serializable");
    let text = format!(
        r#"{{"code":0,"msg":"ok","data":{{"has_more":false,"items":{good},"items":[{{"app_id":7}}]}}}}"#
    );
    let body: Value = serde_json::from_str(&text).expect("JSON");
    let validator = Validator::workspace();
    let whole = validator
        .validate_value(LIST, 200, &body)
        .expect("checkable");
    assert!(!whole.is_valid());
    let via_bytes = validator
        .validate(LIST, 200, text.as_bytes())
        .expect("checkable");
    assert_eq!(via_bytes, whole);
    assert_eq!(validator.sparse_left_out(LIST, 200, text.as_bytes()), None);
}

#[test]
fn an_object_serde_json_reads_as_raw_json_is_left_to_serde_json() {
    // With serde_json's `raw_value` feature (on in the workspace's CLI), an object whose only
    // member has this name is read by `Value` as the JSON in its string; without it, as an
    // object. Either way `validate` must give the report of `validate_value`.
    let mut inner = list(3);
    inner["data"]["has_more"] = json!(7);
    let text = serde_json::to_string(&json!({
        "$serde_json::private::RawValue": serde_json::to_string(&inner).expect("serializable")
    }))
    .expect("serializable");
    let body: Value = serde_json::from_str(&text).expect("JSON");
    let validator = Validator::workspace();
    let whole = validator
        .validate_value(LIST, 200, &body)
        .expect("checkable");
    assert!(!whole.is_clean());
    let via_bytes = validator
        .validate(LIST, 200, text.as_bytes())
        .expect("checkable");
    assert_eq!(via_bytes, whole);
}

#[test]
fn a_list_cut_short_anywhere_gets_the_error_of_a_whole_parse() {
    // The sparse tree reports bytes that are not JSON itself, without a whole tree: the
    // error must be the one a parse into `Value` gives, wherever the bytes stop.
    let mut body = list(3);
    body["data"]["items"][1]["status"] = json!("one");
    let bytes = serde_json::to_vec(&body).expect("serializable");
    let validator = Validator::workspace();
    for end in 0..bytes.len() {
        let cut = &bytes[..end];
        let whole = serde_json::from_slice::<Value>(cut).expect_err("cut short");
        let expected = crate::Error::not_json(&whole).to_string();
        let got = validator.validate(LIST, 200, cut).expect_err("cut short");
        assert_eq!(got.to_string(), expected, "cut after {end} bytes");
    }
}
