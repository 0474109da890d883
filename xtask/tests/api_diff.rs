//! `cargo xtask api diff` on scratch copies of the frozen spec (`tests/fixtures/frozen/`):
//! additive doc changes are `minor` and keep the consumer crate (`tests/consumer`)
//! compiling; removals, renames and narrowed request enums are `major`; regenerating the
//! spec as it is is `patch` with no change.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use xtask::api::{self, ChangeKind, Level, Report};
use xtask::{SPEC_PATH, generate_in_memory, workspace_root};

use crate::support::frozen::{frozen_generated, frozen_spec_text};
use crate::support::scratch::{copy_tree, scratch_target_dir};

/// The frozen spec with `edits` (`(old, new)` text replacements, each of which must hit).
fn edited_spec(edits: &[(&str, &str)]) -> String {
    let mut spec = frozen_spec_text();
    for (old, new) in edits {
        assert!(spec.contains(old), "the edit must hit the spec: {old}");
        spec = spec.replacen(old, new, 1);
    }
    spec
}

/// The API change from the frozen spec's generated code to the code `spec` generates.
fn diff_after(spec: &str) -> (Report, tempfile::TempDir) {
    let scratch = tempfile::tempdir().unwrap();
    let spec_path = scratch.path().join(SPEC_PATH);
    std::fs::create_dir_all(spec_path.parent().unwrap()).unwrap();
    std::fs::write(&spec_path, spec).unwrap();
    let before = frozen_generated();
    let after = generate_in_memory(scratch.path()).unwrap();
    (api::diff_files(before, &after).unwrap(), scratch)
}

fn items(report: &Report, kind: ChangeKind) -> Vec<(&str, bool)> {
    report
        .changes
        .iter()
        .filter(|c| c.change == kind)
        .map(|c| (c.item.as_str(), c.breaking))
        .collect()
}

// ---- the doc changes -------------------------------------------------------------------

const SUBMIT_TIME: (&str, &str) = (
    "        create_time:
          type: string
          description: When the version was created, in seconds since the epoch.",
    "        create_time:
          type: string
          description: When the version was created, in seconds since the epoch.
        submit_time:
          type: string
          description: When the version was submitted for review, in seconds since the epoch.",
);

const SCOPE_LEVEL_4: (&str, &str) = (
    "      enum: [1, 2, 3, 0]
      x-enum-varnames: [Normal, Advanced, SuperSensitive, Unknown]
      x-enum-descriptions: [Normal scope, Advanced scope, Super-sensitive scope, Unknown level]",
    "      enum: [1, 2, 3, 0, 4]
      x-enum-varnames: [Normal, Advanced, SuperSensitive, Unknown, Restricted]
      x-enum-descriptions: [Normal scope, Advanced scope, Super-sensitive scope, Unknown level, Restricted scope]",
);

const ERROR_CODE: (&str, &str) = (
    "x-feishu-error-codes:
  - code: 2200",
    "x-feishu-error-codes:
  - code: 2201
    name: ServiceBusy
    http_status: 503
    message: service busy
    hint: Feishu is overloaded; retry with backoff.
  - code: 2200",
);

/// The hidden future list page of the docs check (crates/feishu-docs/tests/newer_pages.rs), applied
/// to the spec: a new enum value, a new list field, a raised limit, a new error code.
const FUTURE_PAGE: [(&str, &str); 3] = [
    (
        "      enum: [developer_console, base, app_engine, bot_builder, aily, unknown]
      x-enum-varnames: [DeveloperConsole, Base, AppEngine, BotBuilder, Aily, Unknown]
      x-enum-descriptions:
        - The developer console",
        "      enum: [developer_console, base, app_engine, bot_builder, aily, unknown, low_code]
      x-enum-varnames: [DeveloperConsole, Base, AppEngine, BotBuilder, Aily, Unknown, LowCode]
      x-enum-descriptions:
        - The developer console",
    ),
    (
        "        - Unknown source\n",
        "        - Unknown source\n        - The low-code platform\n",
    ),
    ("            maximum: 50", "            maximum: 100"),
];

#[test]
fn regenerating_the_current_spec_is_a_patch_with_no_changes() {
    let (report, _scratch) = diff_after(&edited_spec(&[]));
    assert_eq!(report.level, Level::Patch);
    assert!(report.changes.is_empty(), "{}", report.text());
}

#[test]
fn a_new_response_field_is_minor() {
    let (report, _scratch) = diff_after(&edited_spec(&[SUBMIT_TIME]));
    assert_eq!(report.level, Level::Minor, "{}", report.text());
    let added = items(&report, ChangeKind::Added);
    assert!(
        added.contains(&("types::AppVersion::submit_time", false)),
        "{added:?}"
    );
    assert!(added.contains(&("types::AppVersion::with_submit_time", false)));
    assert!(items(&report, ChangeKind::Removed).is_empty());
}

#[test]
fn a_new_response_enum_value_is_minor() {
    let (report, _scratch) = diff_after(&edited_spec(&[SCOPE_LEVEL_4]));
    assert_eq!(report.level, Level::Minor, "{}", report.text());
    assert!(
        items(&report, ChangeKind::Added).contains(&("types::ScopeLevel::Restricted", false)),
        "{}",
        report.text()
    );
}

#[test]
fn a_new_error_code_is_minor() {
    let (report, _scratch) = diff_after(&edited_spec(&[ERROR_CODE]));
    assert_eq!(report.level, Level::Minor, "{}", report.text());
    assert!(
        items(&report, ChangeKind::Added).contains(&("error_codes::ErrorCode::ServiceBusy", false)),
        "{}",
        report.text()
    );
}

#[test]
fn the_future_list_page_applied_to_the_spec_is_minor() {
    let (report, _scratch) = diff_after(&future_spec());
    assert_eq!(report.level, Level::Minor, "{}", report.text());
    let added = items(&report, ChangeKind::Added);
    for item in [
        "types::CreateSource::LowCode",
        "types::ListUnderAuditAppsData::review_deadline",
        "error_codes::ErrorCode::PageSizeNotANumber",
    ] {
        assert!(added.contains(&(item, false)), "{item}: {}", report.text());
    }
    // The raised limit moves a constant's value: visible, not breaking.
    assert!(
        items(&report, ChangeKind::Changed).contains(&("spec_facts::MAX_PAGE_SIZE", false)),
        "{}",
        report.text()
    );
}

fn future_spec() -> String {
    let spec = edited_spec(&FUTURE_PAGE);
    let with_field = insert_after(
        &spec,
        "    ListUnderAuditAppsData:",
        "      properties:\n",
        "        review_deadline:\n          type: string\n          description: The review deadline, in seconds since the epoch.\n",
    );
    insert_after(
        &with_field,
        "      operationId: list_under_audit_apps",
        "      x-feishu-error-codes:\n",
        "        - code: 210509\n          name: PageSizeNotANumber\n          http_status: 400\n          message: page_size must be a number\n          hint: Check that page_size is a number.\n",
    )
}

/// `text` with `insert` after the first `marker` that follows `anchor`.
fn insert_after(text: &str, anchor: &str, marker: &str, insert: &str) -> String {
    let start = text.find(anchor).unwrap_or_else(|| panic!("no {anchor}"));
    let at = start
        + text[start..]
            .find(marker)
            .unwrap_or_else(|| panic!("no {marker} after {anchor}"))
        + marker.len();
    format!("{}{insert}{}", &text[..at], &text[at..])
}

#[test]
fn a_removed_response_field_is_major() {
    let (report, _scratch) = diff_after(&edited_spec(&[(
        "        publish_time:
          type: string
          description: When the version was published, in seconds since the epoch.
",
        "",
    )]));
    assert_eq!(report.level, Level::Major, "{}", report.text());
    assert!(
        items(&report, ChangeKind::Removed).contains(&("types::AppVersion::publish_time", true)),
        "{}",
        report.text()
    );
}

#[test]
fn a_renamed_operation_is_major() {
    let (report, _scratch) = diff_after(&edited_spec(&[(
        "operationId: get_app_version",
        "operationId: read_app_version",
    )]));
    assert_eq!(report.level, Level::Major, "{}", report.text());
    assert!(items(&report, ChangeKind::Removed).contains(&("raw::Client::get_app_version", true)));
    assert!(items(&report, ChangeKind::Added).contains(&("raw::Client::read_app_version", false)));
}

#[test]
fn a_narrowed_request_enum_is_major() {
    let (report, _scratch) = diff_after(&edited_spec(&[(
        "      enum: [0, 1, 2, 3, 4]
      x-enum-varnames: [Unknown, Approved, Rejected, UnderReview, NotSubmitted]
      x-enum-descriptions: [Unknown status, Approved, Rejected (needs reject_reason), Under review, Not submitted for review]",
        "      enum: [1, 2, 3, 4]
      x-enum-varnames: [Approved, Rejected, UnderReview, NotSubmitted]
      x-enum-descriptions: [Approved, Rejected (needs reject_reason), Under review, Not submitted for review]",
    )]));
    assert_eq!(report.level, Level::Major, "{}", report.text());
    assert!(
        items(&report, ChangeKind::Removed).contains(&("types::PatchVersionStatus::Unknown", true)),
        "{}",
        report.text()
    );
}

#[test]
fn the_json_shape_is_the_fixed_one() {
    let (report, _scratch) = diff_after(&edited_spec(&[SUBMIT_TIME]));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["level"], "minor");
    let change = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "types::AppVersion::submit_time")
        .unwrap();
    let mut keys: Vec<&str> = change
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["breaking", "change", "item", "message"]);
    assert_eq!(change["change"], "added");
    assert_eq!(change["breaking"], false);
}

// ---- the consumer keeps compiling across a minor regeneration ---------------------------

/// Every additive change at once, regenerated into a scratch copy of the client crate, with
/// `tests/consumer` built against it (offline, target dir `target/scratch`).
#[test]
fn the_consumer_compiles_against_a_minor_regeneration() {
    let spec = edited_spec(&[SUBMIT_TIME, SCOPE_LEVEL_4, ERROR_CODE]);
    let (report, scratch) = diff_after(&spec);
    assert_eq!(report.level, Level::Minor, "{}", report.text());
    let future = future_spec();
    let future = apply_same_edits(&future, &[SUBMIT_TIME, SCOPE_LEVEL_4, ERROR_CODE]);
    std::fs::write(scratch.path().join(SPEC_PATH), &future).unwrap();
    let regenerated = generate_in_memory(scratch.path()).unwrap();
    let before = frozen_generated();
    assert_eq!(
        api::diff_files(before, &regenerated).unwrap().level,
        Level::Minor
    );

    let workspace = scratch_workspace(scratch.path());
    for file in &regenerated {
        std::fs::write(workspace.join(&file.path), &file.contents).unwrap();
    }
    let started = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet", "-p", "feishu-consumer"])
        .current_dir(&workspace)
        .env("CARGO_TARGET_DIR", scratch_target_dir())
        .output()
        .unwrap();
    eprintln!(
        "consumer build against the regenerated client: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        output.status.success(),
        "the consumer no longer compiles after a minor regeneration of the frozen spec (if \
         the hand-written client now needs something that spec lacks, refresh it: \
         tests/fixtures/README.md):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn apply_same_edits(spec: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(spec.to_owned(), |spec, (old, new)| {
        spec.replacen(old, new, 1)
    })
}

/// The crates the scratch workspace holds: the client, what it depends on in this workspace,
/// and the consumer.
const SCRATCH_MEMBERS: [&str; 3] = [
    "crates/feishu-application",
    "crates/feishu-wire",
    "tests/consumer",
];

/// A workspace in `dir/ws` of the client crate and the consumer only, with the real
/// workspace's manifest settings and lockfile (so `--offline` resolves nothing new).
fn scratch_workspace(dir: &Path) -> PathBuf {
    let root = workspace_root();
    let ws = dir.join("ws");
    for crate_dir in SCRATCH_MEMBERS {
        copy_tree(&root.join(crate_dir), &ws.join(crate_dir));
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let members = manifest
        .lines()
        .find(|l| l.starts_with("members = "))
        .unwrap();
    let manifest = manifest.replacen(members, &format!("members = {SCRATCH_MEMBERS:?}"), 1);
    std::fs::write(ws.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), ws.join("Cargo.lock")).unwrap();
    ws
}
