//! The compiled form of a schema for the fast path: one [`Node`] per Schema Object, holding
//! both what violations are judged on (the converted JSON Schema) and what drift is judged on
//! (the documented shape).

use std::collections::HashMap;

use serde_json::Value;

use crate::json_type::JsonType;

/// Index of a [`Node`] in its [`FastSchema`].
pub(crate) type NodeId = usize;

/// A response body schema compiled for the fast path; its root is node 0.
pub(crate) struct FastSchema {
    pub(super) nodes: Vec<Node>,
}

impl FastSchema {
    pub(super) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }
}

/// A set of JSON types, one bit each; all bits set when a schema declares no `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Types(u8);

impl Types {
    pub(super) const ANY: Types = Types(u8::MAX);

    pub(super) fn none() -> Self {
        Types(0)
    }

    pub(super) fn add(&mut self, kind: JsonType) {
        self.0 |= Self::bit(kind);
    }

    /// Whether a value of type `kind` has one of these types (an integer is a number too).
    pub(super) fn accepts(self, kind: JsonType) -> bool {
        let mut wanted = Self::bit(kind);
        if kind == JsonType::Integer {
            wanted |= Self::bit(JsonType::Number);
        }
        self.0 & wanted != 0
    }

    fn bit(kind: JsonType) -> u8 {
        1 << (kind as u8)
    }
}

/// What happens to an object member the schema does not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unlisted {
    /// It is checked against this node (`additionalProperties` with a schema).
    Checked(NodeId),
    /// It is documented and anything goes (`additionalProperties: true`, or a free-form
    /// object that declares no members at all).
    Free,
    /// It is drift.
    Drift,
}

/// One member name the schema knows, as a property, as a required name, or both.
#[derive(Debug)]
pub(super) struct Member {
    /// The property's node; `None` for a name that is only required.
    pub(super) property: Option<NodeId>,
    /// The property is `writeOnly` in a response (`readOnly` in a request): it must not appear.
    pub(super) forbidden: bool,
    /// Its bit among the required names.
    pub(super) required_bit: Option<u32>,
}

/// Number bounds: integers in the body are compared here exactly; other numbers, and every
/// number when a bound is fractional or `multipleOf` is set, go to `delegate`.
#[derive(Debug, Default)]
pub(super) struct IntegerBounds {
    pub(super) minimum: Option<i128>,
    pub(super) maximum: Option<i128>,
    pub(super) exclusive_minimum: Option<i128>,
    pub(super) exclusive_maximum: Option<i128>,
}

impl IntegerBounds {
    pub(super) fn contain(&self, value: i128) -> bool {
        self.minimum.is_none_or(|m| value >= m)
            && self.maximum.is_none_or(|m| value <= m)
            && self.exclusive_minimum.is_none_or(|m| value > m)
            && self.exclusive_maximum.is_none_or(|m| value < m)
    }
}

/// The member names of a schema, looked up once per member of every object in a body.
///
/// A scan comparing lengths first beats hashing for the few members a schema lists (hashing
/// was ~15% of the fast path's time on the docs' examples); many members go to a map.
#[derive(Debug, Default)]
pub(super) struct MemberNames {
    names: Vec<Box<str>>,
    /// Filled only past `SCAN_LIMIT` names.
    map: HashMap<Box<str>, usize>,
}

impl MemberNames {
    const SCAN_LIMIT: usize = 32;

    /// The index of `name`, or `None` when the schema does not know it.
    pub(super) fn get(&self, name: &str) -> Option<usize> {
        if self.names.len() > Self::SCAN_LIMIT {
            return self.map.get(name).copied();
        }
        self.names
            .iter()
            .position(|known| known.len() == name.len() && known.as_bytes() == name.as_bytes())
    }

    /// The index of `name`, added at the end when new.
    pub(super) fn insert(&mut self, name: &str) -> usize {
        if let Some(index) = self.get(name) {
            return index;
        }
        let index = self.names.len();
        self.names.push(name.into());
        if self.names.len() > Self::SCAN_LIMIT {
            if self.map.is_empty() {
                for (i, known) in self.names.iter().enumerate() {
                    self.map.insert(known.clone(), i);
                }
            } else {
                self.map.insert(name.into(), index);
            }
        }
        index
    }
}

/// One Schema Object.
#[derive(Debug)]
pub(super) struct Node {
    /// The JSON Schema `type` (with `"null"` when nullable).
    pub(super) types: Types,
    /// Integer bounds checked in place; `None` when numbers have no bound or all go to
    /// `number_delegate`.
    pub(super) integer_bounds: Option<IntegerBounds>,
    /// `jsonschema` compiled from the numeric keywords alone, for the numbers the integer
    /// bounds cannot judge exactly.
    pub(super) number_delegate: Option<jsonschema::Validator>,
    /// Whether integers go to `number_delegate` too (a fractional bound, or `multipleOf`).
    pub(super) integers_delegated: bool,
    pub(super) min_length: Option<u64>,
    pub(super) max_length: Option<u64>,
    /// `jsonschema` compiled from `format` and `pattern` alone, for strings.
    pub(super) string_delegate: Option<jsonschema::Validator>,
    pub(super) min_items: Option<u64>,
    pub(super) max_items: Option<u64>,
    pub(super) max_properties: Option<u64>,
    /// Member names, in the order of `members`.
    pub(super) member_names: MemberNames,
    pub(super) members: Vec<Member>,
    /// How many names are required (each has a bit, below 64).
    pub(super) required_count: u32,
    pub(super) unlisted: Unlisted,
    pub(super) items: Option<NodeId>,
    /// The documented enum values (scalars only) and the types they apply to (drift).
    pub(super) enumeration: Option<Enumeration>,
}

/// A documented `enum`: a value of one of `types` outside `values` is drift.
#[derive(Debug)]
pub(super) struct Enumeration {
    pub(super) values: Vec<Value>,
    /// The shape's declared (or inferred) types; empty means any.
    pub(super) types: Vec<JsonType>,
}

#[cfg(test)]
mod tests {
    use super::MemberNames;

    #[test]
    fn member_names_are_found_by_scan_and_past_the_scan_limit_by_map() {
        let mut names = MemberNames::default();
        let all: Vec<String> = (0..40).map(|i| format!("m{i}")).collect();
        for (i, name) in all.iter().enumerate() {
            assert_eq!(names.insert(name), i);
            assert_eq!(names.get(name), Some(i), "{name} right after its insertion");
        }
        assert_eq!(names.insert("m3"), 3, "a known name keeps its index");
        for (i, name) in all.iter().enumerate() {
            assert_eq!(names.get(name), Some(i));
        }
        assert_eq!(names.get("m40"), None);
        assert_eq!(names.get(""), None);
    }
}
