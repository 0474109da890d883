//! The shared state of one fake: tenant, tokens, page tokens, clock and fault generator.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::clock::Clock;
use crate::config::{AppCredential, Config};
use crate::error::{Error, Result};
use crate::faults::FaultState;
use crate::fixtures::Fixtures;
use crate::pages::PageTokens;
use crate::seed;
use crate::spec::Spec;
use crate::tenant::Tenant;
use crate::tokens::TokenStore;

/// The state every handler shares; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    spec: Spec,
    clock: Clock,
    tenant: Mutex<Tenant>,
    tokens: Mutex<TokenStore>,
    pages: Mutex<PageTokens>,
    /// The page tokens of the contacts range configuration, apart from the pending list's.
    contacts_pages: Mutex<PageTokens>,
    /// Requests routed to each spec operation, by operationId and path.
    operations: Mutex<BTreeMap<(String, String), u64>>,
    ids: Mutex<ChaCha8Rng>,
    faults: Mutex<FaultState>,
    /// Requests whose head has arrived, counted before any handler runs.
    requests_begun: tokio::sync::watch::Sender<u64>,
}

impl AppState {
    /// Builds the tenant (the fixtures, or the one generated from the seed) and adds an app
    /// for every configured caller the tenant lacks.
    pub fn new(config: Config) -> Result<Self> {
        if config.credentials.is_empty() {
            return Err(Error::Config(
                "at least one app credential is needed".into(),
            ));
        }
        for (name, rate) in [
            ("server_error_rate", config.faults.server_error_rate),
            ("drift_rate", config.faults.drift_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(Error::Config(format!(
                    "{name} {rate} is not between 0 and 1"
                )));
            }
        }
        if config
            .faults
            .rate_limit
            .is_some_and(|r| r.window.is_zero() || r.limit == 0)
        {
            return Err(Error::Config(
                "a rate limit needs a limit and a window".into(),
            ));
        }
        let mut fixtures = match &config.fixtures {
            Some(fixtures) => fixtures.clone(),
            None => seed::generate(config.seed),
        };
        add_callers(&mut fixtures, &config.credentials, config.seed);
        fixtures.check()?;
        let spec = match &config.spec {
            Some(spec) => spec.clone(),
            None => Spec::workspace()?,
        };
        // The stateful routes are operations of the workspace spec; the rest, of `spec`.
        if let Some(unknown) = config.faults.fail_routes.iter().find(|id| {
            !feishu_application::spec_facts::ROUTES
                .iter()
                .any(|(_, _, operation)| operation == id)
                && !spec
                    .operation_ids()
                    .any(|operation| operation == id.as_str())
        }) {
            return Err(Error::Config(format!(
                "fail route {unknown:?} is not an operationId of the spec"
            )));
        }
        let faults = FaultState::new(config.faults.seed);
        Ok(Self {
            inner: Arc::new(Inner {
                tenant: Mutex::new(Tenant::new(fixtures)),
                tokens: Mutex::default(),
                pages: Mutex::default(),
                contacts_pages: Mutex::default(),
                operations: Mutex::default(),
                ids: Mutex::new(ChaCha8Rng::seed_from_u64(config.seed ^ 0x07e5_71d5)),
                faults: Mutex::new(faults),
                requests_begun: tokio::sync::watch::Sender::new(0),
                clock: Clock::default(),
                spec,
                config,
            }),
        })
    }

    /// The configuration the fake runs with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The spec whose operations the fake answers.
    pub(crate) fn spec(&self) -> &Spec {
        &self.inner.spec
    }

    /// The fake's clock.
    pub fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    /// Moves the fake's clock forward: tokens and page tokens age without waiting.
    pub fn advance_clock(&self, by: Duration) {
        self.inner.clock.advance(by);
    }

    /// The tenant, locked. Hold the guard only for one read-modify-write.
    pub fn tenant(&self) -> MutexGuard<'_, Tenant> {
        lock(&self.inner.tenant)
    }

    /// The tenant as it is now, as fixtures.
    pub fn snapshot(&self) -> Fixtures {
        self.tenant().to_fixtures()
    }

    /// The credential whose id is `app_id`.
    pub fn credential(&self, app_id: &str) -> Option<&AppCredential> {
        self.inner
            .config
            .credentials
            .iter()
            .find(|c| c.app_id == app_id)
    }

    /// Counts one request whose head has arrived (its body may still be on its way).
    pub(crate) fn begin_request(&self) {
        self.inner.requests_begun.send_modify(|begun| *begun += 1);
    }

    /// How many requests have begun so far (see [`AppState::requests_begun`]).
    pub fn requests_begun_so_far(&self) -> u64 {
        *self.inner.requests_begun.borrow()
    }

    /// Waits until at least `count` requests have begun: their heads have arrived and the
    /// fake is working on them. Lets a test act on a request in flight without guessing how
    /// long the fake takes to pick it up.
    pub async fn requests_begun(&self, count: u64) {
        let mut begun = self.inner.requests_begun.subscribe();
        // The sender lives as long as `self`, so the wait ends only by reaching the count.
        let _ = begun.wait_for(|begun| *begun >= count).await;
    }

    /// Counts one request routed to `operation` at `path`.
    pub(crate) fn count_operation(&self, operation: String, path: &str) {
        *lock(&self.inner.operations)
            .entry((operation, path.to_owned()))
            .or_default() += 1;
    }

    /// How many requests reached the operation `operation` (an operationId of the spec) so
    /// far, by request path: e.g. how often each app's contacts range was read. Requests that
    /// a fault answered count too; a request to an unknown path counts nowhere.
    pub fn operation_requests(&self, operation: &str) -> BTreeMap<String, u64> {
        lock(&self.inner.operations)
            .iter()
            .filter(|((id, _), _)| *id == operation)
            .map(|((_, path), count)| (path.clone(), *count))
            .collect()
    }

    pub(crate) fn contacts_pages(&self) -> MutexGuard<'_, PageTokens> {
        lock(&self.inner.contacts_pages)
    }

    pub(crate) fn tokens(&self) -> MutexGuard<'_, TokenStore> {
        lock(&self.inner.tokens)
    }

    pub(crate) fn pages(&self) -> MutexGuard<'_, PageTokens> {
        lock(&self.inner.pages)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultState> {
        lock(&self.inner.faults)
    }

    /// A fresh opaque id: `prefix` and `digits` lower-case hex digits.
    pub(crate) fn fresh_id(&self, prefix: &str, digits: usize) -> String {
        let mut rng = lock(&self.inner.ids);
        let mut id = String::with_capacity(prefix.len() + digits);
        id.push_str(prefix);
        for _ in 0..digits {
            id.push(char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'));
        }
        id
    }
}

/// Locks a mutex, going on with the data if another thread panicked holding it: every
/// critical section leaves the data consistent before anything that could panic.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn add_callers(fixtures: &mut Fixtures, credentials: &[AppCredential], seed: u64) {
    for credential in credentials {
        let known = fixtures
            .apps
            .iter()
            .any(|a| a.application.app_id.as_deref() == Some(credential.app_id.as_str()));
        if !known && crate::fixtures::is_app_id(&credential.app_id) {
            fixtures
                .apps
                .push(seed::caller_app(&credential.app_id, seed));
        }
    }
}
