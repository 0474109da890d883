//! The journal file, open: read back (see `read`) and, under its lock, appended to through
//! [`GroupCommit`]; never rewritten.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::entry::{Entry, Outcome};
use super::group_commit::{GroupCommit, Kind, Written};
use super::lock::Lock;
use super::read::{Contents, read};

/// An open journal: where new lines go (nowhere for a read-only one).
#[derive(Debug)]
pub(crate) struct Journal {
    path: PathBuf,
    writer: Option<GroupCommit>,
    /// Held as long as the writer may write: one writer per journal.
    _lock: Option<Lock>,
}

impl Journal {
    /// Reads the journal at `path` (none yet is an empty journal). With its `lock` (taken
    /// before, so that what is read is what the last writer left), opens it for appending,
    /// creating it and its folder, and ends a torn last line so that new lines start on their
    /// own; without, the journal is read-only.
    pub(crate) fn open(path: &Path, lock: Option<Lock>) -> anyhow::Result<(Self, Contents)> {
        let contents = read(path)?;
        let writer = match lock {
            None => None,
            Some(_) => Some(GroupCommit::start(
                open_append(path, contents.torn)?,
                path.to_owned(),
            )?),
        };
        let journal = Self {
            path: path.to_owned(),
            writer,
            _lock: lock,
        };
        Ok((journal, contents))
    }

    /// Appends one line and returns once it is on disk (fsynced, with whatever other lines
    /// were waiting). A read-only journal ignores it. Once a write failed, an intent is
    /// refused and any other line attempted (see `group_commit`); the error is a
    /// [`super::group_commit::WriteFailed`].
    pub(crate) async fn append(&self, entry: &Entry) -> anyhow::Result<()> {
        let Some(writer) = &self.writer else {
            return Ok(());
        };
        let mut line = serde_json::to_vec(entry)?;
        line.push(b'\n');
        let kind = match entry.outcome {
            Outcome::Sent => Kind::Intent,
            _ => Kind::Record,
        };
        writer.append(line, kind).await
    }

    /// What this process wrote (`None` when read-only).
    pub(crate) fn written(&self) -> Option<Written> {
        self.writer.as_ref().map(GroupCommit::written)
    }

    /// Where it is.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

fn open_append(path: &Path, torn: bool) -> anyhow::Result<File> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating the journal's folder {}", folder.display()))?;
    }
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("opening the journal {} for appending", path.display()))?;
    if torn {
        file.write_all(b"\n")
            .and_then(|()| file.sync_data())
            .with_context(|| format!("ending the torn last line of {}", path.display()))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::lock::Lock;

    fn lock(path: &Path) -> Option<Lock> {
        Some(Lock::try_acquire(path).unwrap().unwrap())
    }
    use crate::journal::entry::tests::entry;

    fn versions(contents: &Contents) -> Vec<&str> {
        contents
            .entries
            .iter()
            .map(|(_, e)| e.version_id.as_str())
            .collect()
    }

    #[tokio::test]
    async fn lines_written_are_read_back_and_a_torn_last_line_is_reported_then_ended() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/journal.jsonl");
        let (journal, contents) = Journal::open(&path, lock(&path)).unwrap();
        assert!(contents.entries.is_empty() && contents.bad.is_empty());
        journal
            .append(&entry("oav_1", Outcome::Sent))
            .await
            .unwrap();
        journal.append(&entry("oav_1", Outcome::Ok)).await.unwrap();
        assert_eq!(journal.written().map(|w| w.lines), Some(2));
        drop(journal);
        // A crash in the middle of the third line.
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(br#"{"app_id":"cli_0123456789abcdef","vers"#)
            .unwrap();
        drop(file);

        let (journal, contents) = Journal::open(&path, lock(&path)).unwrap();
        assert_eq!(versions(&contents), ["oav_1", "oav_1"]);
        assert_eq!(contents.bad.len(), 1);
        assert_eq!(contents.bad[0].line, 3);
        journal.append(&entry("oav_3", Outcome::Ok)).await.unwrap();
        drop(journal);

        let (_, contents) = Journal::open(&path, None).unwrap();
        assert_eq!(
            versions(&contents),
            ["oav_1", "oav_1", "oav_3"],
            "the new line is whole"
        );
        assert_eq!(contents.entries[2].0, 4, "line numbers count the torn line");
        assert_eq!(contents.bad.len(), 1, "the torn line stays, reported");
    }

    #[tokio::test]
    async fn a_read_only_journal_writes_nothing_and_a_missing_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let (journal, contents) = Journal::open(&path, None).unwrap();
        assert!(contents.entries.is_empty());
        journal.append(&entry("oav_1", Outcome::Ok)).await.unwrap();
        assert_eq!(journal.written(), None);
        assert!(!path.exists());
    }
}
