//! `get_contacts_range_suggest` and `list_contacts_range_configuration`: the contacts range
//! (通讯录权限范围) a version asks for, and the one that is live.

use std::future::IntoFuture;
use std::num::NonZeroU64;

use futures::future::BoxFuture;
use futures::stream::{Stream, TryStreamExt as _};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::generated_client::{Client as RawClient, Error as RawError, ResponseValue};
use crate::generated_spec_facts::{CONTACTS_RANGE_MAX_PAGE_SIZE, CONTACTS_RANGE_MIN_PAGE_SIZE};
use crate::ids::{AppId, VersionId};
use crate::operations::paging::{Paged, follow};
use crate::operations::require_text;
use crate::transport::Operation;
use crate::types::{
    AppContactsRange, AppVisibleList, DepartmentIdType, ErrorResponse,
    GetContactsRangeSuggestResponse, ListContactsRangeConfigurationResponse, UserIdType,
};

/// A `get_contacts_range_suggest` request; see [`Client::get_contacts_range_suggest`]. Await
/// it, or call `send`.
#[derive(Clone, Debug)]
#[must_use]
pub struct GetContactsRangeSuggest {
    client: Client,
    call: SuggestCall,
}

#[derive(Clone, Debug)]
struct SuggestCall {
    app_id: AppId,
    version_id: VersionId,
    department_id_type: Option<DepartmentIdType>,
    user_id_type: Option<UserIdType>,
}

impl Operation for SuggestCall {
    type Answer = GetContactsRangeSuggestResponse;
    const ID: &'static str = "get_contacts_range_suggest";

    fn send<'a>(
        &'a self,
        raw: &'a RawClient,
    ) -> impl Future<Output = Result<ResponseValue<Self::Answer>, RawError<ErrorResponse>>> + Send + 'a
    {
        raw.get_contacts_range_suggest(
            self.app_id.as_str(),
            self.version_id.as_str(),
            self.department_id_type.as_ref(),
            self.user_id_type.as_ref(),
        )
    }
}

/// A `list_contacts_range_configuration` request; see
/// [`Client::list_contacts_range_configuration`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ListContactsRangeConfiguration {
    client: Client,
    app_id: AppId,
    page_size: Option<u32>,
    page_token: Option<String>,
    department_id_type: Option<DepartmentIdType>,
    user_id_type: Option<UserIdType>,
}

/// One page of an app's live contacts range: the scope type, and a share of the ids.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ContactsRangePage {
    /// The range on this page (`None` when the page carried none).
    pub contacts_range: Option<AppContactsRange>,
    /// The token of the next page; `None` on the last page.
    pub next_page_token: Option<String>,
}

struct ConfigurationCall {
    app_id: AppId,
    page_size: Option<NonZeroU64>,
    page_token: Option<String>,
    department_id_type: Option<DepartmentIdType>,
    user_id_type: Option<UserIdType>,
}

impl Operation for ConfigurationCall {
    type Answer = ListContactsRangeConfigurationResponse;
    const ID: &'static str = "list_contacts_range_configuration";

    fn send<'a>(
        &'a self,
        raw: &'a RawClient,
    ) -> impl Future<Output = Result<ResponseValue<Self::Answer>, RawError<ErrorResponse>>> + Send + 'a
    {
        raw.list_contacts_range_configuration(
            self.app_id.as_str(),
            self.department_id_type.as_ref(),
            self.page_size,
            self.page_token.as_deref(),
            self.user_id_type.as_ref(),
        )
    }
}

impl Client {
    /// Gets the contacts range a version of an app asks for, as Feishu answers it; `None` when
    /// the answer carries none. Feishu leaves it out, or empty, when the version does not change
    /// the range ([`VersionChanges::with_contacts_range`](crate::changes::VersionChanges::with_contacts_range)
    /// reads both as no change). It is not the live range: see
    /// [`Client::list_contacts_range_configuration`].
    ///
    /// ```no_run
    /// # // no_run: needs a server; the end-to-end tests run this against the fake.
    /// # async fn demo(client: feishu_application::Client) -> feishu_application::Result<()> {
    /// if let Some(asked) = client.get_contacts_range_suggest("cli_a1", "oav_1").await? {
    ///     println!("asks for {:?}", asked.contacts_scope_type);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn get_contacts_range_suggest(
        &self,
        app_id: impl Into<AppId>,
        version_id: impl Into<VersionId>,
    ) -> GetContactsRangeSuggest {
        GetContactsRangeSuggest {
            client: self.clone(),
            call: SuggestCall {
                app_id: app_id.into(),
                version_id: version_id.into(),
                department_id_type: None,
                user_id_type: None,
            },
        }
    }

    /// Lists the live contacts range of a self-built app, a share of its ids per page.
    ///
    /// `.send()` gets one page, `.pages()` every page as a stream, `.range()` the whole range
    /// (every page, the ids of all of them together).
    ///
    /// ```no_run
    /// # // no_run: needs a server; the end-to-end tests run this against the fake.
    /// # async fn demo(client: feishu_application::Client) -> feishu_application::Result<()> {
    /// let live = client.list_contacts_range_configuration("cli_a1").range().await?;
    /// println!("live: {:?}", live.contacts_scope_type);
    /// # Ok(()) }
    /// ```
    pub fn list_contacts_range_configuration(
        &self,
        app_id: impl Into<AppId>,
    ) -> ListContactsRangeConfiguration {
        ListContactsRangeConfiguration {
            client: self.clone(),
            app_id: app_id.into(),
            page_size: None,
            page_token: None,
            department_id_type: None,
            user_id_type: None,
        }
    }
}

impl GetContactsRangeSuggest {
    /// The kind of department ids in the answer (default open_department_id).
    pub fn department_id_type(mut self, department_id_type: DepartmentIdType) -> Self {
        self.call.department_id_type = Some(department_id_type);
        self
    }

    /// The kind of user ids in the answer (default open_id).
    pub fn user_id_type(mut self, user_id_type: UserIdType) -> Self {
        self.call.user_id_type = Some(user_id_type);
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<Option<AppContactsRange>> {
        let call = &self.call;
        require_text(
            SuggestCall::ID,
            &[
                ("app_id", call.app_id.as_str()),
                ("version_id", call.version_id.as_str()),
            ],
        )?;
        let answer = self.client.execute(call).await?;
        Ok(answer.data.and_then(|data| data.contacts_range))
    }
}

impl IntoFuture for GetContactsRangeSuggest {
    type Output = Result<Option<AppContactsRange>>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl ListContactsRangeConfiguration {
    /// Ids per page, [`CONTACTS_RANGE_MIN_PAGE_SIZE`](crate::spec_facts::CONTACTS_RANGE_MIN_PAGE_SIZE)
    /// ..= [`CONTACTS_RANGE_MAX_PAGE_SIZE`](crate::spec_facts::CONTACTS_RANGE_MAX_PAGE_SIZE).
    /// Checked before any request is sent.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// Start from this page token (from [`ContactsRangePage::next_page_token`]).
    pub fn page_token(mut self, page_token: impl Into<String>) -> Self {
        self.page_token = Some(page_token.into());
        self
    }

    /// The kind of department ids in the answer (default open_department_id).
    pub fn department_id_type(mut self, department_id_type: DepartmentIdType) -> Self {
        self.department_id_type = Some(department_id_type);
        self
    }

    /// The kind of user ids in the answer (default open_id).
    pub fn user_id_type(mut self, user_id_type: UserIdType) -> Self {
        self.user_id_type = Some(user_id_type);
        self
    }

    fn call(&self, page_token: Option<String>) -> Result<ConfigurationCall> {
        require_text(ConfigurationCall::ID, &[("app_id", self.app_id.as_str())])?;
        let page_size = match self.page_size {
            None => None,
            Some(size @ CONTACTS_RANGE_MIN_PAGE_SIZE..=CONTACTS_RANGE_MAX_PAGE_SIZE) => {
                NonZeroU64::new(u64::from(size))
            }
            Some(size) => {
                return Err(Error::InvalidArgument {
                    operation: ConfigurationCall::ID,
                    message: format!(
                        "page_size must be {CONTACTS_RANGE_MIN_PAGE_SIZE}..={CONTACTS_RANGE_MAX_PAGE_SIZE}, got {size}"
                    ),
                });
            }
        };
        Ok(ConfigurationCall {
            app_id: self.app_id.clone(),
            page_size,
            page_token,
            department_id_type: self.department_id_type.clone(),
            user_id_type: self.user_id_type.clone(),
        })
    }

    /// Gets one page.
    pub async fn send(self) -> Result<ContactsRangePage> {
        let call = self.call(self.page_token.clone())?;
        fetch_page(&self.client, &call).await
    }

    /// Every page, following `page_token` until the last; loop-safe like
    /// [`ListUnderAuditApps::pages`](crate::ListUnderAuditApps::pages) (a repeated page token,
    /// or too many empty pages claiming more, end it with an error).
    pub fn pages(self) -> impl Stream<Item = Result<ContactsRangePage>> + Send + 'static {
        let start = self.page_token.clone();
        follow(ConfigurationCall::ID, start, move |token| {
            let request = self.clone();
            async move {
                let call = request.call(token)?;
                fetch_page(&request.client, &call).await
            }
        })
    }

    /// The whole live range: every page read, the ids of all pages together (in page order),
    /// the scope type and any other member from the first page that has them. An app whose
    /// answer carries no range gets the empty range (`contacts_scope_type: None`).
    pub async fn range(self) -> Result<AppContactsRange> {
        self.pages()
            .try_fold(AppContactsRange::default(), |mut whole, page| async move {
                if let Some(part) = page.contacts_range {
                    merge(&mut whole, part);
                }
                Ok(whole)
            })
            .await
    }
}

impl Paged for ContactsRangePage {
    fn next_page_token(&self) -> Option<&str> {
        self.next_page_token.as_deref()
    }

    fn is_empty(&self) -> bool {
        self.contacts_range.as_ref().is_none_or(no_ids)
    }
}

/// Adds one page's share of the range to what the earlier pages gave.
fn merge(whole: &mut AppContactsRange, part: AppContactsRange) {
    if whole.contacts_scope_type.is_none() {
        whole.contacts_scope_type = part.contacts_scope_type;
    }
    for (key, value) in part.extra {
        whole.extra.entry(key).or_insert(value);
    }
    let Some(list) = part.visible_list else {
        return;
    };
    let into = whole
        .visible_list
        .get_or_insert_with(AppVisibleList::default);
    into.open_ids.extend(list.open_ids);
    into.department_ids.extend(list.department_ids);
    into.group_ids.extend(list.group_ids);
    for (key, value) in list.extra {
        into.extra.entry(key).or_insert(value);
    }
}

/// Whether a range lists no member, department or group.
fn no_ids(range: &AppContactsRange) -> bool {
    range.visible_list.as_ref().is_none_or(|list| {
        list.open_ids.is_empty() && list.department_ids.is_empty() && list.group_ids.is_empty()
    })
}

async fn fetch_page(client: &Client, call: &ConfigurationCall) -> Result<ContactsRangePage> {
    let answer = client.execute(call).await?;
    let Some(data) = answer.data else {
        // Feishu omits empty fields: no data means an empty last page.
        return Ok(ContactsRangePage::default());
    };
    let next_page_token = match data.has_more {
        Some(true) => data.page_token.filter(|token| !token.is_empty()),
        _ => None,
    };
    Ok(ContactsRangePage {
        contacts_range: data.contacts_range,
        next_page_token,
    })
}
