//! One report per checked answer: `{time, operation, status, log_id, valid, violations[],
//! drift[]}` (DESIGN.md), as a JSON line or as one line of text.

use std::time::SystemTime;

use feishu_validate::{Drift, Violation};
use serde::Serialize;

/// The verdict on one answer of a spec operation.
#[derive(Debug, Serialize)]
pub(crate) struct AnswerReport {
    /// When the answer arrived, RFC 3339 UTC with milliseconds.
    pub(crate) time: String,
    pub(crate) operation: String,
    pub(crate) status: u16,
    pub(crate) log_id: Option<String>,
    /// No violation (drift allowed), as `feishu-review validate` says it.
    pub(crate) valid: bool,
    pub(crate) violations: Vec<Violation>,
    pub(crate) drift: Vec<Drift>,
}

impl AnswerReport {
    /// The report as one JSON line (no newline).
    pub(crate) fn json_line(&self) -> String {
        // Strings, numbers and booleans only: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The report as one line of text: when, what, the verdict and every finding.
    pub(crate) fn text_line(&self) -> String {
        let log_id = self.log_id.as_deref().unwrap_or("-");
        let mut line = format!(
            "{} {} {} log_id={log_id}: ",
            self.time, self.operation, self.status
        );
        line.push_str(&match (self.violations.len(), self.drift.len()) {
            (0, 0) => "ok".to_owned(),
            (0, d) => format!("valid, {d} drift"),
            (v, d) => format!("INVALID, {v} violation(s), {d} drift"),
        });
        for v in &self.violations {
            line.push_str(&format!(
                "; violation {} ({}): {}",
                shown(&v.pointer),
                v.keyword,
                one_line(&v.message)
            ));
        }
        for d in &self.drift {
            line.push_str(&format!("; drift {} ({})", shown(&d.pointer), d.kind));
        }
        line
    }
}

fn shown(pointer: &str) -> &str {
    if pointer.is_empty() {
        "(the body)"
    } else {
        pointer
    }
}

fn one_line(message: &str) -> String {
    message.replace(['\n', '\r'], " ")
}

/// Now as RFC 3339 UTC with milliseconds: `2026-11-27T14:05:09.123Z`.
pub(crate) fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_line_names_every_finding_on_one_line() {
        let report = AnswerReport {
            time: "t".into(),
            operation: "get_app_version".into(),
            status: 502,
            log_id: None,
            valid: false,
            violations: vec![Violation::new("", "type", "not JSON\nat all")],
            drift: vec![],
        };
        assert_eq!(
            report.text_line(),
            "t get_app_version 502 log_id=-: INVALID, 1 violation(s), 0 drift; \
             violation (the body) (type): not JSON at all"
        );
    }
}
