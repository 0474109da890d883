//! Checking one answer of a spec operation with `feishu-validate`.

use feishu_validate::{Error, Validator, Violation};

use super::forward::Answer;
use super::report::{AnswerReport, now_rfc3339};

/// What checking an answer gave.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// A report (and the parsed body when it was JSON, for the recorder).
    Checked(AnswerReport, Option<serde_json::Value>),
    /// The answer was forwarded without a check, for this reason.
    Unchecked(Unchecked),
}

/// Why an answer of a spec operation was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unchecked {
    /// Its body is over the proxy's check limit.
    TooLarge,
    /// The spec documents no JSON body for its status.
    NoSchema,
}

/// Checks `answer` as an answer of `operation`. A body that is not JSON, or a status the
/// spec does not document, is a violation: the spec documents a JSON body for every status.
///
/// The check reads the bytes with the validator's fast path; the body is parsed into a
/// `Value` only when `keep_body` (the recorder wants it) or when the log id must be read from
/// the error envelope, since that parse is the cost the fast path avoids on live traffic.
pub(crate) fn check(operation: &str, answer: &Answer, limit: usize, keep_body: bool) -> Verdict {
    if answer.body.len() > limit {
        return Verdict::Unchecked(Unchecked::TooLarge);
    }
    let status = answer.status.as_u16();
    let result = Validator::workspace().validate(operation, status, &answer.body);
    let parsed: Option<serde_json::Value> = (keep_body || answer.log_id(None).is_none())
        .then(|| serde_json::from_slice(&answer.body).ok())
        .flatten();
    let (violations, drift) = match result {
        Ok(report) => (report.violations, report.drift),
        Err(Error::NoJsonSchema { .. }) => return Verdict::Unchecked(Unchecked::NoSchema),
        Err(error @ Error::NotJson { .. }) => (
            vec![violation(
                "type",
                format!("{error} (content type {})", answer.content_type()),
            )],
            Vec::new(),
        ),
        Err(error) => (vec![violation("status", error.to_string())], Vec::new()),
    };
    let report = AnswerReport {
        time: now_rfc3339(),
        operation: operation.to_owned(),
        status,
        log_id: answer.log_id(parsed.as_ref()),
        valid: violations.is_empty(),
        violations,
        drift,
    };
    Verdict::Checked(report, parsed)
}

/// A violation of the whole body.
fn violation(keyword: &str, message: String) -> Violation {
    Violation::new("", keyword, message)
}
