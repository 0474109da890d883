//! The CLI tells about drift the client decodes: each (operation, pointer) once on stderr,
//! with a hint to run `cargo xtask docs check` once.

use std::collections::HashSet;

use crate::support::Tenant;
use feishu_fake::{Config, Faults};

#[test]
fn pending_against_a_drifting_fake_names_each_drift_once_and_hints_once() {
    let tenant = Tenant::start(Config {
        faults: Faults {
            drift_rate: 1.0,
            ..Faults::default()
        },
        ..Config::default()
    });
    // The harness's command: no token or state folder of the machine running the tests.
    let output = tenant.run_without_journal(&["--json", "pending"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    let drift: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("drift: "))
        .collect();
    let unique: HashSet<&str> = drift
        .iter()
        .map(|l| l.split(", log id").next().unwrap())
        .collect();
    assert_eq!(unique.len(), drift.len(), "each drift once:\n{stderr}");
    for expected in [
        "drift: list_under_audit_apps /undocumented_root (undocumented_field)",
        "drift: list_under_audit_apps /data/undocumented_data (undocumented_field)",
    ] {
        assert!(unique.contains(expected), "{expected:?} in\n{stderr}");
    }
    assert!(
        drift
            .iter()
            .any(|l| l.contains("/scopes/0/level (unknown_enum_value)")),
        "{stderr}"
    );
    let hints = stderr.lines().filter(|l| l.starts_with("hint: ")).count();
    assert_eq!(hints, 1, "{stderr}");
    assert!(stderr.contains("cargo xtask docs check"));
    // The JSON on stdout is untouched by the notices.
    let pending: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        pending.as_array().unwrap().len(),
        feishu_fake::seed::PENDING_APPS
    );
}
