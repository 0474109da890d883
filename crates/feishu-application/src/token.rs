//! The tenant access token: fetched with the app's credentials, cached, refreshed ahead of
//! expiry, one refresh at a time.
//!
//! It sits on the transport: fetching a token is an anonymous call through
//! [`Transport::execute`], and every authenticated call asks this source through [`Auth`].

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::config::Credentials;
use crate::error::{Error, Result};
use crate::generated_client::{Client as RawClient, Error as RawError, ResponseValue};
use crate::secret::Secret;
use crate::transport::{Anonymous, Auth, Operation, Transport};
use crate::types::{ErrorResponse, TenantAccessTokenRequest, TenantAccessTokenResponse};

/// The longest a fetched token is kept. Feishu documents two hours; a longer `expire` (up to
/// 2^63 - 1 seconds from a broken server) is read as two hours, which only refreshes early.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(2 * 60 * 60);

/// Where the client's token comes from.
#[derive(Debug)]
pub(crate) enum TokenSource {
    Fixed(Secret),
    App {
        app_id: String,
        app_secret: Secret,
        margin: Duration,
        cache: Mutex<Option<Cached>>,
    },
}

#[derive(Debug)]
pub(crate) struct Cached {
    token: Secret,
    refresh_at: Instant,
}

impl TokenSource {
    pub(crate) fn new(credentials: Credentials, margin: Duration) -> Self {
        match credentials {
            Credentials::TenantAccessToken(token) => TokenSource::Fixed(token),
            Credentials::App { app_id, app_secret } => TokenSource::App {
                app_id: app_id.as_str().to_owned(),
                app_secret,
                margin,
                cache: Mutex::new(None),
            },
        }
    }

    /// Says where tokens come from, without any secret.
    pub(crate) fn describe(&self) -> String {
        match self {
            TokenSource::Fixed(_) => "a fixed tenant access token".to_owned(),
            TokenSource::App { app_id, .. } => format!("app {app_id}"),
        }
    }

    /// The token to use now. Concurrent callers wait for one refresh and share its result.
    pub(crate) async fn current(&self, transport: &Transport) -> Result<Secret> {
        let (app_id, app_secret, margin, cache) = match self {
            TokenSource::Fixed(token) => return Ok(token.clone()),
            TokenSource::App {
                app_id,
                app_secret,
                margin,
                cache,
            } => (app_id, app_secret, *margin, cache),
        };
        let mut cached = cache.lock().await;
        if let Some(token) = cached.as_ref().filter(|c| Instant::now() < c.refresh_at) {
            return Ok(token.token.clone());
        }
        let (token, lifetime) = fetch(transport, app_id, app_secret).await?;
        // Refresh `margin` ahead of expiry, but never later than half-way through a short
        // lifetime.
        let early = margin.min(lifetime / 2);
        let now = Instant::now();
        *cached = Some(Cached {
            token: token.clone(),
            // The lifetime is capped, so this can't overflow; if it ever did, refresh at once.
            refresh_at: now
                .checked_add(lifetime.saturating_sub(early))
                .unwrap_or(now),
        });
        tracing::debug!(
            expires_in_s = lifetime.as_secs(),
            "fetched a tenant access token"
        );
        Ok(token)
    }
}

impl Auth for TokenSource {
    async fn token(&self, transport: &Transport) -> Result<Option<Secret>> {
        self.current(transport).await.map(Some)
    }

    /// Forgets `rejected` if it is still the cached token, so the next call fetches anew.
    async fn rejected(&self, rejected: &Secret) -> bool {
        let TokenSource::App { cache, .. } = self else {
            return false;
        };
        let mut cached = cache.lock().await;
        if cached.as_ref().is_some_and(|c| &c.token == rejected) {
            *cached = None;
        }
        true
    }
}

struct FetchToken {
    body: TenantAccessTokenRequest,
}

impl Operation for FetchToken {
    type Answer = TenantAccessTokenResponse;
    const ID: &'static str = "get_tenant_access_token";

    fn send<'a>(
        &'a self,
        raw: &'a RawClient,
    ) -> impl Future<Output = Result<ResponseValue<Self::Answer>, RawError<ErrorResponse>>> + Send + 'a
    {
        raw.get_tenant_access_token(&self.body)
    }
}

async fn fetch(
    transport: &Transport,
    app_id: &str,
    app_secret: &Secret,
) -> Result<(Secret, Duration)> {
    let operation = FetchToken {
        body: TenantAccessTokenRequest {
            app_id: app_id.to_owned(),
            app_secret: app_secret.expose().to_owned(),
        },
    };
    let token_error = |error: Error| Error::Token(Box::new(error));
    let answer = transport
        .execute(&operation, &Anonymous)
        .await
        .map_err(token_error)?;
    let missing = |what: &str| {
        token_error(Error::Decode {
            operation: FetchToken::ID,
            status: 200,
            reason: format!("the answer has code 0 but no {what}"),
            excerpt: String::new(),
        })
    };
    let token = answer.tenant_access_token.filter(|t| !t.is_empty());
    let token = token.ok_or_else(|| missing("tenant_access_token"))?;
    let expire = answer
        .expire
        .filter(|e| *e > 0)
        .ok_or_else(|| missing("positive expire"))?;
    let lifetime = Duration::from_secs(expire.unsigned_abs()).min(MAX_TOKEN_LIFETIME);
    Ok((Secret::new(token), lifetime))
}
