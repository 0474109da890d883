//! The review workflow as a user runs it: a real `feishu-review` process against a fake
//! Feishu started in this test process (so state persists across commands).

use std::process::Output;

use crate::support::Tenant;
use assert_cmd::Command;
use serde_json::Value;

/// A tenant of the default fake.
fn start() -> Tenant {
    Tenant::start(feishu_fake::Config::default())
}

/// `feishu-review --json ARGS` against `tenant`, which must succeed: its JSON.
fn json(tenant: &Tenant, args: &[&str]) -> Value {
    let output = tenant.run_without_journal(&[&["--json"], args].concat());
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The pending versions as `pending --json` lists them: (app, version).
fn pending_ids(tenant: &Tenant) -> Vec<(String, String)> {
    json(tenant, &["pending"])
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["app_id"].as_str().unwrap().to_owned(),
                v["version_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The CLI with none of its `FEISHU_*` variables from the environment, for the runs that
/// need no tenant.
fn cli() -> Command {
    let mut command = Command::cargo_bin("feishu-review").unwrap();
    for var in crate::support::CLI_ENV {
        command.env_remove(var);
    }
    // Default journals go to a folder of this test run, never the user's state dir.
    let state = std::env::temp_dir().join(format!("feishu-review-state-{}", std::process::id()));
    command.env("XDG_STATE_HOME", state);
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn with_no_connection_options_review_runs_against_the_embedded_fake() {
    let output = cli().arg("review").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("using the embedded fake Feishu at http://127.0.0.1:"));
    let text = stdout(&output);
    assert!(text.contains("DECISION") && text.contains("RULE"), "{text}");
    assert!(text.contains("dry run: nothing was changed"), "{text}");
}

#[test]
fn pending_lists_every_pending_version_as_table_and_json() {
    let tenant = start();
    let pending = pending_ids(&tenant);
    assert!(
        pending.len() >= 40,
        "the seeded tenant has at least 40 pending versions: {}",
        pending.len()
    );
    assert!(
        pending
            .iter()
            .all(|(app, version)| app.starts_with("cli_") && version.starts_with("oav_"))
    );
    let table = tenant.run_without_journal(&["pending"]);
    assert!(table.status.success());
    let text = stdout(&table);
    assert!(
        text.contains("SCOPES") && text.contains("normal "),
        "{text}"
    );
    assert!(
        text.contains(&format!("{} version(s) pending review", pending.len())),
        "{text}"
    );
    assert!(text.contains(&pending[0].1));
}

#[test]
fn show_prints_the_version_in_full() {
    let tenant = start();
    let (app, version) = pending_ids(&tenant).remove(0);
    let json = json(&tenant, &["show", &app, &version]);
    assert_eq!(json["version_id"], version.as_str());
    assert!(json["scopes"].as_array().is_some_and(|s| !s.is_empty()));
    let text = stdout(&tenant.run_without_journal(&["show", &app, &version]));
    assert!(text.contains(&format!("app:         {app}")), "{text}");
    assert!(
        text.contains("scopes (") && text.contains("TOKEN TYPES"),
        "{text}"
    );
    assert!(text.contains("visibility:"), "{text}");
}

#[test]
fn approve_and_reject_take_versions_off_the_pending_list() {
    let tenant = start();
    let before = pending_ids(&tenant);
    let (approve_app, approve_version) = &before[0];
    let (reject_app, reject_version) = &before[1];
    let operator = feishu_fake::DEFAULT_OPERATOR_OPEN_ID;

    let approved = json(
        &tenant,
        &[
            "approve",
            approve_app,
            approve_version,
            "--operator",
            operator,
        ],
    );
    assert_eq!(approved["status"], "approved");
    let rejected = tenant.run_without_journal(&[
        "reject",
        reject_app,
        reject_version,
        "--operator",
        operator,
        "--reason",
        "asks for too much",
    ]);
    assert!(rejected.status.success(), "{}", stderr(&rejected));
    assert!(stdout(&rejected).contains("rejected"));

    let after = pending_ids(&tenant);
    assert_eq!(after.len(), before.len() - 2);
    assert!(!after.contains(&before[0]) && !after.contains(&before[1]));
}

#[test]
fn reject_refuses_to_run_without_a_reason() {
    let tenant = start();
    let before = pending_ids(&tenant);
    let (app, version) = &before[0];
    let output = tenant.run_without_journal(&[
        "reject",
        app,
        version,
        "--operator",
        feishu_fake::DEFAULT_OPERATOR_OPEN_ID,
    ]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(stderr(&output).contains("--reason"), "{}", stderr(&output));
    let empty = tenant.run_without_journal(&["reject", app, version, "--reason", " "]);
    assert!(!empty.status.success());
    assert!(
        stderr(&empty).contains("--reason must not be empty"),
        "{}",
        stderr(&empty)
    );
    assert_eq!(pending_ids(&tenant), before, "nothing changed");
}

#[test]
fn review_is_a_dry_run_until_apply_and_apply_does_exactly_what_it_printed() {
    let tenant = start();
    let before = pending_ids(&tenant);
    let dry = json(&tenant, &["review"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(pending_ids(&tenant), before, "a dry run changes nothing");

    let operator = feishu_fake::DEFAULT_OPERATOR_OPEN_ID;
    let applied = json(&tenant, &["review", "--apply", "--operator", operator]);
    assert_eq!(applied["dry_run"], false);
    let key = |d: &Value| {
        (
            d["app_id"].clone(),
            d["version_id"].clone(),
            d["verdict"].clone(),
            d["rule"].clone(),
        )
    };
    let planned: Vec<_> = dry["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    let done: Vec<_> = applied["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    assert_eq!(
        planned, done,
        "--apply decides exactly as the dry run printed"
    );
    assert_eq!(applied["summary"]["failed"], 0);

    let left_for_humans: Vec<_> = applied["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["verdict"] == "human")
        .map(|d| {
            (
                d["app_id"].as_str().unwrap().to_owned(),
                d["version_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        applied["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["verdict"] != "human"),
        "something was decided"
    );
    let mut after = pending_ids(&tenant);
    let mut expected = left_for_humans;
    after.sort();
    expected.sort();
    assert_eq!(
        after, expected,
        "only the versions left for a human are still pending"
    );
}

#[test]
fn a_policy_file_changes_the_decisions() {
    let tenant = start();
    let policy = std::env::temp_dir().join(format!("policy-{}.toml", std::process::id()));
    std::fs::write(
        &policy,
        "max_auto_approve_level = 0\nrequire_remark = false\n",
    )
    .unwrap();
    let review = json(&tenant, &["review", "--policy", policy.to_str().unwrap()]);
    let decisions = review["decisions"].as_array().unwrap();
    assert!(!decisions.is_empty());
    assert!(
        decisions.iter().all(|d| d["verdict"] == "human"),
        "level 0 sends everything to a human"
    );
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/policy.toml");
    assert!(
        tenant
            .run(&["review", "--policy", example])
            .status
            .success()
    );
}

#[test]
fn a_bad_policy_file_is_a_clear_error_naming_the_line() {
    let tenant = start();
    let policy = std::env::temp_dir().join(format!("bad-policy-{}.toml", std::process::id()));
    std::fs::write(
        &policy,
        "require_remark = true\nmax_auto_approve_levle = 2\n",
    )
    .unwrap();
    let output = tenant.run_without_journal(&["review", "--policy", policy.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains(&policy.display().to_string()), "{message}");
    assert!(
        message.contains("line 2") && message.contains("max_auto_approve_levle"),
        "{message}"
    );
    let missing = tenant.run_without_journal(&["review", "--policy", "/nonexistent/policy.toml"]);
    assert!(stderr(&missing).contains("reading the policy file /nonexistent/policy.toml"));
}

#[test]
fn bad_credentials_give_a_clear_error() {
    let tenant = start();
    let output = tenant.run_as(feishu_fake::DEFAULT_APP_ID, "wrong-secret", &["pending"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("could not get a tenant access token"),
        "{message}"
    );
    assert!(message.contains("Feishu error"), "{message}");
    assert!(
        !message.contains("wrong-secret"),
        "the secret is not echoed: {message}"
    );
}

#[test]
fn a_base_url_without_credentials_is_refused() {
    let output = cli()
        .args(["--base-url", "http://127.0.0.1:9", "pending"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("needs credentials"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unknown_version_prints_feishu_code_hint_and_log_id() {
    let tenant = start();
    let (app, _) = pending_ids(&tenant).remove(0);
    let output =
        tenant.run_without_journal(&["show", &app, "oav_00000000000000000000000000000000"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("Feishu error 211002"), "{message}");
    assert!(
        message.contains("hint:") && message.contains("log id"),
        "{message}"
    );
}

#[test]
fn every_workflow_subcommand_documents_examples() {
    for command in ["pending", "show", "approve", "reject", "review"] {
        let output = cli().args([command, "--help"]).output().unwrap();
        assert!(output.status.success());
        assert!(
            stdout(&output).contains("Example"),
            "{command} --help has examples"
        );
    }
}
