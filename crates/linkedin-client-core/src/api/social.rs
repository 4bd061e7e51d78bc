//! [`Comments`] and [`Reactions`]: the Comments and Reactions APIs on
//! either client.

use linkedin_resources::social::{Comment, CommentMessage, Reaction, ReactionKey, ReactionType};
use linkedin_resources::social::{comments, reactions};
use linkedin_resources::urns::{Author, SocialTargetUrn};
use restli_codec::{CreateResponse, EntityResponse, StatusResponse, Urn};

use super::Caller;
use crate::error::Error;

/// What comments and reactions are on, from any URN of one (a post's
/// `PostUrn`, a `SocialTargetUrn`): an [`Error::Resource`] for another kind.
fn target_of(urn: &impl AsRef<Urn>) -> Result<SocialTargetUrn, Error> {
    Ok(SocialTargetUrn::try_from(urn.as_ref().clone())?)
}

/// Comments on posts and comments (`client.comments()`): add, reply, list
/// (all pages), delete.
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// use linkedin::resources::urns::{Author, PersonUrn};
///
/// let me: PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
/// let post = client.posts().create(&linkedin::resources::posts::NewPost::new(me.clone(), "Hi".into()))?;
/// let target = post;
/// let comment = client.comments().add(&target, &Author::Person(me), "Nice (really)")?;
/// assert_eq!(comment.message.map(|m| m.text).as_deref(), Some("Nice (really)"));
/// assert_eq!(client.comments().list(&target).count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Comments<'a, C> {
    caller: &'a C,
}

impl<C> Clone for Comments<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Comments<'_, C> {}

/// The comment LinkedIn answered with, its id filled from `x-restli-id`;
/// when the answer carries no comment, the one sent with that id.
fn added_comment(
    created: CreateResponse<String, Comment>,
    actor: Author,
    object: SocialTargetUrn,
    parent: Option<SocialTargetUrn>,
    text: String,
) -> Comment {
    let id = comments::created_id(&created);
    let mut comment = created.entity.unwrap_or_else(|| Comment {
        id: None,
        comment_urn: None,
        actor: Some(actor.into()),
        agent: None,
        object: Some(object.into()),
        parent_comment: parent.map(Into::into),
        message: Some(CommentMessage {
            text,
            attributes: None,
            extra: Default::default(),
        }),
        content: None,
        created: None,
        last_modified: None,
        deleted: None,
        likes_summary: None,
        comments_summary: None,
        extra: Default::default(),
    });
    if comment.id.is_none() {
        comment.id = id;
    }
    comment
}

impl<'a, C: Caller> Comments<'a, C> {
    /// The handle over `caller` (what `client.comments()` makes).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let comments = linkedin::client_core::api::Comments::new(&client);
    /// // The sandbox knows no post 1.
    /// assert!(comments.list(&"urn:li:share:1".parse::<linkedin::resources::urns::PostUrn>()?).all(|c| c.is_err()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(caller: &'a C) -> Self {
        Comments { caller }
    }

    /// Comments `text` on `target` as `actor`; gives the new comment (its
    /// `id` the one LinkedIn gave it).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::urns::{Author, PersonUrn};
    /// let me: PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let post = client.posts().create(&linkedin::resources::posts::NewPost::new(me.clone(), "Hi".into()))?;
    /// let comment = client.comments().add(&post, &Author::Person(me), "First")?;
    /// assert!(comment.id.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for an empty or too long text, or any error of
    /// the call.
    pub fn add(
        &self,
        target: &impl AsRef<Urn>,
        actor: &Author,
        text: &str,
    ) -> C::Answer<'a, Comment> {
        let target = match target_of(target) {
            Ok(target) => target,
            Err(err) => return self.caller.ready(Err(err)),
        };
        let (actor, text) = (actor.clone(), text.to_owned());
        self.caller.call(
            comments::add(&target, &actor, &text).map_err(Error::from),
            move |created| Ok(added_comment(created, actor, target, None, text)),
        )
    }

    /// Replies `text` to the comment `parent` (a `urn:li:comment`) of
    /// `post`, as `actor`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::urns::Author;
    /// let post: linkedin::resources::urns::PostUrn = "urn:li:share:1".parse()?;
    /// // The parent must be a comment: refused before anything is sent.
    /// let err = client.comments().reply(&post, &post, &Author::Person("urn:li:person:a".parse()?), "Hi").unwrap_err();
    /// assert!(matches!(err, linkedin::Error::Resource(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a parent that is not a comment or a bad
    /// text, or any error of the call.
    pub fn reply(
        &self,
        parent: &impl AsRef<Urn>,
        post: &impl AsRef<Urn>,
        actor: &Author,
        text: &str,
    ) -> C::Answer<'a, Comment> {
        let (parent, post) = match (target_of(parent), target_of(post)) {
            (Ok(parent), Ok(post)) => (parent, post),
            (Err(err), _) | (_, Err(err)) => return self.caller.ready(Err(err)),
        };
        let (actor, text) = (actor.clone(), text.to_owned());
        let request = comments::reply(&parent, &post, &actor, &text).map_err(Error::from);
        self.caller.call(request, move |created| {
            Ok(added_comment(created, actor, post, Some(parent), text))
        })
    }

    /// Every comment on `target` (a post, its activity or a comment), all
    /// pages.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let post = client.posts().create(&linkedin::resources::posts::NewPost::new(me, "Hi".into()))?;
    /// let none: Vec<_> = client.comments().list(&post).collect::<Result<_, _>>()?;
    /// assert!(none.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn list(&self, target: &impl AsRef<Urn>) -> C::Items<'a, Comment> {
        self.caller
            .items(target_of(target).map(|target| comments::list(&target)))
    }

    /// Deletes the comment `comment_id` on `target`, as `actor`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::urns::{Author, PersonUrn};
    /// let me: PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let post = client.posts().create(&linkedin::resources::posts::NewPost::new(me.clone(), "Hi".into()))?;
    /// let target = post;
    /// let comment = client.comments().add(&target, &Author::Person(me.clone()), "Oops")?;
    /// client.comments().delete(&target, comment.id.as_deref().unwrap_or_default(), &Author::Person(me))?;
    /// assert_eq!(client.comments().list(&target).count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for an id that cannot be one, or any error of
    /// the call.
    pub fn delete(
        &self,
        target: &impl AsRef<Urn>,
        comment_id: &str,
        actor: &Author,
    ) -> C::Answer<'a, ()> {
        let request = target_of(target)
            .and_then(|target| comments::delete(&target, comment_id, actor).map_err(Error::from));
        self.caller.call(request, |_: StatusResponse| Ok(()))
    }
}

/// Reactions on posts and comments (`client.reactions()`): add, get, list
/// (all pages), delete; the types are [`ReactionType`].
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// use linkedin::resources::social::ReactionType;
/// use linkedin::resources::urns::{Author, PersonUrn};
///
/// let me: PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
/// let post = client.posts().create(&linkedin::resources::posts::NewPost::new(me.clone(), "Hi".into()))?;
/// let key = client.reactions().add(&Author::Person(me), &post, ReactionType::Praise)?;
/// assert_eq!(client.reactions().get(&key)?.reaction_type, Some(ReactionType::Praise));
/// client.reactions().delete(&key)?;
/// assert_eq!(client.reactions().list(&post).count(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Reactions<'a, C> {
    caller: &'a C,
}

impl<C> Clone for Reactions<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Reactions<'_, C> {}

impl<'a, C: Caller> Reactions<'a, C> {
    /// The handle over `caller` (what `client.reactions()` makes).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let reactions = linkedin::client_core::api::Reactions::new(&client);
    /// assert_eq!(reactions.list(&"urn:li:share:1".parse::<linkedin::resources::urns::PostUrn>()?).count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(caller: &'a C) -> Self {
        Reactions { caller }
    }

    /// Reacts to `entity` as `actor`; gives the reaction's key (from the
    /// answer's `x-restli-id`, else who reacted to what).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::social::ReactionType;
    /// use linkedin::resources::urns::{Author, PersonUrn};
    /// let me: PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let post = client.posts().create(&linkedin::resources::posts::NewPost::new(me.clone(), "Hi".into()))?;
    /// let key = client.reactions().add(&Author::Person(me), &post, ReactionType::Like)?;
    /// assert_eq!(key.entity.as_str(), post.as_str());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn add(
        &self,
        actor: &Author,
        entity: &impl AsRef<Urn>,
        kind: ReactionType,
    ) -> C::Answer<'a, ReactionKey> {
        let entity = match target_of(entity) {
            Ok(entity) => entity,
            Err(err) => return self.caller.ready(Err(err)),
        };
        let request = reactions::add(actor, &entity, kind);
        let key = ReactionKey::new(actor.clone(), entity);
        self.caller.call(
            Ok(request),
            move |created: CreateResponse<String, Reaction>| {
                let sent = created
                    .id
                    .as_deref()
                    .or(created.raw_id.as_deref())
                    .and_then(ReactionKey::parse);
                Ok(sent.unwrap_or(key))
            },
        )
    }

    /// Gets one reaction by its key.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::social::ReactionKey;
    /// let key = ReactionKey::new("urn:li:person:sAnDb0x1d".parse()?, "urn:li:share:1".parse()?);
    /// assert_eq!(client.reactions().get(&key).unwrap_err().status().map(|s| s.as_u16()), Some(404));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call (a 404 for no such reaction).
    pub fn get(&self, key: &ReactionKey) -> C::Answer<'a, Reaction> {
        self.caller.call(
            Ok(reactions::get(key)),
            |found: EntityResponse<Reaction>| Ok(found.entity),
        )
    }

    /// Every reaction to `entity`, all pages, the newest first.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let none: Vec<_> = client.reactions().list(&"urn:li:share:1".parse::<linkedin::resources::urns::PostUrn>()?).collect::<Result<_, _>>()?;
    /// assert!(none.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn list(&self, entity: &impl AsRef<Urn>) -> C::Items<'a, Reaction> {
        self.caller
            .items(target_of(entity).map(|entity| reactions::list(&entity)))
    }

    /// Deletes a reaction.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::social::ReactionType;
    /// use linkedin::resources::urns::{Author, PersonUrn};
    /// let me: PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let post = client.posts().create(&linkedin::resources::posts::NewPost::new(me.clone(), "Hi".into()))?;
    /// let key = client.reactions().add(&Author::Person(me), &post, ReactionType::Empathy)?;
    /// client.reactions().delete(&key)?;
    /// assert!(client.reactions().get(&key).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn delete(&self, key: &ReactionKey) -> C::Answer<'a, ()> {
        self.caller
            .call(Ok(reactions::delete(key)), |_: StatusResponse| Ok(()))
    }
}
