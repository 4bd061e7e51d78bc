//! [`NewPost`]: a post to create, checked before anything is sent.

use serde_json::Map;

use super::model::{
    ArticleContent, Distribution, FeedDistribution, LifecycleState, MediaContent,
    MultiImageContent, MultiImageItem, PollContent, PollDuration, PollOption, PollSettings, Post,
    PostContent, ReshareContext, Visibility,
};
use super::{CreatePost, PostError};
use crate::commentary::{Commentary, CommentaryError};
use crate::urns::{Author, DocumentUrn, ImageUrn, PostUrn, VideoUrn};

/// The fewest images of a multi-image post (LinkedIn's "MultiImage API"
/// page: "a minimum of 2 images").
///
/// ```
/// assert_eq!(linkedin::resources::posts::MIN_IMAGES, 2);
/// ```
pub const MIN_IMAGES: usize = 2;
/// The most images of a multi-image post (LinkedIn's "MultiImage API" page:
/// "a maximum of 20 images").
///
/// ```
/// assert_eq!(linkedin::resources::posts::MAX_IMAGES, 20);
/// ```
pub const MAX_IMAGES: usize = 20;
/// The fewest options of a poll (LinkedIn's "Poll API" page).
///
/// ```
/// assert_eq!(linkedin::resources::posts::MIN_POLL_OPTIONS, 2);
/// ```
pub const MIN_POLL_OPTIONS: usize = 2;
/// The most options of a poll (LinkedIn's "Poll API" page).
///
/// ```
/// assert_eq!(linkedin::resources::posts::MAX_POLL_OPTIONS, 4);
/// ```
pub const MAX_POLL_OPTIONS: usize = 4;
/// The longest poll question, in characters (LinkedIn's "Poll API" page,
/// `question`: 140).
///
/// ```
/// assert_eq!(linkedin::resources::posts::MAX_POLL_QUESTION_CHARS, 140);
/// ```
pub const MAX_POLL_QUESTION_CHARS: usize = 140;
/// The longest poll option, in characters (LinkedIn's "Poll API" page,
/// `options.text`: 30).
///
/// ```
/// assert_eq!(linkedin::resources::posts::MAX_POLL_OPTION_CHARS, 30);
/// ```
pub const MAX_POLL_OPTION_CHARS: usize = 30;
/// The longest alternative text, in characters (LinkedIn's Images API
/// documents 4,086 for an image's alt text).
///
/// ```
/// assert_eq!(linkedin::resources::posts::MAX_ALT_TEXT_CHARS, 4086);
/// ```
pub const MAX_ALT_TEXT_CHARS: usize = 4086;
/// The longest title, description or link taken, in characters. LinkedIn
/// documents no limit for these; this bound is ours, generous, so that no
/// size is unbounded.
///
/// ```
/// assert_eq!(linkedin::resources::posts::MAX_FIELD_CHARS, 4086);
/// ```
pub const MAX_FIELD_CHARS: usize = 4086;

/// A link to share (the content of an article post): LinkedIn does not
/// scrape the page ("Article API"), so its title, description and
/// thumbnail are the post's.
///
/// ```
/// use linkedin::resources::posts::Article;
/// use linkedin::resources::urns::ImageUrn;
///
/// let article = Article::new("https://lnkd.in/eabXpqi", "prod test title two")
///     .description("test description")
///     .thumbnail("urn:li:image:C49klciosC89".parse::<ImageUrn>()?);
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    source: String,
    title: String,
    description: Option<String>,
    thumbnail: Option<ImageUrn>,
    thumbnail_alt_text: Option<String>,
}

impl Article {
    /// A link (`http` or `https`) and its title, both required.
    ///
    /// ```
    /// let article = linkedin::resources::posts::Article::new("https://example.com", "Example");
    /// ```
    pub fn new(source: impl Into<String>, title: impl Into<String>) -> Article {
        Article {
            source: source.into(),
            title: title.into(),
            description: None,
            thumbnail: None,
            thumbnail_alt_text: None,
        }
    }

    /// The description shown under the title.
    ///
    /// ```
    /// let article = linkedin::resources::posts::Article::new("https://example.com", "T").description("D");
    /// ```
    pub fn description(mut self, description: impl Into<String>) -> Article {
        self.description = Some(description.into());
        self
    }

    /// The thumbnail: an image uploaded through the Images API.
    ///
    /// ```
    /// let thumb: linkedin::resources::urns::ImageUrn = "urn:li:image:1".parse()?;
    /// let article = linkedin::resources::posts::Article::new("https://example.com", "T").thumbnail(thumb);
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn thumbnail(mut self, image: ImageUrn) -> Article {
        self.thumbnail = Some(image);
        self
    }

    /// The thumbnail's alternative text.
    ///
    /// ```
    /// let article = linkedin::resources::posts::Article::new("https://example.com", "T")
    ///     .thumbnail_alt_text("A chart");
    /// ```
    pub fn thumbnail_alt_text(mut self, text: impl Into<String>) -> Article {
        self.thumbnail_alt_text = Some(text.into());
        self
    }
}

/// A poll: a question, 2 to 4 options and how long it runs.
///
/// ```
/// use linkedin::resources::posts::{Poll, PollDuration};
/// let poll = Poll::new("What is your favorite color?", ["Red", "Blue"], PollDuration::ThreeDays);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    question: String,
    /// The first options given (one more than the most taken, at most).
    options: Vec<String>,
    /// How many options were given.
    given: usize,
    duration: PollDuration,
}

impl Poll {
    /// A poll of this question and options (checked when the post is
    /// built: see [`PostError`]).
    ///
    /// ```
    /// use linkedin::resources::posts::{Poll, PollDuration};
    /// let poll = Poll::new("Tabs or spaces?", ["Tabs", "Spaces", "Both"], PollDuration::OneDay);
    /// ```
    pub fn new<S: Into<String>>(
        question: impl Into<String>,
        options: impl IntoIterator<Item = S>,
        duration: PollDuration,
    ) -> Poll {
        let (options, given) = bounded(options.into_iter().map(Into::into), MAX_POLL_OPTIONS + 1);
        Poll {
            question: question.into(),
            options,
            given,
            duration,
        }
    }
}

/// What a post carries besides its commentary: one kind per post.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Article(Article),
    Image {
        image: ImageUrn,
        alt_text: String,
    },
    /// The first images given (one more than the most taken, at most),
    /// and how many were given.
    MultiImage(Vec<(ImageUrn, String)>, usize),
    Video {
        video: VideoUrn,
        title: String,
    },
    Document {
        document: DocumentUrn,
        title: String,
    },
    Poll(Poll),
    Reshare(PostUrn),
}

impl Kind {
    fn name(&self) -> &'static str {
        match self {
            Kind::Article(_) => "an article",
            Kind::Image { .. } => "an image",
            Kind::MultiImage(..) => "several images",
            Kind::Video { .. } => "a video",
            Kind::Document { .. } => "a document",
            Kind::Poll(_) => "a poll",
            Kind::Reshare(_) => "a reshare",
        }
    }
}

/// A post to create with the Posts API, for a member or an organization:
/// text only, or with exactly one of an article, an image, several images,
/// a video, a document, a poll, or a reshare of another post.
///
/// LinkedIn's documented defaults are filled in: `visibility: PUBLIC`,
/// `distribution` to the main feed with no target entities and no
/// third-party channels, `lifecycleState: PUBLISHED`,
/// `isReshareDisabledByAuthor: false`. Everything is checked by
/// [`body`](Self::body) and [`create`](Self::create), before anything is
/// sent.
///
/// ```
/// use linkedin::resources::commentary::Commentary;
/// use linkedin::resources::posts::NewPost;
/// use linkedin::resources::urns::OrganizationUrn;
///
/// let post = NewPost::new(OrganizationUrn::new(5515715)?, Commentary::new().text("Sample text Post"));
/// let body = serde_json::to_value(post.body()?)?;
/// assert_eq!(body, serde_json::json!({
///     "author": "urn:li:organization:5515715",
///     "commentary": "Sample text Post",
///     "visibility": "PUBLIC",
///     "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
///     "lifecycleState": "PUBLISHED",
///     "isReshareDisabledByAuthor": false
/// }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct NewPost {
    author: Author,
    commentary: Commentary,
    kind: Option<Kind>,
    conflict: Option<(&'static str, &'static str)>,
    visibility: Visibility,
    feed_distribution: FeedDistribution,
    lifecycle_state: LifecycleState,
    reshare_disabled: bool,
}

impl NewPost {
    /// A post by `author` with this commentary (text only until a content
    /// is added).
    ///
    /// ```
    /// use linkedin::resources::posts::NewPost;
    /// use linkedin::resources::urns::PersonUrn;
    /// let post = NewPost::new(PersonUrn::new("abc123")?, "Hello world".into());
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn new(author: impl Into<Author>, commentary: Commentary) -> NewPost {
        NewPost {
            author: author.into(),
            commentary,
            kind: None,
            conflict: None,
            visibility: Visibility::Public,
            feed_distribution: FeedDistribution::MainFeed,
            lifecycle_state: LifecycleState::Published,
            reshare_disabled: false,
        }
    }

    fn with(mut self, kind: Kind) -> NewPost {
        match &self.kind {
            Some(first) if self.conflict.is_none() => {
                self.conflict = Some((first.name(), kind.name()));
            }
            Some(_) => {}
            None => self.kind = Some(kind),
        }
        self
    }

    /// Shares a link, with its title, description and thumbnail.
    ///
    /// ```
    /// use linkedin::resources::posts::{Article, NewPost};
    /// let post = NewPost::new("urn:li:person:a".parse::<linkedin::resources::urns::PersonUrn>()?, "Read this".into())
    ///     .article(Article::new("https://example.com/a", "A title"));
    /// let body = post.body()?;
    /// assert_eq!(body.content.and_then(|c| c.article).map(|a| a.source).as_deref(), Some("https://example.com/a"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn article(self, article: Article) -> NewPost {
        self.with(Kind::Article(article))
    }

    /// Adds one image (uploaded through the Images API) and its alternative
    /// text (left out when empty).
    ///
    /// ```
    /// use linkedin::resources::posts::NewPost;
    /// use linkedin::resources::urns::{ImageUrn, PersonUrn};
    /// let post = NewPost::new(PersonUrn::new("a")?, "A cat".into())
    ///     .image("urn:li:image:C4E10AQ".parse::<ImageUrn>()?, "a cat on a mat");
    /// assert!(post.body().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn image(self, image: ImageUrn, alt_text: impl Into<String>) -> NewPost {
        self.with(Kind::Image {
            image,
            alt_text: alt_text.into(),
        })
    }

    /// Adds 2 to 20 images, in order, each with its alternative text (left
    /// out when empty).
    ///
    /// ```
    /// use linkedin::resources::posts::{NewPost, PostError};
    /// use linkedin::resources::urns::{ImageUrn, PersonUrn};
    /// let one: ImageUrn = "urn:li:image:1".parse()?;
    /// let post = NewPost::new(PersonUrn::new("a")?, "Two".into())
    ///     .images([(one.clone(), "first"), (one.clone(), "second")]);
    /// assert!(post.body().is_ok());
    /// let post = NewPost::new(PersonUrn::new("a")?, "One".into()).images([(one, "only")]);
    /// assert!(matches!(post.body(), Err(PostError::ImageCount { found: 1 })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn images<S: Into<String>>(
        self,
        images: impl IntoIterator<Item = (ImageUrn, S)>,
    ) -> NewPost {
        let (images, given) = bounded(
            images.into_iter().map(|(urn, alt)| (urn, alt.into())),
            MAX_IMAGES + 1,
        );
        self.with(Kind::MultiImage(images, given))
    }

    /// Adds a video (uploaded through the Videos API) and its title (left
    /// out when empty).
    ///
    /// ```
    /// use linkedin::resources::posts::NewPost;
    /// use linkedin::resources::urns::{PersonUrn, VideoUrn};
    /// let post = NewPost::new(PersonUrn::new("a")?, "Watch".into())
    ///     .video("urn:li:video:C5F10AQGKQg_6y2a4sQ".parse::<VideoUrn>()?, "title of the video");
    /// assert!(post.body().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn video(self, video: VideoUrn, title: impl Into<String>) -> NewPost {
        self.with(Kind::Video {
            video,
            title: title.into(),
        })
    }

    /// Adds a document (uploaded through the Documents API) and its title
    /// (required: LinkedIn shows it).
    ///
    /// ```
    /// use linkedin::resources::posts::{NewPost, PostError};
    /// use linkedin::resources::urns::{DocumentUrn, PersonUrn};
    /// let doc: DocumentUrn = "urn:li:document:D5510AQ".parse()?;
    /// let post = NewPost::new(PersonUrn::new("a")?, "Read".into()).document(doc, "");
    /// assert!(matches!(post.body(), Err(PostError::EmptyText { field: "the document's title" })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn document(self, document: DocumentUrn, title: impl Into<String>) -> NewPost {
        self.with(Kind::Document {
            document,
            title: title.into(),
        })
    }

    /// Adds a poll.
    ///
    /// ```
    /// use linkedin::resources::posts::{NewPost, Poll, PollDuration, PostError};
    /// use linkedin::resources::urns::PersonUrn;
    /// let poll = Poll::new("Which?", ["Only one"], PollDuration::OneDay);
    /// let post = NewPost::new(PersonUrn::new("a")?, "Vote".into()).poll(poll);
    /// assert!(matches!(post.body(), Err(PostError::PollOptions { found: 1 })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn poll(self, poll: Poll) -> NewPost {
        self.with(Kind::Poll(poll))
    }

    /// Reshares another post (the commentary may then be empty).
    ///
    /// ```
    /// use linkedin::resources::posts::NewPost;
    /// use linkedin::resources::commentary::Commentary;
    /// use linkedin::resources::urns::{PersonUrn, PostUrn};
    /// let post = NewPost::new(PersonUrn::new("a")?, Commentary::new())
    ///     .reshare("urn:li:share:6957408550713184256".parse::<PostUrn>()?);
    /// let body = post.body()?;
    /// assert_eq!(body.reshare_context.and_then(|r| r.parent).map(|u| u.to_string()).as_deref(),
    ///            Some("urn:li:share:6957408550713184256"));
    /// assert_eq!(body.commentary, None, "no empty commentary is sent");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reshare(self, parent: PostUrn) -> NewPost {
        self.with(Kind::Reshare(parent))
    }

    /// Who may see the post (default [`Visibility::Public`]).
    ///
    /// ```
    /// use linkedin::resources::posts::{NewPost, Visibility};
    /// use linkedin::resources::urns::PersonUrn;
    /// let post = NewPost::new(PersonUrn::new("a")?, "Hi".into()).visibility(Visibility::Connections);
    /// assert_eq!(post.body()?.visibility, Some(Visibility::Connections));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn visibility(mut self, visibility: Visibility) -> NewPost {
        self.visibility = visibility;
        self
    }

    /// Where the post goes (default [`FeedDistribution::MainFeed`]; `NONE`
    /// makes a dark post, for sponsored content).
    ///
    /// ```
    /// use linkedin::resources::posts::{FeedDistribution, NewPost};
    /// use linkedin::resources::urns::OrganizationUrn;
    /// let post = NewPost::new(OrganizationUrn::new(1)?, "Ad".into()).feed_distribution(FeedDistribution::None);
    /// assert_eq!(post.body()?.distribution.and_then(|d| d.feed_distribution), Some(FeedDistribution::None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn feed_distribution(mut self, feed: FeedDistribution) -> NewPost {
        self.feed_distribution = feed;
        self
    }

    /// Creates the post as a draft instead of publishing it.
    ///
    /// ```
    /// use linkedin::resources::posts::{LifecycleState, NewPost};
    /// use linkedin::resources::urns::PersonUrn;
    /// let post = NewPost::new(PersonUrn::new("a")?, "Later".into()).draft();
    /// assert_eq!(post.body()?.lifecycle_state, Some(LifecycleState::Draft));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn draft(mut self) -> NewPost {
        self.lifecycle_state = LifecycleState::Draft;
        self
    }

    /// Turns resharing off for this post.
    ///
    /// ```
    /// use linkedin::resources::posts::NewPost;
    /// use linkedin::resources::urns::PersonUrn;
    /// let post = NewPost::new(PersonUrn::new("a")?, "Mine".into()).disable_reshare();
    /// assert_eq!(post.body()?.is_reshare_disabled_by_author, Some(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn disable_reshare(mut self) -> NewPost {
        self.reshare_disabled = true;
        self
    }

    /// The body of the create request, checked.
    ///
    /// ```
    /// use linkedin::resources::posts::{NewPost, PostError};
    /// use linkedin::resources::commentary::Commentary;
    /// use linkedin::resources::urns::PersonUrn;
    /// let err = NewPost::new(PersonUrn::new("a")?, Commentary::new()).body().unwrap_err();
    /// assert!(matches!(err, PostError::EmptyText { field: "the commentary of a text-only post" }));
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`PostError`] naming what is wrong: two contents, a commentary
    /// that cannot be written ([`CommentaryError`]), an empty required
    /// text, a text over its limit, a poll without 2 to 4 options, a
    /// multi-image post without 2 to 20 images, an article link that is not
    /// `http`/`https`.
    pub fn body(&self) -> Result<Post, PostError> {
        if let Some((first, second)) = self.conflict {
            return Err(PostError::TwoContents { first, second });
        }
        let little = self.commentary.to_little_text()?;
        let text_only = self.kind.is_none();
        if text_only && self.commentary.plain_text().trim().is_empty() {
            return Err(PostError::EmptyText {
                field: "the commentary of a text-only post",
            });
        }
        let mut post = Post {
            author: Some(self.author.clone().into()),
            // A reshare or a media post may go without text: leave the
            // field out rather than send an empty one.
            commentary: (!little.is_empty()).then_some(little),
            visibility: Some(self.visibility.clone()),
            distribution: Some(Distribution {
                feed_distribution: Some(self.feed_distribution.clone()),
                ..Distribution::main_feed()
            }),
            lifecycle_state: Some(self.lifecycle_state.clone()),
            is_reshare_disabled_by_author: Some(self.reshare_disabled),
            ..Post::default()
        };
        match &self.kind {
            None => {}
            Some(Kind::Reshare(parent)) => {
                post.reshare_context = Some(ReshareContext {
                    parent: Some(parent.clone().into()),
                    ..ReshareContext::default()
                });
            }
            Some(kind) => post.content = Some(content(kind)?),
        }
        Ok(post)
    }

    /// The create request (`POST /rest/posts`), checked.
    ///
    /// ```
    /// use linkedin::resources::posts::NewPost;
    /// use linkedin::resources::urns::PersonUrn;
    /// let request = NewPost::new(PersonUrn::new("a")?, "Hello".into()).create()?;
    /// assert_eq!(request.as_ref().path(), "/rest/posts");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`body`](Self::body).
    pub fn create(&self) -> Result<CreatePost, PostError> {
        Ok(CreatePost::new(&self.body()?))
    }
}

/// Checks a text's length against `max` characters (and emptiness when
/// required), naming the field.
fn check_text(
    field: &'static str,
    text: &str,
    max: usize,
    required: bool,
) -> Result<(), PostError> {
    if required && text.trim().is_empty() {
        return Err(PostError::EmptyText { field });
    }
    let found = text.chars().count();
    if found > max {
        return Err(PostError::TextTooLong { field, max, found });
    }
    Ok(())
}

/// The first `keep` items, and how many there were (counting the rest
/// without keeping them, so that memory stays bounded).
fn bounded<T>(items: impl Iterator<Item = T>, keep: usize) -> (Vec<T>, usize) {
    let mut kept = Vec::new();
    let mut count = 0usize;
    for item in items {
        if kept.len() < keep {
            kept.push(item);
        }
        count = count.saturating_add(1);
    }
    (kept, count)
}

fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

fn content(kind: &Kind) -> Result<PostContent, PostError> {
    let mut content = PostContent::default();
    match kind {
        Kind::Article(article) => {
            check_text("the article's link", &article.source, MAX_FIELD_CHARS, true)?;
            let lower = article.source.to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                return Err(PostError::NotALink {
                    found: article.source.clone(),
                });
            }
            check_text("the article's title", &article.title, MAX_FIELD_CHARS, true)?;
            if let Some(description) = &article.description {
                check_text(
                    "the article's description",
                    description,
                    MAX_FIELD_CHARS,
                    false,
                )?;
            }
            if let Some(alt) = &article.thumbnail_alt_text {
                check_text("the thumbnail's alt text", alt, MAX_ALT_TEXT_CHARS, false)?;
            }
            content.article = Some(ArticleContent {
                source: article.source.clone(),
                title: Some(article.title.clone()),
                description: article.description.clone(),
                thumbnail: article.thumbnail.clone().map(Into::into),
                thumbnail_alt_text: article.thumbnail_alt_text.clone(),
                extra: Map::new(),
            });
        }
        Kind::Image { image, alt_text } => {
            check_text("the image's alt text", alt_text, MAX_ALT_TEXT_CHARS, false)?;
            content.media = Some(MediaContent {
                id: image.clone().into(),
                title: None,
                alt_text: optional(alt_text),
                extra: Map::new(),
            });
        }
        Kind::MultiImage(images, given) => {
            if !(MIN_IMAGES..=MAX_IMAGES).contains(given) {
                return Err(PostError::ImageCount { found: *given });
            }
            let mut items = Vec::with_capacity(images.len());
            for (image, alt_text) in images {
                check_text("an image's alt text", alt_text, MAX_ALT_TEXT_CHARS, false)?;
                items.push(MultiImageItem {
                    id: image.clone().into(),
                    alt_text: optional(alt_text),
                    extra: Map::new(),
                });
            }
            content.multi_image = Some(MultiImageContent {
                images: items,
                extra: Map::new(),
            });
        }
        Kind::Video { video, title } => {
            check_text("the video's title", title, MAX_FIELD_CHARS, false)?;
            content.media = Some(MediaContent {
                id: video.clone().into(),
                title: optional(title),
                alt_text: None,
                extra: Map::new(),
            });
        }
        Kind::Document { document, title } => {
            check_text("the document's title", title, MAX_FIELD_CHARS, true)?;
            content.media = Some(MediaContent {
                id: document.clone().into(),
                title: Some(title.clone()),
                alt_text: None,
                extra: Map::new(),
            });
        }
        Kind::Poll(poll) => {
            check_text(
                "the poll's question",
                &poll.question,
                MAX_POLL_QUESTION_CHARS,
                true,
            )?;
            if !(MIN_POLL_OPTIONS..=MAX_POLL_OPTIONS).contains(&poll.given) {
                return Err(PostError::PollOptions { found: poll.given });
            }
            let mut options = Vec::with_capacity(poll.options.len());
            for text in &poll.options {
                check_text("a poll option", text, MAX_POLL_OPTION_CHARS, true)?;
                options.push(PollOption {
                    text: text.clone(),
                    vote_count: None,
                    is_voted_by_viewer: None,
                    extra: Map::new(),
                });
            }
            content.poll = Some(PollContent {
                question: poll.question.clone(),
                options,
                settings: Some(PollSettings {
                    duration: Some(poll.duration.clone()),
                    ..PollSettings::default()
                }),
                unique_voters_count: None,
                extra: Map::new(),
            });
        }
        Kind::Reshare(_) => {}
    }
    Ok(content)
}

impl From<CommentaryError> for PostError {
    fn from(error: CommentaryError) -> PostError {
        PostError::Commentary(error)
    }
}
