//! One writer per journal: `review --apply` holds an exclusive advisory lock (`flock(2)`) on
//! the journal's sibling `FILE.lock` for as long as it may write. The kernel releases it when
//! the holder ends, however it ends (`kill -9` included), so a lock is never stale. The
//! holder writes its pid and since when it holds the lock into the lock file, for a second
//! run to name it. Readers (`journal`, `journal --verify`, a dry run) take no lock.
//!
//! A sibling file rather than the journal itself: the lock file can be rewritten with the
//! holder's name without touching the journal, which is append-only.

use std::fs::{File, OpenOptions};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The lock of one journal, held until dropped (closing the file releases it).
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

/// Who holds a journal's lock, as the holder wrote it (`pid 4242, since 2026-12-07T08:00:00Z`),
/// or `None` when it wrote nothing readable yet.
#[derive(Debug)]
pub(crate) struct Holder(pub(crate) Option<String>);

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(holder) => write!(f, "another feishu-review ({holder})"),
            None => f.write_str("another feishu-review (pid not known yet)"),
        }
    }
}

/// The lock file of `journal`: `journal` with `.lock` appended to its name.
pub(crate) fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl Lock {
    /// Takes the lock of `journal` if nobody holds it; `Err(holder)` at once when someone does.
    /// The outer error is a lock file that cannot be opened or locked at all.
    pub(crate) fn try_acquire(journal: &Path) -> anyhow::Result<Result<Self, Holder>> {
        let (mut file, path) = open(journal)?;
        if !flock(&file, false).with_context(|| locking(&path))? {
            return Ok(Err(holder(&mut file)));
        }
        Ok(Ok(Self::held(file, &path)?))
    }

    /// Waits until the lock of `journal` is free and takes it. Blocks the thread: run it on a
    /// thread of its own (see [`Lock::wait_for`]).
    fn acquire_blocking(journal: &Path) -> anyhow::Result<Self> {
        let (file, path) = open(journal)?;
        flock(&file, true).with_context(|| locking(&path))?;
        Self::held(file, &path)
    }

    /// Waits for the lock of `journal` on a thread of its own, so the wait ends the moment the
    /// holder ends. Dropping the future leaves the thread blocked until then; it does not keep
    /// the process alive, and a lock it takes after the future is gone is released at once.
    pub(crate) async fn wait_for(journal: &Path) -> anyhow::Result<Self> {
        let (taken, lock) = tokio::sync::oneshot::channel();
        let journal = journal.to_owned();
        std::thread::Builder::new()
            .name("journal-standby".into())
            .spawn(move || {
                let _ = taken.send(Self::acquire_blocking(&journal));
            })
            .context("cannot start the thread that waits for the journal's lock")?;
        lock.await
            .context("the thread that waits for the journal's lock ended")?
    }

    /// Writes this process's name into the lock file it now holds.
    fn held(mut file: File, path: &Path) -> anyhow::Result<Self> {
        let name = format!(
            "pid {}, since {}\n",
            std::process::id(),
            super::entry::now()
        );
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(name.as_bytes()))
            .with_context(|| format!("writing the lock file {}", path.display()))?;
        Ok(Self { _file: file })
    }
}

fn locking(path: &Path) -> String {
    format!("locking {}", path.display())
}

/// Opens (or creates, with its folder) the lock file of `journal`.
fn open(journal: &Path) -> anyhow::Result<(File, PathBuf)> {
    let path = lock_path(journal);
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating the journal's folder {}", folder.display()))?;
    }
    // Not truncated here: the holder's name must survive a second run opening the file.
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("opening the journal's lock file {}", path.display()))?;
    Ok((file, path))
}

/// What the holder wrote into the lock file (bounded: a name is one short line).
fn holder(file: &mut File) -> Holder {
    let mut text = String::new();
    let read = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.take(256).read_to_string(&mut text));
    let line = text.lines().next().unwrap_or("").trim();
    Holder((read.is_ok() && !line.is_empty()).then(|| line.to_owned()))
}

/// `flock(LOCK_EX)`, waiting with `wait`; `Ok(false)` when someone else holds it and `wait`
/// is false.
#[cfg(unix)]
fn flock(file: &File, wait: bool) -> std::io::Result<bool> {
    use rustix::fs::FlockOperation;
    let operation = match wait {
        true => FlockOperation::LockExclusive,
        false => FlockOperation::NonBlockingLockExclusive,
    };
    loop {
        match rustix::fs::flock(file, operation) {
            Ok(()) => return Ok(true),
            Err(rustix::io::Errno::WOULDBLOCK) if !wait => return Ok(false),
            Err(rustix::io::Errno::INTR) => {}
            Err(error) => return Err(error.into()),
        }
    }
}

/// No advisory lock on this platform: every run holds it.
#[cfg(not(unix))]
fn flock(_file: &File, _wait: bool) -> std::io::Result<bool> {
    Ok(true)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_holders_pid_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("nested/journal.jsonl");
        let first = Lock::try_acquire(&journal).unwrap().unwrap();
        assert!(dir.path().join("nested/journal.jsonl.lock").exists());
        let holder = Lock::try_acquire(&journal).unwrap().unwrap_err();
        let named = holder.to_string();
        assert!(
            named.contains(&format!("pid {}, since ", std::process::id())),
            "{named}"
        );
        drop(first);
        let again = Lock::try_acquire(&journal).unwrap();
        assert!(again.is_ok(), "free once the holder is gone");
    }

    #[tokio::test]
    async fn a_waiter_takes_the_lock_when_the_holder_drops_it() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.jsonl");
        let first = Lock::try_acquire(&journal).unwrap().unwrap();
        let waiting = tokio::spawn({
            let journal = journal.clone();
            async move { Lock::wait_for(&journal).await }
        });
        drop(first);
        let second = waiting.await.unwrap().unwrap();
        assert!(Lock::try_acquire(&journal).unwrap().is_err());
        drop(second);
    }
}
