//! Fault injection: latency, rate limit, server errors; seeded, and off for the token endpoint.

use std::time::Duration;

use crate::support::{Env, LIST, pending};
use feishu_application::spec_facts::ROUTES;
use feishu_fake::{Config, DEFAULT_APP_ID, DEFAULT_APP_SECRET, Faults, RateLimit};
use reqwest::Method;
use serde_json::json;
use tokio::time::Instant;

fn with_faults(faults: Faults) -> Config {
    Config {
        faults,
        ..Config::default()
    }
}

#[tokio::test]
async fn no_faults_by_default() {
    assert!(!Config::default().faults.any());
    let env = Env::default().await;
    for _ in 0..20 {
        assert_eq!(env.get(&format!("{LIST}?lang=zh_cn")).await.code(), 0);
    }
}

/// On tokio's paused clock, the fake's timer: each wait is exact and costs no real time.
/// Every operation of the spec's route table is asked once (an error answer counts too: the
/// latency comes before the handler); the token endpoint answers at once.
#[tokio::test(start_paused = true)]
async fn latency_delays_every_application_answer_and_no_token_answer() {
    let latency = Duration::from_secs(3);
    let env = Env::start(with_faults(Faults {
        latency,
        ..Faults::default()
    }))
    .await;
    let (app, version) = pending(&env.snapshot(), 1).remove(0);
    let mut asked = 0;
    let mut not_served = Vec::new();
    for &(method, template, operation) in ROUTES {
        let path = template
            .replace("{app_id}", &app)
            .replace("{version_id}", &version);
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let started = Instant::now();
        if operation == "get_tenant_access_token" {
            env.token_for(DEFAULT_APP_ID, DEFAULT_APP_SECRET).await;
            assert_eq!(
                started.elapsed(),
                Duration::ZERO,
                "the token endpoint waits"
            );
            continue;
        }
        let body = (method != Method::GET).then(|| json!({}));
        let answer = env
            .send(
                method,
                &format!("{path}?lang=zh_cn"),
                Some(&env.token),
                body,
            )
            .await;
        let waited = started.elapsed();
        if answer.status == 404 && answer.msg() == "404 page not found" {
            // An operation the fake does not serve yet gets the router's fallback, which is
            // no application answer; once served, it must wait like the others.
            not_served.push(operation);
            continue;
        }
        // The paused clock's timer may round up to the next millisecond.
        assert!(
            (latency..=latency + Duration::from_millis(1)).contains(&waited),
            "{operation} answered after {waited:?} ({})",
            answer.json
        );
        asked += 1;
    }
    assert!(
        asked >= 3,
        "the route table lists the application operations"
    );
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_the_ogw_headers_until_the_window_resets() {
    let limit = RateLimit {
        limit: 3,
        window: Duration::from_secs(10),
    };
    let env = Env::start(with_faults(Faults {
        rate_limit: Some(limit),
        ..Faults::default()
    }))
    .await;
    let path = format!("{LIST}?lang=zh_cn");
    // Tokens take nothing from the window: the limit is on application calls.
    for _ in 0..5 {
        env.token_for(DEFAULT_APP_ID, DEFAULT_APP_SECRET).await;
    }
    for _ in 0..3 {
        assert_eq!(env.get(&path).await.code(), 0);
    }
    let limited = env.get(&path).await;
    limited.assert_error(429, 99991400);
    assert_eq!(limited.headers["x-ogw-ratelimit-limit"], "3");
    let reset: u64 = limited.headers["x-ogw-ratelimit-reset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=10).contains(&reset), "{reset}");
    // The token endpoint is never limited.
    env.token_for(DEFAULT_APP_ID, DEFAULT_APP_SECRET).await;
    env.fake.advance_clock(Duration::from_secs(reset));
    assert_eq!(env.get(&path).await.code(), 0);
}

#[tokio::test]
async fn an_error_rate_of_one_fails_every_application_call_with_2200() {
    let env = Env::start(with_faults(Faults {
        server_error_rate: 1.0,
        ..Faults::default()
    }))
    .await;
    env.get(&format!("{LIST}?lang=zh_cn"))
        .await
        .assert_error(500, 2200);
    env.token_for(DEFAULT_APP_ID, DEFAULT_APP_SECRET).await;
}

#[tokio::test]
async fn server_errors_follow_the_seed() {
    async fn pattern(seed: u64) -> Vec<bool> {
        let env = Env::start(with_faults(Faults {
            server_error_rate: 0.5,
            seed,
            ..Faults::default()
        }))
        .await;
        let mut failed = Vec::new();
        for _ in 0..40 {
            let answer = env.get(&format!("{LIST}?lang=zh_cn&page_size=1")).await;
            failed.push(answer.code() == 2200);
        }
        failed
    }
    let a = pattern(11).await;
    assert_eq!(a, pattern(11).await);
    assert_ne!(a, pattern(12).await);
    let failures = a.iter().filter(|f| **f).count();
    assert!((5..=35).contains(&failures), "{failures}");
}

#[tokio::test]
async fn impossible_fault_settings_are_refused() {
    let config = with_faults(Faults {
        server_error_rate: 1.5,
        ..Faults::default()
    });
    let error = feishu_fake::start(config).await.unwrap_err();
    assert!(error.to_string().contains("server_error_rate"), "{error}");
}
