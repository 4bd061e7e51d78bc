//! OpenID Connect, as "Sign In with LinkedIn using OpenID Connect"
//! (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>):
//!
//! * a code exchange whose authorization asked for the scope `openid` also
//!   answers an `id_token`: an RS256 JWT with `iss`, `aud` (the client id),
//!   `sub`, `iat`, `exp`, the `nonce` of the authorization request when it
//!   had one, the profile claims (`name`, `given_name`, `family_name`,
//!   `locale`, `picture` when the member has one) with scope `profile` and
//!   `email`, `email_verified` with scope `email`;
//! * `GET /oauth/.well-known/openid-configuration`: the discovery document
//!   (OpenID Connect Discovery 1.0), where LinkedIn publishes it (under
//!   `/oauth`, not at the host root);
//! * `GET /oauth/openid/jwks`: the signing key as a JWK set, LinkedIn's
//!   `jwks_uri`.
//!
//! `iss` is LinkedIn's issuer, `https://www.linkedin.com/oauth`, so code
//! that checks it against LinkedIn's constant passes unchanged; a verifier
//! that insists that the discovery document's `issuer` is the URL it was
//! fetched from can ask for `{origin}/oauth` instead
//! ([`SandboxBuilder::oidc_issuer_origin`](crate::SandboxBuilder::oidc_issuer_origin)).

pub(crate) mod jwt;

use std::time::{Duration, SystemTime};

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Map, Value, json};

use crate::clock::unix_seconds;
use crate::state::AppState;

/// LinkedIn's OpenID Connect issuer.
pub(crate) const LINKEDIN_ISSUER: &str = "https://www.linkedin.com/oauth";

/// How long an id_token is valid. LinkedIn's page does not state it
/// (ambiguous): the sandbox uses one hour, so clients must read `exp`
/// rather than assume a lifetime.
pub(crate) const ID_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// Where the sandbox is and which issuer it names.
#[derive(Debug, Clone)]
pub(crate) struct Oidc {
    origin: String,
    issuer: String,
}

impl Oidc {
    /// `issuer_is_origin`: name `{origin}/oauth` instead of LinkedIn's.
    pub(crate) fn new(origin: &str, issuer_is_origin: bool) -> Oidc {
        let issuer = if issuer_is_origin {
            format!("{origin}/oauth")
        } else {
            LINKEDIN_ISSUER.to_owned()
        };
        Oidc {
            origin: origin.to_owned(),
            issuer,
        }
    }

    /// The `iss` of id_tokens and the discovery document's `issuer`.
    pub(crate) fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The discovery document.
    fn configuration(&self) -> Value {
        let origin = &self.origin;
        json!({
            "issuer": self.issuer,
            "authorization_endpoint": format!("{origin}/oauth/v2/authorization"),
            "token_endpoint": format!("{origin}/oauth/v2/accessToken"),
            "userinfo_endpoint": format!("{origin}/v2/userinfo"),
            "jwks_uri": format!("{origin}/oauth/openid/jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "claims_supported": [
                "iss", "aud", "iat", "exp", "sub", "name", "given_name",
                "family_name", "picture", "email", "email_verified", "locale"
            ],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "code_challenge_methods_supported": ["S256"]
        })
    }

    /// A signed id_token for `member` (the `/v2/userinfo` claims), or
    /// `None` when the scope has no `openid`.
    pub(crate) fn id_token(
        &self,
        member: &Value,
        request: &IdTokenRequest<'_>,
        now: SystemTime,
    ) -> Option<Result<String, jwt::JwtError>> {
        if !request.scope.iter().any(|s| s == "openid") {
            return None;
        }
        let claims = self.claims(member, request, now);
        Some(jwt::key().and_then(|key| key.sign(&claims)))
    }

    fn claims(&self, member: &Value, request: &IdTokenRequest<'_>, now: SystemTime) -> Value {
        let mut claims = Map::new();
        claims.insert("iss".into(), json!(self.issuer));
        claims.insert("aud".into(), json!(request.client_id));
        let iat = unix_seconds(now);
        claims.insert("iat".into(), json!(iat));
        claims.insert(
            "exp".into(),
            json!(iat.saturating_add(ID_TOKEN_LIFETIME.as_secs())),
        );
        let has = |scope: &str| request.scope.iter().any(|s| s == scope);
        let mut copy = |names: &[&str]| {
            for name in names {
                if let Some(value) = member.get(*name) {
                    claims.insert((*name).to_owned(), value.clone());
                }
            }
        };
        copy(&["sub"]);
        if has("profile") {
            copy(&["name", "given_name", "family_name", "picture", "locale"]);
        }
        if has("email") {
            copy(&["email", "email_verified"]);
        }
        if let Some(nonce) = request.nonce {
            claims.insert("nonce".into(), json!(nonce));
        }
        Value::Object(claims)
    }
}

/// What an id_token is issued for.
#[derive(Debug)]
pub(crate) struct IdTokenRequest<'a> {
    pub(crate) client_id: &'a str,
    pub(crate) scope: &'a [String],
    pub(crate) nonce: Option<&'a str>,
}

async fn configuration(State(state): State<AppState>) -> Response {
    Json(state.oauth.oidc.configuration()).into_response()
}

async fn jwks() -> Response {
    match jwt::key() {
        Ok(key) => Json(json!({"keys": [key.jwk()]})).into_response(),
        Err(e) => crate::oauth::OAuthError::server_error(e.to_string()).into_response(),
    }
}

/// The discovery document and the JWKS, at LinkedIn's paths.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/oauth/.well-known/openid-configuration",
            get(configuration),
        )
        .route("/oauth/openid/jwks", get(jwks))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn member() -> Value {
        crate::seed::userinfo()
    }

    fn scope(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn claims_follow_the_scopes() {
        let oidc = Oidc::new("http://127.0.0.1:1", false);
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let only_openid = scope(&["openid"]);
        let request = IdTokenRequest {
            client_id: "app",
            scope: &only_openid,
            nonce: None,
        };
        let claims = oidc.claims(&member(), &request, now);
        let keys: Vec<&str> = claims
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["aud", "exp", "iat", "iss", "sub"]);
        assert_eq!(claims["exp"], 1_700_003_600u64);
        let all = scope(&["openid", "profile", "email"]);
        let request = IdTokenRequest {
            client_id: "app",
            scope: &all,
            nonce: Some("n-1"),
        };
        let claims = oidc.claims(&member(), &request, now);
        assert_eq!(claims["email"], "sandra.box@sandbox.example");
        assert_eq!(claims["given_name"], "Sandra");
        assert_eq!(claims["nonce"], "n-1");
        let no_openid = scope(&["profile"]);
        let request = IdTokenRequest {
            client_id: "app",
            scope: &no_openid,
            nonce: None,
        };
        assert!(oidc.id_token(&member(), &request, now).is_none());
    }

    #[test]
    fn the_issuer_is_linkedins_unless_asked() {
        assert_eq!(Oidc::new("http://h:1", false).issuer(), LINKEDIN_ISSUER);
        assert_eq!(Oidc::new("http://h:1", true).issuer(), "http://h:1/oauth");
        assert_eq!(
            Oidc::new("http://h:1", false).configuration()["jwks_uri"],
            "http://h:1/oauth/openid/jwks"
        );
    }

    proptest! {
        /// Whatever the nonce and scopes, the claims carry exactly the
        /// nonce given, the scopes decide the rest, and nothing panics.
        #[test]
        fn nonce_round_trips(nonce in "\\PC{0,80}", profile: bool, email: bool) {
            let oidc = Oidc::new("http://h:1", false);
            let mut names = vec!["openid"];
            if profile { names.push("profile"); }
            if email { names.push("email"); }
            let scope = scope(&names);
            let request = IdTokenRequest { client_id: "c", scope: &scope, nonce: Some(&nonce) };
            let claims = oidc.claims(&member(), &request, SystemTime::UNIX_EPOCH);
            prop_assert_eq!(claims["nonce"].as_str(), Some(nonce.as_str()));
            prop_assert_eq!(claims.get("name").is_some(), profile);
            prop_assert_eq!(claims.get("email").is_some(), email);
        }
    }
}
