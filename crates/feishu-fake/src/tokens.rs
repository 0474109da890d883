//! Tenant access tokens: issued per app, expiring, renewed near the end of their life.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Why a bearer token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenProblem {
    /// Never issued here (or long forgotten).
    Unknown,
    /// Issued here but past its lifetime.
    Expired,
}

#[derive(Clone, Debug)]
struct Issued {
    app_id: String,
    expires: Instant,
}

/// The issued tokens.
#[derive(Debug, Default)]
pub(crate) struct TokenStore {
    by_token: HashMap<String, Issued>,
    latest: HashMap<String, String>,
}

impl TokenStore {
    /// The token for `app_id` and its seconds left: the live one while more than
    /// `refresh_window` remains, else a new one made by `fresh` (the old stays valid).
    pub(crate) fn issue(
        &mut self,
        app_id: &str,
        now: Instant,
        ttl: Duration,
        refresh_window: Duration,
        fresh: impl FnOnce() -> String,
    ) -> (String, u64) {
        if let Some(token) = self.latest.get(app_id)
            && let Some(issued) = self.by_token.get(token)
            && issued.expires.saturating_duration_since(now) > refresh_window
        {
            let left = issued.expires.saturating_duration_since(now);
            return (
                token.clone(),
                left.as_secs() + u64::from(left.subsec_nanos() > 0),
            );
        }
        // Forget tokens that expired more than a lifetime ago.
        self.by_token.retain(|_, t| t.expires + ttl > now);
        let token = fresh();
        self.by_token.insert(
            token.clone(),
            Issued {
                app_id: app_id.to_owned(),
                expires: now + ttl,
            },
        );
        self.latest.insert(app_id.to_owned(), token.clone());
        (token, ttl.as_secs())
    }

    /// The app a live token belongs to.
    pub(crate) fn check(&self, token: &str, now: Instant) -> Result<String, TokenProblem> {
        match self.by_token.get(token) {
            None => Err(TokenProblem::Unknown),
            Some(issued) if issued.expires <= now => Err(TokenProblem::Expired),
            Some(issued) => Ok(issued.app_id.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_live_then_expire_and_renew_near_the_end() {
        let mut store = TokenStore::default();
        let t0 = Instant::now();
        let ttl = Duration::from_secs(7200);
        let window = Duration::from_secs(1800);
        let (a, left) = store.issue("cli_a", t0, ttl, window, || "t-1".into());
        assert_eq!((a.as_str(), left), ("t-1", 7200));
        let (same, left) = store.issue("cli_a", t0 + Duration::from_secs(100), ttl, window, || {
            "t-2".into()
        });
        assert_eq!((same.as_str(), left), ("t-1", 7100));
        let late = t0 + Duration::from_secs(6000);
        let (new, _) = store.issue("cli_a", late, ttl, window, || "t-2".into());
        assert_eq!(new, "t-2");
        assert_eq!(store.check("t-1", late), Ok("cli_a".into()));
        assert_eq!(store.check("t-1", t0 + ttl), Err(TokenProblem::Expired));
        assert_eq!(store.check("t-9", late), Err(TokenProblem::Unknown));
    }
}
