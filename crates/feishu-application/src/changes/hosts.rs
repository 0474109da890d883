//! URLs that moved to another host.

use url::Url;

use super::HostChange;
use crate::types::AppVersion;

/// Every URL field whose host or port differs, in a fixed order. A URL that appears or
/// disappears counts too (its other side is `None`); a new path, query or scheme on the same
/// host and port does not. Hosts compare case-insensitively and a port that is the scheme's
/// default equals no port (`https://A.example.com:443/x` is on the host of
/// `https://a.example.com/y`). A URL that does not parse is compared as text, ignoring case.
pub(super) fn compare(live: &AppVersion, pending: &AppVersion) -> Vec<HostChange> {
    urls(live)
        .into_iter()
        .zip(urls(pending))
        .filter(|((_, from), (_, to))| origin(*from) != origin(*to))
        .map(|((field, from), (_, to))| HostChange {
            field: field.to_owned(),
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
        })
        .collect()
}

/// Where a URL leads: its host and explicit port; `None` for no URL (an empty one included).
fn origin(url: Option<&str>) -> Option<(String, Option<u16>)> {
    let url = url.map(str::trim).filter(|url| !url.is_empty())?;
    let parsed = Url::parse(url).ok();
    let host = parsed.as_ref().and_then(|parsed| {
        let host = parsed.host_str()?.to_ascii_lowercase();
        Some((host, parsed.port()))
    });
    Some(host.unwrap_or_else(|| (url.to_ascii_lowercase(), None)))
}

/// The version's URLs that lead people somewhere, by field path.
fn urls(version: &AppVersion) -> [(&'static str, Option<&str>); 9] {
    let ability = version.ability.as_ref();
    let web_app = ability.and_then(|a| a.web_app.as_ref());
    let bot = ability.and_then(|a| a.bot.as_ref());
    let cloud_doc = ability.and_then(|a| a.cloud_doc.as_ref());
    let action = ability.and_then(|a| a.message_action.as_ref());
    let plus = ability.and_then(|a| a.plus_menu.as_ref());
    [
        ("back_home_url", version.back_home_url.as_deref()),
        (
            "ability.web_app.pc_url",
            web_app.and_then(|w| w.pc_url.as_deref()),
        ),
        (
            "ability.web_app.mobile_url",
            web_app.and_then(|w| w.mobile_url.as_deref()),
        ),
        (
            "ability.bot.card_request_url",
            bot.and_then(|b| b.card_request_url.as_deref()),
        ),
        (
            "ability.cloud_doc.space_url",
            cloud_doc.and_then(|c| c.space_url.as_deref()),
        ),
        (
            "ability.message_action.pc_app_link",
            action.and_then(|m| m.pc_app_link.as_deref()),
        ),
        (
            "ability.message_action.mobile_app_link",
            action.and_then(|m| m.mobile_app_link.as_deref()),
        ),
        (
            "ability.plus_menu.pc_app_link",
            plus.and_then(|p| p.pc_app_link.as_deref()),
        ),
        (
            "ability.plus_menu.mobile_app_link",
            plus.and_then(|p| p.mobile_app_link.as_deref()),
        ),
    ]
}
