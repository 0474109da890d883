//! `--record DIR`: each checked JSON answer saved as `DIR/<operation>/<seq>-<status>-<log_id>.json`,
//! a file `feishu-review validate` takes as it is, with every token and secret redacted.

use std::path::{Path, PathBuf};

use feishu_wire::secret::redact_value;
use serde_json::Value;

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
        if redact_value(&mut redacted) {
            std::fs::write(&file, serde_json::to_vec_pretty(&redacted)?)?;
        } else {
            std::fs::write(&file, raw)?;
        }
        Ok(file)
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
    fn a_secret_of_any_type_is_not_written_down() {
        let dir = tempfile::tempdir().unwrap();
        let recorder = Recorder::new(dir.path()).unwrap();
        let answer = json!({"code": 0, "tenant_access_token": "t-1", "expire": 7200,
            "data": {"items": [{"app_secret": 12345678, "name": "kept"}]}});
        let raw = serde_json::to_vec(&answer).unwrap();
        let file = recorder
            .save(
                1,
                "get_tenant_access_token",
                200,
                Some("log1"),
                &raw,
                &answer,
            )
            .unwrap();
        let written = std::fs::read_to_string(file).unwrap();
        assert!(
            !written.contains("t-1") && !written.contains("12345678"),
            "{written}"
        );
        assert!(written.contains(feishu_wire::secret::REDACTED) && written.contains("kept"));
    }

    #[test]
    fn log_ids_cannot_leave_the_directory() {
        assert_eq!(safe("../../etc/passwd"), "______etc_passwd");
        assert_eq!(safe("2025A1"), "2025A1");
        assert_eq!(safe(""), "_");
    }
}
