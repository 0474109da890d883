//! `xtask docs` as a process: exit codes, the JSON shape, the messages of exit 2.

use crate::support::pages::*;

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_repository_is_clean_and_says_so_in_json() {
    let output = xtask_docs_on(&xtask::workspace_root(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(findings, serde_json::json!([]));
}

#[test]
fn findings_exit_1_with_the_documented_json_members() {
    let scratch = Scratch::new();
    let page = scratch.write(
        "newer.md",
        &edit(&page_text(LIST_PAGE), "- 最大值：`50`", "- 最大值：`100`"),
    );
    let output = xtask_docs(&["check", "--format", "json", page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let findings: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(findings.len(), 1);
    let keys: Vec<&str> = findings[0].keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 7, "{keys:?}");
    for key in [
        "page",
        "line",
        "operation",
        "kind",
        "fact",
        "spec_pointer",
        "message",
    ] {
        assert!(findings[0].contains_key(key), "{key} missing from {keys:?}");
    }
    assert_eq!(findings[0]["kind"], "differs_from_spec");
    assert_eq!(findings[0]["operation"], "list_under_audit_apps");
    assert_eq!(
        findings[0]["line"],
        line_of(&page_text(LIST_PAGE), "page_size | int", "最大值")
    );
}

#[test]
fn a_page_of_an_unknown_operation_exits_2_naming_it() {
    let scratch = Scratch::new();
    let page = edit(
        &page_text(LIST_PAGE),
        "applications/underauditlist\n",
        "applications/auditedlist\n",
    );
    let path = scratch.write("unknown-operation.md", &page);
    let output = xtask_docs(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("unknown-operation.md"), "{message}");
    assert!(
        message.contains(
            "`GET /open-apis/application/v6/applications/auditedlist` is not in the spec"
        ),
        "{message}"
    );
}

#[test]
fn a_page_in_no_known_format_exits_2_naming_it() {
    let scratch = Scratch::new();
    let path = scratch.write(
        "notes.txt",
        "Some notes about the review API.\nNothing to see here.\n",
    );
    let output = xtask_docs(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("notes.txt: not a Feishu doc page in a known format"),
        "{message}"
    );
}

#[test]
fn an_unreadable_page_and_bad_arguments_exit_2() {
    let scratch = Scratch::new();
    let missing = scratch.path().join("absent.md");
    let output = xtask_docs(&["check", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("absent.md: cannot read the page"),
        "{}",
        stderr(&output)
    );

    let output = xtask_docs(&["check", "--format", "yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--format takes text or json"),
        "{}",
        stderr(&output)
    );

    let output = xtask_docs(&["diff", "only-one-page"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("two pages"), "{}", stderr(&output));
}
