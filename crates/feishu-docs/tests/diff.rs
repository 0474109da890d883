//! `diff` on the two versions of the pending-list page.

use super::support::*;
use feishu_docs::{ChangeKind, diff, load};

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
