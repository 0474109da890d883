//! [`Validator`]: a spec's response schemas, compiled once, checking bodies.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::convert::{Direction, convert_document};
use crate::error::{Error, Result};
use crate::operations::{self, Check, Operation};
use crate::report::{Report, Violation};
use crate::shape::Shapes;
use crate::{drift, finding_text, spec};

/// The workspace spec, embedded at compile time: a user needs no file at run time.
pub(crate) const WORKSPACE_SPEC: &str = include_str!("../../../spec/feishu-application-v6.yaml");

/// Checks response bodies against the response schemas of an OpenAPI 3.0 spec.
///
/// Built once (every response schema is compiled up front), then shared: it is `Send + Sync`,
/// and checking a body costs parsing plus checking, never schema compilation.
///
/// ```
/// let validator = feishu_validate::Validator::workspace();
/// let report = validator
///     .validate("patch_app_version", 200, br#"{"code":0,"msg":"success","data":{}}"#)
///     .expect("the operation and status are documented, the body is JSON");
/// assert!(report.is_clean());
/// ```
pub struct Validator {
    operations: BTreeMap<String, Operation>,
    shapes: Shapes,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("operations", &self.operations.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Validator {
    /// The validator of the workspace spec (`spec/feishu-application-v6.yaml`, embedded at
    /// compile time), built on first use.
    ///
    /// # Panics
    ///
    /// Never for a released build: the embedded spec is checked by this crate's tests.
    #[must_use]
    pub fn workspace() -> &'static Validator {
        static WORKSPACE: OnceLock<Validator> = OnceLock::new();
        WORKSPACE.get_or_init(|| {
            Validator::from_spec_str(WORKSPACE_SPEC)
                .unwrap_or_else(|error| panic!("the embedded workspace spec is unusable: {error}"))
        })
    }

    /// Builds a validator from the text of an OpenAPI 3.0 spec, YAML or JSON.
    ///
    /// # Errors
    ///
    /// [`Error::SpecParse`] when the text is not YAML/JSON or not an OpenAPI 3.0 document;
    /// [`Error::SpecInvalid`] when a `$ref` is broken or external, a schema does not compile,
    /// or two operations share an operationId.
    pub fn from_spec_str(yaml_or_json: &str) -> Result<Validator> {
        let document = spec::parse(yaml_or_json)?;
        let converted = convert_document(&document, Direction::Response);
        let mut shapes = Shapes::new(Direction::Response);
        let operations = operations::collect(&document, &converted, &mut shapes)?;
        Ok(Validator { operations, shapes })
    }

    /// The operationIds the spec documents, sorted.
    pub fn operations(&self) -> impl Iterator<Item = &str> {
        self.operations.keys().map(String::as_str)
    }

    /// The response keys (`200`, `4XX`, `default`, ...) an operation documents, in spec order;
    /// `None` for an unknown operation.
    #[must_use]
    pub fn responses(&self, operation_id: &str) -> Option<Vec<&str>> {
        let operation = self.operations.get(operation_id)?;
        Some(operation.responses.iter().map(|r| r.key.as_str()).collect())
    }

    /// Checks a response body (bytes as received) of `operation_id` with HTTP `status`.
    ///
    /// A body with neither violation nor drift costs one pass over its bytes and allocates in
    /// proportion to its depth, not its size. A body with a finding is then parsed into a
    /// `serde_json::Value` for the report, without the array items found clean (so a large
    /// list with one bad item costs that item's tree, not the list's); the report is exactly
    /// that of [`Validator::validate_value`] on the parsed body. (A schema using `allOf`,
    /// `anyOf`, `oneOf`, `not`, `uniqueItems`, `minProperties` or object/array enum values
    /// always takes the whole-`Value` path.)
    ///
    /// # Errors
    ///
    /// [`Error::NotJson`] (with line and column) when the body is not JSON, and the errors of
    /// [`Validator::validate_value`]. A body that breaks the schema is not an error: its
    /// [`Report`] lists the violations.
    pub fn validate(&self, operation_id: &str, status: u16, body: &[u8]) -> Result<Report> {
        let check = self.check_for(operation_id, status)?;
        if let Some(fast) = &check.fast {
            if fast.is_clean(body) {
                return Ok(Report::default());
            }
            // A finding, or not JSON: the report from a tree without the clean array items,
            // if it can give the exact report (see `fast::sparse`), or the error.
            let sparse = fast.sparse_tree(body).map_err(|e| Error::not_json(&e))?;
            if let Some(sparse) = sparse {
                let keeps = |pointer: &str| sparse.keeps(pointer);
                return Ok(run_kept(check, &self.shapes, &sparse.tree, keeps));
            }
        }
        // A finding, or not JSON: the `Value` path writes the report or the error.
        let value: Value = serde_json::from_slice(body).map_err(|e| Error::not_json(&e))?;
        Ok(self.run(check, &value))
    }

    /// Checks an already parsed response body of `operation_id` with HTTP `status`.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownOperation`] (listing the known ones), [`Error::InvalidStatus`],
    /// [`Error::UndocumentedStatus`] (listing the documented ones), [`Error::NoJsonSchema`].
    pub fn validate_value(&self, operation_id: &str, status: u16, body: &Value) -> Result<Report> {
        let check = self.check_for(operation_id, status)?;
        Ok(self.run(check, body))
    }

    /// The documented response key (`200`, `4XX`, `default`, ...) that `status` selects for
    /// `operation_id`: the exact code, then its `NXX` range, then `default`.
    ///
    /// # Errors
    ///
    /// The errors of [`Validator::validate_value`] that do not depend on the body.
    pub fn response_key(&self, operation_id: &str, status: u16) -> Result<&str> {
        Ok(self.response_for(operation_id, status)?.0)
    }

    /// The fast path's verdict alone (`None` when the schema has no fast form), for the
    /// differential tests.
    #[cfg(test)]
    pub(crate) fn fast_verdict(
        &self,
        operation_id: &str,
        status: u16,
        body: &[u8],
    ) -> Option<bool> {
        let check = self.check_for(operation_id, status).ok()?;
        check.fast.as_ref().map(|fast| fast.is_clean(body))
    }

    /// How many array items the sparse tree of `body` leaves out (`None`: no sparse tree),
    /// for the tests of the report path.
    #[cfg(test)]
    pub(crate) fn sparse_left_out(
        &self,
        operation_id: &str,
        status: u16,
        body: &[u8],
    ) -> Option<usize> {
        let check = self.check_for(operation_id, status).ok()?;
        let tree = check.fast.as_ref()?.sparse_tree(body).ok()??;
        Some(tree.left_out())
    }

    fn operation(&self, operation_id: &str) -> Result<&Operation> {
        self.operations
            .get(operation_id)
            .ok_or_else(|| Error::UnknownOperation {
                operation: operation_id.to_owned(),
                known: self.operations().map(str::to_owned).collect(),
            })
    }

    fn check_for(&self, operation_id: &str, status: u16) -> Result<&Check> {
        Ok(self.response_for(operation_id, status)?.1)
    }

    fn response_for(&self, operation_id: &str, status: u16) -> Result<(&str, &Check)> {
        let response = select_response(self.operation(operation_id)?, operation_id, status)?;
        match &response.check {
            Some(check) => Ok((&response.key, check)),
            None => Err(Error::NoJsonSchema {
                operation: operation_id.to_owned(),
                response: response.key.clone(),
            }),
        }
    }

    fn run(&self, check: &Check, body: &Value) -> Report {
        run(check, &self.shapes, Direction::Response, body)
    }
}

fn select_response<'o>(
    operation: &'o Operation,
    operation_id: &str,
    status: u16,
) -> Result<&'o operations::Response> {
    if !(100..=599).contains(&status) {
        return Err(Error::InvalidStatus { status });
    }
    operations::select(operation, status).ok_or_else(|| Error::UndocumentedStatus {
        operation: operation_id.to_owned(),
        status,
        documented: operation.responses.iter().map(|r| r.key.clone()).collect(),
    })
}

/// Checks `body` against one compiled schema: violations from `jsonschema`, then drift.
pub(crate) fn run(check: &Check, shapes: &Shapes, direction: Direction, body: &Value) -> Report {
    let mut report = Report::default();
    // The fast path: a conforming body allocates nothing for violations.
    if !check.schema.is_valid(body) {
        for error in check.schema.iter_errors(body) {
            report
                .violations
                .push(violation(check, shapes, body, &error));
        }
    }
    drift::check(shapes, direction, check.shape, body, &mut report);
    report
}

/// [`run`] on a response body's sparse tree, keeping only the findings at pointers `keeps`
/// accepts (the others are those of the tree's stand-ins).
fn run_kept(check: &Check, shapes: &Shapes, tree: &Value, keeps: impl Fn(&str) -> bool) -> Report {
    let mut report = Report::default();
    for error in check.schema.iter_errors(tree) {
        if keeps(error.instance_path().as_str()) {
            report
                .violations
                .push(violation(check, shapes, tree, &error));
        }
    }
    let mut drift = Report::default();
    drift::check(shapes, Direction::Response, check.shape, tree, &mut drift);
    report
        .violations
        .extend(drift.violations.into_iter().filter(|v| keeps(&v.pointer)));
    report.drift = drift
        .drift
        .into_iter()
        .filter(|d| keeps(&d.pointer))
        .collect();
    report
}

fn violation(
    check: &Check,
    shapes: &Shapes,
    body: &Value,
    error: &jsonschema::ValidationError<'_>,
) -> Violation {
    let pointer = error.instance_path().as_str().to_owned();
    let found = body.pointer(&pointer).map_or_else(
        || "nothing".to_owned(),
        |value| finding_text::value_at(&pointer, value),
    );
    let documented = shapes.at(check.shape, &pointer).map_or_else(
        || "nothing documented here".to_owned(),
        |ids| finding_text::shapes(shapes, &ids),
    );
    let full = error.to_string();
    let message =
        if full.chars().count() <= 200 && !feishu_wire::secret::is_secret_pointer(&pointer) {
            full
        } else {
            error.masked_with("the value").to_string()
        };
    Violation {
        pointer,
        keyword: error.kind().keyword().to_owned(),
        message,
        documented,
        found,
    }
}
