//! The answer of an operation with no stateful handler: its `200` example, with the path
//! parameters of the request put in.
//!
//! The rule: for every path parameter with a documented example value, every JSON string in
//! the answer that is exactly that value becomes the requested value (percent-decoded).
//! Strings that only contain it, numbers and keys stay as they are: an exact match is what
//! a page's example means when it echoes the id it was asked about, and anything looser
//! would rewrite unrelated text. A parameter without a documented example changes nothing.

use serde_json::Value;

/// `example` with each `(documented, requested)` pair applied; when two parameters document
/// the same value, the first wins.
pub(crate) fn substitute(example: &Value, replacements: &[(&str, &str)]) -> Value {
    match example {
        Value::String(text) => replacements
            .iter()
            .find(|(documented, _)| documented == text)
            .map_or_else(|| example.clone(), |(_, requested)| Value::from(*requested)),
        Value::Array(items) => items.iter().map(|v| substitute(v, replacements)).collect(),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, v)| (key.clone(), substitute(v, replacements)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn strings_equal_to_a_documented_example_take_the_requested_value() {
        let example = json!({
            "code": 0,
            "data": {
                "app_id": "cli_doc",
                "owner": {"app_id": "cli_doc", "note": "made by cli_doc"},
                "ids": ["cli_doc", "v_doc", 7],
                "cli_doc": "key stays"
            }
        });
        let answer = substitute(&example, &[("cli_doc", "cli_mine"), ("v_doc", "v_mine")]);
        assert_eq!(
            answer,
            json!({
                "code": 0,
                "data": {
                    "app_id": "cli_mine",
                    "owner": {"app_id": "cli_mine", "note": "made by cli_doc"},
                    "ids": ["cli_mine", "v_mine", 7],
                    "cli_doc": "key stays"
                }
            })
        );
    }

    #[test]
    fn the_first_parameter_wins_when_two_document_one_value() {
        let answer = substitute(&json!(["same"]), &[("same", "first"), ("same", "second")]);
        assert_eq!(answer, json!(["first"]));
    }
}
