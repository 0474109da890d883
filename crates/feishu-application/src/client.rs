//! The client: configuration, token source and the raw client's escape hatch.

use std::fmt;
use std::sync::Arc;

use crate::config::{ClientBuilder, Credentials};
use crate::error::Result;
use crate::generated_client::Client as RawClient;
use crate::hooks::CallContext;
use crate::retry::RetryPolicy;
use crate::token::TokenSource;

/// A Feishu / Lark client for the app-review endpoints.
///
/// Cheap to clone (one `Arc`); clones share the token cache. Build it with
/// [`Client::builder`]. The operations are methods: [`Client::list_under_audit_apps`],
/// [`Client::get_app_version`], [`Client::approve`], [`Client::reject`],
/// [`Client::update_version_status`]; [`Client::raw`] reaches the generated client.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: String,
    http: reqwest::Client,
    retry: RetryPolicy,
    tokens: TokenSource,
}

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

    pub(crate) fn from_parts(builder: ClientBuilder, http: reqwest::Client) -> Self {
        let tokens = TokenSource::new(builder.credentials, builder.token_refresh_margin);
        Self {
            inner: Arc::new(Inner {
                base_url: builder.base_url.as_str().to_owned(),
                http,
                retry: builder.retry,
                tokens,
            }),
        }
    }

    /// The generated client, carrying a current tenant access token: for anything the
    /// typed methods do not cover. It does not refresh the token or retry.
    pub async fn raw(&self) -> Result<RawClient> {
        let token = self.tokens().current(self).await?;
        Ok(RawClient::new_with_client(
            self.base_url(),
            self.http().clone(),
            CallContext::with_token(token),
        ))
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    pub(crate) fn tokens(&self) -> &TokenSource {
        &self.inner.tokens
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credentials = match &self.inner.tokens {
            TokenSource::Fixed(_) => "a fixed tenant access token".to_owned(),
            TokenSource::App { app_id, .. } => format!("app {app_id}"),
        };
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &credentials)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}
