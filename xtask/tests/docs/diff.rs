//! `docs diff OLD NEW` on the two versions of the pending-list page.

use super::support::*;
use xtask::docs::{ChangeKind, diff, load};

#[test]
fn the_2025_page_adds_the_new_fields_and_types_page_size() {
    let old = load(&page_path(SCRAPE_PAGE), SCRAPE_PAGE).unwrap();
    let new = load(&page_path(LIST_PAGE), LIST_PAGE).unwrap();
    let changes = diff(&old, &new);
    let added: Vec<&str> = changes
        .iter()
        .filter(|c| c.change == ChangeKind::Added)
        .map(|c| c.fact.as_str())
        .collect();
    for fact in [
        "response.data.items[].create_source: type=string",
        "response.data.items[].owner.customer_service_account: type=string",
        "response.data.items[].mobile_default_ability: type=string",
        "response.data.items[].pc_default_ability: type=string",
        "query.page_size: max=50",
    ] {
        assert!(
            added.contains(&fact),
            "{fact} not among the additions: {added:#?}"
        );
    }
    let page_size = changes
        .iter()
        .find(|c| c.fact == "query.page_size: type=integer")
        .expect("page_size changed");
    assert_eq!(page_size.change, ChangeKind::Changed);
    assert_eq!(page_size.old.as_ref().unwrap().value, "string");
    assert_eq!(
        page_size.new.as_ref().unwrap().line,
        line_of(&page_text(LIST_PAGE), "", "page_size | int")
    );
    // Fields both versions show are no change, whatever the format.
    assert!(
        !changes
            .iter()
            .any(|c| c.fact.starts_with("response.data.items[].app_id:")),
        "{changes:#?}"
    );
}

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
