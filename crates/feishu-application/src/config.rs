//! Building a [`Client`]: where to send requests, which credentials, timeouts and retries.

use std::time::Duration;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// Where the Open Platform lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseUrl {
    /// `https://open.feishu.cn`
    Feishu,
    /// `https://open.larksuite.com`
    Lark,
    /// Any other base URL: a fake, a proxy.
    Custom(String),
}

impl BaseUrl {
    /// The URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        match self {
            BaseUrl::Feishu => "https://open.feishu.cn",
            BaseUrl::Lark => "https://open.larksuite.com",
            BaseUrl::Custom(url) => url.trim_end_matches('/'),
        }
    }
}

impl From<&str> for BaseUrl {
    fn from(url: &str) -> Self {
        BaseUrl::Custom(url.to_owned())
    }
}

impl From<String> for BaseUrl {
    fn from(url: String) -> Self {
        BaseUrl::Custom(url)
    }
}

/// How the client authenticates.
#[derive(Clone, Debug)]
pub enum Credentials {
    /// A self-built app's id and secret: the client gets, caches and refreshes the tenant
    /// access token itself.
    App {
        /// The app id, `cli_…`.
        app_id: String,
        /// The app secret.
        app_secret: Secret,
    },
    /// A tenant access token obtained elsewhere; never refreshed.
    TenantAccessToken(Secret),
}

impl Credentials {
    /// App credentials.
    ///
    /// ```
    /// let credentials = feishu_application::Credentials::app("cli_a1", "s3cret");
    /// assert!(!format!("{credentials:?}").contains("s3cret"));
    /// ```
    pub fn app(app_id: impl Into<String>, app_secret: impl Into<Secret>) -> Self {
        Credentials::App {
            app_id: app_id.into(),
            app_secret: app_secret.into(),
        }
    }

    /// A fixed tenant access token.
    pub fn tenant_access_token(token: impl Into<Secret>) -> Self {
        Credentials::TenantAccessToken(token.into())
    }
}

/// Builds a [`Client`]; start with [`Client::builder`].
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    pub(crate) credentials: Credentials,
    pub(crate) base_url: BaseUrl,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) http: Option<reqwest::Client>,
    pub(crate) retry: RetryPolicy,
    pub(crate) token_refresh_margin: Duration,
}

impl ClientBuilder {
    /// The default time a request may take, answer included.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default time to establish a connection.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// How long before its expiry a cached token is replaced, by default.
    pub const DEFAULT_TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(300);

    pub(crate) fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            base_url: BaseUrl::Feishu,
            timeout: Self::DEFAULT_TIMEOUT,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            http: None,
            retry: RetryPolicy::default(),
            token_refresh_margin: Self::DEFAULT_TOKEN_REFRESH_MARGIN,
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
            && app_id.trim().is_empty()
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
        Ok(Client::from_parts(self, http))
    }
}
