//! The deterministic tenant: the same seed gives the same users, apps and versions.
//!
//! The shape is fixed whatever the seed — 132 apps: 48 self-built apps with a version pending
//! review, 51 other self-built apps, 15 store apps, 12 personal-store apps and 6 of unknown
//! type — and the seed decides ids, names, order, scopes and abilities. Properties cycle within
//! each group so every documented status, scene type, create source, primary language, scope
//! level and ability shows up.

mod catalog;
mod history;
mod scaled;
mod version;

pub use scaled::with_pending;

use feishu_application::types::{
    AppI18nInfo, AppStatus, AppVersion, Application, ApplicationOwner, BasicI18nKey, CreateSource,
    I18nKey, OwnerType, PaymentType, SceneType,
};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Map;

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
/// [`LANGS`] as an app's primary language.
const PRIMARY_LANGUAGES: [BasicI18nKey; 3] =
    [BasicI18nKey::ZhCn, BasicI18nKey::EnUs, BasicI18nKey::JaJp];

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
    let mut apps: Vec<AppFixture> = roles
        .into_iter()
        .map(|role| {
            let n = counters[role as usize];
            counters[role as usize] += 1;
            app(&mut rng, role, n, &users)
        })
        .collect();
    history::relate(&mut apps);
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
    let category = CATEGORIES.choose(rng).copied().unwrap_or(CATEGORIES[0]);
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
    let statuses = version_statuses(role, n);
    let versions = versions(rng, &statuses, n, &common);
    let id_of = |i: usize| versions[i].version_id.clone();
    let listed = Listed {
        online_version_id: statuses.iter().rposition(|s| *s == 1).and_then(id_of),
        unaudit_version_id: (role == Role::Pending)
            .then(|| id_of(versions.len() - 1))
            .flatten(),
        reference: &versions[versions.len() - 1],
        creator,
    };
    let application = application(rng, role, n, &common, listed);
    AppFixture {
        application,
        versions,
        contacts_range: None,
        contacts_range_suggests: Default::default(),
    }
}

/// An app's versions, oldest first.
fn versions(
    rng: &mut ChaCha8Rng,
    statuses: &[i64],
    n: usize,
    common: &VersionCommon<'_>,
) -> Vec<AppVersion> {
    statuses
        .iter()
        .enumerate()
        .map(|(i, status)| {
            VersionSpec {
                index: i,
                status: *status,
                remark: (n + i) % 3,
            }
            .build(rng, common)
        })
        .collect()
}

/// What the list entry of an app takes from its versions and its creator.
struct Listed<'v> {
    online_version_id: Option<String>,
    unaudit_version_id: Option<String>,
    /// The newest version: the list shows its scopes, avatar and texts.
    reference: &'v AppVersion,
    creator: String,
}

/// The app as `list_under_audit_apps` shows it.
fn application(
    rng: &mut ChaCha8Rng,
    role: Role,
    n: usize,
    common: &VersionCommon<'_>,
    listed: Listed<'_>,
) -> Application {
    let self_built = matches!(role, Role::Pending | Role::SelfBuilt);
    let status = match (listed.online_version_id.is_some(), role) {
        (false, _) => AppStatus::NotEnabled,
        (true, Role::UnknownType) => AppStatus::Unknown,
        (true, _) => [
            AppStatus::Enabled,
            AppStatus::Enabled,
            AppStatus::Enabled,
            AppStatus::Disabled,
            AppStatus::Enabled,
            AppStatus::Unknown,
        ][n % 6],
    };
    let scene_type = match role {
        Role::Pending | Role::SelfBuilt => SceneType::SelfBuilt,
        Role::Store => SceneType::Store,
        Role::PersonalStore => SceneType::PersonalStore,
        Role::UnknownType => SceneType::Unknown,
    };
    let payment_type = match self_built || n.is_multiple_of(2) {
        true => PaymentType::Free,
        false => PaymentType::Paid,
    };
    let owner = match self_built {
        true => ApplicationOwner::default()
            .with_type(OwnerType::EnterpriseMember)
            .with_owner_id(listed.creator.clone()),
        false => vendor(rng, n),
    };
    let reference = listed.reference;
    let primary = common.primary;
    // The list shows a scope without its token types.
    let scopes = reference.scopes.iter().map(|s| {
        let mut scope = s.clone();
        scope.token_types = Vec::new();
        scope.extra = Map::new();
        scope
    });
    let mut app = Application::default()
        .with_app_id(common.app_id)
        .with_creator_id(listed.creator)
        .with_status(status)
        .with_scene_type(scene_type)
        .with_payment_type(payment_type)
        .with_redirect_urls(
            (0..n % 3).map(|i| format!("https://{}.example.com/callback/{i}", common.slug)),
        )
        .with_app_name(common.name[primary])
        .with_description(common.subtitle[primary])
        .with_scopes(scopes)
        .with_i18n(reference.i18n.clone())
        .with_primary_language(PRIMARY_LANGUAGES[primary].clone())
        .with_common_categories([common.category[primary].to_owned()])
        .with_owner(owner);
    app.create_source = create_source(n);
    app.online_version_id = listed.online_version_id;
    app.unaudit_version_id = listed.unaudit_version_id;
    app.avatar_url.clone_from(&reference.avatar_url);
    app.back_home_url.clone_from(&reference.back_home_url);
    app.mobile_default_ability = common.abilities.default_ability();
    app.pc_default_ability = common.abilities.default_ability();
    app
}

/// Where apps of the n-th kind come from; every documented source shows up, and one app has
/// none.
fn create_source(n: usize) -> Option<CreateSource> {
    [
        Some(CreateSource::Base),
        None,
        Some(CreateSource::DeveloperConsole),
        Some(CreateSource::AppEngine),
        Some(CreateSource::BotBuilder),
        Some(CreateSource::Aily),
        Some(CreateSource::Unknown),
    ][n % 7]
        .clone()
}

/// The owner of a store app: Feishu itself or a partner, with their help desk.
fn vendor(rng: &mut ChaCha8Rng, n: usize) -> ApplicationOwner {
    let partner = n % 2 == 1;
    // Fields in the order they draw from `rng`, which fixes the tenant of each seed.
    let mut owner = ApplicationOwner::default()
        .with_type(if partner {
            OwnerType::Partner
        } else {
            OwnerType::Feishu
        })
        .with_owner_id(format!("ou_{}", hex(rng, 32)))
        .with_name(if partner {
            "Example Partner Ltd."
        } else {
            "Feishu"
        })
        .with_help_desk(format!(
            "https://applink.feishu.cn/client/helpdesk/open?id={}",
            rng.random_range(10u64.pow(18)..10u64.pow(19))
        ))
        .with_email(format!("support{n}@example.com"))
        .with_phone(format!(
            "1{}",
            rng.random_range(3_000_000_000u64..9_999_999_999)
        ));
    owner.customer_service_account = n
        .is_multiple_of(3)
        .then(|| format!("service{n}@example.com"));
    owner
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

impl VersionCommon<'_> {
    fn avatar_url(&self) -> String {
        format!(
            "https://sf1-ttcdn-tos.pstatp.com/img/avatar/{}~72x72.jpg",
            self.slug
        )
    }

    fn back_home_url(&self) -> String {
        format!("https://{}.example.com/admin", self.slug)
    }

    /// The app's texts in its languages, the primary one first.
    fn i18n(&self) -> Vec<AppI18nInfo> {
        (0..self.i18n_langs)
            .map(|k| {
                let lang = (self.primary + k) % 3;
                AppI18nInfo::default()
                    .with_i18n_key(I18nKey::from_value(LANGS[lang]))
                    .with_name(self.name[lang])
                    .with_description(self.subtitle[lang])
                    .with_help_use(format!(
                        "https://{}.example.com/help/{}",
                        self.slug, LANGS[lang]
                    ))
            })
            .collect()
    }
}

/// Lower-case hex digits from the generator.
fn hex(rng: &mut ChaCha8Rng, digits: usize) -> String {
    (0..digits)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect()
}

/// Folds a string into a seed.
fn fold(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
