//! Helpers for the write-ahead journal tests: a fake tenant served by this test process, the
//! CLI as a real process against it, and the journal read back.

// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use feishu_fake::{
    Config, DEFAULT_APP_ID, DEFAULT_APP_SECRET, DEFAULT_OPERATOR_OPEN_ID, FakeHandle,
};
use serde_json::Value;

/// Longest wait for a condition; far above what any of them takes.
pub(crate) const DEADLINE: Duration = Duration::from_secs(120);

/// A fake tenant served by a runtime of this test process, and a folder for the journal.
pub(crate) struct Tenant {
    pub(crate) fake: FakeHandle,
    pub(crate) runtime: tokio::runtime::Runtime,
    pub(crate) dir: tempfile::TempDir,
}

impl Tenant {
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

    pub(crate) fn journal(&self) -> PathBuf {
        self.dir.path().join("journal.jsonl")
    }

    /// `feishu-review --base-url BASE_URL ARGS` with the fake's credentials, the test's
    /// journal and operator; output to files, so it never waits on a pipe.
    pub(crate) fn spawn(&self, base_url: &str, args: &[&str]) -> Child {
        Command::new(env!("CARGO_BIN_EXE_feishu-review"))
            .env_remove("FEISHU_TENANT_ACCESS_TOKEN")
            .env("XDG_STATE_HOME", self.dir.path())
            .args(["--base-url", base_url])
            .args([
                "--app-id",
                DEFAULT_APP_ID,
                "--app-secret",
                DEFAULT_APP_SECRET,
            ])
            .args(args)
            .args(["--operator", DEFAULT_OPERATOR_OPEN_ID])
            .arg("--journal")
            .arg(self.journal())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Versions the fake accepted a PATCH for, with how many times.
    pub(crate) fn patch_counts(&self) -> std::collections::HashMap<String, usize> {
        let mut counts = std::collections::HashMap::new();
        for patch in self.fake.state().patches() {
            *counts.entry(patch.version_id).or_default() += 1;
        }
        counts
    }
}

/// Waits for the end of `child` (its output read through pipes); past [`DEADLINE`] it is
/// killed and the test fails.
pub(crate) fn finish(child: Child) -> Output {
    let pid = child.id();
    let (done, output) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match output.recv_timeout(DEADLINE) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("feishu-review still running after {DEADLINE:?}");
        }
    }
}

/// `feishu-review journal FILE --verify`.
pub(crate) fn verify(journal: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_feishu-review"))
        .arg("journal")
        .arg(journal)
        .arg("--verify")
        .output()
        .unwrap()
}

/// The journal's whole lines, parsed; a torn last line is left out.
pub(crate) fn journal_lines(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let whole = text.rfind('\n').map_or("", |end| &text[..end]);
    whole
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// Polls `condition` every millisecond until it holds; fails the test past [`DEADLINE`].
pub(crate) fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < DEADLINE,
            "{what}: not after {DEADLINE:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
