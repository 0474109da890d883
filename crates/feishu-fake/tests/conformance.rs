//! Every answer the fake sends — each operation's success and each of its errors — checked
//! against the spec with `feishu-validate`: no violation and no drift.

use std::time::Duration;

use crate::support::{Answer, Env, LIST, TOKEN, pending, version_path};
use feishu_application::types::SceneType;
use feishu_fake::{
    AppCredential, Config, DEFAULT_APP_ID, DEFAULT_APP_SECRET, DEFAULT_OPERATOR_OPEN_ID, Faults,
    RateLimit,
};
use feishu_validate::Validator;
use reqwest::Method;
use serde_json::json;

/// Collects every answer with its operation, then reports all findings at once.
#[derive(Default)]
struct Checked {
    count: usize,
    findings: Vec<String>,
}

impl Checked {
    fn check(&mut self, operation: &str, what: &str, answer: &Answer) {
        self.count += 1;
        if answer.status.as_u16() >= 400 && answer.log_id.is_none() {
            self.findings
                .push(format!("{operation} {what}: no X-Tt-Logid"));
        }
        match Validator::workspace().validate(operation, answer.status.as_u16(), &answer.bytes) {
            Ok(report) if report.is_clean() => {}
            Ok(report) => {
                for v in &report.violations {
                    self.findings.push(format!(
                        "{operation} {what} [{}]: violation at {:?}: {}",
                        answer.status, v.pointer, v.message
                    ));
                }
                for d in &report.drift {
                    self.findings.push(format!(
                        "{operation} {what} [{}]: drift at {:?}: {}",
                        answer.status, d.pointer, d.message
                    ));
                }
            }
            Err(e) => self.findings.push(format!(
                "{operation} {what} [{}]: cannot check: {e}",
                answer.status
            )),
        }
    }

    fn assert_clean(self) {
        assert!(self.count > 0);
        assert!(
            self.findings.is_empty(),
            "{} of {} answers do not conform:\n{}",
            self.findings.len(),
            self.count,
            self.findings.join("\n")
        );
    }
}

const LIST_OP: &str = "list_under_audit_apps";
const GET_OP: &str = "get_app_version";
const PATCH_OP: &str = "patch_app_version";
const TOKEN_OP: &str = "get_tenant_access_token";

#[tokio::test]
async fn every_success_answer_conforms() {
    let env = Env::default().await;
    let mut checked = Checked::default();
    let body = json!({"app_id": DEFAULT_APP_ID, "app_secret": DEFAULT_APP_SECRET});
    checked.check(
        TOKEN_OP,
        "ok",
        &env.send(Method::POST, TOKEN, None, Some(body)).await,
    );
    for (app_id, code) in [
        (DEFAULT_APP_ID, "wrong secret"),
        ("cli_ffffffffffffffff", "unknown app"),
    ] {
        let body = json!({"app_id": app_id, "app_secret": "wrong"});
        checked.check(
            TOKEN_OP,
            code,
            &env.send(Method::POST, TOKEN, None, Some(body)).await,
        );
    }
    // Every page, in every language and kind of user id.
    for lang in ["zh_cn", "en_us", "ja_jp"] {
        for kind in ["open_id", "union_id", "user_id"] {
            let mut page_token = String::new();
            loop {
                let answer = env
                    .get(&format!(
                        "{LIST}?lang={lang}&user_id_type={kind}&page_size=9&page_token={page_token}"
                    ))
                    .await;
                checked.check(LIST_OP, "page", &answer);
                match answer.json["data"]["page_token"].as_str() {
                    Some(next) => page_token = next.to_owned(),
                    None => break,
                }
            }
        }
    }
    // Every version of every self-built app.
    let tenant = env.snapshot();
    for app in &tenant.apps {
        if app.application.scene_type != Some(SceneType::SelfBuilt) {
            continue;
        }
        let app_id = app.application.app_id.as_deref().unwrap();
        for version in &app.versions {
            let path = version_path(app_id, version.version_id.as_deref().unwrap());
            checked.check(
                GET_OP,
                "version",
                &env.get(&format!("{path}?lang=ja_jp")).await,
            );
        }
    }
    // Every decision.
    let targets = pending(&tenant, 5);
    for ((app_id, version_id), (status, reason)) in
        targets
            .iter()
            .zip([(1, ""), (2, "&reject_reason=no"), (3, ""), (4, ""), (0, "")])
    {
        let path = format!(
            "{}?user_id_type=open_id&operator_id={DEFAULT_OPERATOR_OPEN_ID}{reason}",
            version_path(app_id, version_id)
        );
        checked.check(
            PATCH_OP,
            "decision",
            &env.patch(&path, json!({"status": status})).await,
        );
    }
    checked.assert_clean();
}

#[tokio::test]
async fn every_error_answer_conforms() {
    let other = AppCredential::new("cli_0f0f0f0f0f0f0f0f", "other-secret");
    let env = Env::start(Config {
        credentials: vec![
            AppCredential::new(DEFAULT_APP_ID, DEFAULT_APP_SECRET),
            other.clone(),
        ],
        token_ttl: Duration::from_secs(100),
        page_token_ttl: Duration::from_secs(50),
        ..Config::default()
    })
    .await;
    let mut checked = Checked::default();
    let tenant = env.snapshot();
    let mine = pending(&tenant, 2);
    let (app_a, version_a) = &mine[0];
    token_errors(&env, &mut checked, app_a, version_a).await;
    let version_b = &mine[1].1;
    let (get, list) = (get_url, list_url());
    // List errors.
    for query in [
        "",
        "?lang=xx",
        "?lang=zh_cn&page_size=0",
        "?lang=zh_cn&page_size=x",
        "?lang=zh_cn&page_token=new-nope",
    ] {
        checked.check(LIST_OP, query, &env.get(&format!("{LIST}{query}")).await);
    }
    let first = env.get(&list).await;
    let page_token = first.json["data"]["page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let other_token = env.token_for(&other.app_id, &other.app_secret).await;
    let next = format!("{list}&page_token={page_token}");
    checked.check(
        LIST_OP,
        "210501",
        &env.send(Method::GET, &next, Some(&other_token), None).await,
    );
    // Version lookups.
    for (app, version) in [
        ("bad", version_a.as_str()),
        ("cli_ffffffffffffffff", version_a),
        (app_a, "oav_nope"),
        (app_a, version_b),
    ] {
        checked.check(GET_OP, "lookup", &env.get(&get(app, version)).await);
        let path = format!(
            "{}?user_id_type=open_id&operator_id={DEFAULT_OPERATOR_OPEN_ID}",
            version_path(app, version)
        );
        checked.check(
            PATCH_OP,
            "lookup",
            &env.patch(&path, json!({"status": 1})).await,
        );
    }
    decision_errors(&env, &mut checked, app_a, version_a).await;
    // Expiry: page token (210500), then tenant token (99991664).
    env.fake.advance_clock(Duration::from_secs(51));
    checked.check(LIST_OP, "210500", &env.get(&next).await);
    env.fake.advance_clock(Duration::from_secs(50));
    checked.check(LIST_OP, "99991664", &env.get(&list).await);
    checked.assert_clean();
}

/// The url of one version, in Chinese.
fn get_url(app: &str, version: &str) -> String {
    format!("{}?lang=zh_cn", version_path(app, version))
}

/// The url of the first page of five pending apps.
fn list_url() -> String {
    format!("{LIST}?lang=zh_cn&page_size=5")
}

/// The token endpoint's own errors, then a missing, malformed and unknown token on every
/// operation.
async fn token_errors(env: &Env, checked: &mut Checked, app_a: &str, version_a: &str) {
    for (body, what) in [
        (json!({}), "missing app_id"),
        (json!({"app_id": 1, "app_secret": "x"}), "wrong type"),
        (json!("x"), "not an object"),
    ] {
        checked.check(
            TOKEN_OP,
            what,
            &env.send(Method::POST, TOKEN, None, Some(body)).await,
        );
    }

    let (get, list) = (get_url, list_url());
    // Token errors, on every operation.
    for token in [None, Some("garbage"), Some("t-unknown")] {
        checked.check(
            LIST_OP,
            "token",
            &env.send(Method::GET, &list, token, None).await,
        );
        checked.check(
            GET_OP,
            "token",
            &env.send(Method::GET, &get(app_a, version_a), token, None)
                .await,
        );
        checked.check(
            PATCH_OP,
            "token",
            &env.send(
                Method::PATCH,
                &get(app_a, version_a),
                token,
                Some(json!({"status": 1})),
            )
            .await,
        );
    }
}

/// A decision with a missing or wrong parameter.
async fn decision_errors(env: &Env, checked: &mut Checked, app_a: &str, version_a: &str) {
    // Decision parameter errors.
    let base = version_path(app_a, version_a);
    for (query, body) in [
        ("?operator_id=x", json!({"status": 1})),
        ("?user_id_type=open_id", json!({"status": 1})),
        (
            "?user_id_type=open_id&operator_id=ou_nobody",
            json!({"status": 1}),
        ),
        (
            "?user_id_type=open_id&operator_id=ou_x",
            json!({"status": 2}),
        ),
        (
            "?user_id_type=open_id&operator_id=ou_x",
            json!({"status": 7}),
        ),
        (
            "?user_id_type=open_id&operator_id=ou_x",
            json!({"status": "1"}),
        ),
    ] {
        checked.check(
            PATCH_OP,
            query,
            &env.patch(&format!("{base}{query}"), body).await,
        );
    }
}

#[tokio::test]
async fn injected_faults_conform() {
    let mut checked = Checked::default();
    for faults in [
        Faults {
            rate_limit: Some(RateLimit {
                limit: 1,
                window: Duration::from_secs(60),
            }),
            ..Faults::default()
        },
        Faults {
            server_error_rate: 1.0,
            ..Faults::default()
        },
    ] {
        let env = Env::start(Config {
            faults,
            ..Config::default()
        })
        .await;
        let (app_id, version_id) = pending(&env.snapshot(), 1).remove(0);
        let get = format!("{}?lang=zh_cn", version_path(&app_id, &version_id));
        let patch = format!(
            "{}?user_id_type=open_id&operator_id={DEFAULT_OPERATOR_OPEN_ID}",
            version_path(&app_id, &version_id)
        );
        // Each answer is checked; the test is about fault answers, so they must be faults:
        // all six under the error rate, all but the first under a limit of one a minute.
        let mut faulted = 0;
        for _ in 0..2 {
            let answers = [
                (LIST_OP, env.get(&format!("{LIST}?lang=zh_cn")).await),
                (GET_OP, env.get(&get).await),
                (PATCH_OP, env.patch(&patch, json!({"status": 1})).await),
            ];
            for (operation, answer) in &answers {
                faulted += usize::from(answer.code() != 0);
                checked.check(operation, "fault", answer);
            }
        }
        assert!(faulted >= 5, "{faulted} of 6 answers were faults");
    }
    checked.assert_clean();
}

#[test]
fn the_validator_would_catch_an_undocumented_member() {
    let body = br#"{"code":0,"msg":"success","data":{"app_version":{"not_in_the_spec":1}}}"#;
    let report = Validator::workspace().validate(GET_OP, 200, body).unwrap();
    assert!(!report.is_clean());
}
