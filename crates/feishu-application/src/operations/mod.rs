//! The typed calls, one module per operation.

use crate::error::{Error, Result};

pub(crate) mod contacts_range;
pub(crate) mod list;
pub(crate) mod paging;
pub(crate) mod review;
pub(crate) mod version;

/// Refuses, before anything is sent, a required text argument that is empty or blank: Feishu
/// would only answer with a less helpful error about the path or query.
pub(crate) fn require_text(operation: &'static str, arguments: &[(&str, &str)]) -> Result<()> {
    match arguments.iter().find(|(_, value)| value.trim().is_empty()) {
        Some((name, _)) => Err(Error::InvalidArgument {
            operation,
            message: format!("{name} must not be empty"),
        }),
        None => Ok(()),
    }
}
