//! Differential tests: the fast path against the `Value` path, on the docs' examples, every
//! fixture, bodies at serde_json's depth limit, and property-generated mutations of valid
//! bodies (a type changed, a member removed or added, an enum or number changed, nesting
//! deepened), with a fixed seed and a bounded number of cases.
//!
//! For every body both paths must agree: the fast verdict is "clean" exactly when the
//! `Value` path's report is clean, and `validate` (fast path first, then the sparse tree of
//! `fast::sparse` for a body with a finding) gives the very report (or error) of
//! `validate_value` on the parsed body. The spec's own examples are compared in
//! `spec_examples`.

use feishu_wire::pointer::{Pointer, escape_segment};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

use crate::{Error, Validator};

/// The fixtures: (operation, status, bytes). The first five are the docs' examples.
const FIXTURES: &[(&str, u16, &[u8])] = &[
    (
        "list_under_audit_apps",
        200,
        include_bytes!("../../tests/fixtures/list_under_audit_apps.200.json"),
    ),
    (
        "list_under_audit_apps",
        200,
        include_bytes!("../../tests/fixtures/list_under_audit_apps.200.older_2023.json"),
    ),
    (
        "get_app_version",
        200,
        include_bytes!("../../tests/fixtures/get_app_version.200.json"),
    ),
    (
        "patch_app_version",
        200,
        include_bytes!("../../tests/fixtures/patch_app_version.200.json"),
    ),
    (
        "get_tenant_access_token",
        200,
        include_bytes!("../../tests/fixtures/get_tenant_access_token.200.json"),
    ),
    (
        "get_app_version",
        400,
        include_bytes!("../../tests/fixtures/error.400.json"),
    ),
];

/// A spec with what the workspace spec lacks but the fast path implements: `nullable`,
/// `writeOnly`, exclusive and fractional bounds, `multipleOf`, `format`, `pattern`, lengths,
/// item and member counts, enums of several types, `additionalProperties` in all three
/// forms, free-form values and recursion.
const FEATURES_SPEC: &str = r##"
openapi: 3.0.3
info: {title: differential, version: '1'}
paths:
  /things:
    get:
      operationId: get_thing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [id, label, kind]
      properties:
        id: {type: integer, format: int64, minimum: 1}
        secret: {type: string, writeOnly: true}
        label: {type: string, nullable: true, minLength: 1, maxLength: 8}
        kind: {$ref: '#/components/schemas/Kind'}
        ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1.5}
        step: {type: number, multipleOf: 0.5}
        when: {type: string, format: date-time}
        code: {type: string, pattern: '^[A-Z]{2}[0-9]+$'}
        flags: {type: integer, enum: [1, 2, 4]}
        'on': {type: boolean, enum: [true]}
        level: {enum: [1, 2.5, high], nullable: true}
        children:
          type: array
          maxItems: 3
          items: {$ref: '#/components/schemas/Thing'}
        tags:
          type: object
          maxProperties: 3
          additionalProperties: {type: string, maxLength: 4}
        extra:
          type: object
          properties: {a: {type: string}}
          additionalProperties: true
        free: {type: object}
        anything: {}
        small: {type: integer, format: int32}
    Kind: {type: string, enum: [a, b]}
"##;

fn features() -> &'static Validator {
    static FEATURES: std::sync::OnceLock<Validator> = std::sync::OnceLock::new();
    FEATURES.get_or_init(|| Validator::from_spec_str(FEATURES_SPEC).expect("usable spec"))
}

fn feature_bodies() -> Vec<Value> {
    vec![
        json!({"id": 1, "label": "a", "kind": "a"}),
        json!({
            "id": 5, "label": null, "kind": "b", "ratio": 0.5, "step": 1.5,
            "when": "2024-01-01T00:00:00Z", "code": "AB12", "flags": 2, "on": true,
            "level": "high", "children": [{"id": 2, "label": "x", "kind": "a", "level": 2.5}],
            "tags": {"a": "b", "c": ""}, "extra": {"a": "x", "z": [1, {"q": null}]},
            "free": {"k": {"deep": [1]}}, "anything": [1, "x", {"y": false}], "small": 7
        }),
        // At the limits: 3 children (maxItems), 3 tags (maxProperties), 8-char label.
        json!({
            "id": 9_223_372_036_854_775_807_i64, "label": "八个字符八个字符", "kind": "a",
            "ratio": 1.5, "small": -2_147_483_648,
            "children": [
                {"id": 1, "label": "a", "kind": "a"},
                {"id": 2, "label": "b", "kind": "b", "tags": {}},
                {"id": 3, "label": null, "kind": "a", "children": []}
            ],
            "tags": {"a": "abcd", "b": "", "c": "x"}
        }),
    ]
}

/// Both paths agree on `bytes`; `Err` says how they differ.
fn agree(validator: &Validator, operation: &str, status: u16, bytes: &[u8]) -> Result<(), String> {
    let fast = validator
        .fast_verdict(operation, status, bytes)
        .ok_or("the schema has no fast form")?;
    let via_bytes = validator.validate(operation, status, bytes);
    let parsed: Value = match serde_json::from_slice(bytes) {
        Ok(parsed) => parsed,
        Err(error) => {
            let expected = Error::not_json(&error).to_string();
            return match (fast, via_bytes) {
                (false, Err(got @ Error::NotJson { .. })) if got.to_string() == expected => Ok(()),
                (fast, other) => Err(format!(
                    "not JSON ({expected}), yet fast={fast}, validate={other:?}"
                )),
            };
        }
    };
    let report = validator
        .validate_value(operation, status, &parsed)
        .map_err(|e| e.to_string())?;
    if fast != report.is_clean() {
        return Err(format!("fast verdict clean={fast}, Value path {report:#?}"));
    }
    match via_bytes {
        Ok(same) if same == report => Ok(()),
        other => Err(format!(
            "validate gave {other:?}, validate_value {report:#?}"
        )),
    }
}

fn assert_agree(validator: &Validator, operation: &str, status: u16, bytes: &[u8]) {
    if let Err(why) = agree(validator, operation, status, bytes) {
        panic!(
            "{operation} {status} on {}: {why}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn every_workspace_response_has_a_fast_schema() {
    let validator = Validator::workspace();
    for operation in validator.operations() {
        for status in [200, 400, 500] {
            assert!(
                validator.fast_verdict(operation, status, b"{}").is_some(),
                "{operation} {status} takes the Value path only"
            );
        }
    }
}

#[test]
fn the_paths_agree_on_the_docs_examples_and_every_fixture() {
    for &(operation, status, bytes) in FIXTURES {
        assert_agree(Validator::workspace(), operation, status, bytes);
        assert_eq!(
            Validator::workspace().fast_verdict(operation, status, bytes),
            Some(true),
            "{operation}: the fixtures are clean"
        );
    }
    for operation in Validator::workspace().operations() {
        for status in [400, 403, 429, 500, 503] {
            assert_agree(Validator::workspace(), operation, status, FIXTURES[5].2);
        }
    }
    for body in feature_bodies() {
        let bytes = serde_json::to_vec(&body).expect("serializable");
        assert_agree(features(), "get_thing", 200, &bytes);
    }
}

#[test]
fn the_paths_agree_at_and_past_each_limit_of_the_features_spec() {
    let child = json!({"id": 1, "label": "a", "kind": "a"});
    let edits = [
        json!({"tags": {"a": "", "b": "", "c": "", "d": ""}}),
        json!({"children": [child, child, child, child]}),
        json!({"label": "123456789"}),
        json!({"label": ""}),
        json!({"id": 0}),
        json!({"id": 1.0}),
        json!({"ratio": 0}),
        json!({"ratio": 1.5000001}),
        json!({"small": 2_147_483_648_i64}),
        json!({"step": 0.25}),
        json!({"step": 3}),
        json!({"when": "yesterday"}),
        json!({"code": "A1"}),
        json!({"flags": 3}),
        json!({"flags": 4.0}),
        json!({"on": false}),
        json!({"level": 2.50}),
        json!({"level": null}),
        json!({"level": "low"}),
        json!({"secret": "s"}),
        json!({"extra": {"b": 1}}),
        json!({"extra": {"a": 1}}),
        json!({"kind": null}),
    ];
    for edit in edits {
        let mut body = json!({"id": 1, "label": "a", "kind": "a"});
        for (key, value) in edit.as_object().expect("an object") {
            body[key] = value.clone();
        }
        let bytes = serde_json::to_vec(&body).expect("serializable");
        assert_agree(features(), "get_thing", 200, &bytes);
    }
}

#[test]
fn the_paths_agree_at_and_past_the_depth_limit() {
    for depth in [1, 100, 126, 127, 128, 129, 100_000] {
        let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        for member in ["anything", "free", "extra", "tags"] {
            let body = format!(r#"{{"id":1,"label":"a","kind":"a","{member}":{nested}}}"#);
            assert_agree(features(), "get_thing", 200, body.as_bytes());
        }
        let data = format!(r#"{{"code":0,"msg":"x","data":{nested}}}"#);
        assert_agree(
            Validator::workspace(),
            "patch_app_version",
            200,
            data.as_bytes(),
        );
    }
}

#[test]
fn the_paths_agree_on_objects_serde_json_reads_as_raw_json() {
    // With serde_json's `raw_value` feature (on in workspace builds), `Value` reads an object
    // whose only member is this name as the JSON in its string, or fails on more members.
    let name = "$serde_json::private::RawValue";
    let bodies = [
        json!({"id": 1, "label": "a", "kind": "a", "tags": {name: "5"}}),
        json!({"id": 1, "label": "a", "kind": "a", "free": {name: "[1"}}),
        json!({"id": 1, "label": "a", "kind": "a", "extra": {name: "{}", "a": "x"}}),
        json!({name: r#"{"id": 1, "label": "a", "kind": "a"}"#}),
    ];
    // The fast path calls these "not known clean" (a verdict, not a report), so only the
    // reports are compared.
    let validator = features();
    for body in bodies {
        let bytes = serde_json::to_vec(&body).expect("serializable");
        let via_bytes = validator.validate("get_thing", 200, &bytes);
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(parsed) => {
                let whole = validator.validate_value("get_thing", 200, &parsed);
                assert_eq!(via_bytes.ok(), whole.ok(), "{body}");
            }
            Err(_) => assert!(matches!(via_bytes, Err(Error::NotJson { .. })), "{body}"),
        }
    }
}

#[test]
fn the_paths_agree_on_bytes_that_are_not_json() {
    for bytes in [
        &b""[..],
        b"{",
        b"{\"code\":0}x",
        b"[1,]",
        b"\"\\ud800\"",
        b"\xff",
    ] {
        assert_agree(Validator::workspace(), "patch_app_version", 200, bytes);
    }
    // Broken UTF-8 and lone surrogates in names and strings, checked and free-form alike.
    let head = &br#"{"id":1,"label":"a","kind":"a","#[..];
    let tails: [&[u8]; 8] = [
        b"\"free\":{\"\xff\":1}}",
        b"\"free\":{\"k\":\"\xff\"}}",
        b"\"anything\":[\"\xc3\"]}",
        br#""free":{"\udc00":1}}"#,
        br#""anything":"\ud800x"}"#,
        b"\"label\":\"\xe4\xb8\"}",
        b"\"\xff\":1}",
        br#""free":{"\u00e9":"\u00e9"}}"#,
    ];
    for tail in tails {
        let body = [head, tail].concat();
        assert_agree(features(), "get_thing", 200, &body);
    }
}

/// One edit of a body: what to do, where (an index into the body's pointers, wrapped) and a
/// number the edit draws its new value from.
#[derive(Debug, Clone)]
struct Mutation {
    kind: u8,
    at: usize,
    payload: u64,
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    proptest::collection::vec(
        (0u8..6, any::<usize>(), any::<u64>()).prop_map(|(kind, at, payload)| Mutation {
            kind,
            at,
            payload,
        }),
        1..4,
    )
}

/// Values of every type, for retyping and for added members.
fn any_value(payload: u64) -> Value {
    let values = [
        Value::Null,
        json!(true),
        json!(false),
        json!(7),
        json!(-3),
        json!(1.5),
        json!(""),
        json!("text"),
        json!([]),
        json!({}),
        json!([1, "a"]),
        json!({"code": 0}),
    ];
    values[(payload % values.len() as u64) as usize].clone()
}

/// Numbers around enums, int32/int64 and u64 limits, fractions and huge floats.
fn number(payload: u64) -> Value {
    let numbers = [
        json!(0),
        json!(1),
        json!(2),
        json!(3),
        json!(4),
        json!(9),
        json!(-1),
        json!(2_147_483_647),
        json!(2_147_483_648_i64),
        json!(-2_147_483_649_i64),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1.0),
        json!(0.5),
        json!(2.5),
        json!(-0.0),
        json!(1e300),
        json!(9_223_372_036_854_775_808.0),
        json!(2_147_483_647.5),
    ];
    numbers[(payload % numbers.len() as u64) as usize].clone()
}

/// Strings: enum values of the specs, lengths around limits, formats and patterns.
fn text(payload: u64) -> Value {
    let texts = [
        "",
        "a",
        "b",
        "c",
        "high",
        "zh_cn",
        "en_us",
        "open_id",
        "user_id",
        "AB12",
        "ab12",
        "2024-01-01T00:00:00Z",
        "2024-13-01",
        "123456789",
        "中文字符",
        "a/b~c",
        "t-secret",
    ];
    Value::from(texts[(payload % texts.len() as u64) as usize])
}

/// Member names: documented ones (in and out of place) and undocumented ones.
fn member_name(payload: u64) -> String {
    let names = [
        "code",
        "msg",
        "data",
        "items",
        "app_id",
        "status",
        "scopes",
        "level",
        "has_more",
        "page_token",
        "id",
        "label",
        "kind",
        "tags",
        "secret",
        "new_member",
        "",
        "a/b~c",
    ];
    names[(payload % names.len() as u64) as usize].to_owned()
}

fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                let escaped = escape_segment(key);
                pointers(member, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn apply(body: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(body, String::new(), &mut all);
    let pointer = all[mutation.at % all.len()].clone();
    let payload = mutation.payload;
    if mutation.kind == 1 {
        remove(body, &pointer);
        return;
    }
    let Some(target) = body.pointer_mut(&pointer) else {
        return;
    };
    match mutation.kind {
        0 => *target = any_value(payload),
        2 => match target {
            Value::Object(members) => {
                let value = if payload & 1 == 0 {
                    text(payload >> 8)
                } else {
                    any_value(payload >> 8)
                };
                members.insert(member_name(payload >> 1), value);
            }
            Value::Array(items) => {
                let item = items.first().cloned().unwrap_or_else(|| any_value(payload));
                items.push(item);
            }
            other => *other = any_value(payload),
        },
        3 => *target = number(payload),
        4 => *target = text(payload),
        _ => {
            for level in 0..=(payload >> 1) % 3 {
                let inner = target.take();
                *target = if (payload >> level) & 1 == 0 {
                    json!([inner])
                } else {
                    json!({ "nested": inner })
                };
            }
        }
    }
}

fn remove(body: &mut Value, pointer: &str) {
    let Some((parent, Ok(key))) = Pointer::split_last(pointer) else {
        return;
    };
    match body.pointer_mut(parent) {
        Some(Value::Object(members)) => {
            members.remove(key.as_ref());
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = key.parse::<usize>() {
                items.remove(index);
            }
        }
        _ => {}
    }
}

/// A runner with a fixed seed: CI runs the same cases every time.
fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[14; 32]))
}

fn mutated_bodies_agree(validator: &Validator, bases: &[(&str, u16, Value)], cases: u32) {
    let strategy = (0..bases.len(), mutations());
    let result = runner(cases).run(&strategy, |(base, edits)| {
        let (operation, status, body) = &bases[base];
        let mut body = body.clone();
        for edit in &edits {
            apply(&mut body, edit);
        }
        let bytes = serde_json::to_vec(&body).expect("serializable");
        agree(validator, operation, *status, &bytes).map_err(TestCaseError::fail)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

#[test]
fn the_paths_agree_on_mutated_workspace_bodies() {
    let mut bases: Vec<(&str, u16, Value)> = FIXTURES
        .iter()
        .map(|&(operation, status, bytes)| {
            let body = serde_json::from_slice(bytes).expect("fixtures are JSON");
            (operation, status, body)
        })
        .collect();
    // A list of several apps, so that mutations land in some items while the sparse report
    // path leaves the others out.
    let mut list = bases[0].2.clone();
    let app = list["data"]["items"][0].clone();
    list["data"]["items"] = Value::Array(vec![app; 4]);
    bases.push(("list_under_audit_apps", 200, list));
    mutated_bodies_agree(Validator::workspace(), &bases, 3_000);
}

#[test]
fn the_paths_agree_on_mutated_bodies_of_the_features_spec() {
    let bases: Vec<(&str, u16, Value)> = feature_bodies()
        .into_iter()
        .map(|body| ("get_thing", 200, body))
        .collect();
    mutated_bodies_agree(features(), &bases, 3_000);
}
