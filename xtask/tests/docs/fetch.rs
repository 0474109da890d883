//! `xtask docs fetch` against the local stand-in of Feishu's doc portal, on a scratch copy
//! of `spec/docs/`: newer, same, 429 then success, an HTML error page, `code != 0`, a cut-off
//! body and a page unknown upstream.

use crate::support::pages::*;
use crate::support::scratch_repo::{ScratchRepo, said};
use crate::support::stand_in::{Answer, StandIn, split_page};

/// Portal paths of our pages (from their headers).
pub(crate) const PATCH_PATH: &str = "/server-docs/application-v6/application/patch-2";
pub(crate) const LIST_PATH: &str = "/server-docs/application-v6/application/underauditlist";
pub(crate) const HTML_PATH: &str =
    "/uAjLw4CM/ukTMukTMukTM/application-v6/application-app_version/get";

pub(crate) const PATCH_MS: i64 = 1_689_924_101_000;
pub(crate) const LIST_MS: i64 = 1_752_136_595_000;
pub(crate) const HTML_MS: i64 = 1_739_867_977_000;
/// 2025-07-31.
pub(crate) const LATER_MS: i64 = 1_754_000_000_000;

pub(crate) fn docs(name: &str) -> String {
    format!("spec/docs/{name}")
}

/// The portal's answer for one of our pages as stored (same date, same text).
pub(crate) fn same(name: &str, ms: i64) -> Answer {
    let text = page_text(name);
    Answer::page("title", ms, split_page(&text).1)
}

/// The list page, 2025-07-31, with page_size up to 100.
fn newer_list() -> Answer {
    let text = edit(&page_text(LIST_PAGE), "- 最大值：`50`", "- 最大值：`100`");
    Answer::page("查看待审核的应用列表", LATER_MS, split_page(&text).1)
}

pub(crate) fn every_page_same() -> Vec<(&'static str, Vec<Answer>)> {
    vec![
        (PATCH_PATH, vec![same(PATCH_PAGE, PATCH_MS)]),
        (LIST_PATH, vec![same(LIST_PAGE, LIST_MS)]),
        (HTML_PATH, vec![same(HTML_PAGE, HTML_MS)]),
    ]
}

fn fetch(repo: &ScratchRepo, portal: &StandIn, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["docs", "fetch", "--base-url", portal.base_url.as_str()];
    args.extend_from_slice(extra);
    repo.xtask(&args)
}

pub(crate) fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn pages_the_portal_has_not_changed_are_left_alone() {
    let repo = ScratchRepo::new();
    let portal = StandIn::start(every_page_same());
    let output = fetch(&repo, &portal, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let out = stdout(&output);
    assert!(
        out.contains(&format!("{}: unchanged (2023-07-21)", docs(PATCH_PAGE))),
        "{out}"
    );
    assert!(
        out.contains(&format!("{}: unchanged (2025-07-10)", docs(LIST_PAGE))),
        "{out}"
    );
    assert!(
        out.contains(&format!("{}: unchanged (2025-02-18)", docs(HTML_PAGE))),
        "{out}"
    );
    // The 2023 copy of the list page is history: fetching it would overwrite it.
    assert!(
        out.contains(&format!(
            "{}: not fetched (history; {} is the current copy)",
            docs(SCRAPE_PAGE),
            docs(LIST_PAGE)
        )),
        "{out}"
    );
    for page in [PATCH_PAGE, SCRAPE_PAGE, HTML_PAGE, LIST_PAGE] {
        assert_eq!(repo.read(&docs(page)), page_text(page), "{page} changed");
    }
    assert_eq!(portal.times_asked(LIST_PATH), 1);
    assert!(
        portal
            .cookies()
            .iter()
            .all(|cookie| cookie.as_deref() == Some("open_locale=zh-CN")),
        "{:?}",
        portal.cookies()
    );
}

#[test]
fn a_newer_page_is_written_in_the_same_format_and_reads_as_a_page() {
    let repo = ScratchRepo::new();
    let mut answers = every_page_same();
    answers[1].1 = vec![newer_list()];
    let portal = StandIn::start(answers);
    let output = fetch(&repo, &portal, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let reports: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let list = reports
        .as_array()
        .unwrap()
        .iter()
        .find(|report| report["page"] == docs(LIST_PAGE).as_str())
        .unwrap();
    assert_eq!(
        list,
        &serde_json::json!({"page": docs(LIST_PAGE), "status": "updated", "old": "2025-07-10", "new": "2025-07-31"})
    );
    let written = repo.read(&docs(LIST_PAGE));
    let expected = edit(
        &edit(
            &edit(&page_text(LIST_PAGE), "- 最大值：`50`", "- 最大值：`100`"),
            "last_remote_update: 2025-07-10",
            "last_remote_update: 2025-07-31",
        ),
        "last_remote_update_timestamp: 1752136595000",
        "last_remote_update_timestamp: 1754000000000",
    );
    assert_eq!(written, expected);
    // docs check reads it and sees the new maximum.
    let check = repo.xtask(&["docs", "check", "--format", "json"]);
    assert_eq!(check.status.code(), Some(1), "{}", said(&check));
    assert!(
        stdout(&check).contains("query.page_size: max=100"),
        "{}",
        said(&check)
    );
    assert!(
        std::fs::read_dir(repo.file("spec/docs"))
            .unwrap()
            .all(|entry| {
                !entry
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with("fetch-tmp")
            }),
        "a temporary file was left behind"
    );
}

#[test]
fn check_writes_nothing_and_exits_1_when_a_page_is_newer() {
    let repo = ScratchRepo::new();
    let mut answers = every_page_same();
    answers[1].1 = vec![newer_list()];
    let portal = StandIn::start(answers);
    let output = fetch(&repo, &portal, &["--check"]);
    assert_eq!(output.status.code(), Some(1), "{}", said(&output));
    assert!(
        stdout(&output).contains(&format!(
            "{}: newer upstream (2025-07-10 → 2025-07-31)",
            docs(LIST_PAGE)
        )),
        "{}",
        said(&output)
    );
    assert_eq!(repo.read(&docs(LIST_PAGE)), page_text(LIST_PAGE));
    let quiet = fetch(&repo, &StandIn::start(every_page_same()), &["--check"]);
    assert_eq!(quiet.status.code(), Some(0), "{}", said(&quiet));
}

#[test]
fn rate_limited_then_served_is_fetched_after_a_retry() {
    let repo = ScratchRepo::new();
    let mut answers = every_page_same();
    answers[1].1 = vec![
        Answer::rate_limited(),
        Answer::raw(503, "busy"),
        newer_list(),
    ];
    let portal = StandIn::start(answers);
    let page = repo.file(&docs(LIST_PAGE));
    let output = fetch(&repo, &portal, &[page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    assert!(
        stdout(&output).contains("updated (2025-07-10 → 2025-07-31)"),
        "{}",
        said(&output)
    );
    assert_eq!(portal.times_asked(LIST_PATH), 3);
}

/// Each broken answer fails the page, names why, and leaves the file as it was.
#[test]
fn broken_answers_fail_the_page_and_write_nothing() {
    let html = Answer {
        headers: vec![("content-type".into(), "text/html".into())],
        ..Answer::raw(
            200,
            "<html><head><title>Feishu</title></head><body>login</body></html>",
        )
    };
    let cut = Answer {
        missing_bytes: 40,
        ..newer_list()
    };
    let cases = [
        (html, "not the portal's JSON answer"),
        (
            Answer::raw(200, r#"{"code":1254002,"msg":"document not found"}"#),
            "the portal answered code 1254002: document not found",
        ),
        (cut, "reading the answer failed"),
        (Answer::raw(404, "<html>404</html>"), "HTTP 404 Not Found"),
    ];
    for (answer, why) in cases {
        let repo = ScratchRepo::new();
        let mut answers = every_page_same();
        answers[1].1 = vec![answer];
        let portal = StandIn::start(answers);
        let output = fetch(&repo, &portal, &[]);
        assert_eq!(output.status.code(), Some(2), "{why}: {}", said(&output));
        let out = stdout(&output);
        let line = out
            .lines()
            .find(|line| line.starts_with(&docs(LIST_PAGE)))
            .unwrap();
        assert!(
            line.contains(": failed (") && line.contains(why),
            "{why}: {line}"
        );
        assert!(
            out.contains(&format!("{}: unchanged", docs(PATCH_PAGE))),
            "{out}"
        );
        assert_eq!(repo.read(&docs(LIST_PAGE)), page_text(LIST_PAGE), "{why}");
        // One `error:` line on stderr names the page and why.
        let stderr = String::from_utf8_lossy(&output.stderr);
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect();
        assert_eq!(errors.len(), 1, "{stderr}");
        assert!(
            errors[0].starts_with("error: 1 of 4 page(s) could not be fetched; the first: ")
                && errors[0].contains(&docs(LIST_PAGE))
                && errors[0].contains(why),
            "{}",
            errors[0]
        );
    }
}

#[test]
fn a_page_unknown_upstream_fails_and_stays() {
    let repo = ScratchRepo::new();
    let portal = StandIn::start(vec![(PATCH_PATH, vec![same(PATCH_PAGE, PATCH_MS)])]);
    let output = fetch(&repo, &portal, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", said(&output));
    let out = stdout(&output);
    assert!(
        out.contains(&format!(
            "{}: failed (the portal's answer has no `data.content`: no such page upstream)",
            docs(HTML_PAGE)
        )),
        "{out}"
    );
    assert_eq!(repo.read(&docs(HTML_PAGE)), page_text(HTML_PAGE));
}

#[test]
fn a_history_copy_named_alone_is_still_not_overwritten() {
    let repo = ScratchRepo::new();
    let mut answers = every_page_same();
    answers[1].1 = vec![newer_list()];
    let portal = StandIn::start(answers);
    let page = repo.file(&docs(SCRAPE_PAGE));
    let output = fetch(&repo, &portal, &[page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    assert!(
        stdout(&output).contains("not fetched (history;"),
        "{}",
        said(&output)
    );
    assert_eq!(portal.times_asked(LIST_PATH), 0);
    assert_eq!(repo.read(&docs(SCRAPE_PAGE)), page_text(SCRAPE_PAGE));
}

#[test]
fn four_requests_run_at_once_and_never_more() {
    let repo = ScratchRepo::new();
    let mut answers = every_page_same();
    let paths: Vec<String> = (1..=6).map(|n| format!("/server-docs/copy/p{n}")).collect();
    for (n, path) in paths.iter().enumerate() {
        let text = edit(
            &page_text(PATCH_PAGE),
            "https://open.feishu.cn/document/server-docs/application-v6/application/patch-2",
            &format!("https://open.feishu.cn/document{path}"),
        );
        repo.write(&format!("spec/docs/copy_{n}.txt"), &text);
    }
    for path in &paths {
        answers.push((path.as_str(), vec![same(PATCH_PAGE, PATCH_MS)]));
    }
    // Every request waits until four are in flight (or 5 s pass): a client that fetched
    // one at a time would leave the most at 1.
    let portal = StandIn::start_gated(answers, Some(4));
    let output = fetch(&repo, &portal, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    assert_eq!(portal.most_in_flight(), 4, "{}", said(&output));
    assert_eq!(stdout(&output).matches(": unchanged (").count(), 9);
}

#[test]
fn a_request_that_hangs_times_out_and_is_retried() {
    let repo = ScratchRepo::new();
    let mut answers = every_page_same();
    let hanging = Answer {
        delay: std::time::Duration::from_secs(5),
        ..newer_list()
    };
    answers[1].1 = vec![hanging, newer_list()];
    let portal = StandIn::start(answers);
    let output = fetch(&repo, &portal, &["--timeout", "0.5"]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    assert!(
        stdout(&output).contains("updated (2025-07-10 → 2025-07-31)"),
        "{}",
        said(&output)
    );
    assert_eq!(portal.times_asked(LIST_PATH), 2);
}
