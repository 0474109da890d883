//! One generated app version: scopes, abilities, events and remarks.

use feishu_application::types::DefaultAbility;
use rand::seq::index::sample;
use rand::{Rng, seq::IndexedRandom};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

use super::catalog::{EVENTS, SCOPES};
use super::hex;

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
    /// The version as JSON (nulls and empty arrays still in; the caller strips them).
    pub(super) fn build(&self, rng: &mut ChaCha8Rng, common: &Value) -> Value {
        let primary = common["primary"].as_u64().unwrap_or(0) as usize;
        let slug = common["slug"].as_str().unwrap_or("app");
        let bits = common["abilities"].as_u64().unwrap_or(0) as u32;
        let created: u64 =
            1_690_000_000 + self.index as u64 * 604_800 + rng.random_range(0..86_400);
        let scope_count = rng.random_range(1..=5);
        let scopes: Vec<Value> = sample(rng, SCOPES.len(), scope_count)
            .into_iter()
            .map(|i| {
                let (scope, description, level, tokens) = SCOPES[i];
                let token_types: Vec<&str> = tokens
                    .chars()
                    .map(|c| if c == 't' { "tenant" } else { "user" })
                    .collect();
                json!({"scope": scope, "description": description[primary], "level": level, "token_types": token_types})
            })
            .collect();
        let event_count = rng.random_range(0..=3);
        let events: Vec<(&str, &str, &str)> = sample(rng, EVENTS.len(), event_count)
            .into_iter()
            .map(|i| EVENTS[i])
            .collect();
        json!({
            "app_id": common["app_id"],
            "version": format!("1.{}.{}", self.index, rng.random_range(0..10)),
            "version_id": format!("oav_{}", hex(rng, 32)),
            "app_name": common["app_name"],
            "avatar_url": common["avatar_url"],
            "description": common["description"],
            "scopes": scopes,
            "back_home_url": common["back_home_url"],
            "i18n": common["i18n"],
            "common_categories": common["common_categories"],
            "events": events.iter().map(|e| e.0).collect::<Vec<_>>(),
            "status": self.status,
            "create_time": created.to_string(),
            "publish_time": (self.status == 1).then(|| (created + 3600).to_string()),
            "ability": ability(rng, bits, slug),
            "remark": self.remark(rng),
            "event_infos": events
                .iter()
                .map(|(t, n, d)| json!({"event_type": t, "event_name": n, "event_description": d}))
                .collect::<Vec<_>>(),
        })
    }

    fn remark(&self, rng: &mut ChaCha8Rng) -> Value {
        match self.remark {
            0 => Value::Null,
            1 => {
                json!({"remark": "请尽快审核", "update_remark": format!("版本 1.{} 的改进", self.index)})
            }
            _ => {
                let is_all = rng.random_bool(0.3);
                let list = |rng: &mut ChaCha8Rng| {
                    json!({
                        "open_ids": [format!("ou_{}", hex(rng, 32))],
                        "department_ids": [format!("od-{}", hex(rng, 32))],
                        "group_ids": [hex(rng, 16)],
                    })
                };
                json!({
                    "remark": "修复已知问题",
                    "update_remark": "新增审批提醒",
                    "visibility": if is_all {
                        json!({"is_all": true})
                    } else {
                        json!({"is_all": false, "visible_list": list(rng), "invisible_list": list(rng)})
                    },
                })
            }
        }
    }
}

fn ability(rng: &mut ChaCha8Rng, bits: u32, slug: &str) -> Value {
    if bits == 0 {
        return Value::Null;
    }
    let url = |path: &str| format!("https://{slug}.example.com/{path}");
    let has = |bit: u32| bits & bit != 0;
    let names =
        |zh: &str| json!([{"i18n_key": "zh_cn", "name": zh}, {"i18n_key": "en_us", "name": slug}]);
    let mut ability = serde_json::Map::new();
    if has(GADGET) {
        let mode = *[1, 2, 3, 4, 5, 6, 7].choose(rng).unwrap_or(&1);
        ability.insert(
            "gadget".into(),
            json!({
                "enable_pc_mode": mode,
                "schema_urls": [format!("sslocal://microapp?app_id={slug}")],
                "pc_use_mobile_pkg": rng.random_bool(0.5),
                "pc_version": "1.0.0",
                "mobile_version": "1.0.2",
                "mobile_min_lark_version": "5.10",
                "pc_min_lark_version": "5.12",
            }),
        );
    }
    if has(WEB_APP) {
        ability.insert(
            "web_app".into(),
            json!({"pc_url": url("pc"), "mobile_url": url("m")}),
        );
    }
    if has(BOT) {
        ability.insert("bot".into(), json!({"card_request_url": url("card")}));
    }
    if has(WIDGETS) {
        ability.insert(
            "workplace_widgets".into(),
            json!([{"min_lark_version": "5.0.0"}]),
        );
    }
    if has(NAVIGATE) {
        let meta = json!({"version": "1.0.0", "image_url": url("nav.png"), "hover_image_url": url("nav-hover.png")});
        ability.insert("navigate".into(), json!({"pc": meta, "mobile": meta}));
    }
    if has(CLOUD_DOC) {
        ability.insert(
            "cloud_doc".into(),
            json!({
                "space_url": url("space"),
                "i18n": [{"i18n_key": "zh_cn", "name": "文档助手", "read_description": "读取文档", "write_description": "编辑文档"}],
                "icon_url": url("icon.png"),
                "mode": rng.random_range(0..=1),
            }),
        );
    }
    if has(DOCS_BLOCKS) {
        ability.insert(
            "docs_blocks".into(),
            json!([{
                "block_type_id": format!("blk_{}", hex(rng, 24)),
                "i18n": names("文档小组件"),
                "mobile_icon_url": url("block-m.png"),
                "pc_icon_url": url("block-pc.png"),
            }]),
        );
    }
    if has(MESSAGE_ACTION) {
        ability.insert(
            "message_action".into(),
            json!({"pc_app_link": url("action"), "mobile_app_link": url("action-m"), "i18n": names("消息快捷操作")}),
        );
    }
    if has(PLUS_MENU) {
        ability.insert(
            "plus_menu".into(),
            json!({"pc_app_link": url("plus"), "mobile_app_link": url("plus-m")}),
        );
    }
    Value::Object(ability)
}
