//! How a fake is set up: address, credentials, seed, lifetimes and faults.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use crate::fixtures::Fixtures;
use crate::spec::Spec;

/// The app id the fake accepts when none is configured.
pub const DEFAULT_APP_ID: &str = "cli_a1b2c3d4e5f60718";
/// The app secret the fake accepts when none is configured.
pub const DEFAULT_APP_SECRET: &str = "fake-app-secret-0123456789abcdef";
/// The seed of the generated tenant when none is configured.
pub const DEFAULT_SEED: u64 = 20_250_710;
/// An operator (`open_id`) every generated tenant knows, for `patch_app_version`.
pub const DEFAULT_OPERATOR_OPEN_ID: &str = "ou_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
/// Lifetime of a tenant access token, as Feishu documents it (two hours).
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(7200);
/// Lifetime of a page token, as Feishu documents it (two hours).
pub const DEFAULT_PAGE_TOKEN_TTL: Duration = Duration::from_secs(7200);
/// A token request made with less than this left gets a new token (Feishu: 30 minutes).
pub const DEFAULT_TOKEN_REFRESH_WINDOW: Duration = Duration::from_secs(30 * 60);

/// One self-built app that may ask the fake for tenant access tokens.
#[derive(Clone, PartialEq, Eq)]
pub struct AppCredential {
    /// The app's id, `cli_…`.
    pub app_id: String,
    /// The app's secret.
    pub app_secret: String,
}

impl AppCredential {
    /// A credential from an id and a secret.
    pub fn new(app_id: impl Into<String>, app_secret: impl Into<String>) -> Self {
        Self {
            app_id: app_id.into(),
            app_secret: app_secret.into(),
        }
    }
}

impl std::fmt::Debug for AppCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppCredential")
            .field("app_id", &self.app_id)
            .field("app_secret", &feishu_wire::secret::REDACTED)
            .finish()
    }
}

/// A fixed-window rate limit over the application endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window (sent as `x-ogw-ratelimit-limit`).
    pub limit: u32,
    /// Length of a window; `x-ogw-ratelimit-reset` counts the seconds left in it.
    pub window: Duration,
}

/// Faults injected into the application endpoints (not the token endpoint), for client tests.
///
/// All off by default. Random choices come from a generator seeded with `seed`, so a run
/// that sends the same requests in the same order sees the same faults.
#[derive(Clone, Debug, PartialEq)]
pub struct Faults {
    /// Added before every answer.
    pub latency: Duration,
    /// Answer HTTP 429 / code 99991400 once a window's requests are used up.
    pub rate_limit: Option<RateLimit>,
    /// Fraction (0.0..=1.0) of requests answered HTTP 500 / code 2200.
    pub server_error_rate: f64,
    /// Fraction (0.0..=1.0) of successful application answers that carry drift:
    /// undocumented members at a few depths and undocumented enum values (a scope level, an
    /// i18n key) where the answer has scopes and i18n entries. Each such answer names what was added in [`crate::DRIFT_HEADER`].
    pub drift_rate: f64,
    /// Operations (operationIds of the spec, e.g. `get_contacts_range_suggest`) that always
    /// fail: HTTP 500 / code 2200, for tests of what a client does when one call breaks.
    pub fail_routes: Vec<String>,
    /// Seed of the fault generator.
    pub seed: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            latency: Duration::ZERO,
            rate_limit: None,
            server_error_rate: 0.0,
            drift_rate: 0.0,
            fail_routes: Vec::new(),
            seed: DEFAULT_SEED,
        }
    }
}

impl Faults {
    /// Whether any fault is switched on.
    pub fn any(&self) -> bool {
        !self.latency.is_zero()
            || self.rate_limit.is_some()
            || self.server_error_rate > 0.0
            || self.drift_rate > 0.0
            || !self.fail_routes.is_empty()
    }
}

/// Everything a fake needs to start. `Config::default()` is a loopback fake with the default
/// credentials, the default seed, Feishu's lifetimes and no faults.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen; `127.0.0.1:0` (loopback, any free port) by default.
    pub addr: SocketAddr,
    /// The apps that may get tokens; the first is the one `feishu-review fake` prints.
    pub credentials: Vec<AppCredential>,
    /// Seed of the generated tenant (ignored when `fixtures` is set).
    pub seed: u64,
    /// A tenant loaded from JSON instead of the generated one.
    pub fixtures: Option<Fixtures>,
    /// How long a tenant access token lives.
    pub token_ttl: Duration,
    /// A token request with less than this left gets a new token; otherwise the live one.
    pub token_refresh_window: Duration,
    /// How long a page token lives.
    pub page_token_ttl: Duration,
    /// Injected faults; none by default.
    pub faults: Faults,
    /// The spec whose every operation the fake answers (the stateful ones by their handlers,
    /// the others with their `200` example); `None`, the default, is the workspace spec
    /// embedded at build time.
    pub spec: Option<Spec>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            credentials: vec![AppCredential::new(DEFAULT_APP_ID, DEFAULT_APP_SECRET)],
            seed: DEFAULT_SEED,
            fixtures: None,
            token_ttl: DEFAULT_TOKEN_TTL,
            token_refresh_window: DEFAULT_TOKEN_REFRESH_WINDOW,
            page_token_ttl: DEFAULT_PAGE_TOKEN_TTL,
            faults: Faults::default(),
            spec: None,
        }
    }
}
