//! What the CLI says when the client decodes drift: one stderr line per newly seen
//! (operation, pointer) — the client reports each once — and, the first time, what to do.

use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

use feishu_application::drift::Drift;

static HINTED: AtomicBool = AtomicBool::new(false);

/// The `on_drift` callback of the CLI's client.
pub(crate) fn on_drift(drift: &Drift) {
    let mut stderr = std::io::stderr().lock();
    // A closed stderr loses the notice, nothing else.
    let _ = writeln!(stderr, "{}", line(drift));
    if !HINTED.swap(true, Ordering::Relaxed) {
        let _ = writeln!(
            stderr,
            "hint: Feishu sent what the spec does not document yet; run `cargo xtask docs check` \
             and update spec/feishu-application-v6.yaml"
        );
    }
}

fn line(drift: &Drift) -> String {
    format!(
        "drift: {} {} ({}), log id {}",
        drift.operation,
        drift.pointer,
        drift.kind,
        drift.log_id.as_deref().unwrap_or("-")
    )
}
