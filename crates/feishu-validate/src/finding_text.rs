//! Short human descriptions of what the spec documents and of what a body holds, for the
//! `documented`/`found` of each finding.

use feishu_wire::secret::is_secret_pointer;
use serde_json::Value;

use crate::json_type::{self, JsonType};
use crate::shape::{ShapeId, Shapes};

const MAX_TEXT: usize = 60;
const MAX_NAMES: usize = 8;

/// [`value`], or only its type for a secret member.
pub(crate) fn value_at(pointer: &str, found: &Value) -> String {
    if is_secret_pointer(pointer) {
        let kind = JsonType::of(found);
        format!("{kind} (a secret: value not shown)")
    } else {
        value(found)
    }
}

/// What a body holds: `string "abc"`, `integer 5`, `object with members a, b`, ...
pub(crate) fn value(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) if n.is_f64() => format!("number {n}"),
        Value::Number(n) => format!("integer {n}"),
        Value::String(_) => format!("string {}", short_json(value)),
        Value::Array(items) => match items.len() {
            0 => "empty array".to_owned(),
            1 => "array of 1 item".to_owned(),
            n => format!("array of {n} items"),
        },
        Value::Object(members) if members.is_empty() => "empty object".to_owned(),
        Value::Object(members) => format!(
            "object with members {}",
            name_list(members.keys().map(String::as_str))
        ),
    }
}

/// The value as JSON text, cut short when long.
pub(crate) fn short_json(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= MAX_TEXT {
        return text;
    }
    let cut: String = text.chars().take(MAX_TEXT).collect();
    format!("{cut}…")
}

/// What the spec documents for a value with these shapes: type, format, nullability, enum,
/// required members, schema name.
pub(crate) fn shapes(shapes: &Shapes, ids: &[ShapeId]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut name = None;
    for &id in ids {
        let shape = shapes.get(id);
        name = name.or(shape.name.as_deref());
        if !shape.types.is_empty() && parts.is_empty() {
            let mut text = json_type::join(&shape.types);
            if let Some(format) = &shape.format {
                text.push_str(&format!(" ({format})"));
            }
            if shape.types.contains(&JsonType::Array)
                && let Some(items) = shape.items
            {
                text.push_str(&format!(" of {}", item_name(shapes, items)));
            }
            parts.push(text);
            parts.push(
                if shape.nullable {
                    "nullable"
                } else {
                    "not nullable"
                }
                .to_owned(),
            );
        }
        if let Some(values) = &shape.enum_values {
            parts.push(format!("one of {}", json_list(values)));
        }
        if !shape.required.is_empty() {
            parts.push(format!("requires {}", shape.required.join(", ")));
        }
    }
    if parts.is_empty() {
        parts.push("any value".to_owned());
    }
    match name {
        Some(name) => format!("{} ({name})", parts.join(", ")),
        None => parts.join(", "),
    }
}

/// The enum a value was checked against: `AppStatus [0, 1, 2, 3]`.
pub(crate) fn enum_owner(shapes: &Shapes, ids: &[ShapeId]) -> String {
    let mut owners = Vec::new();
    for &id in ids {
        let shape = shapes.get(id);
        if let Some(values) = &shape.enum_values {
            let name = shape.name.as_deref().unwrap_or("the enum");
            owners.push(format!("{name} [{}]", json_list(values)));
        }
    }
    owners.join(" or ")
}

/// The object a member was looked up in: its schema name, or "this object".
pub(crate) fn object_owner(shapes: &Shapes, ids: &[ShapeId]) -> String {
    ids.iter()
        .find_map(|&id| shapes.get(id).name.clone())
        .unwrap_or_else(|| "this object".to_owned())
}

/// The documented members of an object: `members of Application: app_id, creator_id, ...`.
pub(crate) fn members(shapes: &Shapes, ids: &[ShapeId]) -> String {
    let mut names: Vec<&str> = ids
        .iter()
        .filter_map(|&id| shapes.get(id).properties.as_ref())
        .flat_map(|p| p.keys().map(String::as_str))
        .collect();
    names.sort_unstable();
    names.dedup();
    let owner = object_owner(shapes, ids);
    if names.is_empty() {
        format!("{owner} documents no members")
    } else {
        format!("members of {owner}: {}", names.join(", "))
    }
}

fn item_name(shapes: &Shapes, id: ShapeId) -> String {
    let shape = shapes.get(id);
    shape
        .name
        .clone()
        .unwrap_or_else(|| match shape.types.as_slice() {
            [] => "any".to_owned(),
            types => json_type::join(types),
        })
}

fn json_list(values: &[Value]) -> String {
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn name_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.len() <= MAX_NAMES {
        names.join(", ")
    } else {
        format!(
            "{}, … ({} in all)",
            names[..MAX_NAMES].join(", "),
            names.len()
        )
    }
}
