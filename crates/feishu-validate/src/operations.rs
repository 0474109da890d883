//! The operations of a spec and their responses, each with its compiled JSON body schema and
//! its documented shape; and the choice of a response for an HTTP status.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::fast::{self, FastSchema};
use crate::shape::{ShapeId, Shapes};
use crate::spec;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The base URI the converted spec is registered under; `$ref`s resolve against it.
const SPEC_URI: &str = "urn:feishu-validate:spec";

/// One operation: its documented responses, in spec order.
pub(crate) struct Operation {
    pub(crate) responses: Vec<Response>,
}

/// One documented response (`200`, `4XX`, `default`, ...).
pub(crate) struct Response {
    pub(crate) key: String,
    /// What to check a body against, or `None` when the response has no JSON schema.
    pub(crate) check: Option<Check>,
}

/// A compiled response body schema and its documented shape.
pub(crate) struct Check {
    pub(crate) schema: jsonschema::Validator,
    pub(crate) shape: ShapeId,
    /// The same schema for the fast path; `None` when it uses what the fast path lacks.
    pub(crate) fast: Option<FastSchema>,
}

/// Where one operation sits in the document.
struct Found {
    id: String,
    pointer: String,
}

/// Every operation of `document` with its responses compiled against `converted` (the same
/// document with its schemas converted to JSON Schema) and read into `shapes`.
pub(crate) fn collect(
    document: &Value,
    converted: &Value,
    shapes: &mut Shapes,
) -> Result<BTreeMap<String, Operation>> {
    let registry = registry(converted)?;
    let spec = Spec {
        document,
        converted,
        registry: &registry,
    };
    let mut operations = BTreeMap::new();
    for found in find_operations(document)? {
        let operation = compile_operation(&spec, &found.pointer, shapes)?;
        if operations.insert(found.id.clone(), operation).is_some() {
            return Err(Error::spec_invalid(
                &found.pointer,
                format!("operationId `{}` is used twice", found.id),
            ));
        }
    }
    Ok(operations)
}

/// The converted document as the one resource `$ref`s resolve in.
pub(crate) fn registry(converted: &Value) -> Result<jsonschema::Registry<'_>> {
    jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft202012)
        .add(SPEC_URI, converted)
        .and_then(jsonschema::RegistryBuilder::prepare)
        .map_err(|error| Error::spec_invalid("", error.to_string()))
}

fn find_operations(document: &Value) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    let Some(Value::Object(paths)) = document.get("paths") else {
        return Ok(found);
    };
    for path in paths.keys().filter(|k| !k.starts_with("x-")) {
        let (_, item_pointer) = spec::resolve(document, &format!("/paths/{}", spec::escape(path)))?;
        for method in METHODS {
            let pointer = format!("{item_pointer}/{method}");
            let Some(operation) = document.pointer(&pointer) else {
                continue;
            };
            if let Some(Value::String(id)) = operation.get("operationId") {
                found.push(Found {
                    id: id.clone(),
                    pointer,
                });
            }
        }
    }
    Ok(found)
}

fn compile_operation(spec: &Spec<'_>, pointer: &str, shapes: &mut Shapes) -> Result<Operation> {
    let document = spec.document;
    let mut responses = Vec::new();
    let responses_pointer = format!("{pointer}/responses");
    let Some(Value::Object(keys)) = document.pointer(&responses_pointer) else {
        return Ok(Operation { responses });
    };
    for key in keys.keys().filter(|k| !k.starts_with("x-")) {
        let (response, response_pointer) = spec::resolve(
            document,
            &format!("{responses_pointer}/{}", spec::escape(key)),
        )?;
        let check = match json_media_type(response) {
            Some(media) => {
                let schema_pointer =
                    format!("{response_pointer}/content/{}/schema", spec::escape(media));
                if document.pointer(&schema_pointer).is_some() {
                    Some(compile(spec, &schema_pointer, shapes)?)
                } else {
                    None
                }
            }
            None => None,
        };
        responses.push(Response {
            key: key.clone(),
            check,
        });
    }
    Ok(Operation { responses })
}

/// The JSON media type of a response: `application/json`, else the first one naming JSON
/// (`application/problem+json`, `application/json; charset=utf-8`).
fn json_media_type(response: &Value) -> Option<&str> {
    let Some(Value::Object(content)) = response.get("content") else {
        return None;
    };
    if content.contains_key("application/json") {
        return Some("application/json");
    }
    content
        .keys()
        .find(|media| media.to_ascii_lowercase().contains("json"))
        .map(String::as_str)
}

/// A spec document ready to compile schemas from: as written, converted to JSON Schema, and
/// the converted one registered for `$ref` resolution.
pub(crate) struct Spec<'d> {
    pub(crate) document: &'d Value,
    pub(crate) converted: &'d Value,
    pub(crate) registry: &'d jsonschema::Registry<'d>,
}

pub(crate) fn compile(spec: &Spec<'_>, schema_pointer: &str, shapes: &mut Shapes) -> Result<Check> {
    // Read the shape first: its `$ref` errors say where the broken reference is written.
    let shape = shapes.add(spec.document, schema_pointer)?;
    let root =
        json!({ "$ref": format!("{SPEC_URI}#{}", spec::encode_fragment(schema_pointer, false)) });
    let schema = jsonschema::draft202012::options()
        .with_registry(spec.registry)
        .should_validate_formats(true)
        .build(&root)
        .map_err(|error| Error::spec_invalid(schema_pointer, error.to_string()))?;
    let fast = fast::compile(spec.document, spec.converted, shapes, schema_pointer);
    Ok(Check {
        schema,
        shape,
        fast,
    })
}

/// The documented response for `status`: the exact code, then its `NXX` range, then `default`.
/// (No allocation: it runs for every body checked.)
pub(crate) fn select(operation: &Operation, status: u16) -> Option<&Response> {
    let find = |wanted: &dyn Fn(&str) -> bool| operation.responses.iter().find(|r| wanted(&r.key));
    let exact = |key: &str| key.len() == 3 && key.parse::<u16>() == Ok(status);
    let range = |key: &str| {
        let bytes = key.as_bytes();
        bytes.len() == 3
            && u16::from(bytes[0]) == u16::from(b'0') + status / 100
            && bytes[1..].eq_ignore_ascii_case(b"XX")
    };
    find(&exact)
        .or_else(|| find(&range))
        .or_else(|| find(&|key| key == "default"))
}
