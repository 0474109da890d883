//! Log output a user can turn on: the client's `tracing` spans and events (requests, retries,
//! rate-limit waits, token refreshes, with log ids) on stderr.

use std::io::IsTerminal as _;

use tracing_subscriber::EnvFilter;

/// How much to log; `RUST_LOG` (an `EnvFilter` directive) overrides `-v`.
#[derive(Clone, Copy, Debug, clap::Args)]
pub(crate) struct LogArgs {
    /// Log to stderr: -v requests, retries, waits and token refreshes; -vv everything,
    /// including the HTTP stack. RUST_LOG (e.g. `feishu_application=debug`) overrides it.
    #[arg(short = 'v', long = "verbose", action = clap::ArgAction::Count, global = true)]
    verbose: u8,
}

impl LogArgs {
    /// The filter: `RUST_LOG` when set, else the one `-v` asks for.
    fn filter(self) -> EnvFilter {
        if let Ok(directives) = std::env::var(EnvFilter::DEFAULT_ENV) {
            match EnvFilter::try_new(&directives) {
                Ok(filter) => return filter,
                Err(error) => crate::stdout::errln!(
                    "warning: RUST_LOG={directives:?} is not a log filter ({error}); using -v"
                ),
            }
        }
        EnvFilter::new(match self.verbose {
            0 => "warn",
            1 => "warn,feishu_application=debug,feishu_fake=debug,feishu_review=debug",
            _ => "trace",
        })
    }

    /// Sends log lines to stderr. Secrets stay out: the client logs none (its `Secret` type
    /// prints as `[redacted]`), and the HTTP stack logs no headers or bodies.
    pub(crate) fn init(self) {
        // Fails only when a subscriber is already set, which leaves logging as it was.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(self.filter())
            .with_writer(std::io::stderr)
            .with_ansi(std::io::stderr().is_terminal())
            .try_init();
    }
}
