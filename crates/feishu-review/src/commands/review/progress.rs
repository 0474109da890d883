//! The progress bar of a review on a terminal: fetched, decided and applied counts, with ETA.
//! Hidden when stderr is not a terminal (indicatif's check) or `--json` is set. The
//! rate-limit notice is printed above it while it is drawn.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Counts shared by the workers; the bar's position is the versions finished.
#[derive(Clone, Debug)]
pub(crate) struct Progress {
    bar: ProgressBar,
    counts: Arc<[AtomicUsize; 3]>,
}

const FETCHED: usize = 0;
const DECIDED: usize = 1;
const APPLIED: usize = 2;

impl Progress {
    /// A bar over `total` versions; `visible` false hides it whatever stderr is.
    pub(crate) fn new(total: usize, visible: bool) -> Self {
        let target = match visible {
            true => ProgressDrawTarget::stderr(),
            false => ProgressDrawTarget::hidden(),
        };
        let bar = ProgressBar::with_draw_target(Some(total as u64), target);
        if let Ok(style) = ProgressStyle::with_template("{wide_bar} {pos}/{len} {msg} (eta {eta})")
        {
            bar.set_style(style);
        }
        crate::rate_limit_notice::above(Some(bar.clone()));
        Self {
            bar,
            counts: Arc::default(),
        }
    }

    /// A version's details arrived.
    pub(crate) fn fetched(&self) {
        self.bump(FETCHED);
    }

    /// The policy decided a version.
    pub(crate) fn decided(&self) {
        self.bump(DECIDED);
    }

    /// A decision was carried out.
    pub(crate) fn applied(&self) {
        self.bump(APPLIED);
    }

    /// `versions` are done with, whatever happened to them.
    pub(crate) fn finished(&self, versions: usize) {
        self.bar.inc(versions as u64);
    }

    /// Removes the bar before the results are printed.
    pub(crate) fn clear(&self) {
        crate::rate_limit_notice::above(None);
        self.bar.finish_and_clear();
    }

    fn bump(&self, which: usize) {
        self.counts[which].fetch_add(1, Ordering::Relaxed);
        let [fetched, decided, applied] =
            [FETCHED, DECIDED, APPLIED].map(|i| self.counts[i].load(Ordering::Relaxed));
        self.bar.set_message(format!(
            "fetched {fetched}, decided {decided}, applied {applied}"
        ));
    }
}
