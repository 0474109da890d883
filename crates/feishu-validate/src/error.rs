//! The one error type of the crate: everything that stops a body from being checked.

/// Why a body could not be checked, or why a spec could not be used.
///
/// A body that breaks the schema is *not* an error: it is a [`crate::Report`] with
/// violations. An `Error` means no verdict could be given at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The operationId is not in the spec.
    #[error("unknown operation `{operation}`; the spec documents: {}", known.join(", "))]
    UnknownOperation {
        /// The operationId that was asked for.
        operation: String,
        /// Every operationId the spec documents, sorted.
        known: Vec<String>,
    },
    /// The HTTP status is not an HTTP status code (100 to 599).
    #[error("`{status}` is not an HTTP status code (100 to 599)")]
    InvalidStatus {
        /// The status that was given.
        status: u16,
    },
    /// The operation documents no response for this status, nor a `4XX`/`5XX` range or
    /// `default` covering it.
    #[error(
        "operation `{operation}` documents no response for status {status}; it documents: {}",
        documented.join(", ")
    )]
    UndocumentedStatus {
        /// The operationId.
        operation: String,
        /// The status that was given.
        status: u16,
        /// The response keys the operation documents (`200`, `4XX`, `default`, ...).
        documented: Vec<String>,
    },
    /// The response that the status selects has no JSON body schema to check against.
    #[error(
        "operation `{operation}` documents response `{response}` without an application/json schema"
    )]
    NoJsonSchema {
        /// The operationId.
        operation: String,
        /// The response key that the status selected.
        response: String,
    },
    /// The body is not JSON.
    #[error("the body is not JSON: {message} at line {line}, column {column}")]
    NotJson {
        /// What the JSON parser found wrong.
        message: String,
        /// 1-based line of the error in the body.
        line: usize,
        /// 1-based column of the error in the body.
        column: usize,
    },
    /// The spec text is not YAML or JSON, or not an OpenAPI 3.0 document.
    #[error("the spec does not parse: {message}{}", location_suffix(*line, *column))]
    SpecParse {
        /// What is wrong.
        message: String,
        /// 1-based line of the error in the spec text, when known.
        line: Option<usize>,
        /// 1-based column of the error in the spec text, when known.
        column: Option<usize>,
    },
    /// The spec parses but a part of it cannot be used (a broken `$ref`, a schema that does
    /// not compile, two operations with one operationId).
    #[error("the spec is unusable at `{pointer}`: {message}")]
    SpecInvalid {
        /// JSON pointer into the spec document of the part that is wrong.
        pointer: String,
        /// What is wrong.
        message: String,
    },
}

/// The `Result` of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn location_suffix(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(" at line {line}, column {column}"),
        (Some(line), None) => format!(" at line {line}"),
        _ => String::new(),
    }
}

impl Error {
    pub(crate) fn spec_invalid(pointer: &str, message: impl Into<String>) -> Self {
        Error::SpecInvalid {
            pointer: pointer.to_owned(),
            message: message.into(),
        }
    }

    pub(crate) fn not_json(error: &serde_json::Error) -> Self {
        let text = error.to_string();
        // serde_json appends " at line L column C"; the fields carry that already.
        let message = match text.rfind(" at line ") {
            Some(cut) => text[..cut].to_owned(),
            None => text,
        };
        Error::NotJson {
            message,
            line: error.line(),
            column: error.column(),
        }
    }
}
