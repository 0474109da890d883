//! Tenants of any size for benches and load tests: the demo tenant's pending apps copied
//! until as many as asked wait for review.

use crate::fixtures::{AppFixture, Fixtures};

/// The seeded demo tenant with its 48 pending apps replaced by `pending` copies of them, each
/// with its own app id and version ids. The other (non-pending) apps are kept.
pub fn with_pending(pending: usize) -> Fixtures {
    let base = super::generate(crate::DEFAULT_SEED);
    let (templates, mut others): (Vec<AppFixture>, Vec<AppFixture>) = base
        .apps
        .into_iter()
        .partition(|app| app.application.unaudit_version_id.is_some());
    let mut apps = Vec::with_capacity(pending + others.len());
    for i in 0..pending {
        let mut app = templates[i % templates.len()].clone();
        let app_id = format!("cli_be{i:014x}");
        let renamed: Vec<(String, String)> = app
            .versions
            .iter()
            .enumerate()
            .map(|(j, v)| {
                let old = v.version_id.clone().unwrap_or_default();
                (old, format!("oav_{i:08x}{j:024x}"))
            })
            .collect();
        let rename = |id: &mut Option<String>| {
            if let Some(new) = renamed
                .iter()
                .find(|(old, _)| Some(old) == id.as_ref())
                .map(|(_, new)| new.clone())
            {
                *id = Some(new);
            }
        };
        rename(&mut app.application.unaudit_version_id);
        rename(&mut app.application.online_version_id);
        for version in &mut app.versions {
            rename(&mut version.version_id);
            version.app_id = Some(app_id.clone());
        }
        app.contacts_range_suggests = std::mem::take(&mut app.contacts_range_suggests)
            .into_iter()
            .map(|(id, range)| {
                let mut id = Some(id);
                rename(&mut id);
                (id.unwrap_or_default(), range)
            })
            .collect();
        app.application.app_id = Some(app_id);
        apps.push(app);
    }
    apps.append(&mut others);
    Fixtures {
        users: base.users,
        apps,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn as_many_pending_as_asked_each_with_its_own_ids_and_consistent() {
        let tenant = super::with_pending(100);
        let pending: Vec<_> = tenant
            .apps
            .iter()
            .filter_map(|app| app.application.unaudit_version_id.as_deref())
            .collect();
        assert_eq!(pending.len(), 100);
        let distinct: std::collections::HashSet<_> = pending.iter().collect();
        assert_eq!(distinct.len(), 100);
        tenant.check().unwrap();
    }
}
