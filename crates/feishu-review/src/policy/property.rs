//! The policy's promise over random (live, pending) pairs: while the rules are on, it never
//! approves a version that adds a scope above `max_auto_approve_level` (or raises one there),
//! adds a `human_review_scopes` scope, widens visibility, changes a host, or widens or changes
//! its contacts range.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{Value, json};

use feishu_application::changes::Visibility;
use feishu_application::types::AppContactsRange;

use super::describe::rank;
use super::*;

const SCOPES: [&str; 6] = [
    "a:read",
    "a:write",
    "contact:phone",
    "im:message",
    "drive:file",
    "x",
];
const HOSTS: [&str; 4] = [
    "https://a.example.com/admin",
    "https://A.EXAMPLE.com:443/other",
    "https://b.example.com/admin",
    "https://a.example.com:8443/admin",
];
const PEOPLE: [&str; 3] = ["ou_1", "ou_2", "ou_3"];
const RANGE_KINDS: [&str; 4] = ["equal_to_availability", "some", "all", "half"];

/// A contacts range: a kind (one undocumented) and members, departments and groups that share
/// ids; `None`: no range (no live range, or no change asked for).
fn contacts_range() -> impl Strategy<Value = Option<(usize, Vec<(usize, usize)>)>> {
    prop::option::of((
        0..RANGE_KINDS.len(),
        prop::collection::vec((0..3usize, 0..PEOPLE.len()), 0..4),
    ))
}

fn range_of(range: &Option<(usize, Vec<(usize, usize)>)>) -> Option<AppContactsRange> {
    let (kind, ids) = range.as_ref()?;
    let mut lists = [Vec::new(), Vec::new(), Vec::new()];
    for &(list, id) in ids {
        lists[list].push(PEOPLE[id]);
    }
    serde_json::from_value(
        json!({"contacts_scope_type": RANGE_KINDS[*kind], "visible_list":
        {"open_ids": lists[0], "department_ids": lists[1], "group_ids": lists[2]}}),
    )
    .ok()
}

fn scopes() -> impl Strategy<Value = Vec<(usize, i64)>> {
    prop::collection::vec((0..SCOPES.len(), 0i64..=4), 0..5)
}

fn visibility() -> impl Strategy<Value = Option<(bool, Vec<usize>, Vec<usize>)>> {
    prop::option::of((
        any::<bool>(),
        prop::collection::vec(0..PEOPLE.len(), 0..3),
        prop::collection::vec(0..PEOPLE.len(), 0..3),
    ))
}

fn version(
    id: &str,
    scopes: &[(usize, i64)],
    host: Option<usize>,
    visibility: &Option<(bool, Vec<usize>, Vec<usize>)>,
) -> AppVersion {
    let ids =
        |list: &[usize]| json!({"open_ids": list.iter().map(|&i| PEOPLE[i]).collect::<Vec<_>>()});
    let mut remark = json!({"remark": "r"});
    if let Some((all, visible, hidden)) = visibility {
        remark["visibility"] =
            json!({"is_all": all, "visible_list": ids(visible), "invisible_list": ids(hidden)});
    }
    let scopes: Vec<Value> = scopes
        .iter()
        .map(|&(s, level)| json!({"scope": SCOPES[s], "level": level}))
        .collect();
    serde_json::from_value(json!({"version_id": id, "scopes": scopes,
        "back_home_url": host.map(|h| HOSTS[h]), "remark": remark}))
    .unwrap()
}

/// The highest level of each scope a version asks for (duplicates at their highest).
fn levels(version: &AppVersion) -> BTreeMap<String, u8> {
    let mut levels = BTreeMap::new();
    for scope in &version.scopes {
        let level = rank(scope.level);
        let entry = levels
            .entry(scope.scope.clone().unwrap_or_default())
            .or_insert(level);
        *entry = (*entry).max(level);
    }
    levels
}

/// Who sees the app under a suggestion, out of `PEOPLE`; `None` keeps the live one.
fn seen_by(version: &AppVersion) -> Option<Vec<bool>> {
    let visibility = version.remark.as_ref()?.visibility.as_ref()?;
    let listed = |list: &Option<feishu_application::types::AppVisibleList>, who: &str| {
        list.as_ref()
            .is_some_and(|l| l.open_ids.iter().any(|id| id == who))
    };
    Some(
        PEOPLE
            .iter()
            .map(|who| {
                (visibility.is_all == Some(true) || listed(&visibility.visible_list, who))
                    && !listed(&visibility.invisible_list, who)
            })
            .collect(),
    )
}

fn host_of(url: Option<&str>) -> Option<String> {
    let rest = url?.split_once("://")?.1.to_ascii_lowercase();
    let authority = rest.split('/').next()?.trim_end_matches(":443").to_owned();
    Some(authority)
}

proptest! {
    #[test]
    fn never_approves_what_the_rules_send_to_a_human(
        live_scopes in scopes(),
        pending_scopes in scopes(),
        live_host in prop::option::of(0..HOSTS.len()),
        pending_host in prop::option::of(0..HOSTS.len()),
        live_visibility in visibility(),
        pending_visibility in visibility(),
        // Most resubmissions keep most of what is live: mix in copies of the live facts so that
        // approvals, the interesting case, are common.
        same in (any::<bool>(), any::<bool>(), any::<bool>()),
        live_range in contacts_range(),
        requested_range in contacts_range(),
        max in 0u8..=3,
        human in prop::collection::vec(0..SCOPES.len(), 0..2),
    ) {
        let policy = Policy {
            max_auto_approve_level: max,
            human_review_scopes: human.iter().map(|&i| SCOPES[i].to_owned()).collect(),
            ..Policy::default()
        };
        let live = version("oav_live", &live_scopes, live_host, &live_visibility);
        let pending = version(
            "oav_pending",
            if same.0 { &live_scopes } else { &pending_scopes },
            if same.1 { live_host } else { pending_host },
            if same.2 { &live_visibility } else { &pending_visibility },
        );
        let (live_range, requested_range) = (range_of(&live_range), range_of(&requested_range));
        let ranges = Ranges::Read { live: live_range.as_ref(), requested: requested_range.as_ref() };
        let decision = policy.decide(&pending, Live::Read(&live), ranges);
        if decision.verdict != Verdict::Approve {
            return Ok(());
        }
        let changes = decision.changes.as_deref().expect("an approval by change carries changes");
        prop_assert!(
            !matches!(changes.contacts_range, Visibility::Widened | Visibility::Changed),
            "approved a contacts range {:?}: {live_range:?} -> {requested_range:?}",
            changes.contacts_range
        );
        let all = |r: &Option<AppContactsRange>| {
            r.as_ref().is_some_and(|r| r.contacts_scope_type.as_ref().is_some_and(|k| k.value() == "all"))
        };
        prop_assert!(
            !all(&requested_range) || all(&live_range),
            "approved all members where {live_range:?} is live"
        );
        let before = levels(&live);
        for (scope, level) in levels(&pending) {
            let new_or_raised = before.get(&scope).is_none_or(|&was| level > was);
            if new_or_raised {
                prop_assert!(level <= max, "approved {scope} at {level} above {max}");
                prop_assert!(!policy.human_review_scopes.contains(&scope), "approved {scope}");
            }
        }
        if let Some(now) = seen_by(&pending) {
            let was = seen_by(&live).unwrap_or_else(|| vec![false; PEOPLE.len()]);
            prop_assert!(
                now.iter().zip(&was).all(|(now, was)| !now || *was),
                "approved a wider visibility: {was:?} -> {now:?}"
            );
        }
        prop_assert_eq!(
            host_of(live.back_home_url.as_deref()),
            host_of(pending.back_home_url.as_deref()),
            "approved a host change"
        );
    }
}
