//! The per-call context of the generated client and the hooks that use it.
//!
//! Every call of the hand-written layer builds a fresh `raw::Client` (a base URL and a cheap
//! `reqwest::Client` clone) around a new [`CallContext`]: the `pre` hook adds the bearer token
//! from it, the `post` hook records the answer's status and headers into it. That gives the
//! error path what progenitor's error type drops (the status of a body that failed to decode,
//! the `X-Tt-Logid` header, the rate-limit reset).

use std::sync::{Arc, Mutex};

use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

use crate::generated_client::{Client as RawClient, Error as RawError};
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

    pub(crate) fn observed(&self) -> Option<Observed> {
        self.observed.lock().ok().and_then(|slot| slot.clone())
    }
}

impl ClientHooks<CallContext> for RawClient {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), RawError<E>> {
        use progenitor_client::ClientInfo as _;
        if let Some(token) = &self.inner().token {
            let mut value = HeaderValue::try_from(format!("Bearer {}", token.expose()))
                .map_err(|_| RawError::InvalidRequest("the token is not a valid header".into()))?;
            // Keeps the token out of any `Debug` of the request or its headers.
            value.set_sensitive(true);
            request.headers_mut().insert(AUTHORIZATION, value);
        }
        Ok(())
    }

    async fn post<E>(
        &self,
        result: &reqwest::Result<reqwest::Response>,
        _info: &OperationInfo,
    ) -> Result<(), RawError<E>> {
        use progenitor_client::ClientInfo as _;
        if let Ok(response) = result {
            let observed = Observed {
                status: response.status().as_u16(),
                headers: response.headers().clone(),
            };
            if let Ok(mut slot) = self.inner().observed.lock() {
                *slot = Some(observed);
            }
        }
        Ok(())
    }
}
