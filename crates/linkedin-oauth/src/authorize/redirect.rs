//! The redirect back from LinkedIn: the [`PendingAuthorization`] that
//! checks it against its attempt, and the [`CodeExchange`] a checked
//! redirect gives, which builds the code-for-tokens request.

use url::form_urlencoded;

use crate::client::OAuthConfig;
use crate::endpoint::RedirectUrl;
use crate::error::RedirectError;
use crate::pkce::PkceVerifier;
use crate::secret::AuthorizationCode;
use crate::state::CsrfState;
use crate::token::form_post;

#[allow(unused_imports)] // named by the doc links
use super::AuthorizationCodeFlow;
use super::nonce::Nonce;

/// One authorization attempt between [`AuthorizationCodeFlow::start`] and the
/// redirect back: it holds the CSRF state, the PKCE verifier (if any), the
/// redirect URL and the requested scopes.
///
/// It is serde-serialisable so a web service can keep it in a session store
/// between the two HTTP requests. **The serialized form contains the state
/// and the PKCE verifier in clear**: store it server-side or encrypted, never
/// in a plain cookie.
///
/// ```
/// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, PendingAuthorization, RedirectUrl};
///
/// let flow = AuthorizationCodeFlow::new(
///     ClientId::new("86abc123"),
///     RedirectUrl::new("https://app.example/callback")?,
/// )
/// .scopes(["openid"])
/// .pkce(true);
/// let (_url, pending) = flow.start()?;
///
/// let saved = serde_json::to_string(&pending).unwrap();
/// let restored: PendingAuthorization = serde_json::from_str(&saved).unwrap();
/// assert_eq!(restored, pending);
/// # Ok::<(), linkedin::oauth::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PendingAuthorization {
    pub(super) state: CsrfState,
    #[serde(default)]
    pub(super) pkce_verifier: Option<PkceVerifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) nonce: Option<Nonce>,
    pub(super) redirect_url: RedirectUrl,
    pub(super) scopes: Vec<String>,
}

impl PendingAuthorization {
    /// Checks the redirect back from LinkedIn and, if it is the answer to
    /// this attempt, returns the [`CodeExchange`] that trades its
    /// authorization code for tokens.
    ///
    /// It consumes the pending authorization, whatever the outcome: one
    /// attempt, one redirect. A redirect that failed the check (a forged
    /// `state`, the member cancelling) ends the attempt; start a new one.
    /// Web services that keep the pending value in a session store should
    /// remove it there when they read it, for the same reason.
    ///
    /// `redirect` is the full redirect URL (`https://app.example/callback?code=..&state=..`),
    /// a request target (`/callback?code=..&state=..`) or just the query string
    /// (with or without the leading `?`). The `state` is compared in constant time.
    ///
    /// # Errors
    ///
    /// - [`RedirectError::StateMismatch`] if the state differs (a forged
    ///   redirect, or one from another login attempt);
    /// - [`RedirectError::Authorization`] with LinkedIn's `error` and
    ///   `error_description` (e.g. the member cancelled, see
    ///   [`RedirectError::member_cancelled`]);
    /// - [`RedirectError::MissingState`], [`RedirectError::MissingCode`];
    /// - [`RedirectError::DuplicateParameter`] if `code`, `state` or `error` repeats.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectError, RedirectUrl};
    ///
    /// let flow = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid"]);
    ///
    /// let (_url, pending) = flow.start()?;
    /// let state = pending.state().secret().to_owned();
    /// let exchange = pending.finish(&format!("https://app.example/callback?code=AQT-code&state={state}"))?;
    /// assert_eq!(exchange.code().secret(), "AQT-code");
    /// // `pending` is gone: the same redirect cannot be accepted twice.
    ///
    /// let (_url, pending) = flow.start()?;
    /// let forged = pending.finish("code=AQT-code&state=guessed");
    /// assert_eq!(forged.unwrap_err(), RedirectError::StateMismatch);
    ///
    /// let (_url, pending) = flow.start()?;
    /// let state = pending.state().secret().to_owned();
    /// let cancelled = pending
    ///     .finish(&format!("?error=user_cancelled_login&error_description=The+user+cancelled&state={state}"))
    ///     .unwrap_err();
    /// assert!(cancelled.member_cancelled());
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    ///
    /// A second call on the same value does not compile:
    ///
    /// ```compile_fail
    /// # use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    /// let (_, pending) = AuthorizationCodeFlow::new(ClientId::new("id"), RedirectUrl::new("https://app.example/cb").unwrap())
    ///     .scopes(["openid"])
    ///     .start()
    ///     .unwrap();
    /// let redirect = format!("code=c&state={}", pending.state().secret());
    /// let _first = pending.finish(&redirect);
    /// let _second = pending.finish(&redirect); // error[E0382]: use of moved value: `pending`
    /// ```
    pub fn finish(self, redirect: &str) -> Result<CodeExchange, RedirectError> {
        let params = RedirectParams::parse(redirect_query(redirect))?;
        if let Some(state) = &params.state
            && !self.state.matches(state)
        {
            return Err(RedirectError::StateMismatch);
        }
        if let Some(error) = params.error {
            return Err(RedirectError::Authorization {
                error,
                description: params.error_description,
            });
        }
        if params.state.is_none() {
            return Err(RedirectError::MissingState);
        }
        match params.code {
            Some(code) if !code.is_empty() => Ok(CodeExchange {
                code: AuthorizationCode::new(code),
                pkce_verifier: self.pkce_verifier,
                nonce: self.nonce,
                redirect_url: self.redirect_url,
                scopes: self.scopes,
            }),
            _ => Err(RedirectError::MissingCode),
        }
    }

    /// The CSRF state sent with the authorization request.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .start()?;
    /// assert_eq!(pending.state().secret().len(), 43);
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn state(&self) -> &CsrfState {
        &self.state
    }

    /// The OpenID Connect nonce sent with this attempt, if the flow sends
    /// one ([`AuthorizationCodeFlow::nonce`](super::AuthorizationCodeFlow::nonce)):
    /// check the id_token's `nonce` claim against it.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .start()?;
    /// assert!(pending.nonce().is_none());
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn nonce(&self) -> Option<&Nonce> {
        self.nonce.as_ref()
    }

    /// The PKCE verifier, if the flow used PKCE.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .start()?;
    /// assert!(pending.pkce_verifier().is_none());
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn pkce_verifier(&self) -> Option<&PkceVerifier> {
        self.pkce_verifier.as_ref()
    }

    /// The redirect URL of this attempt (sent again with the code exchange).
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .start()?;
    /// assert_eq!(pending.redirect_url().as_str(), "https://app.example/callback");
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn redirect_url(&self) -> &RedirectUrl {
        &self.redirect_url
    }

    /// The scopes requested (the member may grant fewer; compare with the
    /// token's scopes).
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(
    ///     ClientId::new("86abc123"),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid", "email"])
    /// .start()?;
    /// assert_eq!(pending.scopes(), ["openid", "email"]);
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }
}

/// A checked redirect, ready to trade its authorization code for tokens:
/// what [`PendingAuthorization::finish`] returns.
///
/// It holds the code and what the exchange must repeat from the attempt
/// (the redirect URL and, with PKCE, the verifier). `Debug` shows neither
/// the code nor the verifier.
///
/// ```
/// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, ClientSecret, OAuthConfig, RedirectUrl};
///
/// let config = OAuthConfig::new(ClientId::new("86abc123"), ClientSecret::new("s3cr3t"));
/// let (_url, pending) = AuthorizationCodeFlow::new(
///     config.client_id().clone(),
///     RedirectUrl::new("https://app.example/callback")?,
/// )
/// .scopes(["openid"])
/// .start()?;
/// let state = pending.state().secret().to_owned();
/// let exchange = pending.finish(&format!("/callback?code=AQT-code&state={state}"))?;
/// assert_eq!(format!("{:?}", exchange.code()), "AuthorizationCode([redacted])");
/// let request = exchange.token_request(&config);
/// assert_eq!(request.uri(), "https://www.linkedin.com/oauth/v2/accessToken");
/// # Ok::<(), linkedin::oauth::Error>(())
/// ```
#[derive(Debug)]
pub struct CodeExchange {
    pub(super) code: AuthorizationCode,
    pub(super) pkce_verifier: Option<PkceVerifier>,
    pub(super) nonce: Option<Nonce>,
    pub(super) redirect_url: RedirectUrl,
    pub(super) scopes: Vec<String>,
}

impl CodeExchange {
    /// The OpenID Connect nonce sent with the attempt, if any: the id_token
    /// of the code exchange's answer must carry it in its `nonce` claim.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(ClientId::new("id"), RedirectUrl::new("http://127.0.0.1:8400/cb")?)
    ///     .scopes(["openid"])
    ///     .nonce(true)
    ///     .start()?;
    /// let nonce = pending.nonce().unwrap().clone();
    /// let state = pending.state().secret().to_owned();
    /// assert_eq!(pending.finish(&format!("code=AQT&state={state}"))?.nonce(), Some(&nonce));
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn nonce(&self) -> Option<&Nonce> {
        self.nonce.as_ref()
    }

    /// Builds the code exchange: `POST /accessToken` with
    /// `grant_type=authorization_code`, the code, the attempt's redirect URL,
    /// the client credentials and, if PKCE was used, the verifier. Parse the
    /// answer with [`ThreeLeggedToken::from_response`](crate::ThreeLeggedToken::from_response).
    ///
    /// It can be built again (to retry after a network failure), but
    /// LinkedIn accepts each code once.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, ClientSecret, OAuthConfig, RedirectUrl};
    ///
    /// let config = OAuthConfig::new(ClientId::new("86abc123"), ClientSecret::new("s3cr3t"));
    /// let (_url, pending) = AuthorizationCodeFlow::new(
    ///     config.client_id().clone(),
    ///     RedirectUrl::new("https://app.example/callback")?,
    /// )
    /// .scopes(["openid"])
    /// .start()?;
    /// let state = pending.state().secret().to_owned();
    /// let exchange = pending.finish(&format!("code=AQT-code&state={state}"))?;
    ///
    /// let request = exchange.token_request(&config);
    /// assert_eq!(request.method(), http::Method::POST);
    /// let body = String::from_utf8(request.into_body()).unwrap();
    /// assert!(body.starts_with("grant_type=authorization_code&code=AQT-code&redirect_uri="));
    /// assert!(!body.contains("code_verifier"), "no PKCE unless the flow asked for it");
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn token_request(&self, config: &OAuthConfig) -> http::Request<Vec<u8>> {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", self.code.secret()),
            ("redirect_uri", self.redirect_url.as_str()),
            ("client_id", config.client_id().as_str()),
            ("client_secret", config.client_secret().secret()),
        ];
        if let Some(verifier) = &self.pkce_verifier {
            form.push(("code_verifier", verifier.secret()));
        }
        form_post(config.base().access_token(), &form)
    }

    /// The authorization code LinkedIn redirected back with.
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(ClientId::new("id"), RedirectUrl::new("https://app.example/cb")?)
    ///     .scopes(["openid"])
    ///     .start()?;
    /// let state = pending.state().secret().to_owned();
    /// assert_eq!(pending.finish(&format!("code=AQT&state={state}"))?.code().secret(), "AQT");
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn code(&self) -> &AuthorizationCode {
        &self.code
    }

    /// The PKCE verifier, if the flow used PKCE (sent with the exchange).
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(ClientId::new("id"), RedirectUrl::new("http://127.0.0.1:8400/cb")?)
    ///     .scopes(["openid"])
    ///     .pkce(true)
    ///     .start()?;
    /// let state = pending.state().secret().to_owned();
    /// assert!(pending.finish(&format!("code=AQT&state={state}"))?.pkce_verifier().is_some());
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn pkce_verifier(&self) -> Option<&PkceVerifier> {
        self.pkce_verifier.as_ref()
    }

    /// The redirect URL of the attempt (sent again with the exchange).
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(ClientId::new("id"), RedirectUrl::new("https://app.example/cb")?)
    ///     .scopes(["openid"])
    ///     .start()?;
    /// let state = pending.state().secret().to_owned();
    /// let exchange = pending.finish(&format!("code=AQT&state={state}"))?;
    /// assert_eq!(exchange.redirect_url().as_str(), "https://app.example/cb");
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn redirect_url(&self) -> &RedirectUrl {
        &self.redirect_url
    }

    /// The scopes the attempt requested (the member may grant fewer;
    /// compare with the token's scopes).
    ///
    /// ```
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let (_, pending) = AuthorizationCodeFlow::new(ClientId::new("id"), RedirectUrl::new("https://app.example/cb")?)
    ///     .scopes(["openid", "email"])
    ///     .start()?;
    /// let state = pending.state().secret().to_owned();
    /// assert_eq!(pending.finish(&format!("code=AQT&state={state}"))?.scopes(), ["openid", "email"]);
    /// # Ok::<(), linkedin::oauth::Error>(())
    /// ```
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }
}

/// Extracts the query string from a redirect URL, a request target or a bare query.
pub(super) fn redirect_query(redirect: &str) -> &str {
    let redirect = redirect.trim();
    if let Some(query) = redirect.strip_prefix('?') {
        return query;
    }
    let looks_like_url = redirect.starts_with('/')
        || redirect
            .split_once("://")
            .is_some_and(|(scheme, _)| is_scheme(scheme));
    if looks_like_url {
        let without_fragment = redirect.split_once('#').map_or(redirect, |(url, _)| url);
        return without_fragment
            .split_once('?')
            .map_or("", |(_, query)| query);
    }
    redirect
}

/// RFC 3986: `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// The parameters of a redirect that matter; each may appear at most once.
#[derive(Default)]
struct RedirectParams {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

impl RedirectParams {
    fn parse(query: &str) -> Result<Self, RedirectError> {
        let mut params = RedirectParams::default();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            let (slot, name) = match name.as_ref() {
                "code" => (&mut params.code, "code"),
                "state" => (&mut params.state, "state"),
                "error" => (&mut params.error, "error"),
                "error_description" => (&mut params.error_description, "error_description"),
                _ => continue,
            };
            if slot.replace(value.into_owned()).is_some() {
                return Err(RedirectError::DuplicateParameter { name });
            }
        }
        Ok(params)
    }
}
