//! What the OAuth server remembers: authorization codes, access tokens and
//! refresh tokens, each with its client, scope and expiry on the sandbox
//! clock.
//!
//! Nothing lives longer than LinkedIn lets it: codes go 30 minutes after
//! they were issued, refresh tokens at their expiry, access tokens at
//! theirs ([`Grants::purge`], run whenever something is due). So that an
//! expired access token still answers "expired" (in 401 messages and
//! introspection, as LinkedIn's do) rather than "unknown", the last
//! [`REMEMBERED_EXPIRED`] expired access grants are kept, and no more.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// How long an authorization code can be exchanged: LinkedIn's codes expire
/// after 30 minutes
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>).
pub(crate) const CODE_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// How many expired access grants are remembered after their purge.
pub(crate) const REMEMBERED_EXPIRED: usize = 1024;

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
    /// The OpenID Connect `nonce` of the authorization request, echoed in
    /// the id_token.
    pub(crate) nonce: Option<String>,
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
    Revoked,
    Unknown,
}

/// All codes and tokens.
#[derive(Debug, Default)]
pub(crate) struct Grants {
    codes: HashMap<String, CodeGrant>,
    access: HashMap<String, AccessGrant>,
    refresh: HashMap<String, RefreshGrant>,
    /// Expired access grants, oldest first, at most [`REMEMBERED_EXPIRED`].
    expired: VecDeque<(String, AccessGrant)>,
    /// Revoked access grants, oldest first, at most [`REMEMBERED_EXPIRED`].
    revoked: VecDeque<(String, AccessGrant)>,
    /// The earliest expiry of anything stored: nothing to purge before it.
    next_expiry: Option<SystemTime>,
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
        if self.revoked.iter().any(|(t, _)| t == token) {
            return TokenCheck::Revoked;
        }
        match self.access_grant(token) {
            Some(grant) if grant.is_expired(now) => TokenCheck::Expired,
            Some(_) => TokenCheck::Valid,
            None => TokenCheck::Unknown,
        }
    }

    /// What is known of an access token: live, or expired and remembered.
    pub(crate) fn access_grant(&self, token: &str) -> Option<&AccessGrant> {
        self.access.get(token).or_else(|| {
            self.expired
                .iter()
                .rev()
                .find(|(t, _)| t == token)
                .map(|(_, grant)| grant)
        })
    }

    /// Revokes a live or expired access token; `false` if it is unknown or
    /// already revoked. The revoked grant is remembered (boundedly) so the
    /// API can answer "revoked" rather than "invalid".
    pub(crate) fn revoke(&mut self, token: &str) -> bool {
        let grant = match self.access.remove(token) {
            Some(grant) => grant,
            None => match self.expired.iter().position(|(t, _)| t == token) {
                Some(at) => match self.expired.remove(at) {
                    Some((_, grant)) => grant,
                    None => return false,
                },
                None => return false,
            },
        };
        self.revoked.push_back((token.to_owned(), grant));
        while self.revoked.len() > REMEMBERED_EXPIRED {
            self.revoked.pop_front();
        }
        true
    }

    /// A revoked access token's grant, if remembered.
    pub(crate) fn revoked_grant(&self, token: &str) -> Option<&AccessGrant> {
        self.revoked
            .iter()
            .rev()
            .find(|(t, _)| t == token)
            .map(|(_, grant)| grant)
    }

    /// Stores a token that never expires (the static tokens).
    pub(crate) fn insert_static(&mut self, token: String, grant: AccessGrant) {
        self.access.insert(token, grant);
    }

    /// Stores a new access token and returns it.
    pub(crate) fn issue_access(&mut self, grant: AccessGrant, now: SystemTime) -> String {
        self.purge(now);
        self.due(grant.expires_at);
        let token = self.new_secret("sbx-at-");
        self.access.insert(token.clone(), grant);
        token
    }

    /// Stores a new authorization code.
    pub(crate) fn insert_code(&mut self, code: String, grant: CodeGrant, now: SystemTime) {
        self.purge(now);
        self.due(Some(grant.expires_at));
        self.codes.insert(code, grant);
    }

    /// Takes a code out (codes are single-use).
    pub(crate) fn take_code(&mut self, code: &str) -> Option<CodeGrant> {
        self.codes.remove(code)
    }

    /// Stores a new refresh token.
    pub(crate) fn insert_refresh(&mut self, token: String, grant: RefreshGrant, now: SystemTime) {
        self.purge(now);
        self.due(Some(grant.expires_at));
        self.refresh.insert(token, grant);
    }

    /// A refresh token's grant.
    pub(crate) fn refresh_grant(&self, token: &str) -> Option<&RefreshGrant> {
        self.refresh.get(token)
    }

    fn due(&mut self, expiry: Option<SystemTime>) {
        if let Some(at) = expiry {
            self.next_expiry = Some(self.next_expiry.map_or(at, |next| next.min(at)));
        }
    }

    /// Drops every code and refresh token past its expiry and moves expired
    /// access tokens to the bounded memory of expired ones. Cheap when
    /// nothing is due.
    pub(crate) fn purge(&mut self, now: SystemTime) {
        if self.next_expiry.is_none_or(|next| now < next) {
            return;
        }
        self.codes.retain(|_, grant| now < grant.expires_at);
        self.refresh.retain(|_, grant| now < grant.expires_at);
        let expired: Vec<String> = self
            .access
            .iter()
            .filter(|(_, grant)| grant.is_expired(now))
            .map(|(token, _)| token.clone())
            .collect();
        for token in expired {
            if let Some(grant) = self.access.remove(&token) {
                self.expired.push_back((token, grant));
            }
        }
        while self.expired.len() > REMEMBERED_EXPIRED {
            self.expired.pop_front();
        }
        let codes = self.codes.values().map(|g| g.expires_at);
        let refresh = self.refresh.values().map(|g| g.expires_at);
        let access = self.access.values().filter_map(|g| g.expires_at);
        self.next_expiry = codes.chain(refresh).chain(access).min();
    }

    /// How many codes, access tokens and refresh tokens are stored.
    #[cfg(test)]
    fn sizes(&self) -> (usize, usize, usize) {
        (self.codes.len(), self.access.len(), self.refresh.len())
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
        let token = grants.issue_access(
            AccessGrant {
                client_id: "c".into(),
                scope: vec![],
                auth_type: AuthType::TwoLegged,
                authorized_at: now,
                created_at: now,
                expires_at: Some(now + Duration::from_secs(10)),
            },
            now,
        );
        assert_eq!(grants.check(&token, now), TokenCheck::Valid);
        assert_eq!(
            grants.check(&token, now + Duration::from_secs(10)),
            TokenCheck::Expired
        );
        assert_eq!(grants.check("nope", now), TokenCheck::Unknown);
    }

    fn access(now: SystemTime, lifetime: u64) -> AccessGrant {
        AccessGrant {
            client_id: "c".into(),
            scope: vec![],
            auth_type: AuthType::ThreeLegged,
            authorized_at: now,
            created_at: now,
            expires_at: Some(now + Duration::from_secs(lifetime)),
        }
    }

    fn code(now: SystemTime) -> CodeGrant {
        CodeGrant {
            client_id: "c".into(),
            redirect_uri: "http://127.0.0.1:1/callback".into(),
            scope: vec![],
            challenge: None,
            nonce: None,
            expires_at: now + CODE_LIFETIME,
        }
    }

    #[test]
    fn codes_and_tokens_are_purged_at_expiry() {
        let mut grants = Grants::default();
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        grants.insert_code("code".into(), code(t0), t0);
        let token = grants.issue_access(access(t0, 3600), t0);
        grants.insert_refresh(
            "rt".into(),
            RefreshGrant {
                client_id: "c".into(),
                scope: vec![],
                authorized_at: t0,
                expires_at: t0 + Duration::from_secs(7200),
            },
            t0,
        );
        grants.insert_static(
            "static".into(),
            AccessGrant {
                expires_at: None,
                ..access(t0, 0)
            },
        );
        assert_eq!(grants.sizes(), (1, 2, 1));

        // 30 minutes on, the code is gone.
        grants.purge(t0 + CODE_LIFETIME);
        assert_eq!(grants.sizes(), (0, 2, 1));
        // At its expiry the access token goes, but is remembered as expired.
        grants.purge(t0 + Duration::from_secs(3600));
        assert_eq!(grants.sizes(), (0, 1, 1));
        assert_eq!(
            grants.check(&token, t0 + Duration::from_secs(3600)),
            TokenCheck::Expired
        );
        grants.purge(t0 + Duration::from_secs(7200));
        assert_eq!(grants.sizes(), (0, 1, 0));
        // Static tokens never expire.
        assert_eq!(
            grants.check("static", t0 + Duration::from_secs(1 << 40)),
            TokenCheck::Valid
        );
    }

    #[test]
    fn the_memory_of_expired_tokens_is_bounded() {
        let mut grants = Grants::default();
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let first = grants.issue_access(access(t0, 1), t0);
        for i in 0..REMEMBERED_EXPIRED as u64 + 10 {
            grants.issue_access(access(t0, 1), t0 + Duration::from_secs(i));
        }
        grants.purge(t0 + Duration::from_secs(1 << 20));
        assert_eq!(grants.sizes(), (0, 0, 0));
        assert_eq!(grants.expired.len(), REMEMBERED_EXPIRED);
        // The oldest are forgotten: unknown now, as LinkedIn's long-gone tokens.
        assert_eq!(
            grants.check(&first, t0 + Duration::from_secs(1 << 20)),
            TokenCheck::Unknown
        );
    }

    proptest::proptest! {
        /// Whatever is issued when, after a purge at `now` nothing expired
        /// is stored and everything unexpired still is.
        #[test]
        fn purge_keeps_exactly_the_unexpired(
            lifetimes in proptest::collection::vec(1u64..10_000, 0..40),
            at in 0u64..20_000,
        ) {
            let mut grants = Grants::default();
            let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
            let tokens: Vec<(String, u64)> = lifetimes
                .iter()
                .map(|&l| (grants.issue_access(access(t0, l), t0), l))
                .collect();
            let now = t0 + Duration::from_secs(at);
            grants.purge(now);
            for (token, lifetime) in &tokens {
                let live = *lifetime > at;
                proptest::prop_assert_eq!(grants.access.contains_key(token), live);
                let expected = if live { TokenCheck::Valid } else { TokenCheck::Expired };
                proptest::prop_assert_eq!(grants.check(token, now), expected);
            }
        }
    }

    proptest::proptest! {
        /// Whatever order tokens are issued, revoked and expired in, a
        /// revoked token answers Revoked (until the bounded memory forgets
        /// it), others Valid or Expired as their time says, never-issued
        /// ones Unknown, and revoking twice is refused.
        #[test]
        fn revocation_is_remembered(ops in proptest::collection::vec((0u8..3, 0usize..6), 0..40)) {
            let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
            let mut grants = Grants::default();
            let tokens: Vec<String> = (0..6).map(|_| grants.issue_access(access(now, 100), now)).collect();
            let mut revoked = [false; 6];
            let mut later = now;
            for (op, i) in ops {
                match op {
                    0 => {
                        let done = grants.revoke(&tokens[i]);
                        proptest::prop_assert_eq!(done, !revoked[i]);
                        revoked[i] = true;
                    }
                    1 => {
                        later += Duration::from_secs(60);
                        grants.purge(later);
                    }
                    _ => {}
                }
                for (j, token) in tokens.iter().enumerate() {
                    let expected = if revoked[j] {
                        TokenCheck::Revoked
                    } else if later >= now + Duration::from_secs(100) {
                        TokenCheck::Expired
                    } else {
                        TokenCheck::Valid
                    };
                    proptest::prop_assert_eq!(grants.check(token, later), expected);
                }
                proptest::prop_assert_eq!(grants.check("never-issued", later), TokenCheck::Unknown);
            }
        }
    }
}
