//! LinkedIn's signing keys (a JSON Web Key Set, RFC 7517) and when to fetch
//! them again.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use restli_codec::excerpt::Excerpt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where LinkedIn publishes its id_token signing keys: the `jwks_uri` of
/// its discovery document, `https://www.linkedin.com/oauth/.well-known/openid-configuration`.
pub const LINKEDIN_JWKS_URL: &str = "https://www.linkedin.com/oauth/openid/jwks";

/// The largest JWKS document [`Jwks::from_slice`] reads, in bytes (64 KiB;
/// LinkedIn's holds a few keys of under 1 KiB each).
pub const MAX_JWKS_BYTES: usize = 64 * 1024;

/// The most keys a [`Jwks`] may hold.
pub const MAX_JWKS_KEYS: usize = 64;

/// Why a JWKS document cannot be read.
///
/// ```
/// use linkedin::resources::identity::{Jwks, JwksError};
///
/// assert!(matches!(Jwks::from_slice(b"{"), Err(JwksError::Json { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwksError {
    /// The document is larger than [`MAX_JWKS_BYTES`].
    #[error("the JWKS document is {len} bytes, more than the {MAX_JWKS_BYTES} read")]
    TooLarge {
        /// Its length in bytes.
        len: usize,
    },
    /// It has more keys than [`MAX_JWKS_KEYS`].
    #[error("the JWKS document has {count} keys, more than the {MAX_JWKS_KEYS} kept")]
    TooManyKeys {
        /// How many it has.
        count: usize,
    },
    /// The JWKS URL is not an https URL (or http to a loopback host).
    #[error("the JWKS URL is not usable: {0}")]
    InvalidUrl(#[from] restli_codec::EndpointError),
    /// The answer to the JWKS request was not a 200.
    #[error("the JWKS request was answered with status {status}")]
    Status {
        /// The HTTP status.
        status: u16,
    },
    /// It is not a JWKS document (`{"keys": [...]}`).
    #[error("the JWKS document is not valid: {reason} at line {line}, column {column}")]
    Json {
        /// What was wrong.
        reason: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
}

/// A JSON Web Key Set: `{"keys": [...]}`, as LinkedIn's `jwks_uri` serves it.
///
/// ```
/// use linkedin::resources::identity::Jwks;
///
/// let jwks = Jwks::from_slice(br#"{"keys": [
///     {"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256", "n": "sXch", "e": "AQAB"}
/// ]}"#)?;
/// assert_eq!(jwks.find("k1").unwrap().kty, "RSA");
/// assert!(jwks.find("k2").is_none());
/// # Ok::<(), linkedin::resources::identity::JwksError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Jwks {
    /// The keys.
    pub keys: Vec<Jwk>,
    /// Other members of the document, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Jwks {
    /// The request fetching the key set at `url` ([`LINKEDIN_JWKS_URL`], or
    /// a sandbox's `{origin}/oauth/openid/jwks`): a plain `GET`, no token
    /// (the keys are public). A transport sends it and hands the answer to
    /// [`from_response`](Self::from_response).
    ///
    /// ```
    /// use linkedin::resources::identity::{Jwks, LINKEDIN_JWKS_URL};
    ///
    /// let request = Jwks::request(LINKEDIN_JWKS_URL)?;
    /// assert_eq!(request.method(), http::Method::GET);
    /// assert_eq!(request.uri(), LINKEDIN_JWKS_URL);
    /// assert!(Jwks::request("http://example.com/jwks").is_err(), "plain http only to loopback");
    /// # Ok::<(), linkedin::resources::identity::JwksError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`JwksError::InvalidUrl`] for anything but an https URL, or http to
    /// a loopback host, without query or fragment.
    pub fn request(url: &str) -> Result<http::Request<Vec<u8>>, JwksError> {
        let url = restli_codec::BaseUrl::parse(url)?;
        http::Request::get(url.as_str())
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|_| {
                JwksError::InvalidUrl(restli_codec::EndpointError::Invalid {
                    url: Excerpt(url.as_str()).to_string(),
                    reason: "not a request URI",
                })
            })
    }

    /// Reads the answer to [`request`](Self::request): a 200 whose body is
    /// a key set ([`from_slice`](Self::from_slice)).
    ///
    /// ```
    /// use linkedin::resources::identity::{Jwks, JwksError};
    ///
    /// let ok = http::Response::new(br#"{"keys": []}"#.to_vec());
    /// assert!(Jwks::from_response(&ok)?.keys.is_empty());
    /// let down = http::Response::builder().status(503).body(Vec::new()).unwrap();
    /// assert_eq!(Jwks::from_response(&down).unwrap_err(), JwksError::Status { status: 503 });
    /// # Ok::<(), JwksError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`JwksError::Status`], or what [`from_slice`](Self::from_slice) says.
    pub fn from_response(response: &http::Response<Vec<u8>>) -> Result<Jwks, JwksError> {
        if response.status() != http::StatusCode::OK {
            return Err(JwksError::Status {
                status: response.status().as_u16(),
            });
        }
        Jwks::from_slice(response.body())
    }

    /// Reads a JWKS document (the body of the `jwks_uri` answer), bounded
    /// by [`MAX_JWKS_BYTES`] and [`MAX_JWKS_KEYS`].
    ///
    /// ```
    /// use linkedin::resources::identity::Jwks;
    ///
    /// assert!(Jwks::from_slice(br#"{"keys": []}"#)?.keys.is_empty());
    /// assert!(Jwks::from_slice(br#"{"keys": {}}"#).is_err());
    /// # Ok::<(), linkedin::resources::identity::JwksError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`JwksError`].
    pub fn from_slice(body: &[u8]) -> Result<Jwks, JwksError> {
        if body.len() > MAX_JWKS_BYTES {
            return Err(JwksError::TooLarge { len: body.len() });
        }
        let jwks: Jwks = serde_json::from_slice(body).map_err(|e| JwksError::Json {
            reason: json_reason(&e).to_owned(),
            line: e.line(),
            column: e.column(),
        })?;
        if jwks.keys.len() > MAX_JWKS_KEYS {
            return Err(JwksError::TooManyKeys {
                count: jwks.keys.len(),
            });
        }
        Ok(jwks)
    }

    /// The key with this `kid`, if any.
    ///
    /// ```
    /// use linkedin::resources::identity::Jwks;
    ///
    /// let jwks = Jwks::from_slice(br#"{"keys": [{"kty": "RSA", "kid": "a"}]}"#)?;
    /// assert!(jwks.find("a").is_some());
    /// # Ok::<(), linkedin::resources::identity::JwksError>(())
    /// ```
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|key| key.kid.as_deref() == Some(kid))
    }
}

/// What kind of JSON error, without quoting the input.
pub(super) fn json_reason(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Io => "unreadable",
        serde_json::error::Category::Syntax => "malformed JSON",
        serde_json::error::Category::Eof => "truncated JSON",
        serde_json::error::Category::Data => "a missing or mistyped member",
    }
}

/// One JSON Web Key (RFC 7517 section 4; RSA members from RFC 7518
/// section 6.3.1). Only RSA signing keys for RS256 verify an id_token;
/// others are kept and skipped.
///
/// ```
/// use linkedin::resources::identity::Jwk;
///
/// let key: Jwk = serde_json::from_str(r#"{"kty": "RSA", "use": "sig", "n": "sXch", "e": "AQAB", "x5t": "t"}"#)?;
/// assert_eq!(key.use_.as_deref(), Some("sig"));
/// assert_eq!(key.extra["x5t"], "t");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Jwk {
    /// Key type: `RSA` for LinkedIn's keys.
    pub kty: String,
    /// Key id, matched against the token header's `kid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// The algorithm the key is for (`RS256`), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// What the key is for (`sig`), when stated.
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    /// RSA modulus, base64url big-endian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// RSA public exponent, base64url big-endian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    /// Other members, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Jwk {
    /// The RS256 verifying key, or why this key cannot verify an RS256
    /// signature.
    pub(super) fn rs256_key(&self) -> Result<rsa::pkcs1v15::VerifyingKey<sha2::Sha256>, String> {
        if self.kty != "RSA" {
            return Err(format!("its kty is {}, not RSA", Excerpt(&self.kty)));
        }
        if let Some(alg) = self.alg.as_deref().filter(|alg| *alg != "RS256") {
            return Err(format!("it is for {}, not RS256", Excerpt(alg)));
        }
        if let Some(use_) = self.use_.as_deref().filter(|use_| *use_ != "sig") {
            return Err(format!("its use is {}, not sig", Excerpt(use_)));
        }
        let decode = |name: &str, value: &Option<String>| {
            let text = value
                .as_deref()
                .ok_or_else(|| format!("it has no {name}"))?;
            URL_SAFE_NO_PAD
                .decode(text)
                .map_err(|_| format!("its {name} is not base64url"))
        };
        let n = decode("n", &self.n)?;
        let e = decode("e", &self.e)?;
        // RSA's own bounds: a 1024- to 4096-bit modulus; the exponent is
        // checked by `PublicKey::new`. A longer text is refused before the
        // big-number work.
        if n.len() > 4096 / 8 + 1 || e.len() > 8 {
            return Err("its modulus or exponent is too long".to_owned());
        }
        let key = rsa::PublicKey::new(
            rsa::BoxedUint::from_be_slice_vartime(&n),
            rsa::BoxedUint::from_be_slice_vartime(&e),
        )
        .map_err(|e| format!("it is not a usable RSA key ({e})"))?;
        Ok(rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key))
    }
}

/// What a [`JwksCache`] says to do before verifying a token.
///
/// ```
/// use linkedin::resources::identity::{JwksCache, JwksDecision};
///
/// let cache = JwksCache::new();
/// assert_eq!(cache.decide(Some("k1"), std::time::SystemTime::UNIX_EPOCH), JwksDecision::FetchFirst);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwksDecision {
    /// Verify with the keys held.
    Use,
    /// No keys yet: fetch them, then [`store`](JwksCache::store).
    FetchFirst,
    /// The keys are older than the maximum age: fetch them again.
    FetchStale,
    /// The token's `kid` is not among the keys (LinkedIn may have rotated
    /// them), and the last fetch is older than the minimum interval: fetch
    /// again. Within the interval the answer is [`Use`](Self::Use), and the
    /// verification fails with an unknown key.
    FetchUnknownKey,
}

/// The JWKS cache *decisions*, time passed in: it keeps the keys with the
/// time they were fetched and says when to fetch them again: after
/// `max_age`, or on a `kid` it does not hold, at most once per
/// `min_interval` (so a flood of tokens with made-up key ids does not make
/// a flood of fetches). The transport does the fetching and calls
/// [`store`](Self::store), or [`fetch_failed`](Self::fetch_failed).
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::resources::identity::{Jwks, JwksCache, JwksDecision};
///
/// let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let mut cache = JwksCache::new();
/// cache.store(Jwks::from_slice(br#"{"keys": [{"kty": "RSA", "kid": "k1"}]}"#)?, t0);
/// assert_eq!(cache.decide(Some("k1"), t0), JwksDecision::Use);
/// assert_eq!(cache.decide(Some("k2"), t0), JwksDecision::Use, "within the interval");
/// let later = t0 + Duration::from_secs(61);
/// assert_eq!(cache.decide(Some("k2"), later), JwksDecision::FetchUnknownKey);
/// assert_eq!(cache.decide(Some("k1"), t0 + Duration::from_secs(86_400)), JwksDecision::FetchStale);
/// # Ok::<(), linkedin::resources::identity::JwksError>(())
/// ```
#[derive(Debug, Clone)]
pub struct JwksCache {
    keys: Option<Jwks>,
    fetched_at: Option<SystemTime>,
    last_attempt: Option<SystemTime>,
    max_age: Duration,
    min_interval: Duration,
}

impl Default for JwksCache {
    fn default() -> Self {
        JwksCache::new()
    }
}

impl JwksCache {
    /// The default maximum age of the keys (12 hours).
    pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(12 * 3600);
    /// The default minimum interval between two fetches (60 seconds).
    pub const DEFAULT_MIN_INTERVAL: Duration = Duration::from_secs(60);
    /// The largest `max_age` taken (7 days).
    pub const MAX_MAX_AGE: Duration = Duration::from_secs(7 * 86_400);

    /// An empty cache with the default maximum age and minimum interval.
    ///
    /// ```
    /// let cache = linkedin::resources::identity::JwksCache::new();
    /// assert!(cache.keys().is_none());
    /// ```
    pub fn new() -> Self {
        JwksCache {
            keys: None,
            fetched_at: None,
            last_attempt: None,
            max_age: Self::DEFAULT_MAX_AGE,
            min_interval: Self::DEFAULT_MIN_INTERVAL,
        }
    }

    /// Refetches keys older than `max_age` (at most
    /// [`MAX_MAX_AGE`](Self::MAX_MAX_AGE), and at least the minimum
    /// interval).
    ///
    /// ```
    /// use std::time::Duration;
    /// let cache = linkedin::resources::identity::JwksCache::new().max_age(Duration::from_secs(3600));
    /// # let _ = cache;
    /// ```
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = max_age.min(Self::MAX_MAX_AGE);
        self
    }

    /// Fetches at most once per `interval` on an unknown `kid` or after a
    /// failed fetch (at least one second, at most the maximum age).
    ///
    /// ```
    /// use std::time::Duration;
    /// let cache = linkedin::resources::identity::JwksCache::new().min_interval(Duration::from_secs(300));
    /// # let _ = cache;
    /// ```
    pub fn min_interval(mut self, interval: Duration) -> Self {
        self.min_interval = interval.max(Duration::from_secs(1));
        self
    }

    /// The keys held, if any.
    ///
    /// ```
    /// assert!(linkedin::resources::identity::JwksCache::new().keys().is_none());
    /// ```
    pub fn keys(&self) -> Option<&Jwks> {
        self.keys.as_ref()
    }

    /// Keeps freshly fetched keys, fetched at `now`.
    ///
    /// ```
    /// use linkedin::resources::identity::{Jwks, JwksCache};
    /// let mut cache = JwksCache::new();
    /// cache.store(Jwks::from_slice(br#"{"keys": []}"#)?, std::time::SystemTime::UNIX_EPOCH);
    /// assert!(cache.keys().is_some());
    /// # Ok::<(), linkedin::resources::identity::JwksError>(())
    /// ```
    pub fn store(&mut self, jwks: Jwks, now: SystemTime) {
        self.keys = Some(jwks);
        self.fetched_at = Some(now);
        self.last_attempt = Some(now);
    }

    /// Notes a fetch that failed at `now`: the next one is at most once per
    /// minimum interval; the keys held (if any) stay in use meanwhile.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::resources::identity::{JwksCache, JwksDecision};
    /// let mut cache = JwksCache::new();
    /// cache.fetch_failed(SystemTime::UNIX_EPOCH);
    /// // Nothing to use yet: fetch again, whatever the interval.
    /// assert_eq!(cache.decide(None, SystemTime::UNIX_EPOCH), JwksDecision::FetchFirst);
    /// ```
    pub fn fetch_failed(&mut self, now: SystemTime) {
        self.last_attempt = Some(now);
    }

    /// What to do before verifying a token whose header names `kid` (see
    /// [`IdTokenVerifier::key_id`](super::IdTokenVerifier::key_id)), at `now`.
    ///
    /// ```
    /// use linkedin::resources::identity::{JwksCache, JwksDecision};
    /// assert_eq!(JwksCache::new().decide(None, std::time::SystemTime::UNIX_EPOCH), JwksDecision::FetchFirst);
    /// ```
    pub fn decide(&self, kid: Option<&str>, now: SystemTime) -> JwksDecision {
        let (Some(keys), Some(fetched_at)) = (&self.keys, self.fetched_at) else {
            return JwksDecision::FetchFirst;
        };
        let since = |then: SystemTime| now.duration_since(then).unwrap_or(Duration::ZERO);
        let may_refetch = self
            .last_attempt
            .is_none_or(|attempt| since(attempt) >= self.min_interval);
        if since(fetched_at) >= self.max_age.max(self.min_interval) && may_refetch {
            return JwksDecision::FetchStale;
        }
        if let Some(kid) = kid
            && keys.find(kid).is_none()
            && may_refetch
        {
            return JwksDecision::FetchUnknownKey;
        }
        JwksDecision::Use
    }
}
