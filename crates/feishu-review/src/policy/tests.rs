use serde_json::{Value, json};

use super::*;

fn version(scopes: Value, remark: Option<&str>) -> AppVersion {
    let mut value = json!({"version_id": "oav_pending", "scopes": scopes});
    if let Some(remark) = remark {
        value["remark"] = json!({"remark": remark});
    }
    serde_json::from_value(value).unwrap()
}

fn with(mut version: AppVersion, patch: Value) -> AppVersion {
    let mut value = serde_json::to_value(&version).unwrap();
    for (key, member) in patch.as_object().unwrap() {
        value[key] = member.clone();
    }
    version = serde_json::from_value(value).unwrap();
    version
}

fn scope(name: &str, level: i64) -> Value {
    json!({"scope": name, "level": level})
}

fn live() -> AppVersion {
    with(
        version(json!([scope("a", 1), scope("b", 3)]), Some("live")),
        json!({"version_id": "oav_live", "back_home_url": "https://a.example.com/admin"}),
    )
}

#[test]
fn default_policy_approves_normal_scopes_with_a_remark() {
    let decision = Policy::default().decide(
        &version(json!([scope("a", 1)]), Some("why")),
        Live::None,
        Ranges::NO_CHANGE,
    );
    assert_eq!(decision.verdict, Verdict::Approve);
    assert_eq!(decision.changes.unwrap().since, None);
}

#[test]
fn whole_rules_apply_in_order() {
    let policy = Policy {
        rejected_scopes: vec!["contact:*".into()],
        human_review_scopes: vec!["im:message".into()],
        ..Policy::default()
    };
    let cases = [
        (
            version(json!([scope("contact:user.phone", 1)]), Some("r")),
            Verdict::Reject,
            Rule::RejectedScopes,
        ),
        (
            version(json!([scope("a", 1)]), None),
            Verdict::Reject,
            Rule::RequireRemark,
        ),
        (
            version(json!([scope("im:message", 1)]), Some("r")),
            Verdict::Human,
            Rule::HumanReviewScopes,
        ),
        (
            version(json!([scope("a", 2)]), Some("r")),
            Verdict::Human,
            Rule::MaxAutoApproveLevel,
        ),
        (
            version(json!([scope("a", 7)]), Some("r")),
            Verdict::Human,
            Rule::MaxAutoApproveLevel,
        ),
        (
            version(json!([{"level": 2}]), Some("r")),
            Verdict::Human,
            Rule::MaxAutoApproveLevel,
        ),
    ];
    for (version, verdict, rule) in cases {
        for live in [Live::None, Live::NotAsked] {
            let decision = policy.decide(&version, live, Ranges::NO_CHANGE);
            assert_eq!(
                (decision.verdict, decision.rule),
                (verdict, rule),
                "{:?}",
                version.scopes
            );
        }
    }
}

#[test]
fn a_resubmission_is_judged_by_the_scopes_it_adds() {
    let policy = Policy::default();
    let same = with(live(), json!({"version_id": "oav_pending"}));
    let decision = policy.decide(&same, Live::Read(&live()), Ranges::NO_CHANGE);
    assert_eq!(decision.verdict, Verdict::Approve, "{decision:?}");
    assert_eq!(decision.reason, "changes nothing since the live version");
    assert_eq!(decision.changes.unwrap().since.as_deref(), Some("oav_live"));

    let adds = with(
        same.clone(),
        json!({"scopes": [scope("a", 1), scope("b", 3), scope("contact:user.phone:readonly", 3)]}),
    );
    let decision = policy.decide(&adds, Live::Read(&live()), Ranges::NO_CHANGE);
    assert_eq!(
        (decision.verdict, decision.rule),
        (Verdict::Human, Rule::MaxAutoApproveLevel)
    );
    assert_eq!(
        decision.reason,
        "adds contact:user.phone:readonly (level 3); auto-approval stops at level 1"
    );

    let raises = with(
        same.clone(),
        json!({"scopes": [scope("a", 2), scope("b", 3)]}),
    );
    let decision = policy.decide(&raises, Live::Read(&live()), Ranges::NO_CHANGE);
    assert_eq!(
        decision.reason,
        "raises a from level 1 to level 2; auto-approval stops at level 1"
    );

    let drops = with(same, json!({"scopes": [scope("b", 3)]}));
    let decision = policy.decide(&drops, Live::Read(&live()), Ranges::NO_CHANGE);
    assert_eq!(decision.verdict, Verdict::Approve, "{decision:?}");
    assert_eq!(decision.reason, "-1 scope; nothing above level 1 added");
}

#[test]
fn rejected_scopes_apply_to_every_scope_even_live_ones() {
    let policy = Policy {
        rejected_scopes: vec!["b".into()],
        ..Policy::default()
    };
    let same = with(live(), json!({"version_id": "oav_pending"}));
    let decision = policy.decide(&same, Live::Read(&live()), Ranges::NO_CHANGE);
    assert_eq!(decision.rule, Rule::RejectedScopes);
    assert!(decision.changes.is_some());
}

#[test]
fn widened_visibility_moved_hosts_abilities_and_events_need_a_human() {
    let policy = Policy {
        human_review_when_abilities_added: vec!["bot".into()],
        human_review_when_events_added: vec!["im.message.*".into()],
        ..Policy::default()
    };
    let same = with(live(), json!({"version_id": "oav_pending"}));
    let cases = [
        (
            json!({"remark": {"remark": "r", "visibility": {"is_all": true}}}),
            Rule::HumanReviewWhenVisibilityWidens,
            "widens visibility to everyone",
        ),
        (
            json!({"back_home_url": "https://b.example.com/admin"}),
            Rule::HumanReviewWhenHostChanges,
            "moves back_home_url from https://a.example.com/admin to https://b.example.com/admin",
        ),
        (
            json!({"ability": {"bot": {}}}),
            Rule::HumanReviewWhenAbilitiesAdded,
            "turns on the bot ability",
        ),
        (
            json!({"events": ["im.message.receive_v1"]}),
            Rule::HumanReviewWhenEventsAdded,
            "subscribes to the event im.message.receive_v1",
        ),
    ];
    for (patch, rule, reason) in cases {
        let decision = policy.decide(
            &with(same.clone(), patch.clone()),
            Live::Read(&live()),
            Ranges::NO_CHANGE,
        );
        assert_eq!(
            (decision.verdict, decision.rule),
            (Verdict::Human, rule),
            "{patch}"
        );
        assert_eq!(decision.reason, reason);
    }
    let off = Policy {
        human_review_when_visibility_widens: false,
        human_review_when_host_changes: false,
        ..Policy::default()
    };
    for patch in [
        json!({"remark": {"remark": "r", "visibility": {"is_all": true}}}),
        json!({"back_home_url": "https://b.example.com/admin"}),
    ] {
        let decision = off.decide(
            &with(same.clone(), patch),
            Live::Read(&live()),
            Ranges::NO_CHANGE,
        );
        assert_eq!(decision.verdict, Verdict::Approve, "{decision:?}");
    }
}

#[test]
fn judge_whole_ignores_the_live_version() {
    let policy = Policy {
        judge: Judge::Whole,
        ..Policy::default()
    };
    let same = with(live(), json!({"version_id": "oav_pending"}));
    let decision = policy.decide(&same, Live::Read(&live()), Ranges::NO_CHANGE);
    assert_eq!(
        (decision.verdict, decision.rule),
        (Verdict::Human, Rule::MaxAutoApproveLevel)
    );
    assert_eq!(decision.changes, None);
}

#[test]
fn an_unreadable_live_version_never_approves() {
    let policy = Policy::default();
    let unreadable = Live::Unreadable {
        version_id: "oav_live",
        error: "Feishu error 210504",
    };
    let normal = version(json!([scope("a", 1)]), Some("r"));
    let decision = policy.decide(&normal, unreadable, Ranges::NO_CHANGE);
    assert_eq!(
        (decision.verdict, decision.rule),
        (Verdict::Human, Rule::Judge)
    );
    assert_eq!(
        decision.reason,
        "the live version oav_live could not be read (Feishu error 210504); judged whole, and not approved without it"
    );
    assert_eq!(decision.changes, None);
    let sensitive = version(json!([scope("a", 3)]), Some("r"));
    let decision = policy.decide(&sensitive, unreadable, Ranges::NO_CHANGE);
    assert_eq!(decision.rule, Rule::MaxAutoApproveLevel);
    assert!(
        decision.reason.ends_with(
            "judged whole: the live version oav_live could not be read (Feishu error 210504)"
        ),
        "{}",
        decision.reason
    );
}

#[test]
fn rules_serialize_as_the_policy_keys() {
    for rule in Rule::ALL {
        let json = serde_json::to_value(rule).unwrap();
        assert_eq!(json, rule.as_str());
        assert_eq!(serde_json::from_value::<Rule>(json).unwrap(), rule);
        // Every rule names a key the policy file accepts.
        let key = format!("{} = []", rule.as_str());
        let parsed = Policy::parse(&key);
        assert!(
            !format!("{parsed:?}").contains("unknown field"),
            "{rule}: {parsed:?}"
        );
    }
}

#[test]
fn a_typo_is_an_error_naming_the_line() {
    let error = Policy::parse("require_remark = true\nmax_auto_aprove_level = 2\n").unwrap_err();
    let message = format!("{error:#}");
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("max_auto_aprove_level"), "{message}");
}

#[test]
fn a_wrong_type_or_range_is_an_error() {
    assert!(format!("{:#}", Policy::parse("require_remark = 3").unwrap_err()).contains("line 1"));
    assert!(Policy::parse("max_auto_approve_level = 4").is_err());
    assert!(Policy::parse("judge = \"partly\"").is_err());
    assert_eq!(
        Policy::parse("judge = \"whole\"").unwrap().judge,
        Judge::Whole
    );
}

#[test]
fn the_example_policy_documents_every_rule_in_order() {
    let text = include_str!("../../examples/policy.toml");
    let policy = Policy::parse(text).unwrap();
    assert_ne!(policy, Policy::default());
    let positions: Vec<usize> = Rule::ALL
        .iter()
        .map(|rule| {
            text.find(&format!("\n{} = ", rule.as_str()))
                .unwrap_or_else(|| panic!("{rule} is not in examples/policy.toml"))
        })
        .collect();
    assert!(positions.is_sorted(), "rules out of order: {positions:?}");
}

#[test]
fn summaries_are_short() {
    let same = with(
        live(),
        json!({"version_id": "oav_pending",
        "scopes": [scope("a", 1), scope("c", 3), scope("d", 2)],
        "remark": {"remark": "r", "visibility": {"is_all": true}}}),
    );
    let changes = VersionChanges::between(&live(), &same);
    assert_eq!(
        summary(&changes),
        "+2 scopes (max level 3), -1 scope, visibility widened"
    );
    assert_eq!(
        summary(&VersionChanges::between(&live(), &live())),
        "no change"
    );
    assert_eq!(
        summary(&VersionChanges::new_app(&live())),
        "new app, 2 scopes (max level 3)"
    );
}
