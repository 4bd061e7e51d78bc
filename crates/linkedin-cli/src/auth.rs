//! `linkedin auth ...`: log in, inspect, refresh, print and forget tokens.

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, SystemTime};

use linkedin::oauth::{BaseUrl, ClientId, ClientSecret, OAuthConfig, TokenSet};

use crate::api::sdk_error;
use crate::cli::{AuthCommand, LoginArgs, SecretArgs, StatusArgs};
use crate::error::CliError;
use crate::login::{self, MemberLogin, Open};
use crate::output;
use crate::profile::{Profile, Store};
use crate::{renew, sandbox_login, sdk, when};

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
    if let Ok(secret) = std::env::var("LINKEDIN_CLIENT_SECRET")
        && !secret.is_empty()
    {
        return Ok(ClientSecret::new(secret));
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

/// The OAuth base URL given or stored, else LinkedIn's.
pub(crate) fn oauth_base(url: Option<&str>) -> Result<BaseUrl, CliError> {
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
pub(crate) fn oauth_client(
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

/// Where a login goes: LinkedIn (or URLs given by hand), or a sandbox
/// found from its origin.
struct LoginTarget {
    client_id: String,
    secret: ClientSecret,
    scopes: Vec<String>,
    oauth_base_url: Option<String>,
    api_base_url: Option<String>,
    open: Open,
}

fn login_target(args: &LoginArgs) -> Result<LoginTarget, CliError> {
    let Some(origin) = &args.sandbox else {
        let client_id = args.client_id.clone().ok_or_else(|| {
            CliError::usage(
                "no client id",
                "pass --client-id ID (or set LINKEDIN_CLIENT_ID), or --sandbox ORIGIN",
            )
        })?;
        return Ok(LoginTarget {
            client_id,
            secret: client_secret()?,
            scopes: args.scopes.clone(),
            oauth_base_url: args.oauth_base_url.clone(),
            api_base_url: args.base_url.clone(),
            open: if args.no_browser {
                Open::Print
            } else {
                Open::Browser
            },
        });
    };
    let urls = sandbox_login::urls(origin)?;
    let client_id = args
        .client_id
        .clone()
        .unwrap_or_else(|| sandbox_login::SANDBOX_CLIENT_ID.to_owned());
    // The sandbox's default app has a published secret; another app
    // registered with the sandbox binary needs its own.
    let secret = match std::env::var("LINKEDIN_CLIENT_SECRET") {
        Ok(secret) if !secret.is_empty() => ClientSecret::new(secret),
        _ if client_id == sandbox_login::SANDBOX_CLIENT_ID => {
            ClientSecret::new(sandbox_login::SANDBOX_CLIENT_SECRET)
        }
        _ => client_secret()?,
    };
    let scopes = if args.scopes.is_empty() {
        sandbox_login::DEFAULT_SCOPES
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    } else {
        args.scopes.clone()
    };
    Ok(LoginTarget {
        client_id,
        secret,
        scopes,
        oauth_base_url: Some(urls.oauth),
        api_base_url: Some(urls.origin),
        open: Open::Sandbox,
    })
}

fn login(args: &LoginArgs, dir: &Path, profile_name: &str) -> Result<(), CliError> {
    let target = login_target(args)?;
    let base = oauth_base(target.oauth_base_url.as_deref())?;
    let client = oauth_client(&target.client_id, target.secret, base.clone())?;
    let (tokens, auth_type) = if args.client_credentials {
        let token = client.client_credentials().map_err(sdk_error)?;
        (token.into_token_set(), "2L")
    } else {
        let member = MemberLogin {
            client_id: &target.client_id,
            scopes: &target.scopes,
            redirect_port: args.redirect_port,
            pkce: args.pkce,
            timeout: Duration::from_secs(args.timeout),
            open: target.open,
        };
        (login::member_flow(&member, &client, base)?, "3L")
    };
    let remaining = tokens.remaining(SystemTime::now());
    let profile = Profile {
        client_id: target.client_id,
        auth_type: auth_type.to_owned(),
        oauth_base_url: target.oauth_base_url,
        api_base_url: target.api_base_url.clone(),
        tokens,
    };
    Store::update(dir, |store| {
        store.profiles.insert(profile_name.to_owned(), profile);
        Ok(())
    })?;
    let against = target.api_base_url.map_or_else(String::new, |url| {
        format!(" against {}", output::excerpt(&url))
    });
    eprintln!(
        "logged in{against}: profile {profile_name:?} ({}), access token valid for {}",
        describe_auth_type(auth_type),
        when::span(remaining)
    );
    Ok(())
}

/// What LinkedIn said about the token, or why it could not be asked.
enum Introspected {
    Answer(serde_json::Value),
    Skipped(String),
}

fn introspect(args: &SecretArgs, profile: &Profile) -> Introspected {
    let base = match oauth_base(
        args.oauth_base_url
            .as_deref()
            .or(profile.oauth_base_url.as_deref()),
    ) {
        Ok(base) => base,
        Err(e) => return Introspected::Skipped(e.to_string()),
    };
    let secret = match std::env::var("LINKEDIN_CLIENT_SECRET") {
        Ok(secret) if !secret.is_empty() => ClientSecret::new(secret),
        _ => match sandbox_login::default_secret(profile) {
            Some(secret) => secret,
            None if std::io::stdin().is_terminal() => match client_secret() {
                Ok(secret) => secret,
                Err(e) => return Introspected::Skipped(e.to_string()),
            },
            None => {
                return Introspected::Skipped(
                    "no client secret; set LINKEDIN_CLIENT_SECRET to ask LinkedIn about the token"
                        .to_owned(),
                );
            }
        },
    };
    let answer = oauth_client(&profile.client_id, secret, base)
        .and_then(|client| {
            client
                .introspect(&profile.tokens.access_token)
                .map_err(sdk_error)
        })
        .map_err(|e| {
            format!(
                "LinkedIn could not be asked ({e}); a wrong client secret (LINKEDIN_CLIENT_SECRET) or OAuth URL is the usual cause"
            )
        });
    match answer {
        Ok(introspection) => Introspected::Answer(serde_json::json!({
            "active": introspection.active,
            "status": introspection.status.as_ref().map(|s| s.as_str()),
            "auth_type": introspection.auth_type.as_ref().map(|a| a.as_str()),
            "expires_at": introspection.expires_at.map(when::unix),
            "scopes": introspection.scopes,
        })),
        Err(why) => Introspected::Skipped(why),
    }
}

fn status(args: &StatusArgs, dir: &Path, profile_name: &str) -> Result<(), CliError> {
    let store = Store::load(dir)?;
    let profile = store.profile(profile_name)?;
    let now = SystemTime::now();
    // What is stored is shown whatever introspection says.
    let introspected = introspect(&args.secret, profile);
    if args.json || !std::io::stdout().is_terminal() {
        let mut report = serde_json::json!({
            "profile": profile_name,
            "client_id": profile.client_id,
            "auth_type": profile.auth_type,
            "expired": profile.tokens.is_expired(now),
            "expires_at": when::unix(profile.tokens.expires_at),
            "expires_in_seconds": profile.tokens.remaining(now).as_secs(),
            "scopes": profile.tokens.scopes,
            "has_refresh_token": profile.tokens.refresh_token.is_some(),
        });
        if let Some(url) = &profile.api_base_url {
            report["api_base_url"] = url.as_str().into();
        }
        if let Some(at) = profile.tokens.refresh_token_expires_at {
            report["refresh_token_expires_at"] = when::unix(at).into();
        }
        report["introspection"] = match introspected {
            Introspected::Answer(answer) => answer,
            Introspected::Skipped(why) => format!("skipped: {why}").into(),
        };
        return output::print_json(&report);
    }
    output::print_line(&status_table(profile_name, profile, &introspected, now))
}

/// `auth status` for a person: one fact a line, local dates, spans in
/// words.
fn status_table(
    name: &str,
    profile: &Profile,
    introspected: &Introspected,
    now: SystemTime,
) -> String {
    let tokens = &profile.tokens;
    let expiry = |at: SystemTime| {
        let verb = if at > now { "expires" } else { "expired" };
        format!(
            "{} ({verb} {})",
            when::local_date(at),
            when::relative(at, now)
        )
    };
    let mut rows: Vec<(&str, String)> = vec![
        ("profile", output::excerpt(name)),
        (
            "app",
            format!(
                "{} ({})",
                output::excerpt(&profile.client_id),
                describe_auth_type(&profile.auth_type)
            ),
        ),
        (
            "API",
            profile
                .api_base_url
                .as_deref()
                .map_or_else(|| "https://api.linkedin.com".to_owned(), output::excerpt),
        ),
        ("access token", expiry(tokens.expires_at)),
    ];
    rows.push((
        "refresh token",
        match (&tokens.refresh_token, tokens.refresh_token_expires_at) {
            (None, _) => "none".to_owned(),
            (Some(_), None) => "stored".to_owned(),
            (Some(_), Some(at)) => expiry(at),
        },
    ));
    rows.push((
        "scopes",
        if tokens.scopes.is_empty() {
            "(not reported)".to_owned()
        } else {
            output::excerpt(&tokens.scopes.join(" "))
        },
    ));
    rows.push((
        "LinkedIn says",
        match introspected {
            Introspected::Answer(answer) => {
                let active = if answer["active"] == true {
                    "active"
                } else {
                    "not active"
                };
                // LinkedIn's `status` (active, expired, revoked) adds
                // something only when it differs from `active`.
                match answer["status"].as_str() {
                    Some(status) if status != active => {
                        format!("{active} ({})", output::excerpt(status))
                    }
                    _ => active.to_owned(),
                }
            }
            Introspected::Skipped(why) => format!("not asked: {}", output::excerpt(why)),
        },
    ));
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("{k:<width$}  {v}"))
        .collect::<Vec<_>>()
        .join("\n")
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
    let secret = match sandbox_login::default_secret(&profile) {
        Some(secret) if std::env::var_os("LINKEDIN_CLIENT_SECRET").is_none() => secret,
        _ => client_secret()?,
    };
    let client = oauth_client(&profile.client_id, secret, base)?;
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
        when::span(remaining)
    );
    Ok(())
}

fn token(dir: &Path, profile_name: &str) -> Result<(), CliError> {
    // Renewed first when needed, as before an API call.
    let profile = renew::fresh_profile(dir, profile_name)?;
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

fn describe_auth_type(auth_type: &str) -> &'static str {
    if auth_type == "2L" {
        "application token"
    } else {
        "member token"
    }
}
