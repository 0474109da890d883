//! One writer per journal, as `review --apply` sees it: take the journal's lock, or say who
//! holds it and exit [`EXIT_BUSY`]; with `--watch --standby`, wait for it instead and take
//! over when the holder stops or dies.

use std::path::Path;

use super::interrupt::Stop;
use crate::journal::Lock;
use crate::journal::lock::Holder;

/// The exit status of a run whose journal another run holds (documented in `--help`).
pub(crate) const EXIT_BUSY: u8 = 3;

/// How taking the lock went.
pub(crate) enum Taken {
    /// This run is the journal's one writer.
    Held(Lock),
    /// Another run holds it; the `error:` line is printed.
    Busy,
    /// A stop was asked for while standing by.
    Stopped,
}

/// Takes the lock of `journal`; with `standby`, waits for it (until `stop`).
pub(crate) async fn take(journal: &Path, standby: bool, stop: &Stop) -> anyhow::Result<Taken> {
    let holder = match Lock::try_acquire(journal)? {
        Ok(lock) => return Ok(Taken::Held(lock)),
        Err(holder) => holder,
    };
    if !standby {
        crate::stdout::errln!("error: {}", busy(journal, &holder));
        return Ok(Taken::Busy);
    }
    crate::stdout::errln!(
        "feishu-review: standby: the journal {} is held by {holder}; waiting to take over",
        journal.display()
    );
    let mut stop = stop.clone();
    tokio::select! {
        lock = Lock::wait_for(journal) => {
            let lock = lock?;
            crate::stdout::errln!(
                "feishu-review: standby: took over the journal {} at {}; resuming from it",
                journal.display(),
                crate::journal::now()
            );
            Ok(Taken::Held(lock))
        }
        () = stop.wait() => Ok(Taken::Stopped),
    }
}

/// The error of a second run: which journal, who holds it, and what to do.
fn busy(journal: &Path, holder: &Holder) -> String {
    format!(
        "the journal {} is in use by {holder}: one writer per journal, so nothing was sent; \
         wait for it to end, or add --watch --standby to take over when it does",
        journal.display()
    )
}
