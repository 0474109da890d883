//! The client: the transport below, the token source on it, and the raw client's escape hatch.

use std::fmt;
use std::sync::Arc;

use crate::context::CallContext;
use crate::error::Result;
use crate::generated_client::Client as RawClient;
use crate::token::TokenSource;
use crate::transport::{Operation, Transport};

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
    transport: Transport,
    tokens: TokenSource,
}

impl Client {
    pub(crate) fn new(transport: Transport, tokens: TokenSource) -> Self {
        Self {
            inner: Arc::new(Inner { transport, tokens }),
        }
    }

    /// The generated client, carrying a current tenant access token: for anything the
    /// typed methods do not cover. It does not refresh the token or retry.
    pub async fn raw(&self) -> Result<RawClient> {
        let token = self.inner.tokens.current(&self.inner.transport).await?;
        Ok(self.inner.transport.raw(CallContext::with_token(token)))
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.transport.base_url()
    }

    /// Runs `operation` with the client's token, retry policy and tracing.
    pub(crate) async fn execute<O: Operation>(&self, operation: &O) -> Result<O::Answer> {
        let inner = &*self.inner;
        inner.transport.execute(operation, &inner.tokens).await
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url())
            .field("credentials", &self.inner.tokens.describe())
            .field("retry", self.inner.transport.retry_policy())
            .finish_non_exhaustive()
    }
}
