//! `cargo xtask api changelog` drafts a "Documentation" part from the pages of `spec/docs/`
//! that changed since the base: each changed fact, each page added and each page deleted.

use crate::support::pages::*;
use crate::support::scratch_repo::{ScratchRepo, said};

/// `git ARGS` in `repo`, which must succeed.
fn git(repo: &ScratchRepo, args: &[&str]) {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(repo.path())
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", said(&output));
}

#[test]
fn the_documentation_part_names_pages_added_deleted_and_changed_facts() {
    let repo = ScratchRepo::new();
    for file in [
        "crates/feishu-application/Cargo.toml",
        "crates/feishu-application/CHANGELOG.md",
    ] {
        std::fs::copy(xtask::workspace_root().join(file), repo.file(file)).unwrap();
    }
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);

    repo.write(
        &format!("spec/docs/{LIST_PAGE}"),
        &edit(&page_text(LIST_PAGE), "- 最大值：`50`", "- 最大值：`100`"),
    );
    std::fs::remove_file(repo.file(&format!("spec/docs/{SCRAPE_PAGE}"))).unwrap();
    // A new page, not yet committed: the HTML page under a name of its own.
    repo.write("spec/docs/005_new.txt", &page_text(HTML_PAGE));

    let drafted = repo.xtask(&["api", "changelog", "--base", "HEAD"]);
    assert_eq!(drafted.status.code(), Some(0), "{}", said(&drafted));
    let changelog = repo.read("crates/feishu-application/CHANGELOG.md");
    let unreleased = &changelog[changelog.find("## [Unreleased]").unwrap()..];
    let unreleased = &unreleased[..unreleased[3..]
        .find("\n## ")
        .map_or(unreleased.len(), |end| end + 3)];
    let max_line = line_of(&page_text(LIST_PAGE), "page_size | int", "最大值");
    for needle in [
        "### Documentation".to_owned(),
        format!("- `spec/docs/{LIST_PAGE}`:\n  - `query.page_size: max=100`: changed from 50 (line {max_line})"),
        format!("- `spec/docs/{SCRAPE_PAGE}`: deleted"),
        "- `spec/docs/005_new.txt`: new page, \"获取应用版本信息\", `GET /open-apis/application/v6/applications/{app_id}/app_versions/{version_id}`".to_owned(),
    ] {
        assert!(unreleased.contains(&needle), "{needle:?} not in:\n{unreleased}");
    }
    // The pages that did not change are not named.
    assert!(!unreleased.contains(PATCH_PAGE), "{unreleased}");
}
