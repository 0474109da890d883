//! `feishu-review`: review the apps a Feishu/Lark tenant's members publish.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Review the apps your Feishu/Lark tenant's members publish.
#[derive(Debug, Parser)]
#[command(name = "feishu-review", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check response bodies against the spec: violations and drift.
    Validate(commands::validate::Args),
    /// Serve a stateful fake Feishu on loopback.
    Fake(commands::fake::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => commands::validate::run(args),
        Command::Fake(args) => commands::fake::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
