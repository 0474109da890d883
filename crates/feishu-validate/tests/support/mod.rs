//! Helpers shared by the integration tests: fixtures and small body edits.

#![allow(dead_code)]

use feishu_wire::pointer::Pointer;
use serde_json::{Value, json};

/// The bytes of `tests/fixtures/NAME`.
pub(crate) fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// `tests/fixtures/NAME` parsed.
pub(crate) fn fixture(name: &str) -> Value {
    serde_json::from_slice(&fixture_bytes(name)).expect("fixtures are JSON")
}

/// The fixture with the value at `pointer` replaced (or a member added: the parent must exist).
pub(crate) fn with(mut body: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = Pointer::split_last(pointer).expect("a non-root pointer");
    let key = key.expect("a well-escaped pointer").into_owned();
    match body.pointer_mut(parent).expect("the parent exists") {
        Value::Object(members) => {
            members.insert(key, value);
        }
        Value::Array(items) => items[key.parse::<usize>().expect("an index")] = value,
        other => panic!("{parent} is {other}, not a container"),
    }
    body
}

/// The fixture without the member at `pointer`.
pub(crate) fn without(mut body: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("a non-root pointer");
    body.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("the parent is an object")
        .remove(key)
        .expect("the member exists");
    body
}

/// A pending list of `count` apps, each the doc example's app with its own ids and names
/// (the 1,000-app body of the bench and the allocation test).
pub(crate) fn pending_list(count: usize) -> Vec<u8> {
    let example = fixture("list_under_audit_apps.200.json");
    let template = &example["data"]["items"][0];
    let items: Vec<Value> = (0..count)
        .map(|i| {
            let mut app = template.clone();
            app["app_id"] = json!(format!("cli_{i:016x}"));
            app["app_name"] = json!(format!("应用 {i}"));
            app["unaudit_version_id"] = json!(format!("oav_{i:032x}"));
            app["status"] = json!(i % 4);
            app["scene_type"] = json!(i % 3);
            app
        })
        .collect();
    let body = json!({
        "code": 0,
        "msg": "success",
        "data": {"items": items, "has_more": true, "page_token": "new-xxxxxxxxxxx"}
    });
    serde_json::to_vec(&body).expect("serializable")
}
