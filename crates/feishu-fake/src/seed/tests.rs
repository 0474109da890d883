use std::collections::BTreeSet;

use feishu_application::types::{SceneType, VersionStatus};

use super::*;

#[test]
fn same_seed_same_tenant_other_seed_other_tenant() {
    assert_eq!(generate(7), generate(7));
    assert_ne!(
        generate(7).apps[0].application.app_id,
        generate(8).apps[0].application.app_id
    );
}

#[test]
fn the_tenant_has_the_documented_variety() {
    let tenant = generate(42);
    tenant.check().expect("generated fixtures are consistent");
    assert_eq!(tenant.apps.len(), TOTAL_APPS);
    let pending: Vec<_> = tenant
        .apps
        .iter()
        .filter(|a| a.application.unaudit_version_id.is_some())
        .collect();
    assert_eq!(pending.len(), PENDING_APPS);
    assert!(
        pending
            .iter()
            .all(|a| a.application.scene_type == Some(SceneType::SelfBuilt))
    );
    assert!(pending.iter().filter(|a| a.versions.len() > 1).count() >= 10);
    assert!(pending.iter().all(|a| {
        let id = a.application.unaudit_version_id.as_deref();
        a.versions.last().unwrap().version_id.as_deref() == id
            && a.versions.last().unwrap().status == Some(VersionStatus::UnderReview)
    }));
}

/// The distinct values `f` finds across the tenant of seed 42.
fn values_of(f: &dyn Fn(&AppFixture) -> Vec<String>) -> BTreeSet<String> {
    generate(42).apps.iter().flat_map(f).collect()
}

#[test]
fn the_apps_show_every_documented_value() {
    let set = values_of;
    let apps_of =
        |f: fn(&Application) -> Option<String>| set(&|a| f(&a.application).into_iter().collect());
    assert_eq!(apps_of(|a| a.status.map(|s| s.to_string())).len(), 4);
    assert_eq!(apps_of(|a| a.scene_type.map(|s| s.to_string())).len(), 4);
    assert_eq!(
        apps_of(|a| a.create_source.as_ref().map(|s| s.to_string())).len(),
        6
    );
    assert_eq!(
        apps_of(|a| a.primary_language.as_ref().map(|s| s.to_string())).len(),
        3
    );
    let i18n = set(&|a| {
        a.application
            .i18n
            .iter()
            .filter_map(|i| i.i18n_key.as_ref().map(|k| k.to_string()))
            .collect()
    });
    assert_eq!(i18n, ["en_us", "ja_jp", "zh_cn"].map(String::from).into());
}

#[test]
fn the_versions_show_every_documented_value() {
    let set = values_of;
    let levels = set(&|a| {
        a.versions
            .iter()
            .flat_map(|v| {
                v.scopes
                    .iter()
                    .filter_map(|s| s.level.map(|l| l.to_string()))
            })
            .collect()
    });
    assert!(
        ["1", "2", "3"].iter().all(|l| levels.contains(*l)),
        "{levels:?}"
    );
    let token_types = set(&|a| {
        a.versions
            .iter()
            .flat_map(|v| {
                v.scopes
                    .iter()
                    .flat_map(|s| s.token_types.iter().map(|t| t.to_string()))
            })
            .collect()
    });
    assert_eq!(token_types.len(), 2);
    let statuses = set(&|a| {
        a.versions
            .iter()
            .filter_map(|v| v.status.map(|s| s.to_string()))
            .collect()
    });
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    let abilities = set(&|a| {
        a.versions
            .iter()
            .filter_map(|v| v.ability.as_ref())
            .flat_map(|ab| {
                serde_json::to_value(ab)
                    .unwrap()
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect()
    });
    assert_eq!(abilities.len(), 9, "{abilities:?}");
}
