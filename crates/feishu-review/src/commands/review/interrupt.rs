//! Ctrl-C and SIGTERM: the first asks the work to stop after the requests in flight; a
//! second one exits at once (130), and so does the first after [`GRACE`], whatever part of the
//! run hangs: SIGTERM always ends the run.

use tokio::sync::watch;

use crate::signals::Signals;

/// How long the requests in flight get after the first signal.
const GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Exits 130 after `grace` on a thread of its own, which no hung task or blocked runtime
/// thread can hold up. A run that stops in time exits first, and the thread with it.
fn give_up_after(grace: std::time::Duration) {
    let spawned = std::thread::Builder::new()
        .name("stop-deadline".into())
        .spawn(move || {
            std::thread::sleep(grace);
            crate::stdout::errln!(
                "feishu-review: still stopping after {} s; exiting now",
                grace.as_secs()
            );
            std::process::exit(130);
        });
    if spawned.is_err() {
        crate::stdout::errln!("warning: cannot start the stop deadline; a second signal exits");
    }
}

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
            give_up_after(GRACE);
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
