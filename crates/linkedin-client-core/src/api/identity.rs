//! [`Identity`]: Sign In with LinkedIn using OpenID Connect on either
//! client (`userinfo`, id_token verification against LinkedIn's JWKS,
//! fetched and cached by [`JwksCache`]'s decisions), and [`JwksStore`],
//! the cache a client and its clones share.

use std::fmt;
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use linkedin_oauth::{IdToken, Nonce};
use linkedin_resources::identity::{
    self, IdTokenClaims, IdTokenVerifier, Jwks, JwksCache, JwksDecision, LINKEDIN_JWKS_URL,
    UserInfo,
};
use restli_codec::EntityResponse;

use super::Caller;
use crate::error::Error;

/// The JWKS keys a client holds, with the time they were fetched: one per
/// client, shared by its clones and handles (a transport's `Caller` hands
/// it out). The keys are public; nothing here is secret.
///
/// ```
/// let store = linkedin::client_core::api::JwksStore::new();
/// assert!(format!("{store:?}").contains("JwksStore"));
/// ```
#[derive(Default)]
pub struct JwksStore {
    /// The URL the keys came from and the cache's decisions.
    held: Mutex<Option<(String, JwksCache)>>,
}

impl fmt::Debug for JwksStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("JwksStore")
            .field("url", &held.as_ref().map(|(url, _)| url))
            .field(
                "keys",
                &held
                    .as_ref()
                    .and_then(|(_, cache)| cache.keys())
                    .map_or(0, |keys| keys.keys.len()),
            )
            .finish()
    }
}

impl JwksStore {
    /// An empty store.
    ///
    /// ```
    /// let _store = linkedin::client_core::api::JwksStore::new();
    /// ```
    pub fn new() -> Self {
        JwksStore::default()
    }

    /// What to do for a token with `kid` at `now`, and the keys held for
    /// `url` (another URL's keys are dropped).
    fn decide(
        &self,
        url: &str,
        kid: Option<&str>,
        now: SystemTime,
    ) -> (JwksDecision, Option<Jwks>) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if held.as_ref().is_none_or(|(held_url, _)| held_url != url) {
            *held = Some((url.to_owned(), JwksCache::new()));
        }
        match held.as_ref() {
            Some((_, cache)) => (cache.decide(kid, now), cache.keys().cloned()),
            None => (JwksDecision::FetchFirst, None),
        }
    }

    /// Keeps what a fetch of `url` at `now` gave (keys, or a failure).
    fn settle(&self, url: &str, fetched: Option<Jwks>, now: SystemTime) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((held_url, cache)) = held.as_mut()
            && held_url == url
        {
            match fetched {
                Some(jwks) => cache.store(jwks, now),
                None => cache.fetch_failed(now),
            }
        }
    }
}

/// Sign In with LinkedIn using OpenID Connect (`client.identity()`): the
/// member's `userinfo`, and the verification of the id_token a code
/// exchange gave, against LinkedIn's keys ([`LINKEDIN_JWKS_URL`], or
/// [`jwks_url`](Self::jwks_url)), fetched when the cache says so and kept
/// by the client.
///
/// The verifier expects the client's OAuth application as the audience and
/// LinkedIn as the issuer unless [`verifier`](Self::verifier) says
/// otherwise.
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// let me = client.identity().userinfo()?;
/// assert_eq!(me.person_urn()?.as_str(), "urn:li:person:sAnDb0x1d");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Identity<'a, C> {
    caller: &'a C,
    jwks_url: String,
    verifier: Option<IdTokenVerifier>,
    at: Option<SystemTime>,
}

impl<C> fmt::Debug for Identity<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("jwks_url", &self.jwks_url)
            .field("verifier", &self.verifier)
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

impl<C> Clone for Identity<'_, C> {
    fn clone(&self) -> Self {
        Identity {
            caller: self.caller,
            jwks_url: self.jwks_url.clone(),
            verifier: self.verifier.clone(),
            at: self.at,
        }
    }
}

impl<'a, C: Caller> Identity<'a, C> {
    /// The handle over `caller` (what `client.identity()` makes).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let identity = linkedin::client_core::api::Identity::new(&client);
    /// assert_eq!(identity.userinfo()?.family_name.as_deref(), Some("Box"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(caller: &'a C) -> Self {
        Identity {
            caller,
            jwks_url: LINKEDIN_JWKS_URL.to_owned(),
            verifier: None,
            at: None,
        }
    }

    /// Fetches the keys from `url` instead of [`LINKEDIN_JWKS_URL`] (a
    /// sandbox's `{origin}/oauth/openid/jwks`); https, or http to a
    /// loopback host.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let identity = client.identity().jwks_url(&sandbox.jwks_url());
    /// // Not a JWT at all: refused without fetching anything.
    /// assert!(identity.verify_id_token(&linkedin::oauth::IdToken::new("x"), None).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn jwks_url(mut self, url: &str) -> Self {
        url.clone_into(&mut self.jwks_url);
        self
    }

    /// Verifies with `verifier` (another audience, issuer or leeway)
    /// instead of one for the client's OAuth application and LinkedIn's
    /// issuer.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::identity::IdTokenVerifier;
    /// let identity = client.identity().verifier(IdTokenVerifier::new(sandbox.client_id()));
    /// assert!(identity.verify_id_token(&linkedin::oauth::IdToken::new("a.b.c"), None).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verifier(mut self, verifier: IdTokenVerifier) -> Self {
        self.verifier = Some(verifier);
        self
    }

    /// Verifies as at `time` instead of now (to replay a recorded sign-in,
    /// or to test an expired token).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let identity = client.identity().at(std::time::SystemTime::UNIX_EPOCH);
    /// # let _ = identity;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at(mut self, time: SystemTime) -> Self {
        self.at = Some(time);
        self
    }

    /// The signed-in member (`GET /v2/userinfo`, scope `openid`).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let me = client.identity().userinfo()?;
    /// assert_eq!(me.name.as_deref(), Some("Sandra Box"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call (401 without a valid member token).
    pub fn userinfo(&self) -> C::Answer<'a, UserInfo> {
        self.caller
            .call(Ok(identity::userinfo()), |me: EntityResponse<UserInfo>| {
                Ok(me.entity)
            })
    }

    /// Verifies an id_token (RS256 signature, `iss`, `aud`, `exp`/`iat`,
    /// and `nonce` when `nonce` is given: pass the pending authorization's)
    /// and gives its claims. The keys are fetched first when the client
    /// holds none, they are older than the cache's maximum age, or the
    /// token names a key not held (at most once a minute); a failed fetch
    /// leaves the keys held in use.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
    /// #     .oauth(linkedin::oauth::OAuthConfig::new(linkedin::oauth::ClientId::new(sandbox.client_id()), linkedin::oauth::ClientSecret::new(sandbox.client_secret())))
    /// #     .build()?;
    /// // {"alg":"RS256","kid":"nope"}, signed by no one.
    /// let forged = linkedin::oauth::IdToken::new("eyJhbGciOiJSUzI1NiIsImtpZCI6Im5vcGUifQ.e30.c2ln");
    /// let err = client.identity().jwks_url(&sandbox.jwks_url()).verify_id_token(&forged, None).unwrap_err();
    /// assert!(matches!(err, linkedin::Error::Resource(_)), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a token that does not verify (the
    /// [`IdTokenError`](linkedin_resources::identity::IdTokenError) of the
    /// first failed check) or keys that cannot be read,
    /// [`ConfigError::NoOAuth`](crate::ConfigError::NoOAuth) without an
    /// OAuth application or [`verifier`](Self::verifier), or any error of
    /// the fetch.
    pub fn verify_id_token(
        &self,
        token: &IdToken,
        nonce: Option<&Nonce>,
    ) -> C::Answer<'a, IdTokenClaims> {
        let now = self.at.unwrap_or_else(|| self.caller.now());
        let verifier = match &self.verifier {
            Some(verifier) => verifier.clone(),
            None => match self.caller.oauth_app() {
                Ok(app) => IdTokenVerifier::new(app.client_id().as_str()),
                Err(err) => return self.caller.ready(Err(err.into())),
            },
        };
        let kid = match IdTokenVerifier::key_id(token) {
            Ok(kid) => kid,
            Err(err) => return self.caller.ready(Err(err.into())),
        };
        let store = self.caller.jwks_store();
        let (decision, held) = store.decide(&self.jwks_url, kid.as_deref(), now);
        let verify = move |jwks: &Jwks, token: &IdToken, nonce: Option<&Nonce>| {
            verifier
                .verify(token, jwks, now, nonce)
                .map_err(Error::from)
        };
        if let (JwksDecision::Use, Some(jwks)) = (decision, &held) {
            return self.caller.ready(verify(jwks, token, nonce));
        }
        let request = match Jwks::request(&self.jwks_url) {
            Ok(request) => request,
            Err(err) => return self.caller.ready(Err(err.into())),
        };
        let (url, token, nonce) = (self.jwks_url.clone(), token.clone(), nonce.cloned());
        self.caller.fetch(request, move |answer| {
            let fetched = answer.and_then(|response| Ok(Jwks::from_response(&response)?));
            match fetched {
                Ok(jwks) => {
                    store.settle(&url, Some(jwks.clone()), now);
                    verify(&jwks, &token, nonce.as_ref())
                }
                Err(err) => {
                    store.settle(&url, None, now);
                    match &held {
                        Some(jwks) => verify(jwks, &token, nonce.as_ref()),
                        None => Err(err),
                    }
                }
            }
        })
    }
}
