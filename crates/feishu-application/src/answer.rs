//! Reading what the generated client returned: the answer, or one of our errors.

use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::context::CallContext;
use crate::envelope::Envelope;
use crate::error::{ApiError, Error, Result};
use crate::fault::{Timeouts, TransportFault};
use crate::generated_client::{Error as RawError, ResponseValue};
use crate::headers;
use crate::types::ErrorResponse;
use feishu_wire::secret::{REDACTED, RedactedText, is_secret_name};

/// The most of a bad body an error quotes.
const EXCERPT_CHARS: usize = 200;

/// Turns what the generated client returned into the answer or one of our errors.
pub(crate) async fn interpret<A: Envelope>(
    operation: &'static str,
    result: Result<ResponseValue<A>, RawError<ErrorResponse>>,
    context: &CallContext,
    timeouts: Option<Timeouts>,
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
        Err(RawError::InvalidResponsePayload(bytes, error)) => {
            let body = RedactedText::body(&bytes);
            Err(Error::Decode {
                operation,
                status: context.observed().map_or(0, |observed| observed.status),
                reason: body.scrub(&error.to_string()),
                excerpt: excerpt(&body),
            })
        }
        Err(RawError::UnexpectedResponse(response)) => {
            let status = response.status().as_u16();
            let body = response.bytes().await.unwrap_or_default();
            Err(Error::Decode {
                operation,
                status,
                reason: "the spec documents no such status".into(),
                excerpt: excerpt(&RedactedText::body(&body)),
            })
        }
        Err(
            RawError::CommunicationError(mut source)
            | RawError::ResponseBodyError(mut source)
            | RawError::InvalidUpgrade(mut source),
        ) => {
            if let Some(url) = source.url_mut() {
                redact_query(url);
            }
            Err(Error::Transport {
                operation,
                fault: TransportFault::of(&source, context.cut_short(), timeouts),
                status: context.observed().map(|observed| observed.status),
                source,
            })
        }
        Err(RawError::InvalidRequest(message) | RawError::Custom(message)) => {
            Err(Error::InvalidArgument { operation, message })
        }
    }
}

/// The URL reqwest quotes in its message, with every secret parameter redacted (the one rule of
/// `feishu_wire::secret`).
fn redact_query(url: &mut reqwest::Url) {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if is_secret_name(&name) {
                REDACTED.into()
            } else {
                value.into_owned()
            };
            (name.into_owned(), value)
        })
        .collect();
    if pairs.is_empty() {
        return;
    }
    url.query_pairs_mut().clear().extend_pairs(pairs);
}

/// The value of a header, when it is there and readable.
pub(crate) fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|value| value.to_str().ok())
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
        error.log_id = header(headers, headers::LOG_ID).map(str::to_owned);
    }
    error.retry_after = header(headers, headers::RATE_LIMIT_RESET)
        .and_then(reset_seconds)
        .map(Duration::from_secs);
    error
}

/// The seconds of an `x-ogw-ratelimit-reset` value: a whole number, one too big for `u64`
/// taken as the longest (a wait the retry policy caps anyway); anything else is no reset.
fn reset_seconds(value: &str) -> Option<u64> {
    let value = value.trim();
    match value.parse::<u64>() {
        Ok(seconds) => Some(seconds),
        Err(_) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => Some(u64::MAX),
        Err(_) => None,
    }
}

/// The start of a body, secrets already redacted.
fn excerpt(body: &RedactedText) -> String {
    body.text.trim().chars().take(EXCERPT_CHARS).collect()
}
