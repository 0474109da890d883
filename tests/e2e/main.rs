//! End-to-end: the generated client against the in-process fake — the whole review workflow,
//! and a token that expires in the middle of it.

mod support;

mod review;
mod token_expiry;
