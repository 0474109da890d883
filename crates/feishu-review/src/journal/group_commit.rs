//! Group commit: one writer thread appends the lines handed to it and fsyncs them. Every line
//! waiting when a write starts goes out in that write and shares its single fsync, so N
//! versions in flight cost about one fsync per round, not N. A caller waits for its own line
//! only: it is answered as soon as the fsync that carried it returns.
//!
//! The first write or fsync that fails ends every intent (a line that a PATCH would follow):
//! after it, the writer refuses intents, so no further PATCH is sent, and still attempts every
//! other line once (the outcomes of the PATCHes in flight). After an fsync error the page
//! cache may claim data that never reached the disk, so nothing is trusted again.
//! A journal removed or replaced under the writer (its folder deleted) counts as a failure
//! too: the lines would go to a file nobody can read.

use std::fs::File;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;

use anyhow::Context as _;
use tokio::sync::oneshot;

/// The writer thread and the way to it.
#[derive(Debug)]
pub(crate) struct GroupCommit {
    /// `None` once dropping: closing it ends the thread.
    requests: Option<mpsc::Sender<Request>>,
    thread: Option<JoinHandle<()>>,
    counts: Arc<Counts>,
    path: PathBuf,
}

/// How much the writer did.
#[derive(Debug, Default)]
struct Counts {
    lines: AtomicU64,
    fsyncs: AtomicU64,
    /// Time spent writing and fsyncing, in nanoseconds.
    busy_nanos: AtomicU64,
}

/// What the writer did so far: lines written, fsyncs done, and the time they took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Written {
    pub(crate) lines: u64,
    pub(crate) fsyncs: u64,
    pub(crate) busy: std::time::Duration,
}

/// Why the journal could not be written: the run stops (see the module doc).
#[derive(Debug)]
pub(crate) struct WriteFailed {
    path: PathBuf,
    error: String,
}

impl std::fmt::Display for WriteFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "writing the journal {}: {}",
            self.path.display(),
            self.error
        )
    }
}

impl std::error::Error for WriteFailed {}

/// Whether a line is an intent (a PATCH waits for it) or any other line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `"outcome":"sent"`: refused once a write failed.
    Intent,
    /// An outcome, or a decision with nothing to carry out: attempted once whatever happened.
    Record,
}

#[derive(Debug)]
struct Request {
    /// One whole line, with its newline.
    line: Vec<u8>,
    kind: Kind,
    /// Told once the line is on disk, or why it is not.
    done: oneshot::Sender<Result<(), String>>,
}

impl GroupCommit {
    /// Starts the writer thread on `file` (opened for appending; `path` names it in errors).
    pub(crate) fn start(file: File, path: PathBuf) -> anyhow::Result<Self> {
        let (requests, receiver) = mpsc::channel();
        let counts = Arc::new(Counts::default());
        let thread = std::thread::Builder::new()
            .name("journal".into())
            .spawn({
                let counts = Arc::clone(&counts);
                let path = path.clone();
                move || Writer::new(file, path).run(&receiver, &counts)
            })
            .context("cannot start the journal's writer thread")?;
        Ok(Self {
            requests: Some(requests),
            thread: Some(thread),
            counts,
            path,
        })
    }

    /// Appends `line` (one whole line, newline included) and returns once it is on disk.
    /// An error is a [`WriteFailed`].
    pub(crate) async fn append(&self, line: Vec<u8>, kind: Kind) -> anyhow::Result<()> {
        let (done, written) = oneshot::channel();
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|requests| requests.send(Request { line, kind, done }).is_ok());
        let result = match sent {
            true => written
                .await
                .unwrap_or_else(|_| Err("the writer thread ended".into())),
            false => Err("the writer thread ended".into()),
        };
        result.map_err(|error| {
            anyhow::Error::new(WriteFailed {
                path: self.path.clone(),
                error,
            })
        })
    }

    /// What the writer did so far.
    pub(crate) fn written(&self) -> Written {
        Written {
            lines: self.counts.lines.load(Ordering::Relaxed),
            fsyncs: self.counts.fsyncs.load(Ordering::Relaxed),
            busy: std::time::Duration::from_nanos(self.counts.busy_nanos.load(Ordering::Relaxed)),
        }
    }
}

impl Drop for GroupCommit {
    fn drop(&mut self) {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The writer thread's side: the file, and the first failure once there was one.
struct Writer {
    file: File,
    path: PathBuf,
    failed: Option<String>,
}

impl Writer {
    fn new(file: File, path: PathBuf) -> Self {
        Self {
            file,
            path,
            failed: None,
        }
    }

    /// Waits for a line, takes every other line already waiting, writes them with one `write`
    /// and one fsync, and answers each; ends when every sender is gone.
    fn run(mut self, requests: &mpsc::Receiver<Request>, counts: &Counts) {
        let mut bytes = Vec::new();
        while let Ok(first) = requests.recv() {
            let mut batch = vec![first];
            batch.extend(requests.try_iter());
            if let Some(failed) = &self.failed {
                // No intent after a failure: its PATCH is never sent.
                let refused = format!("{failed} (an earlier write failed; nothing more is sent)");
                for request in batch.extract_if(.., |r| r.kind == Kind::Intent) {
                    let _ = request.done.send(Err(refused.clone()));
                }
            }
            if batch.is_empty() {
                continue;
            }
            bytes.clear();
            for request in &batch {
                bytes.extend_from_slice(&request.line);
            }
            let started = std::time::Instant::now();
            let result = self.write(&bytes);
            let busy = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            counts.busy_nanos.fetch_add(busy, Ordering::Relaxed);
            counts.fsyncs.fetch_add(1, Ordering::Relaxed);
            match &result {
                Ok(()) => {
                    counts
                        .lines
                        .fetch_add(batch.len() as u64, Ordering::Relaxed);
                }
                Err(error) => {
                    self.failed.get_or_insert_with(|| error.clone());
                }
            }
            for request in batch {
                // A caller that stopped waiting does not need the answer.
                let _ = request.done.send(result.clone());
            }
        }
    }

    /// One write call for the batch (a crash leaves whole lines, or at worst a torn last
    /// one, which reading back reports), its fsync, and a check that the file written is
    /// still the journal.
    fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.file
            .write_all(bytes)
            .and_then(|()| self.file.sync_data())
            .map_err(|error| error.to_string())?;
        still_the_journal(&self.file, &self.path)
    }
}

/// Whether `path` still names `file`: a journal removed (or its folder deleted) or replaced
/// keeps taking writes through the open file, which nobody will ever read.
#[cfg(unix)]
fn still_the_journal(file: &File, path: &std::path::Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt as _;
    let open = file.metadata().map_err(|error| error.to_string())?;
    match std::fs::metadata(path) {
        Ok(named) if (named.dev(), named.ino()) == (open.dev(), open.ino()) => Ok(()),
        Ok(_) => Err("the file was replaced while this run wrote it".into()),
        Err(error) => Err(format!(
            "the file was removed while this run wrote it: {error}"
        )),
    }
}

#[cfg(not(unix))]
fn still_the_journal(_file: &File, _path: &std::path::Path) -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Queues `lines` requests of `kind` on `requests`; the receivers of their answers.
    fn queue(
        requests: &mpsc::Sender<Request>,
        lines: impl IntoIterator<Item = (String, Kind)>,
    ) -> Vec<oneshot::Receiver<Result<(), String>>> {
        lines
            .into_iter()
            .map(|(line, kind)| {
                let (done, answer) = oneshot::channel();
                let line = format!("{line}\n").into_bytes();
                requests.send(Request { line, kind, done }).unwrap();
                answer
            })
            .collect()
    }

    /// The answer each request got.
    fn answers(receivers: Vec<oneshot::Receiver<Result<(), String>>>) -> Vec<Result<(), String>> {
        receivers
            .into_iter()
            .map(|mut answer| answer.try_recv().unwrap())
            .collect()
    }

    #[test]
    fn lines_waiting_together_share_one_fsync_and_every_line_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let file = std::fs::File::create(&path).unwrap();
        // Contention forced: every line waits in the queue before the writer starts.
        let (requests, receiver) = mpsc::channel();
        let lines = 200;
        let receivers = queue(
            &requests,
            (0..lines).map(|i| (format!("line {i}"), Kind::Record)),
        );
        drop(requests);
        let counts = Counts::default();
        Writer::new(file, path.clone()).run(&receiver, &counts);

        assert!(answers(receivers).iter().all(Result::is_ok));
        assert_eq!(counts.lines.load(Ordering::Relaxed), lines);
        let fsyncs = counts.fsyncs.load(Ordering::Relaxed);
        assert!(fsyncs < lines, "{fsyncs} fsyncs for {lines} waiting lines");
        assert_eq!(fsyncs, 1, "one batch: everything was waiting");
        let text = std::fs::read_to_string(&path).unwrap();
        let wanted: Vec<String> = (0..lines).map(|i| format!("line {i}")).collect();
        assert_eq!(text.lines().collect::<Vec<_>>(), wanted, "whole, in order");
    }

    #[test]
    fn after_a_failed_write_intents_are_refused_and_other_lines_attempted_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, "").unwrap();
        // Read-only: every write fails.
        let file = std::fs::File::open(&path).unwrap();
        let (requests, receiver) = mpsc::channel();
        let counts = Counts::default();
        let writer = std::thread::spawn({
            let path = path.clone();
            move || Writer::new(file, path).run(&receiver, &counts)
        });
        let first = answers_after(&requests, vec![("intent 1".into(), Kind::Intent)]);
        let later = answers_after(
            &requests,
            vec![
                ("intent 2".into(), Kind::Intent),
                ("outcome 1".into(), Kind::Record),
            ],
        );
        drop(requests);
        writer.join().unwrap();
        let failed = first[0].as_ref().unwrap_err();
        assert!(!failed.contains("earlier write failed"), "{failed}");
        let refused = later[0].as_ref().unwrap_err();
        assert!(
            refused.contains("an earlier write failed; nothing more is sent"),
            "{refused}"
        );
        let attempted = later[1].as_ref().unwrap_err();
        assert!(
            !attempted.contains("earlier write failed"),
            "attempted: {attempted}"
        );
    }

    /// Queues `lines` and waits for their answers, so that the next ones form a batch of
    /// their own.
    fn answers_after(
        requests: &mpsc::Sender<Request>,
        lines: Vec<(String, Kind)>,
    ) -> Vec<Result<(), String>> {
        queue(requests, lines)
            .into_iter()
            .map(|answer| answer.blocking_recv().unwrap())
            .collect()
    }

    #[tokio::test]
    async fn a_line_that_cannot_be_written_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, "").unwrap();
        // Read-only: every write fails.
        let file = std::fs::File::open(&path).unwrap();
        let writer = GroupCommit::start(file, path.clone()).unwrap();
        let error = writer
            .append(b"x\n".to_vec(), Kind::Record)
            .await
            .unwrap_err();
        assert!(error.to_string().contains("journal.jsonl"), "{error}");
    }
}
