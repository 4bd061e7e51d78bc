//! The 3-legged authorization-code flow: authorization URL, pending
//! authorization, and parsing of the redirect back.
//!
//! ```text
//! AuthorizationCodeFlow --start()--> (authorization URL, PendingAuthorization)
//!   member's browser: authorization URL -> LinkedIn -> redirect URL
//! PendingAuthorization --finish(redirect), consumed--> CodeExchange
//! CodeExchange --token_request(config)--> http::Request (POST /accessToken)
//! ```

use url::Url;
use url::form_urlencoded;

use crate::client::ClientId;
use crate::endpoint::{BaseUrl, RedirectUrl};
use crate::error::{ConfigError, Error};
use crate::pkce::PkceVerifier;
use crate::state::CsrfState;

mod nonce;
mod redirect;

use nonce::NonceChoice;
pub use nonce::{MAX_NONCE_LEN, Nonce, NonceError};
pub use redirect::{CodeExchange, PendingAuthorization};

/// Configuration of the 3-legged authorization-code flow; [`start`](Self::start)
/// begins one authorization attempt.
///
/// # PKCE: only for native apps LinkedIn enabled it for
///
/// PKCE is **off** unless [`pkce(true)`](Self::pkce) turns it on, and it
/// should stay off for a standard web application. LinkedIn supports PKCE
/// only for native clients: apps that redirect to a loopback address
/// (`http://127.0.0.1:{port}`, `http://[::1]:{port}`) and on which LinkedIn
/// has enabled the PKCE flow at the developer's request
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>).
/// A standard web app that sends a `code_verifier` in the code exchange is
/// refused with `401 invalid_client`. The standard flow
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>)
/// is protected by the client secret and the CSRF `state`, which this crate
/// always sends and checks.
///
/// ```
/// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
///
/// // A web application: no PKCE.
/// let flow = AuthorizationCodeFlow::new(
///     ClientId::new("86abc123"),
///     RedirectUrl::new("https://app.example/callback")?,
/// )
/// .scopes(["openid", "profile", "email"]);
/// let (url, pending) = flow.start()?;
/// assert!(url.as_str().starts_with("https://www.linkedin.com/oauth/v2/authorization?response_type=code"));
/// assert!(!url.as_str().contains("code_challenge"));
/// assert!(pending.pkce_verifier().is_none());
///
/// // A native app LinkedIn enabled PKCE for, on a loopback redirect.
/// let native = AuthorizationCodeFlow::new(
///     ClientId::new("86abc123"),
///     RedirectUrl::new("http://127.0.0.1:8400/callback")?,
/// )
/// .scopes(["openid"])
/// .pkce(true);
/// let (url, pending) = native.start()?;
/// assert!(url.as_str().contains("code_challenge_method=S256"));
/// assert!(pending.pkce_verifier().is_some());
/// # Ok::<(), linkedin::oauth::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AuthorizationCodeFlow {
    client_id: ClientId,
    redirect_url: RedirectUrl,
    scopes: Vec<String>,
    pkce: bool,
    nonce: NonceChoice,
    base: BaseUrl,
}

impl AuthorizationCodeFlow {
    /// A flow for LinkedIn's production endpoints, without scopes (add some
    /// with [`scopes`](Self::scopes)) and without PKCE (see the type's docs
    /// for when to turn it on).
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let flow = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// );
    /// assert!(flow.start().is_err(), "no scopes yet");
    /// # Ok::<(), linkedin::oauth::ConfigError>(())
    /// ```
    pub fn new(client_id: ClientId, redirect_url: RedirectUrl) -> Self {
        AuthorizationCodeFlow {
            client_id,
            redirect_url,
            scopes: Vec::new(),
            pkce: false,
            nonce: NonceChoice::None,
            base: BaseUrl::default(),
        }
    }

    /// Adds scopes to request (each one a separate item; they are sent
    /// space-separated). Scopes are checked by [`start`](Self::start).
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let flow = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .scopes(vec![String::from("w_member_social")]);
    /// let (url, _) = flow.start()?;
    /// assert!(url.as_str().contains("scope=openid%20w_member_social"));
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes.extend(scopes.into_iter().map(Into::into));
        self
    }

    /// Uses PKCE (`S256`) when `true`: `start` then generates a verifier and
    /// sends its challenge, and the code exchange sends the verifier. Off by
    /// default.
    ///
    /// Turn it on only for a **native** app (loopback redirect) on which
    /// LinkedIn has enabled PKCE
    /// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>);
    /// LinkedIn answers the code exchange of a standard web app that sends a
    /// verifier with `401 invalid_client`.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let flow = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("http://127.0.0.1:8400/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .pkce(true);
    /// let (url, _) = flow.start()?;
    /// assert!(url.as_str().contains("code_challenge_method=S256"));
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn pkce(mut self, enabled: bool) -> Self {
        self.pkce = enabled;
        self
    }

    /// Sends a fresh random OpenID Connect `nonce` with each attempt when
    /// `true` (off by default): [`start`](Self::start) generates it (256 bits,
    /// like the CSRF state), adds it to the authorization URL and keeps it
    /// in the [`PendingAuthorization`], so the id_token LinkedIn issues can be
    /// checked against it (its `nonce` claim must be the one sent).
    ///
    /// LinkedIn's "Sign In with LinkedIn using OpenID Connect" page
    /// (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>)
    /// lists `nonce` as an optional parameter of the authorization request.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (url, pending) = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid", "profile"])
    /// .nonce(true)
    /// .start()?;
    /// let nonce = pending.nonce().unwrap();
    /// assert!(url.query_pairs().any(|(k, v)| k == "nonce" && v == nonce.secret()));
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn nonce(mut self, enabled: bool) -> Self {
        self.nonce = if enabled {
            NonceChoice::Generate
        } else {
            NonceChoice::None
        };
        self
    }

    /// Sends this `nonce` with every attempt (instead of a random one per
    /// attempt, see [`nonce`](Self::nonce)): for a caller that makes and
    /// keeps its nonces itself.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, Nonce, RedirectUrl};
    ///
    /// let (url, pending) = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .with_nonce(Nonce::new("n-0S6_WzA2Mj")?)
    /// .start()?;
    /// assert!(url.as_str().ends_with("&nonce=n-0S6_WzA2Mj"));
    /// assert!(pending.nonce().unwrap().matches("n-0S6_WzA2Mj"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_nonce(mut self, nonce: Nonce) -> Self {
        self.nonce = NonceChoice::Given(nonce);
        self
    }

    /// Uses another OAuth base URL (a sandbox, a test server) for `/authorization`.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, BaseUrl, ClientId, RedirectUrl};
    ///
    /// let flow = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("http://localhost:8400/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .base_url(BaseUrl::parse("http://localhost:8080/oauth/v2")?);
    /// let (url, _) = flow.start()?;
    /// assert!(url.as_str().starts_with("http://localhost:8080/oauth/v2/authorization?"));
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn base_url(mut self, base: BaseUrl) -> Self {
        self.base = base;
        self
    }

    /// Starts one authorization attempt: generates a fresh CSRF state (and a
    /// PKCE verifier and a nonce if enabled) and returns the URL to send the member's
    /// browser to, plus the [`PendingAuthorization`] to keep (for example in
    /// the session store) until LinkedIn redirects back.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] with [`ConfigError::NoScopes`] or
    /// [`ConfigError::InvalidScope`]; [`Error::Random`] if the operating
    /// system's random number generator fails.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let flow = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid", "profile"]);
    /// let (url, pending) = flow.start()?;
    /// let state = url.query_pairs().find(|(k, _)| k == "state").unwrap().1.into_owned();
    /// assert_eq!(state, pending.state().secret());
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn start(&self) -> Result<(Url, PendingAuthorization), Error> {
        if self.scopes.is_empty() {
            return Err(ConfigError::NoScopes.into());
        }
        if let Some(bad) = self.scopes.iter().find(|s| !is_valid_scope(s)) {
            return Err(ConfigError::InvalidScope { scope: bad.clone() }.into());
        }
        let state = CsrfState::generate()?;
        let pkce_verifier = if self.pkce {
            Some(PkceVerifier::generate()?)
        } else {
            None
        };
        let nonce = self.nonce.pick()?;

        let mut query = vec![
            ("response_type", "code".to_owned()),
            ("client_id", self.client_id.as_str().to_owned()),
            ("redirect_uri", self.redirect_url.as_str().to_owned()),
            ("scope", self.scopes.join(" ")),
            ("state", state.secret().to_owned()),
        ];
        if let Some(verifier) = &pkce_verifier {
            let challenge = verifier.challenge();
            query.push(("code_challenge", challenge.as_str().to_owned()));
            query.push(("code_challenge_method", challenge.method().to_owned()));
        }
        if let Some(nonce) = &nonce {
            query.push(("nonce", nonce.secret().to_owned()));
        }
        let query = query
            .iter()
            .map(|(name, value)| format!("{name}={}", encode_component(value)))
            .collect::<Vec<_>>()
            .join("&");
        let url = Url::parse(&format!("{}?{query}", self.base.authorization())).map_err(|e| {
            ConfigError::InvalidBaseUrl {
                reason: e.to_string(),
            }
        })?;

        let pending = PendingAuthorization {
            state,
            pkce_verifier,
            nonce,
            redirect_url: self.redirect_url.clone(),
            scopes: self.scopes.clone(),
        };
        Ok((url, pending))
    }
}

/// RFC 6749 section 3.3: `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`.
fn is_valid_scope(scope: &str) -> bool {
    !scope.is_empty()
        && scope
            .bytes()
            .all(|b| b == 0x21 || (0x23..=0x5B).contains(&b) || (0x5D..=0x7E).contains(&b))
}

/// Percent-encodes a query value, with spaces as `%20` rather than `+`.
fn encode_component(value: &str) -> String {
    // `byte_serialize` encodes a literal `+` as `%2B`, so every `+` in its
    // output stands for a space.
    form_urlencoded::byte_serialize(value.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::redirect::redirect_query;
    use super::*;
    use crate::client::OAuthConfig;
    use crate::error::RedirectError;
    use crate::secret::ClientSecret;

    fn flow() -> AuthorizationCodeFlow {
        AuthorizationCodeFlow::new(
            ClientId::new("client-id"),
            RedirectUrl::new("https://app.example/callback?x=1").unwrap(),
        )
        .scopes(["openid", "profile"])
    }

    fn pending_with_state(state: &str) -> PendingAuthorization {
        PendingAuthorization {
            state: CsrfState::new(state),
            pkce_verifier: None,
            nonce: None,
            redirect_url: RedirectUrl::new("https://app.example/callback").unwrap(),
            scopes: vec!["openid".into()],
        }
    }

    #[test]
    fn authorization_url_has_every_parameter() {
        let (url, pending) = flow().pkce(true).start().unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let names: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "response_type",
                "client_id",
                "redirect_uri",
                "scope",
                "state",
                "code_challenge",
                "code_challenge_method"
            ]
        );
        let get = |name: &str| pairs.iter().find(|(k, _)| k == name).unwrap().1.clone();
        assert_eq!(get("response_type"), "code");
        assert_eq!(get("redirect_uri"), "https://app.example/callback?x=1");
        assert_eq!(get("scope"), "openid profile");
        assert_eq!(get("state"), pending.state().secret());
        let verifier = pending.pkce_verifier().unwrap();
        assert_eq!(get("code_challenge"), verifier.challenge().as_str());
        assert_eq!(get("code_challenge_method"), "S256");
        // Spaces are %20 and the redirect URL is fully escaped.
        assert!(url.as_str().contains(
            "&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback%3Fx%3D1&scope=openid%20profile&"
        ));
    }

    #[test]
    fn without_pkce_no_challenge_is_sent() {
        let (url, pending) = flow().start().unwrap();
        assert!(pending.pkce_verifier().is_none());
        assert!(!url.as_str().contains("code_challenge"));
    }

    // "Sign In with LinkedIn using OpenID Connect"
    // (https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2):
    // `nonce` is an optional parameter of the authorization request, copied
    // into the id_token's `nonce` claim.
    #[test]
    fn without_a_nonce_none_is_sent() {
        let (url, pending) = flow().start().unwrap();
        assert!(pending.nonce().is_none());
        assert!(!url.query_pairs().any(|(k, _)| k == "nonce"));
        let state = pending.state().secret().to_owned();
        let exchange = pending.finish(&format!("code=c&state={state}")).unwrap();
        assert!(exchange.nonce().is_none());
    }

    #[test]
    fn a_random_nonce_is_sent_kept_and_fresh_per_attempt() {
        let flow = flow().nonce(true);
        let (url, pending) = flow.start().unwrap();
        let sent: Vec<String> = url
            .query_pairs()
            .filter(|(k, _)| k == "nonce")
            .map(|(_, v)| v.into_owned())
            .collect();
        let nonce = pending.nonce().unwrap().clone();
        assert_eq!(sent, [nonce.secret().to_owned()]);
        assert_eq!(nonce.secret().len(), 43);
        assert_ne!(nonce.secret(), pending.state().secret());
        let (_, second) = flow.start().unwrap();
        assert_ne!(second.nonce(), Some(&nonce));

        // Kept through a session store, then handed to the code exchange.
        let saved = serde_json::to_string(&pending).unwrap();
        let restored: PendingAuthorization = serde_json::from_str(&saved).unwrap();
        assert_eq!(restored, pending);
        assert!(!format!("{restored:?}").contains(nonce.secret()));
        let state = restored.state().secret().to_owned();
        let exchange = restored.finish(&format!("code=c&state={state}")).unwrap();
        assert_eq!(exchange.nonce(), Some(&nonce));
        assert!(!format!("{exchange:?}").contains(nonce.secret()));
        // The token request does not carry it: the nonce goes to /authorization only.
        let config = OAuthConfig::new(ClientId::new("client-id"), ClientSecret::new("s"));
        let body = String::from_utf8(exchange.token_request(&config).into_body()).unwrap();
        assert!(!body.contains(nonce.secret()), "{body}");
    }

    #[test]
    fn a_given_nonce_is_sent_escaped_and_kept() {
        let nonce = Nonce::new("a+b/c=&d").unwrap();
        let (url, pending) = flow().with_nonce(nonce.clone()).start().unwrap();
        assert!(url.as_str().ends_with("&nonce=a%2Bb%2Fc%3D%26d"), "{url}");
        assert_eq!(pending.nonce(), Some(&nonce));
        // Turning it off again sends none.
        let (url, pending) = flow().with_nonce(nonce).nonce(false).start().unwrap();
        assert!(pending.nonce().is_none());
        assert!(!url.as_str().contains("nonce"));
    }

    #[test]
    fn a_pending_authorization_saved_before_nonces_still_loads() {
        let (_, pending) = flow().start().unwrap();
        let saved = serde_json::to_value(&pending).unwrap();
        assert!(saved.get("nonce").is_none(), "{saved}");
        let restored: PendingAuthorization = serde_json::from_value(saved).unwrap();
        assert!(restored.nonce().is_none());
        let mut bad = serde_json::to_value(&pending).unwrap();
        bad["nonce"] = serde_json::json!("with space");
        assert!(serde_json::from_value::<PendingAuthorization>(bad).is_err());
    }

    #[test]
    fn scopes_are_validated() {
        let base = AuthorizationCodeFlow::new(
            ClientId::new("c"),
            RedirectUrl::new("https://app.example/cb").unwrap(),
        );
        assert!(matches!(
            base.clone().start(),
            Err(Error::Config(ConfigError::NoScopes))
        ));
        for bad in ["", "openid profile", "a\"b", "a\\b", "caf\u{e9}", "tab\t"] {
            match base.clone().scopes([bad]).start() {
                Err(Error::Config(ConfigError::InvalidScope { scope })) => assert_eq!(scope, bad),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        assert!(
            base.scopes(["r_ads", "rw_organization_admin"])
                .start()
                .is_ok()
        );
    }

    #[test]
    fn redirect_forms_are_all_accepted() {
        let pending = pending_with_state("st");
        for redirect in [
            "https://app.example/callback?code=c1&state=st",
            "https://app.example/callback?state=st&code=c1#fragment",
            "http://localhost:8400/cb?code=c1&state=st",
            "/callback?code=c1&state=st",
            "?code=c1&state=st",
            "code=c1&state=st",
            "  code=c1&state=st\n",
            "code=c1&state=st&extra=ignored",
        ] {
            let exchange = pending.clone().finish(redirect).unwrap();
            assert_eq!(exchange.code().secret(), "c1", "{redirect}");
        }
    }

    #[test]
    fn percent_and_plus_are_decoded() {
        let pending = pending_with_state("a b+c/=");
        let exchange = pending.finish("code=x%2By+z&state=a+b%2Bc%2F%3D").unwrap();
        assert_eq!(exchange.code().secret(), "x+y z");
    }

    #[test]
    fn redirect_errors() {
        let pending = pending_with_state("st");
        assert_eq!(
            pending.clone().finish("code=c&state=other").unwrap_err(),
            RedirectError::StateMismatch
        );
        assert_eq!(
            pending.clone().finish("code=c&state=").unwrap_err(),
            RedirectError::StateMismatch
        );
        assert_eq!(
            pending.clone().finish("code=c").unwrap_err(),
            RedirectError::MissingState
        );
        assert_eq!(
            pending.clone().finish("state=st").unwrap_err(),
            RedirectError::MissingCode
        );
        assert_eq!(
            pending.clone().finish("state=st&code=").unwrap_err(),
            RedirectError::MissingCode
        );
        assert_eq!(
            pending
                .clone()
                .finish("https://app.example/callback")
                .unwrap_err(),
            RedirectError::MissingState
        );
        assert_eq!(
            pending
                .clone()
                .finish("code=a&code=b&state=st")
                .unwrap_err(),
            RedirectError::DuplicateParameter { name: "code" }
        );
        assert_eq!(
            pending
                .clone()
                .finish("state=st&state=st&code=a")
                .unwrap_err(),
            RedirectError::DuplicateParameter { name: "state" }
        );
    }

    #[test]
    fn linkedin_error_is_reported_but_state_still_checked() {
        let pending = pending_with_state("st");
        let err = pending
            .clone()
            .finish("error=user_cancelled_authorize&error_description=The+user+cancelled+the+authorization&state=st")
            .unwrap_err();
        assert_eq!(
            err,
            RedirectError::Authorization {
                error: "user_cancelled_authorize".into(),
                description: Some("The user cancelled the authorization".into()),
            }
        );
        assert!(err.member_cancelled());
        // An error with a foreign state is a mismatch, not LinkedIn's answer.
        assert_eq!(
            pending
                .clone()
                .finish("error=user_cancelled_login&state=forged")
                .unwrap_err(),
            RedirectError::StateMismatch
        );
        // Without a state, LinkedIn's error is still the most useful answer.
        assert!(matches!(
            pending.clone().finish("error=invalid_scope").unwrap_err(),
            RedirectError::Authorization {
                description: None,
                ..
            }
        ));
    }

    #[test]
    fn token_request_sends_verifier_only_with_pkce() {
        let config = OAuthConfig::new(ClientId::new("cid"), ClientSecret::new("csecret"));
        let plain = pending_with_state("st")
            .finish("code=the-code&state=st")
            .unwrap()
            .token_request(&config);
        let body = String::from_utf8(plain.into_body()).unwrap();
        assert_eq!(
            body,
            "grant_type=authorization_code&code=the-code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&client_id=cid&client_secret=csecret"
        );

        let (_, pending) = flow().pkce(true).start().unwrap();
        let verifier = pending.pkce_verifier().unwrap().secret().to_owned();
        let state = pending.state().secret().to_owned();
        let exchange = pending
            .finish(&format!("code=the-code&state={state}"))
            .unwrap();
        assert_eq!(exchange.pkce_verifier().unwrap().secret(), verifier);
        let body = String::from_utf8(exchange.token_request(&config).into_body()).unwrap();
        assert!(body.ends_with(&format!("&code_verifier={verifier}")));
    }

    #[test]
    fn pending_roundtrips_through_serde() {
        let (_, pending) = flow().pkce(true).start().unwrap();
        let json = serde_json::to_value(&pending).unwrap();
        assert_eq!(json["state"], pending.state().secret());
        assert_eq!(
            json["pkce_verifier"],
            pending.pkce_verifier().unwrap().secret()
        );
        let back: PendingAuthorization = serde_json::from_value(json).unwrap();
        assert_eq!(back, pending);
    }

    #[test]
    fn query_extraction() {
        assert_eq!(redirect_query("https://a.example/cb?x=1#f"), "x=1");
        assert_eq!(redirect_query("https://a.example/cb"), "");
        assert_eq!(redirect_query("/cb?x=1?y"), "x=1?y");
        assert_eq!(redirect_query("?x=1"), "x=1");
        assert_eq!(redirect_query("x=1&y=a://b"), "x=1&y=a://b");
        assert_eq!(redirect_query("code=a%3A%2F%2Fb"), "code=a%3A%2F%2Fb");
    }
}
