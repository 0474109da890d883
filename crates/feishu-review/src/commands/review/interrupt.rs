//! Ctrl-C and SIGTERM: the first asks the work to stop after the requests in flight; a
//! second one exits at once (130).

use anyhow::Context as _;
use tokio::sync::watch;

/// Whether a stop was asked for; cheap to clone, shared by the workers and the watch loop.
#[derive(Clone, Debug)]
pub(crate) struct Stop(watch::Receiver<bool>);

impl Stop {
    /// Starts watching SIGINT and (on Unix) SIGTERM.
    pub(crate) fn watch() -> anyhow::Result<Self> {
        let (asked, stop) = watch::channel(false);
        let mut signals = Signals::new()?;
        tokio::spawn(async move {
            signals.next().await;
            let _ = asked.send(true);
            eprintln!(
                "feishu-review: stopping after the requests in flight (again to stop at once)"
            );
            signals.next().await;
            std::process::exit(130);
        });
        Ok(Self(stop))
    }

    /// Whether a stop was asked for.
    pub(crate) fn asked(&self) -> bool {
        *self.0.borrow()
    }

    /// Waits until a stop is asked for.
    pub(crate) async fn wait(&mut self) {
        // An error means the watching task ended, which it only does by exiting.
        let _ = self.0.wait_for(|asked| *asked).await;
    }
}

struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> anyhow::Result<Self> {
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

    async fn next(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.interrupt.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}
