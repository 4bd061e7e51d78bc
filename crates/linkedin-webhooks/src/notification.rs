//! Notification deliveries: verifying the signature, then parsing the body.
//!
//! # The envelope
//!
//! LinkedIn's documented push events (organization social action
//! notifications) arrive as a batch:
//!
//! ```json
//! {"type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS",
//!  "notifications": [{"notificationId": 5603453321, "action": "COMMENT", ...}]}
//! ```
//!
//! [`Envelope`] models that shape, generic over the event payload `E`
//! (default `serde_json::Value`): each [`Notification`] splits off its
//! `notificationId` (a JSON number on the wire, kept as a [`NotificationId`]
//! string so one type dedups every feed) and hands **the remaining fields**
//! to `E`. This is done by buffering each notification as a JSON object
//! rather than with `#[serde(flatten)]`, which is known to mis-handle
//! numbers, `deny_unknown_fields` and error positions; batches are at most
//! ten small objects, so the buffering is cheap.
//!
//! Feeds with another shape (Lead Sync pushes a flat object, for instance)
//! are read with [`verify_notification`] into any `DeserializeOwned` type.

use std::fmt;

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::{Error as _, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::signature::verify_headers;
use crate::{ClientSecret, SignatureError};

const NOTIFICATION_ID: &str = "notificationId";

/// Checks a notification's signature, then parses its body as `T`: the whole
/// `POST` handler of a webhook receiver, before deduplication.
///
/// The signature is checked first (in constant time), so an unauthenticated
/// body is never parsed. `T` is usually an [`Envelope`]: `Envelope` (events
/// as `serde_json::Value`) or `Envelope<YourEvent>`.
///
/// ```
/// use http::HeaderMap;
/// use linkedin_webhooks::{sign, verify_notification, ClientSecret, Envelope, OrganizationSocialAction};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let body = br#"{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[
///     {"notificationId":5603453321,"organizationalEntity":"urn:li:organization:42","action":"LIKE"}]}"#;
/// let mut headers = HeaderMap::new();
/// headers.insert("x-li-signature", sign(&secret, body)?.parse()?);
///
/// let envelope: Envelope<OrganizationSocialAction> = verify_notification(&secret, &headers, body)?;
/// assert_eq!(envelope.notifications[0].notification_id, "5603453321");
/// assert_eq!(envelope.notifications[0].event.organizational_entity, "urn:li:organization:42");
///
/// // Or untyped:
/// let envelope: Envelope = verify_notification(&secret, &headers, body)?;
/// assert_eq!(envelope.notifications[0].event["action"], "LIKE");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_notification<T: DeserializeOwned>(
    secret: &ClientSecret,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<T, NotificationError> {
    verify_headers(secret, headers, body)?;
    serde_json::from_slice(body).map_err(|source| NotificationError::Json {
        line: source.line(),
        column: source.column(),
        source,
    })
}

/// A batch of notifications, as LinkedIn posts it: `{"type": ..., "notifications": [...]}`.
///
/// Unknown top-level fields are ignored. Serializing produces the same shape
/// (what a sandbox sends).
///
/// ```
/// use linkedin_webhooks::Envelope;
///
/// let envelope: Envelope = serde_json::from_str(
///     r#"{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[{"notificationId":1,"action":"LIKE"}]}"#,
/// )?;
/// assert_eq!(envelope.notification_type.as_deref(), Some("ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS"));
/// assert_eq!(envelope.notifications.len(), 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "E: Serialize", deserialize = "E: DeserializeOwned"))]
pub struct Envelope<E = Value> {
    /// The event type of the batch (`type`), e.g. `ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub notification_type: Option<String>,
    /// The notifications (LinkedIn batches up to ten per request).
    pub notifications: Vec<Notification<E>>,
}

/// One notification: its id (for deduplication) and the rest of its fields as `E`.
///
/// `E` receives the notification object **without** `notificationId`, so it
/// may use `#[serde(deny_unknown_fields)]`. When serializing, `E` must
/// produce a JSON object; `notificationId` is written first.
///
/// ```
/// use linkedin_webhooks::{Notification, NotificationId};
///
/// let n: Notification = serde_json::from_str(r#"{"notificationId":7,"action":"SHARE"}"#)?;
/// assert_eq!(n.notification_id, NotificationId::new("7"));
/// assert_eq!(n.event, serde_json::json!({"action": "SHARE"}));
/// assert_eq!(serde_json::to_string(&n)?, r#"{"notificationId":7,"action":"SHARE"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Notification<E = Value> {
    /// The id LinkedIn assigns to the notification; redeliveries repeat it.
    pub notification_id: NotificationId,
    /// The other fields of the notification.
    pub event: E,
}

impl<'de, E: DeserializeOwned> Deserialize<'de> for Notification<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut fields = Map::<String, Value>::deserialize(deserializer)?;
        let id = fields
            .remove(NOTIFICATION_ID)
            .ok_or_else(|| D::Error::missing_field(NOTIFICATION_ID))?;
        let notification_id = NotificationId::deserialize(id).map_err(D::Error::custom)?;
        let event = E::deserialize(Value::Object(fields))
            .map_err(|e| D::Error::custom(format_args!("notification {notification_id}: {e}")))?;
        Ok(Self {
            notification_id,
            event,
        })
    }
}

impl<E: Serialize> Serialize for Notification<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Value::Object(fields) = serde_json::to_value(&self.event).map_err(S::Error::custom)?
        else {
            return Err(S::Error::custom(
                "the event of a notification must serialize to a JSON object",
            ));
        };
        let mut map = serializer.serialize_map(Some(fields.len() + 1))?;
        map.serialize_entry(NOTIFICATION_ID, &self.notification_id)?;
        for (name, value) in fields.iter().filter(|(name, _)| *name != NOTIFICATION_ID) {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A notification id, the key for deduplication.
///
/// LinkedIn documents it as a `long`; it is read from a JSON number or string
/// and kept as text, so ids of any feed fit one type. It serializes as a JSON
/// number when the text is a canonical integer, as a string otherwise.
///
/// ```
/// use linkedin_webhooks::NotificationId;
///
/// let from_number: NotificationId = serde_json::from_str("5603453321")?;
/// let from_string: NotificationId = serde_json::from_str(r#""5603453321""#)?;
/// assert_eq!(from_number, from_string);
/// assert_eq!(from_number.as_str(), "5603453321");
/// assert_eq!(serde_json::to_string(&from_string)?, "5603453321");
/// assert!(serde_json::from_str::<NotificationId>("1.5").is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NotificationId(String);

impl NotificationId {
    /// Wraps an id.
    ///
    /// ```
    /// use linkedin_webhooks::NotificationId;
    ///
    /// assert_eq!(NotificationId::new("42").as_str(), "42");
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as text.
    ///
    /// ```
    /// use linkedin_webhooks::NotificationId;
    ///
    /// assert_eq!(NotificationId::from(42_u64).as_str(), "42");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NotificationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for NotificationId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<u64> for NotificationId {
    fn from(id: u64) -> Self {
        Self(id.to_string())
    }
}

impl PartialEq<str> for NotificationId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for NotificationId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for NotificationId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.parse::<u64>() {
            Ok(n) if n.to_string() == self.0 => serializer.serialize_u64(n),
            _ => match self.0.parse::<i64>() {
                Ok(n) if n.to_string() == self.0 => serializer.serialize_i64(n),
                _ => serializer.serialize_str(&self.0),
            },
        }
    }
}

impl<'de> Deserialize<'de> for NotificationId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;

        impl serde::de::Visitor<'_> for IdVisitor {
            type Value = NotificationId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a notification id (an integer or a string)")
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(NotificationId(v.to_string()))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(NotificationId(v.to_string()))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(NotificationId(v.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(NotificationId(v))
            }
        }

        deserializer.deserialize_any(IdVisitor)
    }
}

/// Why a notification delivery was rejected.
///
/// ```
/// use http::HeaderMap;
/// use linkedin_webhooks::{sign, verify_notification, ClientSecret, Envelope, NotificationError};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let body = br#"{"notifications": [}"#;
/// let mut headers = HeaderMap::new();
/// headers.insert("x-li-signature", sign(&secret, body)?.parse()?);
/// let err = verify_notification::<Envelope>(&secret, &headers, body).unwrap_err();
/// assert!(matches!(err, NotificationError::Json { line: 1, column: 20, .. }));
/// assert_eq!(err.status_code(), http::StatusCode::BAD_REQUEST);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NotificationError {
    /// The signature is missing, malformed or wrong; the body was not parsed.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// The signature is valid but the body is not the expected JSON.
    #[error(
        "the notification body (correctly signed) does not parse as the expected type: {source}"
    )]
    Json {
        /// 1-based line of the error in the body.
        line: usize,
        /// 1-based column of the error in the body.
        column: usize,
        /// serde_json's error.
        source: serde_json::Error,
    },
}

impl NotificationError {
    /// The status a receiver should answer with: `401 Unauthorized` for a
    /// signature problem, `400 Bad Request` for a body that does not parse.
    ///
    /// A signed body that does not parse usually means the event type does
    /// not match what LinkedIn sent; LinkedIn retries non-2xx deliveries for
    /// a while, which gives you time to fix the type (answer 2xx instead to
    /// drop the delivery).
    ///
    /// ```
    /// use linkedin_webhooks::{NotificationError, SignatureError};
    ///
    /// let err = NotificationError::from(SignatureError::Mismatch);
    /// assert_eq!(err.status_code(), http::StatusCode::UNAUTHORIZED);
    /// ```
    pub fn status_code(&self) -> http::StatusCode {
        match self {
            Self::Signature(err) => err.status_code(),
            Self::Json { .. } => http::StatusCode::BAD_REQUEST,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        action: String,
    }

    #[test]
    fn event_gets_the_rest_without_the_id() {
        let n: Notification<Strict> =
            serde_json::from_str(r#"{"action":"LIKE","notificationId":"abc"}"#).unwrap();
        assert_eq!(n.notification_id, "abc");
        assert_eq!(n.event.action, "LIKE");
        assert_eq!(
            serde_json::to_string(&n).unwrap(),
            r#"{"notificationId":"abc","action":"LIKE"}"#
        );
    }

    #[test]
    fn missing_id_and_bad_event_are_errors_with_positions() {
        let err = serde_json::from_str::<Envelope>(r#"{"notifications":[{"action":"LIKE"}]}"#)
            .unwrap_err();
        assert!(
            err.to_string().contains("missing field `notificationId`"),
            "{err}"
        );
        assert_eq!(err.line(), 1);

        let err = serde_json::from_str::<Envelope<Strict>>(
            "{\"notifications\":[\n{\"notificationId\":9,\"action\":1}]}",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("notification 9: "), "{err}");
        assert_eq!(err.line(), 2);
    }

    #[test]
    fn ids_serialize_as_numbers_when_canonical() {
        for (id, json) in [
            ("5603453321", "5603453321"),
            ("-3", "-3"),
            ("007", "\"007\""),
            ("+1", "\"+1\""),
            ("abc", "\"abc\""),
            ("18446744073709551616", "\"18446744073709551616\""),
        ] {
            assert_eq!(
                serde_json::to_string(&NotificationId::new(id)).unwrap(),
                json
            );
        }
    }

    #[test]
    fn non_object_events_do_not_serialize() {
        let n = Notification {
            notification_id: NotificationId::new("1"),
            event: 5,
        };
        assert!(serde_json::to_string(&n).is_err());
    }
}
