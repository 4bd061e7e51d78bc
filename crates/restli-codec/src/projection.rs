//! Projections: Rest.li's field masks, as values (`fields`,
//! `metadataFields` and `pagingFields` query parameters).
//!
//! The syntax, as Rest.li writes and reads it (linkedin/rest.li
//! `restli-common/src/main/java/com/linkedin/restli/internal/common/URIMaskUtil.java`):
//!
//! * fields separated by `,`: `id,name`;
//! * sub-fields in parentheses after a `:`: `author:(id,name)`;
//! * `-field` excludes a field: `-secret`;
//! * `$*` stands for every field (of a map, or every element of an array):
//!   `elements:($*:(id))`;
//! * `$start:N` and `$count:N` pick a range of an array: `items:($start:0,$count:10)`.
//!
//! ```
//! use restli_codec::Projection;
//!
//! let projection: Projection = "id,author:(id,name),-secret".parse()?;
//! assert_eq!(projection.to_string(), "author:(id,name),id,-secret");
//!
//! let built = Projection::new()
//!     .field("id")?
//!     .nested("elements", Projection::new().start(0).count(10).field("$*")?)?;
//! assert_eq!(built.to_string(), "elements:($start:0,$count:10,$*),id");
//!
//! // As a query parameter it stays readable, as LinkedIn expects.
//! let query = restli_codec::to_query_string(&serde_json::json!({ "fields": built }))?;
//! assert_eq!(query, "fields=elements:($start:0,$count:10,$*),id");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::MAX_DEPTH;
use crate::excerpt::Excerpt;

/// The field name that stands for every field.
pub const WILDCARD: &str = "$*";
const START: &str = "$start";
const COUNT: &str = "$count";

/// A Rest.li projection: which fields of a response to return.
///
/// Fields are kept in byte order of their names, so one projection has one
/// text: `$start` and `$count` first, then the fields. Nesting is limited to
/// [`MAX_DEPTH`].
///
/// ```
/// use restli_codec::{Projection, projection::Mask};
///
/// let p: Projection = "name,id".parse()?;
/// assert_eq!(p.to_string(), "id,name");
/// assert_eq!(p.get("id"), Some(&Mask::Include));
/// # Ok::<(), restli_codec::ProjectionError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Projection {
    fields: BTreeMap<String, Mask>,
    start: Option<u32>,
    count: Option<u32>,
}

/// What a projection says about one field.
///
/// ```
/// use restli_codec::{Projection, projection::Mask};
///
/// let p: Projection = "-a,b:(c)".parse()?;
/// assert_eq!(p.get("a"), Some(&Mask::Exclude));
/// assert!(matches!(p.get("b"), Some(Mask::Fields(sub)) if sub.to_string() == "c"));
/// # Ok::<(), restli_codec::ProjectionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Mask {
    /// Return the field (`name`).
    Include,
    /// Leave the field out (`-name`).
    Exclude,
    /// Return only these sub-fields (`name:(...)`).
    Fields(Projection),
}

/// Why a projection could not be parsed or built, and where.
///
/// ```
/// let err = "id,author:(name".parse::<restli_codec::Projection>().unwrap_err();
/// assert_eq!(err.offset(), Some(10));
/// assert_eq!(err.to_string(), "invalid projection: '(' is never closed at byte 10");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ProjectionError {
    kind: ProjectionErrorKind,
    offset: Option<usize>,
}

/// The kinds of [`ProjectionError`].
///
/// ```
/// use restli_codec::projection::ProjectionErrorKind;
/// let err = "a,,b".parse::<restli_codec::Projection>().unwrap_err();
/// assert_eq!(err.kind(), &ProjectionErrorKind::EmptyField);
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProjectionErrorKind {
    /// A field name is missing (`a,,b`, `a,`, `-`, `:(b)`).
    #[error("a field name is missing")]
    EmptyField,
    /// A character the grammar does not allow here.
    #[error("unexpected character {found:?}, expected {expected}")]
    UnexpectedChar {
        /// The character found.
        found: char,
        /// What was expected instead.
        expected: &'static str,
    },
    /// A `(` without its `)`.
    #[error("'(' is never closed")]
    Unclosed,
    /// A `)` without its `(`.
    #[error("')' closes nothing")]
    Unmatched,
    /// A field given twice (`a,-a` would be ambiguous).
    #[error("the field {} is given twice", Excerpt(.0))]
    DuplicateField(String),
    /// `-name:(...)`: an excluded field has no sub-fields.
    #[error("an excluded field cannot have sub-fields")]
    ExcludedWithFields,
    /// `$start` or `$count` without a number that fits in `u32`, or used as
    /// a plain or excluded field.
    #[error("$start and $count need a number (0 to 4294967295): $start:0")]
    InvalidRange,
    /// A field name that cannot be written in a projection (it contains
    /// `,` `:` `(` `)` or whitespace, starts with `-`, or is `$start` /
    /// `$count`).
    #[error("{} cannot be a field name in a projection", Excerpt(.0))]
    InvalidName(String),
    /// Sub-fields nested deeper than [`MAX_DEPTH`].
    #[error("sub-fields nested more than {0} deep")]
    TooDeep(usize),
}

impl fmt::Debug for ProjectionErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names are shown as bounded excerpts, as in `Display`.
        match self {
            ProjectionErrorKind::DuplicateField(name) => f
                .debug_tuple("DuplicateField")
                .field(&Excerpt(name))
                .finish(),
            ProjectionErrorKind::InvalidName(name) => {
                f.debug_tuple("InvalidName").field(&Excerpt(name)).finish()
            }
            ProjectionErrorKind::EmptyField => f.write_str("EmptyField"),
            ProjectionErrorKind::UnexpectedChar { found, expected } => f
                .debug_struct("UnexpectedChar")
                .field("found", found)
                .field("expected", expected)
                .finish(),
            ProjectionErrorKind::Unclosed => f.write_str("Unclosed"),
            ProjectionErrorKind::Unmatched => f.write_str("Unmatched"),
            ProjectionErrorKind::ExcludedWithFields => f.write_str("ExcludedWithFields"),
            ProjectionErrorKind::InvalidRange => f.write_str("InvalidRange"),
            ProjectionErrorKind::TooDeep(limit) => f.debug_tuple("TooDeep").field(limit).finish(),
        }
    }
}

impl fmt::Display for ProjectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid projection: {}", self.kind)?;
        if let Some(offset) = self.offset {
            write!(f, " at byte {offset}")?;
        }
        Ok(())
    }
}

impl ProjectionError {
    fn at(kind: ProjectionErrorKind, offset: usize) -> Self {
        ProjectionError {
            kind,
            offset: Some(offset),
        }
    }

    fn built(kind: ProjectionErrorKind) -> Self {
        ProjectionError { kind, offset: None }
    }

    /// What is wrong.
    ///
    /// ```
    /// use restli_codec::projection::ProjectionErrorKind;
    /// let err = "a)".parse::<restli_codec::Projection>().unwrap_err();
    /// assert_eq!(err.kind(), &ProjectionErrorKind::Unmatched);
    /// ```
    pub fn kind(&self) -> &ProjectionErrorKind {
        &self.kind
    }

    /// The byte offset in the parsed text, or `None` for an error of the
    /// builder.
    ///
    /// ```
    /// let err = "a)".parse::<restli_codec::Projection>().unwrap_err();
    /// assert_eq!(err.offset(), Some(1));
    /// let err = restli_codec::Projection::new().field("a,b").unwrap_err();
    /// assert_eq!(err.offset(), None);
    /// ```
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

/// Whether `name` can be written as a field of a projection.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name != START
        && name != COUNT
        && !name
            .chars()
            .any(|c| matches!(c, ',' | ':' | '(' | ')') || c.is_whitespace())
}

impl Projection {
    /// An empty projection (the server's default fields).
    ///
    /// ```
    /// assert!(restli_codec::Projection::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Projection::default()
    }

    /// Parses Rest.li's mask syntax.
    ///
    /// Whitespace is ignored, as Rest.li ignores it. Stricter than Rest.li
    /// where Rest.li would guess: an empty field (`a,,b`, `a,`), a field
    /// given twice, sub-fields of an excluded field and a `(` not after `:`
    /// are errors.
    ///
    /// ```
    /// let p = restli_codec::Projection::parse("elements:($*:(id,name)), paging")?;
    /// assert_eq!(p.to_string(), "elements:($*:(id,name)),paging");
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ProjectionError`] naming the problem and its byte offset.
    pub fn parse(text: &str) -> Result<Projection, ProjectionError> {
        Parser { text, pos: 0 }.parse()
    }

    /// Adds a field to return.
    ///
    /// ```
    /// let p = restli_codec::Projection::new().field("id")?.field("name")?;
    /// assert_eq!(p.to_string(), "id,name");
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ProjectionErrorKind::InvalidName`] for a name that cannot be written
    /// in a projection (see there).
    pub fn field(self, name: &str) -> Result<Self, ProjectionError> {
        self.with(name, Mask::Include)
    }

    /// Adds a field to leave out (`-name`).
    ///
    /// ```
    /// let p = restli_codec::Projection::new().exclude("secret")?;
    /// assert_eq!(p.to_string(), "-secret");
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`Projection::field`].
    pub fn exclude(self, name: &str) -> Result<Self, ProjectionError> {
        self.with(name, Mask::Exclude)
    }

    /// Adds a field with sub-fields (`name:(...)`).
    ///
    /// ```
    /// use restli_codec::Projection;
    /// let p = Projection::new().nested("author", Projection::parse("id,name")?)?;
    /// assert_eq!(p.to_string(), "author:(id,name)");
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`Projection::field`], and [`ProjectionErrorKind::TooDeep`]
    /// when the result would nest deeper than [`MAX_DEPTH`].
    pub fn nested(self, name: &str, fields: Projection) -> Result<Self, ProjectionError> {
        if fields.depth() >= MAX_DEPTH {
            return Err(ProjectionError::built(ProjectionErrorKind::TooDeep(
                MAX_DEPTH,
            )));
        }
        self.with(name, Mask::Fields(fields))
    }

    fn with(mut self, name: &str, mask: Mask) -> Result<Self, ProjectionError> {
        if !valid_name(name) {
            return Err(ProjectionError::built(ProjectionErrorKind::InvalidName(
                name.to_owned(),
            )));
        }
        self.fields.insert(name.to_owned(), mask);
        Ok(self)
    }

    /// Sets `$start`, the first array element to return.
    ///
    /// ```
    /// let p = restli_codec::Projection::new().start(5);
    /// assert_eq!(p.to_string(), "$start:5");
    /// ```
    pub fn start(mut self, start: u32) -> Self {
        self.start = Some(start);
        self
    }

    /// Sets `$count`, how many array elements to return.
    ///
    /// ```
    /// let p = restli_codec::Projection::new().count(10);
    /// assert_eq!(p.to_string(), "$count:10");
    /// ```
    pub fn count(mut self, count: u32) -> Self {
        self.count = Some(count);
        self
    }

    /// What the projection says about a field.
    ///
    /// ```
    /// let p: restli_codec::Projection = "id".parse()?;
    /// assert!(p.get("id").is_some());
    /// assert!(p.get("name").is_none());
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<&Mask> {
        self.fields.get(name)
    }

    /// The fields, in byte order of their names.
    ///
    /// ```
    /// let p: restli_codec::Projection = "b,a".parse()?;
    /// let names: Vec<&str> = p.iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Mask)> {
        self.fields.iter().map(|(name, mask)| (name.as_str(), mask))
    }

    /// The `$start` of an array range, if set.
    ///
    /// ```
    /// let p: restli_codec::Projection = "$start:3".parse()?;
    /// assert_eq!(p.range_start(), Some(3));
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    pub fn range_start(&self) -> Option<u32> {
        self.start
    }

    /// The `$count` of an array range, if set.
    ///
    /// ```
    /// let p: restli_codec::Projection = "$count:7".parse()?;
    /// assert_eq!(p.range_count(), Some(7));
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    pub fn range_count(&self) -> Option<u32> {
        self.count
    }

    /// Whether the projection names nothing.
    ///
    /// ```
    /// assert!("".parse::<restli_codec::Projection>()?.is_empty());
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.start.is_none() && self.count.is_none()
    }

    /// How deep sub-fields nest: 0 for `a,b`, 1 for `a:(b)`.
    ///
    /// ```
    /// let p: restli_codec::Projection = "a:(b:(c)),d".parse()?;
    /// assert_eq!(p.depth(), 2);
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    pub fn depth(&self) -> usize {
        // Recursion is bounded: no projection nests deeper than MAX_DEPTH.
        self.fields
            .values()
            .map(|mask| match mask {
                Mask::Fields(sub) => sub.depth() + 1,
                Mask::Include | Mask::Exclude => 0,
            })
            .max()
            .unwrap_or(0)
    }
}

/// Rest.li's mask syntax, canonical: `$start`, `$count`, then the fields in
/// byte order of their names.
impl fmt::Display for Projection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        let mut sep = |f: &mut fmt::Formatter<'_>| {
            if first {
                first = false;
                Ok(())
            } else {
                f.write_str(",")
            }
        };
        if let Some(start) = self.start {
            sep(f)?;
            write!(f, "{START}:{start}")?;
        }
        if let Some(count) = self.count {
            sep(f)?;
            write!(f, "{COUNT}:{count}")?;
        }
        for (name, mask) in &self.fields {
            sep(f)?;
            match mask {
                Mask::Include => f.write_str(name)?,
                Mask::Exclude => write!(f, "-{name}")?,
                Mask::Fields(sub) => write!(f, "{name}:({sub})")?,
            }
        }
        Ok(())
    }
}

impl FromStr for Projection {
    type Err = ProjectionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Projection::parse(s)
    }
}

/// A projection serializes as its text, so it can be the value of the
/// `fields`, `metadataFields` or `pagingFields` query parameter (which
/// [`to_query_string`](crate::to_query_string) leaves unencoded).
impl Serialize for Projection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A projection as a request parameter: a built [`Projection`], or mask text
/// sent as it is written (`"id,name"`). It is what
/// [`Request::fields`](crate::DynamicRequest::fields),
/// [`metadata_fields`](crate::DynamicRequest::metadata_fields) and
/// [`paging_fields`](crate::DynamicRequest::paging_fields) take, so each accepts a
/// `Projection` (by value or reference), a `&str` or a `String`.
///
/// ```
/// use restli_codec::{Projection, projection::Fields};
///
/// let built = Fields::from(Projection::parse("id,name")?);
/// let text = Fields::from("id,name");
/// assert_eq!(built.to_string(), text.to_string());
/// # Ok::<(), restli_codec::ProjectionError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Fields {
    /// A projection built or parsed as a value (printed canonically).
    Built(Projection),
    /// Mask text, sent as written (LinkedIn reads `fields` literally).
    Text(String),
}

impl From<Projection> for Fields {
    fn from(projection: Projection) -> Self {
        Fields::Built(projection)
    }
}

impl From<&Projection> for Fields {
    fn from(projection: &Projection) -> Self {
        Fields::Built(projection.clone())
    }
}

impl From<&str> for Fields {
    fn from(text: &str) -> Self {
        Fields::Text(text.to_owned())
    }
}

impl From<String> for Fields {
    fn from(text: String) -> Self {
        Fields::Text(text)
    }
}

impl From<&String> for Fields {
    fn from(text: &String) -> Self {
        Fields::Text(text.clone())
    }
}

impl fmt::Display for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fields::Built(projection) => fmt::Display::fmt(projection, f),
            Fields::Text(text) => f.write_str(text),
        }
    }
}

/// Serializes as its text, like [`Projection`].
impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Projection {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProjectionVisitor;
        impl de::Visitor<'_> for ProjectionVisitor {
            type Value = Projection;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Rest.li projection such as id,author:(name)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Projection, E> {
                Projection::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(ProjectionVisitor)
    }
}

/// One projection being filled while its sub-fields are parsed.
struct Open {
    projection: Projection,
    /// The field whose sub-fields these are, and where it started.
    name: String,
    name_at: usize,
    /// Where its `(` is.
    paren_at: usize,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
    }

    fn skip_whitespace(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn unexpected(&self, found: char, expected: &'static str) -> ProjectionError {
        ProjectionError::at(
            ProjectionErrorKind::UnexpectedChar { found, expected },
            self.pos,
        )
    }

    /// Reads a field name, dropping whitespace inside it as Rest.li does.
    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if matches!(c, ',' | ':' | '(' | ')') {
                break;
            }
            if !c.is_whitespace() {
                name.push(c);
            }
            self.pos += c.len_utf8();
        }
        name
    }

    /// Reads the number after `$start:` or `$count:`.
    fn range_value(&mut self) -> Result<u32, ProjectionError> {
        self.skip_whitespace();
        let at = self.pos;
        let rest = self.text.get(self.pos..).unwrap_or("");
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let digits = rest.get(..len).unwrap_or("");
        let value = digits
            .parse::<u32>()
            .map_err(|_| ProjectionError::at(ProjectionErrorKind::InvalidRange, at))?;
        self.pos += len;
        Ok(value)
    }

    /// One pass with an explicit stack of open parentheses (at most
    /// [`MAX_DEPTH`]), so no input nests the call stack.
    fn parse(mut self) -> Result<Projection, ProjectionError> {
        let mut stack: Vec<Open> = Vec::new();
        let mut current = Projection::new();
        self.skip_whitespace();
        if self.peek().is_none() {
            return Ok(current);
        }
        // `a:()` is an empty sub-projection; `a,` and `a,,b` are errors.
        let mut just_opened = false;
        loop {
            // A field starts here.
            self.skip_whitespace();
            if just_opened && self.peek() == Some(')') {
                just_opened = false;
            } else {
                just_opened = false;
                let name_at = self.pos;
                let excluded = self.peek() == Some('-');
                if excluded {
                    self.pos += 1;
                }
                let name = self.name();
                if name.is_empty() {
                    return Err(ProjectionError::at(
                        ProjectionErrorKind::EmptyField,
                        name_at,
                    ));
                }
                let duplicate = || {
                    ProjectionError::at(ProjectionErrorKind::DuplicateField(name.clone()), name_at)
                };
                match self.peek() {
                    Some(':') if name == START || name == COUNT => {
                        if excluded {
                            return Err(ProjectionError::at(
                                ProjectionErrorKind::InvalidRange,
                                name_at,
                            ));
                        }
                        self.pos += 1;
                        let value = self.range_value()?;
                        let slot = if name == START {
                            &mut current.start
                        } else {
                            &mut current.count
                        };
                        if slot.replace(value).is_some() {
                            return Err(duplicate());
                        }
                    }
                    Some(':') => {
                        if excluded {
                            return Err(ProjectionError::at(
                                ProjectionErrorKind::ExcludedWithFields,
                                name_at,
                            ));
                        }
                        self.pos += 1;
                        self.skip_whitespace();
                        match self.peek() {
                            Some('(') => {}
                            Some(found) => {
                                return Err(self.unexpected(found, "'(' after ':'"));
                            }
                            None => {
                                return Err(ProjectionError::at(
                                    ProjectionErrorKind::Unclosed,
                                    self.pos,
                                ));
                            }
                        }
                        if current.fields.contains_key(&name) {
                            return Err(duplicate());
                        }
                        if stack.len() >= MAX_DEPTH {
                            return Err(ProjectionError::at(
                                ProjectionErrorKind::TooDeep(MAX_DEPTH),
                                self.pos,
                            ));
                        }
                        stack.push(Open {
                            projection: std::mem::take(&mut current),
                            name,
                            name_at,
                            paren_at: self.pos,
                        });
                        self.pos += 1;
                        just_opened = true;
                        continue;
                    }
                    Some('(') => return Err(self.unexpected('(', "':' before '('")),
                    _ => {
                        if name == START || name == COUNT {
                            return Err(ProjectionError::at(
                                ProjectionErrorKind::InvalidRange,
                                name_at,
                            ));
                        }
                        let mask = if excluded {
                            Mask::Exclude
                        } else {
                            Mask::Include
                        };
                        if current.fields.insert(name.clone(), mask).is_some() {
                            return Err(duplicate());
                        }
                    }
                }
            }
            // After a field: `,`, `)` closing sub-fields, or the end.
            loop {
                self.skip_whitespace();
                match self.peek() {
                    None => {
                        return match stack.last() {
                            Some(open) => Err(ProjectionError::at(
                                ProjectionErrorKind::Unclosed,
                                open.paren_at,
                            )),
                            None => Ok(current),
                        };
                    }
                    Some(',') => {
                        self.pos += 1;
                        break;
                    }
                    Some(')') => {
                        let Some(open) = stack.pop() else {
                            return Err(ProjectionError::at(
                                ProjectionErrorKind::Unmatched,
                                self.pos,
                            ));
                        };
                        self.pos += 1;
                        let sub = std::mem::replace(&mut current, open.projection);
                        if current
                            .fields
                            .insert(open.name.clone(), Mask::Fields(sub))
                            .is_some()
                        {
                            return Err(ProjectionError::at(
                                ProjectionErrorKind::DuplicateField(open.name),
                                open.name_at,
                            ));
                        }
                    }
                    Some(found) => return Err(self.unexpected(found, "',' or ')' after a field")),
                }
            }
        }
    }
}
