//! The registered redirect URIs of each OAuth client (the app registry).
//!
//! LinkedIn redirects only to a redirect URL registered for the app, compared
//! exactly
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>:
//! `redirect_uri` must match one of the app's authorized redirect URLs); an
//! unregistered one gets an error page, never a redirect. The sandbox does
//! the same, and refuses any scheme but `http` and `https` even when
//! registered (`javascript:` and the like).
//!
//! A client given no redirect URIs gets the loopback defaults, so the CLI's
//! and the examples' logins keep working: `http://127.0.0.1:<any port>/callback`,
//! `http://localhost:<any port>/callback` and `http://[::1]:<any port>/callback`
//! (any port, as RFC 8252 §7.3 asks of loopback redirects, since native apps
//! pick a free one), plus `https://app.example/callback`, the placeholder of
//! the SDK's own documentation (`.example` is reserved, RFC 2606).

/// One registered redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Registered {
    /// This exact string.
    Exact(String),
    /// `http://<loopback host>:<any port><path>`, nothing else.
    LoopbackAnyPort { path: &'static str },
}

/// The path of the loopback defaults.
pub(crate) const LOOPBACK_CALLBACK_PATH: &str = "/callback";

/// The registrations of a client given none.
pub(crate) fn defaults() -> Vec<Registered> {
    vec![
        Registered::LoopbackAnyPort {
            path: LOOPBACK_CALLBACK_PATH,
        },
        Registered::Exact("https://app.example/callback".to_owned()),
    ]
}

/// Whether `redirect_uri` (as sent) is registered in `registry`.
pub(crate) fn is_registered(registry: &[Registered], redirect_uri: &str) -> bool {
    let Ok(url) = url::Url::parse(redirect_uri) else {
        return false;
    };
    if !matches!(url.scheme(), "http" | "https") {
        return false;
    }
    registry.iter().any(|entry| match entry {
        Registered::Exact(uri) => uri == redirect_uri,
        Registered::LoopbackAnyPort { path } => is_loopback_callback(&url, redirect_uri, path),
    })
}

fn is_loopback_callback(url: &url::Url, raw: &str, path: &str) -> bool {
    let loopback = match url.host() {
        Some(url::Host::Domain(host)) => host == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    // Compare the parsed parts, and make sure parsing changed nothing
    // (`http://localhost:1/callback/../x` normalizes; the raw text must
    // already be in the registered shape).
    loopback
        && url.scheme() == "http"
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == path
        && url.query().is_none()
        && url.fragment().is_none()
        && raw == url.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exact_matches_only() {
        let registry = [Registered::Exact("https://app.test/cb".into())];
        assert!(is_registered(&registry, "https://app.test/cb"));
        for other in [
            "https://app.test/cb/",
            "https://app.test/cb?x=1",
            "https://APP.test/cb",
            "http://app.test/cb",
            "https://app.test:443/cb",
            "https://evil.test/cb",
        ] {
            assert!(!is_registered(&registry, other), "{other}");
        }
    }

    #[test]
    fn loopback_defaults() {
        let registry = defaults();
        for ok in [
            "http://127.0.0.1:8400/callback",
            "http://localhost:54321/callback",
            "http://[::1]:1/callback",
            "https://app.example/callback",
        ] {
            assert!(is_registered(&registry, ok), "{ok}");
        }
        for refused in [
            "javascript:alert(1)",
            "javascript://127.0.0.1:1/callback",
            "data:text/html,hi",
            "http://127.0.0.1:8400/other",
            "http://127.0.0.1:8400/callback?next=https://evil.test",
            "http://127.0.0.1:8400/callback#x",
            "http://user@127.0.0.1:8400/callback",
            "http://localhost.evil.test:8400/callback",
            "https://127.0.0.1:8400/callback",
            "http://10.0.0.1:8400/callback",
            "http://127.0.0.1:8400/x/../callback",
            "not a url",
            "",
        ] {
            assert!(!is_registered(&registry, refused), "{refused}");
        }
    }

    #[test]
    fn registered_javascript_is_still_refused() {
        let registry = [Registered::Exact("javascript:alert(1)".into())];
        assert!(!is_registered(&registry, "javascript:alert(1)"));
    }

    proptest! {
        /// Whatever is asked for, only registered http(s) URIs pass, and
        /// nothing panics.
        #[test]
        fn only_registered_uris_pass(uri in "\\PC{0,60}") {
            let registry = [Registered::Exact("https://app.test/cb".into())];
            let ok = is_registered(&registry, &uri);
            prop_assert_eq!(ok, uri == "https://app.test/cb");
            let loopback = is_registered(&defaults(), &uri);
            if loopback {
                prop_assert!(uri.starts_with("http://") || uri == "https://app.example/callback");
                prop_assert!(uri.ends_with("/callback"));
            }
        }
    }
}
