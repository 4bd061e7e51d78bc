//! Silent renewal before a call: the stored access token is renewed when
//! the SDK says it needs to be (`TokenSet::needs_refresh` with the SDK's
//! default window, `DEFAULT_REFRESH_AHEAD`), with the stored refresh token
//! (a member token) or client credentials (an application token), and the
//! new token is stored under the credentials file's lock before it is used.
//! This module decides nothing about lifetimes itself.

use std::path::Path;
use std::time::SystemTime;

use linkedin::oauth::{ClientSecret, DEFAULT_REFRESH_AHEAD, TokenSet};

use crate::api::sdk_error;
use crate::auth::{oauth_base, oauth_client};
use crate::error::CliError;
use crate::profile::{Profile, Store};

/// How a profile's token can be renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Renewal {
    /// With the stored refresh token (a member token).
    RefreshToken,
    /// By asking for a new application token (2-legged).
    ClientCredentials,
}

/// The profile, its access token renewed first when it has expired or is
/// about to, and renewal is possible.
///
/// A token that is about to expire but cannot be renewed is still used
/// (with a warning); an expired one that cannot be renewed is an error
/// naming what is missing.
pub fn fresh_profile(dir: &Path, name: &str) -> Result<Profile, CliError> {
    let profile = Store::load(dir)?.profile(name)?.clone();
    let now = SystemTime::now();
    if !profile.tokens.needs_refresh(now, DEFAULT_REFRESH_AHEAD) {
        return Ok(profile);
    }
    let expired = profile.tokens.is_expired(now);
    let unrenewable = |reason: String| {
        if expired {
            Err(CliError::Expired {
                profile: name.to_owned(),
                reason,
            })
        } else {
            eprintln!(
                "linkedin: warning: the access token of profile {name:?} expires soon and cannot be renewed: {reason}"
            );
            Ok(profile.clone())
        }
    };
    let Some(renewal) = renewal(&profile, now) else {
        return unrenewable(
            "there is no usable refresh token; run `linkedin auth login` again".to_owned(),
        );
    };
    let Some(secret) = secret_for(&profile) else {
        return unrenewable(
            "renewing it needs the app's client secret; set LINKEDIN_CLIENT_SECRET (or run `linkedin auth login` again)"
                .to_owned(),
        );
    };
    match renew(dir, name, renewal, secret) {
        Ok(profile) => Ok(profile),
        Err(e) => unrenewable(format!(
            "the renewal failed ({e}); run `linkedin auth login` again"
        )),
    }
}

fn renewal(profile: &Profile, now: SystemTime) -> Option<Renewal> {
    if profile.auth_type == "2L" {
        Some(Renewal::ClientCredentials)
    } else if profile.tokens.can_refresh(now) {
        Some(Renewal::RefreshToken)
    } else {
        None
    }
}

/// `LINKEDIN_CLIENT_SECRET`, never a prompt (a call in a script must not
/// stop to ask); for the sandbox's own default app on a loopback OAuth
/// server, the sandbox's published default secret.
fn secret_for(profile: &Profile) -> Option<ClientSecret> {
    if let Ok(secret) = std::env::var("LINKEDIN_CLIENT_SECRET")
        && !secret.is_empty()
    {
        return Some(ClientSecret::new(secret));
    }
    crate::sandbox_login::default_secret(profile)
}

/// Renews under the lock, re-reading the profile there: another process
/// may have renewed it meanwhile, and then its token is used as it is.
fn renew(
    dir: &Path,
    name: &str,
    renewal: Renewal,
    secret: ClientSecret,
) -> Result<Profile, CliError> {
    Store::update(dir, |store| {
        let stored = store
            .profiles
            .get_mut(name)
            .ok_or_else(|| CliError::NoProfile(name.to_owned()))?;
        let now = SystemTime::now();
        if !stored.tokens.needs_refresh(now, DEFAULT_REFRESH_AHEAD) {
            return Ok(stored.clone());
        }
        let base = oauth_base(stored.oauth_base_url.as_deref())?;
        let client = oauth_client(&stored.client_id, secret, base)?;
        let tokens: TokenSet = match renewal {
            Renewal::RefreshToken => {
                let refresh_token =
                    stored
                        .tokens
                        .refresh_token
                        .clone()
                        .ok_or_else(|| CliError::Expired {
                            profile: name.to_owned(),
                            reason: "there is no refresh token; run `linkedin auth login` again"
                                .to_owned(),
                        })?;
                let refreshed = client.refresh(&refresh_token).map_err(sdk_error)?;
                let mut tokens = stored.tokens.clone();
                tokens.apply_refresh(refreshed);
                tokens
            }
            Renewal::ClientCredentials => client
                .client_credentials()
                .map_err(sdk_error)?
                .into_token_set(),
        };
        stored.tokens = tokens;
        Ok(stored.clone())
    })
}
