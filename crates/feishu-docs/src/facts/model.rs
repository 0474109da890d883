//! A fact: one thing a doc page states about its operation, named the same way by `check` and
//! `diff` (`query.page_size: max=50`, `response.data.items[].status: enum=1`, `error.210502: http=400`).

use std::fmt;

/// What a fact says about its subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attr {
    /// The page's source URL (`externalDocs.url` in the spec).
    SourceUrl,
    /// The page's last update (`x-feishu-doc-updated` in the spec).
    Updated,
    /// A parameter's or field's type, normalised (`integer`, `string`, `array<object>`, ...).
    Type,
    /// Whether a parameter or request field is required.
    Required,
    /// One documented enum value (a page states one fact per value).
    Enum,
    /// A parameter's default value.
    Default,
    /// A numeric minimum.
    Min,
    /// A numeric maximum.
    Max,
    /// A minimum string length.
    MinLength,
    /// A maximum string length.
    MaxLength,
    /// An error code's HTTP status.
    Http,
    /// An error code's message.
    Message,
}

impl Attr {
    /// The name used in fact names and JSON output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Attr::SourceUrl => "source_url",
            Attr::Updated => "updated",
            Attr::Type => "type",
            Attr::Required => "required",
            Attr::Enum => "enum",
            Attr::Default => "default",
            Attr::Min => "min",
            Attr::Max => "max",
            Attr::MinLength => "min_length",
            Attr::MaxLength => "max_length",
            Attr::Http => "http",
            Attr::Message => "message",
        }
    }

    /// True for attributes a subject can have several of (enum values): their value is part
    /// of the fact's identity, so a new value is an added fact, not a changed one.
    #[must_use]
    pub fn is_set(self) -> bool {
        self == Attr::Enum
    }
}

/// Where on the page a fact comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A parameter, field or error table (or the page header): checked against the spec.
    Table,
    /// Only the page's JSON example shows it (the older scrape has no field table). Used by
    /// `diff`; `check` covers examples by validating them whole.
    Example,
}

/// One fact of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// What the fact is about: `doc`, `path.app_id`, `query.lang`, `header.Authorization`,
    /// `body.status`, `response.data.items[].owner.type`, `error.210502`.
    pub subject: String,
    /// What it says about it.
    pub attr: Attr,
    /// The value, as the page states it (types normalised).
    pub value: String,
    /// The page line it comes from (1-based).
    pub line: usize,
    /// Table or example.
    pub origin: Origin,
    /// True when a markdown page's flat table left the nesting open: the field is then
    /// matched by name anywhere under the operation's response.
    pub ambiguous: bool,
}

impl Fact {
    /// A table fact, unambiguous.
    #[must_use]
    pub fn new(
        subject: impl Into<String>,
        attr: Attr,
        value: impl Into<String>,
        line: usize,
    ) -> Fact {
        Fact {
            subject: subject.into(),
            attr,
            value: value.into(),
            line,
            origin: Origin::Table,
            ambiguous: false,
        }
    }

    /// The identity `diff` matches facts by: subject and attribute, plus the value for enums.
    #[must_use]
    pub fn key(&self) -> (String, Attr, String) {
        let value = if self.attr.is_set() {
            self.value.clone()
        } else {
            String::new()
        };
        (self.subject.clone(), self.attr, value)
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}={}", self.subject, self.attr.as_str(), self.value)
    }
}

/// Normalises a type as a page writes it (`int`, `string\[\]`, `app_scope[]`, `-`,
/// `application.owner`) to the vocabulary of the spec comparison: `integer`, `number`,
/// `string`, `boolean`, `object`, `array<T>`.
#[must_use]
pub(crate) fn normalize_type(page_type: &str) -> String {
    let cleaned = page_type.replace('\\', "");
    let cleaned = cleaned.trim();
    if let Some(element) = cleaned.strip_suffix("[]") {
        return format!("array<{}>", normalize_type(element));
    }
    match cleaned.to_ascii_lowercase().as_str() {
        "int" | "int32" | "int64" | "integer" | "long" => "integer".into(),
        "float" | "double" | "number" => "number".into(),
        "bool" | "boolean" => "boolean".into(),
        "string" => "string".into(),
        _ => "object".into(),
    }
}

/// True when a normalised type opens a group of nested fields (an object or an array of them).
#[must_use]
pub(crate) fn is_container(normalized: &str) -> bool {
    normalized == "object" || normalized == "array<object>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_types_normalise() {
        assert_eq!(normalize_type("int"), "integer");
        assert_eq!(normalize_type(r"string\[\]"), "array<string>");
        assert_eq!(normalize_type(r"app_scope\[\]"), "array<object>");
        assert_eq!(normalize_type(r"\-"), "object");
        assert_eq!(normalize_type("application.owner"), "object");
        assert_eq!(normalize_type("boolean"), "boolean");
    }

    #[test]
    fn enum_values_are_part_of_the_key() {
        let one = Fact::new("query.lang", Attr::Enum, "zh_cn", 1);
        let two = Fact::new("query.lang", Attr::Enum, "en_us", 2);
        assert_ne!(one.key(), two.key());
        let max = Fact::new("query.page_size", Attr::Max, "50", 1);
        let other = Fact::new("query.page_size", Attr::Max, "100", 9);
        assert_eq!(max.key(), other.key());
        assert_eq!(max.to_string(), "query.page_size: max=50");
    }
}
