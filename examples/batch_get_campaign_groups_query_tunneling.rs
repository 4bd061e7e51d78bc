//! Query tunneling: a BATCH_GET of 400 campaign groups has a query string
//! longer than LinkedIn accepts in a URL (4,000 bytes), so the SDK sends it
//! as `POST` with `X-HTTP-Method-Override: GET` and the query as a form body.
//! A BATCH_PARTIAL_UPDATE of the same ids also has a JSON body, so it goes
//! as `multipart/mixed`; a BATCH_DELETE keeps `DELETE` as its override.
//! Nothing changes in your code: the client decides.
//!
//! ```text
//! cargo run --example batch_get_campaign_groups_query_tunneling
//! LINKEDIN_ACCESS_TOKEN=... LINKEDIN_AD_ACCOUNT_ID=... cargo run --example batch_get_campaign_groups_query_tunneling
//! ```
//!
//! Campaign groups live under their ad account
//! (`/rest/adAccounts/{account}/adCampaignGroups`). Against the sandbox the
//! example stores 400 of them first; against LinkedIn it reads the ids of
//! the account's campaign groups (`LINKEDIN_AD_ACCOUNT_ID`) and only reads.

#[path = "common/mod.rs"]
mod common;

use common::{Result, Target, ensure, print_sent, skipped, step};
use linkedin::prelude::*;
use serde::Deserialize;
use serde_json::json;

/// The sandbox's ad account that owns the campaign groups.
const SANDBOX_ACCOUNT: u64 = 500001;
/// How many campaign groups to read at once.
const GROUPS: u64 = 400;
/// The first id: nine digits, as LinkedIn's are.
const FIRST_ID: u64 = 612_000_000;

/// The fields of a campaign group this program reads.
#[derive(Debug, Deserialize)]
struct CampaignGroup {
    id: u64,
    name: String,
    status: String,
}

#[tokio::main]
async fn main() -> Result {
    let target = Target::api().await?;
    target.print_banner("batch_get_campaign_groups_query_tunneling");
    let client = Client::builder()
        .endpoint(target.endpoint()?)
        .version(target.version())
        .access_token(target.access_token()?)
        .build()?;
    let groups = "/adAccounts/{account}/adCampaignGroups";

    step(1, "The campaign group ids");
    let (account, ids) = match target.as_sandbox() {
        Some(sandbox) => {
            let ids: Vec<u64> = (FIRST_ID..FIRST_ID + GROUPS).collect();
            let collection = format!("/adAccounts/{SANDBOX_ACCOUNT}/adCampaignGroups");
            for (n, id) in ids.iter().enumerate() {
                let group = json!({"name": format!("Group {}", n + 1), "status": "ACTIVE"});
                sandbox.insert(&collection, id, group)?;
            }
            println!(
                "   stored {GROUPS} campaign groups in the sandbox under account {SANDBOX_ACCOUNT}"
            );
            (SANDBOX_ACCOUNT, ids)
        }
        None => {
            let Some(account) = common::var("LINKEDIN_AD_ACCOUNT_ID") else {
                skipped("set LINKEDIN_AD_ACCOUNT_ID to read that account's campaign groups");
                return Ok(());
            };
            let account: u64 = account.parse()?;
            let search = Request::finder(groups, "search").key("account", &account);
            let found: Vec<CampaignGroup> = client
                .paginate(search.page(0, 100))
                .take(GROUPS as usize)
                .try_collect()
                .await?;
            println!(
                "   the account has {} campaign groups (up to {GROUPS} read)",
                found.len()
            );
            (account, found.iter().map(|g| g.id).collect())
        }
    };
    let tunneled_here = ids.len() as u64 == GROUPS;

    step(2, "BATCH_GET: the query string is too long for a URL");
    let request = Request::batch_get(groups, ids.iter().copied()).key("account", &account);
    println!(
        "   ids=List(...) of {} ids: a {}-byte query string (the limit is {})",
        ids.len(),
        request.query().to_string().len(),
        client.config().tunnel_threshold()
    );
    let http = request.to_http(client.config(), None)?;
    print_sent(client.config(), &request)?;
    println!("      Content-Type: {}", content_type(&http));
    if tunneled_here {
        ensure(
            http.method() == http::Method::POST && override_of(&http) == Some("GET"),
            "POST with X-HTTP-Method-Override: GET",
        )?;
    }
    let batch: BatchGetResponse<u64, CampaignGroup> = client.send(request).await?;
    println!(
        "   <- {}: {} results, {} errors",
        batch.meta.status(),
        batch.results.len(),
        batch.errors.len()
    );
    for (id, group) in batch.results.iter().take(3) {
        println!("      {id}: {} ({})", group.name, group.status);
    }
    ensure(
        batch.results.len() == ids.len() && batch.errors.is_empty(),
        format!("{} results for {} ids", batch.results.len(), ids.len()),
    )?;
    ensure(
        batch.results.iter().all(|(id, group)| *id == group.id),
        "each result under its own id",
    )?;

    if !target.is_sandbox() {
        skipped("the writes below change campaign groups; they run against the sandbox only");
        return Ok(());
    }

    step(
        3,
        "BATCH_PARTIAL_UPDATE: a long query and a JSON body, so multipart/mixed",
    );
    let pause = Patch::set(&json!({"status": "PAUSED"}))?;
    let request = Request::batch_partial_update(
        groups,
        ids.iter().copied(),
        ids.iter().map(|_| pause.clone()),
    )
    .key("account", &account);
    let http = request.to_http(client.config(), None)?;
    print_sent(client.config(), &request)?;
    println!("      Content-Type: {}", shorten_type(&content_type(&http)));
    ensure(
        content_type(&http).starts_with("multipart/mixed") && override_of(&http) == Some("POST"),
        "multipart/mixed with X-HTTP-Method-Override: POST",
    )?;
    let statuses: BatchStatusResponse<u64> = client.send(request).await?;
    let ok = statuses
        .results
        .values()
        .filter(|item| item.status.is_success())
        .count();
    println!(
        "   <- {}: {ok} of {} updated",
        statuses.meta.status(),
        ids.len()
    );
    ensure(ok == ids.len(), "every group paused")?;

    step(4, "BATCH_DELETE: the override stays DELETE");
    let request = Request::batch_delete(groups, ids.iter().copied()).key("account", &account);
    let http = request.to_http(client.config(), None)?;
    print_sent(client.config(), &request)?;
    ensure(
        override_of(&http) == Some("DELETE"),
        "X-HTTP-Method-Override: DELETE",
    )?;
    let statuses: BatchStatusResponse<u64> = client.send(request).await?;
    let ok = statuses
        .results
        .values()
        .filter(|item| item.status.is_success())
        .count();
    println!(
        "   <- {}: {ok} of {} deleted",
        statuses.meta.status(),
        ids.len()
    );
    ensure(ok == ids.len(), "every group deleted")?;

    println!("\nDone.");
    Ok(())
}

fn content_type(http: &http::Request<Vec<u8>>) -> String {
    http.headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned()
}

fn override_of(http: &http::Request<Vec<u8>>) -> Option<&str> {
    http.headers()
        .get("x-http-method-override")
        .and_then(|v| v.to_str().ok())
}

/// `multipart/mixed; boundary=...` without the long boundary.
fn shorten_type(content_type: &str) -> String {
    common::shorten(content_type, 40)
}
