//! The hooks of the generated client: the `pre` hook adds the bearer token of the call's
//! [`CallContext`], the `post` hook records the answer's status and headers into it.

use progenitor_client::{ClientHooks, ClientInfo as _, OperationInfo};
use reqwest::header::{AUTHORIZATION, HeaderValue};

use crate::context::{CallContext, Observed};
use crate::generated_client::{Client as RawClient, Error as RawError};

impl ClientHooks<CallContext> for RawClient {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), RawError<E>> {
        if let Some(token) = self.inner().token() {
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
        if let Ok(response) = result {
            self.inner().observe(Observed {
                status: response.status().as_u16(),
                headers: response.headers().clone(),
            });
        }
        Ok(())
    }
}
