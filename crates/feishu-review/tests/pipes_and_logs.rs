//! The CLI as a careless shell uses it: stdout closed by `| head`, logs turned on with
//! `RUST_LOG` / `-vv`, a `--timeout` against a server that never answers.

use std::io::Read as _;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use feishu_fake::{Config, Faults};

const MARKER_SECRET: &str = "MARKER-SECRET-4c1d9e";
const MARKER_TOKEN: &str = "t-MARKER-TOKEN-77a0f3";

fn cli() -> Command {
    crate::support::cli(&[])
}

/// Runs the command with its stdout already closed by the reader; returns (exit code, stderr).
fn with_closed_stdout(command: &mut Command) -> (Option<i32>, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the first byte is written: every write meets a closed pipe.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code(), stderr)
}

#[test]
fn a_closed_stdout_ends_every_command_quietly_with_its_own_exit_code() {
    let long_report =
        std::env::temp_dir().join(format!("harden-report-{}.json", std::process::id()));
    // Thousands of violations: a report far longer than a pipe buffer.
    let apps: Vec<_> = (0..3000)
        .map(|_| serde_json::json!({"app_id": 7}))
        .collect();
    std::fs::write(
        &long_report,
        serde_json::json!({"code": 0, "msg": "ok", "data": {"apps": apps, "has_more": "no"}})
            .to_string(),
    )
    .unwrap();
    let report = long_report.to_str().unwrap();
    let cases: [(&[&str], i32); 6] = [
        (&["pending"], 0),
        (&["pending", "--json"], 0),
        (&["review"], 0),
        (&["review", "--json"], 0),
        (
            &["validate", "--operation", "list_under_audit_apps", report],
            1,
        ),
        (
            &[
                "validate",
                "--operation",
                "list_under_audit_apps",
                "--format",
                "json",
                report,
            ],
            1,
        ),
    ];
    for (args, expected) in cases {
        let (code, stderr) = with_closed_stdout(cli().args(args));
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
    }
    std::fs::remove_file(long_report).unwrap();
}

/// A fake whose application endpoints always fail with 500 / 2200, so the client retries.
fn failing_fake(runtime: &tokio::runtime::Runtime) -> feishu_fake::FakeHandle {
    let config = Config {
        credentials: vec![feishu_fake::AppCredential::new("cli_marker", MARKER_SECRET)],
        faults: Faults {
            server_error_rate: 1.0,
            ..Faults::default()
        },
        ..Config::default()
    };
    runtime.block_on(feishu_fake::start(config)).unwrap()
}

#[test]
fn the_most_verbose_logs_show_requests_retries_and_tokens_but_no_secret() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let fake = failing_fake(&runtime);
    let base_url = fake.base_url();
    for (rust_log, flag) in [(Some("trace"), None), (None, Some("-vv"))] {
        let mut command = cli();
        command.args(["--base-url", &base_url, "--app-id", "cli_marker"]);
        command.args(["--app-secret", MARKER_SECRET, "pending"]);
        command.args(flag);
        if let Some(filter) = rust_log {
            command.env("RUST_LOG", filter);
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        for seen in [
            "fetched a tenant access token",
            "retrying",
            "list_under_audit_apps",
            "log_id",
            "error: list_under_audit_apps: gave up after 4 attempts",
        ] {
            assert!(
                stderr.contains(seen),
                "{rust_log:?} {flag:?}: no {seen:?} in\n{stderr}"
            );
        }
        // The token the client got: the fake hands the same live token to the same app.
        let token = runtime.block_on(live_token(&base_url));
        for secret in [MARKER_SECRET, token.as_str()] {
            assert!(
                !stderr.contains(secret),
                "{rust_log:?} {flag:?}: a secret in the logs"
            );
        }
    }
}

#[test]
fn a_given_token_stays_out_of_the_most_verbose_logs_and_the_error() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let fake = failing_fake(&runtime);
    let output = cli()
        .args([
            "--base-url",
            &fake.base_url(),
            "--token",
            MARKER_TOKEN,
            "pending",
        ])
        .env("RUST_LOG", "trace")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: "), "{stderr}");
    assert!(!stderr.contains("MARKER-TOKEN"), "{stderr}");
}

async fn live_token(base_url: &str) -> String {
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!(
            "{base_url}/open-apis/auth/v3/tenant_access_token/internal"
        ))
        .json(&serde_json::json!({"app_id": "cli_marker", "app_secret": MARKER_SECRET}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["tenant_access_token"].as_str().unwrap().to_owned()
}

#[test]
fn timeout_bounds_a_server_that_never_answers() {
    // Accepts connections (the kernel does) and never reads or answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let started = Instant::now();
    let output = cli()
        .args([
            "--base-url",
            &url,
            "--token",
            MARKER_TOKEN,
            "--timeout",
            "0.2",
            "pending",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("timed out after 200 ms"), "{stderr}");
    // 4 attempts of 0.2 s plus backoff: far below this bound, far below 4 x 30 s.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    drop(silent);
}
