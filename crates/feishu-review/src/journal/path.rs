//! Where a journal lives when `--journal` is not given: one file per tenant under the user's
//! state dir, or a file in the temp dir for the embedded fake, whose tenant lasts one run.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::connection::{Connection, ConnectionArgs};

/// The default journal of the tenant the options name; `None` for the embedded fake, whose
/// tenant is new on every run (see [`embedded`]).
pub(crate) fn default_for(connection: &ConnectionArgs) -> anyhow::Result<Option<PathBuf>> {
    if connection.names_no_tenant() {
        return Ok(None);
    }
    let url = connection
        .base_url
        .as_deref()
        .unwrap_or(feishu_application::BaseUrl::Feishu.as_str());
    let host = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = host.split('/').next().unwrap_or(host);
    default_path(host, connection.app_id.as_deref()).map(Some)
}

/// The embedded fake's journal: as new as its tenant, in the temp dir.
pub(crate) fn embedded(connection: &Connection) -> PathBuf {
    let port = connection
        .fake
        .as_ref()
        .map_or(0, |fake| fake.addr().port());
    std::env::temp_dir().join(format!(
        "feishu-review-embedded-fake-{}-{port}.jsonl",
        std::process::id()
    ))
}

/// The journal's path when `--journal` is not given: one file per tenant under the user's
/// state dir, `$XDG_STATE_HOME/feishu-review/journal/HOST-APP_ID.jsonl` (`~/.local/state`
/// when `XDG_STATE_HOME` is unset). `app_id` is `None` with `--token`.
pub(crate) fn default_path(host: &str, app_id: Option<&str>) -> anyhow::Result<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/state")))
        .context(
            "no state dir for the journal: set XDG_STATE_HOME or HOME, or give --journal FILE",
        )?;
    let tenant = format!("{host}-{}", app_id.unwrap_or("token"));
    let file: String = tenant
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' => c,
            _ => '_',
        })
        .collect();
    Ok(state
        .join("feishu-review")
        .join("journal")
        .join(format!("{file}.jsonl")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_path_is_per_tenant_and_safe() {
        let path = default_path("open.feishu.cn", Some("cli_a1/../x")).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(name, "open.feishu.cn-cli_a1_.._x.jsonl");
        assert!(path.ends_with(Path::new("feishu-review/journal").join(name)));
        let token = default_path("127.0.0.1:8080", None).unwrap();
        assert!(
            token.ends_with("127.0.0.1_8080-token.jsonl"),
            "{}",
            token.display()
        );
    }
}
