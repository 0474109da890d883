//! The "done when": one `xtask docs sync` against the stand-in fetches a page that
//! adds an enum value, a response field, an error code and a new `page_size` maximum,
//! applies them, regenerates the client (a minor API change, the summary says), and the
//! client crate still compiles.

use super::fetch::{LATER_MS, LIST_PATH, docs, every_page_same, stdout};
use crate::support::pages::*;
use crate::support::scratch_repo::{ScratchRepo, said};
use crate::support::stand_in::{Answer, StandIn, split_page};

/// The list page with the four new facts.
fn list_page_with_four_new_facts() -> String {
    let page = edit(
        &page_text(LIST_PAGE),
        "- 3：未知状态\n",
        "- 3：未知状态  \n- 4：已冻结\n",
    );
    let page = edit(
        &page,
        "- bot：机器人\nhas_more",
        "- bot：机器人\napp_tag | string | 应用标签\nhas_more",
    );
    let page = edit(
        &page,
        "\"pc_default_ability\": \"gadget\"",
        "\"pc_default_ability\": \"gadget\",\n                \"app_tag\": \"tools\"",
    );
    let page = edit(
        &page,
        "请检查 page_size 范围是否在 [1, 50] 范围内",
        "请检查 page_size 范围是否在 [1, 50] 范围内\n400 | 210597 | app is frozen | 应用已被冻结，请联系管理员",
    );
    edit(&page, "- 最大值：`50`", "- 最大值：`100`")
}

#[test]
fn one_sync_fetches_fixes_regenerates_and_the_client_still_compiles() {
    let repo = ScratchRepo::whole();
    let mut answers = every_page_same();
    let newer = list_page_with_four_new_facts();
    answers[1].1 = vec![Answer::page(
        "查看待审核的应用列表",
        LATER_MS,
        split_page(&newer).1,
    )];
    let portal = StandIn::start(answers);
    let summary = repo.file("summary.md");
    let sync = repo.xtask(&[
        "docs",
        "sync",
        "--base-url",
        &portal.base_url,
        "--summary",
        summary.to_str().unwrap(),
    ]);
    assert_eq!(sync.status.code(), Some(0), "{}", said(&sync));
    assert_eq!(portal.times_asked(LIST_PATH), 1);
    let summary = std::fs::read_to_string(summary).unwrap();
    for needle in [
        &format!("- {}: updated (2025-07-10 → 2025-07-31)", docs(LIST_PAGE)),
        "+ response.data.items[].status: enum=4",
        "+ response.data.items[].app_tag: type=string",
        "+ error.210597: http=400",
        "~ query.page_size: max=100 (was 50",
        "append `4` to /components/schemas/AppStatus/enum",
        "add `app_tag: type: string",
        "append `code: 210597, name: AppIsFrozen, http_status: 400",
        "set /paths/~1open-apis~1application~1v6~1applications~1underauditlist/get/parameters/2/schema/maximum = 100",
        "set /paths/~1open-apis~1application~1v6~1applications~1underauditlist/get/x-feishu-doc-updated = '2025-07-31'",
        "Nothing: `cargo xtask docs check` is clean.",
        "- `crates/feishu-application/src/generated_enums.rs`",
        "What it changes for users of the client (`cargo xtask api diff`)",
        "api diff: minor (",
        "  added    types::AppStatus::Value4 — ",
        "  added    error_codes::ErrorCode::AppIsFrozen — ",
        "  changed  spec_facts::MAX_PAGE_SIZE — value changed from `50` to `100`",
    ] {
        assert!(
            summary.contains(needle),
            "{needle:?} not in the summary:\n{summary}"
        );
    }
    let check = repo.xtask(&["docs", "check"]);
    assert_eq!(check.status.code(), Some(0), "{}", said(&check));
    let generated = repo.xtask(&["generate", "--check"]);
    assert_eq!(generated.status.code(), Some(0), "{}", said(&generated));
    assert!(
        repo.read("crates/feishu-application/src/generated_enums.rs")
            .contains("Value4")
    );

    // The regenerated client compiles (cheap: one crate, offline, a target dir of its own
    // under the repository's target/ that stays warm between runs).
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let compiled = std::process::Command::new(cargo)
        .args(["check", "-p", "feishu-application", "--offline", "--quiet"])
        .current_dir(repo.path())
        .env(
            "CARGO_TARGET_DIR",
            crate::support::scratch::scratch_target_dir(),
        )
        .output()
        .unwrap();
    assert!(
        compiled.status.success(),
        "the client generated from the synced frozen spec does not compile (if the \
         hand-written client now needs something that spec lacks, refresh it: \
         tests/fixtures/README.md): {}",
        said(&compiled)
    );

    // Nothing newer upstream now: a second sync changes nothing.
    let spec = repo.read("spec/feishu-application-v6.yaml");
    let again = repo.xtask(&["docs", "sync", "--base-url", &portal.base_url]);
    assert_eq!(again.status.code(), Some(0), "{}", said(&again));
    assert!(
        stdout(&again).contains("unchanged (2025-07-31)"),
        "{}",
        said(&again)
    );
    assert_eq!(repo.read("spec/feishu-application-v6.yaml"), spec);
}
