//! `cargo xtask docs fetch`: download the current version of each page of `spec/docs/` that
//! names its source, and rewrite the pages the portal has a newer version of.
//!
//! At most [`CONCURRENCY`] requests at once, a timeout per request, backoff on 429 and 5xx.
//! A page is written only when the portal's answer is the expected JSON, its `updateTime` is
//! newer than the stored one and the new text reads as a doc page; it is written to a
//! temporary file first and renamed over the old one, so a failure never leaves half a page.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use serde::Serialize;

use crate::facts::page::parse;
use crate::fetch::portal::{Detail, LOCALE_COOKIE, detail_url, excerpt, parse_answer};
use crate::fetch::stored::StoredPage;
use crate::pages::{DOCS_DIR, display_name, pages_in};
use crate::write::write_atomically;

/// Requests in flight at most.
pub const CONCURRENCY: usize = 4;
/// Attempts per page when the portal answers 429 or 5xx, or the connection fails.
const ATTEMPTS: u32 = 4;
/// The longest wait between attempts a rate-limit header can ask for.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// Feishu's portal; Lark's is `https://open.larksuite.com`.
pub const DEFAULT_BASE_URL: &str = "https://open.feishu.cn";

/// What `docs fetch` does.
#[derive(Clone, Debug)]
pub struct FetchConfig {
    /// The workspace root (its `spec/docs/` holds the pages).
    pub root: PathBuf,
    /// The portal, `https://open.feishu.cn` by default.
    pub base_url: String,
    /// Write nothing; only tell which pages are newer upstream.
    pub check: bool,
    /// The pages; empty means every page in `spec/docs/`.
    pub pages: Vec<PathBuf>,
    /// The timeout of one request.
    pub timeout: Duration,
}

impl FetchConfig {
    /// Every page of the workspace at `root`, from Feishu's portal, 20 s per request.
    #[must_use]
    pub fn workspace(root: &Path) -> FetchConfig {
        FetchConfig {
            root: root.to_path_buf(),
            base_url: DEFAULT_BASE_URL.into(),
            check: false,
            pages: Vec::new(),
            timeout: Duration::from_secs(20),
        }
    }
}

/// What happened to one page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// The portal's version is not newer than the stored one.
    Unchanged {
        /// The stored date.
        date: String,
    },
    /// The page was rewritten with the portal's newer version.
    Updated {
        /// The stored date before.
        old: String,
        /// The portal's date.
        new: String,
    },
    /// `--check`: the portal has a newer version (nothing written).
    Newer {
        /// The stored date.
        old: String,
        /// The portal's date.
        new: String,
    },
    /// The page could not be fetched; its file is untouched.
    Failed {
        /// Why.
        message: String,
    },
    /// An older copy of a page another file holds the current copy of: not fetched (it
    /// would overwrite history with the current page).
    History {
        /// The file with the current copy.
        current: String,
    },
}

/// One page's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageReport {
    /// The page file (relative to the root when under it).
    pub page: String,
    /// What happened.
    #[serde(flatten)]
    pub status: Status,
}

impl PageReport {
    /// `page: unchanged (date)`, `page: updated (old → new)`, `page: failed (why)`, ...
    #[must_use]
    pub fn line(&self) -> String {
        let what = match &self.status {
            Status::Unchanged { date } => format!("unchanged ({date})"),
            Status::Updated { old, new } => format!("updated ({old} → {new})"),
            Status::Newer { old, new } => format!("newer upstream ({old} → {new})"),
            Status::Failed { message } => format!("failed ({message})"),
            Status::History { current } => {
                format!("not fetched (history; {current} is the current copy)")
            }
        };
        format!("{}: {what}", self.page)
    }
}

/// Fetches the pages; one report per page, in file order.
///
/// # Errors
///
/// When `spec/docs/` or a named page cannot be read, or the HTTP client cannot be built.
/// A page the portal does not serve is a [`Status::Failed`] report, not an error.
pub fn fetch(config: &FetchConfig) -> anyhow::Result<Vec<PageReport>> {
    let files = if config.pages.is_empty() {
        pages_in(&config.root.join(DOCS_DIR))?
    } else {
        config.pages.clone()
    };
    let mut stored = Vec::new();
    for file in &files {
        if let Some(page) = StoredPage::read(file)? {
            stored.push(page);
        }
    }
    // The other copies of spec/docs/ tell which copy of a page is current, even when
    // only some pages are named.
    let others: Vec<StoredPage> = pages_in(&config.root.join(DOCS_DIR))
        .unwrap_or_default()
        .iter()
        .filter_map(|path| StoredPage::read(path).ok().flatten())
        .collect();
    let mut reports: Vec<Option<PageReport>> = vec![None; stored.len()];
    let mut targets = Vec::new();
    for (index, page) in stored.iter().enumerate() {
        match newer_copy(page, &others, &config.root) {
            Some(current) => {
                reports[index] = Some(PageReport {
                    page: display_name(&page.file, &config.root),
                    status: Status::History { current },
                });
            }
            None => targets.push(index),
        }
    }
    let client = reqwest::blocking::Client::builder()
        .timeout(config.timeout)
        .build()
        .context("building the HTTP client")?;
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENCY.min(targets.len()) {
            scope.spawn(|| {
                while let Some(&index) = targets.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let status = fetch_one(&client, config, &stored[index]);
                    done.lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((index, status));
                }
            });
        }
    });
    for (index, status) in done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    {
        reports[index] = Some(PageReport {
            page: display_name(&stored[index].file, &config.root),
            status,
        });
    }
    Ok(reports.into_iter().flatten().collect())
}

/// The file holding a newer copy of `page`'s source among `others` (by stored date, then
/// timestamp), or `None` when `page` is the current copy.
fn newer_copy(page: &StoredPage, others: &[StoredPage], root: &Path) -> Option<String> {
    others
        .iter()
        .filter(|other| other.full_path == page.full_path && other.age() > page.age())
        .max_by_key(|other| other.age())
        .map(|other| display_name(&other.file, root))
}

fn fetch_one(
    client: &reqwest::blocking::Client,
    config: &FetchConfig,
    stored: &StoredPage,
) -> Status {
    let failed = |message: String| Status::Failed { message };
    let detail = match download(client, &detail_url(&config.base_url, &stored.full_path)) {
        Ok(detail) => detail,
        Err(message) => return failed(message),
    };
    let new = crate::facts::page::date_of_millis(detail.update_time);
    if !stored.is_older_than(detail.update_time) {
        return Status::Unchanged {
            date: stored.date(),
        };
    }
    let text = stored.render(&detail);
    if let Err(error) = parse(&text, &stored.file.display().to_string()) {
        return failed(format!(
            "the portal's page does not read as a doc page: {error:#}"
        ));
    }
    let old = stored.date();
    if config.check {
        return Status::Newer { old, new };
    }
    match write_atomically(&stored.file, &text) {
        Ok(()) => Status::Updated { old, new },
        Err(error) => failed(format!("{error:#}")),
    }
}

/// One page from the portal, retried on 429, 5xx and connection failures.
fn download(client: &reqwest::blocking::Client, url: &str) -> Result<Detail, String> {
    let mut last = String::new();
    let mut wait = None;
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            std::thread::sleep(wait.take().unwrap_or_else(|| backoff(attempt)));
        }
        let response = match client
            .get(url)
            .header(reqwest::header::COOKIE, LOCALE_COOKIE)
            .send()
        {
            Ok(response) => response,
            Err(error) => {
                // The chain names the cause (connection refused, timed out), not only the URL.
                last = format!(
                    "request failed after {ATTEMPTS} attempts: {:#}",
                    anyhow::Error::new(error)
                );
                continue;
            }
        };
        let status = response.status();
        wait = wait_header(&response).map(|wait| wait.min(MAX_WAIT));
        let body = response
            .text()
            .map_err(|error| format!("HTTP {status}: reading the answer failed: {error}"))?;
        if status.as_u16() == 429 || status.is_server_error() {
            last = format!(
                "HTTP {status} after {ATTEMPTS} attempts: `{}`",
                excerpt(&body)
            );
            continue;
        }
        if !status.is_success() {
            return Err(format!("HTTP {status}: `{}`", excerpt(&body)));
        }
        return parse_answer(&body);
    }
    Err(last)
}

/// The wait a rate-limited answer asks for (`Retry-After` or Feishu's
/// `x-ogw-ratelimit-reset`, seconds).
fn wait_header(response: &reqwest::blocking::Response) -> Option<Duration> {
    ["retry-after", "x-ogw-ratelimit-reset"]
        .iter()
        .find_map(|name| {
            response
                .headers()
                .get(*name)?
                .to_str()
                .ok()?
                .trim()
                .parse()
                .ok()
        })
        .map(Duration::from_secs)
}

/// Exponential backoff when the answer named no wait: 0.5 s, 1 s, 2 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500 << (attempt - 1))
}
