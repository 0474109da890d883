//! The report path for a body with a finding: a `Value` tree in which every array item the
//! fast path calls clean is left out (kept as `null`), so a large list with one bad item costs
//! that item's tree, not the whole body's.
//!
//! Why the report is unchanged: a clean item has no finding of its own, and no other finding
//! depends on its content, with these exceptions, all guarded:
//! - a message that prints a container holding the item (`maxItems`, `minItems`,
//!   `maxProperties`, `type`, `enum`): items are left out only below containers that pass
//!   their own type and enum checks; when a container with left-out items then fails its
//!   count limits, the sparse tree is given up and the caller parses the whole body;
//! - a duplicate member name, which would move findings onto the pointers of left-out items:
//!   given up too;
//! - members the fast path reads unchecked (drift, `writeOnly`, free-form) are kept whole, as
//!   `serde_json` builds them;
//! - an object whose first member name is one of `serde_json`'s private ones (which `Value`
//!   reads as something else under the `raw_value` feature): given up.
//!
//! Bytes that are not JSON fail this parse with the error a parse into `Value` gives.
//!
//! The `null` stand-ins do produce findings of their own (`null is not of type "object"`);
//! the caller drops every finding at or below a left-out item's pointer. Containers are
//! described by their member names and item counts, which the stand-ins keep.
//! The differential tests compare the result with the whole-body report.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::node::{FastSchema, Node, NodeId, Unlisted};
use super::walk::{SERDE_JSON_PRIVATE, type_and_enum};
use crate::json_type::JsonType;
use feishu_wire::pointer::push_key;

/// A body's `Value` with its clean array items left out.
pub(crate) struct SparseTree {
    /// The body, each left-out item replaced by `null`.
    pub(crate) tree: Value,
    /// The pointers of the left-out items.
    left_out: HashSet<Box<str>>,
}

impl SparseTree {
    /// Whether a finding at `pointer` belongs to the report: it is not at or below a
    /// left-out item.
    pub(crate) fn keeps(&self, pointer: &str) -> bool {
        let inside = pointer
            .match_indices('/')
            .map(|(at, _)| at)
            .chain([pointer.len()])
            .any(|end| self.left_out.contains(&pointer[..end]));
        !inside
    }

    /// How many items were left out.
    #[cfg(test)]
    pub(crate) fn left_out(&self) -> usize {
        self.left_out.len()
    }
}

impl FastSchema {
    /// The sparse tree of `body`; `Ok(None)` when the tree cannot give the exact report (see
    /// the module's comment): then the caller parses the body whole.
    ///
    /// # Errors
    ///
    /// The body is not JSON: `serde_json`'s error, the very one a parse into `Value` gives
    /// (the same reader meets the same bytes; only the visitor differs, and its own errors,
    /// the data category, mean "give up" instead).
    pub(crate) fn sparse_tree(&self, body: &[u8]) -> Result<Option<SparseTree>, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let mut state = State {
            schema: self,
            pointer: String::new(),
            left_out: HashSet::new(),
        };
        let seed = Build {
            state: &mut state,
            node: Some(0),
        };
        let tree = seed
            .deserialize(&mut deserializer)
            .and_then(|tree| deserializer.end().map(|()| tree));
        match tree {
            Ok(tree) => Ok(Some(SparseTree {
                tree,
                left_out: state.left_out,
            })),
            Err(error) if error.is_data() => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// Why a sparse tree is given up; never shown to anyone.
fn give_up<E: de::Error>() -> E {
    E::custom("the sparse tree cannot give the exact report")
}

struct State<'s> {
    schema: &'s FastSchema,
    /// The pointer of the value being built.
    pointer: String,
    left_out: HashSet<Box<str>>,
}

/// A value to build; with a node, its clean array items are left out.
struct Build<'a, 's> {
    state: &'a mut State<'s>,
    node: Option<NodeId>,
}

impl<'s> Build<'_, 's> {
    /// The node, if the value's own type and enum checks pass (else its content is kept whole).
    fn node_for(&self, kind: JsonType) -> Option<&'s Node> {
        let schema = self.state.schema;
        let node = schema.node(self.node?);
        type_and_enum::<serde_json::Error>(node, kind, |_| false)
            .ok()
            .map(|()| node)
    }
}

impl<'de> DeserializeSeed<'de> for Build<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        match self.node {
            // Nothing to leave out below: `serde_json` builds it, exactly as the `Value` path.
            None => Value::deserialize(deserializer),
            Some(_) => deserializer.deserialize_any(self),
        }
    }
}

/// Scalars become the `Value`s `serde_json` builds.
impl<'de> Visitor<'de> for Build<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let node = self.node_for(JsonType::Array);
        let item_node = node.and_then(|n| n.items);
        let mut built = Vec::new();
        let mut left_out = false;
        while let Some(item) = items.next_element::<Value>()? {
            match item_node {
                Some(id) if self.state.is_clean(id, &item)? => {
                    let pointer = format!("{}/{}", self.state.pointer, built.len());
                    self.state.left_out.insert(pointer.into());
                    built.push(Value::Null);
                    left_out = true;
                }
                _ => built.push(item),
            }
        }
        let count = built.len() as u64;
        let counts_hold = node.is_none_or(|n| {
            n.min_items.is_none_or(|m| count >= m) && n.max_items.is_none_or(|m| count <= m)
        });
        if left_out && !counts_hold {
            return Err(give_up());
        }
        Ok(Value::Array(built))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Value, A::Error> {
        let node = self.node_for(JsonType::Object);
        let before = self.state.left_out.len();
        let mut built = Map::new();
        while let Some(name) = members.next_key::<String>()? {
            // An object `serde_json` reads as something else is left to it.
            if built.is_empty() && name.starts_with(SERDE_JSON_PRIVATE) {
                return Err(give_up());
            }
            let target = node.and_then(|n| member_node(n, &name));
            let parent = self.state.pointer.len();
            push_key(&mut self.state.pointer, &name);
            let value = members.next_value_seed(Build {
                state: &mut *self.state,
                node: target,
            })?;
            self.state.pointer.truncate(parent);
            if built.insert(name, value).is_some() && self.state.left_out.len() > before {
                return Err(give_up());
            }
        }
        let count = built.len() as u64;
        let left_out = self.state.left_out.len() > before;
        if left_out && node.is_some_and(|n| n.max_properties.is_some_and(|m| count > m)) {
            return Err(give_up());
        }
        Ok(Value::Object(built))
    }
}

impl State<'_> {
    /// Whether an item, as the `Value` path sees it (last duplicate member wins), is clean
    /// against `node`.
    fn is_clean<E: de::Error>(&self, node: NodeId, item: &Value) -> Result<bool, E> {
        let json = serde_json::to_vec(item).map_err(E::custom)?;
        Ok(self.schema.is_clean_at(node, &json))
    }
}

/// The node a member's value is built with: its property's (a `writeOnly` one is kept whole),
/// or the `additionalProperties` schema's; `None` (kept whole) for drift and free-form members.
fn member_node(node: &Node, name: &str) -> Option<NodeId> {
    match node.member_names.get(name).map(|i| &node.members[i]) {
        Some(member) if member.property.is_some() => member.property.filter(|_| !member.forbidden),
        _ => match node.unlisted {
            Unlisted::Checked(target) => Some(target),
            Unlisted::Free | Unlisted::Drift => None,
        },
    }
}
