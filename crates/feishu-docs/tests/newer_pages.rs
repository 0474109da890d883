//! A newer version of a page, made here from a real one: `docs check PAGE` reports exactly
//! what changed, at the page's lines, and nothing else.

use super::support::*;
use feishu_docs::{Kind, SPEC_PATH};

fn findings_of(name: &str, text: &str) -> Vec<(usize, Kind, String, Option<String>)> {
    let scratch = Scratch::new();
    let page = scratch.write(name, text);
    check_pages(&frozen_root().join(SPEC_PATH), &[page])
        .into_iter()
        .map(|finding| {
            (
                finding.line,
                finding.kind,
                finding.fact,
                finding.spec_pointer,
            )
        })
        .collect()
}

#[test]
fn a_newer_markdown_page_with_an_enum_value_a_field_an_error_code_and_a_limit() {
    let mut page = page_text(LIST_PAGE);
    page = edit(
        &page,
        "- unknown：未知来源\n",
        "- unknown：未知来源  \n- low_code：低代码平台\n",
    );
    page = edit(
        &page,
        "has_more | boolean |",
        "review_deadline | string | 审核截止时间\nhas_more | boolean |",
    );
    page = edit(&page, "- 最大值：`50`", "- 最大值：`100`");
    if !page.ends_with('\n') {
        page.push('\n');
    }
    page.push_str("400 | 210509 | page_size must be a number | 请检查 page_size 是否为数字\n");

    let list_get = "/paths/~1open-apis~1application~1v6~1applications~1underauditlist/get";
    assert_eq!(
        findings_of("underauditlist-newer.md", &page),
        [
            (
                line_of(&page, "page_size | int", "最大值"),
                Kind::DiffersFromSpec,
                "query.page_size: max=100".to_string(),
                Some(format!("{list_get}/parameters/2/schema/maximum")),
            ),
            (
                line_of(&page, "", "- low_code："),
                Kind::MissingInSpec,
                "response.data.items[].create_source: enum=low_code".to_string(),
                Some("/components/schemas/CreateSource/enum".to_string()),
            ),
            (
                line_of(&page, "", "review_deadline |"),
                Kind::MissingInSpec,
                "response.data.items[].review_deadline: type=string".to_string(),
                Some("/components/schemas/Application/properties".to_string()),
            ),
            (
                line_of(&page, "", "| 210509 |"),
                Kind::MissingInSpec,
                "error.210509: http=400".to_string(),
                Some(format!("{list_get}/x-feishu-error-codes")),
            ),
        ]
    );
}

#[test]
fn a_newer_html_page_with_a_nested_field() {
    let original = page_text(HTML_PAGE);
    let row_of_last_gadget_field = original.find(">pc_min_lark_version</md-text>").unwrap();
    let end = row_of_last_gadget_field
        + original[row_of_last_gadget_field..]
            .find("</md-dt-tr>")
            .unwrap()
        + "</md-dt-tr>".len();
    let new_row = "\n\n<md-dt-tr level=\"4\">\n\t<md-dt-td>\n\t<md-text type=\"field-name\" >pc_entry_url</md-text>\n\t</md-dt-td>\n\t<md-dt-td>\n\t<md-text type=\"field-type\" >string</md-text>\n\t</md-dt-td>\n\t<md-dt-td>\n\tPC 端入口地址\n\t</md-dt-td>\n</md-dt-tr>";
    let page = format!("{}{new_row}{}", &original[..end], &original[end..]);

    assert_eq!(
        findings_of("get-version-newer.md", &page),
        [(
            line_of(&page, "", ">pc_entry_url<"),
            Kind::MissingInSpec,
            "response.data.app_version.ability.gadget.pc_entry_url: type=string".to_string(),
            Some("/components/schemas/Gadget/properties".to_string()),
        )]
    );
}

#[test]
fn a_response_example_that_breaks_the_spec() {
    let page = edit(
        &page_text(LIST_PAGE),
        "\"status\": 1,",
        "\"status\": \"enabled\",",
    );
    let findings = findings_of("underauditlist-bad-example.md", &page);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let (line, kind, fact, pointer) = &findings[0];
    assert_eq!(
        *line,
        line_of(&page, "响应体示例", "\"status\": \"enabled\"")
    );
    assert_eq!(*kind, Kind::ExampleInvalid);
    assert_eq!(fact, "example.response: /data/items/0/status");
    assert!(
        pointer.as_deref().is_some_and(|p| p
            .ends_with("/responses/200/content/application~1json/schema")
            || p.starts_with("/components/schemas/")),
        "{pointer:?}"
    );
}

#[test]
fn a_request_example_that_breaks_the_spec() {
    let page = edit(
        &page_text(PATCH_PAGE),
        "    \"status\": 1\n",
        "    \"status\": 7\n",
    );
    let findings = findings_of("patch-bad-example.md", &page);
    assert_eq!(
        findings
            .iter()
            .map(|(line, kind, fact, _)| (*line, *kind, fact.as_str()))
            .collect::<Vec<_>>(),
        [(
            line_of(&page, "请求体示例", "\"status\": 7"),
            Kind::ExampleInvalid,
            "example.request: /status"
        )]
    );
}

#[test]
fn a_response_example_that_is_not_json() {
    let page = edit(
        &page_text(LIST_PAGE),
        "\"has_more\": true,",
        "\"has_more\": true,,",
    );
    let findings = findings_of("underauditlist-broken-json.md", &page);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].0, line_of(&page, "", "\"has_more\": true,,"));
    assert_eq!(findings[0].1, Kind::ExampleInvalid);
    assert_eq!(findings[0].2, "example.response: (root)");
}
