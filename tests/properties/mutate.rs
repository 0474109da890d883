//! One mutation of a JSON body: at one place, drop the member, replace the value, or add an
//! undocumented member.

use feishu_wire::pointer::{Pointer, escape_segment};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Clone, Debug)]
pub(crate) struct Mutation {
    /// Which place, as an index into the body's places (modulo their number).
    place: prop::sample::Index,
    kind: Kind,
    value: Value,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Remove,
    Replace,
    AddMember,
    /// Another value of the same JSON type: for an enum, a value the docs don't list.
    Twist,
}

pub(crate) fn mutation(values: impl Strategy<Value = Value>) -> impl Strategy<Value = Mutation> {
    let kind = prop_oneof![
        Just(Kind::Remove),
        Just(Kind::Replace),
        Just(Kind::AddMember),
        Just(Kind::Twist)
    ];
    (any::<prop::sample::Index>(), kind, values).prop_map(|(place, kind, value)| Mutation {
        place,
        kind,
        value,
    })
}

impl Mutation {
    pub(crate) fn apply(&self, body: &Value) -> Value {
        let mut body = body.clone();
        let mut places = Vec::new();
        collect(&body, String::new(), &mut places);
        let place = &places[self.place.index(places.len())];
        match self.kind {
            Kind::Remove => {
                if let Some((parent, Ok(last))) = Pointer::split_last(place)
                    && let Some(Value::Object(map)) = body.pointer_mut(parent)
                {
                    map.remove(last.as_ref());
                }
            }
            Kind::Replace => {
                if let Some(slot) = body.pointer_mut(place) {
                    *slot = self.value.clone();
                }
            }
            Kind::Twist => {
                if let Some(slot) = body.pointer_mut(place) {
                    *slot = twisted(slot);
                }
            }
            Kind::AddMember => {
                if let Some(Value::Object(map)) = body.pointer_mut(place) {
                    map.insert("zz_undocumented".into(), self.value.clone());
                }
            }
        }
        body
    }
}

/// A different value of the same JSON type (containers and `null` are left as they are).
fn twisted(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(format!("{text}_zz")),
        Value::Number(number) => match number.as_i64() {
            Some(n) => Value::from(n.wrapping_add(977)),
            None => value.clone(),
        },
        Value::Bool(flag) => Value::Bool(!flag),
        _ => value.clone(),
    }
}

/// Every JSON pointer in `value`, the root included.
fn collect(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                collect(child, format!("{at}/{}", escape_segment(key)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}
