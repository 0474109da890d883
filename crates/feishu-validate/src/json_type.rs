//! The JSON types of JSON Schema: what a schema's `type` names and what a body's value is.

use std::fmt;

use serde_json::Value;

/// One JSON Schema type. `Integer` is a number written without a fraction or exponent part:
/// OpenAPI 3.0 takes the type from JSON Schema Wright-00, so `7200.0` and `4e3` are `Number`
/// (drafts 6 and later would call them integers; the generated `i64` fields refuse them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonType {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    /// The type of a value (`Integer` for numbers written without a fraction or exponent,
    /// which serde_json reads as `i64`/`u64`).
    pub(crate) fn of(value: &Value) -> Self {
        match value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(n) if n.is_i64() || n.is_u64() => JsonType::Integer,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    /// The type a schema's `type` keyword names; `None` for a name JSON Schema does not know.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "integer" => JsonType::Integer,
            "number" => JsonType::Number,
            "string" => JsonType::String,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            _ => return None,
        })
    }

    /// The name JSON Schema gives the type.
    pub(crate) fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }

    /// Whether a value of type `self` is accepted by a schema declaring `declared`: equal
    /// types, or an integer where a number is declared.
    pub(crate) fn is_accepted_by(self, declared: JsonType) -> bool {
        self == declared || (self == JsonType::Integer && declared == JsonType::Number)
    }

    /// Whether a value of type `self` is accepted by a list of declared types (an empty list
    /// declares none, so accepts any type).
    pub(crate) fn is_accepted_by_any(self, declared: &[JsonType]) -> bool {
        declared.is_empty() || declared.iter().any(|&d| self.is_accepted_by(d))
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The types joined for a human: `integer or null`.
pub(crate) fn join(types: &[JsonType]) -> String {
    types
        .iter()
        .map(|t| t.name())
        .collect::<Vec<_>>()
        .join(" or ")
}
