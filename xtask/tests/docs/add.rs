//! `cargo xtask docs add` as a process on scratch copies of the frozen spec: it adds,
//! regenerates the client and checks; `--dry-run` writes nothing; a page that cannot be read
//! is named and nothing is written. The drafting itself is tested in `crates/feishu-docs`.

use std::path::PathBuf;

use crate::support::frozen::frozen_root;
use crate::support::scratch_repo::{ScratchRepo, said};

/// The live copies of the contacts-range pages (`spec/docs/`), which `docs add` took in.
fn live_page(name: &str) -> PathBuf {
    xtask::workspace_root().join("spec/docs").join(name)
}

const SUGGEST_PAGE: &str = "006_abcd3e9692b3e748.txt";
const CONFIGURATION_PAGE: &str = "005_6ad686ae208f3bf0.txt";

/// A scratch repository whose spec lacks what the two contacts-range pages add (the frozen
/// spec holds it since the hand-written client uses it: `tests/fixtures/README.md`): their
/// path items and the components only they use.
fn without_contacts_range() -> ScratchRepo {
    let repo = ScratchRepo::new();
    let text = repo.read("spec/feishu-application-v6.yaml");
    let mut lines: Vec<&str> = text.lines().collect();
    let blocks = [
        (
            "  /open-apis/application/v6/applications/{app_id}/app_versions/{version_id}/contacts_range_suggest:",
            2,
        ),
        (
            "  /open-apis/application/v6/applications/{app_id}/contacts_range_configuration:",
            2,
        ),
        ("    AppContactsRange:", 4),
        ("    ContactsScopeType:", 4),
        ("    DepartmentIdType:", 4),
        ("    GetContactsRangeSuggestResponse:", 4),
        ("    GetContactsRangeSuggestData:", 4),
        ("    ListContactsRangeConfigurationResponse:", 4),
        ("    ListContactsRangeConfigurationData:", 4),
    ];
    for (header, indent) in blocks {
        let start = lines
            .iter()
            .position(|line| *line == header)
            .unwrap_or_else(|| panic!("{header} is in the frozen spec"));
        // The block ends at the next line indented no deeper than its header.
        let end = (start + 1..lines.len())
            .find(|&l| {
                let line = lines[l];
                !line.trim().is_empty() && line.len() - line.trim_start().len() <= indent
            })
            .unwrap_or(lines.len());
        lines.drain(start..end);
    }
    repo.write(
        "spec/feishu-application-v6.yaml",
        &(lines.join("\n") + "\n"),
    );
    repo
}

#[test]
fn the_command_adds_regenerates_checks_and_says_so() {
    let repo = without_contacts_range();
    let page = live_page(CONFIGURATION_PAGE);
    let before = repo.read("spec/feishu-application-v6.yaml");
    let output = repo.xtask(&["docs", "add", page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("added list_contacts_range_configuration"),
        "{}",
        said(&output)
    );
    let after = repo.read("spec/feishu-application-v6.yaml");
    // Insertion only: every line of the spec before is still there, in order.
    let mut kept = after.lines();
    for line in before.lines() {
        assert!(kept.any(|l| l == line), "line changed or lost: {line:?}");
    }
    let client = repo.read("crates/feishu-application/src/generated_client.rs");
    assert!(client.contains("pub async fn list_contacts_range_configuration"));
    let again = repo.xtask(&["docs", "add", page.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", said(&again));
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing changed"));
}

#[test]
fn dry_run_prints_the_yaml_and_writes_nothing() {
    let repo = without_contacts_range();
    let page = live_page(SUGGEST_PAGE);
    let before = repo.read("spec/feishu-application-v6.yaml");
    let output = repo.xtask(&["docs", "add", "--dry-run", page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("operationId: get_contacts_range_suggest"),
        "{stdout}"
    );
    assert!(stdout.contains("ContactsScopeType:"), "{stdout}");
    assert_eq!(repo.read("spec/feishu-application-v6.yaml"), before);
    assert!(!repo.file("spec/docs/005_abcd3e9692b3e748.txt").exists());
}

#[test]
fn an_unreadable_page_is_named_and_nothing_is_written() {
    let repo = ScratchRepo::new();
    let good = live_page(SUGGEST_PAGE);
    let broken = repo.file("broken.md");
    std::fs::write(&broken, b"# a page\n\nHTTP URL | \xff\xfe\n").unwrap();
    let notes = repo.file("notes.md");
    std::fs::write(&notes, "just some notes\n").unwrap();
    let before = repo.read("spec/feishu-application-v6.yaml");
    for (bad, expected) in [
        (&broken, "broken.md:3: the page is not UTF-8"),
        (&notes, "notes.md: not a Feishu doc page"),
    ] {
        let output = repo.xtask(&["docs", "add", good.to_str().unwrap(), bad.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{}", said(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expected),
            "{}",
            said(&output)
        );
    }
    assert_eq!(
        repo.read("spec/feishu-application-v6.yaml"),
        before,
        "nothing written"
    );
    assert_eq!(
        std::fs::read_dir(repo.path().join("spec/docs"))
            .unwrap()
            .count(),
        std::fs::read_dir(frozen_root().join("spec/docs"))
            .unwrap()
            .count()
    );
}
