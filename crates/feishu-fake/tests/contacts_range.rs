//! The contacts range routes: the live range paged like Feishu, each version's suggestion,
//! an approval making the suggestion live, the failing-route fault and the request counts.

use crate::support::{Env, version_path};
use feishu_fake::{Config, Faults, Fixtures};
use serde_json::json;

const APP: &str = "cli_00000000000000a1";
const BARE: &str = "cli_00000000000000b2";

fn configuration(app_id: &str) -> String {
    format!("/open-apis/application/v6/applications/{app_id}/contacts_range_configuration")
}

fn suggest(app_id: &str, version_id: &str) -> String {
    format!(
        "{}/contacts_range_suggest",
        version_path(app_id, version_id)
    )
}

/// APP: live `some` of five ids, version oav_a1 live, oav_a2 pending asking for `all`;
/// BARE: no range at all, one pending version asking for nothing.
fn fixtures() -> Fixtures {
    Fixtures::from_json(
        &json!({
            "users": [{"open_id": "ou_op", "union_id": "on_op", "user_id": "op", "name": "Op"}],
            "apps": [
                {"application": {"app_id": APP, "online_version_id": "oav_a1",
                                 "unaudit_version_id": "oav_a2"},
                 "versions": [{"version_id": "oav_a1", "status": 1}, {"version_id": "oav_a2", "status": 3}],
                 "contacts_range": {"contacts_scope_type": "some", "visible_list": {
                     "open_ids": ["ou_1", "ou_2"], "department_ids": ["od_1", "od_2"], "group_ids": ["g_1"]}},
                 "contacts_range_suggests": {"oav_a2": {"contacts_scope_type": "all"}}},
                {"application": {"app_id": BARE, "unaudit_version_id": "oav_b1"},
                 "versions": [{"version_id": "oav_b1", "status": 3}]}
            ]
        })
        .to_string(),
    )
    .unwrap()
}

async fn env(faults: Faults) -> Env {
    Env::start(Config {
        fixtures: Some(fixtures()),
        faults,
        ..Config::default()
    })
    .await
}

#[tokio::test]
async fn the_live_range_pages_with_a_page_token_and_every_page_names_the_scope_type() {
    let env = env(Faults::default()).await;
    let (mut pages, mut token) = (Vec::new(), String::new());
    loop {
        let answer = env
            .get(&format!(
                "{}?page_size=2&page_token={token}",
                configuration(APP)
            ))
            .await;
        assert_eq!(answer.code(), 0, "{}", answer.json);
        let data = answer.json["data"].clone();
        assert_eq!(data["contacts_range"]["contacts_scope_type"], "some");
        pages.push(data["contacts_range"]["visible_list"].clone());
        if data["has_more"] != true {
            assert!(data.get("page_token").is_none(), "{data}");
            break;
        }
        token = data["page_token"].as_str().unwrap().to_owned();
        assert!(pages.len() < 10, "the listing ends");
    }
    assert_eq!(
        pages,
        [
            json!({"open_ids": ["ou_1", "ou_2"]}),
            json!({"department_ids": ["od_1", "od_2"]}),
            json!({"group_ids": ["g_1"]}),
        ]
    );
}

#[tokio::test]
async fn page_tokens_and_sizes_are_checked() {
    let env = env(Faults::default()).await;
    let first = env
        .get(&format!("{}?page_size=1", configuration(APP)))
        .await;
    let token = first.json["data"]["page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    // A token is bound to the range it was got for.
    env.get(&format!("{}?page_token={token}", configuration(BARE)))
        .await
        .assert_error(400, 210_501);
    env.get(&format!("{}?page_token=new-unknown", configuration(APP)))
        .await
        .assert_error(400, 210_500);
    for size in ["0", "101", "x"] {
        env.get(&format!("{}?page_size={size}", configuration(APP)))
            .await
            .assert_error(400, 99_992_402);
    }
    env.get(&format!("{}?department_id_type=nope", configuration(APP)))
        .await
        .assert_error(400, 99_992_402);
}

#[tokio::test]
async fn an_app_without_a_range_has_equal_to_availability_and_unnamed_versions_ask_for_nothing() {
    let env = env(Faults::default()).await;
    let live = env.get(&configuration(BARE)).await;
    assert_eq!(
        live.json["data"],
        json!({"contacts_range": {"contacts_scope_type": "equal_to_availability"}, "has_more": false})
    );
    let asked = env.get(&suggest(BARE, "oav_b1")).await;
    assert_eq!(asked.code(), 0, "{}", asked.json);
    assert_eq!(asked.json["data"], json!({}));
    let asked = env.get(&suggest(APP, "oav_a2")).await;
    assert_eq!(
        asked.json["data"]["contacts_range"],
        json!({"contacts_scope_type": "all"})
    );
    env.get(&suggest(APP, "oav_b1"))
        .await
        .assert_error(400, 211_003);
}

#[tokio::test]
async fn approving_a_version_makes_the_range_it_asks_for_live() {
    let env = env(Faults::default()).await;
    let approve = env
        .patch(
            &format!(
                "{}?user_id_type=open_id&operator_id=ou_op",
                version_path(APP, "oav_a2")
            ),
            json!({"status": 1}),
        )
        .await;
    assert_eq!(approve.code(), 0, "{}", approve.json);
    let live = env.get(&configuration(APP)).await;
    assert_eq!(
        live.json["data"]["contacts_range"],
        json!({"contacts_scope_type": "all"})
    );
}

#[tokio::test]
async fn a_failing_route_fails_only_that_operation_and_every_request_is_counted() {
    let env = env(Faults {
        fail_routes: vec!["get_contacts_range_suggest".into()],
        ..Faults::default()
    })
    .await;
    env.get(&suggest(APP, "oav_a2"))
        .await
        .assert_error(500, 2200);
    assert_eq!(env.get(&configuration(APP)).await.code(), 0);
    assert_eq!(env.get(&configuration(APP)).await.code(), 0);
    let state = env.fake.state();
    let counted: Vec<(String, u64)> = state
        .operation_requests("list_contacts_range_configuration")
        .into_iter()
        .collect();
    assert_eq!(counted, [(configuration(APP), 2)]);
    let failed = state.operation_requests("get_contacts_range_suggest");
    assert_eq!(
        failed.values().sum::<u64>(),
        1,
        "a failed request counts too"
    );
}

#[tokio::test]
async fn a_fail_route_that_names_no_operation_is_refused() {
    let error = feishu_fake::start(Config {
        faults: Faults {
            fail_routes: vec!["contacts_range_suggest".into()],
            ..Faults::default()
        },
        ..Config::default()
    })
    .await
    .unwrap_err();
    assert!(
        error.to_string().contains("\"contacts_range_suggest\""),
        "{error}"
    );
}

#[tokio::test]
async fn the_demo_tenant_widens_one_range_to_all_and_narrows_another() {
    let tenant = feishu_fake::seed::generate(feishu_fake::DEFAULT_SEED);
    let kinds: Vec<(String, String)> = tenant
        .apps
        .iter()
        .filter_map(|app| {
            let pending = app.application.unaudit_version_id.as_deref()?;
            let asked = app.contacts_range_suggests.get(pending)?;
            let live = app.contacts_range.as_ref()?;
            let kind = |r: &feishu_application::types::AppContactsRange| {
                r.contacts_scope_type
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            };
            Some((kind(live), kind(asked)))
        })
        .collect();
    assert!(kinds.contains(&("some".into(), "all".into())), "{kinds:?}");
    assert!(kinds.contains(&("all".into(), "some".into())), "{kinds:?}");
}

#[tokio::test]
async fn every_contacts_range_answer_conforms_to_the_spec() {
    let env = env(Faults::default()).await;
    let first = env
        .get(&format!("{}?page_size=2", configuration(APP)))
        .await;
    let token = first.json["data"]["page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let answers = [
        ("list_contacts_range_configuration", first),
        (
            "list_contacts_range_configuration",
            env.get(&format!(
                "{}?page_size=2&page_token={token}",
                configuration(APP)
            ))
            .await,
        ),
        (
            "list_contacts_range_configuration",
            env.get(&configuration(BARE)).await,
        ),
        (
            "list_contacts_range_configuration",
            env.get(&format!("{}?page_size=0", configuration(APP)))
                .await,
        ),
        (
            "get_contacts_range_suggest",
            env.get(&suggest(APP, "oav_a2")).await,
        ),
        (
            "get_contacts_range_suggest",
            env.get(&suggest(BARE, "oav_b1")).await,
        ),
        (
            "get_contacts_range_suggest",
            env.get(&suggest(APP, "oav_b1")).await,
        ),
    ];
    for (operation, answer) in answers {
        let report = feishu_validate::Validator::workspace()
            .validate(operation, answer.status.as_u16(), &answer.bytes)
            .unwrap();
        assert!(report.is_clean(), "{operation} {}: {report:?}", answer.json);
    }
}
