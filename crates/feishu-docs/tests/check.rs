//! `check`: the real pages agree with the spec, and each kind of fact a page
//! states is reported at its page line when the spec lacks or contradicts it.

use super::support::*;
use feishu_docs::{CheckConfig, Kind, check};

#[test]
fn the_pages_in_the_repository_agree_with_the_spec() {
    let findings = check(&CheckConfig::workspace(&workspace_root())).unwrap();
    assert!(
        findings.is_empty(),
        "{}",
        feishu_docs::findings_text(&findings)
    );
}

/// The fixture every other test here edits starts clean, so each finding they expect is their
/// edit's.
#[test]
fn the_frozen_pages_agree_with_the_frozen_spec() {
    let findings = check(&CheckConfig::workspace(&frozen_root())).unwrap();
    assert!(
        findings.is_empty(),
        "{}",
        feishu_docs::findings_text(&findings)
    );
}

/// One case: the page, the edit that removes or changes a fact in a scratch spec, and the
/// finding expected: (line, kind, fact).
struct Case {
    page: &'static str,
    spec_old: &'static str,
    spec_new: &'static str,
    expected: Vec<(usize, Kind, String)>,
}

fn run(case: &Case) {
    let scratch = Scratch::new();
    let spec = scratch.write(
        "spec.yaml",
        &edit(&spec_text(), case.spec_old, case.spec_new),
    );
    let findings = check_pages(&spec, &[page_path(case.page)]);
    let got: Vec<(usize, Kind, String)> = findings
        .iter()
        .map(|finding| (finding.line, finding.kind, finding.fact.clone()))
        .collect();
    assert_eq!(
        got,
        case.expected,
        "{}",
        feishu_docs::findings_text(&findings)
    );
    for finding in &findings {
        assert!(finding.page.ends_with(case.page), "{finding:?}");
        assert!(
            finding
                .spec_pointer
                .as_deref()
                .is_some_and(|p| p.starts_with('/')),
            "{finding:?}"
        );
    }
}

#[test]
fn markdown_parameter_facts() {
    let list = page_text(LIST_PAGE);
    let patch = page_text(PATCH_PAGE);
    let cases = [
        Case {
            page: LIST_PAGE,
            spec_old: "            maximum: 50\n",
            spec_new: "            maximum: 40\n",
            expected: vec![(
                line_of(&list, "page_size | int", "最大值"),
                Kind::DiffersFromSpec,
                "query.page_size: max=50".into(),
            )],
        },
        Case {
            page: LIST_PAGE,
            spec_old: "            default: 20\n",
            spec_new: "",
            expected: vec![(
                line_of(&list, "page_size | int", "默认值"),
                Kind::MissingInSpec,
                "query.page_size: default=20".into(),
            )],
        },
        Case {
            page: LIST_PAGE,
            // Down to `maximum: 50`: the contacts range configuration has a page_size too.
            spec_old: "        - name: page_size\n          in: query\n          required: false\n          description: Page size.\n          schema:\n            type: integer\n            format: int32\n            minimum: 1\n            maximum: 50\n",
            spec_new: "        - name: page_size\n          in: query\n          required: false\n          description: Page size.\n          schema:\n            type: string\n            minimum: 1\n            maximum: 50\n",
            expected: vec![(
                line_of(&list, "", "page_size | int"),
                Kind::DiffersFromSpec,
                "query.page_size: type=integer".into(),
            )],
        },
        Case {
            page: LIST_PAGE,
            spec_old: "      type: string\n      minLength: 1\n",
            spec_new: "      type: string\n",
            expected: vec![(
                line_of(&list, "lang | string", "最小长度"),
                Kind::MissingInSpec,
                "query.lang: min_length=1".into(),
            )],
        },
        Case {
            page: PATCH_PAGE,
            spec_old: "        - name: operator_id\n          in: query\n          required: true\n",
            spec_new: "        - name: operator_id\n          in: query\n          required: false\n",
            expected: vec![(
                line_of(&patch, "", "operator_id | string"),
                Kind::DiffersFromSpec,
                "query.operator_id: required=true".into(),
            )],
        },
    ];
    for case in &cases {
        run(case);
    }
}

#[test]
fn markdown_body_response_error_and_header_facts() {
    let list = page_text(LIST_PAGE);
    let patch = page_text(PATCH_PAGE);
    let cases = [
        Case {
            page: LIST_PAGE,
            spec_old: "enum: [developer_console, base, app_engine, bot_builder, aily, unknown]",
            spec_new: "enum: [developer_console, base, app_engine, bot_builder, unknown]",
            expected: vec![(
                line_of(&list, "", "- aily："),
                Kind::MissingInSpec,
                "response.data.items[].create_source: enum=aily".into(),
            )],
        },
        Case {
            page: PATCH_PAGE,
            spec_old: "      enum: [0, 1, 2, 3, 4]\n      x-enum-varnames: [Unknown, Approved, Rejected, UnderReview, NotSubmitted]\n      x-enum-descriptions: [Unknown status, Approved, Rejected (needs",
            spec_new: "      enum: [0, 1, 2, 3]\n      x-enum-varnames: [Unknown, Approved, Rejected, UnderReview]\n      x-enum-descriptions: [Unknown status, Approved, Rejected (needs",
            expected: vec![(
                line_of(&patch, "status | int", "- 4："),
                Kind::MissingInSpec,
                "body.status: enum=4".into(),
            )],
        },
        Case {
            page: PATCH_PAGE,
            spec_old: "        - code: 211006\n          name: InvalidDepartmentId\n          http_status: 400\n          message: invalid department id\n          hint: 检查 department id\n",
            spec_new: "",
            expected: vec![(
                line_of(&patch, "", "| 211006 |"),
                Kind::MissingInSpec,
                "error.211006: http=400".into(),
            )],
        },
        Case {
            page: LIST_PAGE,
            spec_old: "          name: PageSizeOutOfRange\n          http_status: 400",
            spec_new: "          name: PageSizeOutOfRange\n          http_status: 429",
            expected: vec![(
                line_of(&list, "", "| 210502 |"),
                Kind::DiffersFromSpec,
                "error.210502: http=400".into(),
            )],
        },
        Case {
            page: PATCH_PAGE,
            // With the URL: the contacts range pages carry the same date.
            spec_old: "application/patch-2\n      x-feishu-doc-updated: '2023-07-21'",
            spec_new: "application/patch-2\n      x-feishu-doc-updated: '2023-01-01'",
            expected: vec![(
                line_of(&patch, "", "last_remote_update"),
                Kind::DiffersFromSpec,
                "doc: updated=2023-07-21".into(),
            )],
        },
        Case {
            page: PATCH_PAGE,
            spec_old: "security:\n  - tenantAccessToken: []\n",
            spec_new: "",
            expected: vec![(
                line_of(&patch, "", "Authorization | string"),
                Kind::MissingInSpec,
                "header.Authorization: type=string".into(),
            )],
        },
    ];
    for case in &cases {
        run(case);
    }
}

#[test]
fn a_response_field_missing_from_the_spec_is_named_with_its_example_member() {
    let list = page_text(LIST_PAGE);
    run(&Case {
        page: LIST_PAGE,
        spec_old: "        customer_service_account:\n          type: string\n          description: The customer service account, when a store app configured one.\n",
        spec_new: "",
        expected: vec![
            (
                line_of(&list, "", "customer_service_account | string"),
                Kind::MissingInSpec,
                "response.data.items[].owner.customer_service_account: type=string".into(),
            ),
            (
                line_of(&list, "响应体示例", "\"customer_service_account\""),
                Kind::ExampleInvalid,
                "example.response: /data/items/0/owner/customer_service_account".into(),
            ),
        ],
    });
}

#[test]
fn html_facts() {
    let html = page_text(HTML_PAGE);
    let cases = [
        Case {
            page: HTML_PAGE,
            spec_old: "            - value: 4\n              name: MainNavigation\n              description: Main navigation mode\n",
            spec_new: "",
            expected: vec![(
                line_of(&html, "", "<md-enum-item key=\"4\" >主导航模式"),
                Kind::MissingInSpec,
                "response.data.app_version.ability.gadget.enable_pc_mode: enum=4".into(),
            )],
        },
        Case {
            page: HTML_PAGE,
            // get_app_version's: the one followed by 211002 (the contacts range suggestion
            // documents 210508 too).
            spec_old: "        - code: 210508\n          name: InsufficientPermissionLevel\n          http_status: 400\n          message: insufficient permission level\n          hint: 请检查应用已申请权限与被查询 app_id，当被查询 app_id 非本应用且未申请获取应用版本信息权限时，返回该错误码\n        - code: 211002\n",
            spec_new: "        - code: 210509\n          name: InsufficientPermissionLevel\n          http_status: 400\n          message: insufficient permission level\n          hint: 请检查应用已申请权限与被查询 app_id，当被查询 app_id 非本应用且未申请获取应用版本信息权限时，返回该错误码\n        - code: 211002\n",
            expected: vec![(
                line_of(&html, "<md-td>210508</md-td>", "") - 1,
                Kind::MissingInSpec,
                "error.210508: http=400".into(),
            )],
        },
        Case {
            page: HTML_PAGE,
            spec_old: "        - name: lang\n          in: query\n          required: true\n          description: Language of the returned app information.",
            spec_new: "        - name: lang\n          in: query\n          required: false\n          description: Language of the returned app information.",
            expected: vec![(
                line_of(&html, ">lang<", "是"),
                Kind::DiffersFromSpec,
                "query.lang: required=true".into(),
            )],
        },
        Case {
            page: HTML_PAGE,
            spec_old: "        create_time:\n          type: string\n",
            spec_new: "        create_time:\n          type: integer\n",
            expected: vec![
                (
                    line_of(&html, "", ">create_time<"),
                    Kind::DiffersFromSpec,
                    "response.data.app_version.create_time: type=string".into(),
                ),
                (
                    line_of(&html, "<md-code-json>", "\"create_time\""),
                    Kind::ExampleInvalid,
                    "example.response: /data/app_version/create_time".into(),
                ),
            ],
        },
    ];
    for case in &cases {
        run(case);
    }
}

#[test]
fn scrape_facts() {
    let scrape = page_text(SCRAPE_PAGE);
    let cases = [
        Case {
            page: SCRAPE_PAGE,
            // The pending list's (followed by 210502), not the contacts range configuration's.
            spec_old: "          message: invalid page_token\n          hint: page_token 在应用间不互通，请检查该 page_token 是否由调用接口的应用获取到\n        - code: 210502\n",
            spec_new: "          message: bad page_token\n          hint: page_token 在应用间不互通，请检查该 page_token 是否由调用接口的应用获取到\n        - code: 210502\n",
            expected: vec![(
                line_of(&scrape, "", "| 210501 |"),
                Kind::DiffersFromSpec,
                "error.210501: message=invalid page_token".into(),
            )],
        },
        Case {
            page: SCRAPE_PAGE,
            spec_old: "      enum: [open_id, union_id, user_id]\n      x-enum-varnames: [OpenId, UnionId, UserId]\n",
            spec_new: "      enum: [open_id, user_id]\n      x-enum-varnames: [OpenId, UserId]\n",
            expected: vec![(
                line_of(&scrape, "", "union_id:"),
                Kind::MissingInSpec,
                "query.user_id_type: enum=union_id".into(),
            )],
        },
        Case {
            page: SCRAPE_PAGE,
            spec_old: "      default: open_id\n",
            spec_new: "",
            expected: vec![(
                line_of(&scrape, "", "默认值:open_id"),
                Kind::MissingInSpec,
                "query.user_id_type: default=open_id".into(),
            )],
        },
    ];
    for case in &cases {
        run(case);
    }
}

#[test]
fn a_nested_html_field_missing_from_the_spec_is_found_at_its_level() {
    let html = page_text(HTML_PAGE);
    let gadget_field = "        pc_min_lark_version:\n          type: string\n          description: The oldest Feishu version supported on PC.\n";
    run(&Case {
        page: HTML_PAGE,
        spec_old: gadget_field,
        spec_new: "",
        expected: vec![
            (
                line_of(&html, "", ">pc_min_lark_version<"),
                Kind::MissingInSpec,
                "response.data.app_version.ability.gadget.pc_min_lark_version: type=string".into(),
            ),
            (
                line_of(&html, "<md-code-json>", "\"pc_min_lark_version\""),
                Kind::ExampleInvalid,
                "example.response: /data/app_version/ability/gadget/pc_min_lark_version".into(),
            ),
        ],
    });
}
