//! What the sandbox posts: a notification envelope built from whatever the
//! caller gave, with notification ids filled in.

use serde_json::{Map, Value};

use linkedin_webhooks::NotificationId;

use super::WebhookError;

/// LinkedIn batches at most this many notifications per delivery.
pub(crate) const MAX_NOTIFICATIONS: usize = 10;

const NOTIFICATION_ID: &str = "notificationId";

/// A built envelope: the JSON to post and the ids in it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Built {
    pub(crate) body: Vec<u8>,
    pub(crate) event_type: String,
    pub(crate) ids: Vec<NotificationId>,
}

/// Builds `{"type": .., "notifications": [..]}` from `payload`, which is
/// either a whole envelope (an object with a `notifications` array), one
/// event (any other object) or a list of events. Events without a
/// `notificationId` get one from `next_id`. The event type is
/// `event_type` if given, else the envelope's `type`, else `default_type`.
pub(crate) fn build(
    payload: Value,
    event_type: Option<&str>,
    default_type: &str,
    mut next_id: impl FnMut() -> u64,
) -> Result<Built, WebhookError> {
    let invalid = |reason: String| WebhookError::InvalidPayload { reason };
    let (mut envelope, events) = match payload {
        Value::Object(mut object) if object.contains_key("notifications") => {
            match object.remove("notifications") {
                Some(Value::Array(events)) => (object, events),
                _ => return Err(invalid("`notifications` must be an array".to_owned())),
            }
        }
        Value::Object(event) => (Map::new(), vec![Value::Object(event)]),
        Value::Array(events) => (Map::new(), events),
        other => {
            return Err(invalid(format!(
                "expected an event object, a list of them, or an envelope with `notifications`; got {}",
                kind(&other)
            )));
        }
    };
    if events.is_empty() || events.len() > MAX_NOTIFICATIONS {
        return Err(invalid(format!(
            "a delivery carries 1 to {MAX_NOTIFICATIONS} notifications (LinkedIn's batch size), got {}",
            events.len()
        )));
    }
    let mut ids = Vec::with_capacity(events.len());
    let mut notifications = Vec::with_capacity(events.len());
    for (index, event) in events.into_iter().enumerate() {
        let Value::Object(mut event) = event else {
            return Err(invalid(format!(
                "notification {index} is {}, not an object",
                kind(&event)
            )));
        };
        let id = match event.get(NOTIFICATION_ID) {
            Some(id) => serde_json::from_value::<NotificationId>(id.clone()).map_err(|e| {
                invalid(format!(
                    "notification {index} has an invalid `notificationId`: {e}"
                ))
            })?,
            None => {
                let id = next_id();
                event.insert(NOTIFICATION_ID.to_owned(), Value::from(id));
                NotificationId::from(id)
            }
        };
        ids.push(id);
        notifications.push(Value::Object(event));
    }
    let event_type = match (event_type, envelope.get("type")) {
        (Some(given), _) => given.to_owned(),
        (None, Some(Value::String(found))) => found.clone(),
        (None, Some(other)) => {
            return Err(invalid(format!(
                "the envelope's `type` is {}, not a string",
                kind(other)
            )));
        }
        (None, None) => default_type.to_owned(),
    };
    envelope.insert("type".to_owned(), Value::String(event_type.clone()));
    envelope.insert("notifications".to_owned(), Value::Array(notifications));
    Ok(Built {
        body: Value::Object(envelope).to_string().into_bytes(),
        event_type,
        ids,
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn counter() -> impl FnMut() -> u64 {
        let mut next = 100;
        move || {
            next += 1;
            next
        }
    }

    #[test]
    fn one_event_gets_an_id_and_the_default_type() {
        let built = build(json!({"action": "LIKE"}), None, "T", counter()).unwrap();
        assert_eq!(built.ids, [NotificationId::new("101")]);
        assert_eq!(built.event_type, "T");
        let body: Value = serde_json::from_slice(&built.body).unwrap();
        assert_eq!(
            body,
            json!({"type": "T", "notifications": [{"notificationId": 101, "action": "LIKE"}]})
        );
    }

    #[test]
    fn envelopes_and_lists_keep_given_ids() {
        let built = build(
            json!({"type": "X", "notifications": [{"notificationId": "n-1"}, {"a": 1}]}),
            None,
            "T",
            counter(),
        )
        .unwrap();
        assert_eq!(built.event_type, "X");
        assert_eq!(
            built.ids,
            [NotificationId::new("n-1"), NotificationId::new("101")]
        );
        let built = build(json!([{"notificationId": 7}]), Some("Y"), "T", counter()).unwrap();
        assert_eq!((built.event_type.as_str(), built.ids.len()), ("Y", 1));
    }

    #[test]
    fn bad_payloads() {
        for payload in [
            json!(5),
            json!([]),
            json!([1]),
            json!({"notifications": {}}),
            json!({"notifications": [{"notificationId": 1.5}]}),
            json!({"type": 3, "notifications": [{}]}),
            Value::Array(vec![json!({}); 11]),
        ] {
            assert!(
                matches!(
                    build(payload.clone(), None, "T", counter()),
                    Err(WebhookError::InvalidPayload { .. })
                ),
                "{payload}"
            );
        }
    }
}
