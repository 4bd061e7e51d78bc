//! LinkedIn's OAuth 2.0 endpoints under `/oauth/v2`:
//!
//! * `GET /oauth/v2/authorization`: consents at once (or refuses, see
//!   [`Consent`]) and redirects to `redirect_uri` with `code` and `state`.
//! * `POST /oauth/v2/accessToken`: the `authorization_code` (with PKCE
//!   `S256` when a challenge was sent), `refresh_token` and
//!   `client_credentials` grants.
//! * `POST /oauth/v2/introspectToken`: what the sandbox knows about a token.
//!
//! Clients authenticate with `client_id` and `client_secret` in the form
//! body, as LinkedIn expects. Codes live 30 minutes and are single-use;
//! token lifetimes are set on the builder; all of them run on the sandbox
//! clock.

mod authorize;
pub(crate) mod grants;
mod introspect;
pub(crate) mod redirect;
mod token;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use axum::Json;
use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::json;

use grants::{AccessGrant, AuthType, Grants, TokenCheck};

use crate::lock;
use crate::state::AppState;

/// What the simulated member answers on the consent screen.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), linkedin_sandbox::Error> {
/// use linkedin_sandbox::{Consent, Sandbox};
///
/// let sandbox = Sandbox::builder().consent(Consent::Deny).start().await?;
/// // Authorization requests now redirect with error=user_cancelled_authorize.
/// sandbox.set_consent(Consent::Approve);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Consent {
    /// Approve every authorization request (the default).
    #[default]
    Approve,
    /// Cancel every authorization request, as a member pressing "Cancel".
    Deny,
}

/// A registered OAuth client.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Client {
    pub(crate) id: String,
    pub(crate) secret: String,
    /// Where authorization may redirect (see [`redirect`]).
    pub(crate) redirect_uris: Vec<redirect::Registered>,
    /// Whether code exchanges also give a refresh token (see [`crate::App`]).
    pub(crate) refresh_tokens: bool,
    /// Whether the client credentials grant is allowed.
    pub(crate) client_credentials: bool,
    /// Whether PKCE is enabled (a native app).
    pub(crate) pkce: bool,
}

impl std::fmt::Debug for Client {
    /// Everything but the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("id", &self.id)
            .field("secret", &"<redacted>")
            .field("redirect_uris", &self.redirect_uris)
            .field("refresh_tokens", &self.refresh_tokens)
            .field("client_credentials", &self.client_credentials)
            .field("pkce", &self.pkce)
            .finish()
    }
}

/// How long issued tokens live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lifetimes {
    /// Member (3-legged) access tokens.
    pub(crate) access: Duration,
    pub(crate) refresh: Duration,
    /// Application (2-legged, client credentials) access tokens.
    pub(crate) application: Duration,
}

/// The OAuth server's configuration and memory.
#[derive(Debug)]
pub(crate) struct OAuthState {
    clients: Vec<Client>,
    pub(crate) lifetimes: Lifetimes,
    consent: Mutex<Consent>,
    pub(crate) grants: Mutex<Grants>,
    /// What signs id_tokens, and the issuer they name.
    pub(crate) oidc: crate::oidc::Oidc,
}

impl OAuthState {
    /// Registers the clients and the static tokens (which never expire and
    /// belong to the first client).
    pub(crate) fn new(
        clients: Vec<Client>,
        static_tokens: &[String],
        lifetimes: Lifetimes,
        consent: Consent,
        now: SystemTime,
        oidc: crate::oidc::Oidc,
    ) -> Self {
        let mut grants = Grants::default();
        let owner = clients.first().map(|c| c.id.clone()).unwrap_or_default();
        for token in static_tokens {
            grants.insert_static(
                token.clone(),
                AccessGrant {
                    client_id: owner.clone(),
                    scope: Vec::new(),
                    auth_type: AuthType::ThreeLegged,
                    authorized_at: now,
                    created_at: now,
                    expires_at: None,
                },
            );
        }
        OAuthState {
            clients,
            lifetimes,
            consent: Mutex::new(consent),
            grants: Mutex::new(grants),
            oidc,
        }
    }

    pub(crate) fn consent(&self) -> Consent {
        *lock(&self.consent)
    }

    pub(crate) fn set_consent(&self, consent: Consent) {
        *lock(&self.consent) = consent;
    }

    /// Every registered client, in registration order.
    pub(crate) fn clients(&self) -> &[Client] {
        &self.clients
    }

    pub(crate) fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// Whether an access token may call the API now (purging whatever
    /// expired first).
    pub(crate) fn check(&self, token: &str, now: SystemTime) -> TokenCheck {
        let mut grants = lock(&self.grants);
        grants.purge(now);
        grants.check(token, now)
    }

    /// Revokes an access token (as a member removing the app's access):
    /// the API then answers 401 with `serviceErrorCode` 65601.
    pub(crate) fn revoke(&self, token: &str) -> bool {
        lock(&self.grants).revoke(token)
    }

    /// Checks `client_id` and `client_secret` of a form.
    fn authenticate(&self, form: &Form) -> Result<&Client, OAuthError> {
        let id = form.required("client_id")?;
        let secret = form.required("client_secret")?;
        match self.client(id) {
            Some(client) if client.secret == secret => Ok(client),
            _ => Err(OAuthError::invalid_client()),
        }
    }

    /// Checks the client of a code exchange: its secret, or, for an app with
    /// PKCE enabled, its `code_verifier` alone (a native app has no secret
    /// to keep,
    /// <https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>:
    /// the token request carries `client_id` and `code_verifier`). The
    /// verifier itself is checked against the code's challenge later.
    fn authenticate_code_exchange(&self, form: &Form) -> Result<&Client, OAuthError> {
        let id = form.required("client_id")?;
        let Some(client) = self.client(id) else {
            return Err(OAuthError::invalid_client());
        };
        let verifier = form.get("code_verifier");
        // LinkedIn answers a `code_verifier` from an app on which PKCE is
        // not enabled with 401 invalid_client (the same page, and the CLI's
        // `--pkce` help, which warns of it).
        if verifier.is_some() && !client.pkce {
            return Err(OAuthError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "PKCE is not enabled for this application: do not send code_verifier",
            ));
        }
        match form.get("client_secret") {
            Some(secret) if secret == client.secret => Ok(client),
            None if client.pkce && verifier.is_some() => Ok(client),
            None => Err(OAuthError::invalid_request(
                "A required parameter \"client_secret\" is missing",
            )),
            Some(_) => Err(OAuthError::invalid_client()),
        }
    }
}

/// An OAuth error answer: `{"error", "error_description"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl OAuthError {
    pub(crate) fn new(
        status: StatusCode,
        error: &'static str,
        description: impl Into<String>,
    ) -> Self {
        OAuthError {
            status,
            error,
            description: description.into(),
        }
    }

    /// 400 `invalid_request`.
    pub(crate) fn invalid_request(description: impl Into<String>) -> Self {
        OAuthError::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    /// 401 `invalid_client`: unknown client or wrong secret.
    pub(crate) fn invalid_client() -> Self {
        OAuthError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed",
        )
    }

    /// 400 `unauthorized_client`: the app may not use this grant (RFC 6749
    /// §5.2; LinkedIn decides per app which flows it gets).
    pub(crate) fn unauthorized_client(description: impl Into<String>) -> Self {
        OAuthError::new(StatusCode::BAD_REQUEST, "unauthorized_client", description)
    }

    /// 500 `server_error` (RFC 6749 §4.1.2.1).
    pub(crate) fn server_error(description: impl Into<String>) -> Self {
        OAuthError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            description,
        )
    }

    /// 400 `invalid_grant`.
    pub(crate) fn invalid_grant(description: impl Into<String>) -> Self {
        OAuthError::new(StatusCode::BAD_REQUEST, "invalid_grant", description)
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = json!({"error": self.error, "error_description": self.description});
        no_store((self.status, Json(body)).into_response())
    }
}

/// Token answers must not be cached.
fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Form fields (`application/x-www-form-urlencoded`, from a body or a query).
#[derive(Debug, Default)]
pub(crate) struct Form(HashMap<String, String>);

impl Form {
    pub(crate) fn parse(bytes: &[u8]) -> Form {
        Form(url::form_urlencoded::parse(bytes).into_owned().collect())
    }

    /// The form of a POST body, which must be declared as one.
    fn from_post(headers: &HeaderMap, body: &[u8]) -> Result<Form, OAuthError> {
        let is_form = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                v.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if is_form {
            Ok(Form::parse(body))
        } else {
            Err(OAuthError::invalid_request(
                "the body must be application/x-www-form-urlencoded",
            ))
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub(crate) fn required(&self, name: &str) -> Result<&str, OAuthError> {
        self.get(name).ok_or_else(|| {
            OAuthError::invalid_request(format!("A required parameter \"{name}\" is missing"))
        })
    }
}

/// Scopes as requested: separated by spaces (or commas).
pub(crate) fn split_scope(scope: Option<&str>) -> Vec<String> {
    scope
        .unwrap_or_default()
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The OAuth routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/oauth/v2/authorization", get(authorize::authorize))
        .route("/oauth/v2/accessToken", post(token::access_token))
        .route(
            "/oauth/v2/introspectToken",
            post(introspect::introspect_token),
        )
        .merge(crate::oidc::routes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_debug_hides_the_secret() {
        let client = crate::App::full("visible-id", "hidden-secret").into_client();
        let text = format!("{client:?}");
        assert!(text.contains("visible-id") && !text.contains("hidden-secret"));
    }

    #[test]
    fn forms_and_scopes() {
        let form = Form::parse(b"a=x+y&b=%2F&c=");
        assert_eq!(form.get("a"), Some("x y"));
        assert_eq!(form.get("b"), Some("/"));
        assert_eq!(form.get("c"), None);
        assert!(form.required("c").is_err());
        assert_eq!(
            split_scope(Some("r_ads rw_ads,openid")),
            ["r_ads", "rw_ads", "openid"]
        );
    }
}
