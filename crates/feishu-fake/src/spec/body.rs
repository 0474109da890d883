//! The request body of an operation answered from the spec, checked against its schema: the
//! rules a malformed body breaks (JSON type, `nullable`, required members, enum, bounds,
//! lengths, `allOf`), so a client's mistake gets 99992402 as Feishu answers it, not a
//! success. A subset on purpose: full validation is `feishu-validate`'s job, and the fake
//! does not compile `jsonschema`. Members the schema does not list, `oneOf` / `anyOf`,
//! patterns and formats are not checked.

use openapiv3::{Components, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use super::check::ValueCheck;
use super::load::{MAX_REF_DEPTH, resolve};

/// Checks `value` at `pointer` (RFC 6901, "" for the whole body) against `schema`.
pub(crate) fn check(
    components: &Components,
    schema: &ReferenceOr<Schema>,
    pointer: &str,
    value: &Value,
) -> Result<(), String> {
    check_at(components, schema, pointer, value, 0)
}

fn check_at(
    components: &Components,
    schema: &ReferenceOr<Schema>,
    pointer: &str,
    value: &Value,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_REF_DEPTH {
        return Ok(()); // a recursive schema nested this deep: stop checking, not answering
    }
    let schema = resolve(schema, "#/components/schemas/", |n| {
        components.schemas.get(n)
    })?;
    let at = || {
        if pointer.is_empty() {
            "the request body".to_owned()
        } else {
            format!("request body member {pointer}")
        }
    };
    if value.is_null() {
        return match &schema.schema_kind {
            SchemaKind::Type(_) if !schema.schema_data.nullable => {
                Err(format!("{} must not be null", at()))
            }
            _ => Ok(()),
        };
    }
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of
            .iter()
            .try_for_each(|part| check_at(components, part, pointer, value, depth + 1)),
        SchemaKind::Type(Type::Object(object)) => {
            let Value::Object(members) = value else {
                return Err(format!("{} must be an object", at()));
            };
            if let Some(missing) = object.required.iter().find(|r| !members.contains_key(*r)) {
                return Err(format!("{} needs member {missing:?}", at()));
            }
            for (name, member) in members {
                if let Some(property) = object.properties.get(name) {
                    let pointer = format!("{pointer}/{}", escape(name));
                    check_at(
                        components,
                        &property.clone().unbox(),
                        &pointer,
                        member,
                        depth + 1,
                    )?;
                }
            }
            Ok(())
        }
        SchemaKind::Type(Type::Array(array)) => {
            let Value::Array(items) = value else {
                return Err(format!("{} must be an array", at()));
            };
            let Some(item) = &array.items else {
                return Ok(());
            };
            let item = item.clone().unbox();
            items.iter().enumerate().try_for_each(|(index, v)| {
                check_at(
                    components,
                    &item,
                    &format!("{pointer}/{index}"),
                    v,
                    depth + 1,
                )
            })
        }
        kind => ValueCheck::of(kind).check_json(&at(), value),
    }
}

fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn components() -> Components {
        serde_yaml_ng::from_str(
            r"
schemas:
  Request:
    type: object
    required: [status]
    properties:
      status: {type: integer, enum: [1, 2]}
      reason: {type: string, nullable: true}
      tags:
        type: array
        items: {$ref: '#/components/schemas/Tag'}
  Tag:
    type: object
    properties:
      name: {type: string, maxLength: 3}
",
        )
        .unwrap()
    }

    fn check_request(value: &Value) -> Result<(), String> {
        let components = components();
        let schema = ReferenceOr::ref_("#/components/schemas/Request");
        check(&components, &schema, "", value)
    }

    #[test]
    fn a_body_that_fits_passes_with_unlisted_members_and_nullable_nulls() {
        let body = json!({"status": 1, "reason": null, "tags": [{"name": "a"}], "extra": 5});
        assert_eq!(check_request(&body), Ok(()));
    }

    #[test]
    fn each_broken_rule_is_named_with_its_pointer() {
        for (body, expected) in [
            (json!([]), "the request body must be an object"),
            (json!({}), "the request body needs member \"status\""),
            (
                json!({"status": "1"}),
                "request body member /status must be an integer",
            ),
            (
                json!({"status": 3}),
                "request body member /status 3 is not one of 1, 2",
            ),
            (
                json!({"status": null}),
                "request body member /status must not be null",
            ),
            (
                json!({"status": 1, "tags": {}}),
                "request body member /tags must be an array",
            ),
            (
                json!({"status": 1, "tags": [{"name": "abcd"}]}),
                "request body member /tags/0/name has 4 characters",
            ),
        ] {
            let error = check_request(&body).unwrap_err();
            assert!(error.starts_with(expected), "{body}: {error}");
        }
    }
}
