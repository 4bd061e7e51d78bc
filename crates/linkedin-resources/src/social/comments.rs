//! Comments on posts and comments: LinkedIn's "Comments API"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api>).
//!
//! The resource is `/rest/socialActions/{target}/comments`, the target URN
//! URL-encoded in the path as the page shows
//! (`/rest/socialActions/urn%3Ali%3Aactivity%3A6631349431612559360/comments`):
//!
//! - [`add`]: CREATE, body `{"actor", "object", "message": {"text"}}`; the
//!   answer carries the comment, its id in `x-restli-id` ([`created_id`]);
//! - [`reply`]: the same on a comment, with `parentComment`;
//! - [`list`]: GET_ALL, paged (`start`/`count`), every page through the
//!   codec's `Pagination`;
//! - [`delete`]: DELETE `/comments/{id}?actor={actor}`.

use restli_codec::response::{CollectionResponse, CreateResponse, StatusResponse};
use restli_codec::{Create, Delete, GetAll, Request, Urn};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::AuditStamp;
use crate::request_types::request_type;
use crate::urns::{Author, SocialTargetUrn};

/// The longest comment text taken, in characters (LinkedIn's limit for a
/// comment, 1,250 characters; the Comments API page does not state one, so
/// this follows what LinkedIn's own composer accepts).
pub const MAX_COMMENT_CHARS: usize = 1250;

/// The longest comment id taken, in bytes (LinkedIn's are 19-digit numbers).
pub const MAX_COMMENT_ID_LEN: usize = 64;

/// Why a comment request cannot be built: said before anything is sent.
///
/// ```
/// use linkedin::resources::social::{CommentError, comments};
///
/// let me = "urn:li:person:abc".parse()?;
/// let post = "urn:li:share:1".parse()?;
/// assert_eq!(comments::add(&post, &me, "  ").unwrap_err(), CommentError::EmptyText);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommentError {
    /// The text is empty or only white space.
    #[error("the comment text is empty")]
    EmptyText,
    /// The text is longer than [`MAX_COMMENT_CHARS`].
    #[error(
        "the comment text is {chars} characters long, more than the {MAX_COMMENT_CHARS} LinkedIn takes"
    )]
    TextTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// The comment id is empty, too long, or not made of ASCII letters,
    /// digits, `-` and `_`.
    #[error(
        "the comment id is not an id of at most {MAX_COMMENT_ID_LEN} ASCII letters, digits, - or _"
    )]
    InvalidId,
    /// A reply's parent is not a `urn:li:comment`.
    #[error("a reply's parent must be a urn:li:comment")]
    ParentNotAComment,
}

request_type!(
    /// CREATE a comment (built by [`add`]), answered by
    /// `CreateResponse<String, Comment>`: the id from `x-restli-id` and the
    /// comment from the body.
    AddComment(Create) => CreateResponse<String, Comment>,
    example = "linkedin::resources::social::comments::add(&\"urn:li:share:1\".parse()?, &\"urn:li:person:a\".parse()?, \"Hi\")?"
);

request_type!(
    /// GET_ALL the comments on a target (built by [`list`]), answered by
    /// `CollectionResponse<Comment>`; walk every page with the codec's
    /// `Pagination`.
    ListComments(GetAll) => CollectionResponse<Comment>,
    example = "linkedin::resources::social::comments::list(&\"urn:li:share:1\".parse()?)", paged
);

request_type!(
    /// DELETE a comment (built by [`delete`]), answered by a
    /// `StatusResponse` (204).
    DeleteComment(Delete) => StatusResponse,
    example = "linkedin::resources::social::comments::delete(&\"urn:li:share:1\".parse()?, \"6636\", &\"urn:li:person:a\".parse()?)?"
);

/// The body of a new comment.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewComment<'a> {
    actor: &'a Author,
    object: &'a SocialTargetUrn,
    message: NewMessage<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_comment: Option<&'a SocialTargetUrn>,
}

#[derive(Serialize)]
struct NewMessage<'a> {
    text: &'a str,
}

/// Comments on `target` as `actor` (a member, or an organization the
/// member administers) with the plain `text`: `POST
/// /rest/socialActions/{target}/comments` with `{"actor", "object":
/// target, "message": {"text"}}` (the page's "Create Comment" example).
///
/// ```
/// use linkedin::resources::social::comments;
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let org = "urn:li:organization:2414183".parse()?;
/// let activity = "urn:li:activity:6631349431612559360".parse()?;
/// let request = comments::add(&activity, &org, "Great post!")?;
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let http = request.to_http(&config, Some("token"))?;
/// assert_eq!(http.method(), http::Method::POST);
/// let body: serde_json::Value = serde_json::from_slice(http.body())?;
/// assert_eq!(body["object"], "urn:li:activity:6631349431612559360");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`CommentError::EmptyText`] or [`CommentError::TextTooLong`].
pub fn add(
    target: &SocialTargetUrn,
    actor: &Author,
    text: &str,
) -> Result<AddComment, CommentError> {
    check_text(text)?;
    let body = NewComment {
        actor,
        object: target,
        message: NewMessage { text },
        parent_comment: None,
    };
    Ok(AddComment {
        inner: Request::create("/rest/socialActions/{target}/comments", &body)
            .key("target", target),
    })
}

/// Replies to the comment `parent` (a nested comment) as `actor`: `POST
/// /rest/socialActions/{parent}/comments` with `{"actor", "object": post,
/// "parentComment": parent, "message": {"text"}}`, `post` being what the
/// parent comment is on (the page's "Create a Nested Comment").
///
/// ```
/// use linkedin::resources::social::comments;
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let parent = "urn:li:comment:(urn:li:activity:1,2)".parse()?;
/// let request = comments::reply(&parent, &"urn:li:activity:1".parse()?, &"urn:li:person:a".parse()?, "Thanks!")?;
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let body: serde_json::Value = serde_json::from_slice(request.to_http(&config, None)?.body())?;
/// assert_eq!(body["parentComment"], "urn:li:comment:(urn:li:activity:1,2)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`CommentError::ParentNotAComment`], [`CommentError::EmptyText`] or
/// [`CommentError::TextTooLong`].
pub fn reply(
    parent: &SocialTargetUrn,
    post: &SocialTargetUrn,
    actor: &Author,
    text: &str,
) -> Result<AddComment, CommentError> {
    if parent.entity_type() != "comment" {
        return Err(CommentError::ParentNotAComment);
    }
    check_text(text)?;
    let body = NewComment {
        actor,
        object: post,
        message: NewMessage { text },
        parent_comment: Some(parent),
    };
    Ok(AddComment {
        inner: Request::create("/rest/socialActions/{target}/comments", &body)
            .key("target", parent),
    })
}

fn check_text(text: &str) -> Result<(), CommentError> {
    if text.trim().is_empty() {
        return Err(CommentError::EmptyText);
    }
    let chars = text.chars().count();
    if chars > MAX_COMMENT_CHARS {
        return Err(CommentError::TextTooLong { chars });
    }
    Ok(())
}

/// The comments on `target`: `GET /rest/socialActions/{target}/comments`,
/// a page at a time (`start`, `count`; [`page`](restli_codec::GetAll::page)
/// on [`into_inner`](ListComments::into_inner) picks one).
///
/// ```
/// use linkedin::resources::social::comments;
///
/// let request = comments::list(&"urn:li:ugcPost:7".parse()?);
/// let pages = linkedin::restli::paging::Pagination::new(request, 50)?;
/// assert!(pages.next_request().is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn list(target: &SocialTargetUrn) -> ListComments {
    ListComments {
        inner: Request::get_all("/rest/socialActions/{target}/comments").key("target", target),
    }
}

/// Deletes the comment `comment_id` on `target`, as `actor` (its author, or
/// an administrator of the organization that owns the post): `DELETE
/// /rest/socialActions/{target}/comments/{id}?actor={actor}` (the page's
/// "Delete Comment" example).
///
/// ```
/// use linkedin::resources::social::comments;
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let request = comments::delete(&"urn:li:share:1".parse()?, "6636062862760562688", &"urn:li:person:a".parse()?)?;
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let http = request.to_http(&config, None)?;
/// assert_eq!(http.uri().query(), Some("actor=urn%3Ali%3Aperson%3Aa"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`CommentError::InvalidId`].
pub fn delete(
    target: &SocialTargetUrn,
    comment_id: &str,
    actor: &Author,
) -> Result<DeleteComment, CommentError> {
    if comment_id.is_empty()
        || comment_id.len() > MAX_COMMENT_ID_LEN
        || !comment_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(CommentError::InvalidId);
    }
    Ok(DeleteComment {
        inner: Request::delete("/rest/socialActions/{target}/comments/{id}")
            .key("target", target)
            .key("id", comment_id)
            .param("actor", actor),
    })
}

/// The id of a created comment: `x-restli-id` when LinkedIn sent it, else
/// the `id` of the returned comment.
///
/// ```
/// use linkedin::resources::social::comments::{AddComment, created_id};
/// use linkedin::restli::response::{CreateResponse, FromResponse};
///
/// let http = http::Response::builder()
///     .status(201)
///     .header("x-restli-id", "6636062862760562688")
///     .body(Vec::new())?;
/// let created = CreateResponse::from_http(http, "/rest/socialActions/x/comments")?;
/// assert_eq!(created_id(&created).as_deref(), Some("6636062862760562688"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn created_id(response: &CreateResponse<String, Comment>) -> Option<String> {
    response
        .id
        .clone()
        .or_else(|| response.raw_id.clone())
        .or_else(|| response.entity.as_ref().and_then(|c| c.id.clone()))
        .filter(|id| !id.is_empty())
}

/// A comment, as the Comments API returns it (the page's "Comment" schema):
/// every field optional but the ones LinkedIn always sends; fields this
/// version does not know are kept in [`extra`](Self::extra).
///
/// ```
/// use linkedin::resources::social::Comment;
///
/// let comment: Comment = serde_json::from_str(r#"{
///     "id": "6636062862760562688", "actor": "urn:li:person:1",
///     "message": {"text": "Nice"}, "object": "urn:li:activity:2", "pinned": false
/// }"#)?;
/// assert_eq!(comment.message.unwrap().text, "Nice");
/// assert_eq!(comment.extra["pinned"], false);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// The comment's id (the last part of its URN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The comment's URN, `urn:li:comment:({object},{id})`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_urn: Option<Urn>,
    /// Who commented (a person or an organization).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Urn>,
    /// The member who wrote it for an organization, when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<Urn>,
    /// What the comment is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Urn>,
    /// The comment this one answers, for a nested comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_comment: Option<Urn>,
    /// The text and its attributes (mentions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<CommentMessage>,
    /// Images attached to the comment, as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<Value>>,
    /// Creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<AuditStamp>,
    /// Last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<AuditStamp>,
    /// Deletion, once deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<AuditStamp>,
    /// Likes of the comment, as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likes_summary: Option<Value>,
    /// Replies to the comment, as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments_summary: Option<Value>,
    /// Other fields, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A comment's text and its attributes (mentions of members and
/// organizations, as LinkedIn returns them).
///
/// ```
/// use linkedin::resources::social::CommentMessage;
///
/// let message: CommentMessage = serde_json::from_str(r#"{"text": "Hi", "attributes": []}"#)?;
/// assert_eq!(message.text, "Hi");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentMessage {
    /// The text.
    pub text: String,
    /// Mentions and other annotations of the text, as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<Value>>,
    /// Other fields, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
