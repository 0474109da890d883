//! The one error type of the crate.

use std::fmt;
use std::time::Duration;

use crate::error_codes::{ErrorCode, ErrorCodeDoc, error_code_doc};
use crate::types::PermissionViolation;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with a call. Secrets never appear in it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Feishu answered with a non-zero `code` (on HTTP 200 or an error status).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No tenant access token could be had; the inner error says why.
    #[error("could not get a tenant access token: {0}")]
    Token(Box<Error>),
    /// The request never got an answer: connection, TLS or timeout.
    #[error("{operation}: no answer from Feishu: {source}")]
    Transport {
        /// The operationId.
        operation: &'static str,
        /// What reqwest reported.
        #[source]
        source: reqwest::Error,
    },
    /// The answer is not the JSON the spec describes (an HTML error page, a truncated body,
    /// a wrong type).
    #[error(
        "{operation}: HTTP {status} answer is not the expected JSON ({reason}); body starts: {excerpt:?}"
    )]
    Decode {
        /// The operationId.
        operation: &'static str,
        /// The HTTP status (0 when unknown).
        status: u16,
        /// What is wrong with it.
        reason: String,
        /// The first bytes of the body, lossily decoded.
        excerpt: String,
    },
    /// A page of a listing pointed at itself as the next page: following it would ask for the
    /// same page forever, so the listing stops.
    #[error("{operation}: the next page_token {page_token:?} equals the current one")]
    PageTokenStuck {
        /// The operationId.
        operation: &'static str,
        /// The page token that did not advance.
        page_token: String,
    },
    /// A parameter is invalid; nothing was sent.
    #[error("{operation}: invalid argument: {message}")]
    InvalidArgument {
        /// The operationId.
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Retries were allowed but did not help; `last` is the final failure.
    #[error("{operation}: gave up after {attempts} attempts in {elapsed:.1?}: {last}")]
    GaveUp {
        /// The operationId.
        operation: &'static str,
        /// How many requests were made.
        attempts: u32,
        /// How long it took.
        elapsed: Duration,
        /// The final failure.
        last: Box<Error>,
    },
    /// The client was configured wrongly.
    #[error("invalid client configuration: {0}")]
    Config(String),
}

impl Error {
    /// The Feishu error details, looking through [`Error::GaveUp`] and [`Error::Token`].
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            Error::Token(inner) => inner.api(),
            Error::GaveUp { last, .. } => last.api(),
            _ => None,
        }
    }

    /// The Feishu `code`, if Feishu answered with one.
    pub fn code(&self) -> Option<i64> {
        self.api().map(|api| api.code)
    }

    /// The log id to quote to Feishu support, if the answer had one.
    pub fn log_id(&self) -> Option<&str> {
        self.api().and_then(|api| api.log_id.as_deref())
    }

    /// The HTTP status of the answer, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.http_status),
            Error::Decode { status, .. } => Some(*status),
            Error::Token(inner) => inner.status(),
            Error::GaveUp { last, .. } => last.status(),
            _ => None,
        }
    }
}

impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        Error::Api(Box::new(error))
    }
}

/// A non-zero `code` from Feishu, with everything the answer said about it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The operationId of the call.
    pub operation: &'static str,
    /// The HTTP status (Feishu also sends some errors with 200).
    pub http_status: u16,
    /// Feishu's error code.
    pub code: i64,
    /// Feishu's message.
    pub msg: String,
    /// The request's log id, from `error.log_id` or the `X-Tt-Logid` header.
    pub log_id: Option<String>,
    /// A link to Feishu's troubleshooter.
    pub troubleshooter: Option<String>,
    /// The scopes the app lacks, when that is the problem.
    pub permission_violations: Vec<PermissionViolation>,
    /// How the docs describe this code for this operation (message and hint).
    pub doc: Option<&'static ErrorCodeDoc>,
    /// With a rate limit: the time until the window resets (`x-ogw-ratelimit-reset`).
    pub retry_after: Option<Duration>,
}

impl ApiError {
    pub(crate) fn new(operation: &'static str, http_status: u16, code: i64, msg: &str) -> Self {
        Self {
            operation,
            http_status,
            code,
            msg: msg.to_owned(),
            log_id: None,
            troubleshooter: None,
            permission_violations: Vec::new(),
            doc: error_code_doc(operation, code),
            retry_after: None,
        }
    }

    /// The documented code, if the spec documents this one.
    pub fn error_code(&self) -> Option<ErrorCode> {
        ErrorCode::from_code(self.code)
    }

    /// The doc's troubleshooting hint for this code, if documented.
    pub fn hint(&self) -> Option<&'static str> {
        self.doc.map(|doc| doc.hint)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: Feishu error {} (HTTP {}): {}",
            self.operation, self.code, self.http_status, self.msg
        )?;
        if let Some(hint) = self.hint() {
            write!(f, "; hint: {hint}")?;
        }
        for violation in &self.permission_violations {
            if let Some(scope) = &violation.subject {
                write!(f, "; missing scope {scope}")?;
            }
        }
        if let Some(log_id) = &self.log_id {
            write!(f, "; log id {log_id}")?;
        }
        if let Some(link) = &self.troubleshooter {
            write!(f, "; see {link}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
