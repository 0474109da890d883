//! The command line itself: each command rejects a flag it does not take (exit 2, naming the
//! flag, nothing run), and help goes to stdout with exit 0, also into a closed pipe.

use std::io::Read as _;
use std::process::{Command, Output, Stdio};

/// Runs xtask on an empty scratch root, so that a command that wrongly took the flag could
/// touch nothing real.
fn xtask(args: &[&str]) -> Output {
    let root = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("XTASK_ROOT", root.path())
        .output()
        .unwrap()
}

#[test]
fn every_command_rejects_a_flag_it_does_not_take() {
    let cases: &[(&[&str], &str)] = &[
        (&["generate", "--fix"], "--fix"),
        (&["docs", "facts", "--fix", "page.md"], "--fix"),
        (&["docs", "diff", "--fix", "old.md", "new.md"], "--fix"),
        (
            &["docs", "diff", "--spec", "spec.yaml", "old.md", "new.md"],
            "--spec",
        ),
        (&["docs", "check", "--check"], "--check"),
        (&["docs", "fetch", "--summary", "out.md"], "--summary"),
        (&["docs", "sync", "--check"], "--check"),
        (&["docs", "sync", "--format", "json"], "--format"),
        (&["docs", "add", "--fix", "page.md"], "--fix"),
        (&["api", "diff", "--check"], "--check"),
        (&["api", "changelog", "--format", "json"], "--format"),
        (&["api", "check-version", "--fix"], "--fix"),
        (&["release", "--format", "json"], "--format"),
    ];
    for (args, flag) in cases {
        let output = xtask(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: unexpected argument '{flag}'")),
            "{args:?}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{args:?} ran");
    }
}

#[test]
fn a_sync_page_argument_and_an_unknown_command_are_usage_errors() {
    let output = xtask(&["docs", "sync", "page.md"]);
    assert_eq!(output.status.code(), Some(2));
    let output = xtask(&["docs", "lint"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unrecognized subcommand 'lint'"));
    let output = xtask(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Usage: cargo xtask <COMMAND>"));
}

#[test]
fn help_goes_to_stdout_with_the_exit_codes() {
    for args in [
        &["--help"][..],
        &["help", "docs"],
        &["docs", "check", "--help"],
        &["docs", "fetch", "--help"],
        &["api", "check-version", "--help"],
    ] {
        let output = xtask(args);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(stdout.contains("Usage: cargo xtask"), "{args:?}: {stdout}");
        assert!(output.stderr.is_empty(), "{args:?}");
    }
    let check = xtask(&["docs", "check", "--help"]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("Exit codes: 0 = clean, 1 = findings"));
}

#[test]
fn help_into_a_closed_pipe_does_not_panic() {
    for args in [&["--help"][..], &["docs", "check", "--help"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away at once, as `| head -0` would; whether xtask writes before or
        // after, it must end quietly.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn docs_add_needs_a_page() {
    let output = xtask(&["docs", "add", "--dry-run", "--operation-id", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("<PAGE>"), "{stderr}");
}
