//! The deterministic tenant: the same seed gives the same users, apps and versions.
//!
//! The shape is fixed whatever the seed — 132 apps: 48 self-built apps with a version pending
//! review, 51 other self-built apps, 15 store apps, 12 personal-store apps and 6 of unknown
//! type — and the seed decides ids, names, order, scopes and abilities. Properties cycle within
//! each group so every documented status, scene type, create source, primary language, scope
//! level and ability shows up.

mod catalog;
mod version;

use feishu_application::types::Application;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

use crate::config::DEFAULT_OPERATOR_OPEN_ID;
use crate::fixtures::{AppFixture, Fixtures, User};
use catalog::{APP_NAMES, CATEGORIES, PEOPLE, Tri};
use version::{Abilities, VersionSpec};

/// Apps with a version pending review in every generated tenant.
pub const PENDING_APPS: usize = 48;
/// Apps in every generated tenant (callers added by the fake come on top).
pub const TOTAL_APPS: usize = 132;

/// The three languages every generated text exists in, in [`Tri`] order.
const LANGS: [&str; 3] = ["zh_cn", "en_us", "ja_jp"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Pending,
    SelfBuilt,
    Store,
    PersonalStore,
    UnknownType,
}

/// Generates the tenant of `seed`.
pub fn generate(seed: u64) -> Fixtures {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let users = users(&mut rng);
    let mut roles = Vec::with_capacity(TOTAL_APPS);
    for (role, count) in [
        (Role::Pending, PENDING_APPS),
        (Role::SelfBuilt, 51),
        (Role::Store, 15),
        (Role::PersonalStore, 12),
        (Role::UnknownType, 6),
    ] {
        roles.extend(std::iter::repeat_n(role, count));
    }
    roles.shuffle(&mut rng);
    let mut counters = [0usize; 5];
    let apps = roles
        .into_iter()
        .map(|role| {
            let n = counters[role as usize];
            counters[role as usize] += 1;
            app(&mut rng, role, n, &users)
        })
        .collect();
    Fixtures { users, apps }
}

/// A self-built app with one approved version and nothing pending: what the fake adds for a
/// configured caller that the tenant does not have yet.
pub fn caller_app(app_id: &str, seed: u64) -> AppFixture {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ fold(app_id));
    let mut fixture = app(&mut rng, Role::SelfBuilt, 0, &[]);
    fixture.application.app_id = Some(app_id.to_owned());
    fixture.application.app_name = Some("应用审核助手".to_owned());
    for version in &mut fixture.versions {
        version.app_id = Some(app_id.to_owned());
    }
    fixture
}

fn users(rng: &mut ChaCha8Rng) -> Vec<User> {
    PEOPLE
        .iter()
        .enumerate()
        .map(|(i, name)| User {
            open_id: if i == 0 {
                DEFAULT_OPERATOR_OPEN_ID.to_owned()
            } else {
                format!("ou_{}", hex(rng, 32))
            },
            union_id: format!("on_{}", hex(rng, 32)),
            user_id: format!("{:x}", rng.random_range(0x1000_0000u32..0xffff_ffff)),
            name: (*name).to_owned(),
        })
        .collect()
}

fn app(rng: &mut ChaCha8Rng, role: Role, n: usize, users: &[User]) -> AppFixture {
    let app_id = format!("cli_{}", hex(rng, 16));
    let primary = n % 3;
    let (name, subtitle) = APP_NAMES.choose(rng).copied().unwrap_or(APP_NAMES[0]);
    let slug = name[1].to_lowercase().replace([' ', '&'], "-");
    let creator = users.choose(rng).map_or_else(
        || DEFAULT_OPERATOR_OPEN_ID.to_owned(),
        |u| u.open_id.clone(),
    );
    let self_built = matches!(role, Role::Pending | Role::SelfBuilt);
    let category = CATEGORIES.choose(rng).copied().unwrap_or(CATEGORIES[0]);

    // The versions, oldest first, and which is online / pending.
    let statuses = version_statuses(role, n);
    let abilities = Abilities::cycle(n + role as usize);
    let common = VersionCommon {
        app_id: &app_id,
        name,
        subtitle,
        primary,
        i18n_langs: if n.is_multiple_of(4) { 1 } else { 3 },
        slug: &slug,
        category,
        abilities,
    };
    let versions: Vec<Value> = statuses
        .iter()
        .enumerate()
        .map(|(i, status)| {
            VersionSpec {
                index: i,
                status: *status,
                remark: (n + i) % 3,
            }
            .build(rng, &common_json(&common))
        })
        .collect();
    let id_of = |v: &Value| v["version_id"].as_str().unwrap_or_default().to_owned();
    let online = statuses
        .iter()
        .rposition(|s| *s == 1)
        .map(|i| id_of(&versions[i]));
    let pending = (role == Role::Pending).then(|| id_of(&versions[versions.len() - 1]));
    let reference = &versions[versions.len() - 1];
    let scopes: Vec<Value> = reference["scopes"]
        .as_array()
        .map(|scopes| {
            scopes
                .iter()
                .map(|s| json!({"scope": s["scope"], "description": s["description"], "level": s["level"]}))
                .collect()
        })
        .unwrap_or_default();

    let app_status = match (online.is_some(), role) {
        (false, _) => 2,
        (true, Role::UnknownType) => 3,
        (true, _) => [1, 1, 1, 0, 1, 3][n % 6],
    };
    let scene_type = match role {
        Role::Pending | Role::SelfBuilt => 0,
        Role::Store => 1,
        Role::PersonalStore => 2,
        Role::UnknownType => 3,
    };
    let create_source = [
        Some("base"),
        None,
        Some("developer_console"),
        Some("app_engine"),
        Some("bot_builder"),
        Some("aily"),
        Some("unknown"),
    ][n % 7];
    let owner = if self_built {
        json!({"type": 2, "owner_id": creator})
    } else {
        let partner = n % 2 == 1;
        let mut owner = json!({
            "type": if partner { 1 } else { 0 },
            "owner_id": format!("ou_{}", hex(rng, 32)),
            "name": if partner { "Example Partner Ltd." } else { "Feishu" },
            "help_desk": format!("https://applink.feishu.cn/client/helpdesk/open?id={}", rng.random_range(10u64.pow(18)..10u64.pow(19))),
            "email": format!("support{}@example.com", n),
            "phone": format!("1{}", rng.random_range(3_000_000_000u64..9_999_999_999)),
        });
        if n.is_multiple_of(3) {
            owner["customer_service_account"] = json!(format!("service{n}@example.com"));
        }
        owner
    };
    let mut application = json!({
        "app_id": app_id,
        "creator_id": creator,
        "status": app_status,
        "scene_type": scene_type,
        "payment_type": if self_built { 0 } else { (n % 2) as i64 },
        "create_source": create_source,
        "redirect_urls": (0..n % 3).map(|i| format!("https://{slug}.example.com/callback/{i}")).collect::<Vec<_>>(),
        "online_version_id": online,
        "unaudit_version_id": pending,
        "app_name": name[primary],
        "avatar_url": reference["avatar_url"],
        "description": subtitle[primary],
        "scopes": scopes,
        "back_home_url": reference["back_home_url"],
        "i18n": reference["i18n"],
        "primary_language": LANGS[primary],
        "common_categories": [category[primary]],
        "owner": owner,
        "mobile_default_ability": abilities.default_ability(),
        "pc_default_ability": abilities.default_ability(),
    });
    strip_empty(&mut application);
    let application: Application =
        serde_json::from_value(application).expect("generated application matches the type");
    let versions = versions
        .into_iter()
        .map(|mut v| {
            strip_empty(&mut v);
            serde_json::from_value(v).expect("generated version matches the type")
        })
        .collect();
    AppFixture {
        application,
        versions,
    }
}

/// The statuses of an app's versions, oldest first (1 approved, 2 rejected, 3 under review,
/// 4 not submitted, 0 unknown).
fn version_statuses(role: Role, n: usize) -> Vec<i64> {
    match role {
        Role::Pending => {
            let count = [1, 2, 3, 2, 4, 2, 3][n % 7];
            let earlier = if n.is_multiple_of(5) { 2 } else { 1 };
            let mut statuses = vec![earlier; count - 1];
            if count >= 3 && n.is_multiple_of(2) {
                statuses[0] = 2;
            }
            statuses.push(3);
            statuses
        }
        Role::SelfBuilt => {
            let last = [1, 4, 2, 1, 0][n % 5];
            let mut statuses = vec![1; n % 3];
            statuses.push(last);
            statuses
        }
        _ => vec![1; 1 + n % 2],
    }
}

/// What all versions of one app share.
struct VersionCommon<'a> {
    app_id: &'a str,
    name: Tri,
    subtitle: Tri,
    primary: usize,
    i18n_langs: usize,
    slug: &'a str,
    category: Tri,
    abilities: Abilities,
}

fn common_json(c: &VersionCommon<'_>) -> Value {
    let i18n: Vec<Value> = (0..c.i18n_langs)
        .map(|k| {
            let lang = (c.primary + k) % 3;
            json!({
                "i18n_key": LANGS[lang],
                "name": c.name[lang],
                "description": c.subtitle[lang],
                "help_use": format!("https://{}.example.com/help/{}", c.slug, LANGS[lang]),
            })
        })
        .collect();
    json!({
        "app_id": c.app_id,
        "app_name": c.name[c.primary],
        "description": c.subtitle[c.primary],
        "avatar_url": format!("https://sf1-ttcdn-tos.pstatp.com/img/avatar/{}~72x72.jpg", c.slug),
        "back_home_url": format!("https://{}.example.com/admin", c.slug),
        "i18n": i18n,
        "common_categories": [c.category[c.primary]],
        "primary": c.primary,
        "slug": c.slug,
        "abilities": c.abilities.bits(),
    })
}

/// Lower-case hex digits from the generator.
fn hex(rng: &mut ChaCha8Rng, digits: usize) -> String {
    (0..digits)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect()
}

/// Removes nulls and empty arrays, as Feishu omits empty fields.
fn strip_empty(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)));
            map.values_mut().for_each(strip_empty);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_empty),
        _ => {}
    }
}

/// Folds a string into a seed.
fn fold(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
