//! The blocking client (`linkedin::blocking`, over ureq): the same calls as
//! the async client without `.await`, pagination as an `Iterator`, and no
//! async runtime anywhere in this program (the sandbox runs on a thread of
//! its own).
//!
//! ```text
//! cargo run --example blocking
//! LINKEDIN_ACCESS_TOKEN=... cargo run --example blocking
//! ```
//!
//! In your own program, depend on `linkedin` with
//! `default-features = false, features = ["blocking"]` to leave tokio and
//! reqwest out.

#[path = "common/mod.rs"]
mod common;

use common::{Result, Target, ensure, print_got, print_sent, skipped, step};
use linkedin::{CollectionResponse, CreateResponse, EntityResponse, Patch, Request};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The fields of an ad account this program reads.
#[derive(Debug, Serialize, Deserialize)]
struct AdAccount {
    id: u64,
    name: String,
    status: String,
}

/// The sandbox's ad account the campaign group is created under.
const ACCOUNT: u64 = 500_001;

fn main() -> Result {
    let target = Target::api_blocking()?;
    target.print_banner("blocking");
    let client = target.blocking_client()?;
    let version = target.version().to_owned();

    // Who signed in: `/v2/userinfo` (Sign In with LinkedIn using OpenID
    // Connect, scopes `openid profile`); it exists only under `/v2`, which
    // the pasted prefix picks. `/v2/me` needs the legacy `r_liteprofile` or
    // `r_basicprofile` scope and answers 403 to OpenID Connect apps.
    step(1, "GET /v2/userinfo");
    let request = Request::get("/v2/userinfo");
    print_sent(client.config(), &request)?;
    let me: EntityResponse = client.send(request)?;
    print_got(me.meta.status(), &me.entity);
    if target.is_sandbox() {
        ensure(me.entity["family_name"] == "Box", "the sandbox member")?;
    }

    step(2, "One page of the ad-account search finder");
    let search = Request::finder("/adAccounts", "search")
        .param("search", &json!({"status": {"values": ["ACTIVE"]}}))
        .version(&version);
    print_sent(client.config(), &search)?;
    let page: CollectionResponse<AdAccount> = client.send(search.clone())?;
    print_got(page.meta.status(), &page.elements);

    step(3, "Every ad account, page after page (an Iterator)");
    let mut count = 0;
    for account in client.paginate::<AdAccount>(
        Request::finder("/adAccounts", "search")
            .page(0, 2)
            .version(&version),
    ) {
        let account = account?;
        println!("   {} {} ({})", account.id, account.name, account.status);
        count += 1;
    }
    if target.is_sandbox() {
        ensure(count == 4, format!("4 seeded accounts, saw {count}"))?;
    }

    step(4, "Create, update and delete a campaign group");
    if !target.is_sandbox() {
        skipped("writes run against the sandbox only; see crud_ad_accounts for LinkedIn");
        println!("\nDone.");
        return Ok(());
    }
    let group =
        json!({"account": "urn:li:sponsoredAccount:500001", "name": "Blocking", "status": "DRAFT"});
    // Campaign groups live under their ad account in the versioned APIs.
    let request = Request::create("/adAccounts/{account}/adCampaignGroups", &group)
        .key("account", &ACCOUNT)
        .version(&version);
    print_sent(client.config(), &request)?;
    let created: CreateResponse<u64> = client.send(request)?;
    let id = created.id.ok_or("no X-RestLi-Id in the CREATE answer")?;
    println!("   <- {} X-RestLi-Id: {id}", created.meta.status());

    let patch = Patch::set(&json!({"status": "ACTIVE"}))?;
    let status = client.send(
        Request::partial_update("/adAccounts/{account}/adCampaignGroups/{id}", &patch)
            .key("account", &ACCOUNT)
            .key("id", &id)
            .version(&version),
    )?;
    println!("   PARTIAL_UPDATE <- {}", status.meta.status());
    let read: EntityResponse = client.send(
        Request::get("/adAccounts/{account}/adCampaignGroups/{id}")
            .key("account", &ACCOUNT)
            .key("id", &id)
            .version(&version),
    )?;
    ensure(read.entity["status"] == "ACTIVE", "the patched status")?;

    let deleted = client.send(
        Request::delete("/adAccounts/{account}/adCampaignGroups/{id}")
            .key("account", &ACCOUNT)
            .key("id", &id)
            .version(&version),
    )?;
    println!("   DELETE <- {}", deleted.meta.status());

    step(5, "Errors are typed: GET what was deleted");
    match client.send::<_, linkedin::EntityResponse<serde_json::Value>>(
        Request::get("/adAccounts/{account}/adCampaignGroups/{id}")
            .key("account", &ACCOUNT)
            .key("id", &id)
            .version(&version),
    ) {
        Err(err) => {
            println!("   <- {err}");
            ensure(
                err.status() == Some(http::StatusCode::NOT_FOUND),
                "404 after DELETE",
            )?;
        }
        Ok(_) => return Err("the deleted group can still be read".into()),
    }

    println!("\nDone.");
    Ok(())
}
