//! `human_review_when_contacts_range_widens`, and a failed range read.

use feishu_application::types::AppContactsRange;
use serde_json::{Value, json};

use super::*;

fn version(id: &str) -> AppVersion {
    serde_json::from_value(json!({"version_id": id, "remark": {"remark": "r"},
        "scopes": [{"scope": "a", "level": 1}]}))
    .unwrap()
}

fn range(value: Value) -> AppContactsRange {
    serde_json::from_value(value).unwrap()
}

fn kind(kind: &str) -> AppContactsRange {
    range(json!({ "contacts_scope_type": kind }))
}

fn decide(
    policy: &Policy,
    live: Option<&AppContactsRange>,
    requested: Option<&AppContactsRange>,
) -> Decision {
    policy.decide(
        &version("oav_pending"),
        Live::Read(&version("oav_live")),
        Ranges::Read { live, requested },
    )
}

#[test]
fn a_widened_or_changed_range_goes_to_a_human_and_the_reason_names_it() {
    let policy = Policy::default();
    let some =
        range(json!({"contacts_scope_type": "some", "visible_list": {"open_ids": ["ou_1"]}}));
    let cases = [
        (
            kind("some"),
            kind("all"),
            "widens the contacts range to all members",
        ),
        (
            some.clone(),
            range(
                json!({"contacts_scope_type": "some", "visible_list": {"open_ids": ["ou_1", "ou_2"]}}),
            ),
            "widens the contacts range",
        ),
        (
            kind("equal_to_availability"),
            some.clone(),
            "changes the contacts range (some gain directory access)",
        ),
    ];
    for (live, requested, reason) in cases {
        let decision = decide(&policy, Some(&live), Some(&requested));
        assert_eq!(
            (decision.verdict, decision.rule),
            (Verdict::Human, Rule::HumanReviewWhenContactsRangeWidens),
            "{reason}"
        );
        assert_eq!(decision.reason, reason);
        let changes = decision.changes.unwrap();
        assert_eq!(changes.contacts_range_requested, Some(requested));
    }
    // A new app asking for all members.
    let new_app = policy.decide(
        &version("oav_pending"),
        Live::None,
        Ranges::Read {
            live: None,
            requested: Some(&kind("all")),
        },
    );
    assert_eq!(new_app.rule, Rule::HumanReviewWhenContactsRangeWidens);
}

#[test]
fn a_narrowed_or_unchanged_range_is_approved_and_the_rule_can_be_turned_off() {
    let policy = Policy::default();
    let narrowed = decide(&policy, Some(&kind("all")), Some(&kind("some")));
    assert_eq!(narrowed.verdict, Verdict::Approve, "{narrowed:?}");
    assert_eq!(
        narrowed.reason,
        "contacts narrowed (some); nothing above level 1 added"
    );
    let unchanged = decide(&policy, Some(&kind("all")), None);
    assert_eq!(unchanged.verdict, Verdict::Approve, "{unchanged:?}");
    let off = Policy {
        human_review_when_contacts_range_widens: false,
        ..Policy::default()
    };
    let widened = decide(&off, Some(&kind("some")), Some(&kind("all")));
    assert_eq!(widened.verdict, Verdict::Approve, "{widened:?}");
}

#[test]
fn judged_whole_a_requested_or_live_range_of_all_goes_to_a_human() {
    let policy = Policy {
        judge: Judge::Whole,
        ..Policy::default()
    };
    let whole = |live: Option<&AppContactsRange>, requested: Option<&AppContactsRange>| {
        policy.decide(
            &version("oav_pending"),
            Live::NotAsked,
            Ranges::Read { live, requested },
        )
    };
    let asked = whole(Some(&kind("some")), Some(&kind("all")));
    assert_eq!(
        (asked.verdict, asked.rule),
        (Verdict::Human, Rule::HumanReviewWhenContactsRangeWidens)
    );
    assert_eq!(asked.reason, "asks for a contacts range of all members");
    let live = whole(Some(&kind("all")), None);
    assert_eq!(live.reason, "the live contacts range is all members");
    assert_eq!(
        whole(Some(&kind("some")), Some(&kind("some"))).verdict,
        Verdict::Approve
    );
    let off = Policy {
        human_review_when_contacts_range_widens: false,
        ..policy.clone()
    };
    let ignored = off.decide(
        &version("oav_pending"),
        Live::NotAsked,
        Ranges::Read {
            live: Some(&kind("all")),
            requested: None,
        },
    );
    assert_eq!(ignored.verdict, Verdict::Approve);
}

#[test]
fn a_failed_range_read_judges_whole_and_never_approves() {
    let failed = Ranges::Unreadable {
        call: "get_contacts_range_suggest",
        error: "Feishu error 2200",
    };
    for policy in [
        Policy::default(),
        Policy {
            human_review_when_contacts_range_widens: false,
            ..Policy::default()
        },
        Policy {
            judge: Judge::Whole,
            ..Policy::default()
        },
    ] {
        let decision = policy.decide(
            &version("oav_pending"),
            Live::Read(&version("oav_live")),
            failed,
        );
        assert_eq!(
            (decision.verdict, decision.rule),
            (Verdict::Human, Rule::Judge)
        );
        assert_eq!(
            decision.reason,
            "the contacts range could not be read: get_contacts_range_suggest failed \
             (Feishu error 2200); judged whole, and not approved without it"
        );
        assert_eq!(decision.changes, None);
    }
    // A rejection stays a rejection, and says what was missing.
    let unexplained: AppVersion = serde_json::from_value(json!({"version_id": "oav_p"})).unwrap();
    let decision = Policy::default().decide(&unexplained, Live::None, failed);
    assert_eq!(decision.verdict, Verdict::Reject);
    assert!(decision.reason.ends_with("judged whole: the contacts range could not be read: get_contacts_range_suggest failed (Feishu error 2200)"), "{}", decision.reason);
}
