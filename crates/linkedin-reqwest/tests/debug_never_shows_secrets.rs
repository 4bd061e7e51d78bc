//! Every public type of this crate that can hold a token, a secret or a
//! request body prints none of them with `Debug` (`{:?}` and `{:#?}`), as
//! text, as a byte list or as hex.

use std::time::{Duration, SystemTime};

use linkedin_oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet};
use linkedin_reqwest::restli::Method;
use linkedin_reqwest::restli::exchange::Exchange;
use linkedin_reqwest::restli::retry::RetryPolicy;
use linkedin_reqwest::{Client, Reqwest, TokenSource};

const SECRET: &str = "s3cr3t-value-0f1e";

fn leaks(shown: &str) -> bool {
    linkedin_test_support::leaks::shows_secret(shown, SECRET)
}

fn check(name: &str, value: &dyn std::fmt::Debug) {
    linkedin_test_support::leaks::assert_debug_hides(name, value, SECRET);
}

fn oauth() -> OAuthConfig {
    OAuthConfig::new(ClientId::new("id"), ClientSecret::new(SECRET))
}

fn source() -> TokenSource {
    let tokens = TokenSet::new(
        AccessToken::new(SECRET),
        SystemTime::now() + Duration::from_secs(3600),
    )
    .with_refresh_token(RefreshToken::new(SECRET), None);
    TokenSource::new(oauth(), tokens)
}

#[test]
fn no_debug_shows_a_secret() {
    // The check finds what a derived Debug of a body would show.
    assert!(leaks(&format!("{:?}", SECRET.as_bytes())));
    assert!(leaks(&format!("{:#?}", SECRET.as_bytes())));

    let builder = Client::builder()
        .oauth(oauth())
        .access_token(AccessToken::new(SECRET));
    check("ClientBuilder", &builder);
    let client = builder.build().unwrap();
    check("Client", &client);
    check(
        "Client (per-call token)",
        &client.with_access_token(&AccessToken::new(SECRET)),
    );
    check("TokenSource", &source());
    let with_source = Client::builder().token_source(source()).build().unwrap();
    check("Client (token source)", &with_source);
    check("Reqwest", &Reqwest::new().unwrap());

    // A refresh request: the body holds the refresh token and the secret.
    let refresh = oauth().refresh_request(&RefreshToken::new(SECRET));
    assert!(leaks(&format!("{:?}", refresh.body())));
    let url = refresh.uri().to_string();
    check(
        "Exchange",
        &Exchange::from_http(Method::Action, url, refresh, RetryPolicy::default()),
    );

    // An error from a refresh that failed.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let failing = Client::builder().oauth(oauth()).build_with(Refuses);
    let err = runtime
        .block_on(failing.refresh(&RefreshToken::new(SECRET)))
        .unwrap_err();
    check("Error", &err);
    assert!(!leaks(&err.to_string()));
}

/// Answers every request with LinkedIn's refusal of a refresh token.
struct Refuses;

#[derive(Debug)]
struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}

impl std::error::Error for Never {}

impl linkedin_reqwest::restli::transport::TransportError for Never {
    fn failure(&self) -> linkedin_reqwest::restli::retry::TransportFailure {
        linkedin_reqwest::restli::retry::TransportFailure::Other
    }
}

impl linkedin_reqwest::restli::transport::AsyncHttpClient for Refuses {
    type Error = Never;
    async fn send(&self, _: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Never> {
        Ok(http::Response::builder()
            .status(400)
            .body(br#"{"error":"invalid_grant","error_description":"revoked"}"#.to_vec())
            .unwrap())
    }
}
