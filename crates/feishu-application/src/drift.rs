//! Drift: what Feishu sends that the spec does not document yet.
//!
//! The client decodes drift without failing (unknown members land in `extra` maps, unknown
//! enum values in `Undocumented(raw)` arms). After each successful decode, the generated walk
//! (`generated_drift.rs`) lists that drift, and the client tells about each
//! (operation, pointer) once per client: a `tracing` WARN event on the target
//! [`DRIFT_TARGET`], and the callback of [`crate::ClientBuilder::on_drift`].
//!
//! The walk is public too, for answers decoded with [`crate::raw`] or by hand:
//!
//! ```
//! use feishu_application::drift::{DriftKind, Walk as _};
//! use feishu_application::types::GetAppVersionResponse;
//!
//! let body = r#"{"code":0,"msg":"ok","data":{"app_version":{"scopes":[{"level":9}]}}}"#;
//! let answer: GetAppVersionResponse = serde_json::from_str(body)?;
//! let drift = answer.drift();
//! assert_eq!(drift[0].pointer, "/data/app_version/scopes/0/level");
//! assert_eq!(drift[0].kind, DriftKind::UnknownEnumValue);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::collections::HashSet;
use std::fmt;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

/// The `tracing` target of drift events.
pub const DRIFT_TARGET: &str = "feishu_application::drift";

/// The kinds of drift, in the terms of `feishu-validate` and `feishu-review validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DriftKind {
    /// An object member the spec does not list.
    UndocumentedField,
    /// An enum value outside the documented set.
    UnknownEnumValue,
}

impl DriftKind {
    /// `undocumented_field` or `unknown_enum_value`.
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

/// One newly seen drift of an answer, as [`crate::ClientBuilder::on_drift`] receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Drift {
    /// The operationId, e.g. `list_under_audit_apps`.
    pub operation: &'static str,
    /// RFC 6901 JSON pointer into the answer body.
    pub pointer: String,
    /// What kind of drift.
    pub kind: DriftKind,
    /// The answer's log id (`X-Tt-Logid`), to find the answer again.
    pub log_id: Option<String>,
}

/// A callback that receives each newly seen drift.
pub(crate) type OnDrift = Arc<dyn Fn(&Drift) + Send + Sync>;

/// Reports the drift of a client's answers, each (operation, pointer) once.
#[derive(Default)]
pub(crate) struct Reporter {
    seen: Mutex<HashSet<(&'static str, String)>>,
    callback: Option<OnDrift>,
}

impl fmt::Debug for Reporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reporter")
            .field("callback", &self.callback.is_some())
            .finish_non_exhaustive()
    }
}

impl Reporter {
    pub(crate) fn new(callback: Option<OnDrift>) -> Self {
        Self {
            seen: Mutex::default(),
            callback,
        }
    }

    /// Walks a decoded answer and reports what is new.
    pub(crate) fn report(&self, operation: &'static str, log_id: Option<&str>, answer: &impl Walk) {
        let found = answer.drift();
        if found.is_empty() {
            return;
        }
        let fresh: Vec<Found> = {
            let mut seen = self
                .seen
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            found
                .into_iter()
                .filter(|f| seen.insert((operation, f.pointer.clone())))
                .collect()
        };
        for Found { pointer, kind } in fresh {
            tracing::warn!(
                target: DRIFT_TARGET,
                operation,
                pointer = pointer.as_str(),
                kind = kind.as_str(),
                log_id,
                "Feishu sent what the spec does not document; run `cargo xtask docs check` and update the spec"
            );
            if let Some(callback) = &self.callback {
                callback(&Drift {
                    operation,
                    pointer,
                    kind,
                    log_id: log_id.map(str::to_owned),
                });
            }
        }
    }
}

/// One drift found by a walk.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Found {
    /// RFC 6901 JSON pointer into the walked value.
    pub pointer: String,
    /// What kind of drift.
    pub kind: DriftKind,
}

impl Found {
    /// An undocumented enum value at `at`.
    pub fn unknown_enum_value(at: &Path<'_>) -> Self {
        Self {
            pointer: at.pointer(),
            kind: DriftKind::UnknownEnumValue,
        }
    }
}

/// A decoded answer (or part of one) that can list its drift, without re-parsing it.
/// Implemented for every response type and open enum (generated by `cargo xtask generate`).
pub trait Walk {
    /// Pushes the drift of `self`, which sits at `at`, onto `out`.
    fn walk(&self, at: &Path<'_>, out: &mut Vec<Found>);

    /// Every drift of `self`, pointers from its root, in field order.
    fn drift(&self) -> Vec<Found> {
        let mut out = Vec::new();
        self.walk(&Path::Root, &mut out);
        out
    }
}

impl<T: Walk> Walk for Option<T> {
    fn walk(&self, at: &Path<'_>, out: &mut Vec<Found>) {
        if let Some(value) = self {
            value.walk(at, out);
        }
    }
}

impl<T: Walk> Walk for Vec<T> {
    fn walk(&self, at: &Path<'_>, out: &mut Vec<Found>) {
        for (index, item) in self.iter().enumerate() {
            item.walk(&Path::Index(at, index), out);
        }
    }
}

impl<T: Walk> Walk for Box<T> {
    fn walk(&self, at: &Path<'_>, out: &mut Vec<Found>) {
        (**self).walk(at, out);
    }
}

/// Every member of an `extra` map is one the spec does not list.
pub(crate) fn undocumented_members(
    extra: &Map<String, Value>,
    at: &Path<'_>,
    out: &mut Vec<Found>,
) {
    for key in extra.keys() {
        out.push(Found {
            pointer: Path::Key(at, key).pointer(),
            kind: DriftKind::UndocumentedField,
        });
    }
}

/// A location in an answer, on the stack while walking; a pointer is built only for drift.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The body (pointer `""`).
    Root,
    /// A member of an object.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The RFC 6901 pointer (`~` and `/` in keys escaped).
    #[must_use]
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Path::Index(parent, index) => {
                parent.write(out);
                // Writing to a String cannot fail.
                let _ = write!(out, "/{index}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ListUnderAuditAppsResponse;

    fn drift_of(json: &str) -> Vec<(String, DriftKind)> {
        let answer: ListUnderAuditAppsResponse = serde_json::from_str(json).unwrap();
        answer
            .drift()
            .into_iter()
            .map(|f| (f.pointer, f.kind))
            .collect()
    }

    #[test]
    fn the_walk_finds_members_and_enum_values_at_every_depth() {
        let found = drift_of(
            r#"{"code":0,"msg":"ok","new_root":1,"data":{"items":[{"app_id":"a"},
               {"scopes":[{"level":9,"n/ew~":true}],"i18n":[{"i18n_key":"ar_sa"}]}]}}"#,
        );
        assert_eq!(
            found,
            [
                ("/new_root".to_owned(), DriftKind::UndocumentedField),
                (
                    "/data/items/1/i18n/0/i18n_key".to_owned(),
                    DriftKind::UnknownEnumValue
                ),
                (
                    "/data/items/1/scopes/0/n~1ew~0".to_owned(),
                    DriftKind::UndocumentedField
                ),
                (
                    "/data/items/1/scopes/0/level".to_owned(),
                    DriftKind::UnknownEnumValue
                ),
            ]
        );
    }

    #[test]
    fn a_documented_answer_has_no_drift() {
        assert_eq!(
            drift_of(r#"{"code":0,"msg":"ok","data":{"items":[{"scopes":[{"level":1}]}]}}"#),
            []
        );
    }

    #[test]
    fn each_pointer_is_reported_once_per_client() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let reporter = Reporter::new(Some(Arc::new(move |d: &Drift| {
            sink.lock().unwrap().push(d.pointer.clone());
        })));
        let answer: ListUnderAuditAppsResponse =
            serde_json::from_str(r#"{"code":0,"msg":"ok","x":1,"y":2}"#).unwrap();
        reporter.report("list_under_audit_apps", Some("L1"), &answer);
        reporter.report("list_under_audit_apps", Some("L2"), &answer);
        reporter.report("get_app_version", None, &answer);
        assert_eq!(*seen.lock().unwrap(), ["/x", "/y", "/x", "/y"]);
    }
}
