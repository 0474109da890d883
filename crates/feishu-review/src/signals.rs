//! SIGINT and (on Unix) SIGTERM, watched from the moment a [`Signals`] is created: the one
//! signal helper of the CLI. `review` stops after the requests in flight on the first and
//! exits on the second; `fake` and `proxy` shut down on the first.

use anyhow::Context as _;

/// The stop signals, watched.
pub(crate) struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    /// Starts watching; a signal that arrives from now on is kept until [`Signals::next`].
    pub(crate) fn new() -> anyhow::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                terminate: signal(SignalKind::terminate()).context("cannot watch SIGTERM")?,
                interrupt: signal(SignalKind::interrupt()).context("cannot watch SIGINT")?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// Waits for the next SIGINT or SIGTERM (Ctrl-C elsewhere).
    pub(crate) async fn next(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.interrupt.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Keeps the process alive past `RLIMIT_FSIZE`: a write that would grow a file beyond it then
/// fails with EFBIG, which the journal reports and stops on, instead of SIGXFSZ killing the
/// process with a PATCH in flight and no word said. Tokio's handler stays installed for the
/// life of the process, so the stream is not kept.
pub(crate) fn survive_file_size_limit() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let xfsz = SignalKind::from_raw(rustix::process::Signal::XFSZ.as_raw());
        drop(signal(xfsz).context("cannot watch SIGXFSZ")?);
    }
    Ok(())
}
