//! The review policy: which pending versions are approved, rejected, or left for a human.
//!
//! A small TOML file (see `examples/policy.toml` in this crate); every key is optional and
//! unknown keys are refused, so a typo never silently weakens the policy. By default a version
//! is judged by what it changes compared with the app's live version ([`Judge::Changes`]); a new
//! app is judged whole.

mod describe;
mod judge;
mod load;

#[cfg(test)]
mod contacts_tests;
#[cfg(test)]
mod property;
#[cfg(test)]
mod tests;

use feishu_application::changes::VersionChanges;
use feishu_application::types::{AppContactsRange, AppVersion};
use serde::{Deserialize, Serialize};

pub(crate) use describe::summary;

/// A review policy.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Policy {
    /// What a version is judged by: what it changes (default) or all it asks for.
    pub(crate) judge: Judge,
    /// Scopes that reject a version outright, whether new or not. A trailing `*` matches a
    /// prefix.
    pub(crate) rejected_scopes: Vec<String>,
    /// Reject versions without a remark (the developer's note to reviewers).
    pub(crate) require_remark: bool,
    /// Reject versions without a visibility suggestion.
    pub(crate) require_visibility: bool,
    /// Scopes that need a human when a version adds them (or raises their level). A trailing
    /// `*` matches a prefix.
    pub(crate) human_review_scopes: Vec<String>,
    /// The highest level of an added (or raised) scope approved without a human: 1 normal,
    /// 2 advanced, 3 super-sensitive. 0 sends every version to a human.
    pub(crate) max_auto_approve_level: u8,
    /// A human looks at a version that shows the app to more people.
    pub(crate) human_review_when_visibility_widens: bool,
    /// A human looks at a version whose contacts range opens more people's directory data
    /// (`widened` or `changed`); with `judge = "whole"`, at a version whose requested or live
    /// range is `all`.
    pub(crate) human_review_when_contacts_range_widens: bool,
    /// A human looks at a version that moves a URL (admin home page, web app, callbacks) to
    /// another host.
    pub(crate) human_review_when_host_changes: bool,
    /// Abilities (`bot`, `web_app`, …) that need a human when a version turns them on.
    pub(crate) human_review_when_abilities_added: Vec<String>,
    /// Event types that need a human when a version subscribes to them; `*` matches a prefix.
    pub(crate) human_review_when_events_added: Vec<String>,
}

/// What the policy judges a version by (`judge` in the policy file).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Judge {
    /// What it changes compared with the live version; a new app whole.
    #[default]
    Changes,
    /// Everything it asks for, as if the app were new (the live version is not read).
    Whole,
}

impl Default for Policy {
    /// The built-in policy: approve versions that add only normal scopes, show the app to no
    /// more people, keep their hosts, and explain themselves in a remark; everything else goes to
    /// a human.
    fn default() -> Self {
        Self {
            judge: Judge::Changes,
            rejected_scopes: Vec::new(),
            require_remark: true,
            require_visibility: false,
            human_review_scopes: Vec::new(),
            max_auto_approve_level: 1,
            human_review_when_visibility_widens: true,
            human_review_when_contacts_range_widens: true,
            human_review_when_host_changes: true,
            human_review_when_abilities_added: Vec::new(),
            human_review_when_events_added: Vec::new(),
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
    /// `judge`: the live version or a contacts range could not be read, so the version was
    /// judged whole and is not approved without it.
    Judge,
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
    /// `human_review_when_visibility_widens`.
    HumanReviewWhenVisibilityWidens,
    /// `human_review_when_contacts_range_widens`.
    HumanReviewWhenContactsRangeWidens,
    /// `human_review_when_host_changes`.
    HumanReviewWhenHostChanges,
    /// `human_review_when_abilities_added`.
    HumanReviewWhenAbilitiesAdded,
    /// `human_review_when_events_added`.
    HumanReviewWhenEventsAdded,
}

impl Rule {
    /// Every rule, in the order the policy applies them.
    #[cfg(test)]
    pub(crate) const ALL: [Rule; 11] = [
        Self::Judge,
        Self::RejectedScopes,
        Self::RequireRemark,
        Self::RequireVisibility,
        Self::HumanReviewScopes,
        Self::MaxAutoApproveLevel,
        Self::HumanReviewWhenVisibilityWidens,
        Self::HumanReviewWhenContactsRangeWidens,
        Self::HumanReviewWhenHostChanges,
        Self::HumanReviewWhenAbilitiesAdded,
        Self::HumanReviewWhenEventsAdded,
    ];

    /// The policy file's key for this rule, as the output and the journal show it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Judge => "judge",
            Self::RejectedScopes => "rejected_scopes",
            Self::RequireRemark => "require_remark",
            Self::RequireVisibility => "require_visibility",
            Self::HumanReviewScopes => "human_review_scopes",
            Self::MaxAutoApproveLevel => "max_auto_approve_level",
            Self::HumanReviewWhenVisibilityWidens => "human_review_when_visibility_widens",
            Self::HumanReviewWhenContactsRangeWidens => "human_review_when_contacts_range_widens",
            Self::HumanReviewWhenHostChanges => "human_review_when_host_changes",
            Self::HumanReviewWhenAbilitiesAdded => "human_review_when_abilities_added",
            Self::HumanReviewWhenEventsAdded => "human_review_when_events_added",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A verdict, the rule that gave it, why, and what the version changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Decision {
    /// The verdict.
    pub(crate) verdict: Verdict,
    /// The policy rule that decided.
    pub(crate) rule: Rule,
    /// Why, in words (sent to the developer on a rejection).
    pub(crate) reason: String,
    /// What the version changes since the live version (`since` is null for a new app); `None`
    /// when it was judged whole (`judge = "whole"`, or the live version could not be read).
    pub(crate) changes: Option<Box<VersionChanges>>,
}

/// What is known of the app's live version when deciding on a pending one.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Live<'a> {
    /// Not read: the policy judges whole.
    NotAsked,
    /// The app has no live version: a new app.
    None,
    /// The live version.
    Read(&'a AppVersion),
    /// The app has a live version, but reading it failed.
    Unreadable {
        /// The live version's id.
        version_id: &'a str,
        /// Why it could not be read.
        error: &'a str,
    },
}

/// What is known of the app's contacts range when deciding on a pending version. There is no
/// "not asked": a caller reads both ranges, or says why it could not.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ranges<'a> {
    /// Both calls answered.
    Read {
        /// The live range; `None` for an app with no live range (a new app).
        live: Option<&'a AppContactsRange>,
        /// The range the version asks for; `None` when it asks for no change.
        requested: Option<&'a AppContactsRange>,
    },
    /// A call failed: the version is judged whole and never approved.
    Unreadable {
        /// The operationId of the call that failed.
        call: &'static str,
        /// Why.
        error: &'a str,
    },
}

impl Ranges<'_> {
    /// No live range, and no change asked for: what the tests of other rules assume.
    #[cfg(test)]
    pub(crate) const NO_CHANGE: Ranges<'static> = Ranges::Read {
        live: None,
        requested: None,
    };
}
