//! Reads the signed-in member's profile from `/v2/me`: as your own type,
//! with a `fields` projection, and with a token that is refused (the
//! typed 401).
//!
//! ```text
//! cargo run --example get_profile
//! LINKEDIN_ACCESS_TOKEN=... cargo run --example get_profile
//! ```
//!
//! Against LinkedIn the token needs a legacy scope that can read `/v2/me`
//! (`r_liteprofile` or `r_basicprofile`, granted to apps that had them
//! before Sign In with LinkedIn using OpenID Connect). An app on OpenID
//! Connect (scopes `openid profile email`) gets 403 from `/v2/me`: it reads
//! who signed in from `/v2/userinfo` instead, as `quickstart` does
//! (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>).

#[path = "common/mod.rs"]
mod common;

use common::{Result, Target, ensure, print_got, print_sent, step};
use linkedin::oauth::AccessToken;
use linkedin::prelude::*;
use serde::{Deserialize, Serialize};

/// The member, as `/v2/me` returns them (LinkedIn's field names are camelCase).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    id: String,
    localized_first_name: String,
    localized_last_name: String,
    #[serde(default)]
    vanity_name: Option<String>,
}

#[tokio::main]
async fn main() -> Result {
    let target = Target::api().await?;
    target.print_banner("get_profile");
    let client = target.client()?;

    step(1, "The profile as a typed struct");
    let request = Request::get("/me");
    print_sent(client.config(), &request)?;
    let me: EntityResponse<Profile> = client.send(request).await?;
    print_got(me.meta.status(), &me.entity);
    println!(
        "   {} {} (id {}, vanity name {})",
        me.entity.localized_first_name,
        me.entity.localized_last_name,
        me.entity.id,
        me.entity.vanity_name.as_deref().unwrap_or("-")
    );
    if target.is_sandbox() {
        ensure(me.entity.id == "sAnDb0x1d", "the sandbox member's id")?;
    }

    step(
        2,
        "Only some fields: a projection (sent unencoded, as LinkedIn expects)",
    );
    let request = Request::get("/me").fields("id,localizedFirstName,localizedLastName");
    print_sent(client.config(), &request)?;
    let projected: EntityResponse = client.send(request).await?;
    print_got(projected.meta.status(), &projected.entity);
    ensure(
        projected.entity["id"] == me.entity.id.as_str(),
        "the same member",
    )?;
    // The sandbox honours `fields` as LinkedIn does: what was not asked for
    // (the seeded member has a `vanityName`) does not come back.
    if target.is_sandbox() {
        ensure(
            projected.entity.get("vanityName").is_none()
                && projected.entity["localizedFirstName"].is_string(),
            "only the projected fields",
        )?;
    }

    step(3, "A token LinkedIn does not accept: a typed 401");
    let stranger = client.with_access_token(&AccessToken::new("not-a-valid-token"));
    match stranger
        .send::<_, linkedin::EntityResponse<Profile>>(Request::get("/me"))
        .await
    {
        Err(err) => {
            let status = err.status();
            println!(
                "   <- {}",
                status.map_or("no status".into(), |s| s.to_string())
            );
            if let Some(api) = err.api_error() {
                println!(
                    "   serviceErrorCode {}, message {:?}",
                    api.service_error_code()
                        .map_or("-".into(), |code| code.to_string()),
                    api.message().unwrap_or("")
                );
            }
            ensure(
                status == Some(http::StatusCode::UNAUTHORIZED),
                format!("401 for a bad token, got {status:?}"),
            )?;
        }
        Ok(_) => return Err("a made-up token was accepted".into()),
    }

    println!("\nDone.");
    Ok(())
}
