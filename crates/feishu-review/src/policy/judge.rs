//! Deciding on one version: rejections first, then what needs a human, then approval.

use feishu_application::changes::{VersionChanges, Visibility};
use feishu_application::types::{AppContactsRange, AppVersion, ContactsScopeType, ScopeLevel};

use super::describe::{level_text, rank, summary};
use super::{Decision, Judge, Live, Policy, Ranges, Rule, Verdict};

impl Policy {
    /// Decides on `pending`, given what is known of the app's live version and of its contacts
    /// range. Rules apply in the order of the struct's fields, rejections first; the first that
    /// matches decides.
    pub(crate) fn decide(
        &self,
        pending: &AppVersion,
        live: Live<'_>,
        ranges: Ranges<'_>,
    ) -> Decision {
        let (live_range, requested) = match ranges {
            Ranges::Read { live, requested } => (live, requested),
            Ranges::Unreadable { call, error } => {
                let why = format!("the contacts range could not be read: {call} failed ({error})");
                return self.not_approved_without(self.whole(pending, None), &why);
            }
        };
        let contacts = |changes: VersionChanges| changes.with_contacts_range(live_range, requested);
        match (self.judge, live) {
            (Judge::Whole, _) | (_, Live::NotAsked) => {
                self.whole(pending, Some((live_range, requested)))
            }
            (Judge::Changes, Live::None) => {
                self.by_change(pending, contacts(VersionChanges::new_app(pending)))
            }
            (Judge::Changes, Live::Read(live)) => {
                self.by_change(pending, contacts(VersionChanges::between(live, pending)))
            }
            (Judge::Changes, Live::Unreadable { version_id, error }) => {
                let why = format!("the live version {version_id} could not be read ({error})");
                let whole = self.whole(pending, Some((live_range, requested)));
                self.not_approved_without(whole, &why)
            }
        }
    }

    /// Every scope the version asks for, as if the app were new (`judge = "whole"`); with the
    /// contacts ranges when they were read (`(live, requested)`).
    fn whole(
        &self,
        pending: &AppVersion,
        ranges: Option<(Option<&AppContactsRange>, Option<&AppContactsRange>)>,
    ) -> Decision {
        if let Some(rejection) = self.rejection(pending) {
            return rejection;
        }
        let asked: Vec<Asked<'_>> = pending
            .scopes
            .iter()
            .map(|s| Asked {
                scope: s.scope.as_deref().unwrap_or("a scope without a name"),
                from: None,
                to: s.level,
            })
            .collect();
        if let Some(decision) = self.scope_rules(&asked, "asks for") {
            return decision;
        }
        if let Some(decision) =
            ranges.and_then(|(live, requested)| self.whole_range(live, requested))
        {
            return decision;
        }
        if let Some(off) = self.auto_approval_off() {
            return off;
        }
        let reason = format!(
            "{} scope(s), none above level {}",
            pending.scopes.len(),
            self.max_auto_approve_level
        );
        decision(Verdict::Approve, Rule::MaxAutoApproveLevel, reason, None)
    }

    /// What the version changes; a new app's change is everything it asks for.
    fn by_change(&self, pending: &AppVersion, changes: VersionChanges) -> Decision {
        if let Some(mut rejection) = self.rejection(pending) {
            rejection.changes = Some(Box::new(changes));
            return rejection;
        }
        let mut asked: Vec<Asked<'_>> = changes
            .scopes_added
            .iter()
            .map(|s| Asked {
                scope: &s.scope,
                from: None,
                to: s.level,
            })
            .collect();
        asked.extend(
            changes
                .scope_levels_changed
                .iter()
                .filter(|c| rank(c.to) > rank(c.from))
                .map(|c| Asked {
                    scope: &c.scope,
                    from: Some(c.from),
                    to: c.to,
                }),
        );
        // A scope without a name cannot be compared: it counts as added.
        asked.extend(
            pending
                .scopes
                .iter()
                .filter(|s| s.scope.is_none())
                .map(|s| Asked {
                    scope: "a scope without a name",
                    from: None,
                    to: s.level,
                }),
        );
        let found = self
            .scope_rules(&asked, "adds")
            .or_else(|| self.change_rules(pending, &changes));
        if let Some(mut found) = found {
            found.changes = Some(Box::new(changes));
            return found;
        }
        if let Some(off) = self.auto_approval_off() {
            return Decision {
                changes: Some(Box::new(changes)),
                ..off
            };
        }
        let reason = match &changes.since {
            None => format!(
                "new app: {} scope(s), none above level {}",
                changes.scopes_added.len(),
                self.max_auto_approve_level
            ),
            Some(_) if changes.is_empty() => "changes nothing since the live version".to_owned(),
            Some(_) => format!(
                "{}; nothing above level {} added",
                summary(&changes),
                self.max_auto_approve_level
            ),
        };
        decision(
            Verdict::Approve,
            Rule::MaxAutoApproveLevel,
            reason,
            Some(Box::new(changes)),
        )
    }

    /// Something could not be read (`why`): the version was judged whole (`whole`), and what
    /// would have been an approval goes to a human (missing information never approves).
    fn not_approved_without(&self, mut whole: Decision, why: &str) -> Decision {
        if whole.verdict == Verdict::Approve {
            let reason = format!("{why}; judged whole, and not approved without it");
            return human(Rule::Judge, reason, None);
        }
        whole.reason = format!("{}; judged whole: {why}", whole.reason);
        whole
    }

    /// `human_review_when_contacts_range_widens` with `judge = "whole"`: a requested or live
    /// range of `all` needs a human.
    fn whole_range(
        &self,
        live: Option<&AppContactsRange>,
        requested: Option<&AppContactsRange>,
    ) -> Option<Decision> {
        if !self.human_review_when_contacts_range_widens {
            return None;
        }
        let reason = if is_all(requested) {
            "asks for a contacts range of all members"
        } else if is_all(live) {
            "the live contacts range is all members"
        } else {
            return None;
        };
        Some(human(
            Rule::HumanReviewWhenContactsRangeWidens,
            reason.into(),
            None,
        ))
    }

    /// `max_auto_approve_level = 0` approves nothing, whatever the version asks for or changes.
    fn auto_approval_off(&self) -> Option<Decision> {
        (self.max_auto_approve_level == 0).then(|| {
            let reason = "auto-approval is off (max_auto_approve_level = 0)".to_owned();
            human(Rule::MaxAutoApproveLevel, reason, None)
        })
    }

    /// `rejected_scopes` (every scope), `require_remark`, `require_visibility`.
    fn rejection(&self, version: &AppVersion) -> Option<Decision> {
        let reject = |rule, reason: String| Some(decision(Verdict::Reject, rule, reason, None));
        if let Some(scope) = version
            .scopes
            .iter()
            .filter_map(|s| s.scope.as_deref())
            .find(|s| matches_any(s, &self.rejected_scopes))
        {
            let reason = format!("asks for the scope {scope}, which this tenant does not grant");
            return reject(Rule::RejectedScopes, reason);
        }
        let remark = version.remark.as_ref();
        if self.require_remark
            && remark
                .and_then(|r| r.remark.as_deref())
                .is_none_or(str::is_empty)
        {
            let reason = "the version has no remark explaining what it does; add one and resubmit";
            return reject(Rule::RequireRemark, reason.into());
        }
        if self.require_visibility && remark.and_then(|r| r.visibility.as_ref()).is_none() {
            let reason = "the version suggests no visibility; say who should see it and resubmit";
            return reject(Rule::RequireVisibility, reason.into());
        }
        None
    }

    /// `human_review_scopes` and `max_auto_approve_level` over the scopes judged.
    fn scope_rules(&self, asked: &[Asked<'_>], verb: &str) -> Option<Decision> {
        if let Some(found) = asked
            .iter()
            .find(|a| matches_any(a.scope, &self.human_review_scopes))
        {
            let reason = format!("{}, which needs a human", found.describe(verb));
            return Some(human(Rule::HumanReviewScopes, reason, None));
        }
        let highest = asked.iter().max_by_key(|a| rank(a.to))?;
        if rank(highest.to) <= self.max_auto_approve_level {
            return None;
        }
        let reason = format!(
            "{}; auto-approval stops at level {}",
            highest.describe(verb),
            self.max_auto_approve_level
        );
        Some(human(Rule::MaxAutoApproveLevel, reason, None))
    }

    /// The rules on visibility, the contacts range, hosts, abilities and events.
    fn change_rules(&self, pending: &AppVersion, changes: &VersionChanges) -> Option<Decision> {
        if self.human_review_when_visibility_widens
            && matches!(
                changes.visibility,
                Visibility::Widened | Visibility::Changed
            )
        {
            let everyone = pending
                .remark
                .as_ref()
                .and_then(|r| r.visibility.as_ref())
                .is_some_and(|v| v.is_all == Some(true));
            let reason = match (changes.visibility, everyone) {
                (Visibility::Widened, true) => "widens visibility to everyone",
                (Visibility::Widened, false) => "widens visibility",
                _ => "changes who can see the app (some gain it)",
            };
            return Some(human(
                Rule::HumanReviewWhenVisibilityWidens,
                reason.into(),
                None,
            ));
        }
        if self.human_review_when_contacts_range_widens
            && matches!(
                changes.contacts_range,
                Visibility::Widened | Visibility::Changed
            )
        {
            let all = is_all(changes.contacts_range_requested.as_ref());
            let reason = match (changes.contacts_range, all) {
                (Visibility::Widened, true) => "widens the contacts range to all members",
                (Visibility::Widened, false) => "widens the contacts range",
                _ => "changes the contacts range (some gain directory access)",
            };
            return Some(human(
                Rule::HumanReviewWhenContactsRangeWidens,
                reason.into(),
                None,
            ));
        }
        // A new app has no host to move away from.
        if self.human_review_when_host_changes
            && changes.since.is_some()
            && let Some(moved) = changes.hosts_changed.first()
        {
            let host = |url: &Option<String>| url.clone().unwrap_or_else(|| "nothing".into());
            let reason = format!(
                "moves {} from {} to {}",
                moved.field,
                host(&moved.from),
                host(&moved.to)
            );
            return Some(human(Rule::HumanReviewWhenHostChanges, reason, None));
        }
        if let Some(ability) = changes
            .abilities_added
            .iter()
            .find(|a| self.human_review_when_abilities_added.contains(a))
        {
            let reason = format!("turns on the {ability} ability");
            return Some(human(Rule::HumanReviewWhenAbilitiesAdded, reason, None));
        }
        if let Some(event) = changes
            .events_added
            .iter()
            .find(|e| matches_any(e, &self.human_review_when_events_added))
        {
            let reason = format!("subscribes to the event {event}");
            return Some(human(Rule::HumanReviewWhenEventsAdded, reason, None));
        }
        None
    }
}

/// A scope judged: asked for (`from` is `None`) or raised from another level.
struct Asked<'a> {
    scope: &'a str,
    from: Option<Option<ScopeLevel>>,
    to: Option<ScopeLevel>,
}

impl Asked<'_> {
    /// "adds contact:user.phone:readonly (level 3)", "raises im:chat from level 1 to 2".
    fn describe(&self, verb: &str) -> String {
        match self.from {
            None => format!("{verb} {} ({})", self.scope, level_text(self.to)),
            Some(from) => format!(
                "raises {} from {} to {}",
                self.scope,
                level_text(from),
                level_text(self.to)
            ),
        }
    }
}

fn decision(
    verdict: Verdict,
    rule: Rule,
    reason: String,
    changes: Option<Box<VersionChanges>>,
) -> Decision {
    Decision {
        verdict,
        rule,
        reason,
        changes,
    }
}

fn human(rule: Rule, reason: String, changes: Option<Box<VersionChanges>>) -> Decision {
    decision(Verdict::Human, rule, reason, changes)
}

/// Whether a contacts range is `all`.
fn is_all(range: Option<&AppContactsRange>) -> bool {
    range.is_some_and(|r| r.contacts_scope_type == Some(ContactsScopeType::All))
}

/// Whether `name` matches a pattern; a trailing `*` matches a prefix.
fn matches_any(name: &str, patterns: &[String]) -> bool {
    patterns
        .iter()
        .any(|pattern| match pattern.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == pattern,
        })
}
