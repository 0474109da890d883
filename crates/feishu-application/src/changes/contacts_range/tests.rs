//! Every comparison rule of the contacts range, through the public entry point.

use serde_json::{Value, json};

use crate::changes::{VersionChanges, Visibility};
use crate::types::{AppContactsRange, AppVersion};

fn range(value: Value) -> AppContactsRange {
    serde_json::from_value(value).unwrap()
}

fn some(ids: Value) -> AppContactsRange {
    range(json!({"contacts_scope_type": "some", "visible_list": ids}))
}

fn kind(kind: &str) -> AppContactsRange {
    range(json!({ "contacts_scope_type": kind }))
}

/// The contacts-range change of a version that changes nothing else.
fn compare(live: Option<AppContactsRange>, requested: Option<AppContactsRange>) -> Visibility {
    let version = AppVersion::default().with_version_id("oav_1");
    VersionChanges::between(&version, &version)
        .with_contacts_range(live.as_ref(), requested.as_ref())
        .contacts_range
}

/// The same, for a version that widens its visibility (live: nobody; pending: everyone).
fn compare_widening(live: AppContactsRange, requested: AppContactsRange) -> Visibility {
    let before = AppVersion::default().with_version_id("oav_1");
    let after: AppVersion =
        serde_json::from_value(json!({"remark": {"visibility": {"is_all": true}}})).unwrap();
    let changes = VersionChanges::between(&before, &after);
    assert_eq!(changes.visibility, Visibility::Widened);
    changes
        .with_contacts_range(Some(&live), Some(&requested))
        .contacts_range
}

#[test]
fn an_empty_or_absent_suggestion_is_unchanged_and_requests_nothing() {
    for live in [None, Some(kind("some")), Some(kind("all"))] {
        assert_eq!(compare(live.clone(), None), Visibility::Unchanged);
        assert_eq!(
            compare(live.clone(), Some(range(json!({})))),
            Visibility::Unchanged
        );
        let empty_lists = range(json!({"visible_list": {"open_ids": [], "group_ids": []}}));
        assert_eq!(compare(live, Some(empty_lists)), Visibility::Unchanged);
    }
    let version = AppVersion::default();
    let changes = VersionChanges::between(&version, &version)
        .with_contacts_range(Some(&kind("some")), Some(&range(json!({}))));
    assert_eq!(changes.contacts_range_requested, None);
    assert!(changes.is_empty());
}

#[test]
fn all_asked_where_the_live_range_is_not_all_widens() {
    for live in [
        kind("some"),
        kind("equal_to_availability"),
        some(json!({"open_ids": ["a"]})),
    ] {
        assert_eq!(compare(Some(live), Some(kind("all"))), Visibility::Widened);
    }
    assert_eq!(
        compare(Some(kind("all")), Some(kind("all"))),
        Visibility::Unchanged
    );
}

#[test]
fn some_against_some_compares_members_departments_and_groups() {
    let live = some(json!({"open_ids": ["ou_a"], "department_ids": ["od_1"], "group_ids": ["g1"]}));
    let cases = [
        (
            json!({"open_ids": ["ou_a", "ou_b"], "department_ids": ["od_1"], "group_ids": ["g1"]}),
            Visibility::Widened,
        ),
        (
            json!({"open_ids": ["ou_a"], "department_ids": ["od_1", "od_2"], "group_ids": ["g1"]}),
            Visibility::Widened,
        ),
        (
            json!({"open_ids": ["ou_a"], "department_ids": ["od_1"], "group_ids": ["g1", "g2"]}),
            Visibility::Widened,
        ),
        (
            json!({"department_ids": ["od_1"], "group_ids": ["g1"]}),
            Visibility::Narrowed,
        ),
        (
            json!({"open_ids": ["ou_a"], "department_ids": ["od_1"]}),
            Visibility::Narrowed,
        ),
        (
            json!({"open_ids": ["ou_b"], "department_ids": ["od_1"], "group_ids": ["g1"]}),
            Visibility::Changed,
        ),
        // The order Feishu answers in is not a change.
        (
            json!({"group_ids": ["g1"], "department_ids": ["od_1"], "open_ids": ["ou_a", "ou_a"]}),
            Visibility::Unchanged,
        ),
    ];
    for (asked, expected) in cases {
        assert_eq!(
            compare(Some(live.clone()), Some(some(asked.clone()))),
            expected,
            "{asked}"
        );
    }
}

#[test]
fn ids_of_different_kinds_sharing_a_value_are_different_people() {
    // A member and a department that share the id "x": moving it from one list to the other
    // gives one and takes one.
    let live = some(json!({"open_ids": ["x"]}));
    assert_eq!(
        compare(
            Some(live.clone()),
            Some(some(json!({"department_ids": ["x"]})))
        ),
        Visibility::Changed
    );
    assert_eq!(
        compare(
            Some(live),
            Some(some(json!({"open_ids": ["x"], "group_ids": ["x"]})))
        ),
        Visibility::Widened
    );
}

#[test]
fn some_or_equal_to_availability_asked_where_all_is_live_narrows() {
    for asked in [
        kind("equal_to_availability"),
        some(json!({"open_ids": ["ou_a"]})),
    ] {
        assert_eq!(
            compare(Some(kind("all")), Some(asked)),
            Visibility::Narrowed
        );
    }
}

#[test]
fn equal_to_availability_against_some_is_changed_or_widened_with_the_visibility() {
    let (eta, listed) = (
        kind("equal_to_availability"),
        some(json!({"open_ids": ["ou_a"]})),
    );
    assert_eq!(
        compare(Some(eta.clone()), Some(listed.clone())),
        Visibility::Changed
    );
    assert_eq!(
        compare(Some(listed.clone()), Some(eta.clone())),
        Visibility::Changed
    );
    assert_eq!(
        compare_widening(eta.clone(), listed.clone()),
        Visibility::Widened
    );
    assert_eq!(compare_widening(listed, eta.clone()), Visibility::Widened);
    assert_eq!(compare(Some(eta.clone()), Some(eta)), Visibility::Unchanged);
}

#[test]
fn an_app_with_no_live_range_asking_for_all_or_some_widens() {
    assert_eq!(compare(None, Some(kind("all"))), Visibility::Widened);
    assert_eq!(
        compare(None, Some(some(json!({"group_ids": ["g"]})))),
        Visibility::Widened
    );
    assert_eq!(
        compare(None, Some(kind("equal_to_availability"))),
        Visibility::Unchanged
    );
    let new_app = VersionChanges::new_app(&AppVersion::default())
        .with_contacts_range(None, Some(&kind("all")));
    assert_eq!(new_app.contacts_range, Visibility::Widened);
}

#[test]
fn ids_without_a_scope_type_mean_some_and_an_empty_live_range_means_equal_to_availability() {
    let listed = range(json!({"visible_list": {"open_ids": ["ou_a"]}}));
    let live = some(json!({"open_ids": ["ou_a"]}));
    assert_eq!(
        compare(Some(live), Some(listed.clone())),
        Visibility::Unchanged
    );
    assert_eq!(
        compare(Some(range(json!({}))), Some(listed)),
        Visibility::Changed
    );
    assert_eq!(
        compare(Some(range(json!({}))), Some(kind("equal_to_availability"))),
        Visibility::Unchanged
    );
}

#[test]
fn an_undocumented_scope_type_is_a_change_unless_both_sides_are_the_same() {
    let odd = kind("half_the_company");
    assert_eq!(
        compare(Some(kind("some")), Some(odd.clone())),
        Visibility::Changed
    );
    assert_eq!(
        compare(Some(odd.clone()), Some(kind("equal_to_availability"))),
        Visibility::Changed
    );
    assert_eq!(compare(None, Some(odd.clone())), Visibility::Changed);
    assert_eq!(compare(Some(odd.clone()), Some(odd)), Visibility::Unchanged);
}

#[test]
fn the_two_members_serialize_with_the_fixed_names() {
    let version = AppVersion::default();
    let asked = some(json!({"open_ids": ["ou_a"]}));
    let changes = VersionChanges::between(&version, &version)
        .with_contacts_range(Some(&kind("equal_to_availability")), Some(&asked));
    let value = serde_json::to_value(&changes).unwrap();
    assert_eq!(value["contacts_range"], "changed");
    assert_eq!(
        value["contacts_range_requested"],
        json!({"contacts_scope_type": "some", "visible_list": {"open_ids": ["ou_a"]}})
    );
    let none = serde_json::to_value(VersionChanges::between(&version, &version)).unwrap();
    assert_eq!(none["contacts_range"], "unchanged");
    assert_eq!(none["contacts_range_requested"], Value::Null);
    // A journal line written before these members existed still reads.
    let mut old = none.as_object().unwrap().clone();
    old.remove("contacts_range");
    old.remove("contacts_range_requested");
    let read: VersionChanges = serde_json::from_value(Value::Object(old)).unwrap();
    assert_eq!(read.contacts_range, Visibility::Unchanged);
}
