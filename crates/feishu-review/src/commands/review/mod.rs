//! `feishu-review review`: a decision per pending version, with a journal, resume, bounded
//! concurrency and `--watch`.

mod concurrency;
mod interrupt;
mod live;
mod progress;
mod ranges;
mod report;
mod standby;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use concurrency::{Carried, Reviewed, Work, review_all};
use interrupt::Stop;
use progress::Progress;
use report::Pass;
use standby::{EXIT_BUSY, Taken};

use crate::connection::{Connection, ConnectionArgs};
use crate::journal::{self, Decided, Journal, Ledger};
use crate::output::{LangArg, OutputArgs};
use crate::policy::Policy;

/// Options of `feishu-review review`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub(crate) struct Args {
    /// A policy TOML file; the built-in policy when absent (see examples/policy.toml).
    #[arg(long)]
    pub(crate) policy: Option<PathBuf>,
    /// Carry the decisions out (approve and reject); without it nothing changes.
    #[arg(long)]
    pub(crate) apply: bool,
    /// The reviewer's open_id, needed with --apply (optional against the embedded fake).
    #[arg(long)]
    pub(crate) operator: Option<String>,
    /// Language of app names.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) lang: LangArg,
    /// The decision journal (JSON lines) [default: one file per tenant under the state dir,
    /// see below].
    #[arg(long, value_name = "FILE")]
    pub(crate) journal: Option<PathBuf>,
    /// Skip versions whose last journal line failed, instead of trying them again.
    #[arg(long)]
    pub(crate) no_retry_failed: bool,
    /// Versions read and decided at once (requests in flight at most).
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub(crate) concurrency: u16,
    /// Keep going: poll the pending list every DURATION (`30s`, `5m`, `1h`) and decide each
    /// version not decided before.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub(crate) watch: Option<std::time::Duration>,
    /// With --watch --apply: when another run holds the journal, wait for it to stop (or die)
    /// and take over from its journal, instead of exiting 3. A hot standby.
    #[arg(long, requires = "watch", requires = "apply")]
    pub(crate) standby: bool,
}

const AFTER_HELP: &str = "\
Dry run unless --apply: nothing changes until you ask.

Journal: with --apply, every decision is appended to the journal as JSON lines
{app_id, version_id, decision, rule, reason, operator, time, outcome, policy, cli_version}
(policy: the SHA-256 of the policy file, or \"builtin\"). Write-ahead: before a PATCH is
sent, its line with outcome \"sent\" is on disk; after the answer, a line with \"ok\" or
{code, msg, log_id}. Lines are in the order decisions finish. A run with the same journal skips
the versions already decided (outcome \"ok\") and tries the failed ones again (unless
--no-retry-failed). A version whose last line is \"sent\" (a crash lost the answer) is read
first: approved or rejected, an \"ok\" line with \"reconciled\": true is added and it is never
PATCHed again; still pending, it is decided anew; unreadable, it is left alone and the run
exits 1. `feishu-review journal` reads the journal. Default journal:
$XDG_STATE_HOME/feishu-review/journal/HOST-APP_ID.jsonl (~/.local/state when XDG_STATE_HOME is
unset; HOST-token.jsonl with --token); against the embedded fake, a file in the temp dir.
A journal that is not a regular file (a device, a FIFO, a folder) is refused before anything
is read or sent. Any write or fsync error stops the run: no further PATCH is sent, the ones in
flight finish and their outcome lines are attempted, then one error: line and exit 1.

One writer per journal: --apply holds an exclusive lock on FILE.lock (flock; the kernel
releases it when the process ends, kill -9 included) and writes its pid there. A second
--apply run on the same journal sends nothing and exits 3 naming the holder's pid. With
--watch --standby it waits instead, says so once, and takes over (resuming from the journal)
when the holder stops or dies: two replicas, no decision twice. A dry run, `journal` and
`journal --verify` take no lock.

Ctrl-C or SIGTERM: the requests in flight finish and are journaled, the summary is printed,
exit 130 (--watch: exit 0). A second Ctrl-C stops at once, and so does the first one after
10 s whatever is still running (exit 130).

Exit status: 0 every version decided (and carried out with --apply), 1 a version could not
be read or a decision failed (or the command could not run, or the journal could not be
written), 2 bad usage, 3 another run holds the journal (--apply without --standby), 130
interrupted.

Examples:
  feishu-review review
  feishu-review review --policy crates/feishu-review/examples/policy.toml
  feishu-review review --policy policy.toml --apply --operator ou_4065981088f8ef67a504ba8bd6b24d85
  feishu-review review --policy policy.toml --apply --operator ou_... --watch 5m
  feishu-review review --policy policy.toml --apply --operator ou_... --watch 5m --standby";

fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    match humantime::parse_duration(text) {
        Ok(duration) if duration.is_zero() => Err("the interval must be longer than 0".into()),
        Ok(duration) => Ok(duration),
        Err(error) => Err(format!("{error} (examples: 30s, 5m, 1h)")),
    }
}

/// Runs `feishu-review review`.
pub(crate) async fn run(
    args: Args,
    connection: &ConnectionArgs,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    // The policy first: a bad file fails before anything is fetched.
    let policy = match &args.policy {
        Some(path) => Policy::load(path)?,
        None => Policy::default(),
    };
    let policy_stamp = journal::policy_stamp(args.policy.as_deref())?;
    let journal_path = match &args.journal {
        Some(path) => Some(path.clone()),
        None => journal::path::default_for(connection)?,
    };
    let stop = Stop::watch()?;
    let connected = connection.connect().await?;
    let operator = match args.apply {
        true => Some(super::operator(args.operator.clone(), &connected)?),
        false => None,
    };
    let journal_path = journal_path.unwrap_or_else(|| journal::path::embedded(&connected));
    journal::read::refuse_unusable(&journal_path)?;
    if args.apply {
        crate::signals::survive_file_size_limit()?;
    }
    // The lock before the journal is read: what is read is what the last writer left.
    let lock = match args.apply {
        false => None,
        true => match standby::take(&journal_path, args.standby, &stop).await? {
            Taken::Held(lock) => Some(lock),
            Taken::Busy => return Ok(ExitCode::from(EXIT_BUSY)),
            Taken::Stopped => {
                crate::stdout::errln!("feishu-review: stopped standing by");
                return Ok(ExitCode::SUCCESS);
            }
        },
    };
    let (journal, contents) = Journal::open(&journal_path, lock)?;
    for line in &contents.bad {
        line.warn(&journal_path);
    }
    if args.apply {
        crate::stdout::errln!("feishu-review: journal {}", journal_path.display());
    }
    let ledger = operator.map(|operator| Ledger {
        journal: Arc::new(journal),
        operator,
        policy: policy_stamp,
    });
    let mut session = Session {
        work: Arc::new(Work {
            client: connected.client.clone(),
            live: live::LiveVersions::new(policy.judge),
            ranges: ranges::LiveRanges::default(),
            policy,
            ledger,
            lang: args.lang.clone().into(),
            concurrency: usize::from(args.concurrency),
        }),
        connection: connected,
        lang: args.lang,
        decided: Decided::from_entries(contents.entries.iter().map(|(_, entry)| entry)),
        stop,
        retry_failed: !args.no_retry_failed,
        json: output.json,
    };
    let exit = match args.watch {
        Some(every) => watch::run(&mut session, every).await,
        None => session.once().await,
    };
    if let Some(ledger) = &session.work.ledger
        && let Some(written) = ledger.journal.written()
    {
        crate::stdout::errln!(
            "feishu-review: journal {}: {} lines written, {} fsyncs, {:.3} s writing",
            ledger.journal.path().display(),
            written.lines,
            written.fsyncs,
            written.busy.as_secs_f64()
        );
    }
    exit
}

/// Everything a review keeps between passes.
struct Session {
    work: Arc<Work>,
    connection: Connection,
    lang: LangArg,
    /// The journal's lines, and this process's decisions.
    decided: Decided,
    stop: Stop,
    retry_failed: bool,
    json: bool,
}

impl Session {
    fn dry_run(&self) -> bool {
        self.work.ledger.is_none()
    }

    /// One review of the pending list, printed; exit 130 when stopped, 1 when any failed.
    async fn once(&mut self) -> anyhow::Result<ExitCode> {
        let pass = self.pass().await?;
        pass.print(self.dry_run(), self.json, false)?;
        Ok(match (self.stop.asked(), pass.summary().failed) {
            (true, _) => ExitCode::from(130),
            (false, 0) => ExitCode::SUCCESS,
            (false, _) => ExitCode::FAILURE,
        })
    }

    /// Settles what a crash left unsettled, reads the pending list, leaves out what the
    /// journal has, decides the rest.
    async fn pass(&mut self) -> anyhow::Result<Pass> {
        let work = &self.work;
        let unreconciled = journal::reconcile(
            work.ledger.as_ref(),
            &work.client,
            &work.lang,
            &mut self.decided,
        )
        .await?;
        let pending = super::pending::fetch(&self.connection, self.lang.clone()).await?;
        let plan = self.decided.plan(pending, self.retry_failed);
        let progress = Progress::new(plan.todo.len(), !self.json);
        let reviewed = review_all(&self.work, plan.todo, &self.stop, &progress).await;
        progress.clear();
        let reviewed = reviewed?;
        for reviewed in &reviewed {
            remember(&mut self.decided, reviewed);
        }
        Ok(Pass {
            reviewed,
            skipped_ok: plan.skipped_ok,
            skipped_failed: plan.skipped_failed,
            unreconciled,
        })
    }
}

/// Remembers a decision (the journal has it already with --apply), so `--watch` does not
/// decide it again.
fn remember(decided: &mut Decided, reviewed: &Reviewed) {
    let Reviewed::Decided(version, _, carried) = reviewed else {
        return;
    };
    let ok = match carried {
        Carried::DryRun | Carried::Nothing | Carried::Done => true,
        Carried::Failed(_) => false,
        Carried::Interrupted => return,
    };
    decided.settle(&version.app_id, &version.version_id, ok);
}
