//! The connection every command that calls LinkedIn shares: which token
//! (the profile's, renewed first when it needs to be, or `--access-token`),
//! which API origin (`--base-url`, else the profile's, else LinkedIn's) and
//! which default `LinkedIn-Version`, made into one blocking SDK client.

use std::path::Path;

use linkedin::oauth::AccessToken;
use linkedin::restli::Endpoint;

use crate::api::sdk_error;
use crate::cli::ConnectionArgs;
use crate::error::CliError;
use crate::profile::{self, Store};
use crate::{renew, sdk};

/// The client a typed command sends its requests with.
///
/// The version is checked first: a wrong one is said before any call (a
/// token renewal included) is made.
pub fn connect(args: &ConnectionArgs) -> Result<sdk::Client, CliError> {
    check_version(&args.version)?;
    let dir = profile::config_dir(args.store.config_dir.as_deref())?;
    let (token, stored_base) =
        resolve_token(args.access_token.as_ref(), &dir, &args.store.profile)?;
    let base = args.base_url.clone().or(stored_base);
    client(token, base.as_deref(), Some(&args.version))
}

/// The token to send and the API origin stored with the profile.
///
/// With an explicit token the profile's origin is still the default (a
/// token for a sandbox is useless against LinkedIn); without one the
/// profile's token is renewed first when it needs to be.
pub fn resolve_token(
    access_token: Option<&AccessToken>,
    dir: &Path,
    profile_name: &str,
) -> Result<(AccessToken, Option<String>), CliError> {
    if let Some(token) = access_token {
        // No profile (or an unreadable file) only means no stored origin:
        // the token was given explicitly.
        let stored_base = Store::load(dir)
            .ok()
            .and_then(|store| store.profiles.get(profile_name)?.api_base_url.clone());
        return Ok((token.clone(), stored_base));
    }
    let profile = renew::fresh_profile(dir, profile_name)?;
    Ok((profile.tokens.access_token, profile.api_base_url))
}

/// A blocking client sending `token` to `base` (LinkedIn's when `None`),
/// with `version` as the default `LinkedIn-Version` when given.
pub fn client(
    token: AccessToken,
    base: Option<&str>,
    version: Option<&str>,
) -> Result<sdk::Client, CliError> {
    let mut builder = sdk::Client::builder().access_token(token);
    if let Some(base) = base {
        let endpoint = Endpoint::from_origin(base).map_err(|e| {
            CliError::usage(
                e.to_string(),
                "pass an https URL, or http://127.0.0.1:PORT for a local sandbox",
            )
        })?;
        builder = builder.endpoint(endpoint);
    }
    if let Some(version) = version {
        check_version(version)?;
        builder = builder.version(version);
    }
    builder.build().map_err(sdk_error)
}

/// `--version` as LinkedIn writes versions, or the one-line fix.
fn check_version(version: &str) -> Result<(), CliError> {
    linkedin::LinkedInVersion::new(version)
        .map(drop)
        .map_err(|_| {
            CliError::usage(
                format!(
                    "--version {} is not a LinkedIn-Version",
                    crate::output::excerpt(version)
                ),
                "write YYYYMM or YYYYMM.RR, e.g. --version 202601",
            )
        })
}
