//! Tenants loaded from JSON.

use crate::support::{Env, pending};
use feishu_fake::{Config, Fixtures, seed};

#[tokio::test]
async fn a_tenant_saved_as_json_serves_the_same_answers_when_loaded() {
    let generated = seed::generate(3);
    let dir = std::env::temp_dir().join(format!("feishu-fake-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tenant.json");
    std::fs::write(&path, generated.to_json()).unwrap();
    let loaded = Fixtures::from_path(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(loaded, generated);

    let from_file = Env::start(Config {
        fixtures: Some(loaded),
        ..Config::default()
    })
    .await;
    let from_seed = Env::start(Config {
        seed: 3,
        ..Config::default()
    })
    .await;
    assert_eq!(
        from_file.all_pending("ja_jp", 50).await,
        from_seed.all_pending("ja_jp", 50).await
    );
}

#[tokio::test]
async fn a_small_hand_written_tenant_works() {
    let json = r#"{
      "users": [{"open_id": "ou_1", "union_id": "on_1", "user_id": "u1", "name": "Reviewer"}],
      "apps": [{
        "application": {"app_id": "cli_00000000000000aa", "app_name": "Tiny", "scene_type": 0,
                         "unaudit_version_id": "oav_tiny_2", "online_version_id": "oav_tiny_1",
                         "creator_id": "ou_1"},
        "versions": [{"version_id": "oav_tiny_1", "status": 1}, {"version_id": "oav_tiny_2", "status": 3}]
      }]
    }"#;
    let fixtures = Fixtures::from_json(json).unwrap();
    let env = Env::start(Config {
        fixtures: Some(fixtures),
        ..Config::default()
    })
    .await;
    let list = env.all_pending("en_us", 10).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["app_name"], "Tiny");
    assert_eq!(
        pending(&env.snapshot(), 5),
        vec![("cli_00000000000000aa".to_owned(), "oav_tiny_2".to_owned())]
    );
    let missing = std::path::Path::new("/nonexistent/tenant.json");
    assert!(
        Fixtures::from_path(missing)
            .unwrap_err()
            .to_string()
            .contains("/nonexistent/tenant.json")
    );
}
