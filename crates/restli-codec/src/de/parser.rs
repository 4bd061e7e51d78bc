//! The cursor over the Rest.li grammar: tokens, lists, maps, the depth limit.

use std::borrow::Cow;

use serde::de::{self, Visitor};

use crate::error::{Error, ErrorKind, Result};
use crate::escape::unescape;

use super::MAX_DEPTH;

/// A Rest.li decoder over a borrowed string.
pub(crate) struct Deserializer<'de> {
    pub(super) input: &'de str,
    pub(super) pos: usize,
    pub(super) depth: usize,
}

/// A primitive token: its unescaped text and where it started.
pub(super) struct Token<'de> {
    pub(super) text: Cow<'de, str>,
    pub(super) start: usize,
}

pub(super) const VALUE: &str = "a value";

impl<'de> Deserializer<'de> {
    pub(crate) fn new(input: &'de str) -> Self {
        Deserializer {
            input,
            pos: 0,
            depth: 0,
        }
    }

    /// Errors unless the whole input has been consumed.
    pub(crate) fn end(&self) -> Result<()> {
        if self.pos < self.input.len() {
            Err(Error::at(ErrorKind::TrailingCharacters, self.pos))
        } else {
            Ok(())
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.input.as_bytes().get(self.pos).copied()
    }

    pub(super) fn rest(&self) -> &'de str {
        self.input.get(self.pos..).unwrap_or("")
    }

    pub(super) fn unexpected(&self, expected: &'static str) -> Error {
        match self.rest().chars().next() {
            Some(found) => Error::at(ErrorKind::UnexpectedChar { found, expected }, self.pos),
            None => Error::at(ErrorKind::UnexpectedEnd { expected }, self.pos),
        }
    }

    pub(super) fn expect(&mut self, byte: u8, expected: &'static str) -> Result<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    pub(super) fn at_list(&self) -> bool {
        self.rest().starts_with("List(")
    }

    /// Reads a primitive: everything up to the next grammar character.
    pub(super) fn token(&mut self) -> Result<Token<'de>> {
        let start = self.pos;
        let rest = self.rest();
        let len = rest
            .bytes()
            .position(|b| matches!(b, b'(' | b')' | b',' | b':'))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.unexpected(VALUE));
        }
        let raw = &rest[..len];
        if raw == "''" {
            self.pos += len;
            return Ok(Token {
                text: Cow::Borrowed(""),
                start,
            });
        }
        if let Some(q) = raw.bytes().position(|b| b == b'\'') {
            return Err(Error::at(
                ErrorKind::UnexpectedChar {
                    found: '\'',
                    expected: "a percent-escaped quote (%27); a bare '' is only the empty string",
                },
                start + q,
            ));
        }
        let text = unescape(raw, start)?;
        self.pos += len;
        Ok(Token { text, start })
    }

    pub(super) fn descend(&mut self) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::at(
                ErrorKind::DepthLimitExceeded { limit: MAX_DEPTH },
                self.pos,
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// Parses a primitive into a number or boolean, or lets `deserialize_any`
    /// report a list or map as the wrong type.
    pub(super) fn primitive<V, T>(
        &mut self,
        visitor: V,
        expected: impl FnOnce(&str) -> &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
        visit: impl FnOnce(V, T) -> Result<V::Value>,
    ) -> Result<V::Value>
    where
        V: Visitor<'de>,
    {
        if self.at_list() || self.peek() == Some(b'(') {
            return de::Deserializer::deserialize_any(self, visitor);
        }
        let token = self.token()?;
        match parse(&token.text) {
            Some(v) => visit(visitor, v).map_err(|e| e.or_at(token.start)),
            None => Err(Error::at(
                ErrorKind::InvalidPrimitive {
                    expected: expected(&token.text),
                    value: token.text.into_owned(),
                },
                token.start,
            )),
        }
    }

    pub(super) fn visit_token<V: Visitor<'de>>(token: Token<'de>, visitor: V) -> Result<V::Value> {
        let start = token.start;
        match token.text {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
        .map_err(|e: Error| e.or_at(start))
    }
}
