//! The OpenAPI 3.0 to JSON Schema conversion, one rule at a time.

use serde_json::{Value, json};

use super::{Direction, convert_document, convert_schema};

fn response(schema: Value) -> Value {
    convert_schema(&schema, &json!({}), Direction::Response)
}

fn request(schema: Value) -> Value {
    convert_schema(&schema, &json!({}), Direction::Request)
}

#[test]
fn nullable_adds_null_to_the_type() {
    assert_eq!(
        response(json!({"type": "string", "nullable": true})),
        json!({"type": ["string", "null"]})
    );
}

#[test]
fn nullable_false_or_absent_keeps_the_type() {
    assert_eq!(
        response(json!({"type": "string", "nullable": false})),
        json!({"type": "string"})
    );
    assert_eq!(
        response(json!({"type": "string"})),
        json!({"type": "string"})
    );
}

#[test]
fn nullable_without_a_type_changes_nothing() {
    // OpenAPI 3.0.3: nullable only adds null to an explicit type of the same Schema Object.
    assert_eq!(
        response(json!({"nullable": true, "minLength": 1})),
        json!({"minLength": 1})
    );
}

#[test]
fn ref_siblings_are_ignored() {
    assert_eq!(
        response(json!({
            "$ref": "#/components/schemas/A",
            "nullable": true,
            "type": "integer",
            "description": "ignored"
        })),
        json!({"$ref": "#/components/schemas/A"})
    );
}

#[test]
fn refs_with_characters_a_uri_cannot_hold_are_encoded() {
    assert_eq!(
        response(json!({"$ref": "#/paths/~1a~1{id}/get/x%20y"})),
        json!({"$ref": "#/paths/~1a~1%7Bid%7D/get/x%20y"})
    );
}

#[test]
fn annotations_and_extensions_are_dropped() {
    assert_eq!(
        response(json!({
            "type": "integer",
            "example": "not even an integer",
            "readOnly": true,
            "deprecated": true,
            "xml": {"name": "x"},
            "externalDocs": {"url": "https://example.com"},
            "x-feishu-bit-flags": [{"value": 1}],
            "x-enum-varnames": ["A"],
            "description": "kept"
        })),
        json!({"type": "integer", "description": "kept"})
    );
}

#[test]
fn enum_is_dropped_so_unknown_values_are_drift_not_violations() {
    assert_eq!(
        response(json!({"type": "integer", "format": "int64", "enum": [0, 1, 2]})),
        json!({
            "type": "integer",
            "format": "int64",
            "minimum": i64::MIN,
            "maximum": i64::MAX
        })
    );
}

#[test]
fn a_bare_enum_still_fixes_the_type() {
    assert_eq!(
        response(json!({"enum": ["a", "b"]})),
        json!({"type": ["string"]})
    );
    assert_eq!(
        response(json!({"enum": [1, 2.5, null]})),
        json!({"type": ["number", "null"]})
    );
    assert_eq!(
        response(json!({"enum": [1, 2], "nullable": true})),
        json!({"type": ["integer", "null"]})
    );
}

#[test]
fn additional_properties_booleans_are_dropped_and_schemas_converted() {
    assert_eq!(
        response(json!({"type": "object", "additionalProperties": false})),
        json!({"type": "object"})
    );
    assert_eq!(
        response(json!({"type": "object", "additionalProperties": true})),
        json!({"type": "object"})
    );
    assert_eq!(
        response(json!({
            "type": "object",
            "additionalProperties": {"type": "string", "nullable": true}
        })),
        json!({"type": "object", "additionalProperties": {"type": ["string", "null"]}})
    );
}

#[test]
fn subschemas_are_converted_everywhere() {
    let nullable = json!({"type": "string", "nullable": true, "example": "x"});
    let converted = json!({"type": ["string", "null"]});
    assert_eq!(
        response(json!({
            "properties": {"p": nullable},
            "items": nullable,
            "not": nullable,
            "allOf": [nullable],
            "anyOf": [nullable],
            "oneOf": [nullable]
        })),
        json!({
            "properties": {"p": converted},
            "items": converted,
            "not": converted,
            "allOf": [converted],
            "anyOf": [converted],
            "oneOf": [converted]
        })
    );
}

#[test]
fn boolean_exclusive_bounds_become_numbers() {
    assert_eq!(
        response(json!({
            "type": "number",
            "minimum": 0,
            "exclusiveMinimum": true,
            "maximum": 10,
            "exclusiveMaximum": false
        })),
        json!({"type": "number", "exclusiveMinimum": 0, "maximum": 10})
    );
}

#[test]
fn int32_bounds_tighten_but_keep_a_tighter_documented_bound() {
    assert_eq!(
        response(json!({"type": "integer", "format": "int32", "minimum": 0})),
        json!({"type": "integer", "format": "int32", "minimum": 0, "maximum": i32::MAX})
    );
    assert_eq!(
        response(json!({"type": "string", "format": "int32"})),
        json!({"type": "string", "format": "int32"})
    );
}

#[test]
fn write_only_members_are_not_required_in_a_response() {
    let schema = json!({
        "type": "object",
        "required": ["id", "secret"],
        "properties": {
            "id": {"type": "string", "readOnly": true},
            "secret": {"type": "string", "writeOnly": true}
        }
    });
    assert_eq!(response(schema.clone())["required"], json!(["id"]));
    assert_eq!(request(schema)["required"], json!(["secret"]));
}

#[test]
fn read_only_seen_through_a_ref_is_not_required_in_a_request() {
    let document = json!({
        "components": {"schemas": {"Id": {"type": "string", "readOnly": true}}}
    });
    let schema = json!({
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"$ref": "#/components/schemas/Id"}}
    });
    let converted = convert_schema(&schema, &document, Direction::Request);
    assert_eq!(converted.get("required"), None);
    let converted = convert_schema(&schema, &document, Direction::Response);
    assert_eq!(converted["required"], json!(["id"]));
}

#[test]
fn the_document_is_converted_in_place_and_refs_are_kept() {
    let document = json!({
        "openapi": "3.0.3",
        "paths": {
            "/a": {
                "parameters": [{"name": "p", "in": "query", "schema": {"type": "string", "nullable": true}}],
                "get": {
                    "responses": {
                        "200": {"content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/A", "nullable": true},
                            "example": {"nullable": true}
                        }}},
                        "4XX": {"$ref": "#/components/responses/Error"}
                    }
                }
            }
        },
        "components": {
            "schemas": {"A": {"type": "integer", "nullable": true}},
            "responses": {"Error": {
                "headers": {"X": {"schema": {"type": "integer", "nullable": true}}},
                "content": {"application/json": {"schema": {"type": "object", "x-y": 1}}}
            }},
            "parameters": {"P": {"name": "p", "in": "query", "schema": {"enum": ["a"]}}},
            "requestBodies": {"B": {"content": {"application/json": {"schema": {"type": "string", "nullable": true}}}}}
        }
    });
    let converted = convert_document(&document, Direction::Response);
    let at = |pointer: &str| converted.pointer(pointer).cloned().unwrap_or(Value::Null);
    assert_eq!(
        at("/paths/~1a/parameters/0/schema"),
        json!({"type": ["string", "null"]})
    );
    assert_eq!(
        at("/paths/~1a/get/responses/200/content/application~1json/schema"),
        json!({"$ref": "#/components/schemas/A"})
    );
    // Examples are data, never converted.
    assert_eq!(
        at("/paths/~1a/get/responses/200/content/application~1json/example"),
        json!({"nullable": true})
    );
    assert_eq!(
        at("/paths/~1a/get/responses/4XX"),
        json!({"$ref": "#/components/responses/Error"})
    );
    assert_eq!(
        at("/components/schemas/A"),
        json!({"type": ["integer", "null"]})
    );
    assert_eq!(
        at("/components/responses/Error/headers/X/schema"),
        json!({"type": ["integer", "null"]})
    );
    assert_eq!(
        at("/components/responses/Error/content/application~1json/schema"),
        json!({"type": "object"})
    );
    assert_eq!(
        at("/components/parameters/P/schema"),
        json!({"type": ["string"]})
    );
    assert_eq!(
        at("/components/requestBodies/B/content/application~1json/schema"),
        json!({"type": ["string", "null"]})
    );
    assert_eq!(at("/openapi"), json!("3.0.3"));
}
