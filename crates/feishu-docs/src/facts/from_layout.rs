//! From a page's rows and examples to its facts.

use std::collections::HashSet;

use serde_json::Value;

use crate::formats::json_example::json_type;

use crate::facts::description::describe;
use crate::facts::model::{Attr, Fact, Origin, normalize_type};
use crate::facts::nesting::{FieldRow, places};
use crate::formats::layout::{Example, ExampleKind, Layout, Row, Section};

/// Every fact the rows and examples of `layout` state. `bare_enums`: see [`describe`].
pub(crate) fn facts(layout: &Layout, bare_enums: bool) -> Vec<Fact> {
    let mut facts = Vec::new();
    for row in &layout.rows {
        if let Some(prefix) = row.section.param_prefix() {
            param_facts(prefix, row, bare_enums, &mut facts);
        } else if row.section == Section::Errors {
            error_facts(row, &mut facts);
        }
    }
    for (section, kind, prefix) in [
        (Section::Body, ExampleKind::Request, "body"),
        (Section::Response, ExampleKind::Response, "response"),
    ] {
        let example = layout.examples.iter().find(|example| example.kind == kind);
        let parsed = example.and_then(|example| serde_json::from_str::<Value>(&example.text).ok());
        let rows: Vec<&Row> = layout
            .rows
            .iter()
            .filter(|row| row.section == section)
            .collect();
        field_facts(prefix, &rows, parsed.as_ref(), bare_enums, &mut facts);
        if let (Some(example), Some(parsed)) = (example, parsed.as_ref()) {
            example_facts(prefix, example, parsed, &mut facts);
        }
    }
    facts
}

fn param_facts(prefix: &str, row: &Row, bare_enums: bool, facts: &mut Vec<Fact>) {
    if let Some(name) = row.cells.first() {
        facts.extend(row_facts(
            &format!("{prefix}.{}", name.text()),
            row,
            bare_enums,
        ));
    }
}

/// The facts of a row `name | type | [required |] description`: the type (at the name's line,
/// where a missing field is best pointed at), the required flag, and the description's.
pub(crate) fn row_facts(subject: &str, row: &Row, bare_enums: bool) -> Vec<Fact> {
    let [name, ty, ..] = row.cells.as_slice() else {
        return Vec::new();
    };
    let line = name.first_line(row.line);
    let mut facts = vec![Fact::new(
        subject,
        Attr::Type,
        normalize_type(&ty.text()),
        line,
    )];
    if let [_, _, required, _, ..] = row.cells.as_slice()
        && let Some(value) = yes_no(&required.text())
    {
        facts.push(Fact::new(
            subject,
            Attr::Required,
            value,
            required.first_line(line),
        ));
    }
    if let [_, _, .., description] = row.cells.as_slice() {
        facts.extend(describe(subject, description, bare_enums));
    }
    facts
}

fn yes_no(text: &str) -> Option<&'static str> {
    match text {
        "是" | "必需" | "必填" => Some("true"),
        "否" | "可选" => Some("false"),
        _ => None,
    }
}

fn error_facts(row: &Row, facts: &mut Vec<Fact>) {
    let [http, code, message, ..] = row.cells.as_slice() else {
        return;
    };
    let subject = format!("error.{}", code.text());
    let line = code.first_line(row.line);
    facts.push(Fact::new(
        &subject,
        Attr::Http,
        http.text(),
        http.first_line(line),
    ));
    facts.push(Fact::new(
        &subject,
        Attr::Message,
        message.text(),
        message.first_line(line),
    ));
}

fn field_facts(
    prefix: &str,
    rows: &[&Row],
    example: Option<&Value>,
    bare_enums: bool,
    facts: &mut Vec<Fact>,
) {
    let fields: Vec<FieldRow> = rows.iter().map(|row| FieldRow::of(row)).collect();
    for (row, place) in rows.iter().zip(places(&fields, example)) {
        let own = row_facts(&format!("{prefix}.{}", place.path), row, bare_enums);
        for mut fact in own {
            fact.ambiguous = place.ambiguous;
            facts.push(fact);
        }
    }
}

/// Type facts for the members only the example shows (the tables take precedence).
fn example_facts(prefix: &str, example: &Example, value: &Value, facts: &mut Vec<Fact>) {
    let known: HashSet<String> = facts.iter().map(|fact| fact.subject.clone()).collect();
    let lines: Vec<&str> = example.text.lines().collect();
    let mut found = Vec::new();
    walk(value, prefix, &lines, 0, example.line, &mut found);
    let mut seen = HashSet::new();
    for fact in found {
        if !known.contains(&fact.subject) && seen.insert(fact.subject.clone()) {
            facts.push(fact);
        }
    }
}

fn walk(
    value: &Value,
    path: &str,
    lines: &[&str],
    from: usize,
    first_line: usize,
    out: &mut Vec<Fact>,
) {
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                let quoted = format!("\"{name}\"");
                let at = (from..lines.len())
                    .find(|&i| lines[i].contains(&quoted))
                    .unwrap_or(from);
                let subject = format!("{path}.{name}");
                if let Some(ty) = json_type(member) {
                    let mut fact = Fact::new(&subject, Attr::Type, ty, first_line + at);
                    fact.origin = Origin::Example;
                    out.push(fact);
                }
                walk(member, &subject, lines, at, first_line, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, &format!("{path}[]"), lines, from, first_line, out);
            }
        }
        _ => {}
    }
}
