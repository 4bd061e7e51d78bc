//! Ad accounts from create to delete, with typed entities: CREATE (the new
//! id from `X-RestLi-Id`), GET, PARTIAL_UPDATE with a patch computed as the
//! difference of two values, the search finder, BATCH_GET, DELETE, and the
//! 404 after it. Ad accounts are a versioned API: every request carries a
//! `LinkedIn-Version` and goes to `/rest`.
//!
//! ```text
//! cargo run --example crud_ad_accounts
//! LINKEDIN_ACCESS_TOKEN=... LINKEDIN_ORGANIZATION_URN=urn:li:organization:... cargo run --example crud_ad_accounts
//! ```
//!
//! Against LinkedIn (token with `rw_ads`) it creates a *test* ad account for
//! `LINKEDIN_ORGANIZATION_URN` and deletes it again; without that variable
//! it only lists your ad accounts.

#[path = "common/mod.rs"]
mod common;

use common::{Result, Target, ensure, print_got, print_sent, skipped, step};
use linkedin::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// An ad account as this program sends and reads it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct AdAccount {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
    name: String,
    reference: Urn,
    #[serde(rename = "type")]
    kind: String,
    currency: String,
    status: String,
    test: bool,
}

#[tokio::main]
async fn main() -> Result {
    let target = Target::api().await?;
    target.print_banner("crud_ad_accounts");
    let client = Client::builder()
        .endpoint(target.endpoint()?)
        .version(target.version()) // every call here is to a versioned API
        .access_token(target.access_token()?)
        .build()?;

    let reference = match target.as_sandbox() {
        Some(_) => Some(Urn::li("organization", 123)?),
        None => common::var("LINKEDIN_ORGANIZATION_URN")
            .map(|urn| urn.parse::<Urn>())
            .transpose()?,
    };
    let Some(reference) = reference else {
        step(1, "Your ad accounts (search finder)");
        let mut accounts = std::pin::pin!(
            client.paginate::<serde_json::Value>(Request::finder("/adAccounts", "search"))
        );
        while let Some(account) = accounts.next().await {
            let account = account?;
            println!(
                "   {} {} ({})",
                account["id"], account["name"], account["status"]
            );
        }
        skipped("set LINKEDIN_ORGANIZATION_URN to create, update and delete a test account");
        return Ok(());
    };

    step(1, "CREATE a test ad account");
    let mut account = AdAccount {
        id: None,
        name: "linkedin-rs example".into(),
        reference: reference.clone(),
        kind: "BUSINESS".into(),
        currency: "USD".into(),
        status: "DRAFT".into(),
        test: true,
    };
    let request = Request::create("/adAccounts", &account);
    print_sent(client.config(), &request)?;
    let created: CreateResponse<u64> = client.send(request).await?;
    let id = created.id.ok_or("no X-RestLi-Id in the CREATE answer")?;
    println!("   <- {} X-RestLi-Id: {id}", created.meta.status());
    account.id = Some(id);

    step(2, "GET it back as the same type");
    let request = Request::get("/adAccounts/{id}").key("id", &id);
    print_sent(client.config(), &request)?;
    let read: EntityResponse<AdAccount> = client.send(request).await?;
    print_got(read.meta.status(), &read.entity);
    ensure(
        read.entity.name == account.name && read.entity.reference == account.reference,
        "the account reads back as created",
    )?;

    step(
        3,
        "PARTIAL_UPDATE: a patch computed from the old and new values",
    );
    let mut renamed = read.entity.clone();
    renamed.name = "linkedin-rs example (renamed)".into();
    let patch = Patch::diff(&read.entity, &renamed)?;
    println!("   patch: {}", common::short_json(&patch.to_body()));
    let request = Request::partial_update("/adAccounts/{id}", &patch).key("id", &id);
    print_sent(client.config(), &request)?;
    let status = client.send(request).await?;
    println!("   <- {}", status.meta.status());
    let read: EntityResponse<AdAccount> = client
        .send(Request::get("/adAccounts/{id}").key("id", &id))
        .await?;
    ensure(read.entity.name == renamed.name, "the renamed account")?;
    println!("   now named {:?}", read.entity.name);

    step(4, "FINDER: the organization's test accounts");
    let search = Request::finder("/adAccounts", "search").param(
        "search",
        &json!({"reference": {"values": [reference]}, "test": true}),
    );
    print_sent(client.config(), &search)?;
    let found: Vec<AdAccount> = client.paginate(search.page(0, 50)).try_collect().await?;
    for account in &found {
        let id = account.id.map_or("?".into(), |id| id.to_string());
        println!("   {id} {} ({})", account.name, account.status);
    }
    ensure(
        found.iter().any(|a| a.id == Some(id)),
        "the new account is found",
    )?;

    step(5, "BATCH_GET: results keyed by typed id");
    let mut ids = vec![id];
    if target.is_sandbox() {
        ids.push(500001);
    }
    let request = Request::batch_get("/adAccounts", ids.iter().copied());
    print_sent(client.config(), &request)?;
    let batch: BatchGetResponse<u64, AdAccount> = client.send(request).await?;
    for (key, account) in batch.results.iter() {
        println!("   {key}: {}", account.name);
    }
    ensure(batch.results.len() == ids.len(), "every id came back")?;

    step(6, "DELETE, then GET: 404");
    let request = Request::delete("/adAccounts/{id}").key("id", &id);
    print_sent(client.config(), &request)?;
    let deleted = client.send(request).await?;
    println!("   <- {}", deleted.meta.status());
    match client
        .send::<_, linkedin::EntityResponse<AdAccount>>(
            Request::get("/adAccounts/{id}").key("id", &id),
        )
        .await
    {
        Err(err) if err.status() == Some(http::StatusCode::NOT_FOUND) => println!("   <- {err}"),
        Err(err) => return Err(err.into()),
        // LinkedIn keeps deleted accounts readable, with status REMOVED.
        Ok(gone) if !target.is_sandbox() => {
            println!("   <- still readable, status {}", gone.entity.status)
        }
        Ok(_) => return Err("the deleted account can still be read".into()),
    }

    println!("\nDone.");
    Ok(())
}
