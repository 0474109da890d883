//! A response value as JSON without the members the spec does not document.

use feishu_wire::pointer::Pointer;
use serde::Serialize;
use serde_json::Value;

use crate::drift::{DriftKind, DriftWalk};

/// `value` as JSON, minus every member of its `extra` maps (at any depth): what the spec says
/// about it and nothing more. Undocumented enum values stay: they are values of documented
/// members.
pub(super) fn documented<T: Serialize + DriftWalk>(value: &T) -> Value {
    let Ok(mut json) = serde_json::to_value(value) else {
        // The generated types always serialize; were one not to, nothing is comparable.
        return Value::Null;
    };
    for found in value.drift() {
        if found.kind == DriftKind::UndocumentedField {
            remove(&mut json, &found.pointer);
        }
    }
    json
}

/// Removes the member an RFC 6901 pointer names.
fn remove(json: &mut Value, pointer: &str) {
    let Some((parent, Ok(key))) = Pointer::split_last(pointer) else {
        return;
    };
    if let Some(object) = json.pointer_mut(parent).and_then(Value::as_object_mut) {
        object.remove(key.as_ref());
    }
}
