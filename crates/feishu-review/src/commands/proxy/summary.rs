//! Counts of what went through the proxy, printed when it stops.

use std::collections::BTreeMap;

use serde::Serialize;

use super::check::Unchecked;
use super::report::AnswerReport;

/// Counts per spec operation, and of everything else.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Summary {
    operations: BTreeMap<String, Counts>,
    /// Answers to requests that are no spec operation (forwarded without a report).
    unmatched: u64,
    /// Requests the upstream did not answer (the client got a 502 or 504 from the proxy).
    upstream_errors: u64,
    /// Checked answers that could not be written to `--record`.
    record_errors: u64,
}

/// Counts of one operation.
#[derive(Debug, Default, Serialize)]
struct Counts {
    answers: u64,
    valid: u64,
    with_drift: u64,
    with_violations: u64,
    /// Forwarded without a check: over the size limit.
    too_large: u64,
    /// Forwarded without a check: no JSON body documented for the status.
    no_schema: u64,
}

impl Summary {
    pub(crate) fn checked(&mut self, report: &AnswerReport) {
        let counts = self.counts(&report.operation);
        counts.answers += 1;
        counts.valid += u64::from(report.valid);
        counts.with_drift += u64::from(!report.drift.is_empty());
        counts.with_violations += u64::from(!report.violations.is_empty());
    }

    pub(crate) fn unchecked(&mut self, operation: &str, why: Unchecked) {
        let counts = self.counts(operation);
        counts.answers += 1;
        match why {
            Unchecked::TooLarge => counts.too_large += 1,
            Unchecked::NoSchema => counts.no_schema += 1,
        }
    }

    pub(crate) fn unmatched(&mut self) {
        self.unmatched += 1;
    }

    pub(crate) fn upstream_error(&mut self) {
        self.upstream_errors += 1;
    }

    pub(crate) fn record_error(&mut self) {
        self.record_errors += 1;
    }

    fn counts(&mut self, operation: &str) -> &mut Counts {
        self.operations.entry(operation.to_owned()).or_default()
    }

    /// `{"summary": {...}}` on one line.
    pub(crate) fn json(&self) -> String {
        serde_json::json!({ "summary": self }).to_string()
    }

    /// A table: one row per operation, then the answers outside the spec.
    pub(crate) fn text(&self) -> String {
        let mut out = format!(
            "{:<26} {:>8} {:>8} {:>11} {:>16} {:>10}\n",
            "operation", "answers", "valid", "with drift", "with violations", "unchecked"
        );
        for (operation, c) in &self.operations {
            out.push_str(&format!(
                "{operation:<26} {:>8} {:>8} {:>11} {:>16} {:>10}\n",
                c.answers,
                c.valid,
                c.with_drift,
                c.with_violations,
                c.too_large + c.no_schema
            ));
        }
        out.push_str(&format!(
            "{:<26} {:>8}\nupstream errors: {}, record errors: {}\n",
            "(not in the spec)", self.unmatched, self.upstream_errors, self.record_errors
        ));
        out
    }
}
