//! Every example of the workspace spec — of a response, a request body, a parameter or a
//! schema — conforms to its schema, with no violation and no drift.

use serde_json::Value;

use crate::convert::{Direction, convert_document};
use crate::operations::{self, Check};
use crate::report::Report;
use crate::shape::Shapes;
use crate::validator::{WORKSPACE_SPEC, run};
use crate::{spec, spec::escape};

const SCHEMA_CHILDREN: &[&str] = &["items", "not", "additionalProperties"];

/// An example and the schema it must conform to.
struct Example {
    /// Where the example is, for the failure message.
    at: String,
    schema: String,
    direction: Direction,
    value: Value,
}

#[test]
fn every_example_of_the_workspace_spec_is_clean() {
    let document = spec::parse(WORKSPACE_SPEC).expect("the workspace spec parses");
    let examples = collect(&document);
    let responses = examples
        .iter()
        .filter(|e| e.direction == Direction::Response)
        .count();
    assert!(responses >= 6, "found only {responses} response examples");
    assert!(
        examples.len() >= 15,
        "found only {} examples",
        examples.len()
    );

    for direction in [Direction::Response, Direction::Request] {
        let converted = convert_document(&document, direction);
        let registry = operations::registry(&converted).expect("registry");
        let spec = operations::Spec {
            document: &document,
            converted: &converted,
            registry: &registry,
        };
        let mut shapes = Shapes::new(direction);
        for example in examples.iter().filter(|e| e.direction == direction) {
            let check: Check = operations::compile(&spec, &example.schema, &mut shapes)
                .unwrap_or_else(|e| panic!("{}: {e}", example.schema));
            let report: Report = run(&check, &shapes, direction, &example.value);
            // The fast path agrees (the differential test of the spec's examples).
            let fast = check.fast.as_ref().unwrap_or_else(|| {
                panic!("{}: the workspace spec has a fast schema", example.schema)
            });
            let bytes = serde_json::to_vec(&example.value).expect("serializable");
            assert_eq!(
                fast.is_clean(&bytes),
                report.is_clean(),
                "fast and Value paths disagree on the example at {}",
                example.at
            );
            assert!(
                report.is_clean(),
                "the example at {} does not conform to {}: {report:#?}",
                example.at,
                example.schema
            );
        }
    }
}

fn collect(document: &Value) -> Vec<Example> {
    let mut examples = Vec::new();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        let item_at = format!("/paths/{}", escape(path));
        parameters(document, item, &item_at, &mut examples);
        for (method, operation) in item.as_object().into_iter().flatten() {
            let at = format!("{item_at}/{method}");
            parameters(document, operation, &at, &mut examples);
            content(
                document,
                &format!("{at}/requestBody"),
                Direction::Request,
                &mut examples,
            );
            for key in operation["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
            {
                let response = format!("{at}/responses/{}", escape(key));
                content(document, &response, Direction::Response, &mut examples);
            }
        }
    }
    for (name, _) in document["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        schema_examples(
            document,
            &format!("/components/schemas/{}", escape(name)),
            &mut examples,
        );
    }
    examples
}

fn parameters(document: &Value, owner: &Value, at: &str, examples: &mut Vec<Example>) {
    let count = owner["parameters"].as_array().map_or(0, Vec::len);
    for index in 0..count {
        let (parameter, pointer) =
            spec::resolve(document, &format!("{at}/parameters/{index}")).expect("resolves");
        let schema = format!("{pointer}/schema");
        push_examples(parameter, &pointer, &schema, Direction::Request, examples);
    }
}

fn content(document: &Value, at: &str, direction: Direction, examples: &mut Vec<Example>) {
    let Ok((owner, owner_at)) = spec::resolve(document, at) else {
        return;
    };
    for (media, object) in owner["content"].as_object().into_iter().flatten() {
        let media_at = format!("{owner_at}/content/{}", escape(media));
        push_examples(
            object,
            &media_at,
            &format!("{media_at}/schema"),
            direction,
            examples,
        );
    }
}

fn push_examples(
    object: &Value,
    at: &str,
    schema: &str,
    direction: Direction,
    examples: &mut Vec<Example>,
) {
    if let Some(value) = object.get("example") {
        examples.push(Example {
            at: format!("{at}/example"),
            schema: schema.to_owned(),
            direction,
            value: value.clone(),
        });
    }
    for (name, example) in object["examples"].as_object().into_iter().flatten() {
        examples.push(Example {
            at: format!("{at}/examples/{}", escape(name)),
            schema: schema.to_owned(),
            direction,
            value: example["value"].clone(),
        });
    }
}

/// `example`s written on schemas themselves, at any depth.
fn schema_examples(document: &Value, at: &str, examples: &mut Vec<Example>) {
    let Some(schema) = document.pointer(at) else {
        return;
    };
    if schema.get("$ref").is_some() {
        return;
    }
    if let Some(value) = schema.get("example") {
        for direction in [Direction::Response, Direction::Request] {
            examples.push(Example {
                at: format!("{at}/example"),
                schema: at.to_owned(),
                direction,
                value: value.clone(),
            });
        }
    }
    for (name, _) in schema["properties"].as_object().into_iter().flatten() {
        schema_examples(
            document,
            &format!("{at}/properties/{}", escape(name)),
            examples,
        );
    }
    for child in SCHEMA_CHILDREN {
        schema_examples(document, &format!("{at}/{child}"), examples);
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        for index in 0..schema[keyword].as_array().map_or(0, Vec::len) {
            schema_examples(document, &format!("{at}/{keyword}/{index}"), examples);
        }
    }
}
