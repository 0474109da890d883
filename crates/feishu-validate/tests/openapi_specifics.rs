//! OpenAPI 3.0 specifics, end to end on a small spec given as text: `nullable`, `$ref`
//! siblings, `example`, `readOnly`/`writeOnly`, `x-` extensions, refs into any part of the
//! document, recursion, compositions, and the choice of a response by status.

use feishu_validate::{DriftKind, Report, Validator};
use serde_json::{Value, json};

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: specifics, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: get_thing
      responses:
        200:
          description: unquoted status key
          content:
            application/json; charset=utf-8:
              schema:
                $ref: '#/components/schemas/Thing'
        4xx:
          description: a lower-case range
          content:
            application/problem+json:
              schema:
                type: object
                required: [title]
                properties:
                  title: {type: string}
                  inner:
                    type: object
                    properties:
                      n: {type: integer}
        default:
          description: anything else
          content:
            application/json:
              schema:
                $ref: '#/paths/~1things~1{id}/get/responses/4xx/content/application~1problem+json/schema/properties/inner'
components:
  schemas:
    Thing:
      type: object
      required: [id, secret, label]
      x-internal: {type: integer}
      example: {id: 'not even checked'}
      properties:
        id: {type: integer, readOnly: true}
        secret: {type: string, writeOnly: true}
        label:
          type: string
          nullable: true
          example: 42
        color:
          type: string
          nullable: true
          enum: [red, green]
        shade:
          $ref: '#/components/schemas/Shade'
          nullable: true
          type: integer
          description: siblings of a $ref are ignored in OpenAPI 3.0
        size:
          type: number
          minimum: 0
          exclusiveMinimum: true
        children:
          type: array
          items: {$ref: '#/components/schemas/Thing'}
        tags:
          type: object
          additionalProperties: {type: string}
        extra:
          type: object
          properties: {a: {type: string}}
          additionalProperties: true
        free: {type: object}
        closed:
          type: object
          properties: {a: {type: string}}
          additionalProperties: false
        mixed:
          allOf:
            - {$ref: '#/components/schemas/Named'}
            - type: object
              properties: {age: {type: integer}}
    Shade:
      type: string
      enum: [light, dark]
    Named:
      type: object
      required: [name]
      properties: {name: {type: string}}
"##;

fn validator() -> Validator {
    Validator::from_spec_str(SPEC).expect("the spec is usable")
}

fn thing(extra: Value) -> Value {
    let mut body = json!({"id": 1, "label": "a"});
    body.as_object_mut()
        .expect("object")
        .extend(extra.as_object().expect("object").clone());
    body
}

fn check(body: &Value) -> Report {
    validator()
        .validate_value("get_thing", 200, body)
        .expect("checkable")
}

fn violations(report: &Report) -> Vec<(&str, &str)> {
    report
        .violations
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword.as_str()))
        .collect()
}

fn drift(report: &Report) -> Vec<(&str, DriftKind)> {
    report
        .drift
        .iter()
        .map(|d| (d.pointer.as_str(), d.kind))
        .collect()
}

#[test]
fn a_minimal_body_is_clean() {
    assert!(
        check(&thing(json!({}))).is_clean(),
        "{:#?}",
        check(&thing(json!({})))
    );
}

#[test]
fn nullable_allows_null_and_only_there() {
    assert!(check(&thing(json!({"label": null}))).is_clean());
    let report = check(&thing(json!({"id": null})));
    assert_eq!(violations(&report), [("/id", "type")]);
}

#[test]
fn a_nullable_enum_takes_null_without_drift() {
    assert!(check(&thing(json!({"color": null}))).is_clean());
    let report = check(&thing(json!({"color": "blue"})));
    assert_eq!(drift(&report), [("/color", DriftKind::UnknownEnumValue)]);
}

#[test]
fn ref_siblings_are_ignored() {
    // `type: integer` and `nullable: true` beside the $ref do not apply.
    assert!(check(&thing(json!({"shade": "dark"}))).is_clean());
    assert_eq!(
        violations(&check(&thing(json!({"shade": null})))),
        [("/shade", "type")]
    );
    assert_eq!(
        violations(&check(&thing(json!({"shade": 3})))),
        [("/shade", "type")]
    );
    assert_eq!(
        drift(&check(&thing(json!({"shade": "pale"})))),
        [("/shade", DriftKind::UnknownEnumValue)]
    );
}

#[test]
fn examples_and_extensions_are_not_constraints() {
    // `example: 42` on label and `x-internal` on Thing change nothing.
    assert!(check(&thing(json!({"label": "text"}))).is_clean());
}

#[test]
fn write_only_members_are_not_required_in_a_response_and_must_not_appear() {
    // `secret` is required but writeOnly: its absence is fine.
    assert!(check(&thing(json!({}))).is_valid());
    let report = check(&thing(json!({"secret": "s3cr3t"})));
    assert_eq!(violations(&report), [("/secret", "writeOnly")]);
    assert!(
        !report.violations[0].message.contains("s3cr3t"),
        "no secret in messages"
    );
}

#[test]
fn read_only_members_stay_required_in_a_response() {
    let report = check(&json!({"label": "a"}));
    assert_eq!(violations(&report), [("", "required")]);
    assert!(report.violations[0].message.contains("\"id\""));
}

#[test]
fn boolean_exclusive_minimum() {
    assert!(check(&thing(json!({"size": 0.1}))).is_clean());
    assert_eq!(
        violations(&check(&thing(json!({"size": 0})))),
        [("/size", "exclusiveMinimum")]
    );
}

#[test]
fn recursive_schemas_are_checked_at_any_depth() {
    let body = thing(json!({"children": [{"id": 2, "label": null,
        "children": [{"id": "3", "label": "c", "hue": 1}]}]}));
    let report = check(&body);
    assert_eq!(violations(&report), [("/children/0/children/0/id", "type")]);
    assert_eq!(
        drift(&report),
        [("/children/0/children/0/hue", DriftKind::UndocumentedField)]
    );
}

#[test]
fn additional_properties_document_members() {
    assert!(
        check(&thing(
            json!({"tags": {"any": "x"}, "extra": {"b": 1}, "free": {"z": 1}})
        ))
        .is_clean()
    );
    assert_eq!(
        violations(&check(&thing(json!({"tags": {"any": 1}})))),
        [("/tags/any", "type")]
    );
}

#[test]
fn additional_properties_false_makes_unlisted_members_drift_not_violations() {
    let report = check(&thing(json!({"closed": {"a": "x", "b": 1}})));
    assert!(report.is_valid(), "{report:#?}");
    assert_eq!(
        drift(&report),
        [("/closed/b", DriftKind::UndocumentedField)]
    );
}

#[test]
fn all_of_branches_document_members_together() {
    assert!(check(&thing(json!({"mixed": {"name": "n", "age": 3}}))).is_clean());
    let report = check(&thing(json!({"mixed": {"age": 3, "weight": 1}})));
    assert_eq!(violations(&report), [("/mixed", "required")]);
    assert_eq!(
        drift(&report),
        [("/mixed/weight", DriftKind::UndocumentedField)]
    );
}

#[test]
fn responses_are_chosen_exact_then_range_then_default() {
    let v = validator();
    let problem = json!({"title": "t", "inner": {"n": 1}});
    assert!(
        v.validate_value("get_thing", 404, &problem)
            .expect("4xx")
            .is_clean()
    );
    // 500 falls to `default`, whose schema is a $ref into the 4xx response's schema.
    assert!(
        v.validate_value("get_thing", 500, &json!({"n": 2}))
            .expect("default")
            .is_clean()
    );
    let report = v
        .validate_value("get_thing", 500, &json!({"n": "2"}))
        .expect("default");
    assert_eq!(violations(&report), [("/n", "type")]);
    // 301 falls to default too.
    assert!(
        v.validate_value("get_thing", 301, &json!({}))
            .expect("default")
            .is_clean()
    );
    assert_eq!(
        v.responses("get_thing"),
        Some(vec!["200", "4xx", "default"])
    );
}

#[test]
fn a_spec_given_as_json_works_too() {
    let spec: Value = serde_yaml_ng::from_str(SPEC).expect("YAML");
    let validator = Validator::from_spec_str(&spec.to_string()).expect("JSON spec");
    let report = validator
        .validate("get_thing", 200, br#"{"id": 1, "label": "a", "new": true}"#)
        .expect("checkable");
    assert_eq!(drift(&report), [("/new", DriftKind::UndocumentedField)]);
}
