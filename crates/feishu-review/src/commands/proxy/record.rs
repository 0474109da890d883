//! `--record DIR`: each checked JSON answer saved as `DIR/<operation>/<seq>-<status>-<log_id>.json`,
//! a file `feishu-review validate` takes as it is, with every token and secret redacted.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// What a redacted value becomes. Still a string, so the file still validates.
pub(crate) const REDACTED: &str = "<redacted>";

/// Saves answers under one directory.
#[derive(Debug)]
pub(crate) struct Recorder {
    dir: PathBuf,
}

impl Recorder {
    /// A recorder into `dir`, created if missing.
    pub(crate) fn new(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create --record {}: {e}", dir.display()))?;
        Ok(Self {
            dir: dir.to_owned(),
        })
    }

    /// Writes one answer; returns the file written. The raw bytes are written unless a
    /// secret had to be redacted.
    pub(crate) fn save(
        &self,
        seq: u64,
        operation: &str,
        status: u16,
        log_id: Option<&str>,
        raw: &[u8],
        parsed: &Value,
    ) -> std::io::Result<PathBuf> {
        let dir = self.dir.join(safe(operation));
        std::fs::create_dir_all(&dir)?;
        let log_id = log_id.map_or_else(|| "no-log-id".to_owned(), safe);
        let file = dir.join(format!("{seq:06}-{status}-{log_id}.json"));
        let mut redacted = parsed.clone();
        if redact(&mut redacted) {
            std::fs::write(&file, serde_json::to_vec_pretty(&redacted)?)?;
        } else {
            std::fs::write(&file, raw)?;
        }
        Ok(file)
    }
}

/// Replaces every secret member's string value; true when one was replaced.
fn redact(value: &mut Value) -> bool {
    match value {
        Value::Object(members) => {
            let mut any = false;
            for (key, member) in members.iter_mut() {
                // The validator's rule, so what it never quotes is never written down either.
                if feishu_validate::is_secret_member(key) && member.is_string() {
                    *member = Value::String(REDACTED.to_owned());
                    any = true;
                } else {
                    any |= redact(member);
                }
            }
            any
        }
        Value::Array(items) => items.iter_mut().fold(false, |any, item| redact(item) | any),
        _ => false,
    }
}

/// A file-name part from an upstream-controlled string: letters, digits, `-` and `_` only,
/// so no answer can write outside the directory.
fn safe(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(96)
        .collect();
    if cleaned.is_empty() {
        "_".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tokens_are_redacted_at_any_depth() {
        let mut value = json!({"code": 0, "tenant_access_token": "t-1",
            "data": {"items": [{"access_token": "u-2", "name": "kept"}]}});
        assert!(redact(&mut value));
        assert_eq!(value["tenant_access_token"], REDACTED);
        assert_eq!(value["data"]["items"][0]["access_token"], REDACTED);
        assert_eq!(value["data"]["items"][0]["name"], "kept");
        assert!(!redact(&mut json!({"code": 0, "msg": "ok"})));
    }

    #[test]
    fn log_ids_cannot_leave_the_directory() {
        assert_eq!(safe("../../etc/passwd"), "______etc_passwd");
        assert_eq!(safe("2025A1"), "2025A1");
        assert_eq!(safe(""), "_");
    }
}
