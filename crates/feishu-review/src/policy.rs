//! The review policy: which pending versions are approved, rejected, or left for a human.
//!
//! A small TOML file (see `examples/policy.toml` in this crate); every key is optional and
//! unknown keys are refused, so a typo never silently weakens the policy.

use std::path::Path;

use anyhow::Context as _;
use feishu_application::types::{AppVersion, ScopeLevel};
use serde::{Deserialize, Serialize};

/// A review policy.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// The highest scope level approved without a human: 1 normal, 2 advanced,
    /// 3 super-sensitive. 0 sends every version to a human.
    pub max_auto_approve_level: u8,
    /// Scopes that reject a version outright. A trailing `*` matches a prefix.
    pub rejected_scopes: Vec<String>,
    /// Scopes that always need a human. A trailing `*` matches a prefix.
    pub human_review_scopes: Vec<String>,
    /// Reject versions without a remark (the developer's note to reviewers).
    pub require_remark: bool,
    /// Reject versions without a visibility suggestion.
    pub require_visibility: bool,
}

impl Default for Policy {
    /// The built-in policy: approve versions asking only for normal scopes and explaining
    /// themselves in a remark; everything else goes to a human.
    fn default() -> Self {
        Self {
            max_auto_approve_level: 1,
            rejected_scopes: Vec::new(),
            human_review_scopes: Vec::new(),
            require_remark: true,
            require_visibility: false,
        }
    }
}

/// What the policy decided for one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Approve it.
    Approve,
    /// Reject it with this reason.
    Reject,
    /// Leave it for a human.
    Human,
}

/// A verdict, the rule that gave it, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The verdict.
    pub verdict: Verdict,
    /// The policy key that decided.
    pub rule: &'static str,
    /// Why, in words (sent to the developer on a rejection).
    pub reason: String,
}

impl Policy {
    /// Reads a policy file; errors name the file and, for TOML mistakes, the line.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the policy file {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("invalid policy file {}", path.display()))
    }

    /// Parses policy TOML.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let policy: Policy = toml::from_str(text).map_err(|error| anyhow::anyhow!("{error}"))?;
        anyhow::ensure!(
            policy.max_auto_approve_level <= 3,
            "max_auto_approve_level must be 0..=3, got {}",
            policy.max_auto_approve_level
        );
        Ok(policy)
    }

    /// Decides on one version; rules apply in the order of the struct's fields, rejections first.
    pub fn decide(&self, version: &AppVersion) -> Decision {
        let scopes: Vec<&str> = version
            .scopes
            .iter()
            .filter_map(|s| s.scope.as_deref())
            .collect();
        let decision = |verdict, rule, reason: String| Decision {
            verdict,
            rule,
            reason,
        };
        if let Some(scope) = scopes
            .iter()
            .find(|s| matches_any(s, &self.rejected_scopes))
        {
            let reason = format!("asks for the scope {scope}, which this tenant does not grant");
            return decision(Verdict::Reject, "rejected_scopes", reason);
        }
        let remark = version.remark.as_ref();
        if self.require_remark
            && remark
                .and_then(|r| r.remark.as_deref())
                .is_none_or(str::is_empty)
        {
            let reason = "the version has no remark explaining what it does; add one and resubmit";
            return decision(Verdict::Reject, "require_remark", reason.into());
        }
        if self.require_visibility && remark.and_then(|r| r.visibility.as_ref()).is_none() {
            let reason = "the version suggests no visibility; say who should see it and resubmit";
            return decision(Verdict::Reject, "require_visibility", reason.into());
        }
        if let Some(scope) = scopes
            .iter()
            .find(|s| matches_any(s, &self.human_review_scopes))
        {
            let reason = format!("asks for {scope}, which needs a human");
            return decision(Verdict::Human, "human_review_scopes", reason);
        }
        let highest = version
            .scopes
            .iter()
            .map(|s| level_rank(s.level.as_ref()))
            .max()
            .unwrap_or(0);
        if highest > self.max_auto_approve_level {
            let reason = match highest {
                u8::MAX => "asks for a scope of unknown level".to_string(),
                level => format!(
                    "asks for a level-{level} scope; auto-approval stops at level {}",
                    self.max_auto_approve_level
                ),
            };
            return decision(Verdict::Human, "max_auto_approve_level", reason);
        }
        let reason = format!(
            "{} scope(s), none above level {}",
            scopes.len(),
            self.max_auto_approve_level
        );
        decision(Verdict::Approve, "max_auto_approve_level", reason)
    }
}

/// A scope's level for comparison; unknown levels rank above all, so they need a human.
fn level_rank(level: Option<&ScopeLevel>) -> u8 {
    match level {
        Some(ScopeLevel::Normal) => 1,
        Some(ScopeLevel::Advanced) => 2,
        Some(ScopeLevel::SuperSensitive) => 3,
        _ => u8::MAX,
    }
}

fn matches_any(scope: &str, patterns: &[String]) -> bool {
    patterns
        .iter()
        .any(|pattern| match pattern.strip_suffix('*') {
            Some(prefix) => scope.starts_with(prefix),
            None => scope == pattern,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn version(scopes: serde_json::Value, remark: Option<&str>) -> AppVersion {
        let mut value = json!({"scopes": scopes});
        if let Some(remark) = remark {
            value["remark"] = json!({"remark": remark});
        }
        serde_json::from_value(value).unwrap()
    }

    fn scope(name: &str, level: i64) -> serde_json::Value {
        json!({"scope": name, "level": level})
    }

    #[test]
    fn default_policy_approves_normal_scopes_with_a_remark() {
        let decision = Policy::default().decide(&version(json!([scope("a", 1)]), Some("why")));
        assert_eq!(decision.verdict, Verdict::Approve);
    }

    #[test]
    fn rules_apply_in_order() {
        let policy = Policy {
            rejected_scopes: vec!["contact:*".into()],
            human_review_scopes: vec!["im:message".into()],
            ..Policy::default()
        };
        let cases = [
            (
                version(json!([scope("contact:user.phone", 1)]), Some("r")),
                Verdict::Reject,
                "rejected_scopes",
            ),
            (
                version(json!([scope("a", 1)]), None),
                Verdict::Reject,
                "require_remark",
            ),
            (
                version(json!([scope("im:message", 1)]), Some("r")),
                Verdict::Human,
                "human_review_scopes",
            ),
            (
                version(json!([scope("a", 2)]), Some("r")),
                Verdict::Human,
                "max_auto_approve_level",
            ),
            (
                version(json!([scope("a", 7)]), Some("r")),
                Verdict::Human,
                "max_auto_approve_level",
            ),
        ];
        for (version, verdict, rule) in cases {
            let decision = policy.decide(&version);
            assert_eq!(
                (decision.verdict, decision.rule),
                (verdict, rule),
                "{:?}",
                version.scopes
            );
        }
    }

    #[test]
    fn a_typo_is_an_error_naming_the_line() {
        let error =
            Policy::parse("require_remark = true\nmax_auto_aprove_level = 2\n").unwrap_err();
        let message = format!("{error:#}");
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("max_auto_aprove_level"), "{message}");
    }

    #[test]
    fn a_wrong_type_or_range_is_an_error() {
        assert!(
            format!("{:#}", Policy::parse("require_remark = 3").unwrap_err()).contains("line 1")
        );
        assert!(Policy::parse("max_auto_approve_level = 4").is_err());
    }

    #[test]
    fn the_example_policy_parses() {
        let policy = Policy::parse(include_str!("../examples/policy.toml")).unwrap();
        assert_ne!(policy, Policy::default());
    }
}
