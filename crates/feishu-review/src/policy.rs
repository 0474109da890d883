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
pub(crate) struct Policy {
    /// The highest scope level approved without a human: 1 normal, 2 advanced,
    /// 3 super-sensitive. 0 sends every version to a human.
    pub(crate) max_auto_approve_level: u8,
    /// Scopes that reject a version outright. A trailing `*` matches a prefix.
    pub(crate) rejected_scopes: Vec<String>,
    /// Scopes that always need a human. A trailing `*` matches a prefix.
    pub(crate) human_review_scopes: Vec<String>,
    /// Reject versions without a remark (the developer's note to reviewers).
    pub(crate) require_remark: bool,
    /// Reject versions without a visibility suggestion.
    pub(crate) require_visibility: bool,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Verdict {
    /// Approve it.
    Approve,
    /// Reject it with this reason.
    Reject,
    /// Leave it for a human.
    Human,
}

/// The policy rule that decided; it serializes as the policy file's key (`rejected_scopes`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Rule {
    /// `rejected_scopes`: a scope the tenant does not grant.
    RejectedScopes,
    /// `require_remark`: the version explains nothing.
    RequireRemark,
    /// `require_visibility`: the version suggests no visibility.
    RequireVisibility,
    /// `human_review_scopes`: a scope that always needs a human.
    HumanReviewScopes,
    /// `max_auto_approve_level`: the highest scope level decides.
    MaxAutoApproveLevel,
}

impl Rule {
    /// The policy file's key for this rule, as the output and the journal show it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::RejectedScopes => "rejected_scopes",
            Self::RequireRemark => "require_remark",
            Self::RequireVisibility => "require_visibility",
            Self::HumanReviewScopes => "human_review_scopes",
            Self::MaxAutoApproveLevel => "max_auto_approve_level",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A verdict, the rule that gave it, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Decision {
    /// The verdict.
    pub(crate) verdict: Verdict,
    /// The policy rule that decided.
    pub(crate) rule: Rule,
    /// Why, in words (sent to the developer on a rejection).
    pub(crate) reason: String,
}

impl Policy {
    /// Reads a policy file; errors name the file and, for TOML mistakes, the line.
    pub(crate) fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the policy file {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("invalid policy file {}", path.display()))
    }

    /// Parses policy TOML.
    pub(crate) fn parse(text: &str) -> anyhow::Result<Self> {
        let policy: Policy = toml::from_str(text).map_err(|error| anyhow::anyhow!("{error}"))?;
        anyhow::ensure!(
            policy.max_auto_approve_level <= 3,
            "max_auto_approve_level must be 0..=3, got {}",
            policy.max_auto_approve_level
        );
        Ok(policy)
    }

    /// Decides on one version; rules apply in the order of the struct's fields, rejections first.
    pub(crate) fn decide(&self, version: &AppVersion) -> Decision {
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
            return decision(Verdict::Reject, Rule::RejectedScopes, reason);
        }
        let remark = version.remark.as_ref();
        if self.require_remark
            && remark
                .and_then(|r| r.remark.as_deref())
                .is_none_or(str::is_empty)
        {
            let reason = "the version has no remark explaining what it does; add one and resubmit";
            return decision(Verdict::Reject, Rule::RequireRemark, reason.into());
        }
        if self.require_visibility && remark.and_then(|r| r.visibility.as_ref()).is_none() {
            let reason = "the version suggests no visibility; say who should see it and resubmit";
            return decision(Verdict::Reject, Rule::RequireVisibility, reason.into());
        }
        if let Some(scope) = scopes
            .iter()
            .find(|s| matches_any(s, &self.human_review_scopes))
        {
            let reason = format!("asks for {scope}, which needs a human");
            return decision(Verdict::Human, Rule::HumanReviewScopes, reason);
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
            return decision(Verdict::Human, Rule::MaxAutoApproveLevel, reason);
        }
        let reason = format!(
            "{} scope(s), none above level {}",
            scopes.len(),
            self.max_auto_approve_level
        );
        decision(Verdict::Approve, Rule::MaxAutoApproveLevel, reason)
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
                Rule::RejectedScopes,
            ),
            (
                version(json!([scope("a", 1)]), None),
                Verdict::Reject,
                Rule::RequireRemark,
            ),
            (
                version(json!([scope("im:message", 1)]), Some("r")),
                Verdict::Human,
                Rule::HumanReviewScopes,
            ),
            (
                version(json!([scope("a", 2)]), Some("r")),
                Verdict::Human,
                Rule::MaxAutoApproveLevel,
            ),
            (
                version(json!([scope("a", 7)]), Some("r")),
                Verdict::Human,
                Rule::MaxAutoApproveLevel,
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
    fn rules_serialize_as_the_policy_keys() {
        for rule in [
            Rule::RejectedScopes,
            Rule::RequireRemark,
            Rule::RequireVisibility,
            Rule::HumanReviewScopes,
            Rule::MaxAutoApproveLevel,
        ] {
            let json = serde_json::to_value(rule).unwrap();
            assert_eq!(json, rule.as_str());
            assert_eq!(serde_json::from_value::<Rule>(json).unwrap(), rule);
            // Every rule names a key the policy file accepts.
            let key = format!("{} = []", rule.as_str());
            let parsed = Policy::parse(&key);
            assert!(
                !format!("{parsed:?}").contains("unknown field"),
                "{rule}: {parsed:?}"
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
