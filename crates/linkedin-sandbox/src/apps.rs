//! Registered applications and what LinkedIn lets each of them do.
//!
//! On LinkedIn an application is not a bare client id: the Developer Portal
//! registers its redirect URLs, and LinkedIn decides which flows it may use.
//! Refresh tokens are given to approved partners only
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens>),
//! the client credentials flow (2-legged) to applications LinkedIn has
//! allowed
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/client-credentials-flow>),
//! and PKCE to native applications on which LinkedIn enabled it
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>).
//! [`App`] holds the same settings for the sandbox.

use serde::Deserialize;

use crate::oauth::Client;
use crate::oauth::redirect::{self, Registered};

/// A registered application: its credentials, redirect URLs and
/// capabilities.
///
/// [`App::new`] is a standard self-serve application, as a fresh one on
/// LinkedIn's Developer Portal: member sign-in only, no refresh tokens, no
/// client credentials, no PKCE. Turn capabilities on one by one, or start
/// from [`App::full`] (everything, as the default `sandbox-client`).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), linkedin_sandbox::Error> {
/// use linkedin_sandbox::{App, Sandbox};
///
/// let partner = App::new("partner-app", "partner-secret")
///     .redirect_uri("https://partner.test/callback")
///     .refresh_tokens(true);
/// let sandbox = Sandbox::builder().app(partner).start().await?;
/// assert_eq!(sandbox.client_id(), "partner-app");
/// # Ok(())
/// # }
/// ```
///
/// Apps also read from JSON (the binary's `--apps FILE` takes an array of
/// them); absent capabilities are off, absent redirect URIs the loopback
/// defaults:
///
/// ```
/// let app: linkedin_sandbox::App = serde_json::from_str(
///     r#"{"client_id": "a", "client_secret": "s", "pkce": true}"#,
/// )?;
/// assert_eq!(app.client_id(), "a");
/// assert!(app.has_pkce() && !app.has_refresh_tokens());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    client_id: String,
    client_secret: String,
    #[serde(default)]
    redirect_uris: Vec<String>,
    #[serde(default)]
    refresh_tokens: bool,
    #[serde(default)]
    client_credentials: bool,
    #[serde(default)]
    pkce: bool,
}

impl std::fmt::Debug for App {
    /// Everything but the client secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_uris", &self.redirect_uris)
            .field("refresh_tokens", &self.refresh_tokens)
            .field("client_credentials", &self.client_credentials)
            .field("pkce", &self.pkce)
            .finish()
    }
}

impl App {
    /// A standard self-serve application: member sign-in with its client
    /// secret, nothing else.
    ///
    /// ```
    /// let app = linkedin_sandbox::App::new("id", "secret");
    /// assert!(!app.has_refresh_tokens() && !app.has_client_credentials() && !app.has_pkce());
    /// ```
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> App {
        App {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_uris: Vec::new(),
            refresh_tokens: false,
            client_credentials: false,
            pkce: false,
        }
    }

    /// An application with every capability (refresh tokens, client
    /// credentials, PKCE), as the default `sandbox-client`.
    ///
    /// ```
    /// let app = linkedin_sandbox::App::full("id", "secret");
    /// assert!(app.has_refresh_tokens() && app.has_client_credentials() && app.has_pkce());
    /// ```
    pub fn full(client_id: impl Into<String>, client_secret: impl Into<String>) -> App {
        App::new(client_id, client_secret)
            .refresh_tokens(true)
            .client_credentials(true)
            .pkce(true)
    }

    /// Registers a redirect URL, compared exactly. An app given none gets
    /// the loopback defaults (`http://127.0.0.1:<any port>/callback`,
    /// `http://localhost:<any port>/callback`, `http://[::1]:<any port>/callback`)
    /// and `https://app.example/callback`.
    ///
    /// ```
    /// let app = linkedin_sandbox::App::new("id", "secret").redirect_uri("https://my.test/cb");
    /// # let _ = app;
    /// ```
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> App {
        self.redirect_uris.push(uri.into());
        self
    }

    /// Whether the code exchange also gives a refresh token (LinkedIn:
    /// approved partners only). Without, the `refresh_token` grant answers
    /// 400 `unauthorized_client`.
    ///
    /// ```
    /// let app = linkedin_sandbox::App::new("id", "secret").refresh_tokens(true);
    /// assert!(app.has_refresh_tokens());
    /// ```
    pub fn refresh_tokens(mut self, enabled: bool) -> App {
        self.refresh_tokens = enabled;
        self
    }

    /// Whether the app may use the client credentials flow (2-legged
    /// tokens; LinkedIn: "your application cannot access these APIs by
    /// default"). Without, that grant answers 400 `unauthorized_client`
    /// (LinkedIn's page does not show its refusal; RFC 6749 §5.2 names
    /// this error for a grant type the client may not use).
    ///
    /// ```
    /// let app = linkedin_sandbox::App::new("id", "secret").client_credentials(true);
    /// assert!(app.has_client_credentials());
    /// ```
    pub fn client_credentials(mut self, enabled: bool) -> App {
        self.client_credentials = enabled;
        self
    }

    /// Whether PKCE is enabled (LinkedIn: native apps, on request). A
    /// PKCE app may exchange a code with its `code_verifier` and no client
    /// secret; an app without PKCE that sends a `code_verifier` gets 401
    /// `invalid_client`.
    ///
    /// ```
    /// let app = linkedin_sandbox::App::new("id", "secret").pkce(true);
    /// assert!(app.has_pkce());
    /// ```
    pub fn pkce(mut self, enabled: bool) -> App {
        self.pkce = enabled;
        self
    }

    /// The client id.
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::App::new("id", "s").client_id(), "id");
    /// ```
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client secret.
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::App::new("id", "s").client_secret(), "s");
    /// ```
    pub fn client_secret(&self) -> &str {
        &self.client_secret
    }

    /// See [`refresh_tokens`](App::refresh_tokens).
    ///
    /// ```
    /// assert!(!linkedin_sandbox::App::new("id", "s").has_refresh_tokens());
    /// ```
    pub fn has_refresh_tokens(&self) -> bool {
        self.refresh_tokens
    }

    /// See [`client_credentials`](App::client_credentials).
    ///
    /// ```
    /// assert!(!linkedin_sandbox::App::new("id", "s").has_client_credentials());
    /// ```
    pub fn has_client_credentials(&self) -> bool {
        self.client_credentials
    }

    /// See [`pkce`](App::pkce).
    ///
    /// ```
    /// assert!(!linkedin_sandbox::App::new("id", "s").has_pkce());
    /// ```
    pub fn has_pkce(&self) -> bool {
        self.pkce
    }

    /// The OAuth server's view of the app (no redirect URIs yet means the
    /// loopback defaults, filled in when the sandbox starts).
    pub(crate) fn into_client(self) -> Client {
        let redirect_uris: Vec<Registered> = self
            .redirect_uris
            .into_iter()
            .map(Registered::Exact)
            .collect();
        Client {
            id: self.client_id,
            secret: self.client_secret,
            redirect_uris,
            refresh_tokens: self.refresh_tokens,
            client_credentials: self.client_credentials,
            pkce: self.pkce,
        }
    }
}

/// The app a registered client is (its loopback defaults left out: an app
/// without redirect URIs gets them).
pub(crate) fn from_client(client: &Client) -> App {
    let redirect_uris = client
        .redirect_uris
        .iter()
        .filter_map(|entry| match entry {
            Registered::Exact(uri) => Some(uri.clone()),
            Registered::LoopbackAnyPort { .. } => None,
        })
        .collect::<Vec<_>>();
    let redirect_uris = if client.redirect_uris == redirect::defaults() {
        Vec::new()
    } else {
        redirect_uris
    };
    App {
        client_id: client.id.clone(),
        client_secret: client.secret.clone(),
        redirect_uris,
        refresh_tokens: client.refresh_tokens,
        client_credentials: client.client_credentials,
        pkce: client.pkce,
    }
}

/// The id of the seeded self-serve app (see [`seeded`]).
pub(crate) const SELF_SERVE_ID: &str = "sandbox-self-serve";
/// Its secret.
pub(crate) const SELF_SERVE_SECRET: &str = "sandbox-self-serve-secret";
/// The id of the seeded native (PKCE) app.
pub(crate) const NATIVE_ID: &str = "sandbox-native";
/// Its secret (a native app needs it only for the other grants).
pub(crate) const NATIVE_SECRET: &str = "sandbox-native-secret";

/// The apps every sandbox registers besides its own: a standard self-serve
/// app (member sign-in only) and a native app with PKCE enabled. Both get
/// the loopback redirect defaults.
pub(crate) fn seeded() -> [App; 2] {
    [
        App::new(SELF_SERVE_ID, SELF_SERVE_SECRET),
        App::new(NATIVE_ID, NATIVE_SECRET).pkce(true),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret() {
        let text = format!("{:?}", App::full("visible", "hidden-secret"));
        assert!(text.contains("visible"));
        assert!(!text.contains("hidden-secret"));
    }

    #[test]
    fn json_refuses_unknown_fields_and_defaults_to_nothing() {
        let app: App = serde_json::from_str(r#"{"client_id":"a","client_secret":"b"}"#).unwrap();
        assert_eq!(app, App::new("a", "b"));
        assert!(
            serde_json::from_str::<App>(r#"{"client_id":"a","client_secret":"b","pcke":true}"#)
                .is_err()
        );
        let client = app.clone().into_client();
        assert!(client.redirect_uris.is_empty());
        assert_eq!(from_client(&client), app);
        let mut defaulted = client;
        defaulted.redirect_uris = redirect::defaults();
        assert_eq!(from_client(&defaulted), app);
    }

    proptest::proptest! {
        /// Any text read as an app config is an app or an error, never a
        /// panic, and a parsed app keeps what it was given.
        #[test]
        fn any_config_text_parses_or_fails(text in "\\PC{0,120}") {
            let _ = serde_json::from_str::<Vec<App>>(&text);
        }

        #[test]
        fn capabilities_round_trip(refresh: bool, cc: bool, pkce: bool, id in "[a-z-]{1,20}") {
            let text = serde_json::json!({
                "client_id": id, "client_secret": "s",
                "refresh_tokens": refresh, "client_credentials": cc, "pkce": pkce,
            })
            .to_string();
            let app: App = serde_json::from_str(&text).unwrap();
            proptest::prop_assert_eq!(app.clone(), App::new(id, "s").refresh_tokens(refresh).client_credentials(cc).pkce(pkce));
            proptest::prop_assert_eq!(from_client(&app.clone().into_client()), app);
        }
    }
}
