//! Reading a page's JSON example: the type of a value and the values at a dotted path
//! (`data.items[].name`). The formats (the oldest pages type their fields from the example)
//! and the facts (nesting a flat table, the fields only an example shows) both need them.

use serde_json::Value;

/// The normalised type of an example value (`None` for `null`).
pub(crate) fn json_type(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(_) => "boolean".into(),
        Value::Number(number) if number.is_f64() => "number".into(),
        Value::Number(_) => "integer".into(),
        Value::String(_) => "string".into(),
        Value::Object(_) => "object".into(),
        Value::Array(items) => match items.iter().find_map(json_type) {
            Some(element) => format!("array<{element}>"),
            None => "array".into(),
        },
    })
}

/// The values at a dotted path of an example (`data.items[]` walks into each item).
pub(crate) fn values_at<'v>(root: &'v Value, prefix: &str) -> Vec<&'v Value> {
    let mut values = vec![root];
    for segment in prefix.split('.').filter(|segment| !segment.is_empty()) {
        let (name, array) = match segment.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (segment, false),
        };
        values = values
            .into_iter()
            .filter_map(|value| value.get(name))
            .flat_map(|value| match (array, value) {
                (true, Value::Array(items)) => items.iter().collect(),
                (true, _) => Vec::new(),
                (false, value) => vec![value],
            })
            .collect();
    }
    values
}
