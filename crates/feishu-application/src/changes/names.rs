//! Whether the app's name or description changed.

use std::collections::BTreeSet;

use crate::types::AppVersion;

/// Compares the default name and description and every language's name and description, as
/// sets: the order of the `i18n` entries is not a change, nor is `help_use`.
pub(super) fn changed(live: &AppVersion, pending: &AppVersion) -> bool {
    (&live.app_name, &live.description) != (&pending.app_name, &pending.description)
        || texts(live) != texts(pending)
}

fn texts(version: &AppVersion) -> BTreeSet<(Option<&str>, Option<&str>, Option<&str>)> {
    version
        .i18n
        .iter()
        .map(|entry| {
            (
                entry.i18n_key.as_ref().map(|k| k.value()),
                entry.name.as_deref(),
                entry.description.as_deref(),
            )
        })
        .collect()
}
