//! Following page tokens without looping: the guard every paged listing of the client shares
//! (the pending list, the contacts range configuration).

use std::collections::HashMap;
use std::future::Future;

use futures::stream::{self, Stream};

use crate::error::{Error, Result};

/// How many empty pages in a row that claim `has_more` a listing follows before it stops
/// with [`Error::EmptyPages`].
pub const MAX_CONSECUTIVE_EMPTY_PAGES: u32 = 10;

/// A page as the guard sees it.
pub(crate) trait Paged {
    /// The token of the next page; `None` on the last page.
    fn next_page_token(&self) -> Option<&str>;
    /// Whether the page holds nothing.
    fn is_empty(&self) -> bool;
}

/// Every page from `start` (`None`: the first page) on, as `fetch` gets each by its token.
///
/// A hostile or broken server can't make the listing endless: it stops with
/// [`Error::PageTokenStuck`] when a page hands out a page token that was already followed (a
/// cycle of any length), and with [`Error::EmptyPages`] after [`MAX_CONSECUTIVE_EMPTY_PAGES`]
/// empty pages in a row that each claim more. An error ends the stream after the pages
/// already yielded.
pub(crate) fn follow<P, F, Fut>(
    operation: &'static str,
    start: Option<String>,
    fetch: F,
) -> impl Stream<Item = Result<P>> + Send + 'static
where
    P: Paged + Send + 'static,
    F: Fn(Option<String>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<P>> + Send + 'static,
{
    let guard = Guard {
        operation,
        followed: start.iter().map(|t| (t.clone(), 0)).collect(),
        pages: 0,
        empty_run: 0,
    };
    let cursor = Cursor::Next(guard, start);
    stream::try_unfold((cursor, fetch), |(cursor, fetch)| async move {
        let (guard, token) = match cursor {
            Cursor::Next(guard, token) => (guard, token),
            Cursor::Failed(error) => return Err(error),
            Cursor::Done => return Ok(None),
        };
        let page = fetch(token).await?;
        let cursor = guard.step(&page);
        Ok(Some((page, (cursor, fetch))))
    })
}

/// Where a page stream stands.
enum Cursor {
    /// Fetch the page of this token next.
    Next(Guard, Option<String>),
    /// The last page broke the listing: the next poll reports it.
    Failed(Error),
    /// The last page was yielded.
    Done,
}

/// What a listing has followed so far.
struct Guard {
    operation: &'static str,
    /// Every page token followed, with the page that gave it (0: the caller).
    followed: HashMap<String, usize>,
    /// Pages fetched.
    pages: usize,
    /// Empty pages in a row that claimed more.
    empty_run: u32,
}

impl Guard {
    /// Takes in the page just fetched and says what comes next.
    fn step(mut self, page: &impl Paged) -> Cursor {
        self.pages += 1;
        let Some(next) = page.next_page_token().map(str::to_owned) else {
            return Cursor::Done;
        };
        self.empty_run = if page.is_empty() {
            self.empty_run + 1
        } else {
            0
        };
        if self.empty_run >= MAX_CONSECUTIVE_EMPTY_PAGES {
            return Cursor::Failed(Error::EmptyPages {
                operation: self.operation,
                pages: self.empty_run,
            });
        }
        if let Some(&first) = self.followed.get(&next) {
            return Cursor::Failed(Error::PageTokenStuck {
                operation: self.operation,
                page: self.pages,
                first_given_by: first,
            });
        }
        self.followed.insert(next.clone(), self.pages);
        Cursor::Next(self, Some(next))
    }
}
