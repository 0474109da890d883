//! Reading a spec: YAML or JSON text to a JSON document, and `$ref`/JSON-pointer helpers that
//! resolve against the whole document.

use serde_json::{Map, Number, Value};
use serde_yaml_ng::Value as Yaml;

use crate::error::{Error, Result};

/// How many `$ref` hops are followed before a chain is declared circular.
const MAX_REF_HOPS: usize = 64;

/// Parses spec text (YAML, or JSON, which YAML reads too) into a JSON document and checks that
/// it is an OpenAPI 3.0 document.
pub(crate) fn parse(text: &str) -> Result<Value> {
    let mut yaml: Yaml = serde_yaml_ng::from_str(text).map_err(|error| {
        let location = error.location();
        Error::SpecParse {
            message: error.to_string(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    })?;
    yaml.apply_merge().map_err(|error| Error::SpecParse {
        message: error.to_string(),
        line: None,
        column: None,
    })?;
    let document = yaml_to_json(yaml, "")?;
    check_version(&document)?;
    Ok(document)
}

fn check_version(document: &Value) -> Result<()> {
    let parse_error = |message: String| Error::SpecParse {
        message,
        line: None,
        column: None,
    };
    if !document.is_object() {
        return Err(parse_error("the document is not a mapping".to_owned()));
    }
    match document.get("openapi") {
        Some(Value::String(version)) if version.starts_with("3.0") => Ok(()),
        Some(other) => Err(parse_error(format!(
            "`openapi` is {other}; only OpenAPI 3.0.x documents are supported"
        ))),
        None => Err(parse_error(
            "no `openapi` member: not an OpenAPI 3.0 document".to_owned(),
        )),
    }
}

/// Converts YAML to JSON: keys become strings (`200:` unquoted is the string "200"), tags are
/// dropped, non-finite floats are refused.
fn yaml_to_json(yaml: Yaml, pointer: &str) -> Result<Value> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                Value::Number(Number::from_f64(f).ok_or_else(|| {
                    Error::spec_invalid(pointer, format!("{f} is not a JSON number"))
                })?)
            }
        }
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| yaml_to_json(item, &format!("{pointer}/{i}")))
                .collect::<Result<_>>()?,
        ),
        Yaml::Mapping(mapping) => {
            let mut object = Map::new();
            for (key, value) in mapping {
                let key = yaml_key(&key, pointer)?;
                let child = format!("{pointer}/{}", escape(&key));
                object.insert(key, yaml_to_json(value, &child)?);
            }
            Value::Object(object)
        }
        Yaml::Tagged(tagged) => yaml_to_json(tagged.value, pointer)?,
    })
}

fn yaml_key(key: &Yaml, pointer: &str) -> Result<String> {
    match key {
        Yaml::String(s) => Ok(s.clone()),
        Yaml::Number(n) => Ok(n.to_string()),
        Yaml::Bool(b) => Ok(b.to_string()),
        Yaml::Null => Ok("null".to_owned()),
        _ => Err(Error::spec_invalid(
            pointer,
            "a mapping key is a sequence or a mapping",
        )),
    }
}

/// Escapes one JSON-pointer segment: the workspace's one rule, re-exported for this crate's
/// `spec::escape(..)` callers.
pub(crate) use feishu_wire::pointer::escape_segment as escape;

/// Turns an internal `$ref` (`#/components/schemas/X`) into a JSON pointer; refuses external
/// references, which this crate never fetches.
pub(crate) fn ref_pointer(reference: &str, at: &str) -> Result<String> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(Error::spec_invalid(
            at,
            format!("`$ref: {reference}` is not internal; only `#/...` references are supported"),
        ));
    };
    Ok(percent_decode(fragment))
}

/// Writes a JSON pointer as a URI fragment, percent-encoding what a fragment cannot hold
/// (`{`, `}`, spaces, non-ASCII). With `keep_escapes`, an existing `%XX` stays as it is (a
/// `$ref` is already a URI reference); without, `%` is data and is encoded too.
pub(crate) fn encode_fragment(text: &str, keep_escapes: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, &byte) in bytes.iter().enumerate() {
        let is_escape = byte == b'%'
            && keep_escapes
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if is_escape || byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Follows `$ref` chains from the node at `pointer` to the node they end on; returns that
/// node and its pointer. A broken `$ref` is reported where it is written.
pub(crate) fn resolve<'d>(document: &'d Value, pointer: &str) -> Result<(&'d Value, String)> {
    let mut pointer = pointer.to_owned();
    let mut written_at: Option<(String, String)> = None;
    for _ in 0..MAX_REF_HOPS {
        let Some(node) = document.pointer(&pointer) else {
            return Err(match written_at {
                Some((at, reference)) => Error::spec_invalid(
                    &at,
                    format!("`$ref: {reference}` points at nothing in the spec"),
                ),
                None => Error::spec_invalid(&pointer, "nothing at this place of the spec"),
            });
        };
        match node.get("$ref") {
            Some(Value::String(reference)) => {
                let target = ref_pointer(reference, &pointer)?;
                written_at = Some((pointer, reference.clone()));
                pointer = target;
            }
            Some(_) => return Err(Error::spec_invalid(&pointer, "`$ref` is not a string")),
            None => return Ok((node, pointer)),
        }
    }
    Err(Error::spec_invalid(&pointer, "circular `$ref` chain"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_status_keys_become_strings() {
        let doc =
            parse("openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        200: {}\n")
                .expect("parses");
        assert!(doc.pointer("/paths/~1a/get/responses/200").is_some());
    }

    #[test]
    fn broken_yaml_says_where() {
        let error = parse("openapi: 3.0.3\npaths: [\n").expect_err("broken");
        let Error::SpecParse { line, .. } = error else {
            panic!("wrong error: {error}")
        };
        assert!(line.is_some());
    }

    #[test]
    fn openapi_3_1_is_refused() {
        let error = parse("openapi: 3.1.0\n").expect_err("3.1");
        assert!(error.to_string().contains("only OpenAPI 3.0"), "{error}");
    }

    #[test]
    fn external_refs_are_refused() {
        let error = ref_pointer("other.yaml#/X", "/a").expect_err("external");
        assert!(error.to_string().contains("not internal"), "{error}");
    }

    #[test]
    fn percent_encoded_refs_decode() {
        assert_eq!(
            ref_pointer("#/components/schemas/A%20B", "").expect("internal"),
            "/components/schemas/A B"
        );
    }

    #[test]
    fn fragments_encode_braces_spaces_and_percent() {
        assert_eq!(
            encode_fragment("/paths/~1apps~1{app_id}/get/a b/100%", false),
            "/paths/~1apps~1%7Bapp_id%7D/get/a%20b/100%25"
        );
        assert_eq!(encode_fragment("/a%20b/{c}", true), "/a%20b/%7Bc%7D");
    }

    #[test]
    fn circular_ref_chains_are_errors() {
        let doc = serde_json::json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}});
        let error = resolve(&doc, "/a").expect_err("circular");
        assert!(error.to_string().contains("circular"), "{error}");
    }
}
