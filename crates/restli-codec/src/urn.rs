//! LinkedIn URNs: `urn:<namespace>:<entityType>:<id>`, where the id may be a
//! tuple of ids and nested URNs.
//!
//! ```
//! use restli_codec::Urn;
//!
//! let creative: Urn = "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)".parse()?;
//! assert_eq!(creative.namespace(), "li");
//! assert_eq!(creative.entity_type(), "sponsoredCreative");
//! let parts = creative.tuple_ids().unwrap_or_default();
//! assert_eq!(parts, ["urn:li:sponsoredCampaign:123", "456"]);
//! let campaign: Urn = parts[0].parse()?;
//! assert_eq!(campaign.id(), "123");
//! # Ok::<(), restli_codec::UrnError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

const PREFIX: &str = "urn:";
/// How deep tuple ids may nest inside one another.
const MAX_TUPLE_DEPTH: usize = 32;

/// A parsed, validated URN. Compares, hashes and orders by its text.
///
/// Serializes as its string, so in a Rest.li URL it becomes
/// `urn%3Ali%3Aperson%3A123`.
///
/// ```
/// use restli_codec::Urn;
///
/// let urn = Urn::li("organization", 1234)?;
/// assert_eq!(urn.to_string(), "urn:li:organization:1234");
/// assert_eq!(restli_codec::to_string(&urn).unwrap(), "urn%3Ali%3Aorganization%3A1234");
/// # Ok::<(), restli_codec::UrnError>(())
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
/// let err = "urn:li:person:".parse::<restli_codec::Urn>().unwrap_err();
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
/// use restli_codec::urn::UrnErrorKind;
/// let err = "urn:li:x:(1,".parse::<restli_codec::Urn>().unwrap_err();
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
    /// Tuple ids nested deeper than the parser allows.
    #[error("tuple ids nested more than {0} deep")]
    TooDeep(usize),
}

impl UrnError {
    fn new(kind: UrnErrorKind, offset: usize) -> Self {
        UrnError { kind, offset }
    }

    /// What is wrong.
    ///
    /// ```
    /// use restli_codec::urn::UrnErrorKind;
    /// let err = "person:1".parse::<restli_codec::Urn>().unwrap_err();
    /// assert_eq!(err.kind(), &UrnErrorKind::MissingPrefix);
    /// ```
    pub fn kind(&self) -> &UrnErrorKind {
        &self.kind
    }

    /// The byte offset into the text where the problem is.
    ///
    /// ```
    /// let err = "urn:li:per son:1".parse::<restli_codec::Urn>().unwrap_err();
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
    /// let urn = restli_codec::Urn::parse("urn:li:person:abc123")?;
    /// assert_eq!(urn.id(), "abc123");
    /// # Ok::<(), restli_codec::UrnError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`UrnError`] naming the problem and its byte offset.
    pub fn parse(text: &str) -> Result<Urn, UrnError> {
        let (namespace_end, type_end) = validate(text, 0, 0)?;
        Ok(Urn {
            raw: text.to_owned(),
            namespace_end,
            type_end,
        })
    }

    /// Builds a URN from its parts; the id is written with `Display`.
    ///
    /// ```
    /// let urn = restli_codec::Urn::new("li", "person", "abc")?;
    /// assert_eq!(urn.as_str(), "urn:li:person:abc");
    /// # Ok::<(), restli_codec::UrnError>(())
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
    /// let urn = restli_codec::Urn::li("sponsoredAccount", 507_404_993)?;
    /// assert_eq!(urn.as_str(), "urn:li:sponsoredAccount:507404993");
    /// # Ok::<(), restli_codec::UrnError>(())
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
    /// use restli_codec::Urn;
    ///
    /// let campaign = Urn::li("sponsoredCampaign", 123)?;
    /// let creative = Urn::tuple("li", "sponsoredCreative", [campaign.to_string(), "456".into()])?;
    /// assert_eq!(creative.as_str(), "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)");
    /// # Ok::<(), restli_codec::UrnError>(())
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
    /// let urn: restli_codec::Urn = "urn:li:person:1".parse()?;
    /// assert_eq!(urn.as_str(), "urn:li:person:1");
    /// # Ok::<(), restli_codec::UrnError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The namespace (`li` in `urn:li:person:1`).
    ///
    /// ```
    /// let urn: restli_codec::Urn = "urn:li:person:1".parse()?;
    /// assert_eq!(urn.namespace(), "li");
    /// # Ok::<(), restli_codec::UrnError>(())
    /// ```
    pub fn namespace(&self) -> &str {
        self.raw.get(PREFIX.len()..self.namespace_end).unwrap_or("")
    }

    /// The entity type (`person` in `urn:li:person:1`).
    ///
    /// ```
    /// let urn: restli_codec::Urn = "urn:li:person:1".parse()?;
    /// assert_eq!(urn.entity_type(), "person");
    /// # Ok::<(), restli_codec::UrnError>(())
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
    /// let urn: restli_codec::Urn = "urn:li:share:(urn:li:person:1,2)".parse()?;
    /// assert_eq!(urn.id(), "(urn:li:person:1,2)");
    /// # Ok::<(), restli_codec::UrnError>(())
    /// ```
    pub fn id(&self) -> &str {
        self.raw.get(self.type_end + 1..).unwrap_or("")
    }

    /// Whether the id is a tuple `(a,b,...)`.
    ///
    /// ```
    /// let urn: restli_codec::Urn = "urn:li:x:(1,2)".parse()?;
    /// assert!(urn.is_tuple());
    /// # Ok::<(), restli_codec::UrnError>(())
    /// ```
    pub fn is_tuple(&self) -> bool {
        self.id().starts_with('(')
    }

    /// The elements of a tuple id, split at its top-level commas (nested URNs
    /// and tuples stay whole); `None` for a simple id.
    ///
    /// ```
    /// let urn: restli_codec::Urn = "urn:li:x:(urn:li:y:(1,2),3)".parse()?;
    /// assert_eq!(urn.tuple_ids(), Some(vec!["urn:li:y:(1,2)", "3"]));
    /// # Ok::<(), restli_codec::UrnError>(())
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

/// Checks a URN starting at byte `base` of the original text; returns the
/// positions of the two `:` that end the namespace and entity type.
fn validate(text: &str, base: usize, depth: usize) -> Result<(usize, usize), UrnError> {
    if !text.starts_with(PREFIX) {
        return Err(UrnError::new(UrnErrorKind::MissingPrefix, base));
    }
    let namespace_end = part_end(text, PREFIX.len(), base, "namespace", |c| {
        c.is_ascii_alphanumeric() || c == '-'
    })
    .map_err(|e| missing(e, UrnErrorKind::MissingNamespace))?;
    let type_end = part_end(text, namespace_end + 1, base, "entity type", |c| {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
    })
    .map_err(|e| missing(e, UrnErrorKind::MissingEntityType))?;
    let id = text.get(type_end + 1..).unwrap_or("");
    validate_id(id, base + type_end + 1, depth)?;
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
    base: usize,
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
        if !allowed(c) {
            return Err(UrnError::new(
                UrnErrorKind::InvalidChar { found: c, part },
                base + start + i,
            ));
        }
    }
    Err(UrnError::new(UrnErrorKind::EmptyId, base + start))
}

/// Checks an id: a simple id, or a tuple of ids and URNs.
fn validate_id(id: &str, base: usize, depth: usize) -> Result<(), UrnError> {
    if id.is_empty() {
        return Err(UrnError::new(UrnErrorKind::EmptyId, base));
    }
    if id.starts_with(PREFIX) {
        return validate(id, base, depth).map(|_| ());
    }
    let Some(inner) = id.strip_prefix('(') else {
        return simple_id(id, base);
    };
    if depth >= MAX_TUPLE_DEPTH {
        return Err(UrnError::new(UrnErrorKind::TooDeep(MAX_TUPLE_DEPTH), base));
    }
    // Split at top-level commas up to the parenthesis closing the tuple.
    let mut nesting = 0usize;
    let mut start = 0;
    for (i, b) in inner.bytes().enumerate() {
        match b {
            b'(' => nesting += 1,
            b')' if nesting > 0 => nesting -= 1,
            b',' | b')' if nesting == 0 => {
                let element = inner.get(start..i).unwrap_or("");
                validate_id(element, base + 1 + start, depth + 1)?;
                if b == b')' {
                    if i + 1 != inner.len() {
                        return Err(UrnError::new(
                            UrnErrorKind::TrailingCharacters,
                            base + 1 + i + 1,
                        ));
                    }
                    return Ok(());
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    Err(UrnError::new(
        UrnErrorKind::UnbalancedParentheses,
        base + id.len(),
    ))
}

fn simple_id(id: &str, base: usize) -> Result<(), UrnError> {
    match id
        .char_indices()
        .find(|&(_, c)| matches!(c, '(' | ')' | ',') || c.is_whitespace() || c.is_control())
    {
        Some((i, ')' | '(')) => Err(UrnError::new(UrnErrorKind::UnbalancedParentheses, base + i)),
        Some((i, found)) => Err(UrnError::new(
            UrnErrorKind::InvalidChar { found, part: "id" },
            base + i,
        )),
        None => Ok(()),
    }
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
        let (namespace_end, type_end) = validate(&s, 0, 0)?;
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
        let deep = format!("urn:li:x:{}1{}", "(".repeat(40), ")".repeat(40));
        assert_eq!(err(&deep).kind(), &UrnErrorKind::TooDeep(MAX_TUPLE_DEPTH));
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
