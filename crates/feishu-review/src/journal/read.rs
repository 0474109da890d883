//! Reading a journal back, bounded: a line torn by a crash is reported, not fatal; what
//! cannot be a journal at all (not a regular file, NUL bytes, a line longer than any entry)
//! is an error naming the journal, found before anything is sent. A character device such
//! as `/dev/full` reads as endless NUL bytes; reading it unbounded hung the run.

use std::fs::File;
use std::io::{BufRead as _, BufReader, Read as _, Seek as _, SeekFrom};
use std::path::Path;

use anyhow::{Context as _, bail};

use super::entry::Entry;

/// The longest journal line read back: an entry is a few KiB even with a large `changes`.
pub(crate) const MAX_LINE: usize = 1 << 20;

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

/// Refuses a journal that is not a regular file (a device, a FIFO, a folder, a socket),
/// without opening it: opening a FIFO for reading would wait for a writer. A missing journal
/// is fine (it is created when written). Symbolic links are followed.
pub(crate) fn refuse_unusable(path: &Path) -> anyhow::Result<()> {
    let kind = match std::fs::metadata(path) {
        Ok(metadata) => metadata.file_type(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => {
            return Err(error).with_context(|| format!("reading the journal {}", path.display()));
        }
    };
    if kind.is_file() {
        return Ok(());
    }
    bail!(
        "the journal {} is {}, not a regular file: refusing it (give --journal a file)",
        path.display(),
        describe(kind)
    )
}

/// What a file type is, in words.
fn describe(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Reads the journal at `path`; a missing file is an empty journal. Reads at most the length
/// the file had when opened, each line at most [`MAX_LINE`] bytes.
pub(crate) fn read(path: &Path) -> anyhow::Result<Contents> {
    refuse_unusable(path)?;
    let context = || format!("reading the journal {}", path.display());
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Contents::default());
        }
        Err(error) => return Err(error).with_context(context),
    };
    // The file opened may not be the one checked (replaced in between): check it again.
    let metadata = file.metadata().with_context(context)?;
    if !metadata.is_file() {
        bail!(
            "the journal {} is {}, not a regular file: refusing it (give --journal a file)",
            path.display(),
            describe(metadata.file_type())
        );
    }
    let length = metadata.len();
    let mut contents = Contents {
        torn: ends_without_newline(&mut file, length).with_context(context)?,
        ..Contents::default()
    };
    let mut reader = BufReader::new(file.take(length));
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
            .with_context(context)?;
        if read == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        } else if line.len() > MAX_LINE {
            bail!(
                "the journal {} line {number} is longer than {MAX_LINE} bytes: not a journal",
                path.display()
            );
        }
        if line.contains(&0) {
            bail!(
                "the journal {} line {number} holds NUL bytes: not a journal (a device, or a \
                 file a crash filled with zeros?); move it aside",
                path.display()
            );
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Entry>(&line) {
            Ok(entry) => contents.entries.push((number, entry)),
            Err(error) => contents.bad.push(BadLine {
                line: number,
                reason: error.to_string(),
            }),
        }
    }
    Ok(contents)
}

fn ends_without_newline(file: &mut File, length: u64) -> std::io::Result<bool> {
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

    fn error_of(bytes: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, bytes).unwrap();
        format!("{:#}", read(&path).unwrap_err())
    }

    #[test]
    fn a_folder_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let error = format!("{:#}", read(dir.path()).unwrap_err());
        assert!(error.contains("is a folder, not a regular file"), "{error}");
        assert!(error.contains(&dir.path().display().to_string()), "{error}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_character_device_is_refused_before_it_is_read() {
        let error = format!("{:#}", read(Path::new("/dev/zero")).unwrap_err());
        assert!(
            error.contains("/dev/zero is a character device, not a regular file"),
            "{error}"
        );
    }

    #[test]
    fn nul_bytes_and_an_endless_line_are_errors_naming_the_line() {
        let zeros = error_of(&[0u8; 4096]);
        assert!(zeros.contains("line 1 holds NUL bytes"), "{zeros}");
        let mut long = b"{\"app_id\":\"".to_vec();
        long.resize(MAX_LINE + 10, b'a');
        let long = error_of(&long);
        assert!(long.contains("line 1 is longer than"), "{long}");
    }

    #[test]
    fn a_line_of_exactly_the_limit_is_read() {
        let mut line = vec![b' '; MAX_LINE];
        line.push(b'\n');
        line.extend_from_slice(b"not json\n");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, line).unwrap();
        let contents = read(&path).unwrap();
        assert_eq!(contents.bad.len(), 1);
        assert_eq!(contents.bad[0].line, 2);
    }
}
