//! The decision journal's lines: what one decision was, and how carrying it out went. A PATCH
//! gets two lines, the intent (`"outcome":"sent"`, on disk before the PATCH goes out) and its
//! outcome; a decision with nothing to carry out gets one.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::policy::{Rule, Verdict};

/// One journal line (DESIGN.md fixes the members; the ones after `outcome` came with the
/// write-ahead journal and are absent from older lines).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) app_id: String,
    pub(crate) version_id: String,
    pub(crate) decision: Verdict,
    pub(crate) rule: Rule,
    pub(crate) reason: String,
    pub(crate) operator: String,
    /// When the line was written, RFC 3339 in UTC.
    pub(crate) time: String,
    pub(crate) outcome: Outcome,
    /// The outcome was read back from Feishu after a crash lost the PATCH's answer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) reconciled: bool,
    /// The SHA-256 of the policy file's bytes, or `"builtin"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) policy: Option<String>,
    /// The version of `feishu-review` that wrote the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) cli_version: Option<String>,
    /// What the version changes against the app's live version (DESIGN.md's `changes`). Read
    /// back when present; absent for a version judged whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) changes: Option<serde_json::Value>,
}

impl Entry {
    /// The (app, version) this line is about.
    pub(crate) fn key(&self) -> (String, String) {
        (self.app_id.clone(), self.version_id.clone())
    }
}

/// How carrying a decision out went: `"sent"` (the PATCH is about to go out, its answer not
/// yet known), `"ok"`, or Feishu's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The write-ahead intent: written and fsynced before the PATCH is sent.
    Sent,
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
            Self::Sent => serializer.serialize_str("sent"),
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
            Raw::Text(text) if text == "sent" => Ok(Self::Sent),
            Raw::Text(text) => Err(serde::de::Error::custom(format!(
                "outcome must be \"ok\", \"sent\" or {{code, msg, log_id}}, not {text:?}"
            ))),
            Raw::Failure(failure) => Ok(Self::Failed(failure)),
        }
    }
}

/// Now, as the journal writes it: RFC 3339, UTC, whole seconds.
pub(crate) fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A rejection of `version` with `outcome`, as tests write it.
    pub(crate) fn entry(version: &str, outcome: Outcome) -> Entry {
        Entry {
            app_id: "cli_0123456789abcdef".into(),
            version_id: version.into(),
            decision: Verdict::Reject,
            rule: Rule::RequireRemark,
            reason: "no remark".into(),
            operator: "ou_1".into(),
            time: now(),
            outcome,
            reconciled: false,
            policy: Some("builtin".into()),
            cli_version: Some("0.1.0".into()),
            changes: None,
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
                "cli_version",
                "decision",
                "operator",
                "outcome",
                "policy",
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
        let sent = serde_json::to_value(entry("oav_1", Outcome::Sent)).unwrap();
        assert_eq!(sent["outcome"], "sent");
    }

    #[test]
    fn reconciled_and_changes_are_written_when_set_and_read_back() {
        let mut line = entry("oav_1", Outcome::Ok);
        line.reconciled = true;
        line.changes = Some(serde_json::json!({"scopes_added": []}));
        let text = serde_json::to_string(&line).unwrap();
        assert!(text.contains(r#""reconciled":true"#), "{text}");
        assert_eq!(serde_json::from_str::<Entry>(&text).unwrap(), line);
    }

    #[test]
    fn an_old_line_without_the_new_members_still_reads() {
        let old = r#"{"app_id":"cli_1","version_id":"oav_1","decision":"approve",
            "rule":"max_auto_approve_level","reason":"","operator":"ou_1",
            "time":"2026-11-27T10:00:00Z","outcome":"ok"}"#;
        let entry: Entry = serde_json::from_str(old).unwrap();
        assert_eq!(entry.outcome, Outcome::Ok);
        assert!(!entry.reconciled && entry.policy.is_none() && entry.changes.is_none());
    }

    #[test]
    fn an_unknown_outcome_is_a_bad_line() {
        let line = serde_json::to_string(&entry("oav_1", Outcome::Ok))
            .unwrap()
            .replace("\"ok\"", "\"maybe\"");
        let error = serde_json::from_str::<Entry>(&line).unwrap_err();
        assert!(error.to_string().contains("maybe"), "{error}");
    }
}
