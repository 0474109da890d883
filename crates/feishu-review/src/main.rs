//! `feishu-review`: review the apps a Feishu/Lark tenant's members publish.

mod commands;
mod connection;
mod drift_notice;
mod journal;
mod logging;
mod output;
mod policy;
mod rate_limit_notice;
mod signals;
mod stdout;

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use connection::ConnectionArgs;
use logging::LogArgs;
use output::OutputArgs;

const EXIT_CODES: &str = "Exit codes: 0 done; 1 failed (the error line names the cause: timeout, \
refused, HTTP status, Feishu code and log id; a rate limit outlasting --max-wait names 99991400); \
2 the command line is wrong (validate: see its --help); 3 review --apply found its journal held \
by another run (see review --help). A closed stdout (as with `| head`) ends the output quietly and keeps the exit code.";

/// Review the apps your Feishu/Lark tenant's members publish.
///
/// With no --base-url and no credentials, the commands that talk to Feishu start an embedded
/// fake Feishu (a seeded demo tenant) and say so on stderr.
#[derive(Debug, Parser)]
#[command(name = "feishu-review", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    #[command(flatten)]
    connection: ConnectionArgs,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    log: LogArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Workflow(Workflow),
    /// Check response bodies against the spec: violations and drift.
    Validate(commands::validate::Args),
    /// Serve a fake Feishu on loopback: stateful review calls, every other spec operation from its example.
    Fake(commands::fake::Args),
    /// Forward to Feishu (or a fake) unchanged and check every answer against the spec.
    Proxy(commands::proxy::Args),
    /// Read the decision journal of `review --apply`: newest first, or --verify it.
    Journal(commands::journal::Args),
}

/// The commands that talk to Feishu (or the embedded fake).
#[derive(Debug, Subcommand)]
enum Workflow {
    /// List every version waiting for review.
    Pending(commands::pending::Args),
    /// Show one version in full: scopes, abilities, visibility, events, remark.
    Show(commands::show::Args),
    /// Approve a version.
    Approve(commands::approve::Args),
    /// Reject a version, with a reason.
    Reject(commands::reject::Args),
    /// Decide on every pending version with a policy (dry run unless --apply).
    Review(commands::review::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli.log.init();
    let (result, failure) = match cli.command {
        // DESIGN.md: validate exits 2 when it could not check at all.
        Command::Validate(args) => (commands::validate::run(args), ExitCode::from(2)),
        Command::Fake(args) => (commands::fake::run(args), ExitCode::FAILURE),
        Command::Proxy(args) => (commands::proxy::run(args), ExitCode::FAILURE),
        Command::Journal(args) => (
            commands::journal::run(args, &cli.connection, cli.output),
            ExitCode::FAILURE,
        ),
        Command::Workflow(command) => (
            run_workflow(command, &cli.connection, cli.output),
            ExitCode::FAILURE,
        ),
    };
    result.unwrap_or_else(|error| {
        crate::stdout::errln!("error: {error:#}");
        failure
    })
}

/// The runtime every command runs on (one per process, built when the command starts).
fn async_runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn run_workflow(
    command: Workflow,
    connection: &ConnectionArgs,
    output: OutputArgs,
) -> anyhow::Result<ExitCode> {
    async_runtime()?.block_on(async move {
        match command {
            Workflow::Pending(args) => {
                commands::pending::run(args, connection.connect().await?, output).await
            }
            Workflow::Show(args) => {
                commands::show::run(args, connection.connect().await?, output).await
            }
            Workflow::Approve(args) => {
                commands::approve::run(args, connection.connect().await?, output).await
            }
            Workflow::Reject(args) => {
                commands::reject::run(args, connection.connect().await?, output).await
            }
            Workflow::Review(args) => commands::review::run(args, connection, output).await,
        }
    })
}
