//! The contacts range through the typed client: the live range read whole across pages, the
//! range a version asks for, and a page size refused before anything is sent.

use feishu_application::types::{AppContactsRange, ContactsScopeType};
use feishu_application::{Error, RetryPolicy};
use feishu_fake::{Config, Fixtures};
use futures::TryStreamExt as _;
use serde_json::json;

use crate::e2e::support::typed;

const APP: &str = "cli_00000000000000c3";

fn fixtures() -> Fixtures {
    Fixtures::from_json(
        &json!({"apps": [{
            "application": {"app_id": APP, "online_version_id": "oav_1", "unaudit_version_id": "oav_2"},
            "versions": [{"version_id": "oav_1", "status": 1}, {"version_id": "oav_2", "status": 3}],
            "contacts_range": {"contacts_scope_type": "some", "visible_list": {
                "open_ids": ["ou_1", "ou_2", "ou_3"], "department_ids": ["od_1"], "group_ids": ["g_1", "g_2"]}},
            "contacts_range_suggests": {"oav_2": {"contacts_scope_type": "all"}}
        }]})
        .to_string(),
    )
    .unwrap()
}

#[tokio::test]
async fn the_live_range_is_read_whole_across_pages() {
    let fake = feishu_fake::start(Config {
        fixtures: Some(fixtures()),
        ..Config::default()
    })
    .await
    .unwrap();
    let client = typed(&fake, RetryPolicy::none());
    let listing = || client.list_contacts_range_configuration(APP).page_size(2);
    let pages: Vec<_> = listing().pages().try_collect().await.unwrap();
    assert_eq!(pages.len(), 3);
    let whole = listing().range().await.unwrap();
    let expected: AppContactsRange = serde_json::from_value(json!({
        "contacts_scope_type": "some", "visible_list": {
            "open_ids": ["ou_1", "ou_2", "ou_3"], "department_ids": ["od_1"], "group_ids": ["g_1", "g_2"]}}))
    .unwrap();
    assert_eq!(whole, expected);
    let requests = fake
        .state()
        .operation_requests("list_contacts_range_configuration");
    assert_eq!(requests.values().sum::<u64>(), 6, "3 pages, twice");

    let asked = client
        .get_contacts_range_suggest(APP, "oav_2")
        .await
        .unwrap();
    assert_eq!(
        asked.unwrap().contacts_scope_type,
        Some(ContactsScopeType::All)
    );
    let none = client
        .get_contacts_range_suggest(APP, "oav_1")
        .await
        .unwrap();
    assert_eq!(none, None);
}

#[tokio::test]
async fn a_page_size_outside_the_spec_is_refused_before_sending() {
    let fake = feishu_fake::start(Config::default()).await.unwrap();
    let client = typed(&fake, RetryPolicy::none());
    for size in [0, 101] {
        let error = client
            .list_contacts_range_configuration(APP)
            .page_size(size)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidArgument { message, .. } if message.contains("1..=100")),
            "{error:?}"
        );
    }
    assert!(
        fake.state()
            .operation_requests("list_contacts_range_configuration")
            .is_empty()
    );
}
