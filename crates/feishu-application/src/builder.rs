//! Building a [`Client`]: where to send requests, which credentials, timeouts and retries.
//! The builder assembles the layers bottom up: transport, then the token source on it.

use std::time::Duration;

use crate::client::Client;
use crate::config::{BaseUrl, Credentials};
use crate::drift::{Drift, OnDrift, Reporter};
use crate::error::{Error, Result};
use crate::fault::Timeouts;
use crate::rate_limit_wait::{OnRateLimitWait, RateLimitWait};
use crate::retry::RetryPolicy;
use crate::token::TokenSource;
use crate::transport::Transport;

impl Client {
    /// Starts building a client with these credentials.
    ///
    /// ```
    /// use feishu_application::{BaseUrl, Client, Credentials};
    /// let client = Client::builder(Credentials::app("cli_a1", "secret"))
    ///     .base_url(BaseUrl::Lark)
    ///     .build()?;
    /// # Ok::<(), feishu_application::Error>(())
    /// ```
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder::new(credentials)
    }
}

/// Builds a [`Client`]; start with [`Client::builder`].
#[must_use]
pub struct ClientBuilder {
    credentials: Credentials,
    base_url: BaseUrl,
    timeout: Duration,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    token_refresh_margin: Duration,
    on_drift: Option<OnDrift>,
    on_rate_limit_wait: OnRateLimitWait,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("token_refresh_margin", &self.token_refresh_margin)
            .field("on_drift", &self.on_drift.is_some())
            .field("on_rate_limit_wait", &self.on_rate_limit_wait.is_some())
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The default time a request may take, answer included.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default time to establish a connection.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// How long before its expiry a cached token is replaced, by default.
    pub const DEFAULT_TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(300);

    fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            base_url: BaseUrl::Feishu,
            timeout: Self::DEFAULT_TIMEOUT,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            http: None,
            retry: RetryPolicy::default(),
            token_refresh_margin: Self::DEFAULT_TOKEN_REFRESH_MARGIN,
            on_drift: None,
            on_rate_limit_wait: OnRateLimitWait::default(),
        }
    }

    /// Where to send requests (default [`BaseUrl::Feishu`]).
    pub fn base_url(mut self, base_url: impl Into<BaseUrl>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The time a request may take (default 30 s). Ignored with [`Self::http_client`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time to connect (default 10 s). Ignored with [`Self::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Use this `reqwest::Client` (proxies, TLS settings, its own timeouts).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// How to retry rate limits and transient faults.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long before expiry a cached token is replaced (default 5 minutes; at most half
    /// the token's lifetime is used).
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.token_refresh_margin = margin;
        self
    }

    /// Calls `callback` with each drift the client sees — a member or enum value the spec
    /// does not document — once per (operation, pointer) for the life of the client, beside
    /// the WARN event on the `tracing` target [`crate::drift::DRIFT_TARGET`].
    ///
    /// ```
    /// use feishu_application::{Client, Credentials};
    /// let client = Client::builder(Credentials::app("cli_a1", "secret"))
    ///     .on_drift(|drift| eprintln!("{} {}: {}", drift.operation, drift.pointer, drift.kind))
    ///     .build()?;
    /// # Ok::<(), feishu_application::Error>(())
    /// ```
    pub fn on_drift(mut self, callback: impl Fn(&Drift) + Send + Sync + 'static) -> Self {
        self.on_drift = Some(std::sync::Arc::new(callback));
        self
    }

    /// Calls `callback` each time a call is about to wait for a rate-limit window to reset
    /// (Feishu answered 429 / 99991400 with `x-ogw-ratelimit-reset`), before the wait: how
    /// long the call has waited so far, how long it will wait now, and its budget
    /// (`RetryPolicy::max_elapsed`). A wait that does not fit into the budget is not started
    /// and not reported: the call fails instead.
    ///
    /// ```
    /// use std::time::Duration;
    /// use feishu_application::{Client, Credentials};
    /// let client = Client::builder(Credentials::app("cli_a1", "secret"))
    ///     .on_rate_limit_wait(|wait| {
    ///         if wait.waited + wait.wait > Duration::from_secs(5) {
    ///             eprintln!("{}: rate-limited; waiting up to {:?}", wait.operation, wait.budget);
    ///         }
    ///     })
    ///     .build()?;
    /// # Ok::<(), feishu_application::Error>(())
    /// ```
    pub fn on_rate_limit_wait(
        mut self,
        callback: impl Fn(&RateLimitWait) + Send + Sync + 'static,
    ) -> Self {
        self.on_rate_limit_wait = OnRateLimitWait::new(callback);
        self
    }

    /// Builds the client.
    ///
    /// Fails when the base URL is not an http(s) URL or the HTTP client cannot be built.
    pub fn build(self) -> Result<Client> {
        let base = self.base_url.as_str();
        let parsed = reqwest::Url::parse(base)
            .map_err(|error| Error::Config(format!("base URL {base:?} is not a URL: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "base URL {base:?} is not http or https"
            )));
        }
        if let Credentials::App { app_id, .. } = &self.credentials
            && app_id.as_str().trim().is_empty()
        {
            return Err(Error::Config("the app id is empty".into()));
        }
        let http = match &self.http {
            Some(http) => http.clone(),
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(|error| Error::Config(format!("building the HTTP client: {error}")))?,
        };
        let timeouts = self.http.is_none().then_some(Timeouts {
            total: self.timeout,
            connect: self.connect_timeout,
        });
        let drift = Reporter::new(self.on_drift);
        let transport = Transport::new(base.to_owned(), http, self.retry, timeouts, drift)
            .on_rate_limit_wait(self.on_rate_limit_wait);
        let tokens = TokenSource::new(self.credentials, self.token_refresh_margin);
        Ok(Client::new(transport, tokens))
    }
}
