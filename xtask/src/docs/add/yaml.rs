//! The YAML `docs add` writes: an ordered tree emitted in the spec's block style.
//!
//! `serde_json::Value` sorts object keys (the workspace does not enable `preserve_order`), and
//! serde YAML writers choose their own quoting; a drafted operation reads best in the order
//! OpenAPI authors write (`name`, `in`, `required`, …) and a page's example in the page's own
//! order, so the draft is built as this small tree and written line by line.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::docs::yaml_edit::scalar;

/// A YAML node in the order it is written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Yaml {
    /// A mapping, in insertion order.
    Map(Vec<(String, Yaml)>),
    /// A block sequence.
    Seq(Vec<Yaml>),
    /// A flow list of scalars already rendered (`[a, b]`).
    Flow(Vec<String>),
    /// A scalar already rendered as YAML text (`'2025-01-01'`, `true`, `12`).
    Scalar(String),
}

impl Yaml {
    /// A string scalar, quoted only when it must be.
    pub(crate) fn str(text: &str) -> Yaml {
        Yaml::Scalar(scalar(&one_line(text), false))
    }

    /// A flow list of strings.
    pub(crate) fn flow<S: AsRef<str>>(items: &[S]) -> Yaml {
        Yaml::Flow(
            items
                .iter()
                .map(|item| scalar(&one_line(item.as_ref()), true))
                .collect(),
        )
    }

    /// `$ref: '#/components/<kind>/<name>'`.
    pub(crate) fn reference(kind: &str, name: &str) -> Yaml {
        Yaml::Map(vec![(
            "$ref".into(),
            Yaml::Scalar(format!("'#/components/{kind}/{name}'")),
        )])
    }

    /// The node as lines: a mapping or sequence as block lines at column 0; a scalar or a flow
    /// list as one line.
    pub(crate) fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.write(0, &mut out);
        out
    }

    /// Appends `self` as the value of a key or item at `indent` columns.
    fn write(&self, indent: usize, out: &mut Vec<String>) {
        let pad = " ".repeat(indent);
        match self {
            Yaml::Map(entries) if entries.is_empty() => out.push(format!("{pad}{{}}")),
            Yaml::Seq(items) if items.is_empty() => out.push(format!("{pad}[]")),
            Yaml::Map(entries) => {
                for (key, value) in entries {
                    let key = scalar(key, false);
                    match value.inline() {
                        Some(text) => out.push(format!("{pad}{key}: {text}")),
                        None => {
                            out.push(format!("{pad}{key}:"));
                            value.write(indent + 2, out);
                        }
                    }
                }
            }
            Yaml::Seq(items) => {
                for item in items {
                    match item.inline() {
                        Some(text) => out.push(format!("{pad}- {text}")),
                        None => {
                            let mut lines = Vec::new();
                            item.write(indent + 2, &mut lines);
                            if let Some(first) = lines.first_mut() {
                                first.replace_range(indent..indent + 2, "- ");
                            }
                            out.extend(lines);
                        }
                    }
                }
            }
            Yaml::Flow(_) | Yaml::Scalar(_) => {
                out.push(format!("{pad}{}", self.inline().unwrap_or_default()));
            }
        }
    }

    /// The one-line form of a scalar, flow list or empty collection.
    fn inline(&self) -> Option<String> {
        match self {
            Yaml::Scalar(text) => Some(text.clone()),
            Yaml::Flow(items) => Some(format!("[{}]", items.join(", "))),
            Yaml::Map(entries) if entries.is_empty() => Some("{}".into()),
            Yaml::Seq(items) if items.is_empty() => Some("[]".into()),
            Yaml::Map(_) | Yaml::Seq(_) => None,
        }
    }
}

/// A page's text on one line: descriptions run over several page lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads JSON (a page's example) into the tree, keeping the page's member order.
impl<'de> Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Yaml, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Yaml;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(value.to_string()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(value.to_string()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(value.to_string()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(value.to_string()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Yaml, E> {
        // Examples keep their strings exactly, line breaks included: JSON quoting is valid YAML.
        if value.contains(['\n', '\r', '\t']) {
            return Ok(Yaml::Scalar(
                serde_json::to_string(value).unwrap_or_default(),
            ));
        }
        Ok(Yaml::Scalar(scalar(value, false)))
    }

    fn visit_unit<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Scalar("null".into()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Yaml::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Yaml>()? {
            entries.push((key, value));
        }
        Ok(Yaml::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_sequences_are_written_in_block_style() {
        let tree = Yaml::Map(vec![
            ("name".into(), Yaml::str("page_size")),
            ("required".into(), Yaml::Scalar("false".into())),
            (
                "items".into(),
                Yaml::Seq(vec![
                    Yaml::Map(vec![
                        ("code".into(), Yaml::Scalar("1".into())),
                        ("name".into(), Yaml::str("One: two")),
                    ]),
                    Yaml::str("x"),
                ]),
            ),
            ("enum".into(), Yaml::flow(&["a", "b,c"])),
            ("properties".into(), Yaml::Map(Vec::new())),
        ]);
        assert_eq!(
            tree.lines(),
            [
                "name: page_size",
                "required: false",
                "items:",
                "  - code: 1",
                "    name: 'One: two'",
                "  - x",
                "enum: [a, 'b,c']",
                "properties: {}",
            ]
        );
    }

    #[test]
    fn json_keeps_its_member_order() {
        let tree: Yaml = serde_json::from_str(r#"{"z": 1, "a": {"y": "s", "b": [true]}}"#).unwrap();
        assert_eq!(tree.lines(), ["z: 1", "a:", "  y: s", "  b:", "    - true"]);
        let written = tree.lines().join("\n");
        let back: serde_json::Value = serde_yaml_ng::from_str(&written).unwrap();
        assert_eq!(
            back,
            serde_json::json!({"z": 1, "a": {"y": "s", "b": [true]}})
        );
    }
}
