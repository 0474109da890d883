//! From a finding to the spec edits that make the spec state the page's fact, or the reason
//! it can't be derived from the page (then it stays a finding for a human).

use serde_json::Value;

use crate::check::report::{Finding, Kind};
use crate::error_names::ErrorNames;
use crate::facts::field_match::locate;
use crate::facts::model::{Attr, Fact};
use crate::fix::page::PageText;
use crate::fix::yaml_edit::scalar;
use crate::rust_names::variant_name;
use crate::spec_doc::{Operation, SpecDoc};

/// One edit of the spec's YAML at a JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Edit {
    /// Replace the scalar at `pointer` (YAML text).
    Set { pointer: String, scalar: String },
    /// Add `key` to the mapping at `pointer` (one line, or lines indented relative to the key).
    Insert {
        pointer: String,
        key: String,
        value: Vec<String>,
    },
    /// Append an item to the sequence at `pointer`.
    Append { pointer: String, item: Vec<String> },
}

/// The edits for one finding, or why there are none.
pub(crate) type Derived = Result<Vec<Edit>, String>;

/// What the derivation needs besides the finding.
pub(crate) struct Context<'a> {
    pub(crate) spec: &'a SpecDoc,
    pub(crate) operation: &'a Operation,
    pub(crate) fact: &'a Fact,
    pub(crate) page: &'a PageText,
}

/// The edits that apply `finding`.
pub(crate) fn derive(finding: &Finding, cx: &Context<'_>) -> Derived {
    let pointer = finding.spec_pointer.clone().unwrap_or_default();
    let fact = cx.fact;
    if finding.kind == Kind::ExampleInvalid {
        return Err(
            "a page example that breaks the spec: fix the spec or the example by hand".into(),
        );
    }
    let scope = fact
        .subject
        .split_once('.')
        .map_or(fact.subject.as_str(), |(scope, _)| scope);
    match (fact.attr, finding.kind) {
        (Attr::Updated | Attr::SourceUrl, _) => doc_edit(finding.kind, &pointer, fact),
        (Attr::Enum, Kind::MissingInSpec) => enum_edits(&pointer, cx),
        (Attr::Default | Attr::Min | Attr::Max | Attr::MinLength | Attr::MaxLength, kind) => {
            limit_edit(kind, &pointer, cx)
        }
        (Attr::Http | Attr::Message, Kind::MissingInSpec) => error_code_edit(&pointer, cx),
        (Attr::Http, Kind::DiffersFromSpec) => Ok(vec![Edit::Set {
            pointer,
            scalar: number(&fact.value)?,
        }]),
        (Attr::Message, Kind::DiffersFromSpec) => Ok(message_edits(&pointer, cx)),
        (Attr::Required, Kind::DiffersFromSpec) => required_edit(&pointer, cx),
        (Attr::Type, Kind::MissingInSpec) if matches!(scope, "response" | "body") => {
            field_edit(&pointer, cx)
        }
        (Attr::Type, Kind::MissingInSpec) if matches!(scope, "query" | "header") => {
            parameter_edit(&pointer, scope, cx)
        }
        (Attr::Type, Kind::DiffersFromSpec) => Err(
            "a type change changes the client's API and may need a new schema: edit it by hand"
                .into(),
        ),
        _ => Err("no rule derives this edit from the page: edit it by hand".into()),
    }
}

fn doc_edit(kind: Kind, pointer: &str, fact: &Fact) -> Derived {
    let (key, value) = match fact.attr {
        Attr::Updated => ("x-feishu-doc-updated", scalar(&fact.value, false)),
        _ => ("url", scalar(&fact.value, false)),
    };
    Ok(match (kind, fact.attr) {
        (Kind::DiffersFromSpec, _) => vec![Edit::Set {
            pointer: pointer.to_string(),
            scalar: value,
        }],
        (_, Attr::Updated) => vec![Edit::Insert {
            pointer: pointer.to_string(),
            key: key.into(),
            value: vec![value],
        }],
        _ => vec![Edit::Insert {
            pointer: pointer.to_string(),
            key: "externalDocs".into(),
            value: vec![format!("  url: {value}")],
        }],
    })
}

fn enum_edits(pointer: &str, cx: &Context<'_>) -> Derived {
    let Some(schema_at) = pointer.strip_suffix("/enum") else {
        return Err(if pointer.ends_with("/x-feishu-bit-flags") {
            "a new bit flag needs its bit's meaning: add it to x-feishu-bit-flags by hand".into()
        } else {
            "the field has no enum yet: a new enum needs a named schema; add it by hand".into()
        });
    };
    let schema = cx.spec.at(schema_at).ok_or("the enum's schema is gone")?;
    let value = &cx.fact.value;
    let item = if matches!(
        schema.get("type").and_then(Value::as_str),
        Some("integer" | "number")
    ) {
        number(value)?
    } else {
        scalar(value, true)
    };
    let mut edits = vec![Edit::Append {
        pointer: pointer.to_string(),
        item: vec![item],
    }];
    if let Some(names) = schema.get("x-enum-varnames").and_then(Value::as_array) {
        let taken: Vec<&str> = names.iter().filter_map(Value::as_str).collect();
        edits.push(Edit::Append {
            pointer: format!("{schema_at}/x-enum-varnames"),
            item: vec![variant_name(value, &taken)],
        });
    }
    if schema.get("x-enum-descriptions").is_some() {
        let meaning = cx.page.enum_description(cx.fact.line, value);
        let meaning = if meaning.is_empty() {
            value.clone()
        } else {
            meaning
        };
        edits.push(Edit::Append {
            pointer: format!("{schema_at}/x-enum-descriptions"),
            item: vec![scalar(&meaning, true)],
        });
    }
    Ok(edits)
}

fn limit_edit(kind: Kind, pointer: &str, cx: &Context<'_>) -> Derived {
    let keyword = match cx.fact.attr {
        Attr::Default => "default",
        Attr::Min => "minimum",
        Attr::Max => "maximum",
        Attr::MinLength => "minLength",
        _ => "maxLength",
    };
    let schema_at = if kind == Kind::MissingInSpec {
        pointer.to_string()
    } else {
        pointer
            .strip_suffix(&format!("/{keyword}"))
            .unwrap_or(pointer)
            .to_string()
    };
    let schema = cx.spec.at(&schema_at).ok_or("the schema is gone")?;
    let typed = matches!(
        schema.get("type").and_then(Value::as_str),
        Some("integer" | "number" | "boolean")
    );
    let value = if keyword != "default" {
        number(&cx.fact.value)?
    } else if typed {
        cx.fact.value.clone()
    } else {
        scalar(&cx.fact.value, false)
    };
    Ok(vec![if kind == Kind::MissingInSpec {
        Edit::Insert {
            pointer: schema_at,
            key: keyword.into(),
            value: vec![value],
        }
    } else {
        Edit::Set {
            pointer: pointer.to_string(),
            scalar: value,
        }
    }])
}

fn number(value: &str) -> Result<String, String> {
    value
        .trim()
        .parse::<f64>()
        .map(|_| value.trim().to_string())
        .map_err(|_| format!("`{value}` is not a number"))
}

fn error_code_edit(pointer: &str, cx: &Context<'_>) -> Derived {
    let code = cx.fact.subject.trim_start_matches("error.");
    let cells = cx.page.row_cells(cx.fact.line);
    let cells: Vec<&str> = cells
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    let Some(at) = cells.iter().position(|cell| *cell == code) else {
        return Err("the error table's row could not be read from the page".into());
    };
    let (Some(http), Some(message)) = (at.checked_sub(1).map(|i| cells[i]), cells.get(at + 1))
    else {
        return Err("the error row lacks its HTTP status or message".into());
    };
    let hint = cells.get(at + 2).copied().unwrap_or_default();
    let entry = vec![
        format!("code: {}", number(code)?),
        format!("name: {}", error_name(code, message, cx.spec)?),
        format!("http_status: {}", number(http)?),
        format!("message: {}", scalar(message, false)),
        format!("hint: {}", scalar(hint, false)),
    ];
    if cx.spec.at(pointer).is_some() {
        return Ok(vec![Edit::Append {
            pointer: pointer.to_string(),
            item: entry,
        }]);
    }
    let mut lines = Vec::new();
    for (index, line) in entry.iter().enumerate() {
        lines.push(format!(
            "{}{line}",
            if index == 0 { "  - " } else { "    " }
        ));
    }
    Ok(vec![Edit::Insert {
        pointer: cx.operation.pointer.clone(),
        key: "x-feishu-error-codes".into(),
        value: lines,
    }])
}

/// A changed error message, and the row's hint with it when that changed too (the hint is
/// no fact of its own: it is advice, not checked, but it goes stale with the message).
fn message_edits(pointer: &str, cx: &Context<'_>) -> Vec<Edit> {
    let mut edits = vec![Edit::Set {
        pointer: pointer.to_string(),
        scalar: scalar(&cx.fact.value, false),
    }];
    let code = cx.fact.subject.trim_start_matches("error.");
    let cells = cx.page.row_cells(cx.fact.line);
    let cells: Vec<&str> = cells
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    let hint = cells
        .iter()
        .position(|cell| *cell == code)
        .and_then(|at| cells.get(at + 2));
    let hint_at = pointer
        .strip_suffix("/message")
        .map(|entry| format!("{entry}/hint"));
    if let (Some(hint), Some(hint_at)) = (hint, hint_at)
        && cx.spec.at(&hint_at).and_then(Value::as_str) != Some(*hint)
        && cx.spec.at(&hint_at).is_some()
    {
        edits.push(Edit::Set {
            pointer: hint_at,
            scalar: scalar(hint, false),
        });
    }
    edits
}

/// An error code's Rust name: the one the spec already gives the code elsewhere, else one
/// made from its message (`invalid app_id` → `InvalidAppId`), unique in the spec.
/// The name of a new code: the crate's one rule (`error_names`), which `docs add` follows too.
fn error_name(code: &str, message: &str, spec: &SpecDoc) -> Result<String, String> {
    let code = code
        .parse::<i64>()
        .map_err(|_| format!("`{code}` is not an error code number"))?;
    Ok(ErrorNames::of_spec(spec.root()).name(code, message).name)
}

fn required_edit(pointer: &str, cx: &Context<'_>) -> Derived {
    let value = cx.fact.value == "true";
    let Some(owner) = pointer.strip_suffix("/required") else {
        return Err("no required flag to edit".into());
    };
    let is_parameter = cx.spec.at(owner).and_then(|o| o.get("in")).is_some();
    if is_parameter {
        return Ok(vec![if cx.spec.at(pointer).is_some() {
            Edit::Set {
                pointer: pointer.into(),
                scalar: value.to_string(),
            }
        } else {
            Edit::Insert {
                pointer: owner.into(),
                key: "required".into(),
                value: vec![value.to_string()],
            }
        }]);
    }
    let name = cx
        .fact
        .subject
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches("[]");
    if !value {
        return Err("dropping a required field changes the client's API: edit it by hand".into());
    }
    Ok(vec![if cx.spec.at(pointer).is_some() {
        Edit::Append {
            pointer: pointer.into(),
            item: vec![scalar(name, true)],
        }
    } else {
        Edit::Insert {
            pointer: owner.into(),
            key: "required".into(),
            value: vec![format!("[{}]", scalar(name, true))],
        }
    }])
}

/// The `type`/`format` lines of a page type, or why it needs a schema of its own.
fn type_lines(page_type: &str) -> Result<Vec<String>, String> {
    let cleaned = page_type.replace('\\', "");
    let cleaned = cleaned.trim();
    if let Some(element) = cleaned.strip_suffix("[]") {
        let inner = type_lines(element)?;
        let mut lines = vec!["type: array".to_string(), "items:".to_string()];
        lines.extend(inner.into_iter().map(|line| format!("  {line}")));
        return Ok(lines);
    }
    let (ty, format) = match cleaned.to_ascii_lowercase().as_str() {
        "int" | "int32" | "integer" => ("integer", Some("int32")),
        "int64" | "long" => ("integer", Some("int64")),
        "float" | "double" | "number" => ("number", Some("double")),
        "bool" | "boolean" => ("boolean", None),
        "string" => ("string", None),
        other => {
            return Err(format!(
                "the page types it `{other}`, an object: a new object needs a schema of its own; add it by hand"
            ));
        }
    };
    let mut lines = vec![format!("type: {ty}")];
    lines.extend(format.map(|format| format!("format: {format}")));
    Ok(lines)
}

fn field_edit(pointer: &str, cx: &Context<'_>) -> Derived {
    if cx.fact.ambiguous {
        return Err("the page's flat table leaves the field's nesting open: add it by hand".into());
    }
    let (scope, path) = cx.fact.subject.split_once('.').unwrap_or_default();
    let (parent_path, name) = match path.rsplit_once('.') {
        Some((parent, name)) => (Some(parent), name),
        None => (None, path),
    };
    if name.ends_with("[]") {
        return Err("a new list of objects needs a schema of its own: add it by hand".into());
    }
    let root = if scope == "body" {
        cx.spec.request_schema(cx.operation)
    } else {
        cx.spec.response_schema(cx.operation)
    }
    .ok_or("the operation has no JSON schema to add the field to")?;
    let parent_at = match parent_path {
        None => root.1,
        Some(parent) => {
            locate(cx.spec, root, parent)
                .map_err(|_| "the field's parent object is missing too: add it by hand")?
                .0
                .1
        }
    };
    if pointer != format!("{parent_at}/properties") {
        return Err("the field's parent object has no properties to add it to".into());
    }
    let cells = cx.page.row_cells(cx.fact.line);
    let ty = cells.get(1).ok_or("the field's row has no type")?;
    let mut lines: Vec<String> = type_lines(ty)?
        .into_iter()
        .map(|l| format!("  {l}"))
        .collect();
    if let Some(description) = cells.last().filter(|d| !d.is_empty() && cells.len() > 2) {
        lines.push(format!("  description: {}", scalar(description, false)));
    }
    Ok(vec![Edit::Insert {
        pointer: pointer.to_string(),
        key: name.to_string(),
        value: lines,
    }])
}

fn parameter_edit(pointer: &str, location: &str, cx: &Context<'_>) -> Derived {
    let cells = cx.page.row_cells(cx.fact.line);
    let [name, ty, rest @ ..] = cells.as_slice() else {
        return Err("the parameter's row could not be read from the page".into());
    };
    let required = rest
        .first()
        .is_some_and(|r| matches!(r.as_str(), "是" | "必填" | "必需"));
    let mut item = vec![
        format!("name: {}", scalar(name, false)),
        format!("in: {location}"),
        format!("required: {required}"),
    ];
    if let Some(description) = rest.last().filter(|d| !d.is_empty()) {
        item.push(format!("description: {}", scalar(description, false)));
    }
    item.push("schema:".into());
    item.extend(type_lines(ty)?.into_iter().map(|l| format!("  {l}")));
    if cx.spec.at(pointer).is_some() {
        return Ok(vec![Edit::Append {
            pointer: pointer.into(),
            item,
        }]);
    }
    let lines = item
        .iter()
        .enumerate()
        .map(|(i, line)| format!("{}{line}", if i == 0 { "  - " } else { "    " }))
        .collect();
    Ok(vec![Edit::Insert {
        pointer: cx.operation.pointer.clone(),
        key: "parameters".into(),
        value: lines,
    }])
}
