//! The spec the fake answers from: every operation in it gets an answer. The stateful
//! handlers (token, pending list, get and patch version) are routed first; a request they do
//! not take is looked up here and answered with its operation's `200` example.
//!
//! Where the spec comes from: the workspace spec is embedded at build time (`include_str!`)
//! and parsed with `serde_yaml_ng` into `openapiv3`'s typed document, as xtask reads it for
//! progenitor. The generated client carries only what it needs of the spec (types, routes),
//! not the examples, and `feishu-validate` would bring `jsonschema` along; a second parse
//! costs milliseconds at start-up, once per process. [`Spec::parse`] takes another spec
//! text, so a test can show that an operation added to a copy is answered with no code change.

mod body;
mod check;
mod example;
mod load;

use std::sync::{Arc, OnceLock};

use axum::http::Method;

use crate::error::{Error, Result};

pub(crate) use example::substitute;
pub(crate) use load::{Location, Operation};

/// The workspace spec, as `feishu-validate` embeds it too.
const WORKSPACE_SPEC: &str = include_str!("../../../../spec/feishu-application-v6.yaml");

/// The operations a fake answers: a parsed OpenAPI document. Cheap to clone.
#[derive(Clone)]
pub struct Spec {
    operations: Arc<Vec<Arc<Operation>>>,
}

/// What a request is, by its method and path.
pub(crate) enum Lookup {
    /// An operation, with the path parameters' names and decoded values.
    Found(Arc<Operation>, Vec<(String, String)>),
    /// An operation's path, but the method is not one of them: the `Allow` header's value,
    /// the path's methods (HEAD with GET), as `DELETE,GET,HEAD`.
    MethodNotAllowed(String),
    /// No operation's path.
    NotFound,
    /// An operation's path whose parameter is not valid percent-encoded UTF-8.
    BadPath(String),
}

impl Spec {
    /// Parses an OpenAPI 3.0 document (YAML or JSON). Fails, naming the operation, when two
    /// operations answer the same requests, a path parameter is only part of a segment, or a
    /// `$ref` names nothing. An operation without a `200` JSON example is not an error here:
    /// requests to it get HTTP 501 naming what is missing.
    pub fn parse(text: &str) -> Result<Self> {
        let document: openapiv3::OpenAPI =
            serde_yaml_ng::from_str(text).map_err(|e| Error::Spec(e.to_string()))?;
        let mut operations = load::operations(&document).map_err(Error::Spec)?;
        for (index, operation) in operations.iter().enumerate() {
            let shape = operation.template.shape();
            if let Some(twin) = operations[..index]
                .iter()
                .find(|o| o.method == operation.method && o.template.shape() == shape)
            {
                return Err(Error::Spec(format!(
                    "{} ({} {}) and {} ({} {}) answer the same requests",
                    twin.id, twin.method, twin.path, operation.id, operation.method, operation.path
                )));
            }
        }
        for operation in &operations {
            if let Err(why) = &operation.example {
                tracing::warn!("the fake will answer 501 to {why}");
            }
        }
        // Most specific first, so the first template that matches a path is the right one;
        // the sort is stable, so operations of one path keep the spec's order.
        operations.sort_by_key(|o| std::cmp::Reverse(o.template.specificity()));
        Ok(Self {
            operations: Arc::new(operations.into_iter().map(Arc::new).collect()),
        })
    }

    /// The workspace spec (`spec/feishu-application-v6.yaml` at build time), parsed once.
    pub fn workspace() -> Result<Self> {
        static WORKSPACE: OnceLock<Result<Spec, String>> = OnceLock::new();
        WORKSPACE
            .get_or_init(|| Self::parse(WORKSPACE_SPEC).map_err(|e| e.to_string()))
            .clone()
            .map_err(Error::Spec)
    }

    /// The operationIds, most specific path first.
    pub fn operation_ids(&self) -> impl Iterator<Item = &str> {
        self.operations.iter().map(|o| o.id.as_str())
    }

    /// The operation a request is. The most specific path template that matches decides
    /// (a literal segment beats a parameter), then the method.
    pub(crate) fn find(&self, method: &Method, path: &str) -> Lookup {
        let parts = feishu_wire::path_template::split(path);
        let Some(first) = self.operations.iter().find(|o| o.template.matches(&parts)) else {
            return Lookup::NotFound;
        };
        let shape = first.template.shape();
        // HEAD is GET without the body, as axum treats it for the stateful routes.
        let answers = |o: &Operation| {
            o.method == method || (method == Method::HEAD && o.method == Method::GET)
        };
        let Some(operation) = self
            .operations
            .iter()
            .find(|o| answers(o) && o.template.shape() == shape)
        else {
            return Lookup::MethodNotAllowed(self.allowed(&shape));
        };
        match operation.template.values(&parts) {
            Ok(values) => Lookup::Found(Arc::clone(operation), values),
            Err(why) => Lookup::BadPath(why),
        }
    }

    /// The methods of the operations whose template has `shape`, sorted, HEAD with GET.
    fn allowed(&self, shape: &[Option<&str>]) -> String {
        let mut methods: Vec<&str> = self
            .operations
            .iter()
            .filter(|o| o.template.shape() == shape)
            .flat_map(|o| match o.method {
                Method::GET => vec!["GET", "HEAD"],
                ref other => vec![other.as_str()],
            })
            .collect();
        methods.sort_unstable();
        methods.dedup();
        methods.join(",")
    }
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                self.operations
                    .iter()
                    .map(|o| format!("{} {} {}", o.method, o.path, o.id)),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests;
