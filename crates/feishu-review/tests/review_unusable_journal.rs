//! A journal that cannot be used fails fast (issue 29): a character device is refused before
//! anything is read or sent; a journal that may not grow (RLIMIT_FSIZE) or whose folder is
//! removed mid-run stops the run with one `error:` line naming it, exit 1, and no PATCH at the
//! fake beyond those whose intent was already on disk (in flight).

#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{Running, Tenant, finish, journal_lines, stderr, wait_for_lines, wait_until};
use feishu_fake::{Config, DEFAULT_OPERATOR_OPEN_ID, Faults};

/// Far above the second the issue asks for, far below a hang: the machine running the tests
/// may be busy. The measured times are printed.
const FAST: Duration = Duration::from_secs(10);

/// `review --apply --journal JOURNAL` against the tenant's fake, as a command.
fn apply_with(tenant: &Tenant, journal: &Path, extra: &[&str]) -> Command {
    let mut command = tenant.command_without_journal_at(&tenant.fake.base_url(), &["review"]);
    command
        .args([
            "--apply",
            "--operator",
            DEFAULT_OPERATOR_OPEN_ID,
            "--journal",
        ])
        .arg(journal)
        .args(extra);
    command
}

/// Fails the test if the fake saw a PATCH whose intent is not in `journal`: the intent of
/// every PATCH is on disk before it is sent.
fn assert_every_patch_had_its_intent(tenant: &Tenant, journal: &Path) {
    let lines = journal_lines(journal);
    for version in tenant.patch_counts().keys() {
        assert!(
            lines
                .iter()
                .any(|line| line["version_id"] == version.as_str() && line["outcome"] == "sent"),
            "{version} was PATCHed without its intent in the journal"
        );
    }
}

#[test]
fn a_journal_on_dev_full_is_refused_before_anything_is_sent() {
    let tenant = Tenant::start(Config::default());
    let started = Instant::now();
    let output = finish(Running::spawn(apply_with(
        &tenant,
        Path::new("/dev/full"),
        &[],
    )));
    let took = started.elapsed();
    eprintln!("/dev/full: exit {} after {took:?}", output.status);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let said = stderr(&output);
    assert_eq!(said.matches("error:").count(), 1, "{said}");
    assert!(
        said.contains("error: the journal /dev/full is a character device, not a regular file"),
        "{said}"
    );
    assert!(took < FAST, "{took:?}");
    assert!(tenant.fake.state().patches().is_empty(), "nothing PATCHed");
    assert_eq!(
        tenant.fake.state().requests_begun_so_far(),
        0,
        "nothing even read"
    );
}

#[test]
fn a_fifo_journal_is_refused_without_being_opened() {
    let tenant = Tenant::start(Config::default());
    let fifo = tenant.dir.path().join("fifo.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Opening a FIFO to read it waits for a writer: only a check before opening avoids it.
    let output = finish(Running::spawn(apply_with(&tenant, &fifo, &[])));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!(
            "error: the journal {} is a FIFO, not a regular file",
            fifo.display()
        )),
        "{}",
        stderr(&output)
    );
    assert!(tenant.fake.state().patches().is_empty());
}

#[test]
fn a_journal_that_may_not_grow_stops_the_run_with_one_error_line() {
    let tenant = Tenant::start(Config::default());
    let pending = tenant.pending().len();
    let journal = tenant.dir.path().join("small.jsonl");
    // RLIMIT_FSIZE through the shell (the tests forbid unsafe code, so no pre_exec): 16
    // blocks of 512 bytes, a dozen journal lines.
    let apply = apply_with(&tenant, &journal, &[]);
    let mut command = Command::new("sh");
    command
        .args(["-c", "ulimit -f 16 && exec \"$0\" \"$@\""])
        .arg(apply.get_program())
        .args(apply.get_args());
    for (key, value) in apply.get_envs() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    let started = Instant::now();
    let output = finish(Running::spawn(command));
    let took = started.elapsed();
    eprintln!("RLIMIT_FSIZE: exit {} after {took:?}", output.status);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert_eq!(said.matches("error:").count(), 1, "{said}");
    assert!(
        said.contains(&format!(
            "error: writing the journal {}: File too large",
            journal.display()
        )),
        "{said}"
    );
    assert!(took < FAST, "{took:?}");
    assert!(
        std::fs::metadata(&journal).unwrap().len() <= 16 * 512,
        "the limit held"
    );
    let patched = tenant.patch_counts().len();
    assert!(patched < pending, "stopped: {patched} of {pending} PATCHed");
    assert_every_patch_had_its_intent(&tenant, &journal);
}

#[test]
fn a_journal_whose_folder_is_removed_mid_run_stops_the_run() {
    let tenant = Tenant::start(Config {
        faults: Faults {
            latency: Duration::from_millis(5),
            ..Faults::default()
        },
        ..Config::default()
    });
    let pending = tenant.pending().len();
    let idle = tenant
        .fake
        .state()
        .snapshot()
        .apps
        .iter()
        .filter(|app| app.application.unaudit_version_id.is_none() && !app.versions.is_empty())
        .filter(|app| {
            app.application.scene_type == Some(feishu_application::types::SceneType::SelfBuilt)
        })
        .filter_map(|app| app.application.app_id.clone())
        .take(3)
        .collect::<Vec<_>>();
    let folder = tenant.dir.path().join("state");
    let journal = folder.join("journal.jsonl");
    let mut bot = Running::spawn(apply_with(&tenant, &journal, &["--watch", "20ms"]));
    wait_for_lines(&journal, pending, &mut bot);
    let patched_before = tenant.patch_counts();
    std::fs::remove_dir_all(&folder).unwrap();
    let removed = Instant::now();
    let new: Vec<String> = idle
        .iter()
        .map(|app| tenant.fake.state().submit_version(app).unwrap())
        .collect();
    wait_until("the bot stops", || bot.ended());
    let took = removed.elapsed();
    let output = finish(bot);
    eprintln!("folder removed: exit {} after {took:?}", output.status);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert_eq!(said.matches("error:").count(), 1, "{said}");
    assert!(
        said.contains(&format!(
            "error: writing the journal {}: the file was removed while this run wrote it",
            journal.display()
        )),
        "{said}"
    );
    // Nothing was PATCHed after the removal: an intent written to the removed file is not
    // on disk for anyone, so its PATCH is never sent.
    assert_eq!(tenant.patch_counts(), patched_before, "new: {new:?}");
}
