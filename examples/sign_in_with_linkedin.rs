//! Sign In with LinkedIn using OpenID Connect, end to end: an authorization
//! URL with CSRF `state` and a `nonce`, the redirect checked, the code
//! exchanged for tokens, the `id_token` verified through
//! `client.identity()` (RS256 against LinkedIn's JWKS, which the client
//! fetches and keeps; `iss`, `aud`, `exp`, and the nonce), then the
//! member's `userinfo`.
//!
//! ```text
//! cargo run --example sign_in_with_linkedin
//! ```
//!
//! With no configuration it runs against an in-process `linkedin-sandbox`
//! (its OpenID Connect keys and id_tokens), plays the member's browser
//! itself, and also shows that a token checked against another nonce is
//! refused. Against LinkedIn, with an application that has the *Sign In
//! with LinkedIn using OpenID Connect* product and a registered redirect
//! URL:
//!
//! ```text
//! LINKEDIN_CLIENT_ID=... LINKEDIN_CLIENT_SECRET=... \
//! LINKEDIN_REDIRECT_URL=http://localhost:3000/callback \
//! cargo run --example sign_in_with_linkedin
//! ```
//!
//! It prints the authorization URL; open it, sign in, and paste the URL
//! the browser was sent back to (nothing needs to listen there).
//!
//! The flow follows "Sign In with LinkedIn using OpenID Connect"
//! (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>).

#[path = "common/mod.rs"]
mod common;

use common::{Result, Target, ensure, step};
use linkedin::oauth::{AuthorizationCodeFlow, Nonce, RedirectUrl};
use linkedin::prelude::*;
use linkedin::resources::identity::{IdTokenVerifier, LINKEDIN_JWKS_URL};

/// The redirect URL against LinkedIn unless `LINKEDIN_REDIRECT_URL` is set.
const DEFAULT_REDIRECT_URL: &str = "http://localhost:3000/callback";

#[tokio::main]
async fn main() -> Result {
    let target = Target::oauth_app().await?;
    target.print_banner("sign_in_with_linkedin");
    let oauth = target.oauth()?;
    let client = Client::builder()
        .endpoint(target.endpoint()?)
        .oauth(oauth.clone())
        .build()?;
    let redirect = match target.as_sandbox() {
        Some(_) => "http://127.0.0.1:9/callback".to_owned(),
        None => common::var("LINKEDIN_REDIRECT_URL").unwrap_or_else(|| DEFAULT_REDIRECT_URL.into()),
    };

    step(1, "The authorization URL, with state and a nonce");
    let flow = AuthorizationCodeFlow::new(oauth.client_id().clone(), RedirectUrl::new(redirect)?)
        .base_url(oauth.base().clone())
        .scopes(["openid", "profile", "email"])
        .nonce(true);
    let (url, pending) = flow.start()?;
    println!("  {}", common::redact_url(url.as_str()));
    // What a web app keeps in its session until the member comes back.
    let nonce: Nonce = pending.nonce().cloned().ok_or("the flow made a nonce")?;

    step(2, "The member consents; LinkedIn redirects back");
    let back = match target.as_sandbox() {
        Some(_) => {
            // The sandbox consents at once: follow its redirect by hand.
            let answer = client.http().client().get(url.as_str()).send().await?;
            let location = answer
                .headers()
                .get("location")
                .and_then(|value| value.to_str().ok())
                .ok_or("the sandbox redirects")?;
            location.to_owned()
        }
        None => {
            println!("  Open the URL above, sign in, then paste the URL you were sent to:");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim().to_owned()
        }
    };
    println!("  back at {}", common::redact_url(&back));

    step(3, "The redirect checked (state), the code exchanged");
    let exchange = pending.finish(&back)?;
    let token = client.exchange_code(&exchange).await?;
    let id_token = token.id_token.clone().ok_or("an id_token (scope openid)")?;
    println!(
        "  an access token valid for {}, and an id_token",
        common::time_left(token.tokens.expires_at)
    );

    step(4, "The id_token verified against the JWKS, nonce checked");
    let member = client.with_access_token(&token.tokens.access_token);
    let identity = match target.as_sandbox() {
        // The sandbox signs with its own keys, published at its JWKS URL.
        Some(sandbox) => member.identity().jwks_url(&sandbox.jwks_url()),
        None => member.identity().jwks_url(LINKEDIN_JWKS_URL),
    };
    let claims = identity.verify_id_token(&id_token, Some(&nonce)).await?;
    println!(
        "  sub {}, issued by {}, for {}",
        claims.sub,
        claims.iss,
        oauth.client_id().as_str()
    );

    step(5, "The member's userinfo");
    let me = identity.userinfo().await?;
    println!(
        "  {} <{}>",
        me.name.as_deref().unwrap_or("(no name)"),
        me.email.as_deref().unwrap_or("no email")
    );
    ensure(me.sub == claims.sub, "userinfo names the id_token's member")?;

    if target.is_sandbox() {
        step(
            6,
            "A token checked against another sign-in's nonce is refused",
        );
        let other = Nonce::generate()?;
        let refused = identity.verify_id_token(&id_token, Some(&other)).await;
        ensure(
            matches!(refused, Err(Error::Resource(_))),
            format!("a refusal, got {refused:?}"),
        )?;
        println!(
            "  refused: {}",
            refused.err().map(|e| e.to_string()).unwrap_or_default()
        );
        step(7, "So is a token for another application");
        let elsewhere = identity
            .clone()
            .verifier(IdTokenVerifier::new("another-app"))
            .verify_id_token(&id_token, Some(&nonce))
            .await;
        ensure(elsewhere.is_err(), "a refusal for another audience")?;
    }
    Ok(())
}
