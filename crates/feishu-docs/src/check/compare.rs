//! Facts against the spec: each one the spec lacks or contradicts is a finding.

use std::collections::HashSet;

use serde_json::Value;

use crate::check::report::{Finding, Kind};
use crate::facts::field_match::{anywhere, locate};
use crate::facts::model::{Attr, Fact, Origin};
use crate::facts::page::Page;
use crate::spec_doc::{Located, Operation, SpecDoc, scalar, schema_type};
use feishu_wire::pointer::escape_segment as escape;

/// A finding before it is tied to its page: kind, spec pointer, message.
pub(crate) type Verdict = (Kind, Option<String>, String);

/// Compares the table facts of `page` (except those in `skip`) with `operation` in `spec`.
pub(crate) fn compare(
    page: &Page,
    spec: &SpecDoc,
    operation: &Operation,
    skip: &HashSet<(String, Attr, String)>,
) -> Vec<Finding> {
    let mut missing: HashSet<String> = HashSet::new();
    let mut findings = Vec::new();
    for fact in &page.facts {
        if fact.origin == Origin::Example
            || skip.contains(&fact.key())
            || missing.contains(&fact.subject)
        {
            continue;
        }
        let Some((kind, spec_pointer, message)) = verdict(fact, spec, operation) else {
            continue;
        };
        if kind == Kind::MissingInSpec
            && fact.subject != "doc"
            && !matches!(
                fact.attr,
                Attr::Enum
                    | Attr::Default
                    | Attr::Min
                    | Attr::Max
                    | Attr::MinLength
                    | Attr::MaxLength
            )
        {
            // The subject itself is missing: one finding says so, its other facts add nothing.
            missing.insert(fact.subject.clone());
        }
        findings.push(Finding {
            page: page.file.clone(),
            line: fact.line,
            operation: operation.id.clone(),
            kind,
            fact: fact.to_string(),
            spec_pointer,
            message,
        });
    }
    findings
}

fn verdict(fact: &Fact, spec: &SpecDoc, operation: &Operation) -> Option<Verdict> {
    let (scope, rest) = fact
        .subject
        .split_once('.')
        .unwrap_or((fact.subject.as_str(), ""));
    match scope {
        "doc" => doc_verdict(fact, spec, operation),
        "path" | "query" | "header" => param_verdict(fact, scope, rest, spec, operation),
        "body" | "response" => field_verdict(fact, scope, rest, spec, operation),
        "error" => error_verdict(fact, rest, spec, operation),
        _ => None,
    }
}

fn doc_verdict(fact: &Fact, spec: &SpecDoc, operation: &Operation) -> Option<Verdict> {
    let (at, what) = match fact.attr {
        Attr::SourceUrl => (
            format!("{}/externalDocs/url", operation.pointer),
            "externalDocs.url",
        ),
        Attr::Updated => (
            format!("{}/x-feishu-doc-updated", operation.pointer),
            "x-feishu-doc-updated",
        ),
        _ => return None,
    };
    match spec.at(&at).map(scalar) {
        None => Some((
            Kind::MissingInSpec,
            Some(operation.pointer.clone()),
            format!(
                "the operation has no {what}; the page says `{}`",
                fact.value
            ),
        )),
        Some(value) if value != fact.value => Some((
            Kind::DiffersFromSpec,
            Some(at),
            format!("{what} is `{value}`; the page says `{}`", fact.value),
        )),
        Some(_) => None,
    }
}

fn param_verdict(
    fact: &Fact,
    location: &str,
    name: &str,
    spec: &SpecDoc,
    operation: &Operation,
) -> Option<Verdict> {
    if location == "header" && name.eq_ignore_ascii_case("Authorization") {
        return (!spec.uses_bearer(operation)).then(|| {
            (
                Kind::MissingInSpec,
                Some(operation.pointer.clone()),
                "the operation has no bearer-token security".into(),
            )
        });
    }
    if location == "header" && name.eq_ignore_ascii_case("Content-Type") {
        let json = spec
            .request_media_types(operation)
            .iter()
            .any(|media| media.starts_with("application/json"));
        return (!json).then(|| {
            (
                Kind::MissingInSpec,
                Some(operation.pointer.clone()),
                "the operation has no application/json request body".into(),
            )
        });
    }
    let Some((parameter, at)) = spec.parameter(operation, location, name) else {
        return Some((
            Kind::MissingInSpec,
            Some(format!("{}/parameters", operation.pointer)),
            format!("the spec has no {location} parameter `{name}`"),
        ));
    };
    if fact.attr == Attr::Required {
        let required = parameter
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(location == "path");
        return (required.to_string() != fact.value).then(|| {
            (
                Kind::DiffersFromSpec,
                Some(format!("{at}/required")),
                format!(
                    "the page says required={}, the spec required={required}",
                    fact.value
                ),
            )
        });
    }
    let schema = parameter.get("schema")?;
    let (schema, schema_at) = spec.resolve(schema, format!("{at}/schema"));
    schema_verdict(fact, spec, (schema, schema_at))
}

/// Compares a type, enum, default or limit fact with a schema.
pub(crate) fn schema_verdict(
    fact: &Fact,
    spec: &SpecDoc,
    (schema, at): Located<'_>,
) -> Option<Verdict> {
    let keyword = match fact.attr {
        Attr::Type => {
            let documented = schema_type(spec, schema, &at);
            return (documented != fact.value).then(|| {
                (
                    Kind::DiffersFromSpec,
                    Some(format!("{at}/type")),
                    format!("the page says type {}, the spec {documented}", fact.value),
                )
            });
        }
        Attr::Enum => return enum_verdict(fact, spec, (schema, at)),
        Attr::Default => "default",
        Attr::Min => "minimum",
        Attr::Max => "maximum",
        Attr::MinLength => "minLength",
        Attr::MaxLength => "maxLength",
        _ => return None,
    };
    match schema.get(keyword).map(scalar) {
        None => Some((
            Kind::MissingInSpec,
            Some(at),
            format!("the spec has no {keyword}; the page says {}", fact.value),
        )),
        Some(documented) if !same_scalar(&documented, &fact.value) => Some((
            Kind::DiffersFromSpec,
            Some(format!("{at}/{keyword}")),
            format!(
                "the page says {} {}, the spec {documented}",
                fact.attr.as_str(),
                fact.value
            ),
        )),
        Some(_) => None,
    }
}

fn same_scalar(a: &str, b: &str) -> bool {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => (x - y).abs() < f64::EPSILON,
        _ => a == b,
    }
}

fn enum_verdict(fact: &Fact, spec: &SpecDoc, (schema, at): Located<'_>) -> Option<Verdict> {
    let (schema, at) = if schema.get("type").and_then(Value::as_str) == Some("array") {
        match schema.get("items") {
            Some(items) => spec.resolve(items, format!("{at}/items")),
            None => (schema, at),
        }
    } else {
        (schema, at)
    };
    let (values, list_at): (Vec<String>, String) =
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            (values.iter().map(scalar).collect(), format!("{at}/enum"))
        } else if let Some(flags) = schema.get("x-feishu-bit-flags").and_then(Value::as_array) {
            let values = flags
                .iter()
                .filter_map(|flag| flag.get("value"))
                .map(scalar)
                .collect();
            (values, format!("{at}/x-feishu-bit-flags"))
        } else {
            return Some((
                Kind::MissingInSpec,
                Some(at),
                format!(
                    "the spec lists no values; the page documents `{}`",
                    fact.value
                ),
            ));
        };
    (!values.contains(&fact.value)).then(|| {
        (
            Kind::MissingInSpec,
            Some(list_at),
            format!(
                "the page documents the value `{}`; the spec lists {}",
                fact.value,
                values.join(", ")
            ),
        )
    })
}

fn field_verdict(
    fact: &Fact,
    scope: &str,
    path: &str,
    spec: &SpecDoc,
    operation: &Operation,
) -> Option<Verdict> {
    let root = if scope == "body" {
        spec.request_schema(operation)
    } else {
        spec.response_schema(operation)
    };
    let Some((root, root_at)) = root else {
        return Some((
            Kind::MissingInSpec,
            Some(operation.pointer.clone()),
            format!("the operation documents no JSON {scope}"),
        ));
    };
    let (node, parent) = match locate(spec, (root, root_at.clone()), path) {
        Ok(found) => found,
        Err(deepest) => match anywhere(fact, spec, (root, &root_at), path) {
            Some(found) => found,
            None => {
                return Some((
                    Kind::MissingInSpec,
                    Some(format!("{deepest}/properties")),
                    format!("the spec's {scope} has no field `{path}`"),
                ));
            }
        },
    };
    if fact.attr == Attr::Required {
        let name = path
            .rsplit('.')
            .next()
            .unwrap_or(path)
            .trim_end_matches("[]");
        let listed = parent.0.get("required").and_then(Value::as_array);
        let required = listed.is_some_and(|names| names.iter().any(|n| n.as_str() == Some(name)));
        return (required.to_string() != fact.value).then(|| {
            (
                Kind::DiffersFromSpec,
                Some(format!("{}/required", parent.1)),
                format!(
                    "the page says required={}, the spec required={required}",
                    fact.value
                ),
            )
        });
    }
    schema_verdict(fact, spec, node)
}

fn error_verdict(
    fact: &Fact,
    code: &str,
    spec: &SpecDoc,
    operation: &Operation,
) -> Option<Verdict> {
    let Some((entry, at)) = spec.error_code(operation, code) else {
        return Some((
            Kind::MissingInSpec,
            Some(format!("{}/x-feishu-error-codes", operation.pointer)),
            format!("the spec documents no error code {code} for this operation"),
        ));
    };
    let key = if fact.attr == Attr::Http {
        "http_status"
    } else {
        "message"
    };
    let documented = entry.get(key).map(scalar).unwrap_or_default();
    (documented.trim() != fact.value.trim()).then(|| {
        (
            Kind::DiffersFromSpec,
            Some(format!("{at}/{}", escape(key))),
            format!(
                "the page says {} `{}`, the spec `{documented}`",
                fact.attr.as_str(),
                fact.value
            ),
        )
    })
}
