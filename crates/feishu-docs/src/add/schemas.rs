//! Components for a drafted operation: named from the page's type names, reused when the spec
//! already has one of that name whose shape includes the page's (the same fields and values, or
//! more that another page documents), never changed: a name the spec uses for another shape is
//! a finding, and the draft takes a name of its own.

use serde_json::Value;

use super::Note;
use super::draft::Field;
use super::naming::{pascal_case, type_component};
use super::shape::Shape;
use super::yaml::Yaml;
use crate::rust_names::variant_name;

/// A component the draft adds to `components/schemas`.
#[derive(Clone, Debug)]
pub(crate) struct NewSchema {
    pub(crate) name: String,
    pub(crate) yaml: Yaml,
    shape: Shape,
}

/// Drafts schemas against the spec `root`.
pub(crate) struct Schemas<'s> {
    root: &'s Value,
    /// The operation's name in PascalCase, to name its envelope and to tell clashing names apart.
    operation: String,
    file: String,
    pub(crate) added: Vec<NewSchema>,
    pub(crate) notes: Vec<Note>,
}

impl<'s> Schemas<'s> {
    pub(crate) fn new(root: &'s Value, operation_id: &str, file: &str) -> Schemas<'s> {
        Schemas {
            root,
            operation: pascal_case(operation_id),
            file: file.to_string(),
            added: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The operation's name in PascalCase.
    pub(crate) fn operation(&self) -> &str {
        &self.operation
    }

    /// The schema of a field (a `$ref` for objects and enums), `parent` naming the component
    /// that holds it.
    pub(crate) fn field_schema(&mut self, field: &Field, parent: &str) -> Yaml {
        let ty = field.ty.as_str();
        if let Some(element) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
            let mut entries = vec![("type".to_string(), Yaml::str("array"))];
            push_description(&mut entries, &field.doc.text);
            let element_field = Field {
                ty: element.to_string(),
                ..field.clone()
            };
            let items = if element == "object" {
                let fallback = format!("{parent}{}Item", pascal_case(&field.name));
                self.object(&element_field, &fallback)
            } else {
                self.field_schema(
                    &Field {
                        doc: Default::default(),
                        ..element_field
                    },
                    parent,
                )
            };
            entries.push(("items".into(), items));
            return Yaml::Map(entries);
        }
        if ty == "object" {
            let fallback = format!("{parent}{}", pascal_case(&field.name));
            return self.object(field, &fallback);
        }
        if !field.enum_values.is_empty() {
            return self.enumeration(field, parent);
        }
        Yaml::Map(primitive(field))
    }

    /// An object field: a component with its properties, or an open object when the page
    /// lists nothing inside it.
    fn object(&mut self, field: &Field, fallback: &str) -> Yaml {
        if field.children.is_empty() && field.name != "data" {
            let mut entries = vec![("type".to_string(), Yaml::str("object"))];
            push_description(&mut entries, &field.doc.text);
            return Yaml::Map(entries);
        }
        let name = type_component(&field.page_type).unwrap_or_else(|| fallback.to_string());
        let description = if field.doc.text.is_empty() {
            format!("`{}` of {}.", field.name, self.operation)
        } else {
            field.doc.text.clone()
        };
        self.object_component(&name, &description, &field.children, field.line)
    }

    /// A component object named `name` holding `children`, or the spec's own when it has one of
    /// that shape; returns its `$ref`.
    pub(crate) fn object_component(
        &mut self,
        name: &str,
        description: &str,
        children: &[Field],
        line: usize,
    ) -> Yaml {
        let shape = Shape::Object(
            children
                .iter()
                .map(|child| (child.name.clone(), Shape::of_field(child)))
                .collect(),
        );
        self.component(name, shape, line, |schemas, name| {
            let mut entries = vec![
                ("type".to_string(), Yaml::str("object")),
                ("description".to_string(), Yaml::str(description)),
            ];
            let required: Vec<&str> = children
                .iter()
                .filter(|child| child.required == Some(true))
                .map(|child| child.name.as_str())
                .collect();
            if !required.is_empty() {
                entries.push(("required".into(), Yaml::flow(&required)));
            }
            let properties = children
                .iter()
                .map(|child| (child.name.clone(), schemas.field_schema(child, name)))
                .collect();
            entries.push(("properties".into(), Yaml::Map(properties)));
            Yaml::Map(entries)
        })
    }

    /// An enum: a component named after the field (`contacts_scope_type` →
    /// `ContactsScopeType`), with each value's Rust name and the page's meaning.
    pub(crate) fn enumeration(&mut self, field: &Field, parent: &str) -> Yaml {
        let shape = Shape::of_field(field);
        let own = pascal_case(&field.name);
        let name = if self.clashes(&own, &shape) {
            format!("{parent}{own}")
        } else {
            own
        };
        self.component(&name, shape, field.line, |_, _| {
            let mut entries = primitive(field);
            let mut varnames: Vec<String> = Vec::new();
            for value in &field.enum_values {
                let taken: Vec<&str> = varnames.iter().map(String::as_str).collect();
                let name = variant_name(value, &taken);
                varnames.push(name);
            }
            let values: Vec<&str> = field.enum_values.iter().map(String::as_str).collect();
            entries.push(("enum".into(), enum_values(&field.ty, &values)));
            entries.push(("x-enum-varnames".into(), Yaml::flow(&varnames)));
            let meanings: Vec<Yaml> = field
                .enum_values
                .iter()
                .map(|value| Yaml::str(&field.meaning(value)))
                .collect();
            entries.push(("x-enum-descriptions".into(), Yaml::Seq(meanings)));
            Yaml::Map(entries)
        })
    }

    /// True when `name` is taken (in the spec or this draft) by a shape that does not include
    /// `shape`.
    fn clashes(&self, name: &str, shape: &Shape) -> bool {
        self.existing(name)
            .is_some_and(|existing| !existing.includes(shape))
    }

    fn existing(&self, name: &str) -> Option<Shape> {
        if let Some(added) = self.added.iter().find(|added| added.name == name) {
            return Some(added.shape.clone());
        }
        let schema = self.root.pointer(&format!("/components/schemas/{name}"))?;
        Some(Shape::of_spec(self.root, schema))
    }

    /// The `$ref` of a component `name` of `shape`: the spec's own when it has that shape; a new
    /// one written by `write` otherwise, under another name when `name` is taken.
    fn component(
        &mut self,
        name: &str,
        shape: Shape,
        line: usize,
        write: impl FnOnce(&mut Schemas<'s>, &str) -> Yaml,
    ) -> Yaml {
        let mut chosen = name.to_string();
        match self.existing(name) {
            Some(existing) if existing.includes(&shape) => {
                return Yaml::reference("schemas", name);
            }
            Some(existing) => {
                chosen = self.free_name(name, &shape);
                if self
                    .existing(&chosen)
                    .is_some_and(|known| known.includes(&shape))
                {
                    return Yaml::reference("schemas", &chosen);
                }
                self.notes.push(Note::new(
                    &self.file,
                    line,
                    format!(
                        "component `{name}` exists with another shape ({}; the page says {}); \
                         drafted as `{chosen}`, the existing one is unchanged",
                        existing.summary(),
                        shape.summary()
                    ),
                ));
            }
            None => {}
        }
        // Reserve the name before writing, so a nested field of the same type reuses it.
        self.added.push(NewSchema {
            name: chosen.clone(),
            yaml: Yaml::Map(Vec::new()),
            shape,
        });
        let yaml = write(self, &chosen);
        if let Some(added) = self.added.iter_mut().find(|added| added.name == chosen) {
            added.yaml = yaml;
        }
        Yaml::reference("schemas", &chosen)
    }

    /// `name` + the operation, then a counter, until the name is free or holds `shape`.
    fn free_name(&self, name: &str, shape: &Shape) -> String {
        let base = format!("{name}{}", self.operation);
        let mut candidate = base.clone();
        let mut counter = 2;
        while self
            .existing(&candidate)
            .is_some_and(|existing| !existing.includes(shape))
        {
            candidate = format!("{base}{counter}");
            counter += 1;
        }
        candidate
    }
}

/// `type`, `description`, `default` and the limits of a primitive field.
pub(crate) fn primitive(field: &Field) -> Vec<(String, Yaml)> {
    let ty = if field.ty.is_empty() {
        "string"
    } else {
        field.ty.as_str()
    };
    let mut entries = vec![("type".to_string(), Yaml::str(ty))];
    if field.page_type.trim().eq_ignore_ascii_case("int64") && ty == "integer" {
        entries.push(("format".into(), Yaml::str("int64")));
    }
    push_description(&mut entries, &field.doc.text);
    if let Some(default) = &field.default {
        entries.push(("default".into(), typed(ty, default)));
    }
    for (key, value) in [
        ("minimum", &field.minimum),
        ("maximum", &field.maximum),
        ("minLength", &field.min_length),
        ("maxLength", &field.max_length),
    ] {
        if let Some(value) = value {
            entries.push((key.into(), Yaml::Scalar(value.clone())));
        }
    }
    entries
}

fn push_description(entries: &mut Vec<(String, Yaml)>, text: &str) {
    if !text.trim().is_empty() {
        entries.push(("description".into(), Yaml::str(text)));
    }
}

/// A value of type `ty` as YAML: numbers and booleans plain when they read as such.
pub(crate) fn typed(ty: &str, value: &str) -> Yaml {
    let plain = match ty {
        "integer" => value.parse::<i64>().is_ok(),
        "number" => value.parse::<f64>().is_ok(),
        "boolean" => matches!(value, "true" | "false"),
        _ => false,
    };
    if plain {
        Yaml::Scalar(value.to_string())
    } else {
        Yaml::str(value)
    }
}

fn enum_values(ty: &str, values: &[&str]) -> Yaml {
    if ty == "integer" && values.iter().all(|v| v.parse::<i64>().is_ok()) {
        Yaml::Flow(values.iter().map(|v| (*v).to_string()).collect())
    } else {
        Yaml::flow(values)
    }
}

impl Schemas<'_> {
    /// The answer's envelope `{Op}Response`: `code`, `msg`, `data` (as `{Op}Data`), the page's
    /// other top-level fields, and Feishu's `error` detail.
    pub(crate) fn envelope(&mut self, operation_id: &str, fields: &[Field], line: usize) -> Yaml {
        let name = format!("{}Response", self.operation);
        let error = self.root.pointer("/components/schemas/ErrorDetail");
        let mut shape: std::collections::BTreeMap<String, Shape> = fields
            .iter()
            .map(|field| (field.name.clone(), Shape::of_field(field)))
            .collect();
        shape.insert("code".into(), Shape::Primitive("integer".into()));
        shape.insert("msg".into(), Shape::Primitive("string".into()));
        if let Some(error) = error {
            shape.insert("error".into(), Shape::of_spec(self.root, error));
        }
        let description = format!("The answer of {operation_id}.");
        self.component(&name, Shape::Object(shape), line, |schemas, name| {
            let mut properties = vec![
                (
                    "code".to_string(),
                    Yaml::Map(vec![
                        ("type".into(), Yaml::str("integer")),
                        ("format".into(), Yaml::str("int64")),
                        (
                            "description".into(),
                            Yaml::str("Error code; non-zero means failure."),
                        ),
                    ]),
                ),
                (
                    "msg".to_string(),
                    Yaml::Map(vec![
                        ("type".into(), Yaml::str("string")),
                        ("description".into(), Yaml::str("Error message.")),
                    ]),
                ),
            ];
            for field in fields
                .iter()
                .filter(|f| f.name != "code" && f.name != "msg")
            {
                let schema = if field.name == "data" && field.ty == "object" {
                    let data = format!("{}Data", schemas.operation);
                    let about = format!("The payload of {operation_id}.");
                    schemas.object_component(&data, &about, &field.children, field.line)
                } else {
                    schemas.field_schema(field, name)
                };
                properties.push((field.name.clone(), schema));
            }
            if error.is_some() {
                properties.push(("error".into(), Yaml::reference("schemas", "ErrorDetail")));
            }
            Yaml::Map(vec![
                ("type".into(), Yaml::str("object")),
                ("description".into(), Yaml::str(&description)),
                ("required".into(), Yaml::flow(&["code", "msg"])),
                ("properties".into(), Yaml::Map(properties)),
            ])
        })
    }
}
