//! End-to-end against the in-process fake: the typed `Client` as users drive it (listing
//! across pages, a token expiring mid-listing, retries through injected faults, decisions,
//! concurrent calls under a rate limit on the paused clock), and the generated raw client on
//! the same workflow.

mod support;

mod contacts_range;
mod decisions;
mod faults;
mod listing;
mod rate_limit;
mod raw;
