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

/// What happened to one page of `spec/docs/` between the base and the working tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageChange {
    /// New since the base: its title and the operation it documents (`GET /open-apis/…`).
    Added {
        /// The header's title, when it has one.
        title: Option<String>,
        /// Method and path of the page's operation.
        operation: String,
    },
    /// Deleted since the base.
    Removed,
    /// There at both: the facts that differ (`docs diff`).
    Changed(Vec<feishu_docs::Change>),
}

/// The "Documentation" part of an entry: the pages added or deleted, and the facts of each
/// page that changed (`docs diff` between the base's copy and today's), so a reader sees why
/// the API moved.
pub fn doc_section(pages: &[(String, PageChange)]) -> String {
    let mut lines = Vec::new();
    for (page, change) in pages {
        match change {
            PageChange::Added { title, operation } => {
                let title = title
                    .as_deref()
                    .map_or(String::new(), |t| format!("\"{t}\", "));
                lines.push(format!("- `{page}`: new page, {title}`{operation}`"));
            }
            PageChange::Removed => lines.push(format!("- `{page}`: deleted")),
            PageChange::Changed(changes) if changes.is_empty() => {}
            PageChange::Changed(changes) => {
                lines.push(format!("- `{page}`:"));
                lines.extend(
                    changes
                        .iter()
                        .map(|change| format!("  - {}", fact_line(change))),
                );
            }
        }
    }
    match lines.is_empty() {
        true => String::new(),
        false => format!(
            "\n### Documentation\n\nWhat Feishu's pages in `spec/docs/` say differently since the base:\n\n{}\n",
            lines.join("\n")
        ),
    }
}

/// One changed fact: `` `fact`: added (line N) ``, removed, or changed from the old value.
fn fact_line(change: &feishu_docs::Change) -> String {
    use feishu_docs::ChangeKind;
    let what = match (change.change, &change.old, &change.new) {
        (ChangeKind::Added, _, Some(new)) => format!("added (line {})", new.line),
        (ChangeKind::Removed, Some(old), _) => format!("removed (was line {})", old.line),
        (ChangeKind::Changed, Some(old), Some(new)) => {
            format!("changed from {} (line {})", old.value, new.line)
        }
        _ => "changed".to_owned(),
    };
    format!("`{}`: {what}", change.fact)
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
    fn the_documentation_section_lists_pages_added_deleted_and_each_changed_fact() {
        use feishu_docs::{Change, ChangeKind, Side};
        let side = |value: &str, line| {
            Some(Side {
                value: value.into(),
                line,
            })
        };
        let pages = vec![
            (
                "spec/docs/a.md".to_owned(),
                PageChange::Changed(vec![
                    Change {
                        change: ChangeKind::Added,
                        fact: "error.210999: http=400".into(),
                        old: None,
                        new: side("400", 12),
                    },
                    Change {
                        change: ChangeKind::Changed,
                        fact: "query.page_size: max=100".into(),
                        old: side("50", 7),
                        new: side("100", 8),
                    },
                ]),
            ),
            ("spec/docs/b.md".to_owned(), PageChange::Changed(Vec::new())),
            (
                "spec/docs/c.md".to_owned(),
                PageChange::Added {
                    title: Some("查看应用基本信息".into()),
                    operation: "GET /open-apis/application/v6/applications/{app_id}".into(),
                },
            ),
            ("spec/docs/d.md".to_owned(), PageChange::Removed),
        ];
        let text = doc_section(&pages);
        assert!(text.contains("### Documentation"), "{text}");
        assert!(
            text.contains("- `spec/docs/a.md`:\n  - `error.210999: http=400`: added (line 12)"),
            "{text}"
        );
        assert!(
            text.contains("`query.page_size: max=100`: changed from 50 (line 8)"),
            "{text}"
        );
        assert!(!text.contains("b.md"), "{text}");
        assert!(
            text.contains(
                "- `spec/docs/c.md`: new page, \"查看应用基本信息\", \
                 `GET /open-apis/application/v6/applications/{app_id}`"
            ),
            "{text}"
        );
        assert!(text.contains("- `spec/docs/d.md`: deleted"), "{text}");
        assert_eq!(doc_section(&[]), "");
    }

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
