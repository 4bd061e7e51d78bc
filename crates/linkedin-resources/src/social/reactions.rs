//! Reactions on posts and comments: LinkedIn's "Reactions API"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api>).
//!
//! A reaction is keyed by the compound key `(actor, entity)`, written in
//! the path as the page shows it,
//! `/rest/reactions/(actor:urn%3Ali%3Aperson%3A...,entity:urn%3Ali%3Aactivity%3A...)`:
//!
//! - [`add`]: CREATE `POST /rest/reactions?actor={actor}`, body `{"root",
//!   "reactionType"}`;
//! - [`get`] and [`delete`]: by the compound key;
//! - [`list`]: the `entity` finder, `GET
//!   /rest/reactions/(entity:{entity})?q=entity`, paged.

use crate::wire_enum::wire_enum;

use restli_codec::response::{CollectionResponse, CreateResponse, EntityResponse, StatusResponse};
use restli_codec::{Create, Delete, Finder, Get, Request, Urn};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::AuditStamp;
use crate::request_types::request_type;
use crate::urns::{Author, SocialTargetUrn};

wire_enum! {
    /// A reaction type. LinkedIn's names on the wire differ from the labels it
    /// shows members; the Reactions API page's table maps them:
    ///
    /// | wire value | shown as |
    /// |---|---|
    /// | `LIKE` | Like |
    /// | `PRAISE` | Celebrate |
    /// | `EMPATHY` | Love |
    /// | `INTEREST` | Insightful |
    /// | `APPRECIATION` | Support |
    /// | `ENTERTAINMENT` | Funny |
    /// | `MAYBE` | Curious (no longer offered; still read) |
    ///
    /// A value this version does not know is kept as [`Unknown`](Self::Unknown).
    ///
    /// ```
    /// use linkedin::resources::social::ReactionType;
    ///
    /// assert_eq!(ReactionType::Praise.label(), Some("Celebrate"));
    /// assert_eq!(serde_json::to_string(&ReactionType::Praise)?, r#""PRAISE""#);
    /// let new: ReactionType = serde_json::from_str(r#""WOW""#)?;
    /// assert_eq!(new, ReactionType::Unknown("WOW".into()));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    ReactionType in "linkedin_resources::social" {
        /// `LIKE`, shown as "Like".
        Like = "LIKE",
        /// `PRAISE`, shown as "Celebrate".
        Praise = "PRAISE",
        /// `EMPATHY`, shown as "Love".
        Empathy = "EMPATHY",
        /// `INTEREST`, shown as "Insightful".
        Interest = "INTEREST",
        /// `APPRECIATION`, shown as "Support".
        Appreciation = "APPRECIATION",
        /// `ENTERTAINMENT`, shown as "Funny".
        Entertainment = "ENTERTAINMENT",
        /// `MAYBE`, shown as "Curious"; LinkedIn no longer offers it.
        Maybe = "MAYBE",
    }
    example = Praise
}

impl ReactionType {
    /// The label LinkedIn shows members, for the documented types.
    ///
    /// ```
    /// use linkedin::resources::social::ReactionType;
    /// assert_eq!(ReactionType::Interest.label(), Some("Insightful"));
    /// assert_eq!(ReactionType::Unknown("X".into()).label(), None);
    /// ```
    pub fn label(&self) -> Option<&'static str> {
        Some(match self {
            ReactionType::Like => "Like",
            ReactionType::Praise => "Celebrate",
            ReactionType::Empathy => "Love",
            ReactionType::Interest => "Insightful",
            ReactionType::Appreciation => "Support",
            ReactionType::Entertainment => "Funny",
            ReactionType::Maybe => "Curious",
            ReactionType::Unknown(_) => return None,
        })
    }

    /// Reads a wire value (`PRAISE`), a shown label (`Celebrate`) or a
    /// variant name (`praise`), in any case: for command lines and forms.
    /// Anything else is `None`.
    ///
    /// ```
    /// use linkedin::resources::social::ReactionType;
    /// assert_eq!(ReactionType::parse_lenient("celebrate"), Some(ReactionType::Praise));
    /// assert_eq!(ReactionType::parse_lenient("LIKE"), Some(ReactionType::Like));
    /// assert_eq!(ReactionType::parse_lenient("wow"), None);
    /// ```
    pub fn parse_lenient(text: &str) -> Option<ReactionType> {
        let text = text.trim();
        Self::ALL.into_iter().find(|kind| {
            kind.as_str().eq_ignore_ascii_case(text)
                || kind
                    .label()
                    .is_some_and(|label| label.eq_ignore_ascii_case(text))
        })
    }
}

/// The compound key of a reaction: who reacted to what.
///
/// ```
/// use linkedin::resources::social::ReactionKey;
///
/// let key = ReactionKey::new("urn:li:person:a".parse()?, "urn:li:activity:1".parse()?);
/// assert_eq!(linkedin::restli::to_string(&key)?, "(actor:urn%3Ali%3Aperson%3Aa,entity:urn%3Ali%3Aactivity%3A1)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReactionKey {
    /// Who reacted.
    pub actor: Author,
    /// What was reacted to.
    pub entity: SocialTargetUrn,
}

impl ReactionKey {
    /// The key of `actor`'s reaction to `entity`.
    ///
    /// ```
    /// use linkedin::resources::social::ReactionKey;
    /// let key = ReactionKey::new("urn:li:organization:1".parse()?, "urn:li:share:2".parse()?);
    /// assert_eq!(key.entity.as_str(), "urn:li:share:2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(actor: Author, entity: SocialTargetUrn) -> ReactionKey {
        ReactionKey { actor, entity }
    }

    /// Reads the key of a reaction's `id` or of a created reaction's
    /// `x-restli-id`. LinkedIn writes it as a reaction URN,
    /// `urn:li:reaction:(urn:li:person:a,urn:li:activity:1)` (the page's
    /// examples); a Rest.li compound key, `(actor:...,entity:...)` in URL or
    /// reduced form, is read too. `None` when it is neither.
    ///
    /// ```
    /// use linkedin::resources::social::ReactionKey;
    ///
    /// let key = ReactionKey::parse("urn:li:reaction:(urn:li:person:a,urn:li:activity:1)").unwrap();
    /// assert_eq!(key.actor.as_str(), "urn:li:person:a");
    /// let same = ReactionKey::parse("(actor:urn%3Ali%3Aperson%3Aa,entity:urn%3Ali%3Aactivity%3A1)");
    /// assert_eq!(same, Some(key));
    /// ```
    pub fn parse(text: &str) -> Option<ReactionKey> {
        if let Ok(urn) = Urn::parse(text)
            && urn.namespace() == "li"
            && urn.entity_type() == "reaction"
        {
            let inner = urn.id().strip_prefix('(')?.strip_suffix(')')?;
            // The actor is a plain person or organization URN (no commas),
            // the entity may itself be a tuple URN (a comment).
            let (actor, entity) = inner.split_once(',')?;
            return Some(ReactionKey {
                actor: actor.parse().ok()?,
                entity: entity.parse().ok()?,
            });
        }
        restli_codec::from_str::<ReactionKey>(text)
            .or_else(|_| restli_codec::from_str_reduced::<ReactionKey>(text))
            .ok()
    }
}

request_type!(
    /// CREATE a reaction (built by [`add`]), answered by
    /// `CreateResponse<String, Reaction>`; read the key with
    /// [`ReactionKey::parse`] on its `raw_id`.
    AddReaction(Create) => CreateResponse<String, Reaction>,
    example = "linkedin::resources::social::reactions::add(&\"urn:li:person:a\".parse()?, &\"urn:li:share:1\".parse()?, linkedin::resources::social::ReactionType::Like)"
);

request_type!(
    /// GET one reaction by its key (built by [`get`]), answered by
    /// `EntityResponse<Reaction>`.
    GetReaction(Get) => EntityResponse<Reaction>,
    example = "linkedin::resources::social::reactions::get(&linkedin::resources::social::ReactionKey::new(\"urn:li:person:a\".parse()?, \"urn:li:share:1\".parse()?))"
);

request_type!(
    /// DELETE a reaction by its key (built by [`delete`]), answered by a
    /// `StatusResponse` (204).
    DeleteReaction(Delete) => StatusResponse,
    example = "linkedin::resources::social::reactions::delete(&linkedin::resources::social::ReactionKey::new(\"urn:li:person:a\".parse()?, \"urn:li:share:1\".parse()?))"
);

request_type!(
    /// The `entity` FINDER: the reactions on one post or comment (built by
    /// [`list`]), answered by `CollectionResponse<Reaction>`, paged.
    ListReactions(Finder) => CollectionResponse<Reaction>,
    example = "linkedin::resources::social::reactions::list(&\"urn:li:share:1\".parse()?)", paged
);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewReaction<'a> {
    root: &'a SocialTargetUrn,
    reaction_type: &'a ReactionType,
}

/// `actor` reacts to `entity` (a post, its activity, or a comment) with
/// `kind`: `POST /rest/reactions?actor={actor}` with `{"root": entity,
/// "reactionType": kind}` (the page's "Create a Reaction on a Share").
///
/// ```
/// use linkedin::resources::social::{ReactionType, reactions};
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let request = reactions::add(&"urn:li:person:a".parse()?, &"urn:li:activity:1".parse()?, ReactionType::Praise);
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let body: serde_json::Value = serde_json::from_slice(request.to_http(&config, None)?.body())?;
/// assert_eq!(body, serde_json::json!({"root": "urn:li:activity:1", "reactionType": "PRAISE"}));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn add(actor: &Author, entity: &SocialTargetUrn, kind: ReactionType) -> AddReaction {
    let body = NewReaction {
        root: entity,
        reaction_type: &kind,
    };
    AddReaction {
        inner: Request::create("/rest/reactions", &body).param("actor", actor),
    }
}

/// One reaction: `GET /rest/reactions/(actor:{actor},entity:{entity})`.
///
/// ```
/// use linkedin::resources::social::{ReactionKey, reactions};
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let key = ReactionKey::new("urn:li:person:a".parse()?, "urn:li:activity:1".parse()?);
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let http = reactions::get(&key).to_http(&config, None)?;
/// assert_eq!(http.uri().path(), "/rest/reactions/(actor:urn%3Ali%3Aperson%3Aa,entity:urn%3Ali%3Aactivity%3A1)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn get(key: &ReactionKey) -> GetReaction {
    GetReaction {
        inner: Request::get("/rest/reactions/{key}").key("key", key),
    }
}

/// Removes a reaction: `DELETE
/// /rest/reactions/(actor:{actor},entity:{entity})` (the page's "Delete a
/// Reaction").
///
/// ```
/// use linkedin::resources::social::{ReactionKey, reactions};
///
/// let key = ReactionKey::new("urn:li:person:a".parse()?, "urn:li:activity:1".parse()?);
/// assert_eq!(reactions::delete(&key).into_inner().method(), linkedin::restli::Method::Delete);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn delete(key: &ReactionKey) -> DeleteReaction {
    DeleteReaction {
        inner: Request::delete("/rest/reactions/{key}").key("key", key),
    }
}

/// The reactions on `entity`, newest first: `GET
/// /rest/reactions/(entity:{entity})?q=entity&sort=(value:REVERSE_CHRONOLOGICAL)`
/// (the page's "Get Reactions on Shares"), paged with `start`/`count`.
///
/// ```
/// use linkedin::resources::social::reactions;
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let http = reactions::list(&"urn:li:activity:1".parse()?).to_http(&config, None)?;
/// assert_eq!(http.uri().path(), "/rest/reactions/(entity:urn%3Ali%3Aactivity%3A1)");
/// assert_eq!(http.uri().query(), Some("q=entity&sort=(value:REVERSE_CHRONOLOGICAL)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn list(entity: &SocialTargetUrn) -> ListReactions {
    #[derive(Serialize)]
    struct EntityKey<'a> {
        entity: &'a SocialTargetUrn,
    }
    #[derive(Serialize)]
    struct Sort {
        value: &'static str,
    }
    ListReactions {
        inner: Request::finder("/rest/reactions/{key}", "entity")
            .key("key", &EntityKey { entity })
            .param(
                "sort",
                &Sort {
                    value: "REVERSE_CHRONOLOGICAL",
                },
            ),
    }
}

/// A reaction, as the Reactions API returns it: fields optional, unknown
/// ones kept in [`extra`](Self::extra).
///
/// ```
/// use linkedin::resources::social::{Reaction, ReactionType};
///
/// let reaction: Reaction = serde_json::from_str(r#"{
///     "id": "urn:li:reaction:(urn:li:person:a,urn:li:activity:1)",
///     "reactionType": "INTEREST", "root": "urn:li:activity:1"
/// }"#)?;
/// assert_eq!(reaction.reaction_type, Some(ReactionType::Interest));
/// assert_eq!(reaction.key().unwrap().actor.as_str(), "urn:li:person:a");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reaction {
    /// The reaction's id (see [`key`](Self::key)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction_type: Option<ReactionType>,
    /// What was reacted to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<Urn>,
    /// Creation (its `actor` is who reacted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<AuditStamp>,
    /// Last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<AuditStamp>,
    /// Other fields, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Reaction {
    /// The key read from [`id`](Self::id), if it is one.
    ///
    /// ```
    /// let reaction: linkedin::resources::social::Reaction = serde_json::from_str(r#"{"id": "x"}"#)?;
    /// assert!(reaction.key().is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn key(&self) -> Option<ReactionKey> {
        self.id.as_deref().and_then(ReactionKey::parse)
    }
}
