//! What the OAuth server remembers: authorization codes, access tokens and
//! refresh tokens, each with its client, scope and expiry on the sandbox
//! clock.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// How long an authorization code can be exchanged (LinkedIn: 30 minutes).
pub(crate) const CODE_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// Who a token was issued to: an application (2-legged) or a member
/// (3-legged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthType {
    TwoLegged,
    ThreeLegged,
}

impl AuthType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AuthType::TwoLegged => "2L",
            AuthType::ThreeLegged => "3L",
        }
    }
}

/// An authorization code waiting to be exchanged.
#[derive(Debug, Clone)]
pub(crate) struct CodeGrant {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) scope: Vec<String>,
    pub(crate) challenge: Option<String>,
    pub(crate) expires_at: SystemTime,
}

/// An issued access token.
#[derive(Debug, Clone)]
pub(crate) struct AccessGrant {
    pub(crate) client_id: String,
    pub(crate) scope: Vec<String>,
    pub(crate) auth_type: AuthType,
    pub(crate) authorized_at: SystemTime,
    pub(crate) created_at: SystemTime,
    /// `None` for the static tokens, which never expire.
    pub(crate) expires_at: Option<SystemTime>,
}

impl AccessGrant {
    pub(crate) fn is_expired(&self, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|at| now >= at)
    }
}

/// An issued refresh token. LinkedIn keeps one refresh token for the life
/// of a member's authorization; refreshing does not extend it.
#[derive(Debug, Clone)]
pub(crate) struct RefreshGrant {
    pub(crate) client_id: String,
    pub(crate) scope: Vec<String>,
    pub(crate) authorized_at: SystemTime,
    pub(crate) expires_at: SystemTime,
}

/// Whether an access token may call the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenCheck {
    Valid,
    Expired,
    Unknown,
}

/// All codes and tokens.
#[derive(Debug, Default)]
pub(crate) struct Grants {
    pub(crate) codes: HashMap<String, CodeGrant>,
    pub(crate) access: HashMap<String, AccessGrant>,
    pub(crate) refresh: HashMap<String, RefreshGrant>,
    issued: u64,
}

impl Grants {
    /// A fresh, unguessable-enough secret: a prefix, a random part and a
    /// counter (so two secrets never collide).
    pub(crate) fn new_secret(&mut self, prefix: &str) -> String {
        self.issued += 1;
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(self.issued);
        let random = hasher.finish();
        format!("{prefix}{random:016x}{:06x}", self.issued)
    }

    pub(crate) fn check(&self, token: &str, now: SystemTime) -> TokenCheck {
        match self.access.get(token) {
            Some(grant) if grant.is_expired(now) => TokenCheck::Expired,
            Some(_) => TokenCheck::Valid,
            None => TokenCheck::Unknown,
        }
    }

    /// Stores a new access token and returns it.
    pub(crate) fn issue_access(&mut self, grant: AccessGrant) -> String {
        let token = self.new_secret("sbx-at-");
        self.access.insert(token.clone(), grant);
        token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_differ_and_tokens_expire() {
        let mut grants = Grants::default();
        assert_ne!(grants.new_secret("x"), grants.new_secret("x"));
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        let token = grants.issue_access(AccessGrant {
            client_id: "c".into(),
            scope: vec![],
            auth_type: AuthType::TwoLegged,
            authorized_at: now,
            created_at: now,
            expires_at: Some(now + Duration::from_secs(10)),
        });
        assert_eq!(grants.check(&token, now), TokenCheck::Valid);
        assert_eq!(
            grants.check(&token, now + Duration::from_secs(10)),
            TokenCheck::Expired
        );
        assert_eq!(grants.check("nope", now), TokenCheck::Unknown);
    }
}
