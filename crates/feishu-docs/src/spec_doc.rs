//! The spec as a JSON tree, with JSON pointers to everything a fact is compared with.

use std::path::Path;

use anyhow::{Context as _, bail};
use serde_json::Value;

use feishu_wire::pointer::escape_segment as escape;

/// The spec, parsed once.
pub(crate) struct SpecDoc {
    pub(crate) text: String,
    root: Value,
}

/// An operation of the spec.
pub(crate) struct Operation {
    pub(crate) id: String,
    pub(crate) pointer: String,
    path_pointer: String,
}

/// A resolved location: the value after `$ref`s and its pointer.
pub(crate) type Located<'s> = (&'s Value, String);

impl SpecDoc {
    /// Reads the spec at `path`.
    pub(crate) fn load(path: &Path) -> anyhow::Result<SpecDoc> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the spec {}", path.display()))?;
        SpecDoc::from_text(text, path)
    }

    /// Reads spec text; `path` names it in errors.
    pub(crate) fn from_text(text: String, path: &Path) -> anyhow::Result<SpecDoc> {
        let root: Value = serde_yaml_ng::from_str(&text)
            .with_context(|| format!("{}: not a YAML document", path.display()))?;
        if root.get("paths").and_then(Value::as_object).is_none() {
            bail!(
                "{}: no `paths` object: not an OpenAPI document",
                path.display()
            );
        }
        Ok(SpecDoc { text, root })
    }

    /// The value at a JSON pointer.
    pub(crate) fn at(&self, pointer: &str) -> Option<&Value> {
        self.root.pointer(pointer)
    }

    /// The operation with this method and path.
    pub(crate) fn operation(&self, method: &str, path: &str) -> Option<Operation> {
        let path_pointer = format!("/paths/{}", escape(path));
        let pointer = format!("{path_pointer}/{}", method.to_ascii_lowercase());
        let id = self.at(&pointer)?.get("operationId")?.as_str()?.to_string();
        Some(Operation {
            id,
            pointer,
            path_pointer,
        })
    }

    /// Follows `$ref`s from `value` at `pointer`.
    pub(crate) fn resolve<'s>(&'s self, mut value: &'s Value, mut pointer: String) -> Located<'s> {
        for _ in 0..32 {
            let Some(target) = value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(next) = target.strip_prefix('#').and_then(|at| self.at(at)) else {
                break;
            };
            pointer = target[1..].to_string();
            value = next;
        }
        (value, pointer)
    }

    /// The operation's parameter `name` in `location` (operation level first, then path level).
    pub(crate) fn parameter(
        &self,
        operation: &Operation,
        location: &str,
        name: &str,
    ) -> Option<Located<'_>> {
        [&operation.pointer, &operation.path_pointer]
            .into_iter()
            .find_map(|owner| {
                let list = format!("{owner}/parameters");
                let items = self.at(&list)?.as_array()?;
                items.iter().enumerate().find_map(|(index, item)| {
                    let (parameter, pointer) = self.resolve(item, format!("{list}/{index}"));
                    let matches = parameter.get("in").and_then(Value::as_str) == Some(location)
                        && parameter
                            .get("name")
                            .and_then(Value::as_str)
                            .is_some_and(|n| n.eq_ignore_ascii_case(name));
                    matches.then_some((parameter, pointer))
                })
            })
    }

    /// The JSON schema of the operation's request body.
    pub(crate) fn request_schema(&self, operation: &Operation) -> Option<Located<'_>> {
        let pointer = format!("{}/requestBody", operation.pointer);
        let (body, pointer) = self.resolve(self.at(&pointer)?, pointer);
        self.json_schema(body, &pointer)
    }

    /// The JSON schema of the operation's 200 response.
    pub(crate) fn response_schema(&self, operation: &Operation) -> Option<Located<'_>> {
        let pointer = format!("{}/responses/200", operation.pointer);
        let (response, pointer) = self.resolve(self.at(&pointer)?, pointer);
        self.json_schema(response, &pointer)
    }

    fn json_schema<'s>(&'s self, holder: &'s Value, pointer: &str) -> Option<Located<'s>> {
        let (media, content) = holder
            .get("content")?
            .as_object()?
            .iter()
            .find(|(media, _)| media.starts_with("application/json"))?;
        let pointer = format!("{pointer}/content/{}/schema", escape(media));
        Some(self.resolve(content.get("schema")?, pointer))
    }

    /// The documented media types of the operation's request body.
    pub(crate) fn request_media_types(&self, operation: &Operation) -> Vec<String> {
        let pointer = format!("{}/requestBody", operation.pointer);
        self.at(&pointer)
            .map(|body| self.resolve(body, pointer.clone()).0)
            .and_then(|body| {
                body.get("content")?
                    .as_object()
                    .map(|content| content.keys().cloned().collect())
            })
            .unwrap_or_default()
    }

    /// True when the operation is called with a bearer token (its own `security` or the root's).
    pub(crate) fn uses_bearer(&self, operation: &Operation) -> bool {
        let security = self
            .at(&format!("{}/security", operation.pointer))
            .or_else(|| self.at("/security"))
            .and_then(Value::as_array);
        security.is_some_and(|requirements| {
            requirements
                .iter()
                .filter_map(Value::as_object)
                .flat_map(|r| r.keys())
                .any(|scheme| {
                    let pointer = format!("/components/securitySchemes/{}", escape(scheme));
                    self.at(&pointer)
                        .and_then(|s| s.get("scheme"))
                        .and_then(Value::as_str)
                        == Some("bearer")
                })
        })
    }

    /// The operation's documented error code, then the root's generic ones.
    pub(crate) fn error_code(&self, operation: &Operation, code: &str) -> Option<Located<'_>> {
        [
            format!("{}/x-feishu-error-codes", operation.pointer),
            "/x-feishu-error-codes".to_string(),
        ]
        .into_iter()
        .find_map(|list| {
            let items = self.at(&list)?.as_array()?;
            items.iter().enumerate().find_map(|(index, item)| {
                let matches = item.get("code").map(scalar).as_deref() == Some(code);
                matches.then(|| (item, format!("{list}/{index}")))
            })
        })
    }

    /// The whole document.
    pub(crate) fn root(&self) -> &Value {
        &self.root
    }

    /// The named property of an object schema (through `$ref`s, `allOf`), or for `name[]`,
    /// the property's array items.
    pub(crate) fn property<'s>(
        &'s self,
        schema: &'s Value,
        pointer: &str,
        segment: &str,
    ) -> Option<Located<'s>> {
        let (name, items) = match segment.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (segment, false),
        };
        let at = format!("{pointer}/properties/{}", escape(name));
        let (property, at) = self.resolve(schema.get("properties")?.get(name)?, at);
        if !items {
            return Some((property, at));
        }
        let at = format!("{at}/items");
        Some(self.resolve(property.get("items")?, at))
    }

    /// Every property named `name` anywhere under `schema`, breadth first, with its dotted
    /// path from `schema` (`data.items[].owner.type`).
    pub(crate) fn find_anywhere<'s>(
        &'s self,
        schema: &'s Value,
        pointer: &str,
        name: &str,
    ) -> Vec<(Located<'s>, String)> {
        let mut found = Vec::new();
        let mut queue =
            std::collections::VecDeque::from([(schema, pointer.to_string(), String::new())]);
        let mut seen = std::collections::HashSet::new();
        while let Some((node, at, path)) = queue.pop_front() {
            if !seen.insert(at.clone()) {
                continue;
            }
            if let Some(properties) = node.get("properties").and_then(Value::as_object) {
                for (key, property) in properties {
                    let (property, property_at) =
                        self.resolve(property, format!("{at}/properties/{}", escape(key)));
                    let property_path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    if key == name {
                        found.push(((property, property_at.clone()), property_path.clone()));
                    }
                    queue.push_back((property, property_at, property_path));
                }
            }
            if let Some(items) = node.get("items") {
                let (items, items_at) = self.resolve(items, format!("{at}/items"));
                queue.push_back((items, items_at, format!("{path}[]")));
            }
        }
        found
    }
}

/// The normalised type of a schema: `integer`, `string`, `array<object>`, ...
pub(crate) fn schema_type(spec: &SpecDoc, schema: &Value, pointer: &str) -> String {
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => {
            let element = schema
                .get("items")
                .map(|items| {
                    let (items, at) = spec.resolve(items, format!("{pointer}/items"));
                    schema_type(spec, items, &at)
                })
                .unwrap_or_else(|| "object".into());
            format!("array<{element}>")
        }
        Some(other) => other.to_string(),
        None => "object".into(),
    }
}

/// A scalar's text as pages write it (`20`, `open_id`, `true`).
pub(crate) fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
