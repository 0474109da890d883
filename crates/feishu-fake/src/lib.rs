//! A fake Feishu / Lark for offline work and tests that answers every operation of the spec:
//! the tenant access token endpoint and the three application v6 app-review endpoints are
//! stateful, with the rules the docs state; every other operation answers its spec example.
//!
//! ```no_run
//! # async fn demo() -> feishu_fake::Result<()> {
//! let fake = feishu_fake::start(feishu_fake::Config::default()).await?;
//! println!("{}", fake.base_url()); // http://127.0.0.1:PORT
//! # Ok(()) }
//! ```
//!
//! # Behaviour
//! * **Tenant.** Generated from [`Config::seed`] ([`seed::generate`]: 132 apps, 48 of them
//!   with a version pending review) or loaded from [`Fixtures`]. Every configured caller gets a
//!   self-built app if the tenant has none with its id.
//! * **Tokens.** `POST /open-apis/auth/v3/tenant_access_token/internal` checks the app id and
//!   secret ([`Config::credentials`]); wrong ones answer HTTP 200 with code 10003 / 10014.
//!   Tokens live [`Config::token_ttl`]; asking again with more than
//!   [`Config::token_refresh_window`] left returns the same token. Other calls without a live
//!   `Authorization: Bearer t-…` get 99991663 (unknown / missing), 99991664 (expired) or
//!   99991671 (malformed), HTTP 400.
//! * **Pending list.** `lang` required; `page_size` 1..=50, default 20 (else 210502);
//!   page tokens are opaque, bound to the app that got them (210501), expire after
//!   [`Config::page_token_ttl`] (210500), and continue after the last app shown, so apps
//!   leaving the list between pages never make a page skip one. Only self-built apps appear.
//! * **Versions.** `me` is the caller; a malformed app id is 210503, an unknown one 210506,
//!   a store app 210505, an unknown version 211002, another app's version 211003.
//! * **Decisions.** PATCH needs `user_id_type`, `operator_id` (a member, else 210507) and a
//!   `status`. 1 approves (the version goes online, the app leaves the pending list), 2
//!   rejects and needs `reject_reason`, 3 makes the version the one under review (a previous
//!   one goes back to 4), 4 and 0 set the status and take the version off review. One lock
//!   covers each decision, so concurrent decisions never lose an update.
//! * **Every other operation** of the spec ([`Config::spec`], the workspace spec by default)
//!   is routed from the spec, with no code per operation: it checks the tenant token as the
//!   stateful endpoints do (unless its `security` is empty), its path and query parameters
//!   (required, type, enum, bounds; 99992402 otherwise) and that a required body is a JSON
//!   object, then answers its `200` JSON example, where every string equal to a path
//!   parameter's documented example becomes the requested value. An operation without such
//!   an example answers HTTP 501 naming what the spec lacks.
//! * **Contacts range.** `…/app_versions/{version_id}/contacts_range_suggest` answers the
//!   range a version asks for ([`AppFixture::contacts_range_suggests`]; none for a version not
//!   named); `…/{app_id}/contacts_range_configuration` the live one
//!   ([`AppFixture::contacts_range`], `equal_to_availability` when absent), `page_size` ids per
//!   page (1..=100, default 50; members, then departments, then groups) with page tokens bound
//!   to the caller and the app. Approving a version makes its range live.
//! * **Malformed requests** get HTTP 400 with code 99992402 and a `msg` naming the field.
//! * **Faults** ([`Faults`]): latency, a rate limit (HTTP 429 / 99991400 with
//!   `x-ogw-ratelimit-limit` / `x-ogw-ratelimit-reset`), a seeded fraction of HTTP 500 / 2200,
//!   a seeded fraction of answers with drift (undocumented members and enum values, named in
//!   [`DRIFT_HEADER`]), operations that always fail ([`Faults::fail_routes`]); on the
//!   application endpoints and every operation answered from the spec, not on the token
//!   endpoint and not on unknown paths.
//!
//! Every answer carries `X-Tt-Logid`; error bodies are the spec's `ErrorResponse`, also on the
//! answers hyper writes by itself (a URI over 65534 bytes: 414; a malformed request: 400).
//! On shutdown, requests in flight get at most [`SHUTDOWN_GRACE`] to finish.
//!
//! # Test levers
//! Not reachable over HTTP: [`AppState::submit_version`] puts a new version of an app under
//! review as a developer's submission would; [`AppState::patches`] lists every decision the
//! fake accepted, in order; [`AppState::rate_limited`] counts the requests the rate limit
//! refused; [`AppState::operation_requests`] counts the requests of one operation by path.

mod admin;
mod clock;
mod config;
mod drift;
mod error;
mod error_answer;
mod extract;
mod faults;
mod fixtures;
mod listener;
mod logid;
mod pages;
mod routes;
pub mod seed;
mod server;
mod spec;
mod state;
mod tenant;
mod tokens;

pub use clock::Clock;
pub use config::{
    AppCredential, Config, DEFAULT_APP_ID, DEFAULT_APP_SECRET, DEFAULT_OPERATOR_OPEN_ID,
    DEFAULT_PAGE_TOKEN_TTL, DEFAULT_SEED, DEFAULT_TOKEN_REFRESH_WINDOW, DEFAULT_TOKEN_TTL, Faults,
    RateLimit,
};
pub use drift::{DRIFT_HEADER, DRIFT_I18N_KEY, DRIFT_SCOPE_LEVEL};
pub use error::{Error, Result};
pub use error_answer::ErrorAnswer;
pub use fixtures::{AppFixture, Fixtures, User, is_app_id};
pub use routes::app;
pub use server::{FakeHandle, SHUTDOWN_GRACE, serve, start};
pub use spec::Spec;
pub use state::AppState;
pub use tenant::Patch;
pub use tenant::{PendingPage, Tenant, View};
