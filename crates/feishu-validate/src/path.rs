//! A location in a body, built on the stack while walking and turned into an RFC 6901 JSON
//! pointer only when a finding needs one.

use std::fmt::Write;

/// A location in a body: the root, or a member or an item of a parent location.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Path<'a> {
    /// The body itself (pointer `""`).
    Root,
    /// A member of an object.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The RFC 6901 JSON pointer of this location.
    pub(crate) fn pointer(&self) -> String {
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

/// Appends the pointer segment of the member `key` (`/` and the key, `~` and `/` escaped).
pub(crate) fn push_key(out: &mut String, key: &str) {
    out.push('/');
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let root = Path::Root;
        let data = Path::Key(&root, "data");
        let item = Path::Index(&data, 3);
        let odd = Path::Key(&item, "a/b~c");
        assert_eq!(root.pointer(), "");
        assert_eq!(odd.pointer(), "/data/3/a~1b~0c");
    }
}
