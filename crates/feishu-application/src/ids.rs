//! Typed ids: an app id, a version id and a user's open_id are all strings on the wire, and a
//! call that takes three of them must not take them in the wrong order.
//!
//! The calls take `impl Into<AppId>` (and so on): a string converts as it is, which keeps ids
//! read from Feishu's answers cheap to pass on, but an id of one kind never converts into
//! another, so swapping two typed ids is a compile error. Ids typed by a person go through
//! `parse`, which checks the documented prefix:
//!
//! ```
//! use feishu_application::{AppId, OpenId, VersionId};
//! let app = AppId::parse("cli_9f3ca975326b501b")?;
//! let version = VersionId::parse("oav_d317f090b7258ad0372aa53963cda70d")?;
//! assert!(OpenId::parse("oav_d317f090").is_err());
//! assert_eq!(app.as_str(), "cli_9f3ca975326b501b");
//! # drop(version);
//! # Ok::<(), feishu_application::IdError>(())
//! ```

use std::fmt;

/// An id given by a person that is not of the kind asked for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not {kind}: it must start with `{prefix}`{extra}")]
pub struct IdError {
    /// What was given.
    pub value: String,
    /// What kind of id was asked for, e.g. "an app id".
    pub kind: &'static str,
    /// The documented prefix, e.g. `cli_`.
    pub prefix: &'static str,
    extra: &'static str,
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $prefix:literal, also: [$($also:literal),*], $extra:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The documented prefix of this kind of id.
            pub const PREFIX: &'static str = $prefix;

            /// An id as Feishu gave it (from an answer), not checked.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// An id typed by a person: it must start with [`Self::PREFIX`] and have more after.
            pub fn parse(id: &str) -> Result<Self, IdError> {
                let id = id.trim();
                let known = [$($also),*].contains(&id);
                if known || (id.len() > $prefix.len() && id.starts_with($prefix)) {
                    Ok(Self(id.to_owned()))
                } else {
                    Err(IdError { value: id.to_owned(), kind: $kind, prefix: $prefix, extra: $extra })
                }
            }

            /// The id as sent on the wire.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self::new(id)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self::new(id)
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                Self::new(id.as_str())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;

            fn from_str(id: &str) -> Result<Self, IdError> {
                Self::parse(id)
            }
        }
    };
}

id_type!(
    /// An app's id (`cli_…`), or `me` for the calling app where Feishu allows it.
    AppId, "an app id", "cli_", also: ["me"], " (or be `me`)"
);
id_type!(
    /// An app version's id (`oav_…`).
    VersionId, "a version id", "oav_", also: [], ""
);
id_type!(
    /// A user's open_id (`ou_…`), e.g. the reviewer a decision is recorded for.
    OpenId, "an open_id", "ou_", also: [], ""
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_checks_the_prefix_and_names_what_was_wrong() {
        assert_eq!(AppId::parse(" cli_a1 ").unwrap().as_str(), "cli_a1");
        assert_eq!(AppId::parse("me").unwrap().as_str(), "me");
        let error = AppId::parse("oav_1").unwrap_err();
        assert_eq!(
            error.to_string(),
            "\"oav_1\" is not an app id: it must start with `cli_` (or be `me`)"
        );
        assert!(VersionId::parse("oav_").is_err(), "a prefix alone is no id");
        assert!(OpenId::parse("").is_err());
        assert_eq!("ou_1".parse::<OpenId>().unwrap().to_string(), "ou_1");
    }

    #[test]
    fn strings_convert_unchecked_as_feishu_gave_them() {
        let from_answer = String::from("anything");
        assert_eq!(AppId::from(&from_answer).as_str(), "anything");
        assert_eq!(VersionId::from("x").as_str(), "x");
    }
}
