//! RFC 6901 JSON pointers, written and read in one place: a location built on the stack while
//! walking a body ([`Path`]), turned into a pointer string only when something is found there;
//! escaping ([`escape_segment`]) and unescaping ([`unescape_segment`]) one segment; and the
//! segments of a pointer string ([`Pointer`]).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// A location in a JSON body: the root, or a member or an item of a parent location.
///
/// ```
/// use feishu_wire::Path;
/// let root = Path::Root;
/// let data = Path::Key(&root, "data");
/// let item = Path::Index(&data, 0);
/// let odd = Path::Key(&item, "a/b~c");
/// assert_eq!(odd.pointer(), "/data/0/a~1b~0c");
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The body itself (pointer `""`).
    Root,
    /// A member of an object.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The RFC 6901 JSON pointer of this location.
    #[must_use]
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                push_key(out, key);
            }
            Path::Index(parent, index) => {
                parent.write(out);
                // Writing to a String cannot fail.
                let _ = write!(out, "/{index}");
            }
        }
    }
}

/// Appends the pointer segment of the member `key`: `/`, then the key with `~` and `/` escaped.
pub fn push_key(out: &mut String, key: &str) {
    out.push('/');
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// One pointer segment, escaped (`~` → `~0`, `/` → `~1`), without the leading `/`.
///
/// ```
/// assert_eq!(feishu_wire::pointer::escape_segment("a/b~c"), "a~1b~0c");
/// ```
#[must_use]
pub fn escape_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len() + 1);
    push_key(&mut out, segment);
    out.split_off(1)
}

/// A pointer string that breaks RFC 6901: it neither is empty nor starts with `/`, or it holds a
/// `~` not followed by `0` or `1`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PointerError {
    /// A non-empty pointer that does not start with `/`.
    NoLeadingSlash {
        /// The pointer as given.
        pointer: String,
    },
    /// A `~` followed by something other than `0` or `1` (or by nothing).
    BadEscape {
        /// The segment as written, escapes included.
        segment: String,
    },
}

impl fmt::Display for PointerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PointerError::NoLeadingSlash { pointer } => write!(
                f,
                "JSON pointer {pointer:?} is neither empty nor starts with '/'"
            ),
            PointerError::BadEscape { segment } => write!(
                f,
                "JSON pointer segment {segment:?} has a '~' not followed by '0' or '1'"
            ),
        }
    }
}

impl std::error::Error for PointerError {}

/// One pointer segment, unescaped (`~1` → `/`, `~0` → `~`); borrowed when it holds no `~`.
///
/// `~01` is `~1`, not `/`: each escape is read once, left to right.
///
/// ```
/// use feishu_wire::pointer::unescape_segment;
/// assert_eq!(unescape_segment("a~1b~0c").unwrap(), "a/b~c");
/// assert_eq!(unescape_segment("~01").unwrap(), "~1");
/// assert!(unescape_segment("~2").is_err());
/// ```
///
/// # Errors
/// [`PointerError::BadEscape`] when a `~` is followed by anything but `0` or `1`.
pub fn unescape_segment(segment: &str) -> Result<Cow<'_, str>, PointerError> {
    if !segment.contains('~') {
        return Ok(Cow::Borrowed(segment));
    }
    let mut out = String::with_capacity(segment.len());
    let mut chars = segment.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('~'),
            Some('1') => out.push('/'),
            _ => {
                return Err(PointerError::BadEscape {
                    segment: segment.to_owned(),
                });
            }
        }
    }
    Ok(Cow::Owned(out))
}

/// The segments of an RFC 6901 pointer string, each unescaped, first to last.
///
/// The empty pointer (the root) has no segments; `/` has one empty segment, and a trailing `/`
/// adds an empty segment (the member named `""`).
///
/// ```
/// use feishu_wire::pointer::Pointer;
/// let segments: Vec<_> = Pointer::parse("/data/a~1b/0")
///     .unwrap()
///     .collect::<Result<_, _>>()
///     .unwrap();
/// assert_eq!(segments, ["data", "a/b", "0"]);
/// ```
#[derive(Clone, Debug)]
pub struct Pointer<'a> {
    /// What is left after the last segment returned, without its leading `/`; `None` when done.
    rest: Option<&'a str>,
}

impl<'a> Pointer<'a> {
    /// The segments of `pointer`.
    ///
    /// # Errors
    /// [`PointerError::NoLeadingSlash`] when `pointer` is neither empty nor starts with `/`.
    pub fn parse(pointer: &'a str) -> Result<Self, PointerError> {
        if pointer.is_empty() {
            return Ok(Pointer { rest: None });
        }
        match pointer.strip_prefix('/') {
            Some(rest) => Ok(Pointer { rest: Some(rest) }),
            None => Err(PointerError::NoLeadingSlash {
                pointer: pointer.to_owned(),
            }),
        }
    }

    /// The parent pointer (still escaped) and the last segment (unescaped); `None` for the root
    /// or a pointer without a leading `/`.
    ///
    /// ```
    /// use feishu_wire::pointer::Pointer;
    /// let (parent, last) = Pointer::split_last("/data/a~1b").unwrap();
    /// assert_eq!((parent, last.unwrap().as_ref()), ("/data", "a/b"));
    /// ```
    #[must_use]
    pub fn split_last(pointer: &str) -> Option<(&str, Result<Cow<'_, str>, PointerError>)> {
        if !pointer.starts_with('/') {
            return None;
        }
        let (parent, last) = pointer.rsplit_once('/')?;
        Some((parent, unescape_segment(last)))
    }
}

impl<'a> Iterator for Pointer<'a> {
    type Item = Result<Cow<'a, str>, PointerError>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest?;
        let (segment, after) = match rest.split_once('/') {
            Some((segment, after)) => (segment, Some(after)),
            None => (rest, None),
        };
        self.rest = after;
        Some(unescape_segment(segment))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_empty_pointer_and_indexes_are_plain() {
        let root = Path::Root;
        assert_eq!(root.pointer(), "");
        let items = Path::Key(&root, "items");
        assert_eq!(Path::Index(&items, 12).pointer(), "/items/12");
    }

    #[test]
    fn tilde_is_escaped_before_slash_so_escapes_never_mix() {
        assert_eq!(escape_segment("~1"), "~01");
        assert_eq!(escape_segment("/0"), "~10");
        assert_eq!(escape_segment(""), "");
    }

    fn segments(pointer: &str) -> Vec<String> {
        Pointer::parse(pointer)
            .unwrap()
            .map(|s| s.unwrap().into_owned())
            .collect()
    }

    #[test]
    fn unescaping_reads_each_escape_once_so_tilde_one_stays_literal() {
        assert_eq!(unescape_segment("~01").unwrap(), "~1");
        assert_eq!(unescape_segment("~10").unwrap(), "/0");
        assert_eq!(unescape_segment("a~1b~0c").unwrap(), "a/b~c");
        for segment in ["", "plain", "~", "a/b~c", "~1", "~0~1//~~"] {
            assert_eq!(unescape_segment(&escape_segment(segment)).unwrap(), segment);
        }
    }

    #[test]
    fn a_tilde_without_zero_or_one_is_a_bad_escape() {
        for bad in ["~", "a~", "~2", "~~0", "x~a"] {
            assert_eq!(
                unescape_segment(bad),
                Err(PointerError::BadEscape {
                    segment: bad.to_owned()
                }),
                "{bad:?}"
            );
        }
        let mut pointer = Pointer::parse("/ok/~x/never").unwrap();
        assert_eq!(pointer.next(), Some(Ok(Cow::Borrowed("ok"))));
        assert!(matches!(
            pointer.next(),
            Some(Err(PointerError::BadEscape { .. }))
        ));
    }

    #[test]
    fn the_empty_pointer_has_no_segments_and_a_bare_slash_has_one_empty_one() {
        assert!(segments("").is_empty());
        assert_eq!(segments("/"), [""]);
        assert_eq!(
            Pointer::parse("data").unwrap_err(),
            PointerError::NoLeadingSlash {
                pointer: "data".to_owned()
            }
        );
    }

    #[test]
    fn a_trailing_slash_names_the_empty_member() {
        assert_eq!(segments("/data/"), ["data", ""]);
        assert_eq!(segments("/a//b"), ["a", "", "b"]);
        assert_eq!(segments("/a~1b/~0/3"), ["a/b", "~", "3"]);
    }

    #[test]
    fn split_last_keeps_the_parent_escaped() {
        let (parent, last) = Pointer::split_last("/a~1b/c~0").unwrap();
        assert_eq!((parent, last.unwrap().as_ref()), ("/a~1b", "c~"));
        assert!(Pointer::split_last("").is_none());
        assert!(Pointer::split_last("x/y").is_none());
        let (parent, last) = Pointer::split_last("/").unwrap();
        assert_eq!((parent, last.unwrap().as_ref()), ("", ""));
    }
}
