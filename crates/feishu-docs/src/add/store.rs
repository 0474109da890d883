//! Stores added pages under `spec/docs/`: a copy named `NNN_<hash>.txt` (the next number, and a
//! hash of the text) and a row in the folder's README table.

use std::path::{Path, PathBuf};

use super::draft::Draft;
use crate::facts::page::Format;
use crate::write::write_atomically;

/// The pages folder, with the copies and README rows not yet written.
pub(crate) struct Store {
    dir: PathBuf,
    /// Every page file in the folder: name and text.
    existing: Vec<(String, String)>,
    pending: Vec<(String, String)>,
    readme: Option<String>,
}

impl Store {
    pub(crate) fn open(dir: &Path) -> anyhow::Result<Store> {
        let mut existing = Vec::new();
        for path in crate::pages::pages_in(dir)? {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            // A page that does not read as text cannot be the same as a page being added.
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            existing.push((name, text));
        }
        let readme = std::fs::read_to_string(dir.join("README.md")).ok();
        Ok(Store {
            dir: dir.to_path_buf(),
            existing,
            pending: Vec::new(),
            readme,
        })
    }

    /// The file name the page gets: an identical copy already there, else a new one with its
    /// README row.
    pub(crate) fn place(
        &mut self,
        text: &str,
        draft: &Draft,
        format: Format,
    ) -> anyhow::Result<String> {
        if let Some((name, _)) = self
            .existing
            .iter()
            .chain(&self.pending)
            .find(|(_, stored)| stored == text)
        {
            return Ok(name.clone());
        }
        let next = self
            .existing
            .iter()
            .chain(&self.pending)
            .filter_map(|(name, _)| name.split('_').next()?.parse::<u32>().ok())
            .max()
            .map_or(0, |max| max + 1);
        let name = format!("{next:03}_{:016x}.txt", fnv1a(text.as_bytes()));
        if let Some(readme) = &mut self.readme {
            *readme = with_row(readme, &row(&name, draft, format));
        }
        self.pending.push((name.clone(), text.to_string()));
        Ok(name)
    }

    /// Writes the new copies and the README.
    pub(crate) fn write(&self) -> anyhow::Result<()> {
        for (name, text) in &self.pending {
            write_atomically(&self.dir.join(name), text)?;
        }
        if let Some(readme) = &self.readme {
            write_atomically(&self.dir.join("README.md"), readme)?;
        }
        Ok(())
    }
}

/// The README row of a stored page: file, endpoint and title, format, date.
fn row(name: &str, draft: &Draft, format: Format) -> String {
    let title = draft.title.as_deref().unwrap_or("(no title)");
    format!(
        "| `{name}` | `{} {}` — {title} | {} | {} |",
        draft.method,
        draft.path,
        format_name(format),
        draft.updated.as_deref().unwrap_or("(no date)")
    )
}

/// How the README names a format.
pub(crate) fn format_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "markdown tables",
        Format::Html => "HTML tables",
        Format::Scrape => "plain-text scrape",
        Format::Legacy => "pipe-led tables, `∟` nesting (older pages)",
    }
}

/// `readme` with `row` after the last row of its first table (or at the end).
fn with_row(readme: &str, row: &str) -> String {
    let lines: Vec<&str> = readme.lines().collect();
    let table_end = lines
        .iter()
        .position(|line| line.starts_with("| `"))
        .map(|start| {
            start
                + lines[start..]
                    .iter()
                    .take_while(|line| line.starts_with('|'))
                    .count()
        });
    let mut out: Vec<&str> = Vec::with_capacity(lines.len() + 1);
    match table_end {
        Some(end) => {
            out.extend(&lines[..end]);
            out.push(row);
            out.extend(&lines[end..]);
        }
        None => {
            out.extend(&lines);
            out.push(row);
        }
    }
    out.join("\n") + "\n"
}

/// FNV-1a, 64 bits: a stable name for a page's text (not a security hash).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_go_after_the_table() {
        let readme = "# Docs\n\n| file | x |\n|---|---|\n| `000_a.txt` | a |\n| `001_b.txt` | b |\n\n## Notes\n";
        assert_eq!(
            with_row(readme, "| `002_c.txt` | c |"),
            "# Docs\n\n| file | x |\n|---|---|\n| `000_a.txt` | a |\n| `001_b.txt` | b |\n| `002_c.txt` | c |\n\n## Notes\n"
        );
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
