//! A string that never shows itself: app secrets and tenant access tokens.

use std::fmt;

/// A secret value (an app secret or an access token).
///
/// `Debug` prints `Secret([redacted])`, the placeholder of [`feishu_wire::secret::REDACTED`]; there is no `Display`. Read it with [`Secret::expose`] only
/// where it must go on the wire.
///
/// ```
/// use feishu_application::Secret;
/// let secret = Secret::new("t-abc");
/// assert_eq!(format!("{secret:?}"), "Secret([redacted])");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Never log or format the result.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", feishu_wire::secret::REDACTED)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}
