//! The Posts API's models: a [`Post`] as LinkedIn answers it, with every
//! field LinkedIn's "Posts API" page documents and the unknown ones kept.

use crate::wire_enum::wire_enum;

use restli_codec::Urn;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::commentary::Commentary;
use crate::urns::{Author, PostUrn};

wire_enum! {
    /// Who may see a post (`visibility`).
    Visibility in "linkedin_resources::posts" {
        /// Anyone on or off LinkedIn (the default of [`NewPost`](super::NewPost)).
        Public = "PUBLIC",
        /// The author's connections only (members only).
        Connections = "CONNECTIONS",
        /// Members signed in to LinkedIn.
        LoggedIn = "LOGGED_IN",
        /// Members of the post's container (a group, say).
        Container = "CONTAINER",
    }
    example = Public
}

wire_enum! {
    /// The state of a post (`lifecycleState`).
    LifecycleState in "linkedin_resources::posts" {
        /// A draft, seen by its author only.
        Draft = "DRAFT",
        /// Published (the default of [`NewPost`](super::NewPost)).
        Published = "PUBLISHED",
        /// Asked to be published, not yet done (read-only).
        PublishRequested = "PUBLISH_REQUESTED",
        /// Publishing failed (read-only).
        PublishFailed = "PUBLISH_FAILED",
    }
    example = Published
}

wire_enum! {
    /// Where a post goes in LinkedIn's feeds (`distribution.feedDistribution`).
    FeedDistribution in "linkedin_resources::posts" {
        /// The main feed (the default).
        MainFeed = "MAIN_FEED",
        /// No feed: a dark post (used for sponsored content).
        None = "NONE",
    }
    example = MainFeed
}

wire_enum! {
    /// How long a poll stays open (`content.poll.settings.duration`,
    /// LinkedIn's "Poll API" page).
    PollDuration in "linkedin_resources::posts" {
        /// One day.
        OneDay = "ONE_DAY",
        /// Three days.
        ThreeDays = "THREE_DAYS",
        /// One week.
        SevenDays = "SEVEN_DAYS",
        /// Two weeks.
        FourteenDays = "FOURTEEN_DAYS",
    }
    example = ThreeDays
}

wire_enum! {
    /// How many options a voter may pick (`content.poll.settings.voteSelectionType`).
    VoteSelectionType in "linkedin_resources::posts" {
        /// One option.
        SingleVote = "SINGLE_VOTE",
    }
    example = SingleVote
}

/// A post, as the Posts API answers it (LinkedIn's "Posts API" page, "Post
/// Schema"). Every documented field is here, each an `Option` since a
/// projection or a post's kind may leave any of them out; fields this
/// version does not know are kept in [`extra`](Self::extra), so reading
/// then writing a post loses nothing.
///
/// ```
/// use linkedin::resources::posts::{Post, Visibility};
///
/// let post: Post = serde_json::from_str(r#"{
///     "id": "urn:li:share:6844785523593134080",
///     "author": "urn:li:organization:5515715",
///     "commentary": "Sample text \\(Post\\)",
///     "visibility": "PUBLIC",
///     "someNewField": {"kept": true}
/// }"#)?;
/// assert_eq!(post.visibility, Some(Visibility::Public));
/// assert_eq!(post.plain_commentary().as_deref(), Some("Sample text (Post)"));
/// assert!(post.extra.contains_key("someNewField"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Post {
    /// The post's URN (`urn:li:share:..` or `urn:li:ugcPost:..`; read-only).
    /// Kept as any URN, so that a new kind never fails a read; see
    /// [`post_urn`](Self::post_urn).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Urn>,
    /// The author: a person or an organization URN (any URN is read; see
    /// [`author_urn`](Self::author_urn)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Urn>,
    /// The commentary, in the little text format (see
    /// [`commentary`](Self::commentary) and
    /// [`plain_commentary`](Self::plain_commentary)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commentary: Option<String>,
    /// Who may see the post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// Where the post is distributed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Distribution>,
    /// What the post carries besides its commentary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<PostContent>,
    /// The container the post is in (a group, a showcase page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<Urn>,
    /// The landing page of a sponsored post's call to action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_landing_page: Option<String>,
    /// The call-to-action label of a sponsored post (`APPLY`, `LEARN_MORE`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_call_to_action_label: Option<String>,
    /// Draft or published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_state: Option<LifecycleState>,
    /// More about the state (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_state_info: Option<LifecycleStateInfo>,
    /// Whether the author turned resharing off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_reshare_disabled_by_author: Option<bool>,
    /// The post this one reshares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reshare_context: Option<ReshareContext>,
    /// The sponsored-content context (`dscAdAccount`, `dscStatus`, ...),
    /// kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ad_context: Option<Map<String, Value>>,
    /// When the post was created, in milliseconds since the epoch (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    /// When the post was last changed, in milliseconds since the epoch (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_at: Option<i64>,
    /// When the post was published, in milliseconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<i64>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Post {
    /// The post's URN, typed, when it is a share or a ugcPost.
    ///
    /// ```
    /// let post: linkedin::resources::posts::Post =
    ///     serde_json::from_str(r#"{"id": "urn:li:ugcPost:1"}"#)?;
    /// assert_eq!(post.post_urn().map(|u| u.to_string()).as_deref(), Some("urn:li:ugcPost:1"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn post_urn(&self) -> Option<PostUrn> {
        self.id.clone().and_then(|urn| PostUrn::try_from(urn).ok())
    }

    /// The author, typed, when it is a person or an organization.
    ///
    /// ```
    /// use linkedin::resources::urns::Author;
    /// let post: linkedin::resources::posts::Post =
    ///     serde_json::from_str(r#"{"author": "urn:li:person:abc"}"#)?;
    /// assert!(matches!(post.author_urn(), Some(Author::Person(_))));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn author_urn(&self) -> Option<Author> {
        self.author
            .clone()
            .and_then(|urn| Author::try_from(urn).ok())
    }

    /// The commentary read into parts (text, mentions, hashtags).
    ///
    /// ```
    /// let post: linkedin::resources::posts::Post =
    ///     serde_json::from_str(r#"{"commentary": "Hi {hashtag|\\#|rust}"}"#)?;
    /// assert_eq!(post.commentary().map(|c| c.parts().len()), Some(2));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn commentary(&self) -> Option<Commentary> {
        self.commentary.as_deref().map(Commentary::parse)
    }

    /// The commentary as a reader sees it (escapes removed, mentions as
    /// names, hashtags as `#tag`).
    ///
    /// ```
    /// let post: linkedin::resources::posts::Post =
    ///     serde_json::from_str(r#"{"commentary": "Hello @[Acme Corp](urn:li:organization:1234)"}"#)?;
    /// assert_eq!(post.plain_commentary().as_deref(), Some("Hello Acme Corp"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn plain_commentary(&self) -> Option<String> {
        self.commentary().map(|c| c.plain_text())
    }
}

/// Where a post is distributed (`distribution`).
///
/// ```
/// use linkedin::resources::posts::{Distribution, FeedDistribution};
/// let d = Distribution::main_feed();
/// assert_eq!(d.feed_distribution, Some(FeedDistribution::MainFeed));
/// assert_eq!(
///     serde_json::to_value(&d)?,
///     serde_json::json!({"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []})
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Distribution {
    /// The feed the post goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_distribution: Option<FeedDistribution>,
    /// Who the post is targeted at (each a record of facets:
    /// `geoLocations`, `seniorities`, ...), kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_entities: Option<Vec<Value>>,
    /// Distribution channels outside LinkedIn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party_distribution_channels: Option<Vec<String>>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Distribution {
    /// LinkedIn's documented default: the main feed, no target entities,
    /// no third-party channels.
    ///
    /// ```
    /// let d = linkedin::resources::posts::Distribution::main_feed();
    /// assert_eq!(d.target_entities, Some(vec![]));
    /// ```
    pub fn main_feed() -> Distribution {
        Distribution {
            feed_distribution: Some(FeedDistribution::MainFeed),
            target_entities: Some(Vec::new()),
            third_party_distribution_channels: Some(Vec::new()),
            extra: Map::new(),
        }
    }
}

/// More about a post's state (`lifecycleStateInfo`, read-only).
///
/// ```
/// let info: linkedin::resources::posts::LifecycleStateInfo =
///     serde_json::from_str(r#"{"isEditedByAuthor": true}"#)?;
/// assert_eq!(info.is_edited_by_author, Some(true));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LifecycleStateInfo {
    /// Whether the author edited the post after publishing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_edited_by_author: Option<bool>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The post a reshare reshares (`reshareContext`).
///
/// ```
/// let ctx: linkedin::resources::posts::ReshareContext =
///     serde_json::from_str(r#"{"parent": "urn:li:share:2", "root": "urn:li:share:1"}"#)?;
/// assert_eq!(ctx.root.map(|u| u.to_string()).as_deref(), Some("urn:li:share:1"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReshareContext {
    /// The post reshared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Urn>,
    /// The first post of the reshare chain (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<Urn>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What a post carries (`content`): one of its fields is set.
///
/// ```
/// let content: linkedin::resources::posts::PostContent = serde_json::from_str(
///     r#"{"media": {"id": "urn:li:video:C5F10AQGKQg_6y2a4sQ", "title": "title of the video"}}"#,
/// )?;
/// assert_eq!(content.media.and_then(|m| m.title).as_deref(), Some("title of the video"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostContent {
    /// One image, video or document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaContent>,
    /// A link with its title, description and thumbnail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleContent>,
    /// Several images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_image: Option<MultiImageContent>,
    /// A poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll: Option<PollContent>,
    /// A carousel (sponsored only), kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carousel: Option<Value>,
    /// A celebration, kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub celebration: Option<Value>,
    /// A reference to another entity (an event), kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Value>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One image, video or document (`content.media`).
///
/// ```
/// let media: linkedin::resources::posts::MediaContent =
///     serde_json::from_str(r#"{"id": "urn:li:image:C4E10AQ", "altText": "a cat"}"#)?;
/// assert_eq!(media.alt_text.as_deref(), Some("a cat"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MediaContent {
    /// The image, video or document URN.
    pub id: Urn,
    /// The title (videos and documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The alternative text (images).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A link (`content.article`): LinkedIn does not scrape the page, the post
/// carries its title, description and thumbnail.
///
/// ```
/// let article: linkedin::resources::posts::ArticleContent = serde_json::from_str(
///     r#"{"source": "https://lnkd.in/eabXpqi", "title": "prod test title two"}"#,
/// )?;
/// assert_eq!(article.title.as_deref(), Some("prod test title two"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ArticleContent {
    /// The link.
    pub source: String,
    /// The title shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The description shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The thumbnail, an uploaded image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Urn>,
    /// The thumbnail's alternative text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_alt_text: Option<String>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Several images (`content.multiImage`).
///
/// ```
/// let multi: linkedin::resources::posts::MultiImageContent = serde_json::from_str(
///     r#"{"images": [{"id": "urn:li:image:1", "altText": "one"}, {"id": "urn:li:image:2"}]}"#,
/// )?;
/// assert_eq!(multi.images.len(), 2);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MultiImageContent {
    /// The images, in order.
    pub images: Vec<MultiImageItem>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One image of a multi-image post.
///
/// ```
/// let image: linkedin::resources::posts::MultiImageItem =
///     serde_json::from_str(r#"{"id": "urn:li:image:1", "altText": "one"}"#)?;
/// assert_eq!(image.id.as_str(), "urn:li:image:1");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MultiImageItem {
    /// The image URN.
    pub id: Urn,
    /// Its alternative text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A poll (`content.poll`).
///
/// ```
/// let poll: linkedin::resources::posts::PollContent = serde_json::from_str(
///     r#"{"question": "Which?", "options": [{"text": "A"}, {"text": "B"}], "settings": {"duration": "ONE_DAY"}}"#,
/// )?;
/// assert_eq!(poll.options[1].text, "B");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PollContent {
    /// The question.
    pub question: String,
    /// The options, 2 to 4.
    pub options: Vec<PollOption>,
    /// How long it runs and how votes are taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<PollSettings>,
    /// How many members voted (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_voters_count: Option<u64>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One option of a poll.
///
/// ```
/// let option: linkedin::resources::posts::PollOption =
///     serde_json::from_str(r#"{"text": "Red", "voteCount": 3}"#)?;
/// assert_eq!(option.vote_count, Some(3));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PollOption {
    /// The option's text.
    pub text: String,
    /// Votes for it (read-only, the author's view).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote_count: Option<u64>,
    /// Whether the viewer voted for it (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_voted_by_viewer: Option<bool>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A poll's settings.
///
/// ```
/// use linkedin::resources::posts::{PollDuration, PollSettings};
/// let s: PollSettings = serde_json::from_str(r#"{"duration": "FOURTEEN_DAYS"}"#)?;
/// assert_eq!(s.duration, Some(PollDuration::FourteenDays));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PollSettings {
    /// How long the poll runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<PollDuration>,
    /// How many options a voter may pick.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote_selection_type: Option<VoteSelectionType>,
    /// Whether the author sees who voted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_voter_visible_to_author: Option<bool>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
