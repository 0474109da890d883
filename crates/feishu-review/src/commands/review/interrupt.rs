//! Ctrl-C and SIGTERM: the first asks the work to stop after the requests in flight; a
//! second one exits at once (130).

use tokio::sync::watch;

use crate::signals::Signals;

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
            crate::stdout::errln!(
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
