//! The decision journal: one JSON line per decision, appended, flushed and fsynced; never
//! rewritten. Reading it back tolerates a line torn by a crash: it is reported, not fatal.

use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, BufReader, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::policy::{Rule, Verdict};

/// One decision, as the journal holds it (DESIGN.md fixes the members).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) app_id: String,
    pub(crate) version_id: String,
    pub(crate) decision: Verdict,
    pub(crate) rule: Rule,
    pub(crate) reason: String,
    pub(crate) operator: String,
    /// When the outcome was known, RFC 3339 in UTC.
    pub(crate) time: String,
    pub(crate) outcome: Outcome,
}

/// How carrying a decision out went: `"ok"`, or Feishu's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Done (for `human`: nothing to carry out).
    Ok,
    /// Feishu (or the network) refused it.
    Failed(Failure),
}

/// A refused decision: Feishu's code (none when there was no answer), message and log id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Failure {
    pub(crate) code: Option<i64>,
    pub(crate) msg: String,
    pub(crate) log_id: Option<String>,
}

impl Failure {
    /// What a client error tells the journal.
    pub(crate) fn of(error: &feishu_application::Error) -> Self {
        Self {
            code: error.code(),
            msg: crate::output::error_chain(error),
            log_id: error.log_id().map(str::to_owned),
        }
    }
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Ok => serializer.serialize_str("ok"),
            Self::Failed(failure) => failure.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Failure(Failure),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Text(text) if text == "ok" => Ok(Self::Ok),
            Raw::Text(text) => Err(serde::de::Error::custom(format!(
                "outcome must be \"ok\" or {{code, msg, log_id}}, not {text:?}"
            ))),
            Raw::Failure(failure) => Ok(Self::Failed(failure)),
        }
    }
}

/// A line of the journal that could not be read back.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct BadLine {
    /// 1-based.
    pub(crate) line: usize,
    /// Why it is not an entry.
    pub(crate) reason: String,
}

/// An open journal: what it held when opened, and where new lines go.
#[derive(Debug)]
pub(crate) struct Journal {
    path: PathBuf,
    file: Option<File>,
}

impl Journal {
    /// Reads the journal at `path` (none yet is an empty journal). With `writable`, opens it
    /// for appending, creating it and its folder, and ends a torn last line so that new lines
    /// start on their own.
    pub(crate) fn open(
        path: &Path,
        writable: bool,
    ) -> anyhow::Result<(Self, Vec<Entry>, Vec<BadLine>)> {
        let (entries, bad, torn) = read(path)?;
        let file = match writable {
            false => None,
            true => Some(open_append(path, torn)?),
        };
        let journal = Self {
            path: path.to_owned(),
            file,
        };
        Ok((journal, entries, bad))
    }

    /// Appends one line. It is on disk after the next [`Journal::sync`]. A read-only journal
    /// ignores it.
    pub(crate) fn append(&mut self, entry: &Entry) -> anyhow::Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        let mut line = serde_json::to_vec(entry)?;
        line.push(b'\n');
        file.write_all(&line)
            .with_context(|| format!("writing the journal {}", self.path.display()))
    }

    /// Waits until every line appended is on disk (one fsync for a batch of lines).
    pub(crate) fn sync(&mut self) -> anyhow::Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        file.sync_data()
            .with_context(|| format!("writing the journal {} to disk", self.path.display()))
    }
}

fn open_append(path: &Path, torn: bool) -> anyhow::Result<File> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating the journal's folder {}", folder.display()))?;
    }
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("opening the journal {} for appending", path.display()))?;
    if torn {
        file.write_all(b"\n")
            .and_then(|()| file.sync_data())
            .with_context(|| format!("ending the torn last line of {}", path.display()))?;
    }
    Ok(file)
}

/// The entries, the lines that are not entries, and whether the last line lacks its newline.
fn read(path: &Path) -> anyhow::Result<(Vec<Entry>, Vec<BadLine>, bool)> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Vec::new(), Vec::new(), false));
        }
        Err(error) => {
            return Err(error).with_context(|| format!("reading the journal {}", path.display()));
        }
    };
    let context = || format!("reading the journal {}", path.display());
    let torn = ends_without_newline(&mut file).with_context(context)?;
    let (mut entries, mut bad) = (Vec::new(), Vec::new());
    for (index, line) in BufReader::new(file).split(b'\n').enumerate() {
        let line = line.with_context(context)?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Entry>(&line) {
            Ok(entry) => entries.push(entry),
            Err(error) => bad.push(BadLine {
                line: index + 1,
                reason: error.to_string(),
            }),
        }
    }
    Ok((entries, bad, torn))
}

fn ends_without_newline(file: &mut File) -> std::io::Result<bool> {
    let length = file.metadata()?.len();
    if length == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(length - 1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(last[0] != b'\n')
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

/// Now, as the journal writes it: RFC 3339, UTC, whole seconds.
pub(crate) fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(version: &str, outcome: Outcome) -> Entry {
        Entry {
            app_id: "cli_0123456789abcdef".into(),
            version_id: version.into(),
            decision: Verdict::Reject,
            rule: Rule::RequireRemark,
            reason: "no remark".into(),
            operator: "ou_1".into(),
            time: now(),
            outcome,
        }
    }

    #[test]
    fn a_line_has_the_design_shape() {
        let failed = Outcome::Failed(Failure {
            code: Some(210507),
            msg: "no such user".into(),
            log_id: Some("202511".into()),
        });
        let json = serde_json::to_value(entry("oav_1", failed)).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "app_id",
                "decision",
                "operator",
                "outcome",
                "reason",
                "rule",
                "time",
                "version_id"
            ]
        );
        assert_eq!(json["decision"], "reject");
        assert_eq!(json["rule"], "require_remark");
        assert_eq!(
            json["outcome"],
            serde_json::json!({"code": 210507, "msg": "no such user", "log_id": "202511"})
        );
        let ok = serde_json::to_value(entry("oav_1", Outcome::Ok)).unwrap();
        assert_eq!(ok["outcome"], "ok");
        assert!(ok["time"].as_str().unwrap().ends_with('Z'), "{ok}");
    }

    #[test]
    fn lines_written_are_read_back_and_a_torn_last_line_is_reported_then_ended() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/journal.jsonl");
        let (mut journal, entries, bad) = Journal::open(&path, true).unwrap();
        assert!(entries.is_empty() && bad.is_empty());
        journal.append(&entry("oav_1", Outcome::Ok)).unwrap();
        journal.append(&entry("oav_2", Outcome::Ok)).unwrap();
        journal.sync().unwrap();
        drop(journal);
        // A crash in the middle of the third line.
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(br#"{"app_id":"cli_0123456789abcdef","vers"#)
            .unwrap();
        drop(file);

        let (mut journal, entries, bad) = Journal::open(&path, true).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 3);
        journal.append(&entry("oav_3", Outcome::Ok)).unwrap();
        drop(journal);

        let (_, entries, bad) = Journal::open(&path, false).unwrap();
        let versions: Vec<_> = entries.iter().map(|e| e.version_id.as_str()).collect();
        assert_eq!(
            versions,
            ["oav_1", "oav_2", "oav_3"],
            "the new line is whole"
        );
        assert_eq!(bad.len(), 1, "the torn line stays, reported");
    }

    #[test]
    fn a_read_only_journal_writes_nothing_and_a_missing_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let (mut journal, entries, _) = Journal::open(&path, false).unwrap();
        assert!(entries.is_empty());
        journal.append(&entry("oav_1", Outcome::Ok)).unwrap();
        journal.sync().unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn an_unknown_outcome_is_a_bad_line() {
        let line = serde_json::to_string(&entry("oav_1", Outcome::Ok))
            .unwrap()
            .replace("\"ok\"", "\"maybe\"");
        let error = serde_json::from_str::<Entry>(&line).unwrap_err();
        assert!(error.to_string().contains("maybe"), "{error}");
    }

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
