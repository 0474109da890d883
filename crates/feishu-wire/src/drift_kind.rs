//! The kinds of drift: what Feishu sends that its docs (and so the spec) don't list yet.

use std::fmt;

use serde::Serialize;

/// The kinds of drift, as `feishu-review validate` and the client's drift events name them.
///
/// ```
/// assert_eq!(feishu_wire::DriftKind::UnknownEnumValue.as_str(), "unknown_enum_value");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DriftKind {
    /// An object member the spec does not list.
    UndocumentedField,
    /// An enum value outside the documented set.
    UnknownEnumValue,
}

impl DriftKind {
    /// The name in JSON output: `undocumented_field` or `unknown_enum_value`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::UndocumentedField => "undocumented_field",
            DriftKind::UnknownEnumValue => "unknown_enum_value",
        }
    }
}

impl fmt::Display for DriftKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::DriftKind;

    #[test]
    fn serde_and_as_str_agree() {
        for kind in [DriftKind::UndocumentedField, DriftKind::UnknownEnumValue] {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, kind.as_str());
            assert_eq!(kind.to_string(), kind.as_str());
        }
    }
}
