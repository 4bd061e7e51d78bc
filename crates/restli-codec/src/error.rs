//! The error type shared by every encoder and decoder in this crate.

use std::fmt;

use crate::excerpt::Excerpt;

/// What went wrong while encoding or decoding a Rest.li value.
///
/// Every variant says what was wrong; [`Error::offset`] says where, as a byte
/// offset into the input, for decoding errors.
///
/// ```
/// use restli_codec::{ErrorKind, from_str};
///
/// let err = from_str::<serde_json::Value>("(a:1").unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::UnexpectedEnd { expected: "',' or ')'" });
/// assert_eq!(err.offset(), Some(4));
/// assert_eq!(err.to_string(), "unexpected end of input, expected ',' or ')' at byte 4");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    kind: ErrorKind,
    offset: Option<usize>,
}

/// The kinds of [`Error`].
///
/// ```
/// use restli_codec::{ErrorKind, to_string};
///
/// let err = to_string(&f64::NAN).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::NonFiniteFloat);
/// ```
///
/// Kinds that quote a value keep it whole in their field, but their
/// `Display` and `Debug` show at most [`EXCERPT_LIMIT`](crate::EXCERPT_LIMIT) bytes of it and its
/// length, so that a hostile megabyte never ends up whole in a log line.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ended in the middle of a value.
    UnexpectedEnd {
        /// What the decoder was looking for.
        expected: &'static str,
    },
    /// A character that the grammar does not allow at this place.
    UnexpectedChar {
        /// The character found.
        found: char,
        /// What the decoder was looking for.
        expected: &'static str,
    },
    /// A complete value was followed by more input.
    TrailingCharacters,
    /// A `%` not followed by two hexadecimal digits.
    InvalidEscape,
    /// The bytes produced by percent-unescaping are not UTF-8.
    InvalidUtf8,
    /// Lists, maps and unions nested deeper than [`MAX_DEPTH`](crate::MAX_DEPTH),
    /// in decoded input or in a value being encoded.
    DepthLimitExceeded {
        /// The maximum nesting depth.
        limit: usize,
    },
    /// The same key appears twice in one map (the whole key; messages show
    /// an excerpt).
    DuplicateKey(String),
    /// A primitive could not be read as the type asked for.
    InvalidPrimitive {
        /// The whole (unescaped) text of the primitive; messages show an
        /// excerpt.
        value: String,
        /// The type that was asked for.
        expected: &'static str,
    },
    /// A null value where Rest.li needs a value: at the top level or in a list.
    ///
    /// Rest.li has no encoding for null; null fields of records and maps are
    /// omitted instead.
    NullValue,
    /// NaN or an infinity: Rest.li numbers are finite.
    NonFiniteFloat,
    /// A map key that is not a string, number, boolean, char or unit variant.
    KeyMustBePrimitive,
    /// Something other than a map or a record where name/value pairs were
    /// needed (query parameters, path keys).
    ExpectedMap {
        /// What the pairs were for.
        context: &'static str,
    },
    /// A projection parameter (`fields`, `metadataFields`, `pagingFields`)
    /// was neither a string (or a [`Projection`](crate::Projection)) nor a
    /// list of strings.
    InvalidProjection,
    /// An error reported by a `Serialize` or `Deserialize` implementation
    /// (whole; messages show an excerpt, since such messages often quote the
    /// value).
    Message(String),
}

/// Like the derived `Debug`, but values are [`Excerpt`]s.
impl fmt::Debug for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::UnexpectedEnd { expected } => f
                .debug_struct("UnexpectedEnd")
                .field("expected", expected)
                .finish(),
            ErrorKind::UnexpectedChar { found, expected } => f
                .debug_struct("UnexpectedChar")
                .field("found", found)
                .field("expected", expected)
                .finish(),
            ErrorKind::TrailingCharacters => f.write_str("TrailingCharacters"),
            ErrorKind::InvalidEscape => f.write_str("InvalidEscape"),
            ErrorKind::InvalidUtf8 => f.write_str("InvalidUtf8"),
            ErrorKind::DepthLimitExceeded { limit } => f
                .debug_struct("DepthLimitExceeded")
                .field("limit", limit)
                .finish(),
            ErrorKind::DuplicateKey(key) => {
                f.debug_tuple("DuplicateKey").field(&Excerpt(key)).finish()
            }
            ErrorKind::InvalidPrimitive { value, expected } => f
                .debug_struct("InvalidPrimitive")
                .field("value", &Excerpt(value))
                .field("expected", expected)
                .finish(),
            ErrorKind::NullValue => f.write_str("NullValue"),
            ErrorKind::NonFiniteFloat => f.write_str("NonFiniteFloat"),
            ErrorKind::KeyMustBePrimitive => f.write_str("KeyMustBePrimitive"),
            ErrorKind::ExpectedMap { context } => f
                .debug_struct("ExpectedMap")
                .field("context", context)
                .finish(),
            ErrorKind::InvalidProjection => f.write_str("InvalidProjection"),
            ErrorKind::Message(msg) => f.debug_tuple("Message").field(&Excerpt(msg)).finish(),
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::UnexpectedEnd { expected } => {
                write!(f, "unexpected end of input, expected {expected}")
            }
            ErrorKind::UnexpectedChar { found, expected } => {
                write!(f, "unexpected character {found:?}, expected {expected}")
            }
            ErrorKind::TrailingCharacters => {
                f.write_str("trailing characters after a complete value")
            }
            ErrorKind::InvalidEscape => {
                f.write_str("invalid percent escape: '%' must be followed by two hex digits")
            }
            ErrorKind::InvalidUtf8 => f.write_str("percent-unescaped bytes are not valid UTF-8"),
            ErrorKind::DepthLimitExceeded { limit } => {
                write!(f, "lists and maps nested more than {limit} deep")
            }
            ErrorKind::DuplicateKey(key) => write!(f, "duplicate map key {}", Excerpt(key)),
            ErrorKind::InvalidPrimitive { value, expected } => {
                write!(f, "invalid {expected}: {}", Excerpt(value))
            }
            ErrorKind::NullValue => f.write_str(
                "null has no Rest.li encoding (null record fields are omitted; \
                 a bare null or a null list element is an error)",
            ),
            ErrorKind::NonFiniteFloat => f.write_str("NaN and infinities have no Rest.li encoding"),
            ErrorKind::KeyMustBePrimitive => f.write_str(
                "map keys must be strings, numbers, booleans, chars or unit enum variants",
            ),
            ErrorKind::ExpectedMap { context } => {
                write!(f, "{context} must be a map or a struct of name/value pairs")
            }
            ErrorKind::InvalidProjection => f.write_str(
                "a projection (`fields`, `metadataFields`, `pagingFields`) must be \
                     a Projection, a string or a list of strings",
            ),
            // Serde's messages quote values already escaped, so they are
            // cut rather than escaped again.
            ErrorKind::Message(msg) => f.write_str(&crate::excerpt::bounded(msg)),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{} at byte {offset}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error { kind, offset: None }
    }

    pub(crate) fn at(kind: ErrorKind, offset: usize) -> Self {
        Error {
            kind,
            offset: Some(offset),
        }
    }

    /// Sets the offset unless one is already known (the innermost wins).
    pub(crate) fn or_at(mut self, offset: usize) -> Self {
        if self.offset.is_none() {
            self.offset = Some(offset);
        }
        self
    }

    /// What went wrong.
    ///
    /// ```
    /// use restli_codec::{ErrorKind, from_str};
    /// let err = from_str::<u8>("300").unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::InvalidPrimitive { .. }));
    /// ```
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The byte offset into the decoded input where the problem was found, if
    /// the error came from decoding.
    ///
    /// ```
    /// let err = restli_codec::from_str::<serde_json::Value>("List(a))").unwrap_err();
    /// assert_eq!(err.offset(), Some(7));
    /// ```
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(ErrorKind::Message(msg.to_string()))
    }
}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(ErrorKind::Message(msg.to_string()))
    }
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
