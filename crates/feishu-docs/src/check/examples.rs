//! A page's JSON examples against the spec: responses through `feishu-validate` (violations
//! and drift both count: the spec must cover what the page shows), request bodies through a
//! small walk of the request schema (the validator checks responses only).

use feishu_validate::Validator;
use serde_json::Value;

use crate::check::report::{Finding, Kind};
use crate::facts::page::Page;
use crate::formats::json_example::json_type;
use crate::formats::layout::{Example, ExampleKind};
use crate::spec_doc::{Located, Operation, SpecDoc, scalar, schema_type};
use feishu_wire::pointer::escape_segment as escape;

/// Checks every example of `page`.
pub(crate) fn check(
    page: &Page,
    spec: &SpecDoc,
    validator: &Validator,
    operation: &Operation,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for example in &page.examples {
        let finding =
            |line: usize, pointer: &str, spec_pointer: Option<String>, message: String| Finding {
                page: page.file.clone(),
                line,
                operation: operation.id.clone(),
                kind: Kind::ExampleInvalid,
                fact: format!(
                    "example.{}: {}",
                    example.kind.as_str(),
                    if pointer.is_empty() {
                        "(root)"
                    } else {
                        pointer
                    }
                ),
                spec_pointer,
                message,
            };
        let value: Value = match serde_json::from_str(&example.text) {
            Ok(value) => value,
            Err(error) => {
                let line = example.line + error.line().saturating_sub(1);
                findings.push(finding(
                    line,
                    "",
                    None,
                    format!("the {} example is not JSON: {error}", example.kind.as_str()),
                ));
                continue;
            }
        };
        let (schema, problems) = match example.kind {
            ExampleKind::Response => (
                spec.response_schema(operation),
                response_problems(validator, operation, &value),
            ),
            ExampleKind::Request => {
                let schema = spec.request_schema(operation);
                let problems = match &schema {
                    Some(schema) => request_problems(spec, schema.clone(), &value, ""),
                    None => vec![(
                        String::new(),
                        "the spec documents no JSON request body".into(),
                    )],
                };
                (schema, problems)
            }
        };
        let spec_pointer = schema.map(|(_, at)| at);
        for (pointer, message) in problems {
            findings.push(finding(
                line_of(example, &pointer),
                &pointer,
                spec_pointer.clone(),
                message,
            ));
        }
    }
    findings
}

fn response_problems(
    validator: &Validator,
    operation: &Operation,
    value: &Value,
) -> Vec<(String, String)> {
    match validator.validate_value(&operation.id, 200, value) {
        Ok(report) => report
            .violations
            .into_iter()
            .map(|violation| (violation.pointer, violation.message))
            .chain(
                report
                    .drift
                    .into_iter()
                    .map(|drift| (drift.pointer, drift.message)),
            )
            .collect(),
        Err(error) => vec![(String::new(), error.to_string())],
    }
}

/// Members the schema does not list, wrong types, values outside an enum.
fn request_problems(
    spec: &SpecDoc,
    (schema, at): Located<'_>,
    value: &Value,
    pointer: &str,
) -> Vec<(String, String)> {
    let documented = schema_type(spec, schema, &at);
    let found = json_type(value).unwrap_or_else(|| "null".into());
    let agrees = found == documented
        || (documented == "number" && found == "integer")
        || (documented.starts_with("array") && found.starts_with("array"));
    if !agrees {
        return vec![(
            pointer.to_string(),
            format!("{found} where the spec has {documented}"),
        )];
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values
            .iter()
            .any(|allowed| scalar(allowed) == scalar(value))
    {
        return vec![(
            pointer.to_string(),
            format!("`{}` is not among the spec's values", scalar(value)),
        )];
    }
    let mut problems = Vec::new();
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                let here = format!("{pointer}/{}", escape(name));
                match spec.property(schema, &at, name) {
                    Some(property) => {
                        problems.extend(request_problems(spec, property, member, &here))
                    }
                    None => problems.push((
                        here,
                        format!("the spec's request body has no member `{name}`"),
                    )),
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                let item_schema = spec.resolve(item_schema, format!("{at}/items"));
                for (index, item) in items.iter().enumerate() {
                    problems.extend(request_problems(
                        spec,
                        item_schema.clone(),
                        item,
                        &format!("{pointer}/{index}"),
                    ));
                }
            }
        }
        _ => {}
    }
    problems
}

/// The page line of the member a pointer names: each name of the pointer is looked for
/// (quoted) from the line of the one before, so `/data/items/0/owner/name` finds the owner's
/// `name`, not an earlier one; the example's first line when the pointer names no member.
fn line_of(example: &Example, pointer: &str) -> usize {
    let lines: Vec<&str> = example.text.lines().collect();
    let mut at = 0;
    let segments = feishu_wire::pointer::Pointer::parse(pointer)
        .into_iter()
        .flatten();
    for segment in segments.flatten() {
        if segment.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let quoted = format!("\"{segment}\"");
        if let Some(found) = (at..lines.len()).find(|&index| lines[index].contains(&quoted)) {
            at = found;
        }
    }
    example.line + at
}
