//! `feishu-review validate` as a real process: exit 0 (conforms), 1 (violation, or drift under
//! `--strict`), 2 (could not check).

use assert_cmd::Command;
use predicates::prelude::*;

const LIST: &str = "list_under_audit_apps";

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/validate/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn validate(args: &[&str]) -> Command {
    let mut command = Command::cargo_bin("feishu-review").expect("the binary is built");
    command.arg("validate").args(args);
    command
}

#[test]
fn a_conforming_body_exits_0() {
    validate(&["--operation", LIST, &fixture("pending.json")])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("pending.json: ok"));
}

#[test]
fn drift_alone_exits_0() {
    validate(&["--operation", LIST, &fixture("pending.drift.json")])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("valid, with 2 drift"));
}

#[test]
fn drift_under_strict_exits_1() {
    validate(&[
        "--operation",
        LIST,
        "--strict",
        &fixture("pending.drift.json"),
    ])
    .assert()
    .code(1)
    .stdout(predicate::str::contains("FAILED under --strict"));
}

#[test]
fn a_violation_exits_1() {
    validate(&["--operation", LIST, &fixture("pending.violations.json")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("INVALID: 3 violations, 1 drift"));
}

#[test]
fn one_bad_file_among_good_ones_exits_1() {
    validate(&[
        "--operation",
        LIST,
        &fixture("pending.json"),
        &fixture("pending.violations.json"),
    ])
    .assert()
    .code(1)
    .stdout(predicate::str::contains("2 files: 1 passed, 1 failed"));
}

#[test]
fn an_error_body_checked_with_its_status_exits_0() {
    validate(&[
        "--operation",
        LIST,
        "--status",
        "400",
        &fixture("error.json"),
    ])
    .assert()
    .code(0);
    // 503 falls in the documented 5XX range.
    validate(&[
        "--operation",
        "get_app_version",
        "--status",
        "503",
        &fixture("error.json"),
    ])
    .assert()
    .code(0);
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let body = std::fs::read(fixture("pending.violations.json")).expect("fixture");
    validate(&["--operation", LIST, "-"])
        .write_stdin(body)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>: INVALID"));
}

#[test]
fn an_unreadable_file_exits_2_and_is_named() {
    validate(&[
        "--operation",
        LIST,
        &fixture("pending.json"),
        "no/such/file.json",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains(
        "no/such/file.json: cannot read the file",
    ));
}

#[test]
fn a_body_that_is_not_json_exits_2_with_the_position() {
    validate(&["--operation", LIST, &fixture("not-json.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not-json.txt: the body is not JSON",
        ))
        .stderr(predicate::str::contains("line 4, column 12"));
}

#[test]
fn empty_standard_input_exits_2() {
    validate(&["--operation", LIST, "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: the body is not JSON"));
}

#[test]
fn an_unknown_operation_exits_2_and_lists_the_known_ones() {
    validate(&["--operation", "list_apps", &fixture("pending.json")])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("unknown operation `list_apps`"))
        .stderr(predicate::str::contains("list_under_audit_apps"));
}

#[test]
fn an_undocumented_status_exits_2() {
    validate(&[
        "--operation",
        LIST,
        "--status",
        "302",
        &fixture("pending.json"),
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("no response for status 302"));
}

#[test]
fn a_status_that_is_not_a_status_exits_2() {
    for status in ["600", "0", "abc", "70000"] {
        validate(&[
            "--operation",
            LIST,
            "--status",
            status,
            &fixture("pending.json"),
        ])
        .assert()
        .code(2);
    }
}

#[test]
fn no_file_is_a_usage_error() {
    validate(&["--operation", LIST]).assert().code(2);
}
