//! The fake answers every operation of the spec: the stateful ones by their handlers, any
//! other with its `200` example. A test over the workspace spec covers an operation added
//! to it with no new test; a spec copy with an operation no code knows shows the routing,
//! the token and parameter checks, drift and faults come from the spec alone.

use crate::support::{Env, pending, version_path};
use feishu_fake::{AppCredential, Config, DEFAULT_OPERATOR_OPEN_ID, DRIFT_HEADER, Faults, Spec};
use feishu_validate::Validator;
use reqwest::Method;
use serde_json::{Value, json};

const WORKSPACE_SPEC: &str = include_str!("../../../spec/feishu-application-v6.yaml");

/// Operations the workspace spec does not have: a GET with a path parameter (documented
/// example `cli_widget_example`) and a required query parameter, and a POST with a body.
const WIDGETS: &str = "/open-apis/application/v6/applications/{app_id}/widget_settings";
const WIDGETS_YAML: &str = r"  /open-apis/application/v6/applications/{app_id}/widget_settings:
    get:
      operationId: get_widget_settings
      parameters:
        - name: app_id
          in: path
          required: true
          schema:
            type: string
          example: cli_widget_example
        - name: lang
          in: query
          required: true
          schema:
            $ref: '#/components/schemas/Lang'
          example: zh_cn
      responses:
        '200':
          description: The app's widget settings.
          content:
            application/json:
              schema:
                type: object
                required: [code, msg]
                properties:
                  code: {type: integer}
                  msg: {type: string}
                  data:
                    type: object
                    properties:
                      app_id: {type: string}
                      note: {type: string}
                      owners:
                        type: array
                        items: {type: string}
              example:
                code: 0
                msg: success
                data:
                  app_id: cli_widget_example
                  note: the settings of cli_widget_example
                  owners: [cli_widget_example, ou_widget_owner]
        4XX:
          $ref: '#/components/responses/Error'
    post:
      operationId: create_widget_settings
      parameters:
        - name: app_id
          in: path
          required: true
          schema:
            type: string
          example: cli_widget_example
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [label]
              properties:
                label: {type: string, maxLength: 20}
                size: {type: integer, minimum: 1}
            example: {label: compact, size: 2}
      responses:
        '200':
          description: Created.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PatchAppVersionResponse'
              example: {code: 0, msg: success, data: {}}
        4XX:
          $ref: '#/components/responses/Error'
";

/// A DELETE on the stateful version path, which only has GET and PATCH handlers.
const DELETE_VERSION_YAML: &str = r"    delete:
      operationId: delete_app_version
      parameters:
        - name: app_id
          in: path
          required: true
          schema:
            type: string
          example: cli_9f3ca975326b501b
      responses:
        '200':
          description: Deleted.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PatchAppVersionResponse'
              example: {code: 0, msg: success, data: {}}
        4XX:
          $ref: '#/components/responses/Error'
";

/// The workspace spec with the two operations above inserted, by text, as `docs add` does.
fn spec_copy() -> String {
    let version_item =
        "  /open-apis/application/v6/applications/{app_id}/app_versions/{version_id}:\n";
    assert!(WORKSPACE_SPEC.contains("\npaths:\n") && WORKSPACE_SPEC.contains(version_item));
    WORKSPACE_SPEC
        .replacen("\npaths:\n", &format!("\npaths:\n{WIDGETS_YAML}"), 1)
        .replacen(
            version_item,
            &format!("{version_item}{DELETE_VERSION_YAML}"),
            1,
        )
}

fn copy_config(faults: Faults) -> Config {
    Config {
        spec: Some(Spec::parse(&spec_copy()).expect("the spec copy parses")),
        faults,
        ..Config::default()
    }
}

fn widgets(app_id: &str, query: &str) -> String {
    format!("{}{query}", WIDGETS.replace("{app_id}", app_id))
}

#[tokio::test]
async fn every_operation_of_the_workspace_spec_gets_an_answer_the_validator_accepts() {
    let answered = answer_every_operation(WORKSPACE_SPEC, None).await;
    assert!(answered.len() >= 4, "{answered:?}");
}

#[tokio::test]
async fn every_operation_of_a_spec_copy_gets_an_answer_the_validator_accepts() {
    let copy = spec_copy();
    let spec = Spec::parse(&copy).expect("the copy parses");
    let answered = answer_every_operation(&copy, Some(spec)).await;
    for added in [
        "get_widget_settings",
        "create_widget_settings",
        "delete_app_version",
    ] {
        assert!(answered.iter().any(|id| id == added), "{answered:?}");
    }
}

/// Ids the tenant knows, where an example's id would name nothing; the rest are examples.
type Known<'a> = [(&'a str, &'a str)];

/// Sends every operation of the spec `text` one request built from the spec (its examples,
/// with ids the tenant knows) to a fake answering from `fake_spec`; asserts each answer is a
/// success with no violation and no drift; returns the operationIds answered.
async fn answer_every_operation(text: &str, fake_spec: Option<Spec>) -> Vec<String> {
    let spec: Value = serde_yaml_ng::from_str(text).expect("the spec parses");
    // The token request's example is the credential, so every example is a request that works.
    let token_example = spec
        .pointer(TOKEN_REQUEST_EXAMPLE)
        .expect("a token request example");
    let credential = AppCredential::new(
        token_example["app_id"].as_str().expect("an app_id example"),
        token_example["app_secret"]
            .as_str()
            .expect("a secret example"),
    );
    let env = Env::start(Config {
        credentials: vec![credential],
        spec: fake_spec,
        ..Config::default()
    })
    .await;
    let (app_id, version_id) = pending(&env.snapshot(), 1).remove(0);
    let known = [
        ("app_id", app_id.as_str()),
        ("version_id", version_id.as_str()),
        ("operator_id", DEFAULT_OPERATOR_OPEN_ID),
    ];
    let validator = Validator::from_spec_str(text).expect("the validator reads the spec");
    let mut answered = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            let Some(id) = operation["operationId"].as_str() else {
                continue; // the path item's `parameters`
            };
            let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap();
            let url = url(&spec, path, item, operation, &known);
            let body =
                resolve(&spec, &operation["requestBody"])["content"]["application/json"]["example"]
                    .clone();
            let body = (!body.is_null()).then_some(body);
            let answer = env.send(method.clone(), &url, Some(&env.token), body).await;
            assert_eq!(answer.status, 200, "{id} {method} {url}: {}", answer.json);
            assert_eq!(answer.code(), 0, "{id}: {}", answer.json);
            let report = validator
                .validate(id, answer.status.as_u16(), &answer.bytes)
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(report.is_clean(), "{id} {url}: {report:#?}");
            answered.push(id.to_owned());
        }
    }
    answered.sort();
    let documented: Vec<&str> = validator.operations().collect();
    assert_eq!(answered, documented, "every operation was answered");
    answered
}

const TOKEN_REQUEST_EXAMPLE: &str = "/paths/~1open-apis~1auth~1v3~1tenant_access_token~1internal\
    /post/requestBody/content/application~1json/example";

/// The path with its parameters filled in, and the required query parameters.
fn url(spec: &Value, path: &str, item: &Value, operation: &Value, known: &Known<'_>) -> String {
    let mut url = path.to_owned();
    let mut query = Vec::new();
    for parameter in parameters(spec, item, operation) {
        let name = parameter["name"].as_str().expect("a parameter name");
        let value = known.iter().find(|(n, _)| *n == name).map_or_else(
            || example_text(&parameter["example"]).unwrap_or_else(|| panic!("{name}: no example")),
            |(_, v)| (*v).to_owned(),
        );
        match parameter["in"].as_str() {
            Some("path") => url = url.replace(&format!("{{{name}}}"), &value),
            Some("query") if parameter["required"] == Value::Bool(true) => {
                query.push(format!("{name}={value}"));
            }
            _ => {}
        }
    }
    if query.is_empty() {
        url
    } else {
        format!("{url}?{}", query.join("&"))
    }
}

/// The operation's parameters and its path item's, `$ref`s resolved.
fn parameters(spec: &Value, item: &Value, operation: &Value) -> Vec<Value> {
    let all = item["parameters"].as_array().into_iter().flatten();
    all.chain(operation["parameters"].as_array().into_iter().flatten())
        .map(|p| resolve(spec, p).clone())
        .collect()
}

fn resolve<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => spec
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("{reference} names nothing")),
        None => value,
    }
}

fn example_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

#[tokio::test]
async fn an_operation_added_to_a_spec_copy_is_answered_with_the_path_parameter_put_in() {
    let path = widgets("cli_mine%20x", "?lang=en_us");
    let workspace = Env::default().await;
    workspace.get(&path).await.assert_error(404, 404);

    let env = Env::start(copy_config(Faults::default())).await;
    let answer = env.get(&path).await;
    assert_eq!(answer.status, 200, "{}", answer.json);
    assert_eq!(
        answer.json["data"],
        json!({
            "app_id": "cli_mine x",
            "note": "the settings of cli_widget_example",
            "owners": ["cli_mine x", "ou_widget_owner"]
        })
    );
    let validator = Validator::from_spec_str(&spec_copy()).expect("the copy is a spec");
    let report = validator
        .validate("get_widget_settings", 200, &answer.bytes)
        .unwrap();
    assert!(report.is_clean(), "{report:#?}");

    // A method the stateful version routes do not have, but the copy documents.
    let version = version_path("cli_mine", "oav_mine");
    let deleted = env
        .send(Method::DELETE, &version, Some(&env.token), None)
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.json);
    assert_eq!(
        deleted.json,
        json!({"code": 0, "msg": "success", "data": {}})
    );
    let not_documented = env
        .send(Method::PUT, &version, Some(&env.token), None)
        .await;
    not_documented.assert_error(405, 405);
    let allow = not_documented.headers["allow"].to_str().unwrap();
    assert_eq!(allow, "DELETE,GET,HEAD,PATCH", "the spec's methods");
    let wrong_method = env.send(Method::PUT, &path, Some(&env.token), None).await;
    wrong_method.assert_error(405, 405);
    assert_eq!(wrong_method.headers["allow"], "GET,HEAD,POST");
}

#[tokio::test]
async fn the_added_operation_checks_the_token_and_its_parameters() {
    let env = Env::start(copy_config(Faults::default())).await;
    let path = widgets("cli_mine", "?lang=zh_cn");
    let missing = env.send(Method::GET, &path, None, None).await;
    missing.assert_error(400, 99991663);
    let unknown = env
        .send(Method::GET, &path, Some("t-not-issued"), None)
        .await;
    unknown.assert_error(400, 99991663);
    let malformed = env.send(Method::GET, &path, Some("u-123"), None).await;
    malformed.assert_error(400, 99991671);

    let without_lang = env.get(&widgets("cli_mine", "")).await;
    without_lang.assert_error(400, 99992402);
    assert!(
        without_lang.msg().contains("lang is required"),
        "{}",
        without_lang.msg()
    );
    let bad_lang = env.get(&widgets("cli_mine", "?lang=fr_fr")).await;
    bad_lang.assert_error(400, 99992402);
    assert!(
        bad_lang.msg().contains("\"fr_fr\" is not one of zh_cn"),
        "{}",
        bad_lang.msg()
    );
    let twice = env
        .get(&widgets("cli_mine", "?lang=zh_cn&lang=en_us"))
        .await;
    twice.assert_error(400, 99992402);
    let bad_escape = env.get(&widgets("cli%ff", "?lang=zh_cn")).await;
    bad_escape.assert_error(400, 99992402);
}

#[tokio::test]
async fn the_added_post_checks_its_body_against_the_schema() {
    let env = Env::start(copy_config(Faults::default())).await;
    let path = widgets("cli_mine", "");
    for (body, expected) in [
        (None, "request body is required"),
        (Some(json!([1])), "request body must be a JSON object"),
        (
            Some(json!({"size": 2})),
            "the request body needs member \"label\"",
        ),
        (
            Some(json!({"label": 7})),
            "request body member /label must be a string",
        ),
        (
            Some(json!({"label": "x", "size": 0})),
            "request body member /size 0 is out of range",
        ),
    ] {
        let answer = env
            .send(Method::POST, &path, Some(&env.token), body.clone())
            .await;
        answer.assert_error(400, 99992402);
        assert!(
            answer.msg().contains(expected),
            "{body:?}: {}",
            answer.msg()
        );
    }
    let created = env
        .send(
            Method::POST,
            &path,
            Some(&env.token),
            Some(json!({"label": "x"})),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.json);
}

#[tokio::test]
async fn drift_reaches_the_added_operation_without_violations() {
    let env = Env::start(copy_config(Faults {
        drift_rate: 1.0,
        ..Faults::default()
    }))
    .await;
    let answer = env.get(&widgets("cli_mine", "?lang=zh_cn")).await;
    assert_eq!(answer.status, 200, "{}", answer.json);
    let named = answer.headers[DRIFT_HEADER].to_str().unwrap();
    let validator = Validator::from_spec_str(&spec_copy()).unwrap();
    let report = validator
        .validate("get_widget_settings", 200, &answer.bytes)
        .unwrap();
    assert!(report.is_valid(), "{report:#?}");
    let mut found: Vec<&str> = report.drift.iter().map(|d| d.pointer.as_str()).collect();
    let mut added: Vec<&str> = named.split(',').collect();
    found.sort_unstable();
    added.sort_unstable();
    assert!(!found.is_empty());
    assert_eq!(found, added, "the validator finds what the fake added");
}

#[tokio::test]
async fn faults_reach_the_added_operation_but_not_unknown_paths() {
    let env = Env::start(copy_config(Faults {
        server_error_rate: 1.0,
        ..Faults::default()
    }))
    .await;
    env.get(&widgets("cli_mine", "?lang=zh_cn"))
        .await
        .assert_error(500, 2200);
    env.get("/open-apis/application/v6/nothing/here")
        .await
        .assert_error(404, 404);
}
