//! `cargo xtask`: parses the arguments (`flags`) and dispatches; the work is in the library
//! (`generate`, `api`) and in the `feishu-docs` crate (`docs`).

use std::process::ExitCode;

use clap::Parser as _;
use xtask::flags::{Command, Xtask};

fn main() -> ExitCode {
    let flags = match Xtask::try_parse() {
        Ok(flags) => flags,
        Err(error) => return xtask::flags::report(&error),
    };
    let root = xtask::root();
    match flags.command {
        Command::Generate(args) => xtask::generate_command(&root, &args),
        Command::Docs(docs) => xtask::docs::run(docs.command),
        Command::Api(api) => xtask::api::run(&root, &api.command),
        Command::Release(args) => xtask::api::run_release(&root, &args),
    }
}
