//! Rewrites one OpenAPI 3.0 Schema Object (and its subschemas) as JSON Schema 2020-12.

use serde_json::{Map, Value, json};

use super::Direction;
use crate::json_type::JsonType;
use crate::spec;

/// Keywords that mean the same in OpenAPI 3.0 and JSON Schema 2020-12 and are copied as they are.
const COPIED: &[&str] = &[
    "format",
    "multipleOf",
    "maximum",
    "minimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "title",
    "description",
    "default",
];

/// Converts one schema. `document` is the whole OpenAPI document, used to see through `$ref`s
/// when deciding which required members are `readOnly`/`writeOnly`.
pub(crate) fn convert_schema(schema: &Value, document: &Value, direction: Direction) -> Value {
    Converter {
        document,
        direction,
    }
    .schema(schema)
}

struct Converter<'d> {
    document: &'d Value,
    direction: Direction,
}

impl Converter<'_> {
    fn schema(&self, schema: &Value) -> Value {
        let Value::Object(object) = schema else {
            // Not a Schema Object (OpenAPI 3.0 has no boolean schemas): keep it, so the
            // JSON Schema compiler can judge it.
            return schema.clone();
        };
        if let Some(reference) = object.get("$ref") {
            return json!({ "$ref": normalize_ref(reference) });
        }
        let mut out = Map::new();
        for (key, value) in object {
            match key.as_str() {
                "properties" => {
                    if let Value::Object(properties) = value {
                        let converted = properties
                            .iter()
                            .map(|(name, property)| (name.clone(), self.schema(property)))
                            .collect();
                        out.insert(key.clone(), Value::Object(converted));
                    }
                }
                "items" | "not" => {
                    out.insert(key.clone(), self.schema(value));
                }
                "additionalProperties" if value.is_object() => {
                    out.insert(key.clone(), self.schema(value));
                }
                "allOf" | "anyOf" | "oneOf" => {
                    let branches = match value {
                        Value::Array(branches) => {
                            Value::Array(branches.iter().map(|b| self.schema(b)).collect())
                        }
                        other => other.clone(),
                    };
                    out.insert(key.clone(), branches);
                }
                "required" => {
                    if let Some(required) = self.required(object, value) {
                        out.insert(key.clone(), required);
                    }
                }
                _ if COPIED.contains(&key.as_str()) => {
                    out.insert(key.clone(), value.clone());
                }
                _ => {}
            }
        }
        if let Some(types) = types(object) {
            out.insert("type".to_owned(), types);
        }
        exclusive_bound(object, &mut out, "exclusiveMinimum", "minimum");
        exclusive_bound(object, &mut out, "exclusiveMaximum", "maximum");
        integer_format_bounds(object, &mut out);
        Value::Object(out)
    }

    /// `required` without the members that must not appear in this direction.
    fn required(&self, object: &Map<String, Value>, required: &Value) -> Option<Value> {
        let Value::Array(names) = required else {
            return Some(required.clone());
        };
        let properties = object.get("properties");
        let kept: Vec<Value> = names
            .iter()
            .filter(|name| {
                let property = name
                    .as_str()
                    .and_then(|name| properties.and_then(|p| p.get(name)));
                !property.is_some_and(|p| self.is_forbidden(p))
            })
            .cloned()
            .collect();
        (!kept.is_empty()).then_some(Value::Array(kept))
    }

    /// Whether a property schema (seen through `$ref`) is `readOnly`/`writeOnly` against the
    /// direction.
    fn is_forbidden(&self, property: &Value) -> bool {
        let target = match property.get("$ref").and_then(Value::as_str) {
            Some(reference) => spec::ref_pointer(reference, "")
                .ok()
                .and_then(|pointer| spec::resolve(self.document, &pointer).ok())
                .map(|(node, _)| node),
            None => Some(property),
        };
        target
            .and_then(|t| t.get(self.direction.forbidden_flag()))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

/// An internal `$ref` as a valid URI reference: specs often write `{id}` of a path unencoded.
fn normalize_ref(reference: &Value) -> Value {
    match reference.as_str().and_then(|r| r.strip_prefix('#')) {
        Some(fragment) => Value::from(format!("#{}", spec::encode_fragment(fragment, true))),
        None => reference.clone(),
    }
}

/// The JSON Schema `type`: the OpenAPI `type` plus `"null"` when nullable, or, without a
/// `type`, the types of the `enum` values.
fn types(object: &Map<String, Value>) -> Option<Value> {
    let nullable = object.get("nullable").and_then(Value::as_bool) == Some(true);
    match object.get("type") {
        Some(Value::String(name)) if nullable && name != "null" => Some(json!([name, "null"])),
        Some(declared) => Some(declared.clone()),
        None => {
            let Some(Value::Array(values)) = object.get("enum") else {
                return None;
            };
            let mut inferred: Vec<&str> = Vec::new();
            let mut add = |name: &'static str| {
                if !inferred.contains(&name) {
                    inferred.push(name);
                }
            };
            for value in values {
                add(JsonType::of(value).name());
            }
            if nullable {
                add("null");
            }
            if inferred.contains(&"number") {
                inferred.retain(|t| *t != "integer");
            }
            (!inferred.is_empty()).then(|| json!(inferred))
        }
    }
}

/// OpenAPI 3.0 `exclusiveMinimum: true` + `minimum: n` is 2020-12 `exclusiveMinimum: n`.
fn exclusive_bound(
    object: &Map<String, Value>,
    out: &mut Map<String, Value>,
    flag: &str,
    bound: &str,
) {
    match object.get(flag) {
        Some(Value::Bool(true)) => {
            if let Some(limit) = out.remove(bound) {
                out.insert(flag.to_owned(), limit);
            }
        }
        Some(Value::Number(limit)) => {
            out.insert(flag.to_owned(), Value::Number(limit.clone()));
        }
        _ => {}
    }
}

/// `format: int32|int64` on an integer: the value must fit, so the bounds tighten to the
/// format's range (a tighter documented bound stays).
fn integer_format_bounds(object: &Map<String, Value>, out: &mut Map<String, Value>) {
    let is_integer = object.get("type").and_then(Value::as_str) == Some("integer");
    let (min, max) = match object.get("format").and_then(Value::as_str) {
        Some("int32") if is_integer => (i64::from(i32::MIN), i64::from(i32::MAX)),
        Some("int64") if is_integer => (i64::MIN, i64::MAX),
        _ => return,
    };
    let tighter_min = out
        .get("minimum")
        .and_then(Value::as_f64)
        .is_some_and(|m| m >= min as f64);
    if !tighter_min {
        out.insert("minimum".to_owned(), Value::from(min));
    }
    let tighter_max = out
        .get("maximum")
        .and_then(Value::as_f64)
        .is_some_and(|m| m <= max as f64);
    if !tighter_max {
        out.insert("maximum".to_owned(), Value::from(max));
    }
}
