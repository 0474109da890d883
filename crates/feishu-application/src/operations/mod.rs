//! The typed calls, one module per operation.

pub(crate) mod list;
pub(crate) mod review;
pub(crate) mod version;
