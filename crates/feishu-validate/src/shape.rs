//! The documented shape of a body, read from the spec's (unconverted) Schema Objects: what
//! drift detection and the human descriptions need (members, items, enums, types, names).

use std::collections::HashMap;

use feishu_wire::pointer::{Pointer, unescape_segment};
use serde_json::Value;

use crate::convert::Direction;
use crate::error::Result;
use crate::json_type::JsonType;
use crate::spec;

/// Index of a [`Shape`] in [`Shapes`].
pub(crate) type ShapeId = usize;

/// One Schema Object, with its `$ref`s resolved to other shapes.
#[derive(Debug, Default)]
pub(crate) struct Shape {
    /// The component name, for a schema under `#/components/schemas/`.
    pub(crate) name: Option<String>,
    /// Declared (or, for a bare `enum`, inferred) JSON types; empty means any.
    pub(crate) types: Vec<JsonType>,
    pub(crate) format: Option<String>,
    pub(crate) nullable: bool,
    pub(crate) enum_values: Option<Vec<Value>>,
    /// The `properties`, or `None` when the schema has no `properties` keyword.
    pub(crate) properties: Option<HashMap<String, ShapeId>>,
    pub(crate) required: Vec<String>,
    pub(crate) additional: Additional,
    pub(crate) items: Option<ShapeId>,
    /// `allOf`, `anyOf` and `oneOf` branches.
    pub(crate) branches: Vec<ShapeId>,
    /// This shape and every branch reachable from it: the shapes that apply to a value.
    pub(crate) closure: Vec<ShapeId>,
    /// `writeOnly` in a response, `readOnly` in a request: must not appear.
    pub(crate) forbidden: bool,
}

/// What `additionalProperties` documents.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Additional {
    /// Absent or `false`: an unlisted member is drift (when `properties` is declared).
    #[default]
    Undocumented,
    /// `true`: any member is documented.
    Any,
    /// A schema: any member is documented and has this shape.
    Schema(ShapeId),
}

/// Every shape reachable from the schemas asked for, shared (a component used by several
/// responses is read once).
#[derive(Debug)]
pub(crate) struct Shapes {
    arena: Vec<Shape>,
    by_pointer: HashMap<String, ShapeId>,
    direction: Direction,
}

impl Shapes {
    pub(crate) fn new(direction: Direction) -> Self {
        Shapes {
            arena: Vec::new(),
            by_pointer: HashMap::new(),
            direction,
        }
    }

    pub(crate) fn get(&self, id: ShapeId) -> &Shape {
        &self.arena[id]
    }

    /// The shape read from the schema at `pointer` (a resolved pointer, not a `$ref`).
    pub(crate) fn id_of(&self, pointer: &str) -> Option<ShapeId> {
        self.by_pointer.get(pointer).copied()
    }

    /// Reads the schema at `pointer` (following `$ref`s) and everything it reaches.
    pub(crate) fn add(&mut self, document: &Value, pointer: &str) -> Result<ShapeId> {
        let id = self.build(document, pointer)?;
        self.compute_closures();
        Ok(id)
    }

    fn build(&mut self, document: &Value, pointer: &str) -> Result<ShapeId> {
        let (node, pointer) = spec::resolve(document, pointer)?;
        if let Some(id) = self.by_pointer.get(&pointer) {
            return Ok(*id);
        }
        let id = self.arena.len();
        self.arena.push(Shape::default());
        self.by_pointer.insert(pointer.clone(), id);

        let mut shape = Shape {
            name: component_name(&pointer),
            types: declared_types(node),
            format: node
                .get("format")
                .and_then(Value::as_str)
                .map(str::to_owned),
            nullable: node.get("nullable").and_then(Value::as_bool) == Some(true),
            enum_values: node.get("enum").and_then(Value::as_array).cloned(),
            forbidden: node
                .get(self.direction.forbidden_flag())
                .and_then(Value::as_bool)
                == Some(true),
            required: node
                .get("required")
                .and_then(Value::as_array)
                .map(|names| {
                    names
                        .iter()
                        .filter_map(|n| n.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            ..Shape::default()
        };
        if let Some(Value::Object(properties)) = node.get("properties") {
            let mut members = HashMap::with_capacity(properties.len());
            for name in properties.keys() {
                let child = format!("{pointer}/properties/{}", spec::escape(name));
                members.insert(name.clone(), self.build(document, &child)?);
            }
            shape.properties = Some(members);
        }
        shape.additional = match node.get("additionalProperties") {
            Some(Value::Bool(true)) => Additional::Any,
            Some(Value::Object(_)) => Additional::Schema(
                self.build(document, &format!("{pointer}/additionalProperties"))?,
            ),
            _ => Additional::Undocumented,
        };
        if node.get("items").is_some_and(Value::is_object) {
            shape.items = Some(self.build(document, &format!("{pointer}/items"))?);
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = node.get(keyword) {
                for index in 0..branches.len() {
                    let branch = self.build(document, &format!("{pointer}/{keyword}/{index}"))?;
                    shape.branches.push(branch);
                }
            }
        }
        self.arena[id] = shape;
        Ok(id)
    }

    fn compute_closures(&mut self) {
        for id in 0..self.arena.len() {
            if !self.arena[id].closure.is_empty() {
                continue;
            }
            let mut closure = vec![id];
            let mut next = 0;
            while next < closure.len() {
                for &branch in &self.arena[closure[next]].branches {
                    if !closure.contains(&branch) {
                        closure.push(branch);
                    }
                }
                next += 1;
            }
            self.arena[id].closure = closure;
        }
    }

    /// The shapes that apply at `pointer` (an RFC 6901 pointer into a body) when the body's
    /// root has shape `root`; `None` when the spec documents nothing there.
    pub(crate) fn at(&self, root: ShapeId, pointer: &str) -> Option<Vec<ShapeId>> {
        let mut current = self.get(root).closure.clone();
        if pointer.is_empty() {
            return Some(current);
        }
        for segment in Pointer::parse(pointer).ok()? {
            let segment = segment.ok()?;
            let next: Vec<ShapeId> = current
                .iter()
                .filter_map(|&id| {
                    let shape = self.get(id);
                    shape
                        .properties
                        .as_ref()
                        .and_then(|p| p.get(segment.as_ref()).copied())
                        .or(match shape.additional {
                            Additional::Schema(s) => Some(s),
                            _ => None,
                        })
                        .or(shape.items.filter(|_| segment.parse::<usize>().is_ok()))
                })
                .collect();
            if next.is_empty() {
                return None;
            }
            current = self.union_of_closures(&next);
        }
        Some(current)
    }

    /// Every shape that applies when any of `ids` does.
    pub(crate) fn union_of_closures(&self, ids: &[ShapeId]) -> Vec<ShapeId> {
        let mut all = Vec::new();
        for &id in ids {
            for &member in &self.get(id).closure {
                if !all.contains(&member) {
                    all.push(member);
                }
            }
        }
        all
    }
}

fn component_name(pointer: &str) -> Option<String> {
    let name = pointer.strip_prefix("/components/schemas/")?;
    if name.contains('/') {
        return None;
    }
    Some(unescape_segment(name).ok()?.into_owned())
}

/// The declared types; a name JSON Schema does not know is left out (the schema then fails
/// to compile, so no body is ever checked against it).
fn declared_types(node: &Value) -> Vec<JsonType> {
    match node.get("type") {
        Some(Value::String(name)) => JsonType::from_name(name).into_iter().collect(),
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(|n| n.as_str().and_then(JsonType::from_name))
            .collect(),
        _ => {
            let mut types: Vec<JsonType> = Vec::new();
            for value in node
                .get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let name = JsonType::of(value);
                if !types.contains(&name) {
                    types.push(name);
                }
            }
            types
        }
    }
}
