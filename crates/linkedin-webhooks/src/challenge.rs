//! Endpoint validation: answering LinkedIn's `GET ?challengeCode=...`.
//!
//! Before it sends notifications, and again every 2 hours, LinkedIn calls the
//! webhook URL with `GET <url>?challengeCode=<uuid>` (plus `applicationId`
//! for parent/child applications) and expects, within 3 seconds, a `200`
//! JSON answer `{"challengeCode": "<same>", "challengeResponse": "<hex HMAC>"}`.
//! Three failed re-validations in a row block the endpoint.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

use crate::ClientSecret;
use crate::signature::{challenge_matches, challenge_response};

const CHALLENGE_CODE: &str = "challengeCode";
const APPLICATION_ID: &str = "applicationId";

/// A validation request from LinkedIn: the challenge code and, for
/// parent/child applications, the id of the application whose client secret
/// must answer it.
///
/// Most receivers call [`validation_response`] directly. Parse a
/// `Challenge` first when the secret depends on
/// [`application_id`](Challenge::application_id).
///
/// ```
/// use linkedin_webhooks::{Challenge, ClientSecret};
///
/// let challenge = Challenge::from_query("challengeCode=890e4665-4dfe&applicationId=42")?;
/// assert_eq!(challenge.code(), "890e4665-4dfe");
/// assert_eq!(challenge.application_id(), Some("42"));
/// let secret = match challenge.application_id() {
///     Some("42") => ClientSecret::new("child-secret"),
///     _ => ClientSecret::new("parent-secret"),
/// };
/// let response = challenge.response(&secret)?;
/// assert_eq!(response.status(), 200);
/// # Ok::<(), linkedin_webhooks::ChallengeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    code: String,
    application_id: Option<String>,
}

impl Challenge {
    /// Reads the challenge from an incoming request: it must be a `GET` whose
    /// query string has exactly one non-empty `challengeCode`.
    ///
    /// ```
    /// use linkedin_webhooks::{Challenge, ChallengeError};
    ///
    /// let request = http::Request::get("https://hooks.example/linkedin?challengeCode=abc").body(())?;
    /// assert_eq!(Challenge::from_request(&request)?.code(), "abc");
    ///
    /// let request = http::Request::post("https://hooks.example/linkedin?challengeCode=abc").body(())?;
    /// assert!(matches!(Challenge::from_request(&request), Err(ChallengeError::NotGet { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_request<B>(request: &http::Request<B>) -> Result<Self, ChallengeError> {
        if request.method() != http::Method::GET {
            return Err(ChallengeError::NotGet {
                method: request.method().clone(),
            });
        }
        Self::from_query(request.uri().query().unwrap_or(""))
    }

    /// Reads the challenge from a raw query string (without the leading `?`),
    /// for frameworks that hand you the query rather than an `http::Request`.
    /// Values are percent-decoded (`+` is a space).
    ///
    /// ```
    /// use linkedin_webhooks::{Challenge, ChallengeError};
    ///
    /// assert_eq!(Challenge::from_query("challengeCode=a%2Db")?.code(), "a-b");
    /// assert_eq!(Challenge::from_query("x=1"), Err(ChallengeError::MissingChallengeCode));
    /// assert_eq!(
    ///     Challenge::from_query("challengeCode=a&challengeCode=a"),
    ///     Err(ChallengeError::DuplicateParameter { name: "challengeCode" }),
    /// );
    /// # Ok::<(), ChallengeError>(())
    /// ```
    pub fn from_query(query: &str) -> Result<Self, ChallengeError> {
        let mut code = None;
        let mut application_id = None;
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(raw_name).unwrap_or(Cow::Borrowed(""));
            let (slot, name) = match name.as_ref() {
                CHALLENGE_CODE => (&mut code, CHALLENGE_CODE),
                APPLICATION_ID => (&mut application_id, APPLICATION_ID),
                _ => continue,
            };
            if slot.is_some() {
                return Err(ChallengeError::DuplicateParameter { name });
            }
            let value = decode(raw_value).ok_or(ChallengeError::InvalidEncoding { name })?;
            if value.is_empty() {
                return Err(ChallengeError::EmptyParameter { name });
            }
            *slot = Some(value.into_owned());
        }
        Ok(Self {
            code: code.ok_or(ChallengeError::MissingChallengeCode)?,
            application_id,
        })
    }

    /// The challenge code, echoed back in the answer.
    ///
    /// ```
    /// use linkedin_webhooks::Challenge;
    ///
    /// assert_eq!(Challenge::from_query("challengeCode=abc")?.code(), "abc");
    /// # Ok::<(), linkedin_webhooks::ChallengeError>(())
    /// ```
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The `applicationId` parameter, sent only to parent/child applications
    /// (such as Apply Connect): answer with that application's client secret.
    ///
    /// ```
    /// use linkedin_webhooks::Challenge;
    ///
    /// assert_eq!(Challenge::from_query("challengeCode=abc")?.application_id(), None);
    /// # Ok::<(), linkedin_webhooks::ChallengeError>(())
    /// ```
    pub fn application_id(&self) -> Option<&str> {
        self.application_id.as_deref()
    }

    /// The answer LinkedIn expects: `200 OK`, `Content-Type: application/json`,
    /// body `{"challengeCode":"<code>","challengeResponse":"<hex HMAC>"}`.
    ///
    /// # Errors
    ///
    /// [`ChallengeError::EmptySecret`] if the secret is empty.
    ///
    /// ```
    /// use linkedin_webhooks::{challenge_response, Challenge, ChallengeResponse, ClientSecret};
    ///
    /// let secret = ClientSecret::new("s3cr3t");
    /// let response = Challenge::from_query("challengeCode=abc")?.response(&secret)?;
    /// assert_eq!(response.status(), http::StatusCode::OK);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// let body: ChallengeResponse = serde_json::from_slice(response.body())?;
    /// assert_eq!(body.challenge_code, "abc");
    /// assert_eq!(body.challenge_response, challenge_response(&secret, "abc")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn response(
        &self,
        secret: &ClientSecret,
    ) -> Result<http::Response<Vec<u8>>, ChallengeError> {
        Ok(ChallengeResponse::new(secret, &self.code)?.into_response())
    }
}

/// Builds the answer to a validation request: the whole `GET` handler of a
/// webhook receiver.
///
/// Returns `200 OK` with the JSON LinkedIn expects, or a [`ChallengeError`]
/// (answer it with [`ChallengeError::status_code`]). For parent/child
/// applications that need to pick the secret by `applicationId`, use
/// [`Challenge`].
///
/// ```
/// use linkedin_webhooks::{validation_response, ClientSecret};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let request = http::Request::get(
///     "https://hooks.example/linkedin?challengeCode=890e4665-4dfe-4ab1-b689-ed553bceeed0",
/// )
/// .body(())?;
/// let response = validation_response(&secret, &request)?;
/// assert_eq!(response.status(), 200);
/// assert_eq!(
///     response.body(),
///     br#"{"challengeCode":"890e4665-4dfe-4ab1-b689-ed553bceeed0","challengeResponse":"63c7a919bedbaacb240b7f164b53ceec3659f89f076bdd25f84469154bedb6e8"}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validation_response<B>(
    secret: &ClientSecret,
    request: &http::Request<B>,
) -> Result<http::Response<Vec<u8>>, ChallengeError> {
    Challenge::from_request(request)?.response(secret)
}

/// The JSON body of a validation answer.
///
/// Receivers get it ready-made from [`Challenge::response`]; a sender (a test,
/// or a local sandbox playing LinkedIn) parses a receiver's answer into it and
/// calls [`verify`](ChallengeResponse::verify).
///
/// ```
/// use linkedin_webhooks::{ChallengeResponse, ClientSecret};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let answer: ChallengeResponse = serde_json::from_str(
///     r#"{"challengeCode":"abc","challengeResponse":"5c4cbf4c0b4a1d9f"}"#,
/// )?;
/// assert!(!answer.verify(&secret, "abc"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeResponse {
    /// The challenge code LinkedIn sent (`challengeCode`).
    #[serde(rename = "challengeCode")]
    pub challenge_code: String,
    /// Lowercase hex HMAC-SHA256 of the code keyed with the client secret (`challengeResponse`).
    #[serde(rename = "challengeResponse")]
    pub challenge_response: String,
}

impl ChallengeResponse {
    /// Computes the answer to `challenge_code`.
    ///
    /// # Errors
    ///
    /// [`ChallengeError::EmptySecret`] if the secret is empty.
    ///
    /// ```
    /// use linkedin_webhooks::{ChallengeResponse, ClientSecret};
    ///
    /// let secret = ClientSecret::new("s3cr3t");
    /// let answer = ChallengeResponse::new(&secret, "abc")?;
    /// assert_eq!(answer.challenge_code, "abc");
    /// assert!(answer.verify(&secret, "abc"));
    /// # Ok::<(), linkedin_webhooks::ChallengeError>(())
    /// ```
    pub fn new(secret: &ClientSecret, challenge_code: &str) -> Result<Self, ChallengeError> {
        Ok(Self {
            challenge_code: challenge_code.to_owned(),
            challenge_response: challenge_response(secret, challenge_code)?,
        })
    }

    /// Whether this answer is right for `challenge_code`: the code is echoed
    /// and the response is its HMAC (compared in constant time; hex in any
    /// letter case). Never true for an empty secret (no answer can prove
    /// knowledge of nothing); check the secret where you load it.
    ///
    /// ```
    /// use linkedin_webhooks::{ChallengeResponse, ClientSecret};
    ///
    /// let secret = ClientSecret::new("s3cr3t");
    /// let answer = ChallengeResponse::new(&secret, "abc")?;
    /// assert!(answer.verify(&secret, "abc"));
    /// assert!(!answer.verify(&secret, "abd"));
    /// assert!(!answer.verify(&ClientSecret::new("other"), "abc"));
    /// # Ok::<(), linkedin_webhooks::ChallengeError>(())
    /// ```
    pub fn verify(&self, secret: &ClientSecret, challenge_code: &str) -> bool {
        self.challenge_code == challenge_code
            && challenge_matches(secret, challenge_code, &self.challenge_response)
    }

    /// The HTTP answer carrying this body: `200 OK`, `Content-Type: application/json`.
    ///
    /// ```
    /// use linkedin_webhooks::{ChallengeResponse, ClientSecret};
    ///
    /// let response = ChallengeResponse::new(&ClientSecret::new("s3cr3t"), "abc")?.into_response();
    /// assert_eq!(response.status(), 200);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// # Ok::<(), linkedin_webhooks::ChallengeError>(())
    /// ```
    pub fn into_response(self) -> http::Response<Vec<u8>> {
        // `Value`'s `Display` cannot fail, unlike `serde_json::to_vec`.
        let body = serde_json::json!({
            CHALLENGE_CODE: self.challenge_code,
            "challengeResponse": self.challenge_response,
        })
        .to_string()
        .into_bytes();
        let mut response = http::Response::new(body);
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        response
    }
}

/// Percent-decodes a query component (`+` is a space); `None` if the bytes
/// are not UTF-8.
fn decode(component: &str) -> Option<Cow<'_, str>> {
    if component.contains('+') {
        let spaced = component.replace('+', " ");
        let decoded = percent_decode_str(&spaced).decode_utf8().ok()?;
        return Some(Cow::Owned(decoded.into_owned()));
    }
    percent_decode_str(component).decode_utf8().ok()
}

/// Why a validation request could not be answered.
///
/// ```
/// use linkedin_webhooks::{validation_response, ChallengeError, ClientSecret};
///
/// let request = http::Request::get("https://hooks.example/linkedin").body(())?;
/// let err = validation_response(&ClientSecret::new("s3cr3t"), &request).unwrap_err();
/// assert_eq!(err, ChallengeError::MissingChallengeCode);
/// assert_eq!(err.status_code(), http::StatusCode::BAD_REQUEST);
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChallengeError {
    /// The request is not a `GET` (notifications are `POST`s: verify those instead).
    #[error(
        "webhook validation requests are GET, got {method}; handle POST requests as notifications"
    )]
    NotGet {
        /// The request's method.
        method: http::Method,
    },
    /// The query string has no `challengeCode` parameter.
    #[error(
        "the query string has no `challengeCode` parameter; LinkedIn validates with GET <url>?challengeCode=<uuid>"
    )]
    MissingChallengeCode,
    /// A parameter this crate reads is present but empty.
    #[error("the `{name}` query parameter is empty")]
    EmptyParameter {
        /// The parameter's name.
        name: &'static str,
    },
    /// A parameter this crate reads appears more than once.
    #[error("the `{name}` query parameter appears more than once; exactly one is expected")]
    DuplicateParameter {
        /// The parameter's name.
        name: &'static str,
    },
    /// A parameter this crate reads does not percent-decode to UTF-8.
    #[error("the `{name}` query parameter does not percent-decode to UTF-8 text")]
    InvalidEncoding {
        /// The parameter's name.
        name: &'static str,
    },
    /// The client secret is empty: anyone could compute an HMAC keyed with
    /// nothing, so no challenge is answered with it.
    #[error(
        "the webhook client secret is empty; load the application's client secret (developer portal, Auth tab) into ClientSecret"
    )]
    EmptySecret,
}

impl ChallengeError {
    /// The status a receiver should answer with: `405 Method Not Allowed` for
    /// [`NotGet`](ChallengeError::NotGet), `500 Internal Server Error` for
    /// [`EmptySecret`](ChallengeError::EmptySecret) (the receiver's
    /// configuration is at fault), `400 Bad Request` otherwise.
    ///
    /// ```
    /// use linkedin_webhooks::ChallengeError;
    ///
    /// let err = ChallengeError::NotGet { method: http::Method::PUT };
    /// assert_eq!(err.status_code(), http::StatusCode::METHOD_NOT_ALLOWED);
    /// ```
    pub fn status_code(&self) -> http::StatusCode {
        match self {
            Self::NotGet { .. } => http::StatusCode::METHOD_NOT_ALLOWED,
            Self::EmptySecret => http::StatusCode::INTERNAL_SERVER_ERROR,
            _ => http::StatusCode::BAD_REQUEST,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode("a%20b+c").as_deref(), Some("a b c"));
        assert_eq!(decode("plain").as_deref(), Some("plain"));
        assert!(matches!(decode("plain"), Some(Cow::Borrowed(_))));
        assert_eq!(decode("%ff"), None);
        // Malformed escapes are kept literally.
        assert_eq!(decode("%zz%4").as_deref(), Some("%zz%4"));
    }

    #[test]
    fn query_forms() {
        let c = Challenge::from_query("&a=1&challenge%43ode=x+y&&applicationId=7").unwrap();
        assert_eq!(c.code(), "x y");
        assert_eq!(c.application_id(), Some("7"));
        assert_eq!(
            Challenge::from_query("challengeCode"),
            Err(ChallengeError::EmptyParameter {
                name: "challengeCode"
            })
        );
        assert_eq!(
            Challenge::from_query("challengeCode=%C3%28"),
            Err(ChallengeError::InvalidEncoding {
                name: "challengeCode"
            })
        );
        assert_eq!(
            Challenge::from_query("challengeCode=a&applicationId=1&applicationId=2"),
            Err(ChallengeError::DuplicateParameter {
                name: "applicationId"
            })
        );
        // Parameter names are case-sensitive, as LinkedIn sends them.
        assert_eq!(
            Challenge::from_query("challengecode=a"),
            Err(ChallengeError::MissingChallengeCode)
        );
    }

    #[test]
    fn response_escapes_json() {
        let secret = ClientSecret::new("k");
        let response = Challenge::from_query("challengeCode=%22%5C%0A")
            .unwrap()
            .response(&secret)
            .unwrap();
        let body: ChallengeResponse = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body.challenge_code, "\"\\\n");
        assert!(body.verify(&secret, "\"\\\n"));
    }
}
