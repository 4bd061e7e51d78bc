//! `linkedin auth ...`: log in, inspect, refresh, print and forget tokens.

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, SystemTime};

use linkedin::oauth::{BaseUrl, ClientId, ClientSecret, OAuthConfig, TokenSet};

use crate::api::sdk_error;
use crate::cli::{AuthCommand, LoginArgs, SecretArgs};
use crate::error::CliError;
use crate::login;
use crate::output;
use crate::profile::{Profile, Store};
use crate::sdk;

/// Runs `linkedin auth ...`.
pub fn run(command: AuthCommand, dir: &Path, profile: &str) -> Result<(), CliError> {
    match command {
        AuthCommand::Login(args) => login(&args, dir, profile),
        AuthCommand::Status(args) => status(&args, dir, profile),
        AuthCommand::Refresh(args) => refresh(&args, dir, profile),
        AuthCommand::Token => token(dir, profile),
        AuthCommand::Logout => logout(dir, profile),
    }
}

/// The client secret from `LINKEDIN_CLIENT_SECRET`, or typed at a prompt
/// (never an argument, so it stays out of shell history and `ps`).
pub fn client_secret() -> Result<ClientSecret, CliError> {
    if let Ok(secret) = std::env::var("LINKEDIN_CLIENT_SECRET") {
        if !secret.is_empty() {
            return Ok(ClientSecret::new(secret));
        }
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::usage(
            "no client secret",
            "set LINKEDIN_CLIENT_SECRET (there is no terminal to ask for it)",
        ));
    }
    let secret =
        rpassword::prompt_password("LinkedIn client secret: ").map_err(|source| CliError::Io {
            action: "read",
            path: "the terminal".into(),
            source,
        })?;
    if secret.is_empty() {
        return Err(CliError::usage(
            "empty client secret",
            "paste the client secret of the app from LinkedIn's developer portal",
        ));
    }
    Ok(ClientSecret::new(secret))
}

fn oauth_base(url: Option<&str>) -> Result<BaseUrl, CliError> {
    match url {
        Some(url) => BaseUrl::parse(url).map_err(|e| {
            CliError::usage(
                e.to_string(),
                "pass an https URL, or http://127.0.0.1:PORT/oauth/v2 for a local sandbox",
            )
        }),
        None => Ok(BaseUrl::linkedin()),
    }
}

/// A blocking client that can make OAuth calls for `client_id`.
fn oauth_client(
    client_id: &str,
    secret: ClientSecret,
    base: BaseUrl,
) -> Result<sdk::Client, CliError> {
    let config = OAuthConfig::new(ClientId::new(client_id), secret).base_url(base.clone());
    sdk::Client::builder()
        .oauth_base_url(base)
        .oauth(config)
        .build()
        .map_err(sdk_error)
}

fn login(args: &LoginArgs, dir: &Path, profile_name: &str) -> Result<(), CliError> {
    let base = oauth_base(args.oauth_base_url.as_deref())?;
    let secret = client_secret()?;
    let client = oauth_client(&args.client_id, secret, base.clone())?;
    let (tokens, auth_type) = if args.client_credentials {
        let token = client.client_credentials().map_err(sdk_error)?;
        (token.into_token_set(), "2L")
    } else {
        (login::member_flow(args, &client, base)?, "3L")
    };
    let remaining = tokens.remaining(SystemTime::now());
    let profile = Profile {
        client_id: args.client_id.clone(),
        auth_type: auth_type.to_owned(),
        oauth_base_url: args.oauth_base_url.clone(),
        api_base_url: args.base_url.clone(),
        tokens,
    };
    Store::update(dir, |store| {
        store.profiles.insert(profile_name.to_owned(), profile);
        Ok(())
    })?;
    eprintln!(
        "logged in: profile {profile_name:?} ({}), access token valid for {}",
        describe_auth_type(auth_type),
        human(remaining)
    );
    Ok(())
}

fn status(args: &SecretArgs, dir: &Path, profile_name: &str) -> Result<(), CliError> {
    let store = Store::load(dir)?;
    let profile = store.profile(profile_name)?;
    let now = SystemTime::now();
    let mut report = serde_json::json!({
        "profile": profile_name,
        "client_id": profile.client_id,
        "auth_type": profile.auth_type,
        "expired": profile.tokens.is_expired(now),
        "expires_at": unix(profile.tokens.expires_at),
        "expires_in_seconds": profile.tokens.remaining(now).as_secs(),
        "scopes": profile.tokens.scopes,
        "has_refresh_token": profile.tokens.refresh_token.is_some(),
    });
    if let Some(at) = profile.tokens.refresh_token_expires_at {
        report["refresh_token_expires_at"] = unix(at).into();
    }
    // Introspection needs the client secret; without one, say so.
    let base = oauth_base(
        args.oauth_base_url
            .as_deref()
            .or(profile.oauth_base_url.as_deref()),
    )?;
    match client_secret() {
        Ok(secret) => {
            let client = oauth_client(&profile.client_id, secret, base)?;
            let introspection = client
                .introspect(&profile.tokens.access_token)
                .map_err(sdk_error)?;
            report["introspection"] = serde_json::json!({
                "active": introspection.active,
                "status": introspection.status.as_ref().map(|s| s.as_str()),
                "auth_type": introspection.auth_type.as_ref().map(|a| a.as_str()),
                "expires_at": introspection.expires_at.map(unix),
                "scopes": introspection.scopes,
            });
        }
        Err(_) => {
            report["introspection"] =
                "skipped: set LINKEDIN_CLIENT_SECRET to ask LinkedIn about the token".into();
        }
    }
    output::print_json(&report)
}

fn refresh(args: &SecretArgs, dir: &Path, profile_name: &str) -> Result<(), CliError> {
    let profile = Store::load(dir)?.profile(profile_name)?.clone();
    let now = SystemTime::now();
    let refresh_token = match &profile.tokens.refresh_token {
        Some(token) if profile.tokens.can_refresh(now) => token.clone(),
        _ => {
            return Err(CliError::usage(
                format!("profile {profile_name:?} has no usable refresh token"),
                "run `linkedin auth login` again",
            ));
        }
    };
    let base = oauth_base(
        args.oauth_base_url
            .as_deref()
            .or(profile.oauth_base_url.as_deref()),
    )?;
    let client = oauth_client(&profile.client_id, client_secret()?, base)?;
    let refreshed = client.refresh(&refresh_token).map_err(sdk_error)?;
    let mut tokens: TokenSet = profile.tokens.clone();
    tokens.apply_refresh(refreshed);
    let remaining = tokens.remaining(now);
    // Stored under the lock, into the store as it is now: another
    // process may have changed other profiles meanwhile.
    Store::update(dir, |store| match store.profiles.get_mut(profile_name) {
        Some(stored) => {
            stored.tokens = tokens;
            Ok(())
        }
        None => Err(CliError::NoProfile(profile_name.to_owned())),
    })?;
    eprintln!(
        "refreshed: profile {profile_name:?}, access token valid for {}",
        human(remaining)
    );
    Ok(())
}

fn token(dir: &Path, profile_name: &str) -> Result<(), CliError> {
    let store = Store::load(dir)?;
    let profile = store.profile(profile_name)?;
    if profile.tokens.is_expired(SystemTime::now()) {
        return Err(CliError::Expired {
            profile: profile_name.to_owned(),
        });
    }
    // The token came from the OAuth server: a valid one (RFC 6750
    // b64token) is printable ASCII and passes unchanged; anything else is
    // kept from driving the terminal.
    output::print_line(&output::printable(profile.tokens.access_token.secret()))
}

fn logout(dir: &Path, profile_name: &str) -> Result<(), CliError> {
    Store::update(dir, |store| match store.profiles.remove(profile_name) {
        Some(_) => Ok(()),
        None => Err(CliError::NoProfile(profile_name.to_owned())),
    })?;
    eprintln!("logged out: profile {profile_name:?} removed");
    Ok(())
}

fn unix(at: SystemTime) -> u64 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn describe_auth_type(auth_type: &str) -> &'static str {
    if auth_type == "2L" {
        "application token"
    } else {
        "member token"
    }
}

/// "59 days", "3 hours", "12 minutes".
fn human(d: Duration) -> String {
    let secs = d.as_secs();
    match secs {
        s if s >= 2 * 86_400 => format!("{} days", s / 86_400),
        s if s >= 2 * 3_600 => format!("{} hours", s / 3_600),
        s if s >= 120 => format!("{} minutes", s / 60),
        s => format!("{s} seconds"),
    }
}
