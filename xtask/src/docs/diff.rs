//! `cargo xtask docs diff OLD NEW` and `docs facts PAGE`: a page's facts, and what changes
//! between two versions (no spec, no feature needed).

use anyhow::bail;
use feishu_docs::{ChangeKind, Origin, OutputFormat, changes_text, diff, load};

use crate::flags::{Diff, Facts};
use crate::stdout::print;

/// `Ok(true)` when the two pages state the same facts.
pub(super) fn run_diff(args: &Diff) -> anyhow::Result<bool> {
    let [old, new] = args.pages.as_slice() else {
        bail!("docs diff takes two pages, OLD and NEW");
    };
    let (old_name, new_name) = (old.display().to_string(), new.display().to_string());
    let changes = diff(&load(old, &old_name)?, &load(new, &new_name)?);
    match args.format {
        OutputFormat::Json => {
            let mut text = serde_json::to_string_pretty(&changes)?;
            text.push('\n');
            print(&text)?;
        }
        OutputFormat::Text => {
            print(&changes_text(&changes, &old_name, &new_name))?;
            let count = |kind| {
                changes
                    .iter()
                    .filter(|change| change.change == kind)
                    .count()
            };
            crate::errln!(
                "docs diff: {} added, {} removed, {} changed",
                count(ChangeKind::Added),
                count(ChangeKind::Removed),
                count(ChangeKind::Changed)
            );
        }
    }
    Ok(changes.is_empty())
}

/// Lists a page's facts, `line: fact` (`[example]` or `[ambiguous]` where it applies).
pub(super) fn run_facts(args: &Facts) -> anyhow::Result<bool> {
    let page = load(&args.page, &args.page.display().to_string())?;
    let mut out = format!(
        "{}: {} {} ({:?})\n",
        page.file, page.method, page.path, page.format
    );
    for fact in &page.facts {
        let origin = if fact.origin == Origin::Example {
            " [example]"
        } else {
            ""
        };
        let ambiguous = if fact.ambiguous { " [ambiguous]" } else { "" };
        out.push_str(&format!("{}: {fact}{origin}{ambiguous}\n", fact.line));
    }
    print(&out)?;
    Ok(true)
}
