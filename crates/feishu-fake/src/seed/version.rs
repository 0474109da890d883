//! One generated app version: scopes, abilities, events and remarks.

use feishu_application::types::{
    AppAbility, AppScope, AppVersion, AppVersionRemark, AppVisibility, AppVisibleList,
    BasicI18nKey, BlockI18nInfo, Bot, CloudDoc, CloudDocI18nInfo, CloudDocMode, DefaultAbility,
    DocsBlock, EventInfo, Gadget, MessageAction, MessageActionI18nInfo, Navigate, NavigateMeta,
    PlusMenu, ScopeLevel, TokenType, VersionStatus, WebApp, WorkplaceWidget,
};
use rand::seq::index::sample;
use rand::{Rng, seq::IndexedRandom};
use rand_chacha::ChaCha8Rng;

use super::catalog::{EVENTS, SCOPES};
use super::{VersionCommon, hex};

const GADGET: u32 = 1;
const WEB_APP: u32 = 2;
const BOT: u32 = 4;
const WIDGETS: u32 = 8;
const NAVIGATE: u32 = 16;
const CLOUD_DOC: u32 = 32;
const DOCS_BLOCKS: u32 = 64;
const MESSAGE_ACTION: u32 = 128;
const PLUS_MENU: u32 = 256;

/// Which abilities an app's versions enable, as a bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Abilities(u32);

impl Abilities {
    /// The `k`-th of a cycle of combinations that together cover every ability.
    pub(super) fn cycle(k: usize) -> Self {
        const COMBOS: [u32; 9] = [
            GADGET | WEB_APP | BOT,
            WEB_APP,
            BOT,
            GADGET | WIDGETS | NAVIGATE,
            WEB_APP | CLOUD_DOC | DOCS_BLOCKS,
            BOT | MESSAGE_ACTION | PLUS_MENU,
            0x1ff,
            0,
            WEB_APP | BOT,
        ];
        Self(COMBOS[k % COMBOS.len()])
    }

    /// The bits.
    pub(super) fn bits(self) -> u32 {
        self.0
    }

    /// The ability an app opens by default: gadget, else web app, else bot.
    pub(super) fn default_ability(self) -> Option<DefaultAbility> {
        [
            (GADGET, DefaultAbility::Gadget),
            (WEB_APP, DefaultAbility::WebApp),
            (BOT, DefaultAbility::Bot),
        ]
        .into_iter()
        .find(|(bit, _)| self.0 & bit != 0)
        .map(|(_, ability)| ability)
    }
}

/// The varying part of one version.
pub(super) struct VersionSpec {
    /// Position among the app's versions, oldest first.
    pub index: usize,
    /// `VersionStatus` value.
    pub status: i64,
    /// 0: no remark; 1: a remark without visibility; 2: a remark with visibility.
    pub remark: usize,
}

impl VersionSpec {
    /// The version, built through the client's supported route (`Default` + `with_*`).
    pub(super) fn build(&self, rng: &mut ChaCha8Rng, common: &VersionCommon<'_>) -> AppVersion {
        let primary = common.primary;
        let slug = common.slug;
        let bits = common.abilities.bits();
        let created: u64 =
            1_690_000_000 + self.index as u64 * 604_800 + rng.random_range(0..86_400);
        let scope_count = rng.random_range(1..=5);
        let scopes: Vec<AppScope> = sample(rng, SCOPES.len(), scope_count)
            .into_iter()
            .map(|i| {
                let (scope, description, level, tokens) = SCOPES[i];
                let token_types = tokens
                    .chars()
                    .map(|c| TokenType::from_value(if c == 't' { "tenant" } else { "user" }));
                AppScope::default()
                    .with_scope(scope)
                    .with_description(description[primary])
                    .with_level(ScopeLevel::from_value(level))
                    .with_token_types(token_types)
            })
            .collect();
        let event_count = rng.random_range(0..=3);
        let events: Vec<(&str, &str, &str)> = sample(rng, EVENTS.len(), event_count)
            .into_iter()
            .map(|i| EVENTS[i])
            .collect();
        // The generator is drawn from in this order: version, version_id, ability, remark.
        let version = format!("1.{}.{}", self.index, rng.random_range(0..10));
        let version_id = format!("oav_{}", hex(rng, 32));
        let mut app_version = AppVersion::default()
            .with_app_id(common.app_id)
            .with_version(version)
            .with_version_id(version_id)
            .with_app_name(common.name[primary])
            .with_avatar_url(common.avatar_url())
            .with_description(common.subtitle[primary])
            .with_scopes(scopes)
            .with_back_home_url(common.back_home_url())
            .with_i18n(common.i18n())
            .with_common_categories([common.category[primary].to_owned()])
            .with_events(events.iter().map(|e| e.0.to_owned()))
            .with_status(VersionStatus::from_value(self.status))
            .with_create_time(created.to_string())
            .with_event_infos(events.iter().map(|(t, n, d)| {
                EventInfo::default()
                    .with_event_type(*t)
                    .with_event_name(*n)
                    .with_event_description(*d)
            }));
        app_version.publish_time = (self.status == 1).then(|| (created + 3600).to_string());
        app_version.ability = ability(rng, bits, slug);
        app_version.remark = self.remark(rng);
        app_version
    }

    fn remark(&self, rng: &mut ChaCha8Rng) -> Option<AppVersionRemark> {
        match self.remark {
            0 => None,
            1 => Some(
                AppVersionRemark::default()
                    .with_remark("请尽快审核")
                    .with_update_remark(format!("版本 1.{} 的改进", self.index)),
            ),
            _ => {
                let is_all = rng.random_bool(0.3);
                let list = |rng: &mut ChaCha8Rng| {
                    AppVisibleList::default()
                        .with_open_ids([format!("ou_{}", hex(rng, 32))])
                        .with_department_ids([format!("od-{}", hex(rng, 32))])
                        .with_group_ids([hex(rng, 16)])
                };
                let visibility = if is_all {
                    AppVisibility::default().with_is_all(true)
                } else {
                    let visible = list(rng);
                    AppVisibility::default()
                        .with_is_all(false)
                        .with_visible_list(visible)
                        .with_invisible_list(list(rng))
                };
                Some(
                    AppVersionRemark::default()
                        .with_remark("修复已知问题")
                        .with_update_remark("新增审批提醒")
                        .with_visibility(visibility),
                )
            }
        }
    }
}

fn ability(rng: &mut ChaCha8Rng, bits: u32, slug: &str) -> Option<AppAbility> {
    if bits == 0 {
        return None;
    }
    let url = |path: &str| format!("https://{slug}.example.com/{path}");
    let has = |bit: u32| bits & bit != 0;
    let names = |zh: &str| {
        [("zh_cn", zh), ("en_us", slug)]
            .map(|(key, name)| (BasicI18nKey::from_value(key), name.to_owned()))
    };
    let mut ability = AppAbility::default();
    if has(GADGET) {
        ability.gadget = Some(gadget(rng, slug));
    }
    if has(WEB_APP) {
        ability.web_app = Some(
            WebApp::default()
                .with_pc_url(url("pc"))
                .with_mobile_url(url("m")),
        );
    }
    if has(BOT) {
        ability.bot = Some(Bot::default().with_card_request_url(url("card")));
    }
    if has(WIDGETS) {
        ability.workplace_widgets = vec![WorkplaceWidget::default().with_min_lark_version("5.0.0")];
    }
    if has(NAVIGATE) {
        let meta = NavigateMeta::default()
            .with_version("1.0.0")
            .with_image_url(url("nav.png"))
            .with_hover_image_url(url("nav-hover.png"));
        ability.navigate = Some(Navigate::default().with_pc(meta.clone()).with_mobile(meta));
    }
    if has(CLOUD_DOC) {
        ability.cloud_doc = Some(cloud_doc(rng, &url));
    }
    if has(DOCS_BLOCKS) {
        ability.docs_blocks =
            vec![
                DocsBlock::default()
                    .with_block_type_id(format!("blk_{}", hex(rng, 24)))
                    .with_i18n(names("文档小组件").map(|(key, name)| {
                        BlockI18nInfo::default().with_i18n_key(key).with_name(name)
                    }))
                    .with_mobile_icon_url(url("block-m.png"))
                    .with_pc_icon_url(url("block-pc.png")),
            ];
    }
    if has(MESSAGE_ACTION) {
        ability.message_action = Some(
            MessageAction::default()
                .with_pc_app_link(url("action"))
                .with_mobile_app_link(url("action-m"))
                .with_i18n(names("消息快捷操作").map(|(key, name)| {
                    MessageActionI18nInfo::default()
                        .with_i18n_key(key)
                        .with_name(name)
                })),
        );
    }
    if has(PLUS_MENU) {
        ability.plus_menu = Some(
            PlusMenu::default()
                .with_pc_app_link(url("plus"))
                .with_mobile_app_link(url("plus-m")),
        );
    }
    Some(ability)
}

fn gadget(rng: &mut ChaCha8Rng, slug: &str) -> Gadget {
    let mode = *[1, 2, 3, 4, 5, 6, 7].choose(rng).unwrap_or(&1);
    Gadget::default()
        .with_enable_pc_mode(mode)
        .with_schema_urls([format!("sslocal://microapp?app_id={slug}")])
        .with_pc_use_mobile_pkg(rng.random_bool(0.5))
        .with_pc_version("1.0.0")
        .with_mobile_version("1.0.2")
        .with_mobile_min_lark_version("5.10")
        .with_pc_min_lark_version("5.12")
}

fn cloud_doc(rng: &mut ChaCha8Rng, url: &impl Fn(&str) -> String) -> CloudDoc {
    CloudDoc::default()
        .with_space_url(url("space"))
        .with_i18n([CloudDocI18nInfo::default()
            .with_i18n_key(BasicI18nKey::from_value("zh_cn"))
            .with_name("文档助手")
            .with_read_description("读取文档")
            .with_write_description("编辑文档")])
        .with_icon_url(url("icon.png"))
        // An `i32` draw, as the seed has always made: the tenant of each seed stays the same.
        .with_mode(CloudDocMode::from_value(i64::from(
            rng.random_range(0..=1i32),
        )))
}
