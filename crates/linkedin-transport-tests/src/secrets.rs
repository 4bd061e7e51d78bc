//! No `Debug` (`{:?}` and `{:#?}`) or `Display` of a transport's types
//! shows a token, the client secret or a request body holding them, as
//! text, as a byte list or as hex (`linkedin_test_support::leaks`).

use std::time::{Duration, SystemTime};

use linkedin_oauth::{
    AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet,
};
use linkedin_test_support::leaks::{assert_debug_hides, shows_secret};
use restli_codec::Method;
use restli_codec::exchange::Exchange;
use restli_codec::retry::RetryPolicy;
use serde_json::json;

use crate::wire::{self, json as answer};
use crate::{Auth, Setup, Transport};

const SECRET: &str = "s3cr3t-value-0f1e";

/// An application whose secret is [`SECRET`].
fn oauth() -> OAuthConfig {
    OAuthConfig::new(ClientId::new("id"), ClientSecret::new(SECRET))
}

/// Tokens that are all `SECRET`, valid for an hour.
///
/// ```
/// let tokens = linkedin_transport_tests::secrets::secret_tokens("t");
/// assert_eq!(tokens.access_token.secret(), "t");
/// ```
pub fn secret_tokens(secret: &str) -> TokenSet {
    TokenSet::new(
        AccessToken::new(secret),
        SystemTime::now() + Duration::from_secs(3600),
    )
    .with_refresh_token(RefreshToken::new(secret), None)
}

/// Every type of the transport that can hold a secret (its builder,
/// clients with a static, per-call or renewing token, its token source,
/// its HTTP stack), the adapter itself, the exchange state machine of a
/// refresh request and the error of a refused refresh: none shows the
/// secret.
pub fn no_debug_shows_a_secret<T: Transport>() {
    // The check finds what a derived Debug of a body would show.
    assert!(shows_secret(&format!("{:?}", SECRET.as_bytes()), SECRET));
    assert!(shows_secret(&format!("{:#?}", SECRET.as_bytes()), SECRET));

    let holders = T::secret_holders(oauth(), secret_tokens(SECRET));
    assert!(holders.len() >= 5, "builder, clients, source, stack");
    for (name, value) in &holders {
        assert_debug_hides(name, value.as_ref(), SECRET);
    }

    let adapter = T::build(Setup {
        oauth: Some(oauth()),
        auth: Auth::Refreshing {
            oauth: oauth(),
            tokens: secret_tokens(SECRET),
            on_refresh: None,
        },
        ..Setup::default()
    })
    .expect("client");
    assert_debug_hides("the client", &adapter, SECRET);
    assert_debug_hides(
        "the client with a per-call token",
        &adapter.with_access_token(&AccessToken::new(SECRET)),
        SECRET,
    );

    // A refresh request: the body holds the refresh token and the secret.
    let refresh = oauth().refresh_request(&RefreshToken::new(SECRET));
    assert!(shows_secret(&format!("{:?}", refresh.body()), SECRET));
    let url = refresh.uri().to_string();
    assert_debug_hides(
        "Exchange",
        &Exchange::from_http(Method::Action, url, refresh, RetryPolicy::default()),
        SECRET,
    );

    // The error of a refresh LinkedIn refused.
    let server = wire::serve(|_, _| {
        answer(
            400,
            &json!({"error": "invalid_grant", "error_description": "revoked"}),
        )
    });
    let app = oauth()
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).expect("base URL"));
    let failing = T::build(Setup {
        oauth: Some(app),
        ..Setup::default()
    })
    .expect("client");
    let err = failing
        .refresh(&RefreshToken::new(SECRET))
        .expect_err("refused");
    assert!(err.to_string().contains("invalid_grant"), "{err}");
    assert_debug_hides("Error", &err, SECRET);
    assert!(!shows_secret(&err.to_string(), SECRET), "{err}");
    assert_eq!(server.request_count(), 1);
}
