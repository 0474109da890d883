//! `cargo xtask docs diff OLD NEW` on the two versions of the pending-list page: exit codes
//! and the JSON (the facts themselves are tested in `crates/feishu-docs/tests/diff.rs`).

use crate::support::pages::*;

#[test]
fn a_page_against_itself_has_no_changes_and_exits_0() {
    let page = page_path(HTML_PAGE);
    let output = xtask_docs(&["diff", page.to_str().unwrap(), page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn json_diff_exits_1_and_lists_each_change() {
    let old = page_path(SCRAPE_PAGE);
    let new = page_path(LIST_PAGE);
    let output = xtask_docs(&[
        "diff",
        "--format",
        "json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let changes: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let removed: Vec<&serde_json::Value> = changes
        .iter()
        .filter(|c| c["change"] == "removed")
        .collect();
    assert_eq!(removed.len(), 1, "{removed:#?}");
    assert_eq!(
        removed[0]["fact"],
        "header.Authorization: default=Bearer {{access_token}}"
    );
    assert!(removed[0]["new"].is_null());
    assert!(
        changes.iter().any(|c| c["change"] == "added"
            && c["fact"] == "response.data.items[].create_source: enum=aily")
    );
}
