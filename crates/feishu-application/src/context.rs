//! The per-call context the generated client carries: the token to send, and a slot for what
//! came back.
//!
//! Every call of the hand-written layer builds a fresh `raw::Client` (a base URL and a cheap
//! `reqwest::Client` clone) around a new [`CallContext`]. The hooks (`hooks.rs`) read the token
//! from it and record the answer's status and headers into it: that gives the error path what
//! progenitor's error type drops (the status of a body that failed to decode, the
//! `X-Tt-Logid` header, the rate-limit reset).

use std::sync::{Arc, Mutex};

use reqwest::header::HeaderMap;

use crate::secret::Secret;

/// What a raw client call carries: the token to send, and a slot for what came back.
#[derive(Clone, Debug, Default)]
pub struct CallContext {
    token: Option<Secret>,
    observed: Arc<Mutex<Option<Observed>>>,
}

/// What the `post` hook saw of an answer.
#[derive(Clone, Debug)]
pub(crate) struct Observed {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
}

impl CallContext {
    /// A context that sends `Authorization: Bearer <token>`.
    ///
    /// ```
    /// use feishu_application::{Secret, raw};
    /// let raw = raw::Client::new("http://127.0.0.1:1", raw::CallContext::with_token(Secret::new("t-x")));
    /// ```
    pub fn with_token(token: Secret) -> Self {
        Self {
            token: Some(token),
            observed: Arc::default(),
        }
    }

    /// A context that sends no token (the token endpoint needs none).
    pub fn anonymous() -> Self {
        Self::default()
    }

    pub(crate) fn token(&self) -> Option<&Secret> {
        self.token.as_ref()
    }

    pub(crate) fn observed(&self) -> Option<Observed> {
        self.observed.lock().ok().and_then(|slot| slot.clone())
    }

    pub(crate) fn observe(&self, observed: Observed) {
        if let Ok(mut slot) = self.observed.lock() {
            *slot = Some(observed);
        }
    }
}
