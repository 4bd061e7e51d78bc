//! The event of LinkedIn's organization social action notifications
//! (event type `ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS`).
//!
//! Modelled on the fields LinkedIn documents for these notifications;
//! `decorated*` fields (the post, share or comment inlined) are kept as
//! `serde_json::Value` because their shape depends on the action.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One organization social action (a like, comment, share or mention on a
/// company page), the `E` of [`Envelope<OrganizationSocialAction>`](crate::Envelope).
///
/// ```
/// use linkedin_webhooks::{Envelope, OrganizationSocialAction, SocialAction};
///
/// let envelope: Envelope<OrganizationSocialAction> = serde_json::from_str(r#"{
///   "type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS",
///   "notifications": [{
///     "notificationId": 5603453321,
///     "organizationalEntity": "urn:li:organization:42",
///     "action": "COMMENT",
///     "sourcePost": "urn:li:activity:7094637247890620418",
///     "generatedActivity": "urn:li:comment:(urn:li:activity:7094637247890620418,7094977717598625792)",
///     "decoratedGeneratedActivity": {"comment": {"text": "Nice!"}},
///     "lastModifiedAt": 1691574506310,
///     "subscriber": "urn:li:person:abc"
///   }]
/// }"#)?;
/// assert_eq!(envelope.notification_type.as_deref(), Some(OrganizationSocialAction::EVENT_TYPE));
/// let event = &envelope.notifications[0].event;
/// assert_eq!(event.action, SocialAction::Comment);
/// assert_eq!(event.last_modified_at, Some(1_691_574_506_310));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationSocialAction {
    /// URN of the organization whose page saw the action (`organizationalEntity`).
    pub organizational_entity: String,
    /// What happened (`action`).
    pub action: SocialAction,
    /// URN of the post acted on (`sourcePost`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_post: Option<String>,
    /// The post acted on, inlined (`decoratedSourcePost`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decorated_source_post: Option<Value>,
    /// URN of the activity the action created, e.g. the comment (`generatedActivity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_activity: Option<String>,
    /// The created activity, inlined (`decoratedGeneratedActivity`, with a `share` or `comment`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decorated_generated_activity: Option<Value>,
    /// When the action happened, in milliseconds since the Unix epoch (`lastModifiedAt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_at: Option<i64>,
    /// URN of the member whose subscription produced the notification (`subscriber`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<String>,
}

impl OrganizationSocialAction {
    /// The envelope `type` of these notifications.
    ///
    /// ```
    /// use linkedin_webhooks::OrganizationSocialAction;
    ///
    /// assert_eq!(OrganizationSocialAction::EVENT_TYPE, "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS");
    /// ```
    pub const EVENT_TYPE: &'static str = "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS";
}

/// The kind of an [`OrganizationSocialAction`]. Actions LinkedIn adds later
/// arrive as [`Other`](SocialAction::Other) instead of failing the batch.
///
/// ```
/// use linkedin_webhooks::SocialAction;
///
/// let action: SocialAction = serde_json::from_str(r#""SHARE_MENTION""#)?;
/// assert_eq!(action, SocialAction::ShareMention);
/// let action: SocialAction = serde_json::from_str(r#""REPOST""#)?;
/// assert_eq!(action, SocialAction::Other("REPOST".into()));
/// assert_eq!(serde_json::to_string(&action)?, r#""REPOST""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SocialAction {
    /// A reaction on a post (`LIKE`).
    Like,
    /// A comment (`COMMENT`).
    Comment,
    /// A reshare (`SHARE`).
    Share,
    /// The organization was mentioned in a post (`SHARE_MENTION`).
    ShareMention,
    /// An administrator commented as the organization (`ADMIN_COMMENT`).
    AdminComment,
    /// A comment was edited (`COMMENT_EDIT`).
    CommentEdit,
    /// A comment was deleted (`COMMENT_DELETE`).
    CommentDelete,
    /// An action this crate does not know yet, as sent.
    #[serde(untagged)]
    Other(String),
}
