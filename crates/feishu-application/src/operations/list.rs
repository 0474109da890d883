//! `list_under_audit_apps`: one page at a time, or every page as a stream.

use std::num::NonZeroU32;

use futures::stream::{self, Stream, StreamExt as _, TryStreamExt as _};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::generated_client::{Client as RawClient, Error as RawError, ResponseValue};
use crate::generated_spec_facts::{MAX_PAGE_SIZE, MIN_PAGE_SIZE};
use crate::operations::paging::{Paged, follow};
use crate::transport::Operation;
use crate::types::{Application, ErrorResponse, Lang, ListUnderAuditAppsResponse, UserIdType};

/// One page of apps pending review.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Page {
    /// The apps on this page.
    pub items: Vec<Application>,
    /// The token of the next page; `None` on the last page (when `has_more` is false or the
    /// answer carried no token).
    pub next_page_token: Option<String>,
}

/// A `list_under_audit_apps` request; see [`Client::list_under_audit_apps`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ListUnderAuditApps {
    client: Client,
    lang: Lang,
    page_size: Option<u32>,
    page_token: Option<String>,
    user_id_type: Option<UserIdType>,
}

struct ListCall {
    lang: Lang,
    page_size: Option<NonZeroU32>,
    page_token: Option<String>,
    user_id_type: Option<UserIdType>,
}

impl Operation for ListCall {
    type Answer = ListUnderAuditAppsResponse;
    const ID: &'static str = "list_under_audit_apps";

    fn send<'a>(
        &'a self,
        raw: &'a RawClient,
    ) -> impl Future<Output = Result<ResponseValue<Self::Answer>, RawError<ErrorResponse>>> + Send + 'a
    {
        raw.list_under_audit_apps(
            &self.lang,
            self.page_size,
            self.page_token.as_deref(),
            self.user_id_type.as_ref(),
        )
    }
}

impl Client {
    /// Lists the apps with a version pending review, names in `lang`.
    ///
    /// `.send()` gets one page; `.pages()` and `.items()` follow every page as a stream.
    ///
    /// ```no_run
    /// # // no_run: needs a server; the end-to-end tests run this against the fake.
    /// # async fn demo(client: feishu_application::Client) -> feishu_application::Result<()> {
    /// use futures::TryStreamExt as _;
    /// use feishu_application::types::Lang;
    /// let apps: Vec<_> = client.list_under_audit_apps(Lang::EnUs).page_size(50).items().try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn list_under_audit_apps(&self, lang: Lang) -> ListUnderAuditApps {
        ListUnderAuditApps {
            client: self.clone(),
            lang,
            page_size: None,
            page_token: None,
            user_id_type: None,
        }
    }
}

impl ListUnderAuditApps {
    /// Items per page, [`MIN_PAGE_SIZE`]..=[`MAX_PAGE_SIZE`] (Feishu's default is
    /// [`DEFAULT_PAGE_SIZE`](crate::spec_facts::DEFAULT_PAGE_SIZE)).
    /// Checked before any request is sent.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// Start from this page token (from [`Page::next_page_token`]).
    pub fn page_token(mut self, page_token: impl Into<String>) -> Self {
        self.page_token = Some(page_token.into());
        self
    }

    /// The kind of user ids in the answer (default open_id).
    pub fn user_id_type(mut self, user_id_type: UserIdType) -> Self {
        self.user_id_type = Some(user_id_type);
        self
    }

    fn call(&self, page_token: Option<String>) -> Result<ListCall> {
        let page_size = match self.page_size {
            None => None,
            Some(size @ MIN_PAGE_SIZE..=MAX_PAGE_SIZE) => NonZeroU32::new(size),
            Some(size) => {
                return Err(Error::InvalidArgument {
                    operation: ListCall::ID,
                    message: format!(
                        "page_size must be {MIN_PAGE_SIZE}..={MAX_PAGE_SIZE}, got {size}"
                    ),
                });
            }
        };
        Ok(ListCall {
            lang: self.lang.clone(),
            page_size,
            page_token,
            user_id_type: self.user_id_type.clone(),
        })
    }

    /// Gets one page.
    pub async fn send(self) -> Result<Page> {
        let call = self.call(self.page_token.clone())?;
        fetch_page(&self.client, &call).await
    }

    /// Every page, following `page_token` until the last. An error ends the stream after
    /// the pages already yielded.
    ///
    /// A hostile or broken server can't make the listing endless: it stops with
    /// [`Error::PageTokenStuck`] when a page hands out a page token that was already followed
    /// (a cycle of any length), and with [`Error::EmptyPages`] after
    /// [`MAX_CONSECUTIVE_EMPTY_PAGES`](crate::MAX_CONSECUTIVE_EMPTY_PAGES) empty pages in a row that each claim `has_more`.
    pub fn pages(self) -> impl Stream<Item = Result<Page>> + Send + 'static {
        let start = self.page_token.clone();
        follow(ListCall::ID, start, move |token| {
            let request = self.clone();
            async move {
                let call = request.call(token)?;
                fetch_page(&request.client, &call).await
            }
        })
    }

    /// Every app on every page, as a stream. An error is yielded after the apps already
    /// yielded, and ends the stream.
    pub fn items(self) -> impl Stream<Item = Result<Application>> + Send + 'static {
        self.pages()
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }
}

impl Paged for Page {
    fn next_page_token(&self) -> Option<&str> {
        self.next_page_token.as_deref()
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

async fn fetch_page(client: &Client, call: &ListCall) -> Result<Page> {
    let answer = client.execute(call).await?;
    let Some(data) = answer.data else {
        // Feishu omits empty fields: no data means an empty last page.
        return Ok(Page {
            items: Vec::new(),
            next_page_token: None,
        });
    };
    let next_page_token = match data.has_more {
        Some(true) => data.page_token.filter(|token| !token.is_empty()),
        _ => None,
    };
    Ok(Page {
        items: data.items,
        next_page_token,
    })
}
