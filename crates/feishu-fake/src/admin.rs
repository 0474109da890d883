//! Levers for tests on a running fake: submit a new version for review, as a developer would,
//! and read back what clients did (every decision recorded, every request the rate limit
//! refused). Nothing here is reachable over HTTP.

use crate::error_answer::ErrorAnswer;
use crate::state::AppState;
use crate::tenant::Patch;

impl AppState {
    /// Submits a new version of the app `app_id` for review: a copy of its newest version with
    /// a fresh id, put under review (a previous version under review goes back to drafts).
    /// Returns the new version's id.
    ///
    /// ```
    /// # async fn demo() -> feishu_fake::Result<()> {
    /// let fake = feishu_fake::start(feishu_fake::Config::default()).await?;
    /// let before = fake.state().tenant().pending_count();
    /// let app_id = feishu_fake::seed::generate(feishu_fake::DEFAULT_SEED).apps[0]
    ///     .application.app_id.clone().unwrap();
    /// let version_id = fake.state().submit_version(&app_id).unwrap();
    /// assert!(version_id.starts_with("oav_"));
    /// assert!(fake.state().tenant().pending_count() >= before);
    /// # Ok(()) }
    /// ```
    pub fn submit_version(&self, app_id: &str) -> Result<String, ErrorAnswer> {
        let version_id = self.fresh_id("oav_", 32);
        let now = self.clock().unix_secs();
        self.tenant().submit(app_id, &version_id, now)?;
        Ok(version_id)
    }

    /// Every decision the fake has recorded, oldest first.
    pub fn patches(&self) -> Vec<Patch> {
        self.tenant().patches().to_vec()
    }

    /// How many application requests the rate limit has refused (HTTP 429 / 99991400).
    pub fn rate_limited(&self) -> u64 {
        self.faults().refused()
    }
}
