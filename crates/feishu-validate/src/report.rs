//! What a check finds: violations (the body breaks the schema) and drift (the body has what
//! the spec does not document yet).

use serde::Serialize;

/// The verdict on one body: every violation and, apart from them, every drift.
///
/// Serializes to the `violations`/`drift` members of the `feishu-review validate --format json`
/// contract (each finding as `pointer`, `keyword` or `kind`, `message`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// Where the body breaks the schema: wrong type, missing required member, malformed value,
    /// `null` where not nullable.
    pub violations: Vec<Violation>,
    /// What the body has that the spec does not document: unlisted members, unknown enum values.
    pub drift: Vec<Drift>,
}

impl Report {
    /// True when the body has no violation (drift allowed).
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// True when the body has neither violation nor drift.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty() && self.drift.is_empty()
    }
}

/// One place where the body breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Violation {
    /// RFC 6901 JSON pointer into the body (`""` is the root). For a missing required member,
    /// the object that lacks it.
    pub pointer: String,
    /// The JSON Schema keyword that failed (`type`, `required`, `minimum`, `writeOnly`, ...).
    pub keyword: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What the spec documents at the pointer (type, format, enum, nullability, schema name).
    #[serde(skip)]
    pub documented: String,
    /// What the body holds at the pointer.
    #[serde(skip)]
    pub found: String,
}

impl Violation {
    /// A violation found outside the schema check, such as a tool that could not read the body
    /// at all (`documented` and `found` stay empty).
    ///
    /// ```
    /// let v = feishu_validate::Violation::new("", "type", "the body is not JSON");
    /// assert_eq!(v.keyword, "type");
    /// ```
    pub fn new(
        pointer: impl Into<String>,
        keyword: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            pointer: pointer.into(),
            keyword: keyword.into(),
            message: message.into(),
            documented: String::new(),
            found: String::new(),
        }
    }
}

/// One place where the body has what the spec does not document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Drift {
    /// RFC 6901 JSON pointer into the body: the unlisted member, or the unknown enum value.
    pub pointer: String,
    /// What kind of drift.
    pub kind: DriftKind,
    /// What was found, in one sentence.
    pub message: String,
    /// What the spec documents there (the members of the object, or the enum values).
    #[serde(skip)]
    pub documented: String,
    /// What the body holds at the pointer.
    #[serde(skip)]
    pub found: String,
}

pub use feishu_wire::DriftKind;

#[cfg(test)]
mod tests {
    use super::{Drift, DriftKind, Report, Violation};

    /// The JSON of a report is the `violations`/`drift` part of the `validate --format json`
    /// contract: nothing more (`documented` and `found` are for humans), nothing renamed.
    #[test]
    fn a_report_serializes_to_the_documented_members_only() {
        let report = Report {
            violations: vec![Violation {
                pointer: "/code".to_owned(),
                keyword: "type".to_owned(),
                message: "\"0\" is not of type \"integer\"".to_owned(),
                documented: "integer".to_owned(),
                found: "string \"0\"".to_owned(),
            }],
            drift: vec![Drift {
                pointer: "/data/new".to_owned(),
                kind: DriftKind::UndocumentedField,
                message: "member \"new\" is not documented".to_owned(),
                documented: "members of X: a".to_owned(),
                found: "integer 1".to_owned(),
            }],
        };
        assert_eq!(
            serde_json::to_string(&report).expect("serializable"),
            r#"{"violations":[{"pointer":"/code","keyword":"type","message":"\"0\" is not of type \"integer\""}],"drift":[{"pointer":"/data/new","kind":"undocumented_field","message":"member \"new\" is not documented"}]}"#
        );
        assert_eq!(
            serde_json::to_string(&DriftKind::UnknownEnumValue).expect("serializable"),
            r#""unknown_enum_value""#
        );
    }
}
