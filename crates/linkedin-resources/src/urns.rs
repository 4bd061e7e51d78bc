//! URNs of one kind: a person, an organization, a post, a piece of media.
//!
//! LinkedIn's typed APIs take URNs of a given entity type in given places (a
//! post's author is a person or an organization, an image is an
//! `urn:li:image`), and answer with an error when the type is wrong. These
//! newtypes check the type once, when the URN is made or read, so a wrong
//! one is a typed error before anything is sent.
//!
//! ```
//! use linkedin::resources::urns::{Author, OrganizationUrn, PersonUrn};
//!
//! let me = PersonUrn::new("abc123")?;
//! assert_eq!(me.to_string(), "urn:li:person:abc123");
//! let page: Author = "urn:li:organization:2414183".parse()?;
//! assert_eq!(page, Author::Organization(OrganizationUrn::new(2414183)?));
//! assert!("urn:li:image:C4E10AQ".parse::<Author>().is_err());
//! # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use restli_codec::excerpt::Excerpt;
use restli_codec::{Urn, UrnError};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Why a text or a [`Urn`] is not a URN of the expected kind.
///
/// ```
/// use linkedin::resources::urns::PersonUrn;
///
/// let err = "urn:li:organization:1".parse::<PersonUrn>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "expected a urn:li:person URN, found \"urn:li:organization:1\""
/// );
/// let err = "person:1".parse::<PersonUrn>().unwrap_err();
/// assert!(err.to_string().starts_with("invalid URN"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TypedUrnError {
    /// The text is not a URN at all.
    #[error(transparent)]
    Invalid(#[from] UrnError),
    /// A URN, of another entity type (or namespace) than the place takes.
    #[error("expected {expected} URN, found {}", Excerpt(.found))]
    WrongType {
        /// What the place takes, e.g. `a urn:li:person`.
        expected: &'static str,
        /// The URN given, whole (an [`Excerpt`] when shown).
        found: String,
    },
}

/// Defines a newtype over [`Urn`] that holds only `urn:li:<type>` URNs of the
/// listed entity types, with its parsing, conversions and serde.
macro_rules! typed_urn {
    (
        $(#[$doc:meta])*
        $name:ident, expected = $expected:literal, types = [$first:literal $(, $more:literal)*],
        example = $example:literal
    ) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Urn);

        impl $name {
            /// The entity types this URN may have, the first being the one
            /// [`new`](Self::new) makes.
            pub const ENTITY_TYPES: &'static [&'static str] = &[$first $(, $more)*];

            #[doc = concat!("Makes `urn:li:", $first, ":<id>`.")]
            ///
            /// ```
            #[doc = concat!("let urn = linkedin::resources::urns::", stringify!($name), "::new(\"1\")?;")]
            #[doc = concat!("assert_eq!(urn.id(), \"1\");")]
            /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
            /// ```
            pub fn new(id: impl fmt::Display) -> Result<Self, TypedUrnError> {
                Ok(Self(Urn::li($first, id)?))
            }

            /// The URN as [`Urn`].
            ///
            /// ```
            #[doc = concat!("let urn: linkedin::resources::urns::", stringify!($name), " = \"", $example, "\".parse()?;")]
            #[doc = concat!("assert_eq!(urn.as_urn().as_str(), \"", $example, "\");")]
            /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
            /// ```
            pub fn as_urn(&self) -> &Urn {
                &self.0
            }

            /// The URN's text.
            ///
            /// ```
            #[doc = concat!("let urn: linkedin::resources::urns::", stringify!($name), " = \"", $example, "\".parse()?;")]
            #[doc = concat!("assert_eq!(urn.as_str(), \"", $example, "\");")]
            /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
            /// ```
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The id: what follows the entity type.
            ///
            /// ```
            #[doc = concat!("let urn: linkedin::resources::urns::", stringify!($name), " = \"", $example, "\".parse()?;")]
            #[doc = concat!("assert!(\"", $example, "\".ends_with(urn.id()));")]
            /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
            /// ```
            pub fn id(&self) -> &str {
                self.0.id()
            }

            /// The entity type (one of [`ENTITY_TYPES`](Self::ENTITY_TYPES)).
            ///
            /// ```
            #[doc = concat!("let urn: linkedin::resources::urns::", stringify!($name), " = \"", $example, "\".parse()?;")]
            #[doc = concat!("assert!(linkedin::resources::urns::", stringify!($name), "::ENTITY_TYPES.contains(&urn.entity_type()));")]
            /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
            /// ```
            pub fn entity_type(&self) -> &str {
                self.0.entity_type()
            }
        }

        impl TryFrom<Urn> for $name {
            type Error = TypedUrnError;

            fn try_from(urn: Urn) -> Result<Self, TypedUrnError> {
                if urn.namespace() == "li" && Self::ENTITY_TYPES.contains(&urn.entity_type()) {
                    Ok(Self(urn))
                } else {
                    Err(TypedUrnError::WrongType {
                        expected: $expected,
                        found: urn.as_str().to_owned(),
                    })
                }
            }
        }

        impl FromStr for $name {
            type Err = TypedUrnError;

            fn from_str(text: &str) -> Result<Self, TypedUrnError> {
                Self::try_from(text.parse::<Urn>()?)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = TypedUrnError;

            fn try_from(text: &str) -> Result<Self, TypedUrnError> {
                text.parse()
            }
        }

        impl From<$name> for Urn {
            fn from(urn: $name) -> Urn {
                urn.0
            }
        }

        impl AsRef<Urn> for $name {
            fn as_ref(&self) -> &Urn {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let urn = Urn::deserialize(deserializer)?;
                Self::try_from(urn).map_err(de::Error::custom)
            }
        }
    };
}

typed_urn! {
    /// A member: `urn:li:person:<id>` (the `sub` of `userinfo` is the id).
    PersonUrn, expected = "a urn:li:person", types = ["person"], example = "urn:li:person:abc123"
}

typed_urn! {
    /// An organization (a company page): `urn:li:organization:<id>`.
    OrganizationUrn, expected = "a urn:li:organization", types = ["organization"],
    example = "urn:li:organization:2414183"
}

typed_urn! {
    /// A post: `urn:li:share:<id>` or `urn:li:ugcPost:<id>` (the Posts API
    /// answers with either, depending on how the post was made).
    PostUrn, expected = "a urn:li:share or urn:li:ugcPost", types = ["share", "ugcPost"],
    example = "urn:li:share:6844785523593134080"
}

typed_urn! {
    /// An image uploaded through the Images API: `urn:li:image:<id>`.
    ImageUrn, expected = "a urn:li:image", types = ["image"], example = "urn:li:image:C4E10AQFoyyAjHPMQuQ"
}

typed_urn! {
    /// A video uploaded through the Videos API: `urn:li:video:<id>`.
    VideoUrn, expected = "a urn:li:video", types = ["video"], example = "urn:li:video:C5F10AQGKQg_6y2a4sQ"
}

typed_urn! {
    /// A document uploaded through the Documents API: `urn:li:document:<id>`.
    DocumentUrn, expected = "a urn:li:document", types = ["document"],
    example = "urn:li:document:D5510AQFPXZ3TqpIPgA"
}

typed_urn! {
    /// What comments and reactions are on: a post (`urn:li:share`,
    /// `urn:li:ugcPost`), its feed activity (`urn:li:activity`) or a comment
    /// (`urn:li:comment:(<activity or post URN>,<id>)`).
    SocialTargetUrn, expected = "a urn:li:share, urn:li:ugcPost, urn:li:activity or urn:li:comment",
    types = ["activity", "share", "ugcPost", "comment"], example = "urn:li:activity:6631349431612559360"
}

typed_urn! {
    /// An ad account: `urn:li:sponsoredAccount:<id>` (also a media library's account).
    AdAccountUrn, expected = "a urn:li:sponsoredAccount", types = ["sponsoredAccount"], example = "urn:li:sponsoredAccount:507404993"
}

typed_urn! {
    /// A campaign group: `urn:li:sponsoredCampaignGroup:<id>`.
    CampaignGroupUrn, expected = "a urn:li:sponsoredCampaignGroup", types = ["sponsoredCampaignGroup"], example = "urn:li:sponsoredCampaignGroup:615492066"
}

typed_urn! {
    /// A campaign: `urn:li:sponsoredCampaign:<id>`.
    CampaignUrn, expected = "a urn:li:sponsoredCampaign", types = ["sponsoredCampaign"], example = "urn:li:sponsoredCampaign:123456789"
}

typed_urn! {
    /// A creative (an ad): `urn:li:sponsoredCreative:<id>`.
    CreativeUrn, expected = "a urn:li:sponsoredCreative", types = ["sponsoredCreative"], example = "urn:li:sponsoredCreative:987654321"
}

/// Who acts: a member or an organization. A post's author, a comment's or a
/// reaction's actor.
///
/// ```
/// use linkedin::resources::urns::{Author, PersonUrn};
///
/// let author: Author = PersonUrn::new("abc123")?.into();
/// assert_eq!(serde_json::to_string(&author).unwrap(), "\"urn:li:person:abc123\"");
/// let back: Author = serde_json::from_str("\"urn:li:organization:5\"").unwrap();
/// assert!(matches!(back, Author::Organization(_)));
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Author {
    /// A member.
    Person(PersonUrn),
    /// An organization.
    Organization(OrganizationUrn),
}

impl Author {
    /// The URN as [`Urn`].
    ///
    /// ```
    /// let author: linkedin::resources::urns::Author = "urn:li:person:1".parse()?;
    /// assert_eq!(author.as_urn().entity_type(), "person");
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn as_urn(&self) -> &Urn {
        match self {
            Author::Person(urn) => urn.as_urn(),
            Author::Organization(urn) => urn.as_urn(),
        }
    }

    /// The URN's text.
    ///
    /// ```
    /// let author: linkedin::resources::urns::Author = "urn:li:organization:9".parse()?;
    /// assert_eq!(author.as_str(), "urn:li:organization:9");
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        self.as_urn().as_str()
    }
}

impl TryFrom<Urn> for Author {
    type Error = TypedUrnError;

    fn try_from(urn: Urn) -> Result<Self, TypedUrnError> {
        if urn.namespace() == "li" {
            match urn.entity_type() {
                "person" => return Ok(Author::Person(PersonUrn(urn))),
                "organization" => return Ok(Author::Organization(OrganizationUrn(urn))),
                _ => {}
            }
        }
        Err(TypedUrnError::WrongType {
            expected: "a urn:li:person or urn:li:organization",
            found: urn.as_str().to_owned(),
        })
    }
}

impl FromStr for Author {
    type Err = TypedUrnError;

    fn from_str(text: &str) -> Result<Self, TypedUrnError> {
        Self::try_from(text.parse::<Urn>()?)
    }
}

impl TryFrom<&str> for Author {
    type Error = TypedUrnError;

    fn try_from(text: &str) -> Result<Self, TypedUrnError> {
        text.parse()
    }
}

impl From<PersonUrn> for Author {
    fn from(urn: PersonUrn) -> Author {
        Author::Person(urn)
    }
}

impl From<OrganizationUrn> for Author {
    fn from(urn: OrganizationUrn) -> Author {
        Author::Organization(urn)
    }
}

impl From<Author> for Urn {
    fn from(author: Author) -> Urn {
        match author {
            Author::Person(urn) => urn.into(),
            Author::Organization(urn) => urn.into(),
        }
    }
}

impl AsRef<Urn> for Author {
    fn as_ref(&self) -> &Urn {
        self.as_urn()
    }
}

impl fmt::Display for Author {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_urn(), f)
    }
}

impl fmt::Debug for Author {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_urn(), f)
    }
}

impl Serialize for Author {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_urn().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Author {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let urn = Urn::deserialize(deserializer)?;
        Self::try_from(urn).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_kind_takes_only_its_types() {
        assert!("urn:li:share:1".parse::<PostUrn>().is_ok());
        assert!("urn:li:ugcPost:1".parse::<PostUrn>().is_ok());
        assert!("urn:li:image:1".parse::<PostUrn>().is_err());
        assert!("urn:li:video:1".parse::<VideoUrn>().is_ok());
        assert!("urn:li:document:1".parse::<DocumentUrn>().is_ok());
        assert!("urn:li:document:1".parse::<ImageUrn>().is_err());
        // Another namespace with the right entity type is still not LinkedIn's.
        assert!(matches!(
            "urn:other:person:1".parse::<PersonUrn>(),
            Err(TypedUrnError::WrongType { .. })
        ));
        assert!(matches!(
            "urn:other:person:1".parse::<Author>(),
            Err(TypedUrnError::WrongType { .. })
        ));
    }

    #[test]
    fn a_wrong_urn_in_json_is_a_serde_error_naming_it() {
        let err = serde_json::from_str::<ImageUrn>("\"urn:li:video:1\"").unwrap_err();
        assert!(err.to_string().contains("urn:li:video:1"), "{err}");
        let err = serde_json::from_str::<Author>("\"urn:li:share:1\"").unwrap_err();
        assert!(
            err.to_string()
                .contains("urn:li:person or urn:li:organization"),
            "{err}"
        );
    }

    #[test]
    fn a_long_wrong_urn_is_quoted_as_an_excerpt() {
        let long = format!("urn:li:sponsoredCampaign:{}", "9".repeat(5000));
        let err = long.parse::<PersonUrn>().unwrap_err();
        assert!(err.to_string().len() < 400, "{err}");
        assert!(matches!(err, TypedUrnError::WrongType { ref found, .. } if *found == long));
    }

    proptest! {
        #[test]
        fn text_round_trips(id in "[A-Za-z0-9_-]{1,40}", org in 0u64..u64::MAX) {
            let person = PersonUrn::new(&id).unwrap();
            prop_assert_eq!(person.id(), id.as_str());
            prop_assert_eq!(person.to_string().parse::<PersonUrn>().unwrap(), person.clone());
            let author: Author = person.clone().into();
            let json = serde_json::to_string(&author).unwrap();
            prop_assert_eq!(serde_json::from_str::<Author>(&json).unwrap(), author);
            let organization = OrganizationUrn::new(org).unwrap();
            let back: Author = organization.to_string().parse().unwrap();
            prop_assert_eq!(back, Author::Organization(organization));
        }

        #[test]
        fn any_text_parses_or_errs_without_panicking(text in ".{0,80}") {
            let _ = text.parse::<Author>();
            let _ = text.parse::<PostUrn>();
        }
    }
}
