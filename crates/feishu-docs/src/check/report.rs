//! Findings and how they are printed.

use std::fmt::Write as _;

use serde::Serialize;

/// What kind of disagreement a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The page states a fact the spec does not have.
    MissingInSpec,
    /// The page and the spec say different things.
    DiffersFromSpec,
    /// A JSON example of the page does not validate against the spec.
    ExampleInvalid,
}

impl Kind {
    /// `missing_in_spec`, `differs_from_spec` or `example_invalid`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::MissingInSpec => "missing_in_spec",
            Kind::DiffersFromSpec => "differs_from_spec",
            Kind::ExampleInvalid => "example_invalid",
        }
    }
}

/// One thing a page says that the spec does not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The page's file.
    pub page: String,
    /// The page line (1-based).
    pub line: usize,
    /// The operationId.
    pub operation: String,
    /// What kind of finding.
    pub kind: Kind,
    /// The fact's name (`query.page_size: max=100`, `example.response: /data/items/0/status`).
    pub fact: String,
    /// Where in the spec (RFC 6901), `None` where there is nothing to point at.
    pub spec_pointer: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// Output format of `docs check`, `docs diff`, `docs fetch` and `api diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One line per finding or change.
    Text,
    /// One JSON array.
    Json,
}

impl OutputFormat {
    /// The value of `--format` (`None` when the option came last, without one).
    ///
    /// # Errors
    ///
    /// When the value is missing or neither `text` nor `json`.
    pub fn parse(value: Option<&str>) -> anyhow::Result<Self> {
        match value {
            Some("text") => Ok(Self::Text),
            Some("json") => Ok(Self::Json),
            Some(other) => anyhow::bail!("--format takes text or json, not `{other}`"),
            None => anyhow::bail!("--format needs a value: text or json"),
        }
    }
}

/// The findings as text, one per line: `page:line: kind: fact: message [spec: pointer]`.
#[must_use]
pub fn findings_text(findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        let _ = write!(
            out,
            "{}:{}: {}: {} ({}): {}",
            finding.page,
            finding.line,
            finding.kind.as_str(),
            finding.fact,
            finding.operation,
            finding.message
        );
        if let Some(pointer) = &finding.spec_pointer {
            let _ = write!(out, " [spec: {pointer}]");
        }
        out.push('\n');
    }
    out
}

/// The findings as a pretty JSON array (with a final newline).
///
/// # Errors
///
/// Only if serde_json fails to write plain strings and numbers.
pub fn findings_json(findings: &[Finding]) -> serde_json::Result<String> {
    let mut text = serde_json::to_string_pretty(findings)?;
    text.push('\n');
    Ok(text)
}
