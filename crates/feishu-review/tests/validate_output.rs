//! The output of `feishu-review validate`: the JSON contract of DESIGN.md, and the text for
//! people (a golden file).

use assert_cmd::Command;
use serde_json::Value;

const LIST: &str = "list_under_audit_apps";

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/validate/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn stdout(args: &[&str]) -> String {
    let output = Command::cargo_bin("feishu-review")
        .expect("the binary is built")
        .arg("validate")
        .args(args)
        .output()
        .expect("runs");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn json_is_an_array_of_one_object_per_file_in_the_design_shape() {
    let text = stdout(&[
        "--operation",
        LIST,
        "--format",
        "json",
        &fixture("pending.json"),
        &fixture("pending.violations.json"),
    ]);
    let files: Value = serde_json::from_str(&text).expect("JSON on stdout");
    let files = files.as_array().expect("an array");
    assert_eq!(files.len(), 2);
    for file in files {
        assert_eq!(
            keys(file),
            [
                "drift",
                "file",
                "operation",
                "status",
                "valid",
                "violations"
            ]
        );
        assert_eq!(file["operation"], LIST);
        assert_eq!(file["status"], 200);
    }
    assert_eq!(files[0]["file"], fixture("pending.json"));
    assert_eq!(files[0]["valid"], true);
    assert_eq!(files[0]["violations"], Value::Array(vec![]));

    let bad = &files[1];
    assert_eq!(bad["valid"], false);
    let violations = bad["violations"].as_array().expect("array");
    assert_eq!(violations.len(), 3);
    for violation in violations {
        assert_eq!(keys(violation), ["keyword", "message", "pointer"]);
    }
    let mut found: Vec<(&str, &str)> = violations
        .iter()
        .map(|v| {
            (
                v["pointer"].as_str().expect("str"),
                v["keyword"].as_str().expect("str"),
            )
        })
        .collect();
    found.sort_unstable();
    assert_eq!(
        found,
        [
            ("", "required"),
            ("/data/has_more", "type"),
            ("/data/items/0/scopes/0/level", "type")
        ]
    );
    let drift = bad["drift"].as_array().expect("array");
    assert_eq!(drift.len(), 1);
    assert_eq!(keys(&drift[0]), ["kind", "message", "pointer"]);
    assert_eq!(drift[0]["pointer"], "/data/items/0/create_source");
    assert_eq!(drift[0]["kind"], "unknown_enum_value");
}

#[test]
fn json_drift_kinds_use_the_contract_names() {
    let text = stdout(&[
        "--operation",
        LIST,
        "--format",
        "json",
        &fixture("pending.drift.json"),
    ]);
    let files: Value = serde_json::from_str(&text).expect("JSON");
    let mut kinds: Vec<(&str, &str)> = files[0]["drift"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["pointer"].as_str().expect("str"),
                d["kind"].as_str().expect("str"),
            )
        })
        .collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        [
            ("/data/items/0/publish_channel", "undocumented_field"),
            ("/data/items/0/status", "unknown_enum_value")
        ]
    );
    assert_eq!(files[0]["valid"], true, "drift is allowed without --strict");
}

#[test]
fn json_under_strict_marks_drifting_files_invalid() {
    let text = stdout(&[
        "--operation",
        LIST,
        "--strict",
        "--format",
        "json",
        &fixture("pending.drift.json"),
    ]);
    let files: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(files[0]["valid"], false);
}

#[test]
fn json_leaves_out_files_that_could_not_be_checked() {
    let text = stdout(&[
        "--operation",
        LIST,
        "--format",
        "json",
        &fixture("not-json.txt"),
        &fixture("pending.json"),
    ]);
    let files: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(files.as_array().map(Vec::len), Some(1));
    assert_eq!(files[0]["file"], fixture("pending.json"));
}

/// The text output, compared with `tests/fixtures/validate/pending.violations.txt`. Run with
/// `UPDATE_GOLDEN=1` to rewrite the golden file after an intended change.
#[test]
fn text_groups_findings_by_pointer_with_documented_beside_found() {
    let dir = fixture("");
    let actual = Command::cargo_bin("feishu-review")
        .expect("the binary is built")
        .current_dir(&dir)
        .args(["validate", "--operation", LIST, "pending.violations.json"])
        .output()
        .expect("runs");
    let actual = String::from_utf8(actual.stdout).expect("UTF-8");
    let golden = fixture("pending.violations.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &actual).expect("writable");
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "the text output changed; rerun with UPDATE_GOLDEN=1 if intended"
    );
}
