//! One call, start to end: token, request, answer interpretation, retries, tracing.

use std::time::Duration;

use reqwest::header::HeaderMap;
use tokio::time::Instant;
use tracing::Instrument as _;
use tracing::field::Empty;

use crate::client::Client;
use crate::envelope::Envelope;
use crate::error::{ApiError, Error, Result};
use crate::generated_client::{Client as RawClient, Error as RawError, ResponseValue};
use crate::hooks::CallContext;
use crate::retry::{Next, classify};
use crate::secret::Secret;
use crate::types::ErrorResponse;

/// The most of a bad body an error quotes.
const EXCERPT_CHARS: usize = 200;

/// One Feishu operation, sent through the generated client.
pub(crate) trait Operation: Sync {
    /// The decoded success answer.
    type Answer: Envelope + Send;
    /// The operationId.
    const ID: &'static str;
    /// Whether the call carries the tenant access token.
    const AUTHENTICATED: bool = true;

    fn send<'a>(
        &'a self,
        raw: &'a RawClient,
    ) -> impl Future<Output = Result<ResponseValue<Self::Answer>, RawError<ErrorResponse>>> + Send + 'a;
}

impl Client {
    /// Runs `operation` with the client's token, retry policy and tracing.
    pub(crate) async fn execute<O: Operation>(&self, operation: &O) -> Result<O::Answer> {
        let policy = self.retry_policy();
        let started = Instant::now();
        let mut attempts = 0;
        let mut retries = 0;
        let mut refreshed_token = false;
        loop {
            let token = match O::AUTHENTICATED {
                true => Some(self.tokens().current(self).await?),
                false => None,
            };
            attempts += 1;
            let error = match self.attempt(operation, token.clone(), attempts).await {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            let delay = match classify(&error) {
                Next::RefreshToken if !refreshed_token && self.tokens().can_refresh() => {
                    if let Some(token) = &token {
                        self.tokens().invalidate(token).await;
                    }
                    refreshed_token = true;
                    continue;
                }
                Next::RefreshToken | Next::Fail => None,
                Next::RateLimited(Some(reset)) => Some(reset.min(policy.max_rate_limit_wait)),
                Next::RateLimited(None) | Next::Transient => Some(policy.backoff(retries + 1)),
            };
            let within_budget = |delay: Duration| {
                retries < policy.max_retries && started.elapsed() + delay <= policy.max_elapsed
            };
            match delay {
                Some(delay) if within_budget(delay) => {
                    retries += 1;
                    tracing::debug!(operation = O::ID, ?delay, %error, "retrying");
                    tokio::time::sleep(delay).await;
                }
                _ if attempts > 1 => {
                    return Err(Error::GaveUp {
                        operation: O::ID,
                        attempts,
                        elapsed: started.elapsed(),
                        last: Box::new(error),
                    });
                }
                _ => return Err(error),
            }
        }
    }

    async fn attempt<O: Operation>(
        &self,
        operation: &O,
        token: Option<Secret>,
        attempt: u32,
    ) -> Result<O::Answer> {
        let span = tracing::info_span!(
            "feishu_request",
            operation = O::ID,
            attempt,
            status = Empty,
            code = Empty,
            log_id = Empty,
            duration_ms = Empty,
        );
        async move {
            let started = Instant::now();
            let context = token.map(CallContext::with_token).unwrap_or_default();
            let raw =
                RawClient::new_with_client(self.base_url(), self.http().clone(), context.clone());
            let result = interpret(O::ID, operation.send(&raw).await, &context).await;
            let span = tracing::Span::current();
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            match &result {
                Ok(answer) => {
                    span.record("code", answer.code());
                    if let Some(observed) = context.observed() {
                        span.record("status", observed.status);
                        if let Some(log_id) = header(&observed.headers, LOG_ID_HEADER) {
                            span.record("log_id", log_id);
                        }
                    }
                    tracing::debug!("answered");
                }
                Err(error) => {
                    if let Some(status) = error.status() {
                        span.record("status", status);
                    }
                    if let Some(api) = error.api() {
                        span.record("code", api.code);
                        if let Some(log_id) = &api.log_id {
                            span.record("log_id", log_id.as_str());
                        }
                    }
                    tracing::debug!(%error, "failed");
                }
            }
            result
        }
        .instrument(span)
        .await
    }
}

const LOG_ID_HEADER: &str = "x-tt-logid";
const RATE_LIMIT_RESET_HEADER: &str = "x-ogw-ratelimit-reset";

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// Turns what the generated client returned into the answer or one of our errors.
async fn interpret<A: Envelope>(
    operation: &'static str,
    result: Result<ResponseValue<A>, RawError<ErrorResponse>>,
    context: &CallContext,
) -> Result<A> {
    match result {
        Ok(value) => {
            let (status, headers) = (value.status().as_u16(), value.headers().clone());
            let answer = value.into_inner();
            match answer.code() {
                0 => Ok(answer),
                _ => Err(api_error(operation, status, &headers, &answer).into()),
            }
        }
        Err(RawError::ErrorResponse(value)) => {
            let status = value.status().as_u16();
            Err(api_error(operation, status, value.headers(), &*value).into())
        }
        Err(RawError::InvalidResponsePayload(bytes, error)) => Err(Error::Decode {
            operation,
            status: context.observed().map_or(0, |observed| observed.status),
            reason: error.to_string(),
            excerpt: excerpt(&bytes),
        }),
        Err(RawError::UnexpectedResponse(response)) => {
            let status = response.status().as_u16();
            let body = response.bytes().await.unwrap_or_default();
            Err(Error::Decode {
                operation,
                status,
                reason: "the spec documents no such status".into(),
                excerpt: excerpt(&body),
            })
        }
        Err(
            RawError::CommunicationError(source)
            | RawError::ResponseBodyError(source)
            | RawError::InvalidUpgrade(source),
        ) => Err(Error::Transport { operation, source }),
        Err(RawError::InvalidRequest(message) | RawError::Custom(message)) => {
            Err(Error::InvalidArgument { operation, message })
        }
    }
}

fn api_error(
    operation: &'static str,
    status: u16,
    headers: &HeaderMap,
    answer: &impl Envelope,
) -> ApiError {
    let mut error = ApiError::new(operation, status, answer.code(), answer.msg());
    if let Some(detail) = answer.error() {
        error.log_id = detail.log_id.clone();
        error.troubleshooter = detail.troubleshooter.clone();
        error.permission_violations = detail.permission_violations.clone();
    }
    if error.log_id.is_none() {
        error.log_id = header(headers, LOG_ID_HEADER).map(str::to_owned);
    }
    error.retry_after = header(headers, RATE_LIMIT_RESET_HEADER)
        .and_then(|seconds| seconds.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    error
}

fn excerpt(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .trim()
        .chars()
        .take(EXCERPT_CHARS)
        .collect()
}
