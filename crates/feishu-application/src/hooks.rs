//! The hooks of the generated client: the `pre` hook adds the bearer token of the call's
//! [`CallContext`], the `post` hook records the answer's status and headers into it.

use progenitor_client::{ClientHooks, ClientInfo as _, OperationInfo};
use reqwest::header::{AUTHORIZATION, HeaderValue};

use crate::context::{CallContext, Observed};
use crate::fault::TransportFault;
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

    /// Sends the request and reads the whole body here, counting it, so that a body that
    /// breaks off is reported with the bytes received and announced (reqwest's error alone
    /// says neither).
    async fn exec(
        &self,
        request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let mut response = self.client().execute(request).await?;
        let (status, version) = (response.status(), response.version());
        let headers = response.headers().clone();
        let expected = response.content_length();
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(error) => {
                    self.inner().observe(Observed {
                        status: status.as_u16(),
                        headers,
                    });
                    self.inner().observe_cut_short(TransportFault::CutShort {
                        status: status.as_u16(),
                        got: body.len() as u64,
                        expected,
                    });
                    return Err(error);
                }
            }
        }
        let mut read = http::Response::new(body);
        *read.status_mut() = status;
        *read.version_mut() = version;
        *read.headers_mut() = headers;
        Ok(reqwest::Response::from(read))
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
