//! Path templates (`/open-apis/application/v6/applications/{app_id}`) and matching a request
//! path against them: the one rule the fake (to answer an operation) and the proxy (to name
//! the operation it relays) share, so both find the same operation for a request. Where two
//! templates fit a path, the more specific wins: a literal segment beats a parameter.
//!
//! ```
//! use feishu_wire::path_template::{PathTemplate, split};
//! let list = PathTemplate::parse("/apps/underauditlist").unwrap();
//! let one = PathTemplate::parse("/apps/{app_id}").unwrap();
//! let parts = split("/apps/underauditlist");
//! assert!(list.matches(&parts) && one.matches(&parts));
//! assert!(list.specificity() > one.specificity());
//! assert_eq!(one.values(&split("/apps/cli%201")).unwrap(), [("app_id".to_owned(), "cli 1".to_owned())]);
//! ```

/// One segment of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Parameter(String),
}

/// A parsed path template. Parameters are whole segments (`{app_id}`), as every Feishu path is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    segments: Vec<Segment>,
}

impl PathTemplate {
    /// Parses a spec path.
    ///
    /// # Errors
    /// A path that does not start with `/`, or a parameter that is only part of a segment
    /// (`{id}.json`): where its value ends could not be told.
    pub fn parse(path: &str) -> Result<Self, String> {
        let Some(rest) = path.strip_prefix('/') else {
            return Err(format!("path {path:?} does not start with '/'"));
        };
        let segments = rest
            .split('/')
            .map(|part| {
                let name = part.strip_prefix('{').and_then(|p| p.strip_suffix('}'));
                match name {
                    Some(name) if !name.is_empty() && !name.contains(['{', '}']) => {
                        Ok(Segment::Parameter(name.to_owned()))
                    }
                    _ if part.contains(['{', '}']) => Err(format!(
                        "path {path:?}: segment {part:?} is not a whole `{{parameter}}`"
                    )),
                    _ => Ok(Segment::Literal(part.to_owned())),
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { segments })
    }

    /// The template with parameter names left out: two templates of one shape match the
    /// same requests (OpenAPI calls them identical).
    #[must_use]
    pub fn shape(&self) -> Vec<Option<&str>> {
        self.segments
            .iter()
            .map(|segment| match segment {
                Segment::Literal(literal) => Some(literal.as_str()),
                Segment::Parameter(_) => None,
            })
            .collect()
    }

    /// How specific the template is: compared segment by segment, a literal beats a
    /// parameter, so `/applications/underauditlist` wins over `/applications/{app_id}`.
    #[must_use]
    pub fn specificity(&self) -> Vec<bool> {
        self.shape().iter().map(Option::is_some).collect()
    }

    /// Whether the request path's segments (still percent-encoded) fit the template. A
    /// parameter needs a non-empty segment.
    #[must_use]
    pub fn matches(&self, parts: &[&str]) -> bool {
        self.segments.len() == parts.len()
            && self
                .segments
                .iter()
                .zip(parts)
                .all(|(segment, part)| match segment {
                    Segment::Literal(literal) => literal == part,
                    Segment::Parameter(_) => !part.is_empty(),
                })
    }

    /// The parameters' names and percent-decoded values, for a path that [`Self::matches`].
    ///
    /// # Errors
    /// A parameter's segment that is not valid percent-encoded UTF-8.
    pub fn values(&self, parts: &[&str]) -> Result<Vec<(String, String)>, String> {
        self.segments
            .iter()
            .zip(parts)
            .filter_map(|(segment, part)| match segment {
                Segment::Parameter(name) => Some((name, part)),
                Segment::Literal(_) => None,
            })
            .map(|(name, part)| {
                let value = percent_decode(part).ok_or_else(|| {
                    format!("{name} in the path is not valid percent-encoded UTF-8: {part:?}")
                })?;
                Ok((name.clone(), value))
            })
            .collect()
    }
}

/// The segments of a request path, `/a/b` → `["a", "b"]`.
#[must_use]
pub fn split(path: &str) -> Vec<&str> {
    path.strip_prefix('/').unwrap_or(path).split('/').collect()
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the bytes are not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_match_one_non_empty_segment_and_are_decoded() {
        let template = PathTemplate::parse("/a/{app_id}/b/{version_id}").unwrap();
        let parts = split("/a/cli%20x/b/v%E5%AE%A1");
        assert!(template.matches(&parts));
        assert_eq!(
            template.values(&parts).unwrap(),
            [
                ("app_id".to_owned(), "cli x".to_owned()),
                ("version_id".to_owned(), "v审".to_owned())
            ]
        );
        assert!(!template.matches(&split("/a//b/v")));
        assert!(!template.matches(&split("/a/x/c/v")));
        assert!(!template.matches(&split("/a/x/b/v/extra")));
    }

    #[test]
    fn bad_escapes_and_partial_parameters_are_errors() {
        let template = PathTemplate::parse("/a/{id}").unwrap();
        for bad in ["/a/%zz", "/a/%e5", "/a/%4"] {
            let error = template.values(&split(bad)).unwrap_err();
            assert!(error.contains("id in the path"), "{error}");
        }
        let error = PathTemplate::parse("/a/{id}.json").unwrap_err();
        assert!(error.contains("{id}.json"), "{error}");
        assert!(PathTemplate::parse("a/b").is_err());
    }

    #[test]
    fn a_literal_segment_is_more_specific_than_a_parameter() {
        let literal = PathTemplate::parse("/apps/underauditlist").unwrap();
        let parameter = PathTemplate::parse("/apps/{app_id}").unwrap();
        assert!(literal.specificity() > parameter.specificity());
        assert_eq!(parameter.shape(), [Some("apps"), None]);
    }
}
