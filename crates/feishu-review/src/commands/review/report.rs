//! What a review prints: a table and a summary line for people, one JSON document for scripts
//! (one compact line per pass under `--watch`).

use feishu_application::changes::VersionChanges;
use serde::Serialize;

use super::concurrency::{Carried, Reviewed};
use crate::output::table;
use crate::policy::Verdict;
use crate::stdout::outln;

/// The result of one pass over the pending list.
#[derive(Debug)]
pub(crate) struct Pass {
    pub(crate) reviewed: Vec<Reviewed>,
    /// Already decided with outcome `ok` in the journal.
    pub(crate) skipped_ok: usize,
    /// Failed before and left alone (`--no-retry-failed`).
    pub(crate) skipped_failed: usize,
    /// Left alone because a crash lost their PATCH's answer and reading them failed too.
    pub(crate) unreconciled: usize,
}

/// The counts of a pass, as `--json` prints them.
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    pub(crate) approve: usize,
    pub(crate) reject: usize,
    pub(crate) human: usize,
    pub(crate) failed: usize,
    /// Left out because the journal has them (`ok`, or failed with `--no-retry-failed`).
    pub(crate) skipped: usize,
    /// Not decided or not carried out because a stop was asked for.
    pub(crate) left: usize,
}

/// One reviewed version, as `--json` prints it (the fields of earlier releases).
#[derive(Debug, Serialize)]
struct Row<'a> {
    app_id: &'a str,
    app_name: Option<&'a str>,
    version_id: &'a str,
    verdict: Verdict,
    /// The policy rule, or `error` when the version could not be read.
    rule: &'static str,
    reason: &'a str,
    /// Whether the decision was carried out (only with --apply, never for `human`).
    applied: bool,
    /// What went wrong reading or deciding this version.
    error: Option<&'a str>,
    /// What the version changes since the live version; `null` when judged whole or unread.
    changes: Option<&'a VersionChanges>,
}

impl Pass {
    pub(crate) fn summary(&self) -> Summary {
        let mut summary = Summary {
            skipped: self.skipped_ok + self.skipped_failed,
            failed: self.unreconciled,
            ..Summary::default()
        };
        for reviewed in &self.reviewed {
            match reviewed {
                Reviewed::Left | Reviewed::Decided(_, _, Carried::Interrupted) => {
                    summary.left += 1;
                }
                Reviewed::Unread(..) | Reviewed::Decided(_, _, Carried::Failed(_)) => {
                    summary.failed += 1;
                }
                Reviewed::Decided(_, decision, _) => match decision.verdict {
                    Verdict::Approve => summary.approve += 1,
                    Verdict::Reject => summary.reject += 1,
                    Verdict::Human => summary.human += 1,
                },
            }
        }
        summary
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.reviewed.iter().filter_map(|reviewed| match reviewed {
            Reviewed::Left => None,
            Reviewed::Unread(version, error) => Some(Row {
                app_id: &version.app_id,
                app_name: version.app_name.as_deref(),
                version_id: &version.version_id,
                verdict: Verdict::Human,
                rule: "error",
                reason: "",
                applied: false,
                error: Some(error),
                changes: None,
            }),
            Reviewed::Decided(version, decision, carried) => Some(Row {
                app_id: &version.app_id,
                app_name: version.app_name.as_deref(),
                version_id: &version.version_id,
                verdict: decision.verdict,
                rule: decision.rule.as_str(),
                reason: &decision.reason,
                applied: matches!(carried, Carried::Done),
                error: match carried {
                    Carried::Failed(failure) => Some(&failure.msg),
                    _ => None,
                },
                changes: decision.changes.as_deref(),
            }),
        })
    }

    /// Prints the pass: one JSON document (compact under `--watch`), or a table and a
    /// summary line.
    pub(crate) fn print(&self, dry_run: bool, json: bool, watching: bool) -> anyhow::Result<()> {
        let rows: Vec<Row<'_>> = self.rows().collect();
        let document = serde_json::json!({
            "dry_run": dry_run,
            "decisions": rows,
            "summary": self.summary(),
        });
        match (json, watching) {
            (true, false) => outln!("{}", serde_json::to_string_pretty(&document)?),
            (true, true) => outln!("{document}"),
            (false, _) => {
                if !rows.is_empty() || !watching {
                    outln!("{}", render_table(&rows, !dry_run))?;
                }
                let time = match watching {
                    true => format!("{}: ", super::journal::now()),
                    false => String::new(),
                };
                outln!("{time}{}", summary_line(&self.summary(), dry_run))
            }
        }
    }
}

fn summary_line(summary: &Summary, dry_run: bool) -> String {
    let mut line = format!(
        "{} approve, {} reject, {} for a human, {} failed",
        summary.approve, summary.reject, summary.human, summary.failed
    );
    if summary.skipped > 0 {
        line += &format!(
            ", {} skipped (already decided in the journal)",
            summary.skipped
        );
    }
    if summary.left > 0 {
        line += &format!(", {} left (stopped before deciding them)", summary.left);
    }
    if dry_run {
        line += " (dry run: nothing was changed; add --apply to carry it out)";
    }
    line
}

fn render_table(rows: &[Row<'_>], applied: bool) -> comfy_table::Table {
    let mut header = vec!["APP", "NAME", "VERSION", "DECISION", "RULE", "REASON"];
    if applied {
        header.push("RESULT");
    }
    let mut table = table(&header);
    for row in rows {
        let verdict = match row.verdict {
            Verdict::Approve => "approve",
            Verdict::Reject => "reject",
            Verdict::Human => "human",
        };
        let mut cells = vec![
            row.app_id.to_owned(),
            row.app_name.unwrap_or_default().to_owned(),
            row.version_id.to_owned(),
            verdict.to_owned(),
            row.rule.to_owned(),
            row.error.unwrap_or(row.reason).to_owned(),
        ];
        if applied {
            let result = match (row.error, row.applied) {
                (Some(_), _) => "failed",
                (None, true) => "done",
                (None, false) => "left",
            };
            cells.push(result.to_owned());
        }
        table.add_row(cells);
    }
    table
}
