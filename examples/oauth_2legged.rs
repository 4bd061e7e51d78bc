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

use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
        "   <- a token valid until {} (expires in {}), scopes {:?}",
        utc_date(token.expires_at),
        common::time_left(token.expires_at),
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
            .send(
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

/// `2026-12-01 10:20 UTC`: a date a person reads, never epoch seconds.
/// (The civil-from-days conversion of Howard Hinnant's date algorithms, so
/// the example needs no date crate.)
fn utc_date(at: SystemTime) -> String {
    let Ok(since) = at.duration_since(UNIX_EPOCH) else {
        return "before 1970".into();
    };
    let secs = since.as_secs();
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3_600,
        rest % 3_600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates() {
        let at = |secs| UNIX_EPOCH + Duration::from_secs(secs);
        assert_eq!(utc_date(at(0)), "1970-01-01 00:00 UTC");
        assert_eq!(utc_date(at(1_796_113_188)), "2026-12-01 08:19 UTC");
        assert_eq!(utc_date(at(951_782_400)), "2000-02-29 00:00 UTC");
    }
}
