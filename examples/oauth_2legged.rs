//! 2-legged OAuth: an application token from the client credentials grant
//! (no member involved), then token introspection, then a client whose
//! token source fetches and renews application tokens by itself.
//!
//! ```text
//! cargo run --example oauth_2legged
//! LINKEDIN_CLIENT_ID=... LINKEDIN_CLIENT_SECRET=... cargo run --example oauth_2legged
//! ```
//!
//! Against LinkedIn, your application must be allowed the client
//! credentials flow (most are not; LinkedIn then answers
//! `access_denied` / `unauthorized_client`, which this example prints).
//! The token itself is never printed.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, UNIX_EPOCH};

use common::{Result, Target, ensure, step};
use linkedin::oauth::{AccessToken, AuthType};
use linkedin::prelude::*;

#[tokio::main]
async fn main() -> Result {
    let target = Target::oauth_app().await?;
    target.print_banner("oauth_2legged");
    let oauth = target.oauth()?;
    let client = Client::builder()
        .endpoint(target.endpoint()?)
        .oauth(oauth.clone())
        .build()?;

    step(1, "Client credentials: an application token");
    println!(
        "   -> POST {}/accessToken (grant_type=client_credentials, client_id={})",
        oauth.base().as_str().trim_end_matches('/'),
        oauth.client_id().as_str()
    );
    let token = match client.client_credentials().await {
        Ok(token) => token,
        Err(err) => {
            println!("   <- refused: {err}");
            return Err(err.into());
        }
    };
    println!(
        "   <- a token valid for {} (until {} s after the epoch), scopes {:?}",
        common::time_left(token.expires_at),
        token.expires_at.duration_since(UNIX_EPOCH)?.as_secs(),
        token.scopes
    );
    println!(
        "   (its Debug form is {:?}: never logged)",
        token.access_token
    );

    step(2, "Introspect it");
    let info = client.introspect(&token.access_token).await?;
    println!(
        "   <- active: {}, type: {}, status: {}, client: {}, expires in {}",
        info.active,
        info.auth_type.as_ref().map_or("?", AuthType::as_str),
        info.status.as_ref().map_or("?", |s| s.as_str()),
        info.client_id.as_ref().map_or("?", |c| c.as_str()),
        info.expires_at.map_or("?".into(), common::time_left),
    );
    ensure(info.active, "the new token is active")?;
    ensure(
        info.auth_type == Some(AuthType::TwoLegged),
        "a 2-legged token",
    )?;

    step(3, "Introspect a token LinkedIn never issued");
    let unknown = client.introspect(&AccessToken::new("made-up-token")).await;
    match unknown {
        Ok(info) => {
            println!("   <- active: {}", info.active);
            ensure(!info.active, "a made-up token is not active")?;
        }
        // LinkedIn may answer an unknown token with an error instead.
        Err(err) => println!("   <- {err}"),
    }

    step(
        4,
        "A client whose token source fetches application tokens itself",
    );
    let source = TokenSource::client_credentials(oauth).refresh_ahead(Duration::from_secs(60));
    let app = Client::builder()
        .endpoint(target.endpoint()?)
        .token_source(source)
        .build()?;
    println!("   before the first call: {}", describe(&app));
    if target.is_sandbox() {
        let account: EntityResponse = app
            .get(
                Request::get("/adAccounts/{id}")
                    .key("id", &500001)
                    .version(target.version()),
            )
            .await?;
        println!(
            "   GET /rest/adAccounts/500001 <- {}",
            account.meta.status()
        );
        println!("   after it: {}", describe(&app));
        ensure(app.tokens().is_some(), "the source fetched a token")?;
    } else {
        common::skipped("which APIs accept an application token depends on your products");
    }

    println!("\nDone.");
    Ok(())
}

/// What the client's token source holds (never the token itself).
fn describe(client: &Client) -> String {
    match client.tokens() {
        Some(tokens) => format!("a token valid for {}", common::time_left(tokens.expires_at)),
        None => "no token yet".into(),
    }
}
