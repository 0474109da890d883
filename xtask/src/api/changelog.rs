//! `crates/feishu-application/CHANGELOG.md` in the Keep a Changelog format
//! (<https://keepachangelog.com/en/1.1.0/>): `api changelog` drafts the `## [Unreleased]`
//! section from the API diff; `release` turns it into `## [x.y.z] - YYYY-MM-DD`.

use super::compare::{ChangeKind, Report};

/// The changelog, relative to the workspace root.
pub const CHANGELOG: &str = "crates/feishu-application/CHANGELOG.md";

const UNRELEASED: &str = "## [Unreleased]";

const HEADER: &str = "# Changelog\n\n\
All notable changes to `feishu-application` are documented here. The format is based on\n\
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and the crate follows\n\
[Semantic Versioning](https://semver.org/) as Cargo reads it (0.y.z: y is the major number).\n\
`cargo xtask api changelog` drafts the Unreleased entry; `cargo xtask release` dates it.\n";

/// The body of an Unreleased entry for `report`: Changed (breaking first), Added, Removed.
///
/// Setters (`with_*`) and trait impls are left out: each comes with the field or type it
/// belongs to, which is listed.
pub fn draft(report: &Report, advice: &str) -> String {
    let listed = report.changes.iter().filter(|c| {
        let last = c.item.rsplit("::").next().unwrap_or_default();
        !c.item.contains(": ") && !last.starts_with("with_")
    });
    let mut added = Vec::new();
    let mut breaking_changes = Vec::new();
    let mut changed = Vec::new();
    let mut removed = Vec::new();
    for change in listed {
        let line = if change.breaking {
            format!("- **Breaking:** `{}`: {}", change.item, change.message)
        } else {
            format!("- `{}`: {}", change.item, change.message)
        };
        match change.change {
            ChangeKind::Added => added.push(line),
            ChangeKind::Removed => removed.push(line),
            ChangeKind::Changed if change.breaking => breaking_changes.push(line),
            ChangeKind::Changed => changed.push(line),
        }
    }
    breaking_changes.append(&mut changed);
    let changed = breaking_changes;
    let mut body = format!(
        "API change level: **{}** ({advice}).\n",
        report.level.as_str()
    );
    for (title, lines) in [("Changed", changed), ("Added", added), ("Removed", removed)] {
        if !lines.is_empty() {
            body.push_str(&format!("\n### {title}\n\n{}\n", lines.join("\n")));
        }
    }
    body
}

/// `changelog` with its Unreleased section replaced by `body` (created when missing).
pub fn with_unreleased(changelog: &str, body: &str) -> String {
    let changelog = if changelog.trim().is_empty() {
        HEADER.to_owned()
    } else {
        changelog.to_owned()
    };
    let section = format!("{UNRELEASED}\n\n{}", body.trim_end());
    let (before, after) = match changelog.find(UNRELEASED) {
        Some(start) => {
            let rest = &changelog[start + UNRELEASED.len()..];
            let end = rest
                .find("\n## [")
                .map_or(changelog.len(), |i| start + UNRELEASED.len() + i + 1);
            (&changelog[..start], &changelog[end..])
        }
        None => match changelog.find("\n## [") {
            Some(i) => (&changelog[..=i], &changelog[i + 1..]),
            None => (changelog.as_str(), ""),
        },
    };
    let before = before.trim_end();
    let after = after.trim_start();
    if after.is_empty() {
        format!("{before}\n\n{section}\n")
    } else {
        format!("{before}\n\n{section}\n\n{after}")
    }
}

/// `changelog` with its Unreleased section released as `version` on `date`, and a new empty
/// Unreleased section above it.
pub fn release(changelog: &str, version: &str, date: &str) -> anyhow::Result<String> {
    if !changelog.contains(UNRELEASED) {
        anyhow::bail!(
            "{CHANGELOG} has no `{UNRELEASED}` section to release; run `cargo xtask api changelog` first"
        );
    }
    Ok(changelog.replacen(
        UNRELEASED,
        &format!("{UNRELEASED}\n\n## [{version}] - {date}"),
        1,
    ))
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()[..10].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreleased_is_replaced_not_duplicated() {
        let text = with_unreleased("", "first\n");
        let text = with_unreleased(&text, "second\n");
        assert_eq!(text.matches(UNRELEASED).count(), 1, "{text}");
        assert!(text.contains("second") && !text.contains("first"), "{text}");
        let released = release(&text, "0.3.0", "2026-12-05").unwrap();
        let text = with_unreleased(&released, "third\n");
        assert!(text.contains("## [0.3.0] - 2026-12-05\n\nsecond"), "{text}");
        assert!(
            text.contains("## [Unreleased]\n\nthird\n\n## [0.3.0]"),
            "{text}"
        );
    }
}
