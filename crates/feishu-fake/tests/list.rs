//! The pending list: parameters, pagination, page tokens, languages, user ids.

use std::collections::HashSet;
use std::time::Duration;

use crate::support::{Env, LIST};
use feishu_fake::{AppCredential, Config, DEFAULT_APP_ID, DEFAULT_APP_SECRET, seed};
use reqwest::Method;

#[tokio::test]
async fn full_pagination_returns_every_pending_app_once_in_a_stable_order() {
    let env = Env::default().await;
    let first = env.all_pending("zh_cn", 7).await;
    let ids: Vec<_> = first
        .iter()
        .map(|a| a["app_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), seed::PENDING_APPS);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
    assert!(
        first
            .iter()
            .all(|a| a["unaudit_version_id"].is_string() && a["scene_type"] == 0)
    );
    let again: Vec<_> = env
        .all_pending("zh_cn", 50)
        .await
        .iter()
        .map(|a| a["app_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(again, ids);
}

#[tokio::test]
async fn page_size_defaults_and_is_bounded_as_the_spec_says() {
    use feishu_application::spec_facts::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MIN_PAGE_SIZE};
    let env = Env::default().await;
    let answer = env.get(&format!("{LIST}?lang=en_us")).await;
    let items = answer.json["data"]["items"].as_array().unwrap().len();
    assert_eq!(items, DEFAULT_PAGE_SIZE as usize);
    assert_eq!(answer.json["data"]["has_more"], true);
    let below = (MIN_PAGE_SIZE - 1).to_string();
    let above = (MAX_PAGE_SIZE + 1).to_string();
    for size in [below.as_str(), above.as_str(), "-3", "99999999999"] {
        let answer = env
            .get(&format!("{LIST}?lang=en_us&page_size={size}"))
            .await;
        answer.assert_error(400, 210502);
    }
    let answer = env.get(&format!("{LIST}?lang=en_us&page_size=ten")).await;
    answer.assert_error(400, 99992402);
    assert!(answer.msg().contains("page_size"));
    // The demo tenant's 48 pending apps fit in the largest page.
    let answer = env
        .get(&format!("{LIST}?lang=en_us&page_size={MAX_PAGE_SIZE}"))
        .await;
    assert_eq!(answer.json["data"]["has_more"], false);
    assert!(answer.json["data"].get("page_token").is_none());
}

#[tokio::test]
async fn lang_is_required_and_must_be_documented() {
    let env = Env::default().await;
    for query in [
        "",
        "?lang=",
        "?lang=fr_fr",
        "?lang=zh_cn&lang=en_us",
        "?lang=zh_cn&user_id_type=email",
    ] {
        let answer = env.get(&format!("{LIST}{query}")).await;
        answer.assert_error(400, 99992402);
        let names = ["lang", "user_id_type"]
            .iter()
            .any(|f| answer.msg().contains(f));
        assert!(names, "{}", answer.msg());
    }
}

#[tokio::test]
async fn lang_picks_the_name_and_description() {
    let env = Env::default().await;
    let zh = env.all_pending("zh_cn", 50).await;
    let en = env.all_pending("en_us", 50).await;
    let ja = env.all_pending("ja_jp", 50).await;
    let mut localised = 0;
    for ((z, e), j) in zh.iter().zip(&en).zip(&ja) {
        let has = |lang: &str| {
            z["i18n"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["i18n_key"] == lang)
        };
        if has("zh_cn") && has("en_us") && has("ja_jp") {
            assert_ne!(z["app_name"], e["app_name"]);
            assert_ne!(e["description"], j["description"]);
            let en_entry = e["i18n"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["i18n_key"] == "en_us")
                .unwrap();
            assert_eq!(e["app_name"], en_entry["name"]);
            localised += 1;
        }
    }
    assert!(localised > 10, "{localised}");
}

#[tokio::test]
async fn user_id_type_picks_the_kind_of_creator_id() {
    let env = Env::default().await;
    let tenant = env.snapshot();
    for (kind, prefix) in [("open_id", "ou_"), ("union_id", "on_")] {
        let answer = env
            .get(&format!("{LIST}?lang=zh_cn&user_id_type={kind}"))
            .await;
        for item in answer.json["data"]["items"].as_array().unwrap() {
            assert!(
                item["creator_id"].as_str().unwrap().starts_with(prefix),
                "{item}"
            );
            assert_eq!(item["owner"]["owner_id"], item["creator_id"]);
        }
    }
    let answer = env
        .get(&format!("{LIST}?lang=zh_cn&user_id_type=user_id"))
        .await;
    let user_ids: HashSet<_> = tenant.users.iter().map(|u| u.user_id.as_str()).collect();
    for item in answer.json["data"]["items"].as_array().unwrap() {
        assert!(user_ids.contains(item["creator_id"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn page_tokens_are_bound_to_the_app_and_expire() {
    let other = AppCredential::new("cli_0f0f0f0f0f0f0f0f", "other-secret");
    let env = Env::start(Config {
        credentials: vec![
            AppCredential::new(DEFAULT_APP_ID, DEFAULT_APP_SECRET),
            other.clone(),
        ],
        page_token_ttl: Duration::from_secs(300),
        ..Config::default()
    })
    .await;
    let first = env.get(&format!("{LIST}?lang=zh_cn&page_size=5")).await;
    let page_token = first.json["data"]["page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let next = format!("{LIST}?lang=zh_cn&page_size=5&page_token={page_token}");

    let other_token = env.token_for(&other.app_id, &other.app_secret).await;
    env.send(Method::GET, &next, Some(&other_token), None)
        .await
        .assert_error(400, 210501);
    env.get(&format!("{LIST}?lang=zh_cn&page_token=new-0000"))
        .await
        .assert_error(400, 210500);

    let second = env.get(&next).await;
    assert_eq!(second.code(), 0);
    assert_ne!(
        second.json["data"]["items"][0]["app_id"],
        first.json["data"]["items"][0]["app_id"]
    );
    // A page token can be used again while it lives.
    assert_eq!(
        env.get(&next).await.json["data"]["items"],
        second.json["data"]["items"]
    );

    env.fake.advance_clock(Duration::from_secs(301));
    let fresh = env.token_for(DEFAULT_APP_ID, DEFAULT_APP_SECRET).await;
    env.send(Method::GET, &next, Some(&fresh), None)
        .await
        .assert_error(400, 210500);
}

#[tokio::test]
async fn the_same_seed_gives_the_same_list_and_another_seed_another() {
    let a = Env::start(Config {
        seed: 5,
        ..Config::default()
    })
    .await;
    let b = Env::start(Config {
        seed: 5,
        ..Config::default()
    })
    .await;
    let c = Env::start(Config {
        seed: 6,
        ..Config::default()
    })
    .await;
    let (la, lb, lc) = (
        a.all_pending("en_us", 50).await,
        b.all_pending("en_us", 50).await,
        c.all_pending("en_us", 50).await,
    );
    assert_eq!(la, lb);
    assert_ne!(la, lc);
}
