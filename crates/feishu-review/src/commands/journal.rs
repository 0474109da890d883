//! `feishu-review journal`: the decision journal `review --apply` writes, for people (a table,
//! newest first) and scripts (JSON lines), and `--verify` for a check that it is whole.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::Context as _;

use crate::connection::ConnectionArgs;
use crate::journal::{Entry, Outcome, read, unanswered_intents, verify};
use crate::output::{OutputArgs, table};
use crate::policy::Verdict;
use crate::stdout::outln;

/// Options of `feishu-review journal`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub(crate) struct Args {
    /// The journal [default: `review`'s journal of the tenant the connection options name].
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Only decisions at or after DATE: `2026-11-27` (UTC midnight) or RFC 3339.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    since: Option<SystemTime>,
    /// Only the decisions about this app.
    #[arg(long, value_name = "APP_ID")]
    app: Option<String>,
    /// Only this decision.
    #[arg(long, value_enum)]
    decision: Option<DecisionArg>,
    /// Check the journal instead: every line parses and every "sent" has an outcome line
    /// after it. Exit 1 naming the lines that do not.
    #[arg(long)]
    verify: bool,
}

const AFTER_HELP: &str = "\
Lists the decisions newest first: the outcome lines, and the intents (\"sent\") whose outcome
never came. --json prints the lines as JSON lines, as the journal holds them.

Exit status: 0 read (--verify: every line parses and every \"sent\" has its outcome), 1 the
journal could not be read (--verify: a line is not an entry, or a \"sent\" has no outcome;
stderr names the lines), 2 bad usage.

Examples:
  feishu-review journal ~/.local/state/feishu-review/journal/open.feishu.cn-cli_a1.jsonl
  feishu-review --app-id cli_a1 journal --since 2026-11-27 --decision reject
  feishu-review journal journal.jsonl --verify";

/// A decision, as `--decision` names it.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum DecisionArg {
    Approve,
    Reject,
    Human,
}

impl From<DecisionArg> for Verdict {
    fn from(decision: DecisionArg) -> Self {
        match decision {
            DecisionArg::Approve => Self::Approve,
            DecisionArg::Reject => Self::Reject,
            DecisionArg::Human => Self::Human,
        }
    }
}

fn parse_since(text: &str) -> Result<SystemTime, String> {
    let full = match text.len() {
        10 => format!("{text}T00:00:00Z"),
        _ => text.to_owned(),
    };
    humantime::parse_rfc3339_weak(&full)
        .map_err(|error| format!("{error} (examples: 2026-11-27, 2026-11-27T10:00:00Z)"))
}

/// Runs `feishu-review journal`.
pub(crate) fn run(
    args: Args,
    connection: &ConnectionArgs,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    let path = match &args.file {
        Some(path) => path.clone(),
        None => crate::journal::path::default_for(connection)?.context(
            "no default journal without --base-url, --app-id or --token (the embedded fake's \
             journal lasts one run): give FILE",
        )?,
    };
    if !path.exists() {
        anyhow::bail!("no journal at {}", path.display());
    }
    let contents = read(&path)?;
    if args.verify {
        return Ok(verify(&path, &contents.entries, &contents.bad));
    }
    for line in &contents.bad {
        line.warn(&path);
    }
    let unanswered = unanswered_intents(&contents.entries);
    let mut shown: Vec<(usize, SystemTime, &Entry)> = contents
        .entries
        .iter()
        .filter(|(line, entry)| entry.outcome != Outcome::Sent || unanswered.contains(line))
        .filter(|(_, entry)| args.app.as_ref().is_none_or(|app| &entry.app_id == app))
        .filter(|(_, entry)| {
            args.decision
                .is_none_or(|decision| entry.decision == Verdict::from(decision))
        })
        .map(|(line, entry)| (*line, written(entry), entry))
        .filter(|(_, time, _)| args.since.is_none_or(|since| *time >= since))
        .collect();
    // Newest first; lines of the same second in reverse file order.
    shown.sort_by_key(|(line, time, _)| std::cmp::Reverse((*time, *line)));
    if output.json {
        for (_, _, entry) in &shown {
            outln!("{}", serde_json::to_string(entry)?)?;
        }
    } else {
        outln!("{}", render(&shown))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// When a line was written; a time that does not read sorts as the oldest.
fn written(entry: &Entry) -> SystemTime {
    humantime::parse_rfc3339_weak(&entry.time).unwrap_or(SystemTime::UNIX_EPOCH)
}

fn render(rows: &[(usize, SystemTime, &Entry)]) -> comfy_table::Table {
    let mut table = table(&[
        "TIME", "APP", "VERSION", "DECISION", "RULE", "OUTCOME", "OPERATOR", "REASON",
    ]);
    for (_, _, entry) in rows {
        let decision = match entry.decision {
            Verdict::Approve => "approve",
            Verdict::Reject => "reject",
            Verdict::Human => "human",
        };
        let outcome = match (&entry.outcome, entry.reconciled) {
            (Outcome::Ok, false) => "ok".to_owned(),
            (Outcome::Ok, true) => "ok (reconciled)".to_owned(),
            (Outcome::Sent, _) => "sent, no outcome".to_owned(),
            (Outcome::Failed(failure), _) => match failure.code {
                Some(code) => format!("failed: {code} {}", failure.msg),
                None => format!("failed: {}", failure.msg),
            },
        };
        table.add_row([
            entry.time.clone(),
            entry.app_id.clone(),
            entry.version_id.clone(),
            decision.to_owned(),
            entry.rule.as_str().to_owned(),
            outcome,
            entry.operator.clone(),
            entry.reason.clone(),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_date_or_an_rfc_3339_time() {
        let day = parse_since("2026-11-27").unwrap();
        let time = parse_since("2026-11-27T00:00:00Z").unwrap();
        assert_eq!(day, time);
        assert!(parse_since("yesterday").unwrap_err().contains("2026-11-27"));
    }
}
