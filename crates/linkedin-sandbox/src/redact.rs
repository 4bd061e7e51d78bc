//! Taking secrets out of recorded exchanges.
//!
//! Two passes, both over every part of an exchange (request and response
//! headers, the query string, the path, form and JSON bodies):
//!
//! 1. **By name.** Values under a name that carries a secret are replaced by
//!    [`REDACTED`]: the `Authorization`, `Cookie` and `Set-Cookie` headers
//!    (and any header whose name says token, secret, password, session,
//!    signature or api key), the OAuth parameters (`code`, `client_secret`,
//!    `code_verifier`, `access_token`, `refresh_token`, `id_token`, `token`,
//!    LinkedIn's legacy `oauth2_access_token`, ...) in query strings, form
//!    bodies and URLs inside headers (`Location`), and JSON members with those
//!    names in either spelling (`access_token`, `accessToken`). Strings that
//!    are JWTs, or that start with `Bearer `, are replaced wherever they are.
//! 2. **By value.** Every value taken out by name (8 bytes or longer) is
//!    remembered, with the secrets given to the recorder, and replaced
//!    wherever else it shows up, raw or percent-encoded: a token issued in
//!    one answer and echoed in a later body is caught even under an
//!    innocent name.
//!
//! What LinkedIn treats as a secret, and where it travels, follows its OAuth
//! pages: the code in the redirect's query and the `accessToken` form
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>),
//! the `client_credentials` form
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/client-credentials-flow>),
//! the `token` and `client_secret` of `introspectToken`
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/token-introspection>),
//! and the `id_token` of Sign In with LinkedIn using OpenID Connect
//! (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>).
//! The docs do not list every place a client might put a secret, so the
//! rules err on redacting: a non-secret under a secret-looking name (say a
//! `state`-like value named `token`) is redacted too. `state` itself is
//! kept: it is a one-time CSRF value, not a credential.

use std::collections::VecDeque;

use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde_json::Value;

/// What replaces a secret. Plain letters, so it survives every encoding
/// (URL, Rest.li, form, JSON) unchanged.
pub(crate) const REDACTED: &str = "REDACTED";

/// Learned secrets shorter than this are not searched for elsewhere (a
/// short value would garble unrelated text); they are still redacted by
/// name.
pub(crate) const MIN_LEARNED_LEN: usize = 8;

/// How many learned secrets are remembered (oldest forgotten first); the
/// secrets given by the caller are always kept.
pub(crate) const MAX_LEARNED: usize = 256;

/// Query and form parameter names that carry secrets (compared without
/// case, `-` read as `_`).
const SECRET_PARAMS: &[&str] = &[
    "code",
    "access_token",
    "oauth2_access_token",
    "refresh_token",
    "id_token",
    "token",
    "client_secret",
    "code_verifier",
    "client_assertion",
    "assertion",
    "password",
    "subject_token",
    "actor_token",
];

/// JSON member names that carry secrets, lower case without `_` and `-`
/// (`access_token` and `accessToken` both read `accesstoken`). `code` is
/// left out: LinkedIn's error bodies use it for the error's name.
const SECRET_MEMBERS: &[&str] = &[
    "accesstoken",
    "oauth2accesstoken",
    "refreshtoken",
    "idtoken",
    "token",
    "clientsecret",
    "secret",
    "codeverifier",
    "clientassertion",
    "assertion",
    "password",
    "authorization",
    "authorizationcode",
    "cookie",
    "apikey",
    "privatekey",
];

/// Whether a header's value is a secret (the name in lower case, as the
/// `http` crate gives it).
pub(crate) fn secret_header(name: &str) -> bool {
    matches!(
        name,
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie" | "x-li-signature"
    ) || [
        "token",
        "secret",
        "password",
        "session",
        "signature",
        "api-key",
        "apikey",
    ]
    .iter()
    .any(|word| name.contains(word))
}

/// Whether a query or form parameter carries a secret.
pub(crate) fn secret_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace('-', "_");
    SECRET_PARAMS.contains(&name.as_str())
}

/// Whether a JSON member carries a secret.
fn secret_member(name: &str) -> bool {
    let folded: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    SECRET_MEMBERS.contains(&folded.as_str())
}

/// A compact JWS (three base64url parts, the header starting `eyJ`, which is
/// `{"` encoded): an ID token or a signed assertion.
fn looks_like_jwt(text: &str) -> bool {
    let mut parts = text.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let base64url = |part: &str| {
        part.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'=')
    };
    header.starts_with("eyJ")
        && payload.len() >= 2
        && base64url(header)
        && base64url(payload)
        && base64url(signature)
}

/// Strips secrets, remembering those it met so later exchanges lose them
/// too.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    /// Given by the caller: never forgotten.
    given: Vec<String>,
    /// Met while redacting by name.
    learned: VecDeque<String>,
}

/// Only counts: the whole point is not to show the secrets.
impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redactor")
            .field("given", &self.given.len())
            .field("learned", &self.learned.len())
            .finish()
    }
}

impl Redactor {
    /// A redactor that also searches for these values everywhere.
    pub(crate) fn with_secrets(secrets: Vec<String>) -> Self {
        Redactor {
            given: secrets.into_iter().filter(|s| !s.is_empty()).collect(),
            learned: VecDeque::new(),
        }
    }

    /// Remembers a value taken out by name.
    fn learn(&mut self, value: &str) {
        let value = value.trim();
        if value.len() < MIN_LEARNED_LEN
            || value == REDACTED
            || self.given.iter().any(|s| s == value)
            || self.learned.iter().any(|s| s == value)
        {
            return;
        }
        if self.learned.len() >= MAX_LEARNED {
            self.learned.pop_front();
        }
        self.learned.push_back(value.to_owned());
    }

    /// Pass 1 on a header value: the whole value when the name is a secret
    /// one (keeping a `Bearer` / `Basic` scheme, which says how the caller
    /// authenticated), secret parameters of a URL value (`Location`).
    pub(crate) fn header_by_name(&mut self, name: &str, value: &str) -> String {
        if secret_header(name) {
            let (scheme, credentials) = match value.split_once(' ') {
                Some((scheme, rest))
                    if scheme.eq_ignore_ascii_case("bearer")
                        || scheme.eq_ignore_ascii_case("basic") =>
                {
                    (Some(scheme), rest)
                }
                _ => (None, value),
            };
            self.learn(credentials);
            return match scheme {
                Some(scheme) => format!("{scheme} {REDACTED}"),
                None => REDACTED.to_owned(),
            };
        }
        match value.split_once('?') {
            Some((head, query)) if value.contains("://") || value.starts_with('/') => {
                let (query, fragment) = match query.split_once('#') {
                    Some((query, fragment)) => (query, Some(fragment)),
                    None => (query, None),
                };
                let mut out = format!("{head}?{}", self.query_by_name(query));
                if let Some(fragment) = fragment {
                    out.push('#');
                    out.push_str(&self.query_by_name(fragment));
                }
                out
            }
            _ => value.to_owned(),
        }
    }

    /// Pass 1 on a query string (or form body) as written: a secret
    /// parameter's value becomes [`REDACTED`]; every other pair is kept
    /// byte for byte (Rest.li's encoding is not a form encoding, so
    /// re-encoding could change what the server reads).
    pub(crate) fn query_by_name(&mut self, query: &str) -> String {
        let mut out = String::with_capacity(query.len());
        for (i, pair) in query.split('&').enumerate() {
            if i > 0 {
                out.push('&');
            }
            let (raw_name, raw_value) = match pair.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (pair, None),
            };
            let name = decode_component(raw_name);
            match raw_value {
                Some(raw_value) if secret_param(&name) => {
                    self.learn(&decode_component(raw_value));
                    out.push_str(raw_name);
                    out.push('=');
                    out.push_str(REDACTED);
                }
                _ => out.push_str(pair),
            }
        }
        out
    }

    /// Pass 1 on a JSON value, in place.
    pub(crate) fn json_by_name(&mut self, value: &mut Value) {
        match value {
            Value::Object(members) => {
                for (name, member) in members.iter_mut() {
                    if secret_member(name) && !member.is_null() {
                        self.learn_json(member);
                        *member = Value::String(REDACTED.to_owned());
                    } else {
                        self.json_by_name(member);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.json_by_name(item)),
            Value::String(text) => {
                if looks_like_jwt(text) {
                    self.learn(text);
                    *text = REDACTED.to_owned();
                } else if let Some(token) = text.strip_prefix("Bearer ") {
                    self.learn(token);
                    *text = format!("Bearer {REDACTED}");
                }
            }
            _ => {}
        }
    }

    fn learn_json(&mut self, value: &Value) {
        match value {
            Value::String(text) => self.learn(text),
            Value::Array(items) => items.iter().for_each(|item| self.learn_json(item)),
            Value::Object(members) => members.values().for_each(|item| self.learn_json(item)),
            _ => {}
        }
    }

    /// Pass 2 on any text: every known secret, raw, percent-encoded or
    /// form-encoded, becomes [`REDACTED`]; JWTs inside the text too.
    pub(crate) fn text_by_value(&self, text: &str) -> String {
        let mut out = text.to_owned();
        // Longest first, so a secret that starts another cannot leave the
        // longer one's tail behind.
        let mut secrets: Vec<&String> = self.given.iter().chain(self.learned.iter()).collect();
        secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
        for secret in secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
            for encoded in [
                utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string(),
                url::form_urlencoded::byte_serialize(secret.as_bytes()).collect(),
            ] {
                if encoded != *secret && out.contains(encoded.as_str()) {
                    out = out.replace(encoded.as_str(), REDACTED);
                }
            }
        }
        if out.contains("eyJ") {
            out = redact_embedded_jwts(&out);
        }
        out
    }

    /// Pass 2 on a JSON value, in place (strings only: member names are
    /// part of the shape, never secrets).
    pub(crate) fn json_by_value(&self, value: &mut Value) {
        match value {
            Value::Object(members) => members
                .values_mut()
                .for_each(|member| self.json_by_value(member)),
            Value::Array(items) => items.iter_mut().for_each(|item| self.json_by_value(item)),
            Value::String(text) => {
                let redacted = self.text_by_value(text);
                if redacted != *text {
                    *text = redacted;
                }
            }
            _ => {}
        }
    }
}

/// A URL component, percent-decoded (`+` read as a space, as forms write
/// it); invalid UTF-8 replaced.
fn decode_component(raw: &str) -> String {
    let spaced = raw.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// Replaces every JWT-looking run of characters inside `text`.
fn redact_embedded_jwts(text: &str) -> String {
    let is_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("eyJ") {
        let (before, candidate) = rest.split_at(start);
        out.push_str(before);
        let end = candidate
            .find(|c: char| !is_part(c))
            .unwrap_or(candidate.len());
        let (run, after) = candidate.split_at(end);
        if looks_like_jwt(run) {
            out.push_str(REDACTED);
        } else {
            out.push_str(run);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn headers_by_name_keep_the_scheme() {
        let mut redactor = Redactor::default();
        assert_eq!(
            redactor.header_by_name("authorization", "Bearer abcdefgh1234"),
            "Bearer REDACTED"
        );
        assert_eq!(
            redactor.header_by_name("cookie", "li_at=secretcookie"),
            "REDACTED"
        );
        assert_eq!(redactor.header_by_name("x-api-token", "t"), "REDACTED");
        assert_eq!(
            redactor.header_by_name(
                "location",
                "https://app.example/cb?code=abcdefgh99&state=s1"
            ),
            "https://app.example/cb?code=REDACTED&state=s1"
        );
        assert_eq!(
            redactor.header_by_name("content-type", "application/json"),
            "application/json"
        );
        assert_eq!(redactor.text_by_value("x abcdefgh1234 y"), "x REDACTED y");
    }

    #[test]
    fn query_pairs_are_kept_byte_for_byte_except_secrets() {
        let mut redactor = Redactor::default();
        assert_eq!(
            redactor.query_by_name(
                "q=search&oauth2_access_token=tok%2Fen123&search=(a:List(b))&CODE=c"
            ),
            "q=search&oauth2_access_token=REDACTED&search=(a:List(b))&CODE=REDACTED"
        );
        // Learned decoded; found again percent-encoded.
        assert_eq!(redactor.text_by_value("t=tok%2Fen123"), "t=REDACTED");
        assert_eq!(redactor.text_by_value("tok/en123"), "REDACTED");
        // Paging cursors are not secrets.
        assert_eq!(redactor.query_by_name("pageToken=abc"), "pageToken=abc");
    }

    #[test]
    fn json_members_in_both_spellings_and_jwts() {
        let mut redactor = Redactor::default();
        let mut value = json!({
            "access_token": "AQX-token-1",
            "refreshToken": "AQX-token-2",
            "code": "INVALID_ACCESS_TOKEN",
            "nested": [{"client_secret": {"value": "deep-secret-3"}}],
            "idTokenLike": "eyJhbGciOi.eyJzdWIiOi.c2ln",
            "header": "Bearer AQX-token-4"
        });
        redactor.json_by_name(&mut value);
        assert_eq!(
            value,
            json!({
                "access_token": "REDACTED",
                "refreshToken": "REDACTED",
                "code": "INVALID_ACCESS_TOKEN",
                "nested": [{"client_secret": "REDACTED"}],
                "idTokenLike": "REDACTED",
                "header": "Bearer REDACTED"
            })
        );
        let mut echoed = json!({"note": "copied AQX-token-1 and deep-secret-3"});
        redactor.json_by_value(&mut echoed);
        assert_eq!(echoed, json!({"note": "copied REDACTED and REDACTED"}));
    }

    #[test]
    fn learning_is_bounded_and_skips_short_values() {
        let mut redactor = Redactor::default();
        redactor.query_by_name("code=short");
        assert_eq!(redactor.text_by_value("short"), "short");
        for i in 0..(MAX_LEARNED + 10) {
            redactor.query_by_name(&format!("code=secret-number-{i}"));
        }
        assert_eq!(redactor.learned.len(), MAX_LEARNED);
        assert_eq!(
            redactor.text_by_value(&format!("secret-number-{}", MAX_LEARNED + 9)),
            "REDACTED"
        );
        assert!(!format!("{redactor:?}").contains("secret-number"));
    }

    #[test]
    fn embedded_jwts_are_found() {
        let redactor = Redactor::default();
        assert_eq!(
            redactor.text_by_value("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig_ok, eyJnot"),
            "token REDACTED, eyJnot"
        );
    }

    proptest! {
        /// A given secret never survives pass 2, wherever it sits in the text.
        #[test]
        fn given_secrets_never_survive(
            secret in "[A-Za-z0-9/+=_.-]{8,40}",
            before in "[ -~]{0,40}",
            after in "[ -~]{0,40}",
        ) {
            let redactor = Redactor::with_secrets(vec![secret.clone()]);
            let text = format!("{before}{secret}{after}");
            let out = redactor.text_by_value(&text);
            prop_assert!(!out.contains(&secret), "{out}");
        }

        /// Pass 1 is idempotent: redacting a redacted query changes nothing
        /// (replay relies on it to compare recorded and live requests).
        #[test]
        fn query_redaction_is_idempotent(query in "[a-z_=&%0-9A-F()]{0,60}") {
            let mut redactor = Redactor::default();
            let once = redactor.query_by_name(&query);
            let mut fresh = Redactor::default();
            prop_assert_eq!(fresh.query_by_name(&once), once);
        }
    }
}
