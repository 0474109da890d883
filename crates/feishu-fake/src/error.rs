//! The crate's error type, for what can fail outside a request: binding, loading fixtures.

use std::net::SocketAddr;
use std::path::PathBuf;

/// What can go wrong setting up a fake.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The server stopped with an I/O error.
    #[error("the fake stopped: {0}")]
    Serve(#[source] std::io::Error),
    /// A fixtures file could not be read.
    #[error("cannot read fixtures {path}: {source}")]
    ReadFixtures {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A fixtures document is not the JSON the fake expects.
    #[error("fixtures are not valid: {0}")]
    ParseFixtures(#[source] serde_json::Error),
    /// Fixtures parse but contradict themselves (duplicate ids, dangling version ids, ...).
    #[error("fixtures are not consistent: {0}")]
    InvalidFixtures(String),
    /// The spec the fake answers from cannot be used (not OpenAPI, a `$ref` naming nothing,
    /// two operations answering the same requests, ...).
    #[error("the spec is not usable: {0}")]
    Spec(String),
    /// The configuration cannot work (no credentials, a rate outside 0..=1, ...).
    #[error("invalid configuration: {0}")]
    Config(String),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
