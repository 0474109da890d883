//! `xtask docs check --fix` round trips on scratch copies: for each kind of fact, a page
//! (markdown and HTML) that adds exactly that fact; after `--fix` the check is clean, the
//! client is regenerated (`generate --check` passes), the YAML diff holds only that fact's
//! lines, and a second `--fix` changes nothing.

use crate::support::pages::*;
use crate::support::scratch_repo::{ScratchRepo, said};

const SPEC: &str = "spec/feishu-application-v6.yaml";

/// The lines `--fix` removed (`-…`) and added (`+…`), in file order.
fn changed_lines(old: &str, new: &str) -> Vec<String> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .filter_map(|change| match change.tag() {
            similar::ChangeTag::Equal => None,
            similar::ChangeTag::Delete => Some(format!("-{}", change.value().trim_end())),
            similar::ChangeTag::Insert => Some(format!("+{}", change.value().trim_end())),
        })
        .collect()
}

/// Puts `page` (one of ours, edited) into a scratch repository, runs `--fix`, and checks
/// the round trip; the spec's changed lines must be `expected`.
fn round_trip(page: &str, text: &str, expected: &[&str]) {
    let repo = ScratchRepo::new();
    repo.write(&format!("spec/docs/{page}"), text);
    let before = repo.xtask(&["docs", "check"]);
    assert_eq!(
        before.status.code(),
        Some(1),
        "the page must add a fact: {}",
        said(&before)
    );

    let fixed = repo.xtask(&["docs", "check", "--fix"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", said(&fixed));
    let spec = repo.read(SPEC);
    assert_eq!(
        changed_lines(&spec_text(), &spec),
        expected,
        "{}",
        said(&fixed)
    );

    let check = repo.xtask(&["docs", "check"]);
    assert_eq!(check.status.code(), Some(0), "{}", said(&check));
    let generated = repo.xtask(&["generate", "--check"]);
    assert_eq!(
        generated.status.code(),
        Some(0),
        "--fix regenerates: {}",
        said(&generated)
    );

    let again = repo.xtask(&["docs", "check", "--fix"]);
    assert_eq!(again.status.code(), Some(0), "{}", said(&again));
    assert_eq!(repo.read(SPEC), spec, "a second --fix changed the spec");
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 applied, 0 left"));
}

/// `text` with the first `old` replaced.
fn edit_first(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "{old:?} not on the page");
    text.replacen(old, new, 1)
}

#[test]
fn markdown_new_enum_value() {
    let page = edit(
        &page_text(LIST_PAGE),
        "- 3：未知状态\n",
        "- 3：未知状态  \n- 4：已冻结\n",
    );
    round_trip(
        LIST_PAGE,
        &page,
        &[
            "-      enum: [0, 1, 2, 3]",
            "-      x-enum-varnames: [Disabled, Enabled, NotEnabled, Unknown]",
            "-      x-enum-descriptions: [Disabled, Enabled, Not enabled yet, Unknown status]",
            "+      enum: [0, 1, 2, 3, 4]",
            "+      x-enum-varnames: [Disabled, Enabled, NotEnabled, Unknown, Value4]",
            "+      x-enum-descriptions: [Disabled, Enabled, Not enabled yet, Unknown status, 已冻结]",
        ],
    );
}

#[test]
fn markdown_new_response_field() {
    let page = edit(
        &page_text(LIST_PAGE),
        "- bot：机器人\nhas_more",
        "- bot：机器人\napp_tag | string | 应用标签\nhas_more",
    );
    let page = edit(
        &page,
        "\"pc_default_ability\": \"gadget\"",
        "\"pc_default_ability\": \"gadget\",\n                \"app_tag\": \"tools\"",
    );
    round_trip(
        LIST_PAGE,
        &page,
        &[
            "+        app_tag:",
            "+          type: string",
            "+          description: 应用标签",
        ],
    );
}

#[test]
fn markdown_new_error_code() {
    let page = edit(
        &page_text(LIST_PAGE),
        "请检查 page_size 范围是否在 [1, 50] 范围内",
        "请检查 page_size 范围是否在 [1, 50] 范围内\n429 | 210599 | app audit list: too many requests | 请稍后重试",
    );
    round_trip(
        LIST_PAGE,
        &page,
        &[
            "+        - code: 210599",
            "+          name: AppAuditListTooMany",
            "+          http_status: 429",
            "+          message: 'app audit list: too many requests'",
            "+          hint: 请稍后重试",
        ],
    );
}

#[test]
fn markdown_new_maximum_default_and_required_flag() {
    let page = edit(&page_text(LIST_PAGE), "- 最大值：`50`", "- 最大值：`100`");
    round_trip(
        LIST_PAGE,
        &page,
        &["-            maximum: 50", "+            maximum: 100"],
    );
    let page = edit(
        &page_text(LIST_PAGE),
        "**默认值**：`20`",
        "**默认值**：`30`",
    );
    round_trip(
        LIST_PAGE,
        &page,
        &["-            default: 20", "+            default: 30"],
    );
    let page = edit(
        &page_text(LIST_PAGE),
        "page_size | int | 否 |",
        "page_size | int | 是 |",
    );
    round_trip(
        LIST_PAGE,
        &page,
        &["-          required: false", "+          required: true"],
    );
}

#[test]
fn markdown_new_page_date() {
    let page = edit(
        &page_text(PATCH_PAGE),
        "last_remote_update: 2023-07-21",
        "last_remote_update: 2024-03-05",
    );
    round_trip(
        PATCH_PAGE,
        &page,
        &[
            "-      x-feishu-doc-updated: '2023-07-21'",
            "+      x-feishu-doc-updated: '2024-03-05'",
        ],
    );
}

#[test]
fn html_new_enum_value() {
    let page = edit_first(
        &page_text(HTML_PAGE),
        "<md-enum-item key=\"ja_jp\" >日文</md-enum-item>\n",
        "<md-enum-item key=\"ja_jp\" >日文</md-enum-item>\n<md-enum-item key=\"ko_kr\" >韩文</md-enum-item>\n",
    );
    round_trip(
        HTML_PAGE,
        &page,
        &[
            "-      enum: [zh_cn, en_us, ja_jp]",
            "-      x-enum-varnames: [ZhCn, EnUs, JaJp]",
            "-      x-enum-descriptions: [Chinese, English, Japanese]",
            "+      enum: [zh_cn, en_us, ja_jp, ko_kr]",
            "+      x-enum-varnames: [ZhCn, EnUs, JaJp, KoKr]",
            "+      x-enum-descriptions: [Chinese, English, Japanese, 韩文]",
        ],
    );
}

#[test]
fn html_new_response_field_and_error_code() {
    let text = page_text(HTML_PAGE);
    let msg = text.find("field-name\" >msg<").unwrap();
    let row_end = msg + text[msg..].find("</md-dt-tr>\n").unwrap() + "</md-dt-tr>\n".len();
    let row = "\n<md-dt-tr level=\"0\">\n\t<md-dt-td>\n\t<md-text type=\"field-name\" >trace_id</md-text>\n\t</md-dt-td>\n\t<md-dt-td>\n\t<md-text type=\"field-type\" >string</md-text>\n\t</md-dt-td>\n\t<md-dt-td>\n\t请求的追踪 ID\n\t</md-dt-td>\n</md-dt-tr>\n";
    let page = format!("{}{row}{}", &text[..row_end], &text[row_end..]);
    round_trip(
        HTML_PAGE,
        &page,
        &[
            "+        trace_id:",
            "+          type: string",
            "+          description: 请求的追踪 ID",
        ],
    );
    let page = edit(
        &page_text(HTML_PAGE),
        "<md-tr>\n  <md-td>400</md-td>\n  <md-td>210503</md-td>",
        "<md-tr>\n  <md-td>403</md-td>\n  <md-td>210598</md-td>\n  <md-td>version is locked</md-td>\n  <md-td>请等待审核结束</md-td>\n</md-tr>\n\n<md-tr>\n  <md-td>400</md-td>\n  <md-td>210503</md-td>",
    );
    let repo_lines = [
        "+        - code: 210598",
        "+          name: VersionIsLocked",
        "+          http_status: 403",
        "+          message: version is locked",
        "+          hint: 请等待审核结束",
    ];
    round_trip(HTML_PAGE, &page, &repo_lines);
}

#[test]
fn what_cannot_be_derived_is_left_with_a_reason_and_exit_1() {
    let repo = ScratchRepo::new();
    let page = edit(
        &page_text(LIST_PAGE),
        "page_size | int | 否 |",
        "page_size | string | 否 |",
    );
    repo.write(&format!("spec/docs/{LIST_PAGE}"), &page);
    let fixed = repo.xtask(&["docs", "check", "--fix", "--format", "json"]);
    assert_eq!(fixed.status.code(), Some(1), "{}", said(&fixed));
    let report: serde_json::Value = serde_json::from_slice(&fixed.stdout).unwrap();
    assert_eq!(report["applied"], serde_json::json!([]));
    let left = &report["left"][0];
    assert_eq!(left["fact"], "query.page_size: type=string");
    assert!(
        left["reason"]
            .as_str()
            .unwrap()
            .contains("a type change changes the client's API"),
        "{left}"
    );
    assert_eq!(repo.read(SPEC), spec_text(), "nothing may be written");
}
