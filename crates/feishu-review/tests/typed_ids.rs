//! Ids typed on the command line are checked for their documented prefix before anything is
//! sent: swapped or mistyped ids are a usage error naming the argument and the prefix.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn feishu_review() -> Command {
    let mut command = Command::cargo_bin("feishu-review").unwrap();
    // A base URL nothing listens on: a check that passed would fail later, differently.
    command
        .env_remove("FEISHU_APP_ID")
        .env_remove("FEISHU_APP_SECRET")
        .args(["--base-url", "http://127.0.0.1:9", "--token", "t-unused"]);
    command
}

#[test]
fn swapped_app_and_version_ids_are_a_usage_error() {
    feishu_review()
        .args(["approve", "oav_1", "cli_a1", "--operator", "ou_1"])
        .assert()
        .code(2)
        .stderr(contains(
            "\"oav_1\" is not an app id: it must start with `cli_`",
        ));
}

#[test]
fn an_operator_that_is_no_open_id_is_refused_before_sending() {
    feishu_review()
        .args([
            "reject",
            "cli_a1",
            "oav_1",
            "--operator",
            "cli_a1",
            "--reason",
            "no",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "--operator: \"cli_a1\" is not an open_id: it must start with `ou_`",
        ))
        .stderr(contains("refused").not());
}
