//! Social actions on posts and comments: comments (LinkedIn's "Comments
//! API", `/rest/socialActions/{urn}/comments`) and reactions (its
//! "Reactions API", `/rest/reactions`).
//!
//! ```
//! use linkedin::resources::social::{ReactionType, comments, reactions};
//! use linkedin::resources::urns::{Author, SocialTargetUrn};
//! use linkedin::restli::{LinkedInVersion, RequestConfig};
//!
//! let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
//! let me: Author = "urn:li:person:abc123".parse()?;
//! let post: SocialTargetUrn = "urn:li:share:6844785523593134080".parse()?;
//! let add = comments::add(&post, &me, "Congratulations!")?;
//! assert_eq!(
//!     add.to_http(&config, None)?.uri().path(),
//!     "/rest/socialActions/urn%3Ali%3Ashare%3A6844785523593134080/comments"
//! );
//! let like = reactions::add(&me, &post, ReactionType::Like);
//! assert_eq!(like.to_http(&config, None)?.uri().query(), Some("actor=urn%3Ali%3Aperson%3Aabc123"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod comments;
pub mod reactions;

use restli_codec::Urn;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use comments::{Comment, CommentError, CommentMessage};
pub use reactions::{Reaction, ReactionKey, ReactionType};

/// Who did something and when (Rest.li's `AuditStamp`): `created` and
/// `lastModified` of comments and reactions.
///
/// ```
/// use linkedin::resources::social::AuditStamp;
///
/// let stamp: AuditStamp = serde_json::from_str(r#"{"actor": "urn:li:person:1", "time": 1580839690013}"#)?;
/// assert_eq!(stamp.time, Some(1580839690013));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditStamp {
    /// Who.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Urn>,
    /// On whose behalf, when a member acted for an organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impersonator: Option<Urn>,
    /// When, milliseconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<i64>,
    /// Other fields, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
