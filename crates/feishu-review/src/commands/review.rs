//! `feishu-review review [--policy FILE] [--apply]`: a decision per pending version.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::connection::ConnectionArgs;
use crate::output::{LangArg, OutputArgs, error_chain, print_json, table};
use crate::policy::{Decision, Policy, Verdict};
use crate::stdout::outln;

/// Options of `feishu-review review`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Dry run unless --apply: nothing changes until you ask.\n\n\
Examples:\n  feishu-review review\n  feishu-review review --policy crates/feishu-review/examples/policy.toml\n  \
feishu-review review --policy policy.toml --apply --operator ou_4065981088f8ef67a504ba8bd6b24d85"
)]
pub struct Args {
    /// A policy TOML file; the built-in policy when absent (see examples/policy.toml).
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Carry the decisions out (approve and reject); without it nothing changes.
    #[arg(long)]
    pub apply: bool,
    /// The reviewer's open_id, needed with --apply (optional against the embedded fake).
    #[arg(long)]
    pub operator: Option<String>,
    /// Language of app names.
    #[arg(long, value_enum, default_value_t)]
    pub lang: LangArg,
}

/// One reviewed version, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Reviewed {
    app_id: String,
    app_name: Option<String>,
    version_id: String,
    #[serde(flatten)]
    decision: Decision,
    /// Whether the decision was carried out (only with --apply, never for `human`).
    applied: bool,
    /// What went wrong reading or deciding this version.
    error: Option<String>,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    approve: usize,
    reject: usize,
    human: usize,
    failed: usize,
}

/// Runs `feishu-review review`.
pub async fn run(
    args: Args,
    connection: &ConnectionArgs,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    // The policy first: a bad file fails before anything is fetched.
    let policy = match &args.policy {
        Some(path) => Policy::load(path)?,
        None => Policy::default(),
    };
    let connection = connection.connect().await?;
    let operator = match args.apply {
        true => Some(super::operator(args.operator.clone(), &connection)?),
        false => None,
    };
    let pending = super::pending::fetch(&connection, args.lang).await?;
    let mut reviewed = Vec::with_capacity(pending.len());
    let mut summary = Summary::default();
    for version in pending {
        let mut entry = Reviewed {
            app_id: version.app_id,
            app_name: version.app_name,
            version_id: version.version_id,
            decision: Decision {
                verdict: Verdict::Human,
                rule: "error",
                reason: String::new(),
            },
            applied: false,
            error: None,
        };
        let client = &connection.client;
        match client
            .get_app_version(&entry.app_id, &entry.version_id, args.lang.into())
            .await
        {
            Ok(details) => entry.decision = policy.decide(&details),
            Err(error) => entry.error = Some(error_chain(&error)),
        }
        if let (Some(operator), None) = (&operator, &entry.error) {
            let (app, version) = (&entry.app_id, &entry.version_id);
            let result = match entry.decision.verdict {
                Verdict::Approve => Some(client.approve(app, version, operator).await),
                Verdict::Reject => Some(
                    client
                        .reject(app, version, operator, &entry.decision.reason)
                        .await,
                ),
                Verdict::Human => None,
            };
            match result {
                Some(Ok(())) => entry.applied = true,
                Some(Err(error)) => entry.error = Some(error_chain(&error)),
                None => {}
            }
        }
        match (&entry.error, &entry.decision.verdict) {
            (Some(_), _) => summary.failed += 1,
            (None, Verdict::Approve) => summary.approve += 1,
            (None, Verdict::Reject) => summary.reject += 1,
            (None, Verdict::Human) => summary.human += 1,
        }
        reviewed.push(entry);
    }

    if output.json {
        print_json(&serde_json::json!({
            "dry_run": !args.apply,
            "decisions": reviewed,
            "summary": summary,
        }))?;
    } else {
        print_table(&reviewed, args.apply)?;
        outln!(
            "{} approve, {} reject, {} for a human, {} failed{}",
            summary.approve,
            summary.reject,
            summary.human,
            summary.failed,
            if args.apply {
                ""
            } else {
                " (dry run: nothing was changed; add --apply to carry it out)"
            }
        )?;
    }
    Ok(if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_table(reviewed: &[Reviewed], applied: bool) -> anyhow::Result<()> {
    let mut header = vec!["APP", "NAME", "VERSION", "DECISION", "RULE", "REASON"];
    if applied {
        header.push("RESULT");
    }
    let mut rows = table(&header);
    for entry in reviewed {
        let verdict = match entry.decision.verdict {
            Verdict::Approve => "approve",
            Verdict::Reject => "reject",
            Verdict::Human => "human",
        };
        let mut row = vec![
            entry.app_id.clone(),
            entry.app_name.clone().unwrap_or_default(),
            entry.version_id.clone(),
            verdict.to_string(),
            entry.decision.rule.to_string(),
            entry
                .error
                .clone()
                .unwrap_or_else(|| entry.decision.reason.clone()),
        ];
        if applied {
            row.push(match (&entry.error, entry.applied) {
                (Some(_), _) => "failed".into(),
                (None, true) => "done".into(),
                (None, false) => "left".into(),
            });
        }
        rows.add_row(row);
    }
    outln!("{rows}")
}
