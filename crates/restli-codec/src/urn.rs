//! LinkedIn URNs: `urn:<namespace>:<entityType>:<id>`, where the id may be a
//! tuple of ids and nested URNs.
//!
//! ```
//! use linkedin::restli::Urn;
//!
//! let creative: Urn = "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)".parse()?;
//! assert_eq!(creative.namespace(), "li");
//! assert_eq!(creative.entity_type(), "sponsoredCreative");
//! let parts = creative.tuple_ids().unwrap_or_default();
//! assert_eq!(parts, ["urn:li:sponsoredCampaign:123", "456"]);
//! let campaign: Urn = parts[0].parse()?;
//! assert_eq!(campaign.id(), "123");
//! # Ok::<(), linkedin::restli::UrnError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::MAX_DEPTH;

const PREFIX: &str = "urn:";

/// A parsed, validated URN. Compares, hashes and orders by its text.
///
/// Serializes as its string, so in a Rest.li URL it becomes
/// `urn%3Ali%3Aperson%3A123`.
///
/// ```
/// use linkedin::restli::Urn;
///
/// let urn = Urn::li("organization", 1234)?;
/// assert_eq!(urn.to_string(), "urn:li:organization:1234");
/// assert_eq!(linkedin::restli::to_string(&urn).unwrap(), "urn%3Ali%3Aorganization%3A1234");
/// # Ok::<(), linkedin::restli::UrnError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Urn {
    raw: String,
    /// Byte index of the `:` that ends the namespace.
    namespace_end: usize,
    /// Byte index of the `:` that ends the entity type.
    type_end: usize,
}

/// Why a string is not a URN, and at which byte.
///
/// ```
/// let err = "urn:li:person:".parse::<linkedin::restli::Urn>().unwrap_err();
/// assert_eq!(err.offset(), 14);
/// assert_eq!(err.to_string(), "invalid URN: the id is empty at byte 14");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid URN: {kind} at byte {offset}")]
pub struct UrnError {
    kind: UrnErrorKind,
    offset: usize,
}

/// The kinds of [`UrnError`].
///
/// ```
/// use linkedin::restli::urn::UrnErrorKind;
/// let err = "urn:li:x:(1,".parse::<linkedin::restli::Urn>().unwrap_err();
/// assert_eq!(err.kind(), &UrnErrorKind::UnbalancedParentheses);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrnErrorKind {
    /// The text does not start with `urn:`.
    #[error("expected the prefix \"urn:\"")]
    MissingPrefix,
    /// No `:` after the namespace, or an empty namespace.
    #[error("the namespace is missing or empty")]
    MissingNamespace,
    /// No `:` after the entity type, or an empty entity type.
    #[error("the entity type is missing or empty (expected urn:<namespace>:<entityType>:<id>)")]
    MissingEntityType,
    /// A character that namespaces or entity types may not contain.
    #[error("{found:?} is not allowed in the {part}")]
    InvalidChar {
        /// The character found.
        found: char,
        /// Which part of the URN it was in.
        part: &'static str,
    },
    /// Nothing after the entity type, or an empty element in a tuple id.
    #[error("the id is empty")]
    EmptyId,
    /// A tuple id whose parentheses do not match.
    #[error("unbalanced parentheses in a tuple id")]
    UnbalancedParentheses,
    /// Characters after the closing parenthesis of a tuple id.
    #[error("characters after the end of a tuple id")]
    TrailingCharacters,
    /// Tuple ids and nested URNs (`urn:a:b:urn:c:d:1`), counted together,
    /// nested deeper than [`MAX_DEPTH`].
    #[error("tuple ids and nested URNs nested more than {0} deep")]
    TooDeep(usize),
}

impl UrnError {
    fn new(kind: UrnErrorKind, offset: usize) -> Self {
        UrnError { kind, offset }
    }

    /// What is wrong.
    ///
    /// ```
    /// use linkedin::restli::urn::UrnErrorKind;
    /// let err = "person:1".parse::<linkedin::restli::Urn>().unwrap_err();
    /// assert_eq!(err.kind(), &UrnErrorKind::MissingPrefix);
    /// ```
    pub fn kind(&self) -> &UrnErrorKind {
        &self.kind
    }

    /// The byte offset into the text where the problem is.
    ///
    /// ```
    /// let err = "urn:li:per son:1".parse::<linkedin::restli::Urn>().unwrap_err();
    /// assert_eq!(err.offset(), 10);
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl Urn {
    /// Parses and validates a URN.
    ///
    /// ```
    /// let urn = linkedin::restli::Urn::parse("urn:li:person:abc123")?;
    /// assert_eq!(urn.id(), "abc123");
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`UrnError`] naming the problem and its byte offset.
    pub fn parse(text: &str) -> Result<Urn, UrnError> {
        let (namespace_end, type_end) = validate(text)?;
        Ok(Urn {
            raw: text.to_owned(),
            namespace_end,
            type_end,
        })
    }

    /// Builds a URN from its parts; the id is written with `Display`.
    ///
    /// ```
    /// let urn = linkedin::restli::Urn::new("li", "person", "abc")?;
    /// assert_eq!(urn.as_str(), "urn:li:person:abc");
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the parts do not make a valid URN (an empty part, a `:` in the
    /// namespace or entity type, unbalanced parentheses in the id, ...).
    pub fn new(namespace: &str, entity_type: &str, id: impl fmt::Display) -> Result<Urn, UrnError> {
        Urn::parse(&format!("{PREFIX}{namespace}:{entity_type}:{id}"))
    }

    /// Builds a URN in LinkedIn's `li` namespace.
    ///
    /// ```
    /// let urn = linkedin::restli::Urn::li("sponsoredAccount", 507_404_993)?;
    /// assert_eq!(urn.as_str(), "urn:li:sponsoredAccount:507404993");
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`Urn::new`].
    pub fn li(entity_type: &str, id: impl fmt::Display) -> Result<Urn, UrnError> {
        Urn::new("li", entity_type, id)
    }

    /// Builds a URN whose id is a tuple of ids and URNs.
    ///
    /// ```
    /// use linkedin::restli::Urn;
    ///
    /// let campaign = Urn::li("sponsoredCampaign", 123)?;
    /// let creative = Urn::tuple("li", "sponsoredCreative", [campaign.to_string(), "456".into()])?;
    /// assert_eq!(creative.as_str(), "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)");
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`Urn::new`]; an empty tuple or an empty element is an error.
    pub fn tuple<I>(namespace: &str, entity_type: &str, ids: I) -> Result<Urn, UrnError>
    where
        I: IntoIterator,
        I::Item: fmt::Display,
    {
        let mut id = String::from("(");
        for (i, part) in ids.into_iter().enumerate() {
            if i > 0 {
                id.push(',');
            }
            id.push_str(&part.to_string());
        }
        id.push(')');
        Urn::new(namespace, entity_type, id)
    }

    /// The whole URN text.
    ///
    /// ```
    /// let urn: linkedin::restli::Urn = "urn:li:person:1".parse()?;
    /// assert_eq!(urn.as_str(), "urn:li:person:1");
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The namespace (`li` in `urn:li:person:1`).
    ///
    /// ```
    /// let urn: linkedin::restli::Urn = "urn:li:person:1".parse()?;
    /// assert_eq!(urn.namespace(), "li");
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    pub fn namespace(&self) -> &str {
        self.raw.get(PREFIX.len()..self.namespace_end).unwrap_or("")
    }

    /// The entity type (`person` in `urn:li:person:1`).
    ///
    /// ```
    /// let urn: linkedin::restli::Urn = "urn:li:person:1".parse()?;
    /// assert_eq!(urn.entity_type(), "person");
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    pub fn entity_type(&self) -> &str {
        self.raw
            .get(self.namespace_end + 1..self.type_end)
            .unwrap_or("")
    }

    /// The id, as written: `1` in `urn:li:person:1`, `(urn:li:a:1,2)` for a
    /// tuple id.
    ///
    /// ```
    /// let urn: linkedin::restli::Urn = "urn:li:share:(urn:li:person:1,2)".parse()?;
    /// assert_eq!(urn.id(), "(urn:li:person:1,2)");
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    pub fn id(&self) -> &str {
        self.raw.get(self.type_end + 1..).unwrap_or("")
    }

    /// Whether the id is a tuple `(a,b,...)`.
    ///
    /// ```
    /// let urn: linkedin::restli::Urn = "urn:li:x:(1,2)".parse()?;
    /// assert!(urn.is_tuple());
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    pub fn is_tuple(&self) -> bool {
        self.id().starts_with('(')
    }

    /// The elements of a tuple id, split at its top-level commas (nested URNs
    /// and tuples stay whole); `None` for a simple id.
    ///
    /// ```
    /// let urn: linkedin::restli::Urn = "urn:li:x:(urn:li:y:(1,2),3)".parse()?;
    /// assert_eq!(urn.tuple_ids(), Some(vec!["urn:li:y:(1,2)", "3"]));
    /// # Ok::<(), linkedin::restli::UrnError>(())
    /// ```
    pub fn tuple_ids(&self) -> Option<Vec<&str>> {
        let inner = self.id().strip_prefix('(')?.strip_suffix(')')?;
        let mut parts = Vec::new();
        let mut depth = 0usize;
        let mut start = 0;
        for (i, b) in inner.bytes().enumerate() {
            match b {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => {
                    parts.push(inner.get(start..i)?);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(inner.get(start..)?);
        Some(parts)
    }
}

/// Checks a URN; returns the positions of the two `:` that end its
/// namespace and entity type.
///
/// One pass, no recursion: an id may be a nested URN (`urn:a:b:urn:c:d:1`)
/// or a tuple of ids (`(x,urn:c:d:(1,2))`), and both kinds of nesting count
/// against [`MAX_DEPTH`] together, so hostile text (a header or a body field
/// a megabyte long) is an error and never a deep stack. Each byte is looked
/// at a bounded number of times.
fn validate(text: &str) -> Result<(usize, usize), UrnError> {
    let (namespace_end, type_end) = header(text, 0)?;
    let mut pos = type_end + 1;
    // The nesting depth at which each open tuple started; at most MAX_DEPTH
    // entries, since every push is counted against the limit first.
    let mut tuples: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let descend = |depth: &mut usize, at: usize| {
        *depth += 1;
        if *depth > MAX_DEPTH {
            Err(UrnError::new(UrnErrorKind::TooDeep(MAX_DEPTH), at))
        } else {
            Ok(())
        }
    };
    loop {
        // An id starts at `pos`.
        let rest = text.get(pos..).unwrap_or("");
        if rest.starts_with(PREFIX) {
            descend(&mut depth, pos)?;
            let (_, nested_type_end) = header(text, pos)?;
            pos = nested_type_end + 1;
            continue;
        }
        if rest.starts_with('(') {
            descend(&mut depth, pos)?;
            tuples.push(depth);
            pos += 1;
            continue;
        }
        if rest.is_empty() && !tuples.is_empty() {
            // `(1,` : the tuple never closes.
            return Err(UrnError::new(UrnErrorKind::UnbalancedParentheses, pos));
        }
        pos += simple_id(rest, pos)?;
        // After an id: close tuples, or move to the next element.
        loop {
            match text.as_bytes().get(pos) {
                None if tuples.is_empty() => return Ok((namespace_end, type_end)),
                None => {
                    return Err(UrnError::new(UrnErrorKind::UnbalancedParentheses, pos));
                }
                Some(b',') => match tuples.last() {
                    Some(&open) => {
                        depth = open;
                        pos += 1;
                        break;
                    }
                    None => {
                        return Err(UrnError::new(
                            UrnErrorKind::InvalidChar {
                                found: ',',
                                part: "id",
                            },
                            pos,
                        ));
                    }
                },
                Some(b')') => {
                    // After a `)` only `,`, `)` or the end may follow, and
                    // a `,` resets the depth to that of its tuple.
                    if tuples.pop().is_none() {
                        return Err(UrnError::new(UrnErrorKind::UnbalancedParentheses, pos));
                    }
                    pos += 1;
                }
                Some(_) if pos > 0 && text.as_bytes().get(pos - 1) == Some(&b')') => {
                    return Err(UrnError::new(UrnErrorKind::TrailingCharacters, pos));
                }
                Some(_) => {
                    // `simple_id` stops only at grammar characters or at
                    // the end; anything else is an invalid character.
                    let found = text
                        .get(pos..)
                        .and_then(|r| r.chars().next())
                        .unwrap_or('?');
                    return Err(UrnError::new(
                        UrnErrorKind::InvalidChar { found, part: "id" },
                        pos,
                    ));
                }
            }
        }
    }
}

/// Checks `urn:<namespace>:<entityType>:` starting at byte `start`; returns
/// the positions of its second and third `:`.
fn header(text: &str, start: usize) -> Result<(usize, usize), UrnError> {
    if !text.get(start..).unwrap_or("").starts_with(PREFIX) {
        return Err(UrnError::new(UrnErrorKind::MissingPrefix, start));
    }
    let namespace_end = part_end(text, start + PREFIX.len(), "namespace", |c| {
        c.is_ascii_alphanumeric() || c == '-'
    })
    .map_err(|e| missing(e, UrnErrorKind::MissingNamespace))?;
    let type_end = part_end(text, namespace_end + 1, "entity type", |c| {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
    })
    .map_err(|e| missing(e, UrnErrorKind::MissingEntityType))?;
    Ok((namespace_end, type_end))
}

/// `EmptyId` from `part_end` stands for "this part is missing".
fn missing(err: UrnError, kind: UrnErrorKind) -> UrnError {
    if err.kind == UrnErrorKind::EmptyId {
        UrnError::new(kind, err.offset)
    } else {
        err
    }
}

/// Finds the `:` that ends a namespace or entity type starting at `start`.
fn part_end(
    text: &str,
    start: usize,
    part: &'static str,
    allowed: impl Fn(char) -> bool,
) -> Result<usize, UrnError> {
    let rest = text.get(start..).unwrap_or("");
    for (i, c) in rest.char_indices() {
        if c == ':' {
            if i == 0 {
                break;
            }
            return Ok(start + i);
        }
        if matches!(c, ',' | ')') {
            // The end of a tuple element: this part (or what follows it) is
            // missing, as in `(urn:li,1)`.
            break;
        }
        if !allowed(c) {
            return Err(UrnError::new(
                UrnErrorKind::InvalidChar { found: c, part },
                start + i,
            ));
        }
    }
    Err(UrnError::new(UrnErrorKind::EmptyId, start))
}

/// Checks a simple id at the start of `rest` (byte `base` of the text):
/// everything up to the next `,` or `)` or the end. Returns its length.
fn simple_id(rest: &str, base: usize) -> Result<usize, UrnError> {
    for (i, c) in rest.char_indices() {
        match c {
            ',' | ')' if i == 0 => return Err(UrnError::new(UrnErrorKind::EmptyId, base)),
            ',' | ')' => return Ok(i),
            '(' => return Err(UrnError::new(UrnErrorKind::UnbalancedParentheses, base + i)),
            c if c.is_whitespace() || c.is_control() => {
                return Err(UrnError::new(
                    UrnErrorKind::InvalidChar {
                        found: c,
                        part: "id",
                    },
                    base + i,
                ));
            }
            _ => {}
        }
    }
    if rest.is_empty() {
        return Err(UrnError::new(UrnErrorKind::EmptyId, base));
    }
    Ok(rest.len())
}

impl fmt::Display for Urn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl fmt::Debug for Urn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Urn({:?})", self.raw)
    }
}

impl FromStr for Urn {
    type Err = UrnError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Urn::parse(s)
    }
}

impl TryFrom<String> for Urn {
    type Error = UrnError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let (namespace_end, type_end) = validate(&s)?;
        Ok(Urn {
            raw: s,
            namespace_end,
            type_end,
        })
    }
}

impl TryFrom<&str> for Urn {
    type Error = UrnError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Urn::parse(s)
    }
}

impl From<Urn> for String {
    fn from(urn: Urn) -> String {
        urn.raw
    }
}

impl AsRef<str> for Urn {
    fn as_ref(&self) -> &str {
        &self.raw
    }
}

impl Serialize for Urn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

/// A URN error inside a larger value: the outer decoder adds its own
/// position, so the offset is said to be within the URN.
fn in_value<E: de::Error>(err: UrnError) -> E {
    E::custom(format_args!(
        "invalid URN: {} (byte {} of the URN)",
        err.kind, err.offset
    ))
}

impl<'de> Deserialize<'de> for Urn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UrnVisitor;
        impl de::Visitor<'_> for UrnVisitor {
            type Value = Urn;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a URN string such as urn:li:person:123")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Urn, E> {
                Urn::parse(v).map_err(in_value)
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Urn, E> {
                Urn::try_from(v).map_err(in_value)
            }
        }
        deserializer.deserialize_string(UrnVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> UrnError {
        Urn::parse(text).unwrap_err()
    }

    #[test]
    fn parses_simple_and_tuple_urns() {
        let urn = Urn::parse("urn:li:sponsoredAccount:507404993").unwrap();
        assert_eq!(
            (urn.namespace(), urn.entity_type(), urn.id()),
            ("li", "sponsoredAccount", "507404993")
        );
        assert!(!urn.is_tuple());
        assert_eq!(urn.tuple_ids(), None);

        let urn =
            Urn::parse("urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)").unwrap();
        assert_eq!(
            urn.tuple_ids().unwrap(),
            ["urn:li:sponsoredCampaign:123", "456"]
        );
        let nested = Urn::parse("urn:li:a:(urn:li:b:(urn:li:c:1,2),3)").unwrap();
        assert_eq!(
            nested.tuple_ids().unwrap(),
            ["urn:li:b:(urn:li:c:1,2)", "3"]
        );
    }

    #[test]
    fn errors_name_the_problem_and_offset() {
        assert_eq!(err("urx:li:a:1").kind(), &UrnErrorKind::MissingPrefix);
        assert_eq!(err("urn::a:1").kind(), &UrnErrorKind::MissingNamespace);
        assert_eq!(err("urn::a:1").offset(), 4);
        assert_eq!(err("urn:li").kind(), &UrnErrorKind::MissingNamespace);
        assert_eq!(
            err("urn:li:person").kind(),
            &UrnErrorKind::MissingEntityType
        );
        assert_eq!(err("urn:li::1").kind(), &UrnErrorKind::MissingEntityType);
        assert_eq!(err("urn:li:person:").kind(), &UrnErrorKind::EmptyId);
        let e = err("urn:li:x:(1,)");
        assert_eq!((e.kind(), e.offset()), (&UrnErrorKind::EmptyId, 12));
        let e = err("urn:li:x:(1,2)3");
        assert_eq!(
            (e.kind(), e.offset()),
            (&UrnErrorKind::TrailingCharacters, 14)
        );
        assert_eq!(
            err("urn:li:x:(1,2").kind(),
            &UrnErrorKind::UnbalancedParentheses
        );
        assert_eq!(
            err("urn:li:x:1)").kind(),
            &UrnErrorKind::UnbalancedParentheses
        );
        let e = err("urn:li:x:(urn:li:y:,2)");
        assert_eq!((e.kind(), e.offset()), (&UrnErrorKind::EmptyId, 19));
        let e = err("urn:l i:x:1");
        assert_eq!(
            e.kind(),
            &UrnErrorKind::InvalidChar {
                found: ' ',
                part: "namespace"
            }
        );
        let deep = format!("urn:li:x:{}1{}", "(".repeat(200), ")".repeat(200));
        assert_eq!(err(&deep).kind(), &UrnErrorKind::TooDeep(MAX_DEPTH));
        let at_limit = format!(
            "urn:li:x:{}1{}",
            "(".repeat(MAX_DEPTH),
            ")".repeat(MAX_DEPTH)
        );
        assert!(Urn::parse(&at_limit).is_ok());
    }

    #[test]
    fn serde_is_a_string() {
        let urn = Urn::li("person", "abc").unwrap();
        assert_eq!(
            serde_json::to_string(&urn).unwrap(),
            "\"urn:li:person:abc\""
        );
        let back: Urn = serde_json::from_str("\"urn:li:person:abc\"").unwrap();
        assert_eq!(back, urn);
        assert!(serde_json::from_str::<Urn>("\"nope\"").is_err());
        let decoded: Urn = crate::from_str(&crate::to_string(&urn).unwrap()).unwrap();
        assert_eq!(decoded, urn);
    }
}
