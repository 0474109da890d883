//! A page file's header as `docs fetch` needs it: where the page comes from (front matter
//! `source_url` or the HTML-comment header's `fullPath`), when it was last updated, and how
//! to write a newer version back in the same format.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::facts::page::date_of_millis;
use crate::fetch::portal::{Detail, full_path_of_url};

/// How a page file's header is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeaderKind {
    /// YAML front matter between `---` lines: `source_url`, `last_remote_update` (date),
    /// `last_remote_update_timestamp` (ms).
    FrontMatter,
    /// An HTML comment: `fullPath`, `updatedAt` (ms).
    Comment,
}

/// A page file of `spec/docs/` and what its header says.
#[derive(Clone, Debug)]
pub(crate) struct StoredPage {
    /// The file.
    pub(crate) file: PathBuf,
    /// The portal path the page comes from.
    pub(crate) full_path: String,
    /// The stored update time in milliseconds, when the header has one.
    pub(crate) updated_ms: Option<i64>,
    /// The stored update date, `YYYY-MM-DD`.
    pub(crate) updated_date: Option<String>,
    kind: HeaderKind,
    /// The header's lines, delimiters included.
    header: Vec<String>,
}

impl StoredPage {
    /// Reads the header of the page at `file`; `Ok(None)` when the page names no source.
    ///
    /// # Errors
    ///
    /// When the file cannot be read.
    pub(crate) fn read(file: &Path) -> anyhow::Result<Option<StoredPage>> {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read the page", file.display()))?;
        Ok(Self::parse(file, &text))
    }

    fn parse(file: &Path, text: &str) -> Option<StoredPage> {
        let mut lines = text.lines();
        let (kind, close) = match lines.next().map(str::trim) {
            Some("---") => (HeaderKind::FrontMatter, "---"),
            Some("<!--") => (HeaderKind::Comment, "-->"),
            _ => return None,
        };
        let mut header = vec![text.lines().next().unwrap_or_default().to_string()];
        let (mut full_path, mut url_path, mut updated_ms, mut updated_date) =
            (None, None, None, None);
        let mut closed = false;
        for line in lines {
            header.push(line.to_string());
            if line.trim() == close {
                closed = true;
                break;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().trim_matches('"');
            match key.trim() {
                "fullPath" => full_path = Some(value.to_string()),
                "source_url" | "source" => url_path = full_path_of_url(value),
                "updatedAt" | "last_remote_update_timestamp" => updated_ms = value.parse().ok(),
                "last_remote_update" => updated_date = Some(value.to_string()),
                _ => {}
            }
        }
        if !closed {
            return None;
        }
        let full_path = match kind {
            HeaderKind::Comment => full_path.or(url_path),
            HeaderKind::FrontMatter => url_path,
        }?;
        let updated_date = updated_date.or_else(|| updated_ms.map(date_of_millis));
        Some(StoredPage {
            file: file.to_path_buf(),
            full_path,
            updated_ms,
            updated_date,
            kind,
            header,
        })
    }

    /// True when the portal's version is newer than the stored one: by milliseconds when
    /// the header has them, else by date.
    pub(crate) fn is_older_than(&self, upstream_ms: i64) -> bool {
        match (self.updated_ms, &self.updated_date) {
            (Some(stored), _) => upstream_ms > stored,
            (None, Some(date)) => date_of_millis(upstream_ms) > *date,
            (None, None) => true,
        }
    }

    /// The sort key "which copy of a page is the newest".
    pub(crate) fn age(&self) -> (Option<String>, Option<i64>) {
        (self.updated_date.clone(), self.updated_ms)
    }

    /// The stored date, or `undated`.
    pub(crate) fn date(&self) -> String {
        self.updated_date
            .clone()
            .unwrap_or_else(|| "undated".into())
    }

    /// The page file for the portal's `detail`: the same header with the new title and
    /// update time (other lines kept), then the portal's content.
    pub(crate) fn render(&self, detail: &Detail) -> String {
        let (close_at, mut lines) = (self.header.len() - 1, self.header.clone());
        let set = |lines: &mut Vec<String>, key: &str, value: String, after: Option<&str>| {
            let found = lines[1..close_at]
                .iter()
                .position(|line| line.split_once(':').is_some_and(|(k, _)| k.trim() == key));
            match found {
                Some(index) => lines[index + 1] = format!("{key}: {value}"),
                None => {
                    let at = after
                        .and_then(|after| {
                            lines[1..close_at].iter().position(|line| {
                                line.split_once(':').is_some_and(|(k, _)| k.trim() == after)
                            })
                        })
                        .map_or(close_at, |index| index + 2);
                    lines.insert(at, format!("{key}: {value}"));
                }
            }
        };
        let title = detail.title.clone().filter(|title| !title.contains('\n'));
        match self.kind {
            HeaderKind::FrontMatter => {
                if let Some(title) = title {
                    set(&mut lines, "title", format!("{title:?}"), None);
                }
                set(
                    &mut lines,
                    "last_remote_update",
                    date_of_millis(detail.update_time),
                    None,
                );
                set(
                    &mut lines,
                    "last_remote_update_timestamp",
                    detail.update_time.to_string(),
                    Some("last_remote_update"),
                );
            }
            HeaderKind::Comment => {
                if let Some(title) = title {
                    set(&mut lines, "title", title, None);
                }
                set(
                    &mut lines,
                    "updatedAt",
                    detail.update_time.to_string(),
                    None,
                );
            }
        }
        let mut text = lines.join("\n");
        text.push('\n');
        text.push_str(&detail.content);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRONT: &str = "---\ntitle: \"A\"\nsource_url: https://open.feishu.cn/document/server-docs/x/y\nlast_remote_update: 2023-07-21\nnote: kept\n---\nold body\n";
    const COMMENT: &str = "<!--\ntitle: B\nfullPath: /uAjLw4CM/x/get\nupdatedAt: 1739867977000\nsource: https://open.feishu.cn/document/server-docs/x/get-2\n-->\n# B\n";

    #[test]
    fn headers_name_the_source_and_the_date() {
        let front = StoredPage::parse(Path::new("f"), FRONT).unwrap();
        assert_eq!(front.full_path, "/server-docs/x/y");
        assert_eq!(front.updated_date.as_deref(), Some("2023-07-21"));
        assert!(front.is_older_than(1_752_136_595_000));
        assert!(!front.is_older_than(1_689_924_101_000));
        let comment = StoredPage::parse(Path::new("c"), COMMENT).unwrap();
        assert_eq!(comment.full_path, "/uAjLw4CM/x/get");
        assert_eq!(comment.updated_ms, Some(1_739_867_977_000));
        assert!(!comment.is_older_than(1_739_867_977_000));
        assert!(StoredPage::parse(Path::new("n"), "no header\n").is_none());
    }

    #[test]
    fn a_newer_page_keeps_its_header_format() {
        let detail = Detail {
            title: Some("A2".into()),
            update_time: 1_752_136_595_000,
            content: "new body".into(),
        };
        let front = StoredPage::parse(Path::new("f"), FRONT).unwrap();
        assert_eq!(
            front.render(&detail),
            "---\ntitle: \"A2\"\nsource_url: https://open.feishu.cn/document/server-docs/x/y\nlast_remote_update: 2025-07-10\nlast_remote_update_timestamp: 1752136595000\nnote: kept\n---\nnew body\n"
        );
        let comment = StoredPage::parse(Path::new("c"), COMMENT).unwrap();
        assert_eq!(
            comment.render(&detail),
            "<!--\ntitle: A2\nfullPath: /uAjLw4CM/x/get\nupdatedAt: 1752136595000\nsource: https://open.feishu.cn/document/server-docs/x/get-2\n-->\nnew body\n"
        );
    }
}
