//! The verdict: a `DeserializeSeed` per schema node over `serde_json`'s deserializer, which
//! stops at the first finding.
//!
//! Every value, checked or free-form, is read through `deserialize_any`, so `serde_json`'s
//! recursion limit guards the depth exactly as when it builds a `Value` (its `IgnoredAny`
//! fast skip has no such limit and would accept what the `Value` path refuses).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::node::{FastSchema, Node, NodeId, Unlisted};
use crate::drift::same_value;
use crate::json_type::JsonType;

impl FastSchema {
    /// Whether `body` is JSON with neither violation nor drift. `false` means "not known
    /// clean": a finding, or bytes that are not JSON; the `Value` path says which.
    pub(crate) fn is_clean(&self, body: &[u8]) -> bool {
        self.is_clean_at(0, body)
    }

    /// Whether `json` is JSON with neither violation nor drift against the node `node`.
    pub(super) fn is_clean_at(&self, node: NodeId, json: &[u8]) -> bool {
        let mut deserializer = serde_json::Deserializer::from_slice(json);
        let seed = Checked {
            schema: self,
            node: Some(node),
        };
        seed.deserialize(&mut deserializer).is_ok() && deserializer.end().is_ok()
    }
}

/// The "error" that stops the walk at the first finding; never shown to anyone.
fn finding<E: de::Error>() -> E {
    E::custom("not clean")
}

fn require<E: de::Error>(holds: bool) -> Result<(), E> {
    if holds { Ok(()) } else { Err(finding()) }
}

/// A value to check against `node`, or (with `None`) a free-form value to read.
#[derive(Clone, Copy)]
struct Checked<'s> {
    schema: &'s FastSchema,
    node: Option<NodeId>,
}

impl<'s> Checked<'s> {
    fn node(self) -> Option<&'s Node> {
        self.node.map(|id| self.schema.node(id))
    }

    fn with(self, node: Option<NodeId>) -> Self {
        Checked {
            schema: self.schema,
            node,
        }
    }
}

/// The type of the value is one the node declares, and, when the node documents an enum that
/// applies to that type, the value is one of it (`is_documented` compares).
pub(super) fn type_and_enum<E: de::Error>(
    node: &Node,
    kind: JsonType,
    is_documented: impl Fn(&Value) -> bool,
) -> Result<(), E> {
    require(node.types.accepts(kind))?;
    match &node.enumeration {
        Some(enumeration)
            if kind != JsonType::Null && kind.is_accepted_by_any(&enumeration.types) =>
        {
            require(enumeration.values.iter().any(is_documented))
        }
        _ => Ok(()),
    }
}

/// An integer of the body (`value`, and `exact` for the comparison): bounds that are all
/// integers are compared in place, exactly; anything else goes to `jsonschema`.
fn integer<E: de::Error>(node: Option<&Node>, value: Value, exact: i128) -> Result<(), E> {
    let Some(node) = node else { return Ok(()) };
    type_and_enum(node, JsonType::Integer, |v| same_value(v, &value))?;
    match (&node.integer_bounds, &node.number_delegate) {
        (Some(bounds), _) if !node.integers_delegated => require(bounds.contain(exact)),
        (_, Some(delegate)) => require(delegate.is_valid(&value)),
        _ => Ok(()),
    }
}

impl<'de> DeserializeSeed<'de> for Checked<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.node().map_or(Ok(()), |node| {
            type_and_enum(node, JsonType::Null, |_| false)
        })
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.node().map_or(Ok(()), |node| {
            type_and_enum(node, JsonType::Boolean, |v| v.as_bool() == Some(value))
        })
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        integer(self.node(), Value::from(value), i128::from(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        integer(self.node(), Value::from(value), i128::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        let Some(node) = self.node() else {
            return Ok(());
        };
        let number = Value::from(value);
        // Written with a fraction or exponent: a number, never an OpenAPI 3.0 integer.
        type_and_enum(node, JsonType::Number, |v| same_value(v, &number))?;
        node.number_delegate
            .as_ref()
            .map_or(Ok(()), |delegate| require(delegate.is_valid(&number)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        let Some(node) = self.node() else {
            return Ok(());
        };
        type_and_enum(node, JsonType::String, |v| v.as_str() == Some(value))?;
        if node.min_length.is_some() || node.max_length.is_some() {
            let length = value.chars().count() as u64;
            require(node.min_length.is_none_or(|m| length >= m))?;
            require(node.max_length.is_none_or(|m| length <= m))?;
        }
        node.string_delegate.as_ref().map_or(Ok(()), |delegate| {
            require(delegate.is_valid(&Value::String(value.to_owned())))
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        let node = self.node();
        if let Some(node) = node {
            type_and_enum(node, JsonType::Array, |_| false)?;
        }
        let item = self.with(node.and_then(|n| n.items));
        let mut count: u64 = 0;
        while items.next_element_seed(item)?.is_some() {
            count += 1;
        }
        let Some(node) = node else { return Ok(()) };
        require(node.min_items.is_none_or(|m| count >= m))?;
        require(node.max_items.is_none_or(|m| count <= m))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<(), A::Error> {
        let Some(node) = self.node() else {
            // Names are read as strings, not skipped: a skip does not check their UTF-8.
            let mut first = true;
            while members.next_key_seed(Key(None, first))?.is_some() {
                first = false;
                members.next_value_seed(self)?;
            }
            return Ok(());
        };
        type_and_enum(node, JsonType::Object, |_| false)?;
        let mut required_seen: u64 = 0;
        let mut count: u64 = 0;
        while let Some(index) = members.next_key_seed(Key(Some(node), count == 0))? {
            count += 1;
            let listed = index.map(|i| &node.members[i]);
            if let Some(bit) = listed.and_then(|m| m.required_bit) {
                required_seen |= 1 << bit;
            }
            let target = match listed {
                Some(member) if member.property.is_some() => {
                    require(!member.forbidden)?;
                    member.property
                }
                _ => match node.unlisted {
                    Unlisted::Checked(target) => Some(target),
                    Unlisted::Free => None,
                    Unlisted::Drift => return Err(finding()),
                },
            };
            members.next_value_seed(self.with(target))?;
        }
        require(required_seen.count_ones() == node.required_count)?;
        require(node.max_properties.is_none_or(|m| count <= m))
    }
}

/// A member name, looked up among the node's members (if any) without copying it; the value
/// is `Some(None)` for a name the node does not list. The flag says it is an object's first.
struct Key<'s>(Option<&'s Node>, bool);

/// How the first member name of an object starts when `serde_json`'s `Value` reads the object
/// as something else (with its `raw_value` feature, which the workspace enables, an object
/// whose only member is `"$serde_json::private::RawValue"` becomes the JSON in its string):
/// such an object is not known clean, and the `Value` path judges it.
pub(super) const SERDE_JSON_PRIVATE: &str = "$serde_json::private::";

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        require(!(self.1 && name.starts_with(SERDE_JSON_PRIVATE)))?;
        Ok(self.0.and_then(|node| node.member_names.get(name)))
    }
}
