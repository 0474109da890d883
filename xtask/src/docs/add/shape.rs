//! The shape of a schema, for deciding whether a drafted component is one the spec already has:
//! property names and types, enum values and array items, after `$ref`s. Descriptions, formats
//! and limits do not make a different shape.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::draft::Field;

/// What a schema holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `integer`, `number`, `string`, `boolean`, or `unknown` (a composition).
    Primitive(String),
    /// A closed set of values of a primitive type (values as text).
    Enum(String, BTreeSet<String>),
    /// An array of items.
    Array(Box<Shape>),
    /// An object by property.
    Object(BTreeMap<String, Shape>),
}

/// How deep `$ref`s are followed: the spec's nesting is far shallower; a cycle stops here.
const MAX_DEPTH: usize = 16;

impl Shape {
    /// The shape of a spec schema (`value` inside the spec `root`).
    pub(crate) fn of_spec(root: &Value, value: &Value) -> Shape {
        Shape::of_spec_at(root, value, 0)
    }

    fn of_spec_at(root: &Value, value: &Value, depth: usize) -> Shape {
        if depth > MAX_DEPTH {
            return Shape::Primitive("unknown".into());
        }
        if let Some(reference) = value.get("$ref").and_then(Value::as_str) {
            return match reference.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => Shape::of_spec_at(root, target, depth + 1),
                None => Shape::Primitive("unknown".into()),
            };
        }
        let ty = value.get("type").and_then(Value::as_str).unwrap_or("");
        if let Some(values) = value.get("enum").and_then(Value::as_array) {
            let values = values.iter().map(text_of).collect();
            return Shape::Enum(ty.to_string(), values);
        }
        // A bit set's flags (`[{value: 1, name: …}]`) are what `docs check`, and a page, read as
        // the field's values.
        if let Some(flags) = value.get("x-feishu-bit-flags").and_then(Value::as_array) {
            let values = flags
                .iter()
                .map(|flag| text_of(flag.get("value").unwrap_or(flag)))
                .collect();
            return Shape::Enum(ty.to_string(), values);
        }
        if ty == "array" {
            let items = value.get("items").unwrap_or(&Value::Null);
            return Shape::Array(Box::new(Shape::of_spec_at(root, items, depth + 1)));
        }
        if let Some(properties) = value.get("properties").and_then(Value::as_object) {
            return Shape::Object(
                properties
                    .iter()
                    .map(|(name, property)| {
                        (name.clone(), Shape::of_spec_at(root, property, depth + 1))
                    })
                    .collect(),
            );
        }
        match ty {
            "object" => Shape::Object(BTreeMap::new()),
            "" => Shape::Primitive("unknown".into()),
            other => Shape::Primitive(other.to_string()),
        }
    }

    /// The shape a page's field states.
    pub(crate) fn of_field(field: &Field) -> Shape {
        Shape::of_type(&field.ty, field)
    }

    fn of_type(ty: &str, field: &Field) -> Shape {
        if let Some(element) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
            return Shape::Array(Box::new(Shape::of_type(element, field)));
        }
        if ty == "object" {
            return Shape::Object(
                field
                    .children
                    .iter()
                    .map(|child| (child.name.clone(), Shape::of_field(child)))
                    .collect(),
            );
        }
        if !field.enum_values.is_empty() {
            return Shape::Enum(ty.to_string(), field.enum_values.iter().cloned().collect());
        }
        Shape::Primitive(if ty.is_empty() { "unknown" } else { ty }.to_string())
    }

    /// True when `self` can stand for `other`: the same, or an object that knows properties
    /// the page does not list (another page of a shared type documents them). Enum values must
    /// be the same: a value one operation documents and another does not is drift there.
    pub(crate) fn includes(&self, other: &Shape) -> bool {
        match (self, other) {
            (Shape::Object(mine), Shape::Object(theirs)) => theirs
                .iter()
                .all(|(name, shape)| mine.get(name).is_some_and(|own| own.includes(shape))),
            (Shape::Array(mine), Shape::Array(theirs)) => mine.includes(theirs),
            _ => self == other,
        }
    }

    /// A short text of the shape for findings: `{a: string, b: [integer]}`.
    pub(crate) fn summary(&self) -> String {
        match self {
            Shape::Primitive(ty) => ty.clone(),
            Shape::Enum(ty, values) => {
                let values: Vec<&str> = values.iter().map(String::as_str).collect();
                format!("{ty} enum [{}]", values.join(", "))
            }
            Shape::Array(items) => format!("[{}]", items.summary()),
            Shape::Object(properties) => {
                let names: Vec<&str> = properties.keys().map(String::as_str).collect();
                format!("{{{}}}", names.join(", "))
            }
        }
    }
}

/// An enum value as text: strings unquoted, numbers as written.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refs_are_followed_and_descriptions_ignored() {
        let root = json!({"components": {"schemas": {
            "List": {"type": "object", "description": "x", "properties": {
                "ids": {"type": "array", "items": {"type": "string"}}}},
            "Kind": {"type": "string", "enum": ["a", "b"]},
            "Holder": {"type": "object", "properties": {
                "list": {"$ref": "#/components/schemas/List"},
                "kind": {"$ref": "#/components/schemas/Kind"},
                "level": {"type": "integer", "enum": [1, 2]}}}}}});
        let holder = Shape::of_spec(&root, &root["components"]["schemas"]["Holder"]);
        let field = Field {
            ty: "object".into(),
            children: vec![
                Field {
                    name: "list".into(),
                    ty: "object".into(),
                    children: vec![Field {
                        name: "ids".into(),
                        ty: "array<string>".into(),
                        ..Field::default()
                    }],
                    ..Field::default()
                },
                Field {
                    name: "kind".into(),
                    ty: "string".into(),
                    enum_values: vec!["b".into(), "a".into()],
                    ..Field::default()
                },
                Field {
                    name: "level".into(),
                    ty: "integer".into(),
                    enum_values: vec!["1".into(), "2".into()],
                    ..Field::default()
                },
            ],
            ..Field::default()
        };
        assert_eq!(Shape::of_field(&field), holder);
        assert_eq!(holder.summary(), "{kind, level, list}");
    }

    #[test]
    fn a_ref_cycle_ends() {
        let root =
            json!({"components": {"schemas": {"Loop": {"$ref": "#/components/schemas/Loop"}}}});
        let shape = Shape::of_spec(&root, &root["components"]["schemas"]["Loop"]);
        assert_eq!(shape, Shape::Primitive("unknown".into()));
    }
}
