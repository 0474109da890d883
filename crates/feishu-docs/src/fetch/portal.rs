//! The one module that knows Feishu's documentation portal: its URL and its answer.
//!
//! Read from public scrapers' code, not checked live (nothing in this workspace reaches Feishu):
//! `GET {base}/document_portal/v1/document/get_detail?fullPath=<path>`, no login, with
//! `Cookie: open_locale=zh-CN` for the Chinese page; the answer is
//! `{code, msg, data: {id, fullPath, title, name, updateTime (ms), content}}`, `content` in
//! Feishu's markdown dialect.

use serde::Deserialize;

/// The cookie that asks for the Chinese page (our pages are the Chinese ones).
pub(crate) const LOCALE_COOKIE: &str = "open_locale=zh-CN";

/// The readable page URLs' prefix: `https://open.feishu.cn/document/server-docs/...`
/// has the portal path `/server-docs/...`.
const DOCUMENT_PREFIX: &str = "/document";

/// A page as the portal serves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Detail {
    /// The page's title.
    pub(crate) title: Option<String>,
    /// Its last update, Unix milliseconds.
    pub(crate) update_time: i64,
    /// The page text.
    pub(crate) content: String,
}

/// The URL of the page `full_path` on the portal at `base` (`https://open.feishu.cn`).
pub(crate) fn detail_url(base: &str, full_path: &str) -> String {
    format!(
        "{}/document_portal/v1/document/get_detail?fullPath={}",
        base.trim_end_matches('/'),
        encode(full_path)
    )
}

/// The portal path of a readable page URL (`https://open.feishu.cn/document/server-docs/x`
/// is `/server-docs/x`), or `None` when the URL is not a portal page.
pub(crate) fn full_path_of_url(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &after_scheme[after_scheme.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let rest = path.strip_prefix(DOCUMENT_PREFIX)?;
    rest.starts_with('/').then(|| rest.to_string())
}

/// Reads the portal's answer; the error says why, with an excerpt of what came instead.
pub(crate) fn parse_answer(body: &str) -> Result<Detail, String> {
    #[derive(Deserialize)]
    struct Answer {
        code: i64,
        #[serde(default)]
        msg: String,
        data: Option<Data>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        title: Option<String>,
        update_time: Option<serde_json::Value>,
        content: Option<String>,
    }
    let answer: Answer = serde_json::from_str(body).map_err(|error| {
        format!(
            "not the portal's JSON answer ({error}): `{}`",
            excerpt(body)
        )
    })?;
    if answer.code != 0 {
        return Err(format!(
            "the portal answered code {}: {}",
            answer.code, answer.msg
        ));
    }
    let Some(data) = answer.data else {
        return Err("the portal's answer has no `data`: no such page upstream".into());
    };
    let Some(content) = data.content.filter(|content| !content.trim().is_empty()) else {
        return Err("the portal's answer has no `data.content`: no such page upstream".into());
    };
    // Seen as a number; accept a numeric string too.
    let update_time = match &data.update_time {
        Some(serde_json::Value::Number(number)) => number.as_i64(),
        Some(serde_json::Value::String(text)) => text.trim().parse().ok(),
        _ => None,
    }
    .ok_or("the portal's answer has no numeric `data.updateTime` (milliseconds)")?;
    Ok(Detail {
        title: data.title,
        update_time,
        content,
    })
}

/// The first 120 characters of a body, on one line.
pub(crate) fn excerpt(body: &str) -> String {
    let flat: String = body
        .chars()
        .take(120)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if body.chars().count() > 120 {
        format!("{flat}…")
    } else {
        flat
    }
}

/// Percent-encodes a query value (everything but unreserved characters and `/`).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_urls_become_portal_paths() {
        assert_eq!(
            full_path_of_url(
                "https://open.feishu.cn/document/server-docs/application-v6/application/patch-2"
            )
            .as_deref(),
            Some("/server-docs/application-v6/application/patch-2")
        );
        assert_eq!(full_path_of_url("https://example.com/other/page"), None);
        assert_eq!(
            detail_url("http://127.0.0.1:9/", "/a b/c"),
            "http://127.0.0.1:9/document_portal/v1/document/get_detail?fullPath=/a%20b/c"
        );
    }

    #[test]
    fn answers_are_read_or_refused_with_a_reason() {
        let ok = parse_answer(
            r#"{"code":0,"msg":"success","data":{"id":"1","fullPath":"/x","title":"T","updateTime":1752136595000,"content":"body"}}"#,
        )
        .unwrap();
        assert_eq!(ok.update_time, 1_752_136_595_000);
        assert_eq!(ok.content, "body");
        let html = parse_answer("<html><body>502 Bad Gateway</body></html>").unwrap_err();
        assert!(html.contains("<html><body>502"), "{html}");
        let code = parse_answer(r#"{"code":99991400,"msg":"limit"}"#).unwrap_err();
        assert!(code.contains("code 99991400: limit"), "{code}");
        let empty = parse_answer(r#"{"code":0,"msg":"success","data":{}}"#).unwrap_err();
        assert!(empty.contains("no such page"), "{empty}");
    }
}
