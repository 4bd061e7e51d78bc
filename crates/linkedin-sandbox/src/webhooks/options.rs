//! The options of one delivery ([`Webhooks::send`]).

use std::time::Duration;

#[allow(unused_imports)] // named by the doc links
use super::Webhooks;
use super::{DEFAULT_DELIVERY_TIMEOUT, MAX_DELIVERY_TIMEOUT};

/// Options of one [`Webhooks::send`].
///
/// ```
/// use std::time::Duration;
/// use linkedin_sandbox::SendOptions;
///
/// // The same notification twice, with a forged signature, another event type.
/// let options = SendOptions::new()
///     .duplicate(true)
///     .wrong_signature(true)
///     .event_type("MY_EVENTS")
///     .timeout(Duration::from_secs(1));
/// # let _ = options;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendOptions {
    pub(super) event_type: Option<String>,
    pub(super) wrong_signature: bool,
    pub(super) duplicate: bool,
    pub(super) timeout: Duration,
}

impl Default for SendOptions {
    fn default() -> Self {
        SendOptions {
            event_type: None,
            wrong_signature: false,
            duplicate: false,
            timeout: DEFAULT_DELIVERY_TIMEOUT,
        }
    }
}

impl SendOptions {
    /// A correctly signed, single delivery.
    ///
    /// ```
    /// let options = linkedin_sandbox::SendOptions::new();
    /// # let _ = options;
    /// ```
    pub fn new() -> Self {
        SendOptions::default()
    }

    /// The envelope's `type` (default: the envelope's own, else
    /// `ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS`).
    ///
    /// ```
    /// let options = linkedin_sandbox::SendOptions::new().event_type("LEAD_NOTIFICATIONS");
    /// # let _ = options;
    /// ```
    pub fn event_type(mut self, event_type: impl Into<String>) -> Self {
        self.event_type = Some(event_type.into());
        self
    }

    /// Signs with the wrong key: a well-formed `X-LI-Signature` that does
    /// not verify (a receiver must answer 401 and drop the body).
    ///
    /// ```
    /// let options = linkedin_sandbox::SendOptions::new().wrong_signature(true);
    /// # let _ = options;
    /// ```
    pub fn wrong_signature(mut self, wrong: bool) -> Self {
        self.wrong_signature = wrong;
        self
    }

    /// Delivers the same request twice (same notification ids, same body
    /// and signature), as LinkedIn may (a receiver must not process it twice).
    ///
    /// ```
    /// let options = linkedin_sandbox::SendOptions::new().duplicate(true);
    /// # let _ = options;
    /// ```
    pub fn duplicate(mut self, duplicate: bool) -> Self {
        self.duplicate = duplicate;
        self
    }

    /// How long each request may take, connection included (default
    /// [`DEFAULT_DELIVERY_TIMEOUT`], at most [`MAX_DELIVERY_TIMEOUT`]).
    ///
    /// ```
    /// let options = linkedin_sandbox::SendOptions::new().timeout(std::time::Duration::from_millis(500));
    /// # let _ = options;
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout.min(MAX_DELIVERY_TIMEOUT);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_options_cap_the_timeout() {
        let options = SendOptions::new().timeout(Duration::from_secs(3600));
        assert_eq!(options.timeout, MAX_DELIVERY_TIMEOUT);
    }
}
