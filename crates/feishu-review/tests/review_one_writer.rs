//! One writer per journal (issue 29), with real processes against a fake served by this test
//! process: two runs on one journal PATCH nothing twice and one of them exits 3 naming the
//! other; `--watch --standby` takes over when the holder stops and decides only what is new;
//! a dry run and `journal --verify` need no lock; a `kill -9` of the holder frees the lock at
//! once. The PATCHes are counted at the fake.

#![cfg(unix)]

use std::collections::HashSet;
use std::process::Command;
use std::time::Duration;

use crate::support::{
    Running, Tenant, finish, outcome_lines, stderr, verify, wait_for_lines, wait_until,
};
use feishu_fake::{Config, Faults};

/// A tenant whose every answer takes `latency_ms`, so a run is still busy when a second
/// starts.
fn slow(latency_ms: u64) -> Tenant {
    Tenant::start(Config {
        faults: Faults {
            latency: Duration::from_millis(latency_ms),
            ..Faults::default()
        },
        ..Config::default()
    })
}

/// The pid the lock file of the tenant's journal names, once one does.
fn lock_holder(tenant: &Tenant) -> Option<u32> {
    let mut name = tenant.journal().into_os_string();
    name.push(".lock");
    let text = std::fs::read_to_string(name).ok()?;
    text.strip_prefix("pid ")?.split(',').next()?.parse().ok()
}

/// Waits until `running` holds the journal's lock (the lock file names its pid).
fn wait_for_the_lock(tenant: &Tenant, running: &mut Running) {
    let pid = running.pid();
    wait_until("the run holds the journal's lock", || {
        assert!(!running.ended(), "{}", running.stderr_so_far());
        lock_holder(tenant) == Some(pid)
    });
}

/// Self-built apps with nothing pending, which a test can submit a version of.
fn idle_apps(tenant: &Tenant) -> Vec<String> {
    tenant
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
        .collect()
}

/// Fails the test if the fake saw a version PATCHed more than once.
fn assert_no_double_patch(tenant: &Tenant) -> usize {
    let patches = tenant.patch_counts();
    let twice: Vec<_> = patches.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "{} of {} versions PATCHed twice: {twice:?}",
        twice.len(),
        patches.len()
    );
    patches.len()
}

#[test]
fn two_runs_started_at_once_patch_nothing_twice_and_the_second_names_the_first() {
    let tenant = slow(20);
    let pending = tenant.pending().len();
    // A bot that keeps running, and a person's run started at the same moment.
    let mut bot = tenant.spawn(&["review", "--apply", "--watch", "50ms"]);
    let mut person = tenant.spawn(&["review", "--apply"]);
    let (bot_pid, person_pid) = (bot.pid(), person.pid());
    wait_until("one of the two runs ends", || bot.ended() || person.ended());
    // The bot exits 3 at once if the person's run got the lock first; otherwise the person's
    // run does.
    let person_won = match person.ended() {
        true => person.try_wait().unwrap().code() == Some(0),
        false => true,
    };
    if person_won {
        // The bot must give up rather than decide alongside.
        wait_until("the bot, second to the journal, ends", || bot.ended());
    }
    let (loser, mut winner, winner_pid) = match person_won {
        true => (bot, person, person_pid),
        false => (person, bot, bot_pid),
    };
    let lost = finish(loser);
    assert_eq!(lost.status.code(), Some(3), "{}", stderr(&lost));
    let said = stderr(&lost);
    assert_eq!(said.matches("error:").count(), 1, "{said}");
    assert!(
        said.contains(&format!(
            "the journal {} is in use",
            tenant.journal().display()
        )) && said.contains(&format!("(pid {winner_pid}, since ")),
        "{said}"
    );
    if !person_won {
        wait_for_lines(&tenant.journal(), pending, &mut winner);
        winner.signal("TERM");
    }
    let won = finish(winner);
    assert_eq!(won.status.code(), Some(0), "{}", stderr(&won));

    let patched = assert_no_double_patch(&tenant);
    assert!(patched > 0, "the winner decided");
    let ids: Vec<_> = outcome_lines(&tenant.journal())
        .iter()
        .map(|line| line["version_id"].as_str().unwrap().to_owned())
        .collect();
    let distinct: HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "one line per version: {ids:?}");
    assert_eq!(ids.len(), pending);
}

#[test]
fn a_standby_bot_takes_over_when_the_first_stops_and_decides_only_what_is_new() {
    let tenant = slow(5);
    let pending = tenant.pending().len();
    let idle = idle_apps(&tenant);
    let mut first = tenant.spawn(&["review", "--apply", "--watch", "50ms"]);
    wait_for_lines(&tenant.journal(), pending, &mut first);
    let mut standby = tenant.spawn(&[
        "--json",
        "review",
        "--apply",
        "--watch",
        "50ms",
        "--standby",
    ]);
    wait_until("the standby says it waits", || {
        assert!(!standby.ended(), "{}", standby.stderr_so_far());
        standby.stderr_so_far().contains("standby: the journal")
    });
    assert!(
        standby.stderr_so_far().contains(&format!(
            "held by another feishu-review (pid {}, since ",
            first.pid()
        )),
        "{}",
        standby.stderr_so_far()
    );
    first.signal("TERM");
    let stopped = finish(first);
    assert_eq!(stopped.status.code(), Some(0), "{}", stderr(&stopped));
    wait_until("the standby takes over", || {
        assert!(!standby.ended(), "{}", standby.stderr_so_far());
        standby.stderr_so_far().contains("took over the journal")
    });
    let new = tenant.fake.state().submit_version(&idle[0]).unwrap();
    wait_for_lines(&tenant.journal(), pending + 1, &mut standby);
    standby.signal("TERM");
    let output = finish(standby);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    assert_no_double_patch(&tenant);
    // What the standby printed: one pass, with the new version only.
    let passes = crate::support::whole_json_lines(&String::from_utf8_lossy(&output.stdout));
    let decided: Vec<&str> = passes
        .iter()
        .flat_map(|pass| pass["decisions"].as_array().unwrap())
        .map(|decision| decision["version_id"].as_str().unwrap())
        .collect();
    assert_eq!(decided, [new.as_str()], "{passes:?}");
    let lines = outcome_lines(&tenant.journal());
    assert_eq!(lines.len(), pending + 1);
    assert_eq!(lines.last().unwrap()["version_id"], new.as_str());
}

#[test]
fn sigterm_ends_a_standby_that_is_still_waiting() {
    let tenant = Tenant::start(Config::default());
    let pending = tenant.pending().len();
    let mut first = tenant.spawn(&["review", "--apply", "--watch", "1h"]);
    wait_for_lines(&tenant.journal(), pending, &mut first);
    let mut standby = tenant.spawn(&["review", "--apply", "--watch", "1h", "--standby"]);
    wait_until("the standby says it waits", || {
        assert!(!standby.ended(), "{}", standby.stderr_so_far());
        standby.stderr_so_far().contains("standby: the journal")
    });
    standby.signal("TERM");
    let output = finish(standby);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("stopped standing by"),
        "{}",
        stderr(&output)
    );
    assert!(!first.ended(), "the holder goes on");
    assert_eq!(lock_holder(&tenant), Some(first.pid()));
}

#[test]
fn a_dry_run_and_journal_verify_beside_a_running_bot_need_no_lock() {
    let tenant = Tenant::start(Config::default());
    let pending = tenant.pending().len();
    let mut bot = tenant.spawn(&["review", "--apply", "--watch", "50ms"]);
    wait_for_lines(&tenant.journal(), pending, &mut bot);
    wait_for_the_lock(&tenant, &mut bot);

    let journal = tenant.journal();
    let journal = journal.to_str().unwrap();
    let dry = tenant.run_without_journal(&["--json", "review", "--journal", journal]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(!stderr(&dry).contains("error:"), "{}", stderr(&dry));
    let listed = tenant.run_without_journal(&["journal", journal]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let verified = verify(&tenant.journal());
    assert!(verified.status.success(), "{}", stderr(&verified));

    assert!(!bot.ended(), "the bot still runs");
    assert_eq!(lock_holder(&tenant), Some(bot.pid()), "and holds the lock");
    bot.signal("TERM");
    assert_eq!(finish(bot).status.code(), Some(0));
}

#[test]
fn after_a_kill_9_of_the_holder_the_next_run_gets_the_lock_at_once() {
    let tenant = Tenant::start(Config::default());
    let pending = tenant.pending().len();
    let idle = idle_apps(&tenant);
    let mut bot = tenant.spawn(&["review", "--apply", "--watch", "1h"]);
    wait_for_lines(&tenant.journal(), pending, &mut bot);
    wait_for_the_lock(&tenant, &mut bot);
    bot.kill();

    let new = tenant.fake.state().submit_version(&idle[0]).unwrap();
    let next = tenant.run(&["--json", "review", "--apply"]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    assert!(!stderr(&next).contains("in use"), "{}", stderr(&next));
    let report: serde_json::Value = serde_json::from_slice(&next.stdout).unwrap();
    let decided: Vec<&str> = report["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|decision| decision["version_id"].as_str().unwrap())
        .collect();
    assert_eq!(decided, [new.as_str()]);
    assert_no_double_patch(&tenant);
}

#[test]
fn review_help_documents_the_lock_its_exit_code_and_the_standby() {
    let output = Command::new(env!("CARGO_BIN_EXE_feishu-review"))
        .args(["review", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for promise in [
        "One writer per journal",
        "3 another run holds the journal",
        "--standby",
        "kill -9 included",
    ] {
        assert!(help.contains(promise), "{promise:?} not in: {help}");
    }
}

#[test]
fn standby_needs_watch_and_apply() {
    let tenant = Tenant::start(Config::default());
    for args in [
        &["review", "--apply", "--standby"][..],
        &["review", "--watch", "1s", "--standby"],
    ] {
        let output = tenant.run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("--standby"), "{}", stderr(&output));
    }
}
