//! LinkedIn's "little text format": the commentary of a post (and the text
//! of a comment), with mentions and hashtags written as templates.
//!
//! LinkedIn's page "little Text Format"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format>)
//! reserves fifteen characters, `| { } @ [ ] ( ) < > # \ * _ ~`: every one
//! of them must be backslash-escaped to be read as plain text, even where it
//! could not start an element. Unescaped, LinkedIn truncates the post at the
//! first one or rejects it. A mention is `@[Name](urn:li:organization:123)`
//! (a person or an organization), a hashtag is the template
//! `{hashtag|\#|tag}`.
//!
//! [`Commentary`] builds that text from parts, escaping plain text, and
//! reads it back into parts ([`Commentary::parse`]) and into the text a
//! reader sees ([`Commentary::plain_text`]).
//!
//! ```
//! use linkedin::resources::commentary::Commentary;
//! use linkedin::resources::urns::OrganizationUrn;
//!
//! let acme = OrganizationUrn::new(1234)?;
//! let commentary = Commentary::new()
//!     .text("Hello (again) ")
//!     .mention(acme, "Acme Corp")
//!     .text(" ")
//!     .hashtag("Technology");
//! let little = commentary.to_little_text()?;
//! assert_eq!(little, r"Hello \(again\) @[Acme Corp](urn:li:organization:1234) {hashtag|\#|Technology}");
//! assert_eq!(Commentary::parse(&little), commentary);
//! assert_eq!(commentary.plain_text(), "Hello (again) Acme Corp #Technology");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use restli_codec::Urn;
use restli_codec::excerpt::Excerpt;

use crate::urns::Author;

/// The characters the little text format reserves, exactly as LinkedIn's
/// "little Text Format" page lists them: each must be backslash-escaped in
/// plain text.
///
/// ```
/// use linkedin::resources::commentary::RESERVED;
/// assert_eq!(RESERVED.len(), 15);
/// assert!(RESERVED.contains(&'~') && !RESERVED.contains(&'!'));
/// ```
pub const RESERVED: [char; 15] = [
    '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~',
];

/// The longest commentary LinkedIn takes, in characters: 3,000 (the limit
/// LinkedIn documents for a share's commentary text; the Posts API page
/// states none of its own). Whether LinkedIn counts the little text or the
/// text a reader sees is not documented, so the safe reading is taken: the
/// little text, escapes and templates included, must fit.
///
/// ```
/// use linkedin::resources::commentary::{Commentary, MAX_COMMENTARY_CHARS};
/// assert!(Commentary::new().text("a".repeat(MAX_COMMENTARY_CHARS)).to_little_text().is_ok());
/// assert!(Commentary::new().text("(".repeat(MAX_COMMENTARY_CHARS)).to_little_text().is_err());
/// ```
pub const MAX_COMMENTARY_CHARS: usize = 3000;

/// The longest mention name or hashtag, in characters. LinkedIn documents
/// none; names and tags are short, and the bound keeps reading linear.
///
/// ```
/// use linkedin::resources::commentary::{Commentary, MAX_ELEMENT_CHARS};
/// assert!(Commentary::new().hashtag("a".repeat(MAX_ELEMENT_CHARS + 1)).to_little_text().is_err());
/// ```
pub const MAX_ELEMENT_CHARS: usize = 200;

/// The longest URN read inside a mention, in characters.
const MAX_MENTION_URN_CHARS: usize = 400;

/// Whether `c` is one of the [`RESERVED`] characters.
///
/// ```
/// use linkedin::resources::commentary::is_reserved;
/// assert!(is_reserved('#'));
/// assert!(!is_reserved('a'));
/// ```
pub fn is_reserved(c: char) -> bool {
    RESERVED.contains(&c)
}

/// Escapes plain text for the little text format: a backslash before every
/// [`RESERVED`] character, nothing else changed.
///
/// ```
/// use linkedin::resources::commentary::escape;
/// assert_eq!(escape("50% off (today) #1 @home"), r"50% off \(today\) \#1 \@home");
/// assert_eq!(escape(r"a\b"), r"a\\b");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if is_reserved(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Removes the escapes [`escape`] adds: a backslash before a reserved
/// character is dropped; any other backslash is kept (it escapes nothing).
///
/// ```
/// use linkedin::resources::commentary::{escape, unescape};
/// assert_eq!(unescape(r"\(a\) \n"), r"(a) \n");
/// let text = r"any {text} \ at all";
/// assert_eq!(unescape(&escape(text)), text);
/// ```
pub fn unescape(little: &str) -> String {
    let mut out = String::with_capacity(little.len());
    let mut chars = little.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && is_reserved(next)
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// One part of a commentary.
///
/// ```
/// use linkedin::resources::commentary::{Commentary, Part};
/// let parts = Commentary::parse(r"Hi {hashtag|\#|rust}").parts().to_vec();
/// assert_eq!(parts, [Part::Text("Hi ".into()), Part::Hashtag { sign: '#', tag: "rust".into() }]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// Plain text, as a reader sees it (escaped when written).
    Text(String),
    /// A mention of a member or an organization: `@[name](urn)`.
    Mention {
        /// The mentioned entity. Written, it is a person or an
        /// organization ([`Commentary::mention`] takes an [`Author`]);
        /// read, any URN LinkedIn sends is kept.
        urn: Urn,
        /// The name shown.
        name: String,
    },
    /// A hashtag: `{hashtag|\#|tag}`.
    Hashtag {
        /// The hashtag sign: `#` (U+0023) or the full-width `＃` (U+FF03),
        /// the two the page allows.
        sign: char,
        /// The tag, without its sign.
        tag: String,
    },
}

/// Why a [`Commentary`] cannot be written as little text; `part` is the
/// index of the offending part (see [`Commentary::parts`]).
///
/// ```
/// use linkedin::resources::commentary::{Commentary, CommentaryError};
/// let err = Commentary::new().text("see ").hashtag("two words").to_little_text().unwrap_err();
/// assert!(matches!(err, CommentaryError::HashtagWhitespace { part: 1, .. }));
/// assert_eq!(err.to_string(), "hashtag #1 \"two words\" contains whitespace: a hashtag is one word");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommentaryError {
    /// The little text is longer than [`MAX_COMMENTARY_CHARS`].
    #[error(
        "the commentary is {found} characters as little text (escapes and templates included), \
         LinkedIn takes at most {max}"
    )]
    TooLong {
        /// The limit.
        max: usize,
        /// The little text's length, in characters.
        found: usize,
    },
    /// A mention with an empty name.
    #[error("mention #{part} has an empty name: LinkedIn shows the name, give one")]
    EmptyMentionName {
        /// The part's index.
        part: usize,
    },
    /// A hashtag with no tag.
    #[error("hashtag #{part} is empty")]
    EmptyHashtag {
        /// The part's index.
        part: usize,
    },
    /// A hashtag with whitespace in its tag.
    #[error("hashtag #{part} {} contains whitespace: a hashtag is one word", Excerpt(.tag))]
    HashtagWhitespace {
        /// The part's index.
        part: usize,
        /// The tag given.
        tag: String,
    },
    /// A hashtag sign other than `#` and `＃`.
    #[error("hashtag #{part} has the sign {sign:?}: only '#' and '＃' (U+FF03) are allowed")]
    HashtagSign {
        /// The part's index.
        part: usize,
        /// The sign given.
        sign: char,
    },
    /// A mention name or hashtag longer than [`MAX_ELEMENT_CHARS`].
    #[error("{what} #{part} is {found} characters long, at most {max} are taken")]
    ElementTooLong {
        /// `"mention name"` or `"hashtag"`.
        what: &'static str,
        /// The part's index.
        part: usize,
        /// The limit.
        max: usize,
        /// Its length, in characters.
        found: usize,
    },
}

/// A commentary in parts: plain text, mentions and hashtags, built like a
/// sentence and written as little text by
/// [`to_little_text`](Self::to_little_text) (where it is checked).
///
/// Adjacent text parts are kept merged and empty ones dropped, so that one
/// commentary has one list of parts, and reading the written text gives
/// the same parts back.
///
/// ```
/// use linkedin::resources::commentary::Commentary;
/// use linkedin::resources::urns::PersonUrn;
///
/// let c = Commentary::new().text("Thanks ").mention(PersonUrn::new("abc123")?, "Eddy").text("!");
/// assert_eq!(c.to_little_text()?, "Thanks @[Eddy](urn:li:person:abc123)!");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Commentary {
    parts: Vec<Part>,
}

impl Commentary {
    /// An empty commentary.
    ///
    /// ```
    /// let c = linkedin::resources::commentary::Commentary::new();
    /// assert!(c.is_empty());
    /// ```
    pub fn new() -> Commentary {
        Commentary::default()
    }

    /// A commentary of these parts (text parts merged, empty ones dropped).
    ///
    /// ```
    /// use linkedin::resources::commentary::{Commentary, Part};
    /// let c = Commentary::from_parts([Part::Text("a".into()), Part::Text("b".into())]);
    /// assert_eq!(c.parts(), [Part::Text("ab".into())]);
    /// ```
    pub fn from_parts(parts: impl IntoIterator<Item = Part>) -> Commentary {
        let mut commentary = Commentary::new();
        for part in parts {
            commentary.push(part);
        }
        commentary
    }

    fn push(&mut self, part: Part) {
        match part {
            Part::Text(text) if text.is_empty() => {}
            Part::Text(text) => {
                if let Some(Part::Text(last)) = self.parts.last_mut() {
                    last.push_str(&text);
                } else {
                    self.parts.push(Part::Text(text));
                }
            }
            other => self.parts.push(other),
        }
    }

    /// Adds plain text, shown as given (it is escaped when written).
    ///
    /// ```
    /// let c = linkedin::resources::commentary::Commentary::new().text("1 < 2");
    /// assert_eq!(c.to_little_text()?, r"1 \< 2");
    /// # Ok::<(), linkedin::resources::commentary::CommentaryError>(())
    /// ```
    pub fn text(mut self, text: impl Into<String>) -> Commentary {
        self.push(Part::Text(text.into()));
        self
    }

    /// Adds a mention of a member or an organization, shown as `name`.
    ///
    /// ```
    /// use linkedin::resources::urns::OrganizationUrn;
    /// let c = linkedin::resources::commentary::Commentary::new()
    ///     .mention(OrganizationUrn::new(2414183)?, "Devtestco [EU]");
    /// assert_eq!(c.to_little_text()?, r"@[Devtestco \[EU\]](urn:li:organization:2414183)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mention(mut self, who: impl Into<Author>, name: impl Into<String>) -> Commentary {
        self.push(Part::Mention {
            urn: who.into().into(),
            name: name.into(),
        });
        self
    }

    /// Adds a hashtag (`tag` without its `#`).
    ///
    /// ```
    /// let c = linkedin::resources::commentary::Commentary::new().hashtag("rustlang");
    /// assert_eq!(c.to_little_text()?, r"{hashtag|\#|rustlang}");
    /// assert_eq!(c.plain_text(), "#rustlang");
    /// # Ok::<(), linkedin::resources::commentary::CommentaryError>(())
    /// ```
    pub fn hashtag(mut self, tag: impl Into<String>) -> Commentary {
        self.push(Part::Hashtag {
            sign: '#',
            tag: tag.into(),
        });
        self
    }

    /// The parts, in order.
    ///
    /// ```
    /// let c = linkedin::resources::commentary::Commentary::new().text("a").hashtag("b");
    /// assert_eq!(c.parts().len(), 2);
    /// ```
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Whether there are no parts.
    ///
    /// ```
    /// let c = linkedin::resources::commentary::Commentary::new().text("");
    /// assert!(c.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Writes the commentary as little text: plain text escaped, mentions
    /// as `@[name](urn)` (the name escaped), hashtags as
    /// `{hashtag|\#|tag}` (the tag escaped).
    ///
    /// ```
    /// let c = linkedin::resources::commentary::Commentary::new().text("*bold*?");
    /// assert_eq!(c.to_little_text()?, r"\*bold\*?");
    /// # Ok::<(), linkedin::resources::commentary::CommentaryError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`CommentaryError`]: an empty, too long or whitespace-holding
    /// hashtag, an empty or too long mention name, or little text longer
    /// than [`MAX_COMMENTARY_CHARS`].
    pub fn to_little_text(&self) -> Result<String, CommentaryError> {
        let mut out = String::new();
        for (part, element) in self.parts.iter().enumerate() {
            match element {
                Part::Text(text) => escape_into(text, &mut out),
                Part::Mention { urn, name } => {
                    if name.is_empty() {
                        return Err(CommentaryError::EmptyMentionName { part });
                    }
                    check_element_length("mention name", part, name)?;
                    out.push_str("@[");
                    escape_into(name, &mut out);
                    out.push_str("](");
                    out.push_str(urn.as_str());
                    out.push(')');
                }
                Part::Hashtag { sign, tag } => {
                    check_hashtag(part, *sign, tag)?;
                    out.push_str("{hashtag|");
                    // The page's JSON example writes the sign bare
                    // (`{hashtag|#|Technology}`), its note asks for every
                    // reserved character to be escaped: the escaped sign
                    // is the reading that satisfies both.
                    if *sign == '#' {
                        out.push('\\');
                    }
                    out.push(*sign);
                    out.push('|');
                    escape_into(tag, &mut out);
                    out.push('}');
                }
            }
            // Stop early on a huge text rather than after escaping all of it.
            if out.len() > 4 * MAX_COMMENTARY_CHARS {
                break;
            }
        }
        let found = out.chars().count();
        if found > MAX_COMMENTARY_CHARS {
            let whole: usize = if out.len() > 4 * MAX_COMMENTARY_CHARS {
                little_len(&self.parts)
            } else {
                found
            };
            return Err(CommentaryError::TooLong {
                max: MAX_COMMENTARY_CHARS,
                found: whole,
            });
        }
        Ok(out)
    }

    /// Reads little text into parts. Reading never fails: what is not a
    /// well-formed element (an unescaped reserved character, a mention
    /// without its URN, an unclosed template) is read as the plain text it
    /// spells, the safe reading of text LinkedIn stored. The page writes
    /// the hashtag sign both escaped (`\#`) and bare (`#`), and allows the
    /// full-width `＃`; all three are read. A URN inside a mention is read
    /// as written, escapes removed.
    ///
    /// Linear in the text: elements longer than [`MAX_ELEMENT_CHARS`] are
    /// not looked for.
    ///
    /// ```
    /// use linkedin::resources::commentary::{Commentary, Part};
    /// let c = Commentary::parse("Hello @[Acme Corp](urn:li:organization:1234) {hashtag|#|Technology}");
    /// assert!(matches!(&c.parts()[1], Part::Mention { name, .. } if name == "Acme Corp"));
    /// assert_eq!(c.plain_text(), "Hello Acme Corp #Technology");
    /// assert_eq!(Commentary::parse("@[unclosed").plain_text(), "@[unclosed");
    /// ```
    pub fn parse(little: &str) -> Commentary {
        let chars: Vec<char> = little.chars().collect();
        let mut commentary = Commentary::new();
        let mut text = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                match chars.get(i + 1) {
                    Some(&next) if is_reserved(next) => {
                        text.push(next);
                        i += 2;
                    }
                    _ => {
                        text.push('\\');
                        i += 1;
                    }
                }
                continue;
            }
            let element = match c {
                '@' => read_mention(&chars, i),
                '{' => read_hashtag(&chars, i),
                _ => None,
            };
            match element {
                Some((part, next)) => {
                    commentary.push(Part::Text(std::mem::take(&mut text)));
                    commentary.push(part);
                    i = next;
                }
                None => {
                    text.push(c);
                    i += 1;
                }
            }
        }
        commentary.push(Part::Text(text));
        commentary
    }

    /// The text a reader sees: text as is, mentions as their names,
    /// hashtags as sign and tag.
    ///
    /// ```
    /// use linkedin::resources::commentary::Commentary;
    /// let c = Commentary::parse(r"Hi @[Eddy](urn:li:person:1234) \(x\) {hashtag|＃|tag}");
    /// assert_eq!(c.plain_text(), "Hi Eddy (x) ＃tag");
    /// ```
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Mention { name, .. } => out.push_str(name),
                Part::Hashtag { sign, tag } => {
                    out.push(*sign);
                    out.push_str(tag);
                }
            }
        }
        out
    }
}

impl From<&str> for Commentary {
    fn from(text: &str) -> Commentary {
        Commentary::new().text(text)
    }
}

impl From<String> for Commentary {
    fn from(text: String) -> Commentary {
        Commentary::new().text(text)
    }
}

impl fmt::Display for Commentary {
    /// The plain text (see [`Commentary::plain_text`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain_text())
    }
}

/// The little text's length without writing it (for the error of a huge
/// commentary).
fn little_len(parts: &[Part]) -> usize {
    let escaped = |text: &str| {
        text.chars()
            .map(|c| 1 + usize::from(is_reserved(c)))
            .sum::<usize>()
    };
    parts
        .iter()
        .map(|part| match part {
            Part::Text(text) => escaped(text),
            Part::Mention { urn, name } => 5 + escaped(name) + urn.as_str().chars().count(),
            Part::Hashtag { sign, tag } => 12 + usize::from(*sign == '#') + escaped(tag),
        })
        .sum()
}

fn check_element_length(
    what: &'static str,
    part: usize,
    text: &str,
) -> Result<(), CommentaryError> {
    let found = text.chars().count();
    if found > MAX_ELEMENT_CHARS {
        return Err(CommentaryError::ElementTooLong {
            what,
            part,
            max: MAX_ELEMENT_CHARS,
            found,
        });
    }
    Ok(())
}

fn check_hashtag(part: usize, sign: char, tag: &str) -> Result<(), CommentaryError> {
    if sign != '#' && sign != '\u{FF03}' {
        return Err(CommentaryError::HashtagSign { part, sign });
    }
    if tag.is_empty() {
        return Err(CommentaryError::EmptyHashtag { part });
    }
    check_element_length("hashtag", part, tag)?;
    if tag.chars().any(char::is_whitespace) {
        return Err(CommentaryError::HashtagWhitespace {
            part,
            tag: tag.to_owned(),
        });
    }
    Ok(())
}

/// Reads escaped text from `start` up to the unescaped `end` character,
/// looking at no more than `limit` characters: the unescaped text and the
/// index after `end`.
fn read_until(chars: &[char], start: usize, end: char, limit: usize) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut i = start;
    let stop = chars.len().min(start.saturating_add(limit));
    while i < stop {
        let c = chars[i];
        if c == '\\' {
            match chars.get(i + 1) {
                Some(&next) if is_reserved(next) => {
                    out.push(next);
                    i += 2;
                }
                _ => {
                    out.push('\\');
                    i += 1;
                }
            }
        } else if c == end {
            return Some((out, i + 1));
        } else if is_reserved(c) {
            // An unescaped reserved character inside an element: not one.
            return None;
        } else {
            out.push(c);
            i += 1;
        }
    }
    None
}

/// `@[name](urn)` at `start`.
fn read_mention(chars: &[char], start: usize) -> Option<(Part, usize)> {
    if chars.get(start + 1) != Some(&'[') {
        return None;
    }
    let (name, mut after) = read_until(chars, start + 2, ']', 2 * MAX_ELEMENT_CHARS + 1)?;
    // The page's element table writes one example with a space between
    // `]` and `(` (`@[Devtestco] (urn:li:organization:2414183)`), its
    // other examples without. Both are read: unescaped, neither can be
    // plain text the builder wrote.
    if chars.get(after) == Some(&' ') && chars.get(after + 1) == Some(&'(') {
        after += 1;
    }
    if name.is_empty() || chars.get(after) != Some(&'(') {
        return None;
    }
    let (urn, next) = read_urn(chars, after + 1)?;
    Some((Part::Mention { urn, name }, next))
}

/// A URN up to its closing `)`, parentheses of tuple ids balanced, escapes
/// removed.
fn read_urn(chars: &[char], start: usize) -> Option<(Urn, usize)> {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut i = start;
    let stop = chars.len().min(start + MAX_MENTION_URN_CHARS);
    while i < stop {
        match chars[i] {
            '\\' => {
                let next = *chars.get(i + 1)?;
                text.push(next);
                i += 2;
            }
            '(' => {
                depth += 1;
                text.push('(');
                i += 1;
            }
            ')' if depth == 0 => {
                let urn = text.parse::<Urn>().ok()?;
                return Some((urn, i + 1));
            }
            ')' => {
                depth -= 1;
                text.push(')');
                i += 1;
            }
            c if c.is_whitespace() => return None,
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    None
}

/// `{hashtag|\#|tag}` (sign `\#`, `#` or `＃`) at `start`.
fn read_hashtag(chars: &[char], start: usize) -> Option<(Part, usize)> {
    const HEAD: [char; 9] = ['{', 'h', 'a', 's', 'h', 't', 'a', 'g', '|'];
    if chars.get(start..start + HEAD.len())? != HEAD {
        return None;
    }
    let mut i = start + HEAD.len();
    let sign = match chars.get(i..)? {
        ['\\', '#', '|', ..] => {
            i += 3;
            '#'
        }
        ['#', '|', ..] => {
            i += 2;
            '#'
        }
        ['\u{FF03}', '|', ..] => {
            i += 2;
            '\u{FF03}'
        }
        _ => return None,
    };
    let (tag, next) = read_until(chars, i, '}', 2 * MAX_ELEMENT_CHARS + 1)?;
    if tag.is_empty() {
        return None;
    }
    Some((Part::Hashtag { sign, tag }, next))
}

#[cfg(test)]
mod tests;
