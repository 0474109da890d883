//! The contacts range, statefully: `GET …/app_versions/{version_id}/contacts_range_suggest`
//! (what a version asks for) and `GET …/applications/{app_id}/contacts_range_configuration`
//! (what is live, paged like Feishu: a share of the ids per page, and a page token).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use feishu_application::spec_facts::{
    CONTACTS_RANGE_DEFAULT_PAGE_SIZE, CONTACTS_RANGE_MAX_PAGE_SIZE, CONTACTS_RANGE_MIN_PAGE_SIZE,
};
use feishu_application::types::{
    AppContactsRange, AppVisibleList, DepartmentIdType, GetContactsRangeSuggestData,
    GetContactsRangeSuggestResponse, ListContactsRangeConfigurationData,
    ListContactsRangeConfigurationResponse,
};

use crate::error_answer::ErrorAnswer;
use crate::extract::{Caller, Params};
use crate::state::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}/contacts_range_suggest",
            get(get_contacts_range_suggest),
        )
        .route(
            "/open-apis/application/v6/applications/{app_id}/contacts_range_configuration",
            get(list_contacts_range_configuration),
        )
}

async fn get_contacts_range_suggest(
    State(state): State<AppState>,
    Caller(caller): Caller,
    params: Params,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<GetContactsRangeSuggestResponse>, ErrorAnswer> {
    let (app_id, version_id) = path.map(|Path(ids)| ids).map_err(bad_path)?;
    check_id_types(&params)?;
    let range = state
        .tenant()
        .contacts_range_suggest(&caller, &app_id, &version_id)?;
    let mut data = GetContactsRangeSuggestData::default();
    data.contacts_range = range;
    Ok(Json(
        GetContactsRangeSuggestResponse::default()
            .with_code(0)
            .with_msg("success")
            .with_data(data),
    ))
}

async fn list_contacts_range_configuration(
    State(state): State<AppState>,
    Caller(caller): Caller,
    params: Params,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<ListContactsRangeConfigurationResponse>, ErrorAnswer> {
    let app_id = path.map(|Path(id)| id).map_err(bad_path)?;
    check_id_types(&params)?;
    let page_size = page_size(params.one("page_size")?)?;
    let range = state.tenant().contacts_range(&caller, &app_id)?;
    // A token is good for the app that got it, and for the range it was got for.
    let holder = format!("{caller} {app_id}");
    let now = state.clock().now();
    let start = match params.one("page_token")? {
        None | Some("") => 0,
        Some(token) => state.contacts_pages().resolve(token, &holder, now)? + 1,
    };
    let (page, has_more) = page_of(&range, start, page_size);
    let mut data = ListContactsRangeConfigurationData::default()
        .with_contacts_range(page)
        .with_has_more(has_more);
    if has_more {
        let ttl = state.config().page_token_ttl;
        let last = start + page_size - 1;
        data.page_token = Some(
            state
                .contacts_pages()
                .issue(&holder, last, now, ttl, || state.fresh_id("new-", 32)),
        );
    }
    Ok(Json(
        ListContactsRangeConfigurationResponse::default()
            .with_code(0)
            .with_msg("success")
            .with_data(data),
    ))
}

/// The page of `range` whose ids start at `start` (members, then departments, then groups),
/// and whether ids follow it. Every page carries the scope type.
fn page_of(range: &AppContactsRange, start: usize, size: usize) -> (AppContactsRange, bool) {
    let Some(list) = &range.visible_list else {
        return (range.clone(), false);
    };
    let kinds = [&list.open_ids, &list.department_ids, &list.group_ids];
    let total: usize = kinds.iter().map(|ids| ids.len()).sum();
    let end = (start + size).min(total);
    // The share of one kind's ids that falls into [start, end).
    let mut offset = 0;
    let mut share = |ids: &[String]| {
        let (from, to) = (start.max(offset), end.min(offset + ids.len()));
        let taken = ids
            .get(from.saturating_sub(offset)..to.saturating_sub(offset))
            .filter(|_| from < to)
            .map(<[String]>::to_vec)
            .unwrap_or_default();
        offset += ids.len();
        taken
    };
    let mut page_list = AppVisibleList::default();
    page_list.open_ids = share(kinds[0]);
    page_list.department_ids = share(kinds[1]);
    page_list.group_ids = share(kinds[2]);
    let mut page = range.clone();
    page.visible_list = Some(page_list);
    (page, end < total)
}

/// `department_id_type` and `user_id_type`, checked (the fake keeps ids as its fixtures give
/// them, of whatever kind).
fn check_id_types(params: &Params) -> Result<(), ErrorAnswer> {
    params.user_id_type(false)?;
    match params.one("department_id_type")? {
        None => Ok(()),
        Some(raw) if DepartmentIdType::from_value(raw).is_some() => Ok(()),
        Some(raw) => Err(ErrorAnswer::field(format!(
            "department_id_type {raw:?} is not one of {}",
            DepartmentIdType::EXPECTED
        ))),
    }
}

fn page_size(raw: Option<&str>) -> Result<usize, ErrorAnswer> {
    let Some(raw) = raw else {
        return Ok(CONTACTS_RANGE_DEFAULT_PAGE_SIZE as usize);
    };
    match raw.parse::<u32>() {
        Ok(size @ CONTACTS_RANGE_MIN_PAGE_SIZE..=CONTACTS_RANGE_MAX_PAGE_SIZE) => Ok(size as usize),
        _ => Err(ErrorAnswer::field(format!(
            "page_size {raw:?} is not an integer in {CONTACTS_RANGE_MIN_PAGE_SIZE}..={CONTACTS_RANGE_MAX_PAGE_SIZE}"
        ))),
    }
}

fn bad_path(rejection: PathRejection) -> ErrorAnswer {
    ErrorAnswer::field(format!(
        "the ids in the path are not valid: {}",
        rejection.body_text()
    ))
}
