//! The journal file: read back (tolerating a line torn by a crash: it is reported, not
//! fatal) and appended to through [`GroupCommit`]; never rewritten.

use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, BufReader, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::entry::Entry;
use super::group_commit::{GroupCommit, Written};

/// A line of the journal that could not be read back.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct BadLine {
    /// 1-based.
    pub(crate) line: usize,
    /// Why it is not an entry.
    pub(crate) reason: String,
}

impl BadLine {
    /// Says on stderr that this line of `journal` is skipped, and why: the same words for every
    /// command that reads a journal.
    pub(crate) fn warn(&self, journal: &Path) {
        crate::stdout::errln!(
            "warning: journal {} line {} is not a journal entry (torn by a crash?), ignored: {}",
            journal.display(),
            self.line,
            self.reason
        );
    }
}

/// What a journal file holds.
#[derive(Debug, Default)]
pub(crate) struct Contents {
    /// The entries, with their 1-based line numbers, in file order.
    pub(crate) entries: Vec<(usize, Entry)>,
    /// The lines that are not entries.
    pub(crate) bad: Vec<BadLine>,
    /// Whether the last line lacks its newline (a crash tore it).
    pub(crate) torn: bool,
}

/// An open journal: where new lines go (nowhere for a read-only one).
#[derive(Debug)]
pub(crate) struct Journal {
    path: PathBuf,
    writer: Option<GroupCommit>,
}

impl Journal {
    /// Reads the journal at `path` (none yet is an empty journal). With `writable`, opens it
    /// for appending, creating it and its folder, and ends a torn last line so that new lines
    /// start on their own.
    pub(crate) fn open(path: &Path, writable: bool) -> anyhow::Result<(Self, Contents)> {
        let contents = read(path)?;
        let writer = match writable {
            false => None,
            true => Some(GroupCommit::start(
                open_append(path, contents.torn)?,
                path.to_owned(),
            )?),
        };
        let journal = Self {
            path: path.to_owned(),
            writer,
        };
        Ok((journal, contents))
    }

    /// Appends one line and returns once it is on disk (fsynced, with whatever other lines
    /// were waiting). A read-only journal ignores it.
    pub(crate) async fn append(&self, entry: &Entry) -> anyhow::Result<()> {
        let Some(writer) = &self.writer else {
            return Ok(());
        };
        let mut line = serde_json::to_vec(entry)?;
        line.push(b'\n');
        writer.append(line).await
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

/// Reads the journal at `path`; a missing file is an empty journal.
pub(crate) fn read(path: &Path) -> anyhow::Result<Contents> {
    let context = || format!("reading the journal {}", path.display());
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Contents::default());
        }
        Err(error) => return Err(error).with_context(context),
    };
    let mut contents = Contents {
        torn: ends_without_newline(&mut file).with_context(context)?,
        ..Contents::default()
    };
    for (index, line) in BufReader::new(file).split(b'\n').enumerate() {
        let line = line.with_context(context)?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Entry>(&line) {
            Ok(entry) => contents.entries.push((index + 1, entry)),
            Err(error) => contents.bad.push(BadLine {
                line: index + 1,
                reason: error.to_string(),
            }),
        }
    }
    Ok(contents)
}

fn ends_without_newline(file: &mut File) -> std::io::Result<bool> {
    let length = file.metadata()?.len();
    if length == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(length - 1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(last[0] != b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::entry::Outcome;
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
        let (journal, contents) = Journal::open(&path, true).unwrap();
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

        let (journal, contents) = Journal::open(&path, true).unwrap();
        assert_eq!(versions(&contents), ["oav_1", "oav_1"]);
        assert_eq!(contents.bad.len(), 1);
        assert_eq!(contents.bad[0].line, 3);
        journal.append(&entry("oav_3", Outcome::Ok)).await.unwrap();
        drop(journal);

        let (_, contents) = Journal::open(&path, false).unwrap();
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
        let (journal, contents) = Journal::open(&path, false).unwrap();
        assert!(contents.entries.is_empty());
        journal.append(&entry("oav_1", Outcome::Ok)).await.unwrap();
        assert_eq!(journal.written(), None);
        assert!(!path.exists());
    }
}
