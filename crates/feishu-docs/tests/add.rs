//! `add`: each frozen page's operation, removed from a copy of the frozen spec and added
//! back from its page, comes back with every fact `docs check` knows and an equivalent schema;
//! each page format, idempotence, and pages that cannot be read.

use std::path::{Path, PathBuf};

use feishu_docs::{AddConfig, Outcome, SPEC_PATH, add};
use serde_json::{Value, json};

use crate::support::{
    CONFIGURATION_PAGE, HTML_PAGE, LIST_PAGE, PATCH_PAGE, SCRAPE_PAGE, SUGGEST_PAGE, frozen_root,
    live_page,
};

/// A copy of the frozen `spec/` (the YAML and the pages) in a folder of its own.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn frozen() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("spec/docs");
        std::fs::create_dir_all(&docs).unwrap();
        for entry in std::fs::read_dir(frozen_root().join("spec/docs")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, docs.join(path.file_name().unwrap())).unwrap();
        }
        std::fs::copy(frozen_root().join(SPEC_PATH), dir.path().join(SPEC_PATH)).unwrap();
        Repo { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A file of the copy.
    fn file(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    fn spec(&self) -> PathBuf {
        self.root().join(SPEC_PATH)
    }

    fn spec_text(&self) -> String {
        std::fs::read_to_string(self.spec()).unwrap()
    }

    fn spec_value(&self) -> Value {
        serde_yaml_ng::from_str(&self.spec_text()).unwrap()
    }

    fn page(&self, name: &str) -> PathBuf {
        self.root().join("spec/docs").join(name)
    }

    fn add(&self, page: &Path, operation_id: Option<&str>) -> feishu_docs::AddReport {
        let mut config = AddConfig::workspace(self.root(), vec![page.to_path_buf()]);
        config.operation_id = operation_id.map(str::to_string);
        add(&config).unwrap()
    }

    /// Removes `method` from the path item `path` (and the item when nothing else is left).
    fn remove_operation(&self, path: &str, method: &str) {
        let text = self.spec_text();
        let lines: Vec<&str> = text.lines().collect();
        let item = lines
            .iter()
            .position(|line| *line == format!("  {path}:"))
            .expect("the path is in the spec");
        let item_end = block_end(&lines, item, 2);
        let op = (item..item_end)
            .find(|&l| lines[l] == format!("    {method}:"))
            .expect("the method is in the path item");
        let op_end = block_end(&lines, op, 4);
        let others = (item + 1..item_end)
            .filter(|&l| {
                !(op..op_end).contains(&l)
                    && lines[l].starts_with("    ")
                    && !lines[l].starts_with("     ")
                    && !lines[l].trim().is_empty()
            })
            .any(|l| !lines[l].trim_start().starts_with("parameters:"));
        let (from, to) = if others {
            (op, op_end)
        } else {
            (item, item_end)
        };
        let kept: Vec<&str> = lines[..from].iter().chain(&lines[to..]).copied().collect();
        std::fs::write(self.spec(), kept.join("\n") + "\n").unwrap();
    }
}

impl Repo {
    /// Removes the schema components nothing refers to any more that something referred to
    /// in `before` (the operation's own envelope, payload and the types only it used).
    fn remove_orphaned_schemas(&self, before: &Value) {
        let was_used = referenced(before);
        loop {
            let now = self.spec_value();
            let used = referenced(&now);
            let orphan = now["components"]["schemas"]
                .as_object()
                .unwrap()
                .keys()
                .find(|name| was_used.contains(*name) && !used.contains(*name))
                .cloned();
            let Some(orphan) = orphan else { return };
            let text = self.spec_text();
            let lines: Vec<&str> = text.lines().collect();
            let start = lines
                .iter()
                .position(|line| *line == format!("    {orphan}:"))
                .unwrap();
            let end = block_end(&lines, start, 4);
            let kept: Vec<&str> = lines[..start]
                .iter()
                .chain(&lines[end..])
                .copied()
                .collect();
            std::fs::write(self.spec(), kept.join("\n") + "\n").unwrap();
        }
    }
}

/// The schema names some `$ref` in `value` points at.
fn referenced(value: &Value) -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(members) => {
                if let Some(name) = members
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    names.insert(name.to_string());
                }
                stack.extend(members.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    names
}

/// One past the last line of the block opened at `start` (entries deeper than `indent`).
fn block_end(lines: &[&str], start: usize, indent: usize) -> usize {
    let mut end = start + 1;
    for (l, line) in lines.iter().enumerate().skip(start + 1) {
        if line.trim().is_empty() {
            continue;
        }
        if line.len() - line.trim_start().len() <= indent {
            break;
        }
        end = l + 1;
    }
    end
}

/// A schema reduced to what the round trip compares: types, properties, items, enum values and
/// required flags, after `$ref`s; no descriptions, examples, formats or extensions.
fn shape(root: &Value, schema: &Value) -> Value {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = root.pointer(reference.trim_start_matches('#')).unwrap();
        return shape(root, target);
    }
    let mut out = serde_json::Map::new();
    if let Some(ty) = schema.get("type") {
        out.insert("type".into(), ty.clone());
    }
    // A bit set's flags are its values, as `docs check` reads them: a page lists them as an
    // enum's, and `docs add` cannot tell the two apart (the note on the issue says so).
    let flags = schema.get("x-feishu-bit-flags").and_then(Value::as_array);
    let values = schema
        .get("enum")
        .and_then(Value::as_array)
        .cloned()
        .or_else(|| flags.map(|flags| flags.iter().map(|flag| flag["value"].clone()).collect()));
    if let Some(values) = values {
        let mut values: Vec<String> = values
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect();
        values.sort();
        out.insert("enum".into(), json!(values));
    }
    if let Some(items) = schema.get("items") {
        out.insert("items".into(), shape(root, items));
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        let properties: serde_json::Map<String, Value> = properties
            .iter()
            .map(|(name, property)| (name.clone(), shape(root, property)))
            .collect();
        out.insert("properties".into(), Value::Object(properties));
    }
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        let mut required: Vec<&str> = required.iter().filter_map(Value::as_str).collect();
        required.sort_unstable();
        out.insert("required".into(), json!(required));
    }
    Value::Object(out)
}

/// The parts of an operation the round trip compares, as shapes.
fn operation_shape(root: &Value, path: &str, method: &str) -> Value {
    let item = &root["paths"][path];
    let operation = &item[method];
    // An operation's parameter overrides the path item's of the same name and place.
    let mut by_key = std::collections::BTreeMap::new();
    for parameter in item["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(operation["parameters"].as_array().into_iter().flatten())
    {
        let parameter = match parameter.get("$ref").and_then(Value::as_str) {
            Some(reference) => root.pointer(reference.trim_start_matches('#')).unwrap(),
            None => parameter,
        };
        by_key.insert(
            (parameter["in"].to_string(), parameter["name"].to_string()),
            parameter,
        );
    }
    let mut parameters: Vec<Value> = by_key
        .into_values()
        .map(|parameter| {
            json!({
                "name": parameter["name"],
                "in": parameter["in"],
                "required": parameter["required"].as_bool().unwrap_or(false),
                "schema": shape(root, &parameter["schema"]),
            })
        })
        .collect();
    parameters.sort_by_key(|p| p["name"].as_str().unwrap_or_default().to_string());
    let body = &operation["requestBody"]["content"]["application/json"]["schema"];
    let answer = &operation["responses"]["200"]["content"]["application/json"]["schema"];
    let mut codes: Vec<Value> = operation["x-feishu-error-codes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|code| json!([code["code"], code["http_status"], code["message"]]))
        .collect();
    codes.sort_by_key(|code| code[0].as_i64());
    json!({
        "parameters": parameters,
        "body": if body.is_null() { Value::Null } else { shape(root, body) },
        "answer": shape(root, answer),
        "error_codes": codes,
    })
}

/// Removes `method path` from a frozen copy, adds it back from `page`, and compares.
fn round_trip(page: &str, path: &str, method: &str, operation_id: &str) {
    let repo = Repo::frozen();
    let before = repo.spec_value();
    repo.remove_operation(path, method);
    repo.remove_orphaned_schemas(&before);
    let removed = before["components"]["schemas"].as_object().unwrap().len()
        - repo.spec_value()["components"]["schemas"]
            .as_object()
            .unwrap()
            .len();
    assert!(repo.spec_value()["paths"][path][method].is_null());
    assert!(
        removed >= 2,
        "{page}: the operation's own envelope and payload go with it"
    );
    let report = repo.add(&repo.page(page), Some(operation_id));
    assert!(
        matches!(&report.outcomes[..], [Outcome::Added { operation_id: id, .. }] if id == operation_id),
        "{:?}",
        report.outcomes
    );
    let after = repo.spec_value();
    let findings = check_pages_in(&repo, page);
    assert!(
        findings.is_empty(),
        "{page}: docs check after the round trip:\n{}",
        findings.join("\n")
    );
    let (expected, drafted) = (
        operation_shape(&before, path, method),
        operation_shape(&after, path, method),
    );
    let (drafted, expected) = (
        serde_json::to_string_pretty(&drafted).unwrap(),
        serde_json::to_string_pretty(&expected).unwrap(),
    );
    let diff = similar::TextDiff::from_lines(&expected, &drafted);
    assert!(
        drafted == expected,
        "{page}: the drafted operation (+) differs from the hand-written one (-):\n{}",
        diff.unified_diff().context_radius(4)
    );
}

fn check_pages_in(repo: &Repo, page: &str) -> Vec<String> {
    let config = feishu_docs::CheckConfig {
        spec: repo.spec(),
        pages: vec![repo.page(page)],
        root: repo.root().to_path_buf(),
    };
    feishu_docs::check(&config)
        .unwrap()
        .iter()
        .map(|finding| format!("{}:{}: {}", finding.page, finding.line, finding.message))
        .collect()
}

const VERSION_PATH: &str =
    "/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}";
const LIST_PATH: &str = "/open-apis/application/v6/applications/underauditlist";

#[test]
fn the_patch_page_markdown_round_trips() {
    round_trip(PATCH_PAGE, VERSION_PATH, "patch", "patch_app_version");
}

#[test]
fn the_get_page_html_round_trips() {
    round_trip(HTML_PAGE, VERSION_PATH, "get", "get_app_version");
}

#[test]
fn the_list_page_markdown_round_trips() {
    round_trip(LIST_PAGE, LIST_PATH, "get", "list_under_audit_apps");
}

/// An older page: pipe-led tables, a two-column response table whose types come from the
/// example, three levels of `∟` with a jump from one to three, one `请求参数` section, and a
/// `响应示例` heading.
const LEGACY_PAGE: &str = "\
---
title: \"获取应用管理员列表\"
source_url: https://open.feishu.cn/document/ukTMukTMukTM/ucDOwYjL3gDM24yN4AjN
last_remote_update: 2021-06-01
---
# 获取应用管理员列表

获取应用的管理员列表。

### 请求

| 基本 | |
|---|---|
| HTTP URL | https://open.feishu.cn/open-apis/user/v4/app_admin_user/list |
| HTTP Method | GET |

### 请求参数
|参数|类型|必须|说明|
|-|-|-|-|
|page_size|int|否|分页大小<br>**默认值**：`20`<br>**数据校验规则**：<br>- 取值范围：`1` ～ `50`|
|page_token|string|否|分页标记|
|lang|string|是|语言<br>**可选值有**：<br>- zh_cn：中文<br>- en_us：英文|

### 响应体
|参数|说明|
|-|-|
|code|返回码，非 0 表示失败|
|msg|返回码描述|
|data|-|
|&emsp;∟user_list|管理员列表|
|&emsp;&emsp;&emsp;∟open_id|管理员的 open_id|
|&emsp;&emsp;∟profile|资料|
|&emsp;&emsp;&emsp;∟name|姓名|
|&emsp;&emsp;&emsp;∟level|级别|
|&emsp;∟has_more|是否还有更多|
|&emsp;∟page_token|分页标记|

### 响应示例
```json
{
    \"code\": 0,
    \"msg\": \"success\",
    \"data\": {
        \"user_list\": [
            {\"open_id\": \"ou_1\", \"profile\": {\"name\": \"Li\", \"level\": 2}}
        ],
        \"has_more\": false,
        \"page_token\": \"\"
    }
}
```

### 错误码
|HTTP状态码|错误码|描述|排查建议|
|-|-|-|-|
|400|40001|param is invalid|检查参数|
";

const ADMINS_PATH: &str = "/open-apis/user/v4/app_admin_user/list";

#[test]
fn a_legacy_page_nests_by_its_marks_and_types_by_its_example() {
    let repo = Repo::frozen();
    let page = repo.file("legacy.md");
    std::fs::write(&page, LEGACY_PAGE).unwrap();
    let report = repo.add(&page, None);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    let spec = repo.spec_value();
    let operation = &spec["paths"][ADMINS_PATH]["get"];
    assert_eq!(
        operation["operationId"], "list_app_admin_user",
        "a paged GET; `list` names no thing"
    );
    let names: Vec<&str> = operation["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["page_size", "page_token", "lang"],
        "请求参数 of a GET is the query"
    );
    let page_size = &operation["parameters"][0]["schema"];
    assert_eq!(
        (page_size["minimum"].as_i64(), page_size["maximum"].as_i64()),
        (Some(1), Some(50))
    );
    let answer = shape(
        &spec,
        &operation["responses"]["200"]["content"]["application/json"]["schema"],
    );
    let user = &answer["properties"]["data"]["properties"]["user_list"]["items"];
    assert_eq!(
        user["properties"]["open_id"]["type"], "string",
        "a jump of two levels still nests"
    );
    assert_eq!(
        user["properties"]["profile"]["properties"]["level"]["type"],
        "integer"
    );
    assert_eq!(
        user["properties"]["profile"]["properties"]["name"]["type"],
        "string"
    );
    assert_eq!(
        answer["properties"]["data"]["properties"]["has_more"]["type"],
        "boolean"
    );
    let codes = &operation["x-feishu-error-codes"][0];
    assert_eq!(
        (codes["code"].as_i64(), codes["name"].as_str()),
        (Some(40001), Some("ParamIsInvalid"))
    );
    let findings = check_pages_in_path(&repo, &repo.page(&stored_name(&report)));
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
fn a_legacy_post_page_takes_its_request_parameters_as_the_body() {
    let repo = Repo::frozen();
    let post = LEGACY_PAGE
        .replace("| HTTP Method | GET |", "| HTTP Method | POST |")
        .replace(
            "|page_token|string|否|分页标记|",
            "|page_token|string|是|分页标记|",
        );
    let page = repo.file("legacy_post.md");
    std::fs::write(&page, post).unwrap();
    repo.add(&page, None);
    let spec = repo.spec_value();
    let operation = &spec["paths"][ADMINS_PATH]["post"];
    assert_eq!(operation["operationId"], "create_app_admin_user");
    assert!(operation["parameters"].is_null());
    let body = shape(
        &spec,
        &operation["requestBody"]["content"]["application/json"]["schema"],
    );
    assert_eq!(body["required"], json!(["lang", "page_token"]));
    assert_eq!(body["properties"]["page_size"]["type"], "integer");
}

#[test]
fn the_scrape_page_drafts_its_answer_from_the_example() {
    let repo = Repo::frozen();
    let before = repo.spec_value();
    repo.remove_operation(LIST_PATH, "get");
    repo.remove_orphaned_schemas(&before);
    let report = repo.add(&repo.page(SCRAPE_PAGE), Some("list_under_audit_apps"));
    let spec = repo.spec_value();
    let operation = &spec["paths"][LIST_PATH]["get"];
    let answer = shape(
        &spec,
        &operation["responses"]["200"]["content"]["application/json"]["schema"],
    );
    let app = &answer["properties"]["data"]["properties"]["items"]["items"]["properties"];
    for field in ["app_id", "app_name", "scopes", "owner", "i18n"] {
        assert!(!app[field].is_null(), "{field} from the example: {app}");
    }
    assert_eq!(
        operation["x-feishu-error-codes"].as_array().unwrap().len(),
        3
    );
    let findings = check_pages_in(&repo, SCRAPE_PAGE);
    assert!(
        findings.is_empty(),
        "{}\n{:?}",
        findings.join("\n"),
        report.notes
    );
}

/// The two contacts-range operations, which the frozen spec holds since the hand-written
/// client uses them (`tests/fixtures/README.md`).
const CONTACTS_RANGE_PATHS: [&str; 2] = [
    "/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}/contacts_range_suggest",
    "/open-apis/application/v6/applications/{app_id}/contacts_range_configuration",
];

/// A frozen copy without the contacts-range operations and the components only they use, so
/// that adding their pages adds them again.
fn frozen_without_contacts_range() -> Repo {
    let repo = Repo::frozen();
    let before = repo.spec_value();
    for path in CONTACTS_RANGE_PATHS {
        repo.remove_operation(path, "get");
    }
    repo.remove_orphaned_schemas(&before);
    repo
}

#[test]
fn adding_a_page_twice_changes_nothing() {
    let repo = frozen_without_contacts_range();
    let pages = vec![live_page(SUGGEST_PAGE), live_page(CONFIGURATION_PAGE)];
    let first = add(&AddConfig::workspace(repo.root(), pages.clone())).unwrap();
    assert_eq!(first.stored.len(), 2);
    let (spec, readme) = (
        repo.spec_text(),
        std::fs::read_to_string(repo.file("spec/docs/README.md")).unwrap(),
    );
    let again = add(&AddConfig::workspace(repo.root(), pages)).unwrap();
    assert!(
        again
            .outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Exists { .. })),
        "{:?}",
        again.outcomes
    );
    assert_eq!(repo.spec_text(), spec);
    assert_eq!(
        std::fs::read_to_string(repo.file("spec/docs/README.md")).unwrap(),
        readme
    );
}

#[test]
fn a_taken_operation_id_and_a_clashing_component_are_findings() {
    let repo = frozen_without_contacts_range();
    // The page's `app_visible_list` gains a member the spec's AppVisibleList does not have.
    let text = std::fs::read_to_string(live_page(SUGGEST_PAGE))
        .unwrap()
        .replace(
            "group_ids | string\\[\\] | 通讯录权限范围的可用用户组 id 列表",
            "group_ids | string\\[\\] | 通讯录权限范围的可用用户组 id 列表\nrole_ids | string\\[\\] | 角色",
        )
        .replace("\"group_ids\": [", "\"role_ids\": [\"r1\"],\n\"group_ids\": [");
    let page = repo.file("suggest.md");
    std::fs::write(&page, text).unwrap();
    let report = repo.add(&page, Some("get_app_version"));
    let notes: Vec<String> = report.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("operationId `get_app_version` is taken")
                && n.contains("get_app_version_2")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("component `AppVisibleList` exists with another shape")),
        "{notes:?}"
    );
    let spec = repo.spec_value();
    let before: Value = serde_yaml_ng::from_str(&crate::support::spec_text()).unwrap();
    assert_eq!(
        spec["components"]["schemas"]["AppVisibleList"],
        before["components"]["schemas"]["AppVisibleList"]
    );
    assert!(
        spec["paths"]["/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}/contacts_range_suggest"]
            ["get"]["operationId"]
            == "get_app_version_2"
    );
}

fn stored_name(report: &feishu_docs::AddReport) -> String {
    report.stored[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn check_pages_in_path(repo: &Repo, page: &Path) -> Vec<String> {
    let name = page.file_name().unwrap().to_string_lossy().into_owned();
    check_pages_in(repo, &name)
}
