//! A guided tour of linkedin-rs, each step printed as it happens:
//!
//! 1. sign a member in with 3-legged OAuth (CSRF `state`, the code
//!    exchange, a token source that renews itself; no PKCE: LinkedIn
//!    supports it only for native apps it has been enabled for, and a web
//!    app sending `code_verifier` gets 401 `invalid_client`);
//! 2. read who signed in from `/v2/userinfo` (Sign In with LinkedIn using
//!    OpenID Connect; `/v2/me` needs the legacy `r_liteprofile` or
//!    `r_basicprofile` scope and answers 403 to OpenID Connect apps);
//! 3. create, read, partially update and delete an ad account (`/rest`,
//!    with a `LinkedIn-Version`);
//! 4. run the ad-account search finder from LinkedIn's Rest.li docs;
//! 5. BATCH_GET 400 campaign groups of an ad account
//!    (`/adAccounts/{id}/adCampaignGroups`), a query too long for a URL, so
//!    it is tunneled;
//! 6. page through a collection;
//! 7. get rate limited (429 with `Retry-After`) and recover.
//!
//! Beside each request and answer it prints the Rust call that made it
//! (`rust: client.send(request).await?`), taken from this file's source by
//! `stringify!`, so what you read is what ran.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With no configuration it runs against an in-process `linkedin-sandbox`,
//! checks every result and exits 0 (1 on anything unexpected). With
//! `LINKEDIN_ACCESS_TOKEN` set it calls LinkedIn instead (`LINKEDIN_VERSION`
//! picks the `LinkedIn-Version`, see `common/mod.rs`); the sign-in, the
//! seeding and the injected rate limit are sandbox-only and skipped, and the
//! ad-account writes need `LINKEDIN_ORGANIZATION_URN` (the organization the
//! test account is created for; it is deleted again at the end of step 3).

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{Result, Target, ensure, print_got, print_sent, skipped, step};
use linkedin::oauth::{AuthorizationCodeFlow, RedirectUrl};
use linkedin::prelude::*;
use linkedin_sandbox::Fault;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Runs an expression after printing its source (`stringify!` of the very
/// tokens that run), so each step shows the Rust call beside the request
/// and the answer.
macro_rules! call {
    ($e:expr) => {{
        rust(stringify!($e));
        $e
    }};
}

/// Prints a line of Rust, for calls whose source is too long to show as
/// it stands (a `json!` literal).
fn rust(code: &str) {
    // `stringify!` keeps the source's line breaks and trailing commas:
    // one line reads better.
    let line = code.split_whitespace().collect::<Vec<_>>().join(" ");
    println!("   rust: {}", line.replace(",)", ")").replace("( ", "("));
}

/// The member's OpenID Connect claims, as `/v2/userinfo` returns them
/// (https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2).
#[derive(Debug, Serialize, Deserialize)]
struct UserInfo {
    sub: String,
    name: String,
    given_name: String,
}

/// The fields of an ad account this tour reads.
#[derive(Debug, Serialize, Deserialize)]
struct AdAccount {
    id: u64,
    name: String,
    status: String,
}

/// The campaign groups the sandbox is seeded with for step 5.
const GROUPS: u64 = 400;
/// Their ids: nine digits, as LinkedIn's are.
const FIRST_GROUP_ID: u64 = 612_000_000;
/// The ad account they belong to (campaign groups live under their
/// account since the versioned APIs: `/adAccounts/{id}/adCampaignGroups`).
const ACCOUNT: u64 = 500_001;
/// The header a tunneled request names its real verb in.
const X_HTTP_METHOD_OVERRIDE: &str = "x-http-method-override";

#[tokio::main]
async fn main() -> Result {
    let target = Target::api().await?;
    target.print_banner("quickstart");
    let version = target.version().to_owned();
    // The /rest APIs need a LinkedIn-Version; /v2 ones go without.
    // Defined here, so that `version` is this run's.
    macro_rules! rest {
        ($request:expr $(,)?) => {
            $request.version(&version)
        };
    }
    println!("\nIn the `rust:` lines below, `rest!` is this helper:");
    rust(
        "macro_rules! rest { ($request:expr) => { $request.version(VERSION) } } // the /rest APIs need a LinkedIn-Version",
    );

    step(1, "Sign in a member (3-legged OAuth)");
    let client = match target.as_sandbox() {
        Some(_) => sign_in(&target).await?,
        None => {
            skipped(
                "calling LinkedIn with LINKEDIN_ACCESS_TOKEN; `cargo run --example oauth_member_auth_redirect` shows the browser flow",
            );
            target.client()?
        }
    };

    step(2, "Who am I? GET /v2/userinfo");
    // `/v2/userinfo` exists only under `/v2`: the pasted prefix picks that
    // root whatever the client's default.
    let request = call!(Request::get("/v2/userinfo"));
    print_sent(client.config(), &request)?;
    let me: EntityResponse<UserInfo> = call!(client.send(request).await?);
    print_got(me.meta.status(), &me.entity);
    println!("   Hello, {}!", me.entity.name);
    if target.is_sandbox() {
        ensure(me.entity.given_name == "Sandra", "the sandbox member")?;
    }

    step(3, "Create, read, update and delete an ad account");
    let reference = match target.as_sandbox() {
        Some(_) => Some("urn:li:organization:123".to_owned()),
        None => common::var("LINKEDIN_ORGANIZATION_URN"),
    };
    match reference {
        Some(reference) => crud(&client, &version, &reference, target.is_sandbox()).await?,
        None => skipped("set LINKEDIN_ORGANIZATION_URN to create a test ad account for it"),
    }

    step(4, "The ad-account search finder from LinkedIn's docs");
    let search = rest!(Request::finder("/adAccounts", "search").param(
        "search",
        &json!({
            "status": {"values": ["ACTIVE", "DRAFT"]},
            "reference": {"values": ["urn:li:organization:123"]},
            "test": false,
        }),
    ));
    rust(
        r#"Request::finder("/adAccounts", "search").param("search", &json!({"status": {"values": ["ACTIVE", "DRAFT"]}, ...})).version(VERSION)"#,
    );
    print_sent(client.config(), &search)?;
    let found: CollectionResponse<AdAccount> = call!(client.send(search).await?);
    print_got(found.meta.status(), &found.elements);
    if target.is_sandbox() {
        let ids: Vec<u64> = found.elements.iter().map(|a| a.id).collect();
        ensure(ids == [500001, 500002], format!("finder found {ids:?}"))?;
    }

    step(5, "BATCH_GET of 400 campaign groups: tunneled");
    let ids: Vec<u64> = (FIRST_GROUP_ID..FIRST_GROUP_ID + GROUPS).collect();
    if let Some(sandbox) = target.as_sandbox() {
        for (n, id) in ids.iter().enumerate() {
            let group = json!({
                "account": "urn:li:sponsoredAccount:500001",
                "name": format!("Campaign group {}", n + 1),
                "status": "ACTIVE",
            });
            sandbox.insert(
                &format!("/adAccounts/{ACCOUNT}/adCampaignGroups"),
                id,
                group,
            )?;
        }
        println!("   (stored {GROUPS} campaign groups in the sandbox first)");
    }
    let batch = call!(rest!(
        Request::batch_get(
            "/adAccounts/{account}/adCampaignGroups",
            ids.iter().copied(),
        )
        .key("account", &ACCOUNT),
    ));
    let http = batch.to_http(client.config(), None)?;
    println!(
        "   the query string is {} bytes, over the {}-byte limit, so the SDK sends it as a form body:",
        batch.query().to_string().len(),
        client.config().tunnel_threshold()
    );
    print_sent(client.config(), &batch)?;
    let header = |name: &str| http.headers().get(name).and_then(|v| v.to_str().ok());
    println!(
        "      Content-Type: {}",
        header("content-type").unwrap_or("?")
    );
    ensure(
        http.method() == http::Method::POST && header(X_HTTP_METHOD_OVERRIDE) == Some("GET"),
        "a tunneled request: POST with X-HTTP-Method-Override: GET",
    )?;
    if target.is_sandbox() {
        let groups: BatchGetResponse<u64> = call!(client.send(batch).await?);
        let first = groups.get(&FIRST_GROUP_ID).and_then(|group| group.ok());
        println!(
            "   <- {} {} results, {} errors; {FIRST_GROUP_ID} = {}",
            groups.meta.status(),
            groups.results.len(),
            groups.errors.len(),
            common::short_json(&first),
        );
        ensure(
            groups.results.len() == ids.len() && groups.errors.is_empty(),
            "all 400 campaign groups came back",
        )?;
    } else {
        skipped("these ids are the sandbox's; the request above is what would be sent");
    }

    step(6, "Pagination: every ad account, two per page");
    rust(
        r#"client.pages::<AdAccount>(Request::finder("/adAccounts", "search").page(0, 2).version(VERSION))"#,
    );
    rust("while let Some(page) = pages.next().await { let page = page?; ... }");
    let mut pages = std::pin::pin!(
        client.pages::<AdAccount>(rest!(Request::finder("/adAccounts", "search").page(0, 2)))
    );
    let mut all = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page?;
        let ids: Vec<u64> = page.elements.iter().map(|a| a.id).collect();
        println!(
            "   <- page at start={}: {ids:?}",
            page.paging.as_ref().map_or(0, |p| p.start)
        );
        all.extend(page.elements);
        if all.len() >= 20 {
            println!("   (stopping after 20 accounts)");
            break;
        }
    }
    println!("   {} ad accounts in all", all.len());
    if target.is_sandbox() {
        ensure(
            all.len() == 4,
            format!("4 seeded accounts, got {}", all.len()),
        )?;
    }

    step(7, "Rate limited (429, Retry-After) and recovered");
    match target.as_sandbox() {
        Some(sandbox) => {
            // The next request to /rest/adAccounts is refused with
            // Retry-After: 1; the client waits, retries, and succeeds.
            sandbox.inject(
                Fault::rate_limit(0, Duration::from_secs(1))
                    .with_retry_after()
                    .times(1)
                    .on_path("/rest/adAccounts"),
            );
            sandbox.reset_stats();
            let request = call!(rest!(Request::get("/adAccounts/{id}").key("id", &500001)));
            print_sent(client.config(), &request)?;
            let started = Instant::now();
            let account: EntityResponse<AdAccount> = call!(client.send(request).await?);
            let elapsed = started.elapsed();
            let attempts = sandbox.request_count("/rest/adAccounts/500001");
            println!(
                "   <- 429 Too Many Requests, Retry-After: 1 (the client waits, then retries)"
            );
            print_got(account.meta.status(), &account.entity);
            println!(
                "   {attempts} attempts, {:.1} s in all",
                elapsed.as_secs_f64()
            );
            ensure(attempts == 2, format!("2 attempts, saw {attempts}"))?;
            ensure(
                elapsed >= Duration::from_millis(900),
                "the client waited for Retry-After",
            )?;
        }
        None => skipped("faults are injected into the sandbox only"),
    }

    println!("\nDone: every step gave the expected result.");
    Ok(())
}

/// Step 1 against the sandbox: plays the member's browser (the sandbox
/// consents at once), checks the redirect, exchanges the code, and returns
/// a client whose token renews itself.
async fn sign_in(target: &Target) -> Result<Client> {
    let oauth = target.oauth()?;
    let oauth_client = Client::builder()
        .endpoint(target.endpoint()?)
        .oauth(oauth.clone())
        .build()?;

    let (url, pending) = call!(
        AuthorizationCodeFlow::new(
            oauth.client_id().clone(),
            RedirectUrl::new("http://localhost:8400/callback")?,
        )
        .base_url(oauth.base().clone())
        // As on LinkedIn: reading ad accounts needs `r_ads`, writing them `rw_ads`.
        .scopes(["openid", "profile", "r_ads", "rw_ads"])
        .start()?
    );
    println!("   The app sends the member's browser to the authorization URL:");
    println!("   -> GET {}", common::redact_url(url.as_str()));

    // The browser: LinkedIn answers with a redirect back to the app.
    let answer = oauth_client
        .http()
        .client()
        .get(url.as_str())
        .send()
        .await?;
    let location = answer
        .headers()
        .get(http::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or("the authorization answered without a Location")?
        .to_owned();
    println!(
        "   <- {} Location: {}",
        answer.status(),
        common::redact_url(&location)
    );

    // The app: check the state, take the code, exchange it.
    let exchange = call!(pending.finish(&location)?);
    println!("   The state matches the one we sent: the redirect is ours.");
    println!(
        "   -> POST {}/accessToken (grant_type=authorization_code, the code and the client secret)",
        oauth.base().as_str().trim_end_matches('/')
    );
    let token = call!(oauth_client.exchange_code(&exchange).await?);
    let tokens = token.tokens;
    println!(
        "   <- an access token valid for {}, {} refresh token, scopes {:?}",
        common::time_left(tokens.expires_at),
        if tokens.refresh_token.is_some() {
            "a"
        } else {
            "no"
        },
        tokens.scopes
    );
    ensure(tokens.refresh_token.is_some(), "a refresh token")?;

    rust("TokenSource::new(oauth, tokens).on_refresh(|tokens| { /* store them */ })");
    rust("Client::builder().endpoint(endpoint).token_source(source).build()?");
    let source = TokenSource::new(oauth, tokens).on_refresh(|_tokens| {
        // Store the renewed tokens securely here (they are serde types).
    });
    Ok(Client::builder()
        .endpoint(target.endpoint()?)
        .token_source(source)
        .build()?)
}

/// Step 3: CREATE, GET, PARTIAL_UPDATE, DELETE, then GET again (404).
async fn crud(client: &Client, version: &str, reference: &str, sandbox: bool) -> Result {
    // The same helper as in `main`, for this run's version.
    macro_rules! rest {
        ($request:expr $(,)?) => {
            $request.version(version)
        };
    }
    let account = json!({
        "name": "Quickstart test account",
        "reference": reference,
        "type": "BUSINESS",
        "currency": "USD",
        "status": "DRAFT",
        "test": true,
    });
    rust(r#"let account = json!({"name": "Quickstart test account", ...});"#);
    let request = call!(rest!(Request::create("/adAccounts", &account)));
    print_sent(client.config(), &request)?;
    let created: CreateResponse<u64> = call!(client.send(request).await?);
    let id = created.id.ok_or("no X-RestLi-Id in the CREATE answer")?;
    println!("   <- {} X-RestLi-Id: {id}", created.meta.status());

    let request = call!(rest!(Request::get("/adAccounts/{id}").key("id", &id)));
    print_sent(client.config(), &request)?;
    let read: EntityResponse<AdAccount> = call!(client.send(request).await?);
    print_got(read.meta.status(), &read.entity);
    ensure(
        read.entity.name == "Quickstart test account",
        "the created account",
    )?;

    let patch = call!(Patch::set(&json!({"name": "Quickstart (renamed)"}))?);
    println!("   patch: {}", common::short_json(&patch.to_body()));
    let request = call!(rest!(
        Request::partial_update("/adAccounts/{id}", &patch).key("id", &id)
    ));
    print_sent(client.config(), &request)?;
    let updated = call!(client.send(request).await?);
    println!("   <- {}", updated.meta.status());
    let read: EntityResponse<AdAccount> = client
        .send(rest!(Request::get("/adAccounts/{id}").key("id", &id)))
        .await?;
    println!("   now named {:?}", read.entity.name);
    ensure(
        read.entity.name == "Quickstart (renamed)",
        "the patched name",
    )?;

    let request = call!(rest!(Request::delete("/adAccounts/{id}").key("id", &id)));
    print_sent(client.config(), &request)?;
    let deleted = call!(client.send(request).await?);
    println!("   <- {}", deleted.meta.status());

    let gone = client
        .send::<_, linkedin::EntityResponse<serde_json::Value>>(rest!(
            Request::get("/adAccounts/{id}").key("id", &id)
        ))
        .await;
    match gone {
        Err(err) if err.status() == Some(http::StatusCode::NOT_FOUND) => {
            let message = err.api_error().and_then(|e| e.message()).unwrap_or("?");
            println!("   reading it again: 404 Not Found, {message:?}");
            Ok(())
        }
        Err(err) => Err(err.into()),
        // LinkedIn keeps deleted accounts readable, with status REMOVED.
        Ok(gone) if !sandbox => {
            println!("   reading it again: status {}", gone.entity["status"]);
            Ok(())
        }
        Ok(_) => Err("the deleted account can still be read".into()),
    }
}
