//! A doc page: its header (title, source URL, update date), format, operation and facts.

use std::path::Path;

use anyhow::{Context as _, bail};

use crate::facts::from_layout as page_facts;
use crate::facts::model::{Attr, Fact};
use crate::formats::layout::{Example, Layout};
use crate::formats::{html, legacy, markdown, scrape};

/// The four formats Feishu pages come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown pipe tables with `**可选值有**` lists.
    Markdown,
    /// `<md-dt-tr level="N">` HTML tables with `<md-enum-item key=…>`.
    Html,
    /// The older plain-text scrape.
    Scrape,
    /// The oldest pages: pipe-led `|参数|…|` tables with `&emsp;∟` nesting.
    Legacy,
}

/// A page read into facts.
#[derive(Clone, Debug)]
pub struct Page {
    /// The page's file, as given (or relative to the workspace root).
    pub file: String,
    /// Its format.
    pub format: Format,
    /// Its title, from the header.
    pub title: Option<String>,
    /// The page's source URL, from the header.
    pub source_url: Option<String>,
    /// Its last update, `YYYY-MM-DD`, from the header.
    pub updated: Option<String>,
    /// The HTTP method of its operation.
    pub method: String,
    /// The operation's path, `{param}` style.
    pub path: String,
    /// The line of the method.
    pub line: usize,
    /// Every fact, in page order.
    pub facts: Vec<Fact>,
    /// The JSON examples.
    pub examples: Vec<Example>,
}

/// Reads the page at `path`; `display` names it in facts and errors.
///
/// # Errors
///
/// When the file is unreadable, or in none of the three formats, or names no method and path.
pub fn load(path: &Path, display: &str) -> anyhow::Result<Page> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{display}: cannot read the page"))?;
    parse(&text, display)
}

/// Reads page text; `display` names it in facts and errors.
///
/// # Errors
///
/// When the text is in none of the three formats, or names no method and path.
pub fn parse(text: &str, display: &str) -> anyhow::Result<Page> {
    parse_with_layout(text, display).map(|(page, _)| page)
}

/// [`parse`], with the layout the facts were read from (rows and examples), for a caller
/// that needs the cells themselves (`docs add` drafts descriptions from them).
pub(crate) fn parse_with_layout(text: &str, display: &str) -> anyhow::Result<(Page, Layout)> {
    let lines: Vec<&str> = text.lines().collect();
    let header = Header::read(&lines);
    let (format, layout) = read_layout(text, display)?;
    let Layout {
        method: Some((line, method)),
        path: Some((_, api_path)),
        ..
    } = &layout
    else {
        bail!("{display}: the page names no HTTP method and /open-apis/ path for its operation");
    };
    let mut facts = header.facts();
    facts.extend(page_facts::facts(&layout, format == Format::Scrape));
    let page = Page {
        file: display.to_string(),
        format,
        title: header.title.map(|(_, title)| title),
        source_url: header.source_url.as_ref().map(|(_, url)| url.clone()),
        updated: header.updated.as_ref().map(|(_, date)| date.clone()),
        method: method.clone(),
        path: api_path.clone(),
        line: *line,
        facts,
        examples: layout.examples.clone(),
    };
    Ok((page, layout))
}

/// Reads page text into its format and layout (rows and examples), before facts.
///
/// # Errors
///
/// When the text is in none of the known formats.
fn read_layout(text: &str, display: &str) -> anyhow::Result<(Format, Layout)> {
    let lines: Vec<&str> = text.lines().collect();
    Ok(
        if text.contains("<md-dt-table") || text.contains("<md-table") {
            (Format::Html, html::read(&lines))
        } else if legacy::is_legacy(&lines) {
            (Format::Legacy, legacy::read(&lines))
        } else if lines
            .iter()
            .any(|line| line.contains("HTTP URL") && line.contains('|'))
        {
            (Format::Markdown, markdown::read(&lines))
        } else if let Some(layout) = scrape::read(&lines) {
            (Format::Scrape, layout)
        } else {
            bail!(
                "{display}: not a Feishu doc page in a known format (markdown tables with `HTTP URL |`, \
             HTML `<md-dt-table>` tables, pipe-led `|参数|…|` tables, or a plain-text scrape with \
             the method and path on lines of their own)"
            );
        },
    )
}

/// The header: YAML front matter (`title`, `source_url`, `last_remote_update`) or an HTML
/// comment (`title`, `source`, `updatedAt` in milliseconds).
#[derive(Default)]
struct Header {
    title: Option<(usize, String)>,
    source_url: Option<(usize, String)>,
    updated: Option<(usize, String)>,
}

impl Header {
    fn read(lines: &[&str]) -> Header {
        let mut header = Header::default();
        let close = match lines.first().map(|line| line.trim()) {
            Some("---") => "---",
            Some("<!--") => "-->",
            _ => return header,
        };
        for (index, line) in lines.iter().enumerate().skip(1) {
            if line.trim() == close {
                break;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().trim_matches('"').to_string();
            let at = Some((index + 1, value.clone()));
            match key.trim() {
                "title" => header.title = at,
                "source_url" | "source" => header.source_url = at,
                "last_remote_update" => header.updated = at,
                "updatedAt" if header.updated.is_none() => {
                    header.updated = value
                        .parse::<i64>()
                        .ok()
                        .map(|ms| (index + 1, date_of_millis(ms)));
                }
                _ => {}
            }
        }
        header
    }

    fn facts(&self) -> Vec<Fact> {
        let mut facts = Vec::new();
        if let Some((line, url)) = &self.source_url {
            facts.push(Fact::new("doc", Attr::SourceUrl, url.clone(), *line));
        }
        if let Some((line, date)) = &self.updated {
            facts.push(Fact::new("doc", Attr::Updated, date.clone(), *line));
        }
        facts
    }
}

/// `YYYY-MM-DD` (UTC) of a Unix time in milliseconds (Howard Hinnant's civil-from-days).
pub(crate) fn date_of_millis(ms: i64) -> String {
    // Before 1970 is no date a doc page has; it reads as the epoch.
    let since_epoch = std::time::Duration::from_millis(u64::try_from(ms).unwrap_or(0));
    let stamp = humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + since_epoch);
    stamp.to_string()[..10].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_become_dates() {
        assert_eq!(date_of_millis(1_739_867_977_000), "2025-02-18");
        assert_eq!(date_of_millis(0), "1970-01-01");
        assert_eq!(date_of_millis(-5), "1970-01-01");
        assert_eq!(date_of_millis(951_782_400_000), "2000-02-29");
    }

    #[test]
    fn text_in_no_format_is_refused() {
        let error = parse("just some notes\nabout nothing\n", "notes.txt").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("notes.txt: not a Feishu doc page"),
            "{error}"
        );
    }
}
