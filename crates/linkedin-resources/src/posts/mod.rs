//! The Posts API (`/rest/posts`): create a post of any kind for a member or
//! an organization, get one, find an author's posts, change a post's
//! commentary, delete one.
//!
//! Each call is a small request type a transport sends as it is (it
//! converts into the [`DynamicRequest`](restli_codec::DynamicRequest) it is built on and implements
//! [`RestliRequest`](restli_codec::RestliRequest) for the codec's response of [`Post`]), plus, where the
//! answer needs reading, a pure function ([`created_post`]). Paths are those
//! of LinkedIn's "Posts API" page
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api>),
//! under `/rest`, with the `LinkedIn-Version` the client's
//! [`RequestConfig`](restli_codec::RequestConfig) adds.
//!
//! ```
//! use linkedin::resources::commentary::Commentary;
//! use linkedin::resources::posts::{self, NewPost};
//! use linkedin::resources::urns::PersonUrn;
//! use linkedin::restli::RequestConfig;
//!
//! let me = PersonUrn::new("abc123")?;
//! let request = NewPost::new(me, Commentary::new().text("Hello ").hashtag("rust")).create()?;
//! let config = RequestConfig::new().with_version("202406".parse()?);
//! let http = request.to_http(&config, Some("token"))?;
//! assert_eq!(http.uri(), "https://api.linkedin.com/rest/posts");
//! assert_eq!(http.headers()["x-restli-method"], "create");
//!
//! // What LinkedIn answers: 201 with the post's URN in `x-restli-id`.
//! let answer = http::Response::builder()
//!     .status(201)
//!     .header("x-restli-id", "urn:li:share:6844785523593134080")
//!     .body(Vec::new())?;
//! let created = linkedin::restli::CreateResponse::from_http(answer, "/rest/posts")?;
//! let urn = posts::created_post(&created)?;
//! assert_eq!(urn.to_string(), "urn:li:share:6844785523593134080");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod model;
mod new_post;

use crate::request_types::request_type;
use std::fmt;

use restli_codec::excerpt::Excerpt;
use restli_codec::{
    CollectionResponse, Create, CreateResponse, Delete, EntityResponse, Finder, Get, PartialUpdate,
    Patch, Request, StatusResponse,
};
use serde_json::Value;

pub use model::{
    ArticleContent, Distribution, FeedDistribution, LifecycleState, LifecycleStateInfo,
    MediaContent, MultiImageContent, MultiImageItem, PollContent, PollDuration, PollOption,
    PollSettings, Post, PostContent, ReshareContext, Visibility, VoteSelectionType,
};
pub use new_post::{
    Article, MAX_ALT_TEXT_CHARS, MAX_FIELD_CHARS, MAX_IMAGES, MAX_POLL_OPTION_CHARS,
    MAX_POLL_OPTIONS, MAX_POLL_QUESTION_CHARS, MIN_IMAGES, MIN_POLL_OPTIONS, NewPost, Poll,
};

use crate::commentary::{Commentary, CommentaryError};
use crate::urns::{Author, PostUrn, TypedUrnError};

/// The Posts API's collection path.
///
/// ```
/// assert_eq!(linkedin::resources::posts::POSTS_PATH, "/rest/posts");
/// ```
pub const POSTS_PATH: &str = "/rest/posts";

/// One post's path; the URN is URL-encoded in it, as the Posts API page
/// shows (`/rest/posts/urn%3Ali%3Ashare%3A...`).
const POST_PATH: &str = "/rest/posts/{id}";

/// The most posts one page of [`find_by_author`] asks for (the Posts API
/// page: `count` at most 100).
///
/// ```
/// assert_eq!(linkedin::resources::posts::MAX_PAGE_SIZE, 100);
/// ```
pub const MAX_PAGE_SIZE: u64 = 100;

/// Why a post request cannot be made: said before anything is sent.
///
/// ```
/// use linkedin::resources::posts::{NewPost, Poll, PollDuration, PostError};
/// use linkedin::resources::urns::PersonUrn;
///
/// let poll = Poll::new("Best?", ["a", "b", "c", "d", "e"], PollDuration::OneDay);
/// let err = NewPost::new(PersonUrn::new("x")?, "Vote!".into()).poll(poll).body().unwrap_err();
/// assert_eq!(err.to_string(), "a poll takes 2 to 4 options, 5 were given");
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PostError {
    /// The commentary cannot be written as little text.
    #[error("the commentary: {0}")]
    Commentary(#[source] CommentaryError),
    /// Two contents were given; a post carries one.
    #[error("a post carries one content, {first} and {second} were given")]
    TwoContents {
        /// The first content given.
        first: &'static str,
        /// The second.
        second: &'static str,
    },
    /// A required text is empty (or only whitespace).
    #[error("{field} is empty")]
    EmptyText {
        /// Which text.
        field: &'static str,
    },
    /// A text is over its limit.
    #[error("{field} is {found} characters long, at most {max} are taken")]
    TextTooLong {
        /// Which text.
        field: &'static str,
        /// The limit, in characters.
        max: usize,
        /// Its length, in characters.
        found: usize,
    },
    /// A poll without 2 to 4 options.
    #[error("a poll takes 2 to 4 options, {found} were given")]
    PollOptions {
        /// How many were given.
        found: usize,
    },
    /// A multi-image post without 2 to 20 images.
    #[error("a multi-image post takes 2 to 20 images, {found} were given")]
    ImageCount {
        /// How many were given.
        found: usize,
    },
    /// An article's link that is not an `http` or `https` URL.
    #[error("the article's link {} is not an http or https URL", Excerpt(.found))]
    NotALink {
        /// The link given.
        found: String,
    },
    /// A page size of 0 or over [`MAX_PAGE_SIZE`].
    #[error("a page of posts holds 1 to {max} posts, {found} were asked for")]
    PageSize {
        /// The limit.
        max: u64,
        /// The count asked for.
        found: u64,
    },
}

request_type!(
    /// CREATE `/rest/posts` (built by [`NewPost::create`]), answered by a
    /// [`CreateResponse`] whose id is the new post's URN
    /// (read it with [`created_post`]).
    CreatePost(Create) => CreateResponse<PostUrn, Post>,
    example = "linkedin::resources::posts::NewPost::new(linkedin::resources::urns::PersonUrn::new(\"a\")?, \"Hi\".into()).create()?"
);
request_type!(
    /// GET `/rest/posts/{urn}` (built by [`get`]), answered by an
    /// [`EntityResponse<Post>`].
    GetPost(Get) => EntityResponse<Post>,
    example = "linkedin::resources::posts::get(&\"urn:li:share:1\".parse()?)"
);
request_type!(
    /// FINDER `q=author` on `/rest/posts` (built by [`find_by_author`]),
    /// answered by a [`CollectionResponse<Post>`] page; pageable (all
    /// pages through the codec's `Pagination`).
    FindPostsByAuthor(Finder) => CollectionResponse<Post, Value>,
    example = "linkedin::resources::posts::find_by_author(linkedin::resources::urns::PersonUrn::new(\"a\")?)",
    paged
);
request_type!(
    /// PARTIAL_UPDATE of `/rest/posts/{urn}` (built by
    /// [`update_commentary`]), answered by a [`StatusResponse`] (204).
    UpdatePost(PartialUpdate) => StatusResponse,
    example = "linkedin::resources::posts::update_commentary(&\"urn:li:share:1\".parse()?, &\"New text\".into())?"
);
request_type!(
    /// DELETE `/rest/posts/{urn}` (built by [`delete`]), answered by a
    /// [`StatusResponse`] (204).
    DeletePost(Delete) => StatusResponse,
    example = "linkedin::resources::posts::delete(&\"urn:li:share:1\".parse()?)"
);

impl CreatePost {
    fn new(body: &Post) -> CreatePost {
        CreatePost {
            inner: Request::create(POSTS_PATH, body),
        }
    }
}

/// How [`find_by_author`] orders posts (`sortBy`).
///
/// ```
/// use linkedin::resources::posts::{SortBy, find_by_author};
/// use linkedin::resources::urns::PersonUrn;
/// let r = find_by_author(PersonUrn::new("a")?).sort_by(SortBy::Created);
/// assert_eq!(r.as_ref().query().get("sortBy"), Some("CREATED"));
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SortBy {
    /// Last changed first (LinkedIn's default).
    LastModified,
    /// Last created first.
    Created,
}

impl SortBy {
    /// The value as LinkedIn writes it.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::posts::SortBy::LastModified.as_str(), "LAST_MODIFIED");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::LastModified => "LAST_MODIFIED",
            SortBy::Created => "CREATED",
        }
    }
}

/// Whose view a read takes (`viewContext`): a reader's (LinkedIn's default)
/// or the author's, which also sees the author's drafts and unpublished
/// posts.
///
/// ```
/// use linkedin::resources::posts::{ViewContext, get};
/// let r = get(&"urn:li:share:1".parse()?).view_context(ViewContext::Author);
/// assert_eq!(r.as_ref().query().get("viewContext"), Some("AUTHOR"));
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ViewContext {
    /// As a reader sees it.
    Reader,
    /// As the author sees it.
    Author,
}

impl ViewContext {
    /// The value as LinkedIn writes it.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::posts::ViewContext::Reader.as_str(), "READER");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ViewContext::Reader => "READER",
            ViewContext::Author => "AUTHOR",
        }
    }
}

impl fmt::Display for SortBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for ViewContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Gets one post: `GET /rest/posts/{urn}`, the URN URL-encoded.
///
/// ```
/// let request = linkedin::resources::posts::get(&"urn:li:ugcPost:7123".parse()?);
/// let config = linkedin::restli::RequestConfig::new().with_version("202406".parse()?);
/// assert_eq!(request.to_http(&config, None)?.uri().path(), "/rest/posts/urn%3Ali%3AugcPost%3A7123");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn get(post: &PostUrn) -> GetPost {
    GetPost {
        inner: Request::get(POST_PATH).key("id", post),
    }
}

impl GetPost {
    /// Reads the post as its author or as a reader sees it.
    ///
    /// ```
    /// use linkedin::resources::posts::{ViewContext, get};
    /// let r = get(&"urn:li:share:1".parse()?).view_context(ViewContext::Reader);
    /// assert_eq!(r.as_ref().query().get("viewContext"), Some("READER"));
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn view_context(self, view: ViewContext) -> GetPost {
        GetPost {
            inner: self.inner.param("viewContext", view.as_str()),
        }
    }
}

/// Finds an author's posts: `GET /rest/posts?q=author&author={urn}`, a page
/// at a time (walk all pages with the codec's `Pagination`, at most
/// [`MAX_PAGE_SIZE`] a page).
///
/// ```
/// use linkedin::resources::posts::find_by_author;
/// use linkedin::resources::urns::OrganizationUrn;
/// let r = find_by_author(OrganizationUrn::new(5515715)?);
/// assert_eq!(r.as_ref().query().to_string(), "author=urn%3Ali%3Aorganization%3A5515715&q=author");
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
pub fn find_by_author(author: impl Into<Author>) -> FindPostsByAuthor {
    let author: Author = author.into();
    FindPostsByAuthor {
        inner: Request::finder(POSTS_PATH, "author").param("author", &author),
    }
}

impl FindPostsByAuthor {
    /// Orders the posts (`sortBy`).
    ///
    /// ```
    /// use linkedin::resources::posts::{SortBy, find_by_author};
    /// let r = find_by_author(linkedin::resources::urns::PersonUrn::new("a")?).sort_by(SortBy::LastModified);
    /// assert_eq!(r.as_ref().query().get("sortBy"), Some("LAST_MODIFIED"));
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn sort_by(self, sort: SortBy) -> FindPostsByAuthor {
        FindPostsByAuthor {
            inner: self.inner.param("sortBy", sort.as_str()),
        }
    }

    /// Reads the posts as their author or as a reader sees them.
    ///
    /// ```
    /// use linkedin::resources::posts::{ViewContext, find_by_author};
    /// let r = find_by_author(linkedin::resources::urns::PersonUrn::new("a")?).view_context(ViewContext::Author);
    /// assert_eq!(r.as_ref().query().get("viewContext"), Some("AUTHOR"));
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn view_context(self, view: ViewContext) -> FindPostsByAuthor {
        FindPostsByAuthor {
            inner: self.inner.param("viewContext", view.as_str()),
        }
    }

    /// Asks for one window: `count` posts from `start`.
    ///
    /// ```
    /// use linkedin::resources::posts::{PostError, find_by_author};
    /// let me = linkedin::resources::urns::PersonUrn::new("a")?;
    /// let r = find_by_author(me.clone()).page(10, 10)?;
    /// assert_eq!(r.as_ref().query().get("start"), Some("10"));
    /// assert!(matches!(find_by_author(me).page(0, 101), Err(PostError::PageSize { found: 101, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::PageSize`] for a count of 0 or over [`MAX_PAGE_SIZE`].
    pub fn page(self, start: u64, count: u64) -> Result<FindPostsByAuthor, PostError> {
        if count == 0 || count > MAX_PAGE_SIZE {
            return Err(PostError::PageSize {
                max: MAX_PAGE_SIZE,
                found: count,
            });
        }
        Ok(FindPostsByAuthor {
            inner: self.inner.page(start, count),
        })
    }
}

/// Changes a post's commentary: a Rest.li PARTIAL_UPDATE of
/// `/rest/posts/{urn}` with `{"patch": {"$set": {"commentary": ..}}}`.
///
/// ```
/// use linkedin::resources::posts::update_commentary;
/// let r = update_commentary(&"urn:li:share:1".parse()?, &"Update to the post".into())?;
/// assert_eq!(
///     r.as_ref().body(),
///     Some(&serde_json::json!({"patch": {"$set": {"commentary": "Update to the post"}}}))
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`PostError::Commentary`] when the commentary cannot be written;
/// [`PostError::EmptyText`] when it is empty (LinkedIn's patch would clear
/// the text; delete the post instead).
pub fn update_commentary(post: &PostUrn, commentary: &Commentary) -> Result<UpdatePost, PostError> {
    let little = commentary.to_little_text()?;
    if little.is_empty() {
        return Err(PostError::EmptyText {
            field: "the new commentary",
        });
    }
    let mut fields = serde_json::Map::new();
    fields.insert("commentary".into(), Value::String(little));
    // A non-empty object always makes a patch.
    let patch = Patch::set(&fields).map_err(|_| PostError::EmptyText {
        field: "the new commentary",
    })?;
    Ok(UpdatePost {
        inner: Request::partial_update(POST_PATH, &patch).key("id", post),
    })
}

/// Deletes a post: `DELETE /rest/posts/{urn}`.
///
/// ```
/// let r = linkedin::resources::posts::delete(&"urn:li:share:1".parse()?);
/// assert_eq!(r.as_ref().method(), linkedin::restli::Method::Delete);
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
pub fn delete(post: &PostUrn) -> DeletePost {
    DeletePost {
        inner: Request::delete(POST_PATH).key("id", post),
    }
}

/// Why a create answer gives no post URN. The post was created all the
/// same (LinkedIn answered 201): do not retry the creation.
///
/// ```
/// use linkedin::resources::posts::{CreatedPostError, created_post};
/// let answer = http::Response::builder().status(201)
///     .header("x-restli-id", "urn:li:image:1").body(Vec::new())?;
/// let created = linkedin::restli::CreateResponse::from_http(answer, "/rest/posts")?;
/// let err = created_post(&created).unwrap_err();
/// assert!(matches!(&err, CreatedPostError::NotAPostUrn { raw, .. } if raw == "urn:li:image:1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CreatedPostError {
    /// The answer had no `x-restli-id`.
    #[error("the post was created but the answer names no id (no x-restli-id header)")]
    Missing,
    /// The id is not a share or ugcPost URN.
    #[error("the post was created but its id {} is not a post URN: {source}", Excerpt(.raw))]
    NotAPostUrn {
        /// The id as sent.
        raw: String,
        /// Why it is not a post URN.
        #[source]
        source: TypedUrnError,
    },
}

/// The created post's URN, from a create answer's `x-restli-id` (raw, as
/// the Posts API page shows: `x-restli-id: urn:li:share:6844785523593134080`,
/// or reduced-encoded; both are read).
///
/// ```
/// let answer = http::Response::builder().status(201)
///     .header("x-restli-id", "urn:li:ugcPost:7").body(Vec::new())?;
/// let created = linkedin::restli::CreateResponse::from_http(answer, "/rest/posts")?;
/// let urn = linkedin::resources::posts::created_post(&created)?;
/// assert_eq!(urn.entity_type(), "ugcPost");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`CreatedPostError`] when there is no id or it is not a post URN (the
/// raw text kept).
pub fn created_post(response: &CreateResponse<PostUrn, Post>) -> Result<PostUrn, CreatedPostError> {
    if let Some(urn) = &response.id {
        return Ok(urn.clone());
    }
    let raw = response
        .raw_id
        .as_deref()
        .ok_or(CreatedPostError::Missing)?;
    // Not decoded into a post URN: say why, keeping the text.
    match raw.parse::<PostUrn>() {
        Ok(urn) => Ok(urn),
        Err(source) => Err(CreatedPostError::NotAPostUrn {
            raw: raw.to_owned(),
            source,
        }),
    }
}
