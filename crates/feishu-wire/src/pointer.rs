//! RFC 6901 JSON pointers: a location built on the stack while walking a body, turned into a
//! pointer string only when something is found there.

use std::fmt::Write as _;

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
}
