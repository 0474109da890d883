//! Page tokens of the pending list: opaque, bound to the app that got them, expiring.
//!
//! A token remembers the position (in the tenant's stable order) of the last app of its page,
//! so apps leaving the list between pages never make the next page skip one.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use feishu_application::error_codes::ErrorCode;

use crate::error_answer::ErrorAnswer;

#[derive(Clone, Debug)]
struct Cursor {
    app_id: String,
    after: usize,
    expires: Instant,
}

/// The page tokens handed out.
#[derive(Debug, Default)]
pub(crate) struct PageTokens {
    cursors: HashMap<String, Cursor>,
    issued_since_sweep: usize,
}

impl PageTokens {
    /// Remembers `after` for `app_id` under the token `fresh` makes.
    pub(crate) fn issue(
        &mut self,
        app_id: &str,
        after: usize,
        now: Instant,
        ttl: Duration,
        fresh: impl FnOnce() -> String,
    ) -> String {
        self.issued_since_sweep += 1;
        if self.issued_since_sweep >= 1024 {
            self.issued_since_sweep = 0;
            self.cursors.retain(|_, c| c.expires > now);
        }
        let token = fresh();
        self.cursors.insert(
            token.clone(),
            Cursor {
                app_id: app_id.to_owned(),
                after,
                expires: now + ttl,
            },
        );
        token
    }

    /// The position a token continues after: 210500 when unknown or expired, 210501 when
    /// another app got it.
    pub(crate) fn resolve(
        &self,
        token: &str,
        app_id: &str,
        now: Instant,
    ) -> Result<usize, ErrorAnswer> {
        let Some(cursor) = self.cursors.get(token) else {
            return Err(ErrorAnswer::documented(ErrorCode::PageTokenExpired)
                .with_detail("page_token was not issued by this server"));
        };
        if cursor.app_id != app_id {
            return Err(ErrorAnswer::documented(ErrorCode::PageTokenInvalid)
                .with_detail("page_token belongs to another app"));
        }
        if cursor.expires <= now {
            return Err(ErrorAnswer::documented(ErrorCode::PageTokenExpired)
                .with_detail("page_token has expired"));
        }
        Ok(cursor.after)
    }
}
