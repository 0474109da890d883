//! The decision journal of `review --apply`: JSON lines, append-only, fsynced, write-ahead.
//! Its lines ([`entry`]), the file read back bounded ([`read`]) and appended to ([`file`]),
//! by one process at a time ([`lock`]), through one writer
//! thread that shares fsyncs ([`group_commit`]), the intent written before each PATCH
//! ([`write_ahead`]), what a journal says is decided ([`resume`]), the trailing intents a
//! crash left settled by reading Feishu ([`reconcile`]), the whole-journal check
//! ([`verify`]), and where a journal lives by default ([`path`]). `commands/review` writes it;
//! `commands/journal` reads it.

pub(crate) mod entry;
pub(crate) mod file;
pub(crate) mod group_commit;
pub(crate) mod lock;
pub(crate) mod path;
pub(crate) mod read;
pub(crate) mod reconcile;
pub(crate) mod resume;
pub(crate) mod verify;
pub(crate) mod write_ahead;

pub(crate) use entry::{Entry, Failure, Outcome, now};
pub(crate) use file::Journal;
pub(crate) use lock::Lock;
pub(crate) use read::read;
pub(crate) use reconcile::reconcile;
pub(crate) use resume::Decided;
pub(crate) use verify::{unanswered_intents, verify};
pub(crate) use write_ahead::{Ledger, policy_stamp};

/// Whether `error` (or what caused it) is the journal failing to write: the run must stop.
pub(crate) fn is_write_failure(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.is::<group_commit::WriteFailed>())
}
