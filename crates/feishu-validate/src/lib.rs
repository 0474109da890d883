//! Check real Feishu/Lark responses against the workspace's OpenAPI spec.
//!
//! A team learns that Feishu changed before its client breaks: every response body can be
//! checked against the response schema its operation and HTTP status select, and the
//! [`Report`] tells apart
//!
//! * **violations** — the body breaks the schema: a wrong type, a missing required member, a
//!   malformed value, `null` where the spec does not allow it;
//! * **drift** — the body has what the docs do not list yet: an object member the spec does not
//!   document ([`DriftKind::UndocumentedField`]) or an enum value outside the documented set
//!   ([`DriftKind::UnknownEnumValue`]). Feishu adds fields and values before its docs say so,
//!   so drift is news, not breakage.
//!
//! Each finding carries an RFC 6901 JSON pointer into the body.
//!
//! ```
//! use feishu_validate::{DriftKind, Validator};
//!
//! let body = br#"{"code": 0, "msg": "success", "data": {"app_version": {"status": 9}}}"#;
//! let report = Validator::workspace().validate("get_app_version", 200, body)?;
//! assert!(report.is_valid());
//! assert_eq!(report.drift[0].pointer, "/data/app_version/status");
//! assert_eq!(report.drift[0].kind, DriftKind::UnknownEnumValue);
//! # Ok::<(), feishu_validate::Error>(())
//! ```
//!
//! Validation runs on the `jsonschema` crate (no remote `$ref` is ever fetched); the
//! hand-written parts are the OpenAPI 3.0 to JSON Schema conversion (`nullable`, `$ref`
//! siblings, `readOnly`/`writeOnly`, `example` and `x-` extensions), the drift walk, and the
//! fast path of [`Validator::validate`]: it checks the bytes while `serde_json` parses them,
//! without building a JSON tree, and returns at once for a body with no finding. A body with
//! a finding is parsed into a `serde_json::Value` and checked again to write its report, so
//! reports are the same whichever way a body comes in; tests hold both paths to the same
//! verdict on every fixture and on thousands of generated bodies.

mod convert;
mod drift;
mod error;
mod fast;
mod finding_text;
mod json_type;
mod operations;
mod report;
mod shape;
mod spec;
mod validator;

pub use error::{Error, Result};
pub use report::{Drift, DriftKind, Report, Violation};
pub use validator::Validator;

#[cfg(test)]
mod spec_examples;
