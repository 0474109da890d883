//! A fake tenant of this test process, and the CLI started against it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use feishu_application::types::PatchVersionStatus;
use feishu_fake::{
    Config, DEFAULT_APP_ID, DEFAULT_APP_SECRET, DEFAULT_OPERATOR_OPEN_ID, FakeHandle,
};

use super::running::{Running, cli, finish};

/// A fake tenant served by a runtime of this test process (so its state, every PATCH it
/// accepted, can be read), and a folder for the journal and the CLI's state.
pub(crate) struct Tenant {
    pub(crate) fake: FakeHandle,
    /// Serves the fake; a test may serve more on it (a relay in front of the fake).
    pub(crate) runtime: tokio::runtime::Runtime,
    pub(crate) dir: tempfile::TempDir,
}

impl Tenant {
    /// Starts a fake with `config`.
    pub(crate) fn start(config: Config) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let fake = runtime.block_on(feishu_fake::start(config)).unwrap();
        Self {
            fake,
            runtime,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The journal every run of this tenant writes.
    pub(crate) fn journal(&self) -> PathBuf {
        self.dir.path().join("journal.jsonl")
    }

    /// `feishu-review --base-url BASE_URL ARGS` with the fake's credentials, the test's
    /// journal and operator. A token from the environment is removed and the state folder is
    /// the test's, so nothing from the machine running the tests reaches the CLI.
    pub(crate) fn command_at(&self, base_url: &str, args: &[&str]) -> Command {
        let mut command = self.command_without_journal_at(base_url, args);
        command
            .args(["--operator", DEFAULT_OPERATOR_OPEN_ID])
            .arg("--journal")
            .arg(self.journal());
        command
    }

    /// [`Self::command_at`] without `--operator` and `--journal`: only the fake's credentials,
    /// for a command that takes neither (a dry run) or a test that gives its own. The same
    /// environment: none of the CLI's `FEISHU_*` variables from it, and the test's state
    /// folder.
    pub(crate) fn command_without_journal_at(&self, base_url: &str, args: &[&str]) -> Command {
        self.command_as(base_url, DEFAULT_APP_ID, DEFAULT_APP_SECRET, args)
    }

    /// `feishu-review --base-url BASE_URL --app-id APP_ID --app-secret SECRET ARGS`, in the
    /// environment [`Self::command_without_journal_at`] describes.
    pub(crate) fn command_as(
        &self,
        base_url: &str,
        app_id: &str,
        secret: &str,
        args: &[&str],
    ) -> Command {
        let mut command = cli(&[]);
        command
            .env("XDG_STATE_HOME", self.dir.path())
            .args(["--base-url", base_url])
            .args(["--app-id", app_id, "--app-secret", secret])
            .args(args);
        command
    }

    /// Starts [`Self::command_at`]`(base_url, args)`, for a run through something in front of
    /// the fake.
    pub(crate) fn spawn_at(&self, base_url: &str, args: &[&str]) -> Running {
        Running::spawn(self.command_at(base_url, args))
    }

    /// Starts `feishu-review ARGS` against the fake.
    pub(crate) fn spawn(&self, args: &[&str]) -> Running {
        self.spawn_at(&self.fake.base_url(), args)
    }

    /// Runs `feishu-review ARGS` against the fake to the end; see [`finish`].
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        finish(self.spawn(args))
    }

    /// Runs `feishu-review ARGS` against the fake to the end as
    /// [`Self::command_without_journal_at`] builds it; see [`finish`].
    pub(crate) fn run_without_journal(&self, args: &[&str]) -> Output {
        let command = self.command_without_journal_at(&self.fake.base_url(), args);
        finish(Running::spawn(command))
    }

    /// Runs `feishu-review ARGS` against the fake to the end with other credentials than the
    /// fake's, as [`Self::command_as`] builds it; see [`finish`].
    pub(crate) fn run_as(&self, app_id: &str, secret: &str, args: &[&str]) -> Output {
        let command = self.command_as(&self.fake.base_url(), app_id, secret, args);
        finish(Running::spawn(command))
    }

    /// The versions pending now: (app, version).
    pub(crate) fn pending(&self) -> Vec<(String, String)> {
        let tenant = self.fake.state().snapshot();
        tenant
            .apps
            .iter()
            .filter_map(|app| {
                let version = app.application.unaudit_version_id.clone()?;
                Some((app.application.app_id.clone()?, version))
            })
            .collect()
    }

    /// Versions decided (approved or rejected) through the API, with how many times; fails
    /// the test on a PATCH that set any other status, which the CLI never asks for.
    pub(crate) fn patch_counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for patch in self.fake.state().patches() {
            assert!(
                matches!(
                    patch.status,
                    PatchVersionStatus::Approved | PatchVersionStatus::Rejected
                ),
                "{patch:?}"
            );
            *counts.entry(patch.version_id).or_default() += 1;
        }
        counts
    }
}
