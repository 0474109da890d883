//! The bottom layer of the client: where requests go, over which HTTP client, and how one
//! call runs start to end (request, answer, retries, tracing). It knows nothing of where a
//! token comes from: the caller hands it an [`Auth`].

use std::time::Duration;

use tokio::time::Instant;
use tracing::Instrument as _;
use tracing::field::Empty;

use crate::answer::{header, interpret};
use crate::context::CallContext;
use crate::drift::{DriftWalk, Reporter};
use crate::envelope::Envelope;
use crate::error::{Error, Result};
use crate::fault::Timeouts;
use crate::generated_client::{Client as RawClient, Error as RawError, ResponseValue};
use crate::headers;
use crate::rate_gate::RateGate;
use crate::rate_limit_wait::{OnRateLimitWait, RateLimitWait};
use crate::retry::{Next, RetryPolicy, classify};
use crate::secret::Secret;
use crate::types::ErrorResponse;

/// One Feishu operation, sent through the generated client.
pub(crate) trait Operation: Sync {
    /// The decoded success answer; its drift is reported after each decode.
    type Answer: Envelope + DriftWalk + Send;
    /// The operationId.
    const ID: &'static str;

    fn send<'a>(
        &'a self,
        raw: &'a RawClient,
    ) -> impl Future<Output = Result<ResponseValue<Self::Answer>, RawError<ErrorResponse>>> + Send + 'a;
}

/// Where a call's token comes from.
pub(crate) trait Auth: Sync {
    /// The token to send now; `None` sends none.
    fn token(&self, transport: &Transport) -> impl Future<Output = Result<Option<Secret>>> + Send;

    /// Feishu rejected `token`: forget it. True when a new one can be had, so the call is
    /// worth one more try.
    fn rejected(&self, token: &Secret) -> impl Future<Output = bool> + Send;
}

/// No token at all: the token endpoint itself.
pub(crate) struct Anonymous;

impl Auth for Anonymous {
    async fn token(&self, _transport: &Transport) -> Result<Option<Secret>> {
        Ok(None)
    }

    async fn rejected(&self, _token: &Secret) -> bool {
        false
    }
}

/// Base URL, HTTP client, retry policy, drift reporting and the shared rate-limit wait:
/// everything a call needs but the token.
#[derive(Debug)]
pub(crate) struct Transport {
    base_url: String,
    http: reqwest::Client,
    retry: RetryPolicy,
    /// The HTTP client's timeouts, to name them in errors (`None`: a caller's own client).
    timeouts: Option<Timeouts>,
    drift: Reporter,
    /// Held closed until the rate-limit window a call was told about resets, so every call
    /// of the client waits for it (not only the one that was refused).
    gate: RateGate,
    /// Told before each rate-limit wait.
    on_rate_limit_wait: OnRateLimitWait,
}

/// How far a call has got, for the retry decision.
struct Progress {
    started: Instant,
    attempts: u32,
    retries: u32,
    refreshed_token: bool,
    /// Time spent waiting out rate limits: at the shared gate and in the call's own waits.
    rate_limited: Duration,
}

impl Transport {
    pub(crate) fn new(
        base_url: String,
        http: reqwest::Client,
        retry: RetryPolicy,
        timeouts: Option<Timeouts>,
        drift: Reporter,
    ) -> Self {
        Self {
            base_url,
            http,
            retry,
            timeouts,
            drift,
            gate: RateGate::default(),
            on_rate_limit_wait: OnRateLimitWait::default(),
        }
    }

    /// Tells `callback` before each rate-limit wait.
    pub(crate) fn on_rate_limit_wait(mut self, callback: OnRateLimitWait) -> Self {
        self.on_rate_limit_wait = callback;
        self
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// A generated client around `context`, sharing this transport's connection pool.
    pub(crate) fn raw(&self, context: CallContext) -> RawClient {
        RawClient::new_with_client(&self.base_url, self.http.clone(), context)
    }

    /// Runs `operation` with `auth`'s token, the retry policy and tracing.
    pub(crate) async fn execute<O: Operation>(
        &self,
        operation: &O,
        auth: &impl Auth,
    ) -> Result<O::Answer> {
        let mut progress = Progress {
            started: Instant::now(),
            attempts: 0,
            retries: 0,
            refreshed_token: false,
            rate_limited: Duration::ZERO,
        };
        loop {
            let token = auth.token(self).await?;
            let at_gate = Instant::now();
            self.gate.pass().await;
            progress.rate_limited += at_gate.elapsed();
            progress.attempts += 1;
            let error = match self
                .attempt(operation, token.clone(), progress.attempts)
                .await
            {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            let next = classify(&error);
            let waits_out_a_rate_limit = matches!(next, Next::RateLimited(Some(_)));
            if let Next::RateLimited(Some(reset)) = next {
                self.gate
                    .close_for(reset.min(self.retry.max_rate_limit_wait));
            }
            if next == Next::RefreshToken
                && !progress.refreshed_token
                && let Some(token) = &token
                && auth.rejected(token).await
            {
                progress.refreshed_token = true;
                continue;
            }
            match self.delay(next, &progress) {
                Some((delay, counts)) => {
                    progress.retries += u32::from(counts);
                    if waits_out_a_rate_limit {
                        self.tell_rate_limit_wait::<O>(&progress, delay, error.code());
                        progress.rate_limited += delay;
                    }
                    tracing::debug!(operation = O::ID, ?delay, %error, "retrying");
                    tokio::time::sleep(delay).await;
                }
                None if progress.attempts > 1 => {
                    return Err(Error::GaveUp {
                        operation: O::ID,
                        attempts: progress.attempts,
                        elapsed: progress.started.elapsed(),
                        last: Box::new(error),
                    });
                }
                None => return Err(error),
            }
        }
    }

    /// Calls the rate-limit-wait callback, if any.
    fn tell_rate_limit_wait<O: Operation>(
        &self,
        progress: &Progress,
        wait: Duration,
        code: Option<i64>,
    ) {
        self.on_rate_limit_wait.tell(&RateLimitWait {
            operation: O::ID,
            waited: progress.rate_limited,
            wait,
            budget: self.retry.max_elapsed,
            code,
        });
    }

    /// How long to wait before the next attempt and whether that retry counts against
    /// `max_retries`, or `None` to stop.
    fn delay(&self, next: Next, progress: &Progress) -> Option<(Duration, bool)> {
        let policy = &self.retry;
        let (delay, counts) = match next {
            Next::RefreshToken | Next::Fail => return None,
            // Feishu said when to come back: waiting is not a fault, so it spends time, not
            // retries. A call that loses the race for the next window a few times in a row
            // (more callers than the window admits) still gets through within `max_elapsed`.
            // A zero reset would make that a tight loop, so it counts like a fault.
            Next::RateLimited(Some(reset)) => {
                (reset.min(policy.max_rate_limit_wait), reset.is_zero())
            }
            Next::RateLimited(None) | Next::Transient => {
                (policy.backoff(progress.retries + 1), true)
            }
        };
        let retries_left = progress.retries < policy.max_retries;
        let within_budget = policy.max_retries > 0
            && (retries_left || !counts)
            && progress.started.elapsed() + delay <= policy.max_elapsed;
        within_budget.then_some((delay, counts))
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
            let raw = self.raw(context.clone());
            let result =
                interpret(O::ID, operation.send(&raw).await, &context, self.timeouts).await;
            record(&result, &context, started);
            if let Ok(answer) = &result {
                let observed = context.observed();
                let log_id = observed
                    .as_ref()
                    .and_then(|o| header(&o.headers, headers::LOG_ID));
                self.drift.report(O::ID, log_id, answer);
            }
            result
        }
        .instrument(span)
        .await
    }
}

/// Fills in the current `feishu_request` span from the outcome of an attempt.
fn record<A: Envelope>(result: &Result<A>, context: &CallContext, started: Instant) {
    let span = tracing::Span::current();
    span.record("duration_ms", started.elapsed().as_millis() as u64);
    match result {
        Ok(answer) => {
            span.record("code", answer.code());
            if let Some(observed) = context.observed() {
                span.record("status", observed.status);
                if let Some(log_id) = header(&observed.headers, headers::LOG_ID) {
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
}
