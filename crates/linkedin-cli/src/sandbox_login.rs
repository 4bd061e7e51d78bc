//! `linkedin auth login --sandbox ORIGIN`: everything a login against a
//! running sandbox needs, derived from its origin, and the "browser" that
//! approves its consent page: the tool fetches the authorization URL
//! itself and follows the sandbox's redirect to its own loopback listener.

use std::sync::mpsc;
use std::time::Duration;

use linkedin::oauth::ClientSecret;
use linkedin::restli::Endpoint;

use crate::error::CliError;
use crate::output;
use crate::profile::Profile;

/// The sandbox's default application, as `linkedin_sandbox::Sandbox`
/// publishes it (`DEFAULT_CLIENT_ID`, `DEFAULT_CLIENT_SECRET`; printed in
/// every sandbox banner). Written here as well so that a CLI built without
/// the `sandbox` feature (no server of its own) still logs in to a running
/// sandbox; a test checks they agree.
pub const SANDBOX_CLIENT_ID: &str = "sandbox-client";
/// The secret of [`SANDBOX_CLIENT_ID`].
pub const SANDBOX_CLIENT_SECRET: &str = "sandbox-secret";

/// The scopes asked for when `--sandbox` is given without `--scope`: the
/// OpenID Connect ones of Sign In with LinkedIn, posting, and ads.
pub const DEFAULT_SCOPES: &[&str] = &[
    "openid",
    "profile",
    "email",
    "w_member_social",
    "r_ads",
    "rw_ads",
];

/// Where a sandbox's APIs are, from its origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxUrls {
    /// The origin, without a trailing slash (the profile's API origin).
    pub origin: String,
    /// Its OAuth base URL.
    pub oauth: String,
}

/// Checks that `origin` is a loopback `http` origin and derives the OAuth
/// URL from it.
pub fn urls(origin: &str) -> Result<SandboxUrls, CliError> {
    let origin = origin.trim_end_matches('/');
    let fix = "give the origin `linkedin sandbox` printed, e.g. --sandbox http://127.0.0.1:8080";
    Endpoint::from_origin(origin).map_err(|e| CliError::usage(e.to_string(), fix))?;
    let host_port = origin.strip_prefix("http://").unwrap_or_default();
    let loopback = ["127.0.0.1:", "localhost:", "[::1]:"]
        .iter()
        .any(|host| host_port.starts_with(host));
    if !loopback || host_port.contains('/') {
        return Err(CliError::usage(
            format!(
                "--sandbox {} is not a local sandbox origin (http://127.0.0.1:PORT)",
                output::excerpt(origin)
            ),
            fix,
        ));
    }
    Ok(SandboxUrls {
        origin: origin.to_owned(),
        oauth: format!("{origin}/oauth/v2"),
    })
}

/// The sandbox's published default secret, for a profile of the
/// sandbox's default app whose OAuth server is on this machine: it is
/// printed in every sandbox banner, so knowing it protects nothing, and it
/// lets renewal work against a sandbox without `LINKEDIN_CLIENT_SECRET`.
pub fn default_secret(profile: &Profile) -> Option<ClientSecret> {
    let oauth = profile.oauth_base_url.as_deref()?;
    let origin = oauth.strip_suffix("/oauth/v2")?;
    (profile.client_id == SANDBOX_CLIENT_ID && urls(origin).is_ok())
        .then(|| ClientSecret::new(SANDBOX_CLIENT_SECRET))
}

/// How long the sandbox may take to answer the authorization request.
const FETCH_TIMEOUT: Duration = Duration::from_secs(20);

/// The most of an error page that is read.
const PAGE_LIMIT: u64 = 64 * 1024;

/// Fetches the authorization URL on a thread, following the sandbox's
/// redirect to the tool's own listener; the receiver gets why it failed
/// when the sandbox did not redirect.
pub fn approve(url: String) -> mpsc::Receiver<String> {
    let (failed, failure) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("sandbox-consent".into())
        .spawn({
            let failed = failed.clone();
            move || {
                if let Err(why) = fetch(&url) {
                    let _ = failed.send(why);
                }
            }
        });
    if let Err(e) = spawned {
        let _ = failed.send(format!("cannot start a thread: {e}"));
    }
    failure
}

fn fetch(url: &str) -> Result<(), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(FETCH_TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(2)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| format!("cannot reach it: {}", output::excerpt(&e.to_string())))?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let page = response
        .body_mut()
        .with_config()
        .limit(PAGE_LIMIT)
        .read_to_string()
        .unwrap_or_default();
    Err(format!("HTTP {status}: {}", output::excerpt(&page)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use linkedin_sandbox::Sandbox;

    #[test]
    fn the_default_app_is_the_sandboxs() {
        assert_eq!(SANDBOX_CLIENT_ID, Sandbox::DEFAULT_CLIENT_ID);
        assert_eq!(SANDBOX_CLIENT_SECRET, Sandbox::DEFAULT_CLIENT_SECRET);
    }

    #[test]
    fn only_loopback_origins_are_sandboxes() {
        let urls = urls("http://127.0.0.1:8080/").unwrap();
        assert_eq!(urls.origin, "http://127.0.0.1:8080");
        assert_eq!(urls.oauth, "http://127.0.0.1:8080/oauth/v2");
        assert!(super::urls("http://localhost:9").is_ok());
        for bad in [
            "https://api.linkedin.com",
            "http://example.com:80",
            "http://127.0.0.1:8080/rest",
            "127.0.0.1:8080",
            "",
        ] {
            assert!(super::urls(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        /// Any text is either refused or a loopback http origin.
        #[test]
        fn any_origin_is_judged_without_panic(text in "\\PC{0,60}|http://(127\\.0\\.0\\.1|localhost|\\[::1\\]):[0-9]{1,5}[/a-z]{0,4}") {
            if let Ok(urls) = urls(&text) {
                proptest::prop_assert!(urls.origin.starts_with("http://"));
                proptest::prop_assert!(urls.oauth.ends_with("/oauth/v2"));
                proptest::prop_assert!(!urls.origin.ends_with('/'));
            }
        }
    }

    #[test]
    fn the_default_secret_is_only_for_the_sandbox_app() {
        let tokens = linkedin::oauth::TokenSet::new(
            linkedin::oauth::AccessToken::new("t"),
            std::time::SystemTime::UNIX_EPOCH,
        );
        let mut profile = Profile {
            client_id: Sandbox::DEFAULT_CLIENT_ID.to_owned(),
            auth_type: "3L".into(),
            oauth_base_url: Some("http://127.0.0.1:8080/oauth/v2".into()),
            api_base_url: None,
            tokens,
        };
        assert!(default_secret(&profile).is_some());
        profile.oauth_base_url = Some("https://www.linkedin.com/oauth/v2".into());
        assert!(default_secret(&profile).is_none());
        profile.oauth_base_url = None;
        assert!(default_secret(&profile).is_none());
        profile.oauth_base_url = Some("http://127.0.0.1:8080/oauth/v2".into());
        profile.client_id = "my-real-app".into();
        assert!(default_secret(&profile).is_none());
    }
}
