//! The contacts range in `review`, end to end: the CLI as a real process against a fake
//! served from this test process. Each kind of range change gives its exact `changes` members,
//! verdict, rule and reason; a failing range call sends versions to a human, never to approve;
//! each app's live range is read once per run (every page), `--watch` passes included.

use crate::support::{Running, Tenant, finish, stderr, wait_until, whole_json_lines};
use feishu_fake::{Config, Faults, Fixtures};
use serde_json::{Value, json};

const APP: &str = "cli_00000000000000d4";
const NEW_APP: &str = "cli_00000000000000e5";

/// One app (live oav_live, pending oav_pending, the same version otherwise) with `live` as its
/// live range and `asked` as what the pending version asks for; one new app asking for
/// `new_asked`. `null` leaves a range out.
fn fixtures(live: Value, asked: Value, new_asked: Value) -> Fixtures {
    let version = |id: &str, status: i64| {
        json!({"version_id": id, "status": status, "remark": {"remark": "ready"},
               "scopes": [{"scope": "contact:user.base:readonly", "level": 1, "token_types": ["tenant"]}]})
    };
    let mut app = json!({
        "application": {"app_id": APP, "online_version_id": "oav_live", "unaudit_version_id": "oav_pending"},
        "versions": [version("oav_live", 1), version("oav_pending", 3)],
    });
    if !live.is_null() {
        app["contacts_range"] = live;
    }
    if !asked.is_null() {
        app["contacts_range_suggests"] = json!({ "oav_pending": asked });
    }
    let mut new_app = json!({
        "application": {"app_id": NEW_APP, "unaudit_version_id": "oav_new"},
        "versions": [version("oav_new", 3)],
    });
    if !new_asked.is_null() {
        new_app["contacts_range_suggests"] = json!({ "oav_new": new_asked });
    }
    Fixtures::from_json(&json!({"apps": [app, new_app]}).to_string()).unwrap()
}

fn start(fixtures: Fixtures, faults: Faults) -> Tenant {
    Tenant::start(Config {
        fixtures: Some(fixtures),
        faults,
        ..Config::default()
    })
}

/// `feishu-review --json review` (a dry run): the decisions, by app id.
fn review(tenant: &Tenant, args: &[&str]) -> Value {
    let output = tenant.run_without_journal(&[&["--json", "review"], args].concat());
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&output)))
}

fn decision_of<'a>(document: &'a Value, app_id: &str) -> &'a Value {
    document["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["app_id"] == app_id)
        .unwrap_or_else(|| panic!("no decision for {app_id}: {document:#}"))
}

fn some(ids: Value) -> Value {
    json!({"contacts_scope_type": "some", "visible_list": ids})
}

#[test]
fn each_kind_of_range_change_gives_its_exact_members_verdict_and_reason() {
    let all = json!({"contacts_scope_type": "all"});
    let eta = json!({"contacts_scope_type": "equal_to_availability"});
    let cases = [
        (
            "widens to all",
            some(json!({"department_ids": ["od-1"]})),
            all.clone(),
            "widened",
            "human",
            "human_review_when_contacts_range_widens",
            "widens the contacts range to all members",
        ),
        (
            "adds a member",
            some(json!({"open_ids": ["ou_1"]})),
            some(json!({"open_ids": ["ou_1", "ou_2"]})),
            "widened",
            "human",
            "human_review_when_contacts_range_widens",
            "widens the contacts range",
        ),
        (
            "moves an id from member to department",
            some(json!({"open_ids": ["x"]})),
            some(json!({"department_ids": ["x"]})),
            "changed",
            "human",
            "human_review_when_contacts_range_widens",
            "changes the contacts range (some gain directory access)",
        ),
        (
            "switches to some",
            eta.clone(),
            some(json!({"group_ids": ["g"]})),
            "changed",
            "human",
            "human_review_when_contacts_range_widens",
            "changes the contacts range (some gain directory access)",
        ),
        (
            "narrows from all",
            all.clone(),
            some(json!({"department_ids": ["od-1"]})),
            "narrowed",
            "approve",
            "max_auto_approve_level",
            "contacts narrowed (some); nothing above level 1 added",
        ),
        (
            "asks for the live range",
            all.clone(),
            all.clone(),
            "unchanged",
            "approve",
            "max_auto_approve_level",
            "changes nothing since the live version",
        ),
    ];
    for (kind, live, asked, range, verdict, rule, reason) in cases {
        let tenant = start(
            fixtures(live, asked.clone(), Value::Null),
            Faults::default(),
        );
        let document = review(&tenant, &[]);
        let decision = decision_of(&document, APP);
        assert_eq!(
            decision["changes"]["contacts_range"], range,
            "{kind}: {decision:#}"
        );
        assert_eq!(
            decision["changes"]["contacts_range_requested"], asked,
            "{kind}"
        );
        assert_eq!(decision["verdict"], verdict, "{kind}: {decision:#}");
        assert_eq!(decision["rule"], rule, "{kind}");
        assert_eq!(decision["reason"], reason, "{kind}");
    }
}

#[test]
fn no_suggestion_is_unchanged_and_a_new_app_asking_for_all_widens() {
    let all = json!({"contacts_scope_type": "all"});
    let tenant = start(
        fixtures(all.clone(), Value::Null, all.clone()),
        Faults::default(),
    );
    let document = review(&tenant, &[]);
    let kept = decision_of(&document, APP);
    assert_eq!(kept["changes"]["contacts_range"], "unchanged", "{kept:#}");
    assert_eq!(kept["changes"]["contacts_range_requested"], Value::Null);
    assert_eq!(kept["verdict"], "approve");
    let new_app = decision_of(&document, NEW_APP);
    assert_eq!(
        new_app["changes"]["contacts_range"], "widened",
        "{new_app:#}"
    );
    assert_eq!(new_app["rule"], "human_review_when_contacts_range_widens");
}

#[test]
fn a_failing_range_call_sends_the_version_to_a_human_never_to_approve() {
    for call in [
        "get_contacts_range_suggest",
        "list_contacts_range_configuration",
    ] {
        // Both versions would be approved with the ranges read.
        let fixtures = fixtures(Value::Null, Value::Null, Value::Null);
        let tenant = start(
            fixtures,
            Faults {
                fail_routes: vec![call.into()],
                ..Faults::default()
            },
        );
        let document = review(&tenant, &[]);
        let decision = decision_of(&document, APP);
        assert_eq!(decision["verdict"], "human", "{call}: {decision:#}");
        assert_eq!(decision["rule"], "judge", "{call}");
        let reason = decision["reason"].as_str().unwrap();
        assert!(
            reason.starts_with(&format!(
                "the contacts range could not be read: {call} failed ("
            )),
            "{reason}"
        );
        assert!(
            reason.ends_with("judged whole, and not approved without it"),
            "{reason}"
        );
        assert_eq!(decision["changes"], Value::Null);
        // The new app's live range is never read: only the suggestion can fail it.
        let new_app = decision_of(&document, NEW_APP);
        let expected = if call == "get_contacts_range_suggest" {
            "human"
        } else {
            "approve"
        };
        assert_eq!(new_app["verdict"], expected, "{call}: {new_app:#}");
        assert_eq!(document["summary"]["failed"], 0);
    }
}

#[test]
fn each_live_range_is_read_once_per_app_every_page() {
    let tenant = Tenant::start(Config::default());
    let document = review(&tenant, &[]);
    let decisions = document["decisions"].as_array().unwrap();
    let with_live = decisions
        .iter()
        .filter(|d| d["changes"]["since"].is_string())
        .count();
    let state = tenant.fake.state();
    let reads = state.operation_requests("list_contacts_range_configuration");
    assert_eq!(
        reads.len(),
        with_live,
        "one path per app with a live version: {reads:?}"
    );
    assert!(reads.values().all(|&n| n == 1), "each read once: {reads:?}");
    let asked = state.operation_requests("get_contacts_range_suggest");
    assert_eq!(asked.len(), decisions.len());
    assert!(asked.values().all(|&n| n == 1), "{asked:?}");
    // The demo tenant widens one range to all and narrows another.
    let ranges: Vec<&str> = decisions
        .iter()
        .filter_map(|d| d["changes"]["contacts_range"].as_str())
        .collect();
    assert!(
        ranges.contains(&"widened") && ranges.contains(&"narrowed"),
        "{ranges:?}"
    );
    for decision in decisions {
        if matches!(
            decision["changes"]["contacts_range"].as_str(),
            Some("widened" | "changed")
        ) {
            assert_ne!(decision["verdict"], "approve", "{decision:#}");
        }
    }
}

#[test]
fn a_range_spread_over_pages_is_read_whole() {
    let ids: Vec<String> = (0..120).map(|i| format!("ou_{i}")).collect();
    let fewer = ids[1..].to_vec();
    let fixtures = fixtures(
        some(json!({ "open_ids": ids })),
        some(json!({ "open_ids": fewer })),
        Value::Null,
    );
    let tenant = start(fixtures, Faults::default());
    let document = review(&tenant, &[]);
    let decision = decision_of(&document, APP);
    // Read whole (three pages of 50), one id fewer narrows; the first page alone (50 ids)
    // would make the 119 asked for a widening.
    assert_eq!(
        decision["changes"]["contacts_range"], "narrowed",
        "{decision:#}"
    );
    assert_eq!(decision["verdict"], "approve", "{decision:#}");
    let reads = tenant
        .fake
        .state()
        .operation_requests("list_contacts_range_configuration");
    assert_eq!(
        reads.values().copied().collect::<Vec<_>>(),
        [3],
        "{reads:?}"
    );
}

#[cfg(unix)]
#[test]
fn watch_passes_read_each_live_range_once() {
    let tenant = Tenant::start(Config::default());
    let state = tenant.fake.state();
    let pending = tenant.pending();
    let mut watching = tenant.spawn(&["--json", "review", "--watch", "50ms"]);
    let suggests = |state: &feishu_fake::AppState| {
        state
            .operation_requests("get_contacts_range_suggest")
            .values()
            .sum::<u64>()
    };
    let first_pass = |running: &mut Running| {
        let done = !whole_json_lines(&running.stdout_so_far()).is_empty();
        assert!(done || !running.ended(), "the watch ended early");
        done
    };
    wait_until("the first pass", || first_pass(&mut watching));
    assert_eq!(suggests(state), pending.len() as u64);
    // A resubmission of an app with a live version: its live range is already known.
    let snapshot = state.snapshot();
    let app_id = snapshot
        .apps
        .iter()
        .find(|app| {
            app.application.online_version_id.is_some()
                && app.application.unaudit_version_id.is_some()
        })
        .and_then(|app| app.application.app_id.clone())
        .unwrap();
    let configuration =
        format!("/open-apis/application/v6/applications/{app_id}/contacts_range_configuration");
    let before = state.operation_requests("list_contacts_range_configuration");
    assert_eq!(before.get(&configuration), Some(&1));
    let submitted = state.submit_version(&app_id).unwrap();
    wait_until("the new version's suggestion is read", || {
        state
            .operation_requests("get_contacts_range_suggest")
            .keys()
            .any(|path| path.contains(&submitted))
    });
    wait_until("the second pass is printed", || {
        whole_json_lines(&watching.stdout_so_far()).len() >= 2
    });
    watching.signal("TERM");
    let output = finish(watching);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        state.operation_requests("list_contacts_range_configuration"),
        before,
        "no live range read again"
    );
}

#[test]
fn fake_refuses_a_fail_route_that_names_no_operation() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_feishu-review"))
        .args(["fake", "--fail-route", "contacts_range_suggest"])
        .env_remove("FEISHU_BASE_URL")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("\"contacts_range_suggest\" is not an operationId"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing listens");
}
