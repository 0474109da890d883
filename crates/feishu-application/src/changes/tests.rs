use serde_json::{Value, json};

use super::*;

fn version(value: Value) -> AppVersion {
    serde_json::from_value(value).unwrap()
}

fn scope(name: &str, level: i64) -> Value {
    json!({"scope": name, "level": level, "token_types": ["tenant"]})
}

fn between(live: Value, pending: Value) -> VersionChanges {
    VersionChanges::between(&version(live), &version(pending))
}

#[test]
fn identical_versions_change_nothing() {
    let both = json!({"version_id": "oav_1", "scopes": [scope("a", 1)], "events": ["e"],
        "back_home_url": "https://a.example.com/admin", "ability": {"bot": {}},
        "remark": {"visibility": {"is_all": true}}});
    let changes = between(both.clone(), both);
    assert!(changes.is_empty(), "{changes:?}");
    assert_eq!(changes.since.as_deref(), Some("oav_1"));
}

#[test]
fn the_order_of_lists_is_not_a_change_and_results_are_sorted() {
    let changes = between(
        json!({"scopes": [scope("b", 1), scope("a", 1)], "events": ["y", "x"]}),
        json!({"scopes": [scope("a", 1), scope("d", 2), scope("c", 1), scope("b", 1)],
               "events": ["x", "z", "y", "w"]}),
    );
    let added: Vec<&str> = changes
        .scopes_added
        .iter()
        .map(|s| s.scope.as_str())
        .collect();
    assert_eq!(added, ["c", "d"]);
    assert_eq!(changes.events_added, ["w", "z"]);
    assert!(changes.scopes_removed.is_empty() && changes.events_removed.is_empty());
}

#[test]
fn a_duplicated_scope_counts_once_at_its_highest_level() {
    let changes = between(
        json!({"scopes": [scope("a", 1)]}),
        json!({"scopes": [scope("a", 1), scope("a", 3),
                          {"scope": "a", "level": 1, "token_types": ["user"]}]}),
    );
    assert!(changes.scopes_added.is_empty());
    assert_eq!(
        changes.scope_levels_changed,
        [LevelChange {
            scope: "a".into(),
            from: Some(ScopeLevel::Normal),
            to: Some(ScopeLevel::SuperSensitive)
        }]
    );
    let twice = between(json!({}), json!({"scopes": [scope("b", 2), scope("b", 2)]}));
    assert_eq!(twice.scopes_added.len(), 1);
}

#[test]
fn added_and_removed_scopes_carry_level_and_token_types() {
    let changes = between(
        json!({"scopes": [scope("gone", 2)]}),
        json!({"scopes": [{"scope": "new", "level": 3, "token_types": ["user", "tenant"]}]}),
    );
    let value = serde_json::to_value(&changes).unwrap();
    assert_eq!(
        value["scopes_added"],
        json!([{"scope": "new", "level": 3, "token_types": ["tenant", "user"]}])
    );
    assert_eq!(
        value["scopes_removed"],
        json!([{"scope": "gone", "level": 2, "token_types": ["tenant"]}])
    );
}

#[test]
fn empty_and_absent_lists_are_the_same() {
    let changes = between(
        json!({"scopes": [], "events": [], "event_infos": [], "i18n": [],
               "ability": {"docs_blocks": [], "workplace_widgets": []}}),
        json!({}),
    );
    assert!(changes.is_empty(), "{changes:?}");
    let visible = between(
        json!({"remark": {"visibility": {"is_all": false, "visible_list": {"open_ids": []}}}}),
        json!({"remark": {"visibility": {"is_all": false}}}),
    );
    assert_eq!(visible.visibility, Visibility::Unchanged);
}

#[test]
fn events_come_from_both_lists() {
    let changes = between(
        json!({"events": ["a"]}),
        json!({"event_infos": [{"event_type": "a"}, {"event_type": "b"}]}),
    );
    assert_eq!(changes.events_added, ["b"]);
    assert!(changes.events_removed.is_empty());
}

#[test]
fn visibility_widens_narrows_or_changes() {
    let vis = |v: Value| json!({"remark": {"visibility": v}});
    let list = |ids: &[&str]| json!({"open_ids": ids});
    let cases = [
        (
            vis(json!({"is_all": false, "visible_list": list(&["a"])})),
            vis(json!({"is_all": true})),
            Visibility::Widened,
        ),
        (
            vis(json!({"is_all": true})),
            vis(json!({"is_all": false, "visible_list": list(&["a"])})),
            Visibility::Narrowed,
        ),
        (
            vis(json!({"visible_list": list(&["a"])})),
            vis(json!({"visible_list": list(&["a", "b"])})),
            Visibility::Widened,
        ),
        (
            vis(json!({"visible_list": list(&["a"])})),
            vis(json!({"visible_list": list(&["b"])})),
            Visibility::Changed,
        ),
        (
            vis(json!({"is_all": true, "invisible_list": list(&["a"])})),
            vis(json!({"is_all": true})),
            Visibility::Widened,
        ),
        (
            vis(json!({"is_all": true})),
            vis(json!({"is_all": true, "invisible_list": list(&["a"])})),
            Visibility::Narrowed,
        ),
        // No suggestion keeps the live visibility.
        (
            vis(json!({"is_all": false})),
            json!({}),
            Visibility::Unchanged,
        ),
        // A live version without one: any suggestion widens.
        (
            json!({}),
            vis(json!({"visible_list": list(&["a"])})),
            Visibility::Widened,
        ),
        // A member and a department with the same id are different people.
        (
            vis(json!({"visible_list": {"open_ids": ["x"]}})),
            vis(json!({"visible_list": {"department_ids": ["x"]}})),
            Visibility::Changed,
        ),
    ];
    for (live, pending, expected) in cases {
        assert_eq!(
            between(live.clone(), pending.clone()).visibility,
            expected,
            "{live} -> {pending}"
        );
    }
}

#[test]
fn hosts_compare_case_insensitively_with_ports() {
    let home = |url: &str| json!({"back_home_url": url});
    let same = [
        (
            "https://a.example.com/admin",
            "https://A.Example.COM/other/path?x=1",
        ),
        ("https://a.example.com/", "https://a.example.com:443/"),
        ("not a url", "NOT A URL"),
        ("", "  "),
    ];
    for (from, to) in same {
        assert!(
            between(home(from), home(to)).hosts_changed.is_empty(),
            "{from} -> {to}"
        );
    }
    let moved = [
        ("https://a.example.com/admin", "https://b.example.com/admin"),
        (
            "https://a.example.com/admin",
            "https://a.example.com:8443/admin",
        ),
        (
            "https://a.example.com/admin",
            "https://a.example.com.evil.io/admin",
        ),
    ];
    for (from, to) in moved {
        assert_eq!(
            between(home(from), home(to)).hosts_changed,
            [HostChange {
                field: "back_home_url".into(),
                from: Some(from.into()),
                to: Some(to.into())
            }]
        );
    }
    let added = between(
        json!({}),
        json!({"ability": {"web_app": {"pc_url": "https://x.io"}}}),
    );
    assert_eq!(added.hosts_changed[0].field, "ability.web_app.pc_url");
    assert_eq!(added.hosts_changed[0].from, None);
}

#[test]
fn abilities_on_off_and_changed_ignore_undocumented_members() {
    let changes = between(
        json!({"ability": {"bot": {"card_request_url": "https://a.io/1"}, "gadget": {"pc_version": "1"},
                           "web_app": {"pc_url": "https://a.io", "new_member": 1}}}),
        json!({"ability": {"bot": {"card_request_url": "https://a.io/2"}, "navigate": {},
                           "web_app": {"pc_url": "https://a.io", "new_member": 2},
                           "workplace_widgets": [{"min_lark_version": "5"}]}}),
    );
    assert_eq!(changes.abilities_added, ["navigate", "workplace_widgets"]);
    assert_eq!(changes.abilities_removed, ["gadget"]);
    assert_eq!(changes.abilities_changed, ["bot"]);
}

#[test]
fn names_compare_every_language_as_a_set() {
    let i18n = |zh: &str| {
        json!({"app_name": "A", "i18n": [
        {"i18n_key": "en_us", "name": "A"}, {"i18n_key": "zh_cn", "name": zh, "help_use": zh}]})
    };
    assert!(
        !between(
            i18n("甲"),
            json!({"app_name": "A", "i18n": [
        {"i18n_key": "zh_cn", "name": "甲"}, {"i18n_key": "en_us", "name": "A"}]})
        )
        .names_changed
    );
    assert!(between(i18n("甲"), i18n("乙")).names_changed);
    assert!(between(json!({"description": "x"}), json!({"description": "y"})).names_changed);
}

#[test]
fn a_new_app_adds_everything_since_nothing() {
    let changes = VersionChanges::new_app(&version(json!({"version_id": "oav_2",
        "scopes": [scope("a", 1)], "remark": {"visibility": {"is_all": true}}})));
    assert_eq!(changes.since, None);
    assert_eq!(changes.scopes_added.len(), 1);
    assert_eq!(changes.visibility, Visibility::Widened);
}

#[test]
fn it_serializes_with_the_fixed_names() {
    let value = serde_json::to_value(VersionChanges::default()).unwrap();
    assert_eq!(
        value,
        json!({"since": null, "scopes_added": [], "scopes_removed": [], "scope_levels_changed": [],
               "abilities_added": [], "abilities_removed": [], "abilities_changed": [],
               "visibility": "unchanged", "events_added": [], "events_removed": [],
               "hosts_changed": [], "names_changed": false, "contacts_range": "unchanged",
               "contacts_range_requested": null})
    );
    let back: VersionChanges = serde_json::from_value(value).unwrap();
    assert_eq!(back, VersionChanges::default());
}
