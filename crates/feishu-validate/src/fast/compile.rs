//! Compiling a response schema for the fast path, from the converted document (what
//! violations are judged on) and the documented shapes (what drift is judged on).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::node::{
    Enumeration, FastSchema, IntegerBounds, Member, MemberNames, Node, NodeId, Types, Unlisted,
};
use crate::json_type::JsonType;
use crate::shape::{Additional, Shape, Shapes};
use crate::spec;

/// Keywords that only describe: the fast path skips them as `jsonschema` does.
const ANNOTATIONS: &[&str] = &["title", "description", "default"];
/// Numeric keywords.
const NUMERIC: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];
/// String keywords left to `jsonschema` itself.
const STRING_DELEGATED: &[&str] = &["format", "pattern"];

/// The fast schema of the Schema Object at `pointer` of `document`; `None` when it (or a
/// schema it reaches) uses what the fast path does not implement. `converted` is `document`
/// with its schemas converted to JSON Schema; `shapes` has read `pointer` already.
pub(crate) fn compile(
    document: &Value,
    converted: &Value,
    shapes: &Shapes,
    pointer: &str,
) -> Option<FastSchema> {
    let mut compiler = Compiler {
        document,
        converted,
        shapes,
        nodes: Vec::new(),
        by_pointer: HashMap::new(),
    };
    compiler.node(pointer)?;
    Some(FastSchema {
        nodes: compiler.nodes.into_iter().collect::<Option<Vec<Node>>>()?,
    })
}

struct Compiler<'d> {
    document: &'d Value,
    converted: &'d Value,
    shapes: &'d Shapes,
    /// `None` while a node is being built (a `$ref` cycle points back at it).
    nodes: Vec<Option<Node>>,
    by_pointer: HashMap<String, NodeId>,
}

impl Compiler<'_> {
    fn node(&mut self, pointer: &str) -> Option<NodeId> {
        let (_, pointer) = spec::resolve(self.document, pointer).ok()?;
        if let Some(&id) = self.by_pointer.get(&pointer) {
            return Some(id);
        }
        let id = self.nodes.len();
        self.nodes.push(None);
        self.by_pointer.insert(pointer.clone(), id);

        let Some(Value::Object(schema)) = self.converted.pointer(&pointer) else {
            return None;
        };
        let shape = self.shapes.get(self.shapes.id_of(&pointer)?);
        if !shape.branches.is_empty() || !schema.keys().all(|k| is_supported(k)) {
            return None;
        }
        let mut node = scalar_checks(schema)?;
        node.enumeration = enumeration(shape)?;
        self.structure(schema, shape, &pointer, &mut node)?;
        self.nodes[id] = Some(node);
        Some(id)
    }

    /// Members, required names, unlisted members and items.
    fn structure(
        &mut self,
        schema: &Map<String, Value>,
        shape: &Shape,
        pointer: &str,
        node: &mut Node,
    ) -> Option<()> {
        if let Some(properties) = schema.get("properties") {
            for name in properties.as_object()?.keys() {
                let child = self.node(&format!("{pointer}/properties/{}", spec::escape(name)))?;
                let documented = *shape.properties.as_ref()?.get(name)?;
                let forbidden = self.shapes.get(documented).forbidden;
                let member = node.member(name);
                member.property = Some(child);
                member.forbidden = forbidden;
            }
        }
        if let Some(required) = schema.get("required") {
            for name in required.as_array()? {
                let bit = node.required_count;
                let member = node.member(name.as_str()?);
                if member.required_bit.is_none() {
                    member.required_bit = Some(bit);
                    node.required_count += 1;
                }
            }
            if node.required_count > 64 {
                return None;
            }
        }
        node.unlisted = match (schema.get("additionalProperties"), shape.additional) {
            (Some(_), Additional::Schema(_)) => {
                Unlisted::Checked(self.node(&format!("{pointer}/additionalProperties"))?)
            }
            (None, Additional::Any) => Unlisted::Free,
            (None, Additional::Undocumented) if shape.properties.is_some() => Unlisted::Drift,
            (None, Additional::Undocumented) => Unlisted::Free,
            _ => return None,
        };
        if let Some(items) = schema.get("items") {
            items.as_object()?;
            node.items = Some(self.node(&format!("{pointer}/items"))?);
        }
        Some(())
    }
}

impl Node {
    fn member(&mut self, name: &str) -> &mut Member {
        let index = self.member_names.insert(name);
        if index == self.members.len() {
            self.members.push(Member {
                property: None,
                forbidden: false,
                required_bit: None,
            });
        }
        &mut self.members[index]
    }
}

fn is_supported(keyword: &str) -> bool {
    matches!(
        keyword,
        "type"
            | "properties"
            | "required"
            | "additionalProperties"
            | "items"
            | "minLength"
            | "maxLength"
            | "minItems"
            | "maxItems"
            | "maxProperties"
    ) || ANNOTATIONS.contains(&keyword)
        || NUMERIC.contains(&keyword)
        || STRING_DELEGATED.contains(&keyword)
}

/// The node with its type and its number, string, array and object limits.
fn scalar_checks(schema: &Map<String, Value>) -> Option<Node> {
    let count = |keyword: &str| match schema.get(keyword) {
        None => Some(None),
        Some(value) => value.as_u64().map(Some),
    };
    let (integer_bounds, number_delegate, integers_delegated) = numbers(schema)?;
    Some(Node {
        types: types(schema.get("type"))?,
        integer_bounds,
        number_delegate,
        integers_delegated,
        min_length: count("minLength")?,
        max_length: count("maxLength")?,
        string_delegate: delegate(schema, STRING_DELEGATED)?,
        min_items: count("minItems")?,
        max_items: count("maxItems")?,
        max_properties: count("maxProperties")?,
        member_names: MemberNames::default(),
        members: Vec::new(),
        required_count: 0,
        unlisted: Unlisted::Free,
        items: None,
        enumeration: None,
    })
}

fn types(declared: Option<&Value>) -> Option<Types> {
    let names: Vec<&Value> = match declared {
        None => return Some(Types::ANY),
        Some(Value::Array(names)) => names.iter().collect(),
        Some(name) => vec![name],
    };
    let mut types = Types::none();
    for name in names {
        types.add(JsonType::from_name(name.as_str()?)?);
    }
    Some(types)
}

type NumberChecks = (Option<IntegerBounds>, Option<jsonschema::Validator>, bool);

/// Integer bounds when every bound is an integer; the delegate for the rest.
fn numbers(schema: &Map<String, Value>) -> Option<NumberChecks> {
    let delegate = delegate(schema, NUMERIC)?;
    if delegate.is_none() {
        return Some((None, None, false));
    }
    let bound = |keyword: &str| -> Result<Option<i128>, ()> {
        match schema.get(keyword) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(i128::from)
                .or_else(|| n.as_u64().map(i128::from))
                .map(Some)
                .ok_or(()),
            Some(_) => Err(()),
        }
    };
    let exact = (|| {
        if schema.contains_key("multipleOf") {
            return Err(());
        }
        Ok(IntegerBounds {
            minimum: bound("minimum")?,
            maximum: bound("maximum")?,
            exclusive_minimum: bound("exclusiveMinimum")?,
            exclusive_maximum: bound("exclusiveMaximum")?,
        })
    })();
    Some(match exact {
        Ok(bounds) => (Some(bounds), delegate, false),
        Err(()) => (None, delegate, true),
    })
}

/// `jsonschema` compiled from `keywords` of the schema alone, with the options of the
/// `Value` path; `Some(None)` when the schema has none of them, `None` when they don't compile.
fn delegate(
    schema: &Map<String, Value>,
    keywords: &[&str],
) -> Option<Option<jsonschema::Validator>> {
    let subset: Map<String, Value> = schema
        .iter()
        .filter(|(key, _)| keywords.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if subset.is_empty() {
        return Some(None);
    }
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&Value::Object(subset))
        .ok()
        .map(Some)
}

/// The documented enum of a shape; `None` (unsupported) when a value is an array or object.
fn enumeration(shape: &Shape) -> Option<Option<Enumeration>> {
    let Some(values) = &shape.enum_values else {
        return Some(None);
    };
    if values.iter().any(|v| v.is_array() || v.is_object()) {
        return None;
    }
    Some(Some(Enumeration {
        values: values.clone(),
        types: shape.types.clone(),
    }))
}
