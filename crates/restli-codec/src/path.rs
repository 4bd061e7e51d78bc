//! Resource path templates such as `/socialActions/{actionUrn}/comments/{commentId}`.
//!
//! Each `{name}` is replaced by the URL-form encoding of the key of that
//! name, taken from a map or a struct. Placeholders and keys must match one
//! to one, so a typo on either side is an error instead of a wrong URL.
//!
//! ```
//! use linkedin::restli::PathTemplate;
//! use serde_json::json;
//!
//! let template = PathTemplate::parse("/socialActions/{actionUrn}/comments/{commentId}")?;
//! let path = template.expand(&json!({"actionUrn": "urn:li:share:1", "commentId": 42}))?;
//! assert_eq!(path, "/socialActions/urn%3Ali%3Ashare%3A1/comments/42");
//! # Ok::<(), linkedin::restli::PathError>(())
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result as CodecResult};
use crate::escape::Form;
use crate::params::{self, EntrySink};
use crate::ser::{Emitted, encode_into};

/// A parsed path template.
///
/// ```
/// let template = linkedin::restli::PathTemplate::parse("/adAccounts/{id}/adCampaigns")?;
/// assert_eq!(template.placeholders().collect::<Vec<_>>(), ["id"]);
/// # Ok::<(), linkedin::restli::PathError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Placeholder(String),
}

/// What is wrong with a template or its keys.
///
/// ```
/// use linkedin::restli::{PathError, PathTemplate};
/// use serde_json::json;
///
/// let err = PathTemplate::parse("/posts/{id}")?.expand(&json!({})).unwrap_err();
/// assert_eq!(err, PathError::MissingKey { name: "id".into() });
/// assert_eq!(err.to_string(), "no key given for placeholder {id}");
/// # Ok::<(), PathError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PathError {
    /// A `{` with no matching `}`.
    #[error("unclosed placeholder: '{{' at byte {offset} has no matching '}}'")]
    UnclosedPlaceholder {
        /// Where the `{` is.
        offset: usize,
    },
    /// A `}` with no `{` before it.
    #[error("unexpected '}}' at byte {offset} outside a placeholder")]
    UnmatchedBrace {
        /// Where the `}` is.
        offset: usize,
    },
    /// A placeholder whose name is empty or has characters other than
    /// letters, digits and `_`.
    #[error("invalid placeholder name {name:?} at byte {offset} (use letters, digits and '_')")]
    InvalidPlaceholder {
        /// The text between the braces.
        name: String,
        /// Where the placeholder starts.
        offset: usize,
    },
    /// The same placeholder appears twice.
    #[error("placeholder {{{name}}} appears more than once")]
    DuplicatePlaceholder {
        /// Its name.
        name: String,
    },
    /// A placeholder with no key (or a null key).
    #[error("no key given for placeholder {{{name}}}")]
    MissingKey {
        /// The placeholder's name.
        name: String,
    },
    /// A key with no placeholder.
    #[error(
        "key {} matches no placeholder in the template",
        crate::excerpt::Excerpt(name)
    )]
    ExtraKey {
        /// The key's name.
        name: String,
    },
    /// A path segment that is `.` or `..` (also percent-escaped, as
    /// `%2E`): URL resolution (RFC 3986 section 5.2.4, and the WHATWG URL
    /// parser reqwest uses, which also decodes `%2E`) removes it or climbs
    /// one segment up, so `/adAccounts/1/adCampaigns/..` would DELETE the
    /// account itself.
    #[error(
        "path segment {segment:?}{} is a dot segment: URL resolution would \
         change the target (`..` climbs to the parent)",
        placeholder.as_ref().map(|p| format!(" (from placeholder {{{p}}})")).unwrap_or_default()
    )]
    DotSegment {
        /// The segment as written (`.`, `..`, `%2E`, ...).
        segment: String,
        /// The placeholder whose key produced it, when one did.
        placeholder: Option<String>,
    },
    /// A key that could not be encoded, or keys that are not a map.
    #[error(
        "cannot encode the key {}: {}",
        crate::excerpt::Excerpt(name),
        crate::excerpt::bounded(&source.to_string())
    )]
    Encode {
        /// The key's name (empty when the keys as a whole are not a map).
        name: String,
        /// The encoding error.
        source: Error,
    },
}

impl PathTemplate {
    /// Parses a template. Text outside braces is kept as it is.
    ///
    /// ```
    /// use linkedin::restli::{PathError, PathTemplate};
    ///
    /// assert_eq!(
    ///     PathTemplate::parse("/a/{id").unwrap_err(),
    ///     PathError::UnclosedPlaceholder { offset: 3 }
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// An unclosed `{`, a stray `}`, an empty or malformed placeholder name,
    /// or a name used twice.
    pub fn parse(template: &str) -> Result<PathTemplate, PathError> {
        let mut pieces = Vec::new();
        // Names seen so far: one hash lookup per placeholder keeps parsing
        // linear (a scan of `pieces` made 30,000 placeholders take seconds).
        let mut seen: HashSet<&str> = HashSet::new();
        let mut literal_start = 0;
        let mut rest = template.char_indices();
        while let Some((i, c)) = rest.next() {
            match c {
                '{' => {
                    let close = template
                        .get(i + 1..)
                        .and_then(|s| s.find(['{', '}']))
                        .map(|j| i + 1 + j)
                        .filter(|&j| template.as_bytes().get(j) == Some(&b'}'))
                        .ok_or(PathError::UnclosedPlaceholder { offset: i })?;
                    let name = template.get(i + 1..close).unwrap_or("");
                    if name.is_empty()
                        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        return Err(PathError::InvalidPlaceholder {
                            name: crate::excerpt::head(name).to_owned(),
                            offset: i,
                        });
                    }
                    if !seen.insert(name) {
                        return Err(PathError::DuplicatePlaceholder {
                            name: crate::excerpt::head(name).to_owned(),
                        });
                    }
                    if literal_start < i {
                        pieces.push(Piece::Literal(
                            template.get(literal_start..i).unwrap_or("").to_owned(),
                        ));
                    }
                    pieces.push(Piece::Placeholder(name.to_owned()));
                    literal_start = close + 1;
                    // Skip past the placeholder.
                    for (j, _) in rest.by_ref() {
                        if j == close {
                            break;
                        }
                    }
                }
                '}' => return Err(PathError::UnmatchedBrace { offset: i }),
                _ => {}
            }
        }
        if literal_start < template.len() {
            pieces.push(Piece::Literal(
                template.get(literal_start..).unwrap_or("").to_owned(),
            ));
        }
        Ok(PathTemplate { pieces })
    }

    /// The placeholder names, in order.
    ///
    /// ```
    /// let t = linkedin::restli::PathTemplate::parse("/a/{x}/b/{y}")?;
    /// assert_eq!(t.placeholders().collect::<Vec<_>>(), ["x", "y"]);
    /// # Ok::<(), linkedin::restli::PathError>(())
    /// ```
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Placeholder(name) => Some(name.as_str()),
            Piece::Literal(_) => None,
        })
    }

    /// Replaces each placeholder with its key, URL-form encoded. `keys` is a
    /// map or a struct; `()` stands for "no keys".
    ///
    /// ```
    /// use serde::Serialize;
    ///
    /// #[derive(Serialize)]
    /// struct Key { part1: &'static str, part2: u32 }
    /// #[derive(Serialize)]
    /// struct Keys { key: Key }
    ///
    /// let t = linkedin::restli::PathTemplate::parse("/association/{key}")?;
    /// let path = t.expand(&Keys { key: Key { part1: "a b", part2: 3 } })?;
    /// assert_eq!(path, "/association/(part1:a%20b,part2:3)");
    /// # Ok::<(), linkedin::restli::PathError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PathError::MissingKey`] or [`PathError::ExtraKey`] when keys and
    /// placeholders do not match, [`PathError::Encode`] when a key cannot be
    /// encoded.
    pub fn expand<K: Serialize + ?Sized>(&self, keys: &K) -> Result<String, PathError> {
        self.fill(&encode_keys(keys)?)
    }

    /// Replaces each placeholder with an already encoded key.
    ///
    /// Linear in the template and the keys; a segment that comes out as
    /// `.` or `..` is refused ([`PathError::DotSegment`]).
    pub(crate) fn fill(&self, encoded: &BTreeMap<String, String>) -> Result<String, PathError> {
        let mut path = String::new();
        self.fill_into(encoded, &mut path)?;
        Ok(path)
    }

    /// [`fill`](Self::fill), appending the path to `out` (a request's URL
    /// after its root): no string of its own.
    pub(crate) fn fill_into(
        &self,
        encoded: &BTreeMap<String, String>,
        out: &mut String,
    ) -> Result<(), PathError> {
        let start = out.len();
        let path = out;
        let mut placeholders = 0usize;
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => path.push_str(text),
                Piece::Placeholder(name) => match encoded.get(name) {
                    Some(value) => {
                        placeholders += 1;
                        if is_dot_segment(value) {
                            return Err(PathError::DotSegment {
                                segment: crate::excerpt::head(value).to_owned(),
                                placeholder: Some(crate::excerpt::head(name).to_owned()),
                            });
                        }
                        path.push_str(value)
                    }
                    None => {
                        return Err(PathError::MissingKey {
                            name: crate::excerpt::head(name).to_owned(),
                        });
                    }
                },
            }
        }
        // Placeholders are unique and each found its key, so there is an
        // extra key exactly when there are more keys than placeholders.
        if encoded.len() > placeholders {
            let names: HashSet<&str> = self.placeholders().collect();
            if let Some(extra) = encoded.keys().find(|name| !names.contains(name.as_str())) {
                return Err(PathError::ExtraKey {
                    name: crate::excerpt::head(extra).to_owned(),
                });
            }
        }
        check_dot_segments(path.get(start..).unwrap_or_default())?;
        Ok(())
    }
}

/// Most placeholders a template may have for [`fill_template_into`]'s
/// streaming path; a template with more goes through [`PathTemplate`].
const STREAMED_PLACEHOLDERS: usize = 8;

/// Appends `template` filled with `encoded` to `out`: what
/// `PathTemplate::parse(template)?.fill_into(encoded, out)` does, without
/// building the template (no allocation on a request's path; issue 17).
///
/// The streaming pass handles the usual template: a few well-formed,
/// distinct placeholders, each with its key, and no extra key. Anything
/// else (a malformed template, a missing, extra or dot-segment key, many
/// placeholders) is handed to the parsed template, which says what is
/// wrong exactly as before; `out` is first cut back to where it was.
pub(crate) fn fill_template_into(
    template: &str,
    encoded: &BTreeMap<String, String>,
    out: &mut String,
) -> Result<(), PathError> {
    let start = out.len();
    if stream_fill(template, encoded, out).is_none() {
        out.truncate(start);
        return PathTemplate::parse(template)?.fill_into(encoded, out);
    }
    check_dot_segments(out.get(start..).unwrap_or_default())
}

/// The streaming pass of [`fill_template_into`]; `None` hands the
/// template to the parsed path.
fn stream_fill(template: &str, encoded: &BTreeMap<String, String>, out: &mut String) -> Option<()> {
    let mut seen: [&str; STREAMED_PLACEHOLDERS] = [""; STREAMED_PLACEHOLDERS];
    let mut placeholders = 0usize;
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        let (literal, tail) = rest.split_at_checked(open)?;
        out.push_str(literal);
        // An unmatched `}`, or a `{` without its own `}`.
        let after = tail.strip_prefix('{')?;
        let close = after.find(['{', '}'])?;
        let (name, tail) = after.split_at_checked(close)?;
        rest = tail.strip_prefix('}')?;
        let valid =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid || placeholders == STREAMED_PLACEHOLDERS {
            return None;
        }
        let earlier = seen.get(..placeholders)?;
        if earlier.contains(&name) {
            return None;
        }
        let value = encoded.get(name)?;
        if is_dot_segment(value) {
            return None;
        }
        *seen.get_mut(placeholders)? = name;
        placeholders += 1;
        out.push_str(value);
    }
    out.push_str(rest);
    (encoded.len() == placeholders).then_some(())
}

/// Whether a path segment is `.` or `..` once `%2E`/`%2e` are read as
/// `.`, as URL parsers do.
pub(crate) fn is_dot_segment(segment: &str) -> bool {
    let mut dots = 0usize;
    let mut rest = segment.as_bytes();
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix(b".") {
            rest = tail;
        } else if rest.len() >= 3
            && rest.first() == Some(&b'%')
            && rest.get(1) == Some(&b'2')
            && rest.get(2).is_some_and(|b| b.eq_ignore_ascii_case(&b'e'))
        {
            rest = rest.get(3..).unwrap_or_default();
        } else {
            return false;
        }
        dots += 1;
        if dots > 2 {
            return false;
        }
    }
    dots == 1 || dots == 2
}

/// Refuses a path with a `.` or `..` segment (before any query).
pub(crate) fn check_dot_segments(path: &str) -> Result<(), PathError> {
    // A dot segment needs a `.` or a `%` (of `%2E`): most paths have
    // neither, and are passed on one scan.
    if !path.bytes().any(|b| b == b'.' || b == b'%') {
        return Ok(());
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    match path.split('/').find(|segment| is_dot_segment(segment)) {
        Some(segment) => Err(PathError::DotSegment {
            segment: segment.to_owned(),
            placeholder: None,
        }),
        None => Ok(()),
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => f.write_str(text)?,
                Piece::Placeholder(name) => write!(f, "{{{name}}}")?,
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for PathTemplate {
    type Err = PathError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PathTemplate::parse(s)
    }
}

/// Parses `template` and expands it with `keys` in one step.
///
/// ```
/// let path = linkedin::restli::path::expand("/adAccounts/{id}", &serde_json::json!({"id": 123}))?;
/// assert_eq!(path, "/adAccounts/123");
/// # Ok::<(), linkedin::restli::PathError>(())
/// ```
///
/// # Errors
///
/// Any error of [`PathTemplate::parse`] or [`PathTemplate::expand`].
pub fn expand<K: Serialize + ?Sized>(template: &str, keys: &K) -> Result<String, PathError> {
    PathTemplate::parse(template)?.expand(keys)
}

/// URL-form encodes each entry of a struct or map of keys; null keys are
/// left out (they count as absent).
pub(crate) fn encode_keys<K: Serialize + ?Sized>(
    keys: &K,
) -> Result<BTreeMap<String, String>, PathError> {
    let collected =
        params::collect(keys, KeyCollector::default()).map_err(|source| PathError::Encode {
            name: String::new(),
            source,
        })?;
    let mut encoded = BTreeMap::new();
    for (name, value) in collected {
        match value {
            Ok(Some(value)) => {
                encoded.insert(name.into_owned(), value);
            }
            // A null key counts as absent.
            Ok(None) => {}
            Err(source) => {
                return Err(PathError::Encode {
                    name: name.into_owned(),
                    source,
                });
            }
        }
    }
    Ok(encoded)
}

/// Encoded keys by name: `Ok(None)` for a null key, `Err` for a key that
/// could not be encoded (reported with its name by `expand`).
#[derive(Default)]
struct KeyCollector {
    keys: BTreeMap<Cow<'static, str>, CodecResult<Option<String>>>,
}

impl EntrySink for KeyCollector {
    type Output = BTreeMap<Cow<'static, str>, CodecResult<Option<String>>>;
    const CONTEXT: &'static str = "path keys";

    fn entry<T: Serialize + ?Sized>(
        &mut self,
        name: Cow<'static, str>,
        value: &T,
    ) -> CodecResult<()> {
        let mut out = String::new();
        let encoded = encode_into(&mut out, value, Form::Url).map(|emitted| match emitted {
            Emitted::Value => Some(out),
            Emitted::Null => None,
        });
        if self.keys.insert(name.clone(), encoded).is_some() {
            return Err(Error::new(ErrorKind::DuplicateKey(name.into_owned())));
        }
        Ok(())
    }

    fn finish(self) -> CodecResult<Self::Output> {
        Ok(self.keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the streaming fill must equal: the parsed template's.
    fn parsed(template: &str, keys: &BTreeMap<String, String>) -> Result<String, PathError> {
        let mut out = String::from("https://x/rest");
        PathTemplate::parse(template)?.fill_into(keys, &mut out)?;
        Ok(out)
    }

    fn streamed(template: &str, keys: &BTreeMap<String, String>) -> Result<String, PathError> {
        let mut out = String::from("https://x/rest");
        fill_template_into(template, keys, &mut out)?;
        Ok(out)
    }

    fn keys(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn streamed_fill_matches_the_parsed_template_on_the_usual_and_the_odd_cases() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("/adAccounts/{id}", &[("id", "5")]),
            ("/a/{x}/b/{y}", &[("x", "1"), ("y", "2")]),
            ("/a/{x}/b/{x}", &[("x", "1")]),
            ("/a/{x", &[("x", "1")]),
            ("/a/x}", &[]),
            ("/a/{}", &[]),
            ("/a/{x-y}", &[("x-y", "1")]),
            ("/a/{x}", &[]),
            ("/a/{x}", &[("x", "1"), ("z", "2")]),
            ("/a/{x}/c", &[("x", "..")]),
            ("/a/./{x}", &[("x", "1")]),
            (
                "/{a}{b}{c}{d}{e}{f}{g}{h}{i}",
                &[
                    ("a", "1"),
                    ("b", "2"),
                    ("c", "3"),
                    ("d", "4"),
                    ("e", "5"),
                    ("f", "6"),
                    ("g", "7"),
                    ("h", "8"),
                    ("i", "9"),
                ],
            ),
            ("", &[]),
            ("/me", &[]),
        ];
        for (template, pairs) in cases {
            let keys = keys(pairs);
            assert_eq!(
                streamed(template, &keys),
                parsed(template, &keys),
                "{template}"
            );
        }
        assert_eq!(
            streamed("/adAccounts/{id}/adCampaigns", &keys(&[("id", "5")])).unwrap(),
            "https://x/rest/adAccounts/5/adCampaigns"
        );
    }

    proptest! {
        #[test]
        fn streamed_fill_equals_the_parsed_template(
            template in "[a/{}._%2Exy]{0,24}",
            pairs in proptest::collection::btree_map("[axy]{0,2}", "[a.%2E/]{0,3}", 0..4),
        ) {
            prop_assert_eq!(streamed(&template, &pairs), parsed(&template, &pairs));
        }
    }
}
