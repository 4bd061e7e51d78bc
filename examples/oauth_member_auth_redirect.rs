//! Signing members in with 3-legged OAuth from a small axum web app:
//!
//! * `GET /login` starts an authorization (CSRF `state`; no PKCE, see
//!   `app`), keeps the serialized `PendingAuthorization` in a server-side session
//!   (an in-memory map keyed by an `HttpOnly` cookie), and redirects the
//!   browser to LinkedIn;
//! * `GET /callback` is where LinkedIn sends the browser back: it checks the
//!   redirect against the session (`pending.finish`: a forged `state` or a
//!   member who pressed *Cancel* are typed errors), exchanges the code for
//!   tokens, and greets the member by the name from their profile.
//!
//! ```text
//! cargo run --example oauth_member_auth_redirect
//! ```
//!
//! With no configuration the app drives itself against an in-process
//! `linkedin-sandbox`: a scripted browser (cookies handled by hand, no
//! redirects followed) signs in, then tries a callback with a tampered
//! `state` (refused), then plays a member who cancels (refused with
//! `user_cancelled_authorize`); the example checks each answer and exits 0.
//!
//! Against LinkedIn, register a redirect URL for your application in the
//! developer portal (*Auth* tab) and run
//!
//! ```text
//! LINKEDIN_CLIENT_ID=... LINKEDIN_CLIENT_SECRET=... \
//! LINKEDIN_REDIRECT_URL=http://localhost:3000/callback \
//! cargo run --example oauth_member_auth_redirect
//! ```
//!
//! The app listens on `127.0.0.1` at the redirect URL's port (default
//! `http://localhost:3000/callback`) until Ctrl-C; open
//! `http://localhost:3000/login` in a browser. `LINKEDIN_SCOPES`
//! (space-separated, default `openid profile`) sets the scopes; with
//! `openid` the name comes from `/v2/userinfo`, otherwise from `/v2/me`.

#[path = "common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use common::{Result, Target, ensure, step};
use http::{HeaderMap, StatusCode, Uri, header};
use linkedin::oauth::url::Url;
use linkedin::oauth::{
    AuthorizationCodeFlow, CsrfState, PendingAuthorization, RedirectError, RedirectUrl,
};
use linkedin::prelude::*;
use linkedin_sandbox::Consent;
use serde::Deserialize;

/// The session cookie's name.
const COOKIE: &str = "linkedin_rs_session";
/// The redirect URL against LinkedIn unless `LINKEDIN_REDIRECT_URL` is set.
const DEFAULT_REDIRECT_URL: &str = "http://localhost:3000/callback";

/// The web app's state.
struct App {
    /// Sends the code exchange and the profile call.
    client: Client,
    /// Starts each member's authorization.
    flow: AuthorizationCodeFlow,
    /// Session id -> the serialized pending authorization (what a real app
    /// keeps in its session store).
    sessions: Mutex<HashMap<String, String>>,
    /// Where the member's name comes from.
    profile: Profile,
}

/// The API that names the member.
#[derive(Debug, Clone, Copy)]
enum Profile {
    /// `/v2/me` (`localizedFirstName`, `localizedLastName`): needs the
    /// legacy `r_liteprofile` or `r_basicprofile` scope; OpenID Connect
    /// apps get 403 there.
    Me,
    /// `/v2/userinfo`, Sign In with LinkedIn using OpenID Connect (`name`).
    UserInfo,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Me {
    localized_first_name: String,
    localized_last_name: String,
}

#[derive(Deserialize)]
struct UserInfo {
    name: String,
}

type Shared = Arc<App>;

fn router(app: Shared, callback_path: &str) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login))
        .route(callback_path, get(callback))
        .with_state(app)
}

async fn home() -> Html<&'static str> {
    Html(r#"<p><a href="/login">Sign in with LinkedIn</a></p>"#)
}

/// `GET /login`: a new authorization, remembered in a new session.
async fn login(State(app): State<Shared>) -> Response {
    let started = app
        .flow
        .start()
        .map_err(|e| e.to_string())
        .and_then(|(url, pending)| {
            let session = CsrfState::generate().map_err(|e| e.to_string())?;
            let saved = serde_json::to_string(&pending).map_err(|e| e.to_string())?;
            Ok((url, session.secret().to_owned(), saved))
        });
    let (url, session, saved) = match started {
        Ok(started) => started,
        Err(error) => return page(StatusCode::INTERNAL_SERVER_ERROR, &error),
    };
    app.sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(session.clone(), saved);
    let cookie = format!("{COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax");
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, url.to_string()),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}

/// `GET /callback?code=..&state=..` (or `?error=..&state=..`).
async fn callback(State(app): State<Shared>, headers: HeaderMap, uri: Uri) -> Response {
    let Some(session) = session_of(&headers) else {
        return page(StatusCode::BAD_REQUEST, "No session: start at /login.");
    };
    // One callback per authorization: the pending state is taken out.
    let saved = app
        .sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .remove(&session);
    let Some(pending) = saved.and_then(|s| serde_json::from_str::<PendingAuthorization>(&s).ok())
    else {
        return page(
            StatusCode::BAD_REQUEST,
            "No sign-in in progress: start at /login.",
        );
    };
    let exchange = match pending.finish(uri.query().unwrap_or("")) {
        Ok(exchange) => exchange,
        Err(err) if err.member_cancelled() => {
            return page(
                StatusCode::FORBIDDEN,
                &format!("You cancelled the sign-in. ({err})"),
            );
        }
        Err(err @ RedirectError::StateMismatch) => {
            return page(StatusCode::BAD_REQUEST, &format!("Refused: {err}"));
        }
        Err(err) => return page(StatusCode::BAD_REQUEST, &format!("Sign-in failed: {err}")),
    };
    let tokens = match app.client.exchange_code(&exchange).await {
        Ok(token) => token.tokens,
        Err(err) => {
            return page(
                StatusCode::BAD_GATEWAY,
                &format!("Code exchange failed: {err}"),
            );
        }
    };
    // Store `tokens` for this member here (they are serde types).
    let member = app.client.with_access_token(&tokens.access_token);
    let name = match app.profile {
        Profile::Me => member
            .send::<_, linkedin::EntityResponse<Me>>(Request::get("/me"))
            .await
            .map(|me| {
                format!(
                    "{} {}",
                    me.entity.localized_first_name, me.entity.localized_last_name
                )
            }),
        Profile::UserInfo => member
            .send::<_, linkedin::EntityResponse<UserInfo>>(Request::get("/v2/userinfo"))
            .await
            .map(|info| info.entity.name),
    };
    match name {
        Ok(name) => page(
            StatusCode::OK,
            &format!(
                "Signed in as {name}. The access token is valid for {}.",
                common::time_left(tokens.expires_at)
            ),
        ),
        Err(err) => page(
            StatusCode::BAD_GATEWAY,
            &format!("Reading the profile failed: {err}"),
        ),
    }
}

/// The session id from the request's cookies.
fn session_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_owned)
        })
}

/// A small HTML page; `text` is escaped.
fn page(status: StatusCode, text: &str) -> Response {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    (status, Html(format!("<!doctype html><p>{escaped}</p>"))).into_response()
}

#[tokio::main]
async fn main() -> Result {
    let target = Target::oauth_app().await?;
    target.print_banner("oauth_member_auth_redirect");
    if target.is_sandbox() {
        demo(&target).await
    } else {
        serve_for_linkedin(&target).await
    }
}

/// Builds the app for a redirect URL.
fn app(
    target: &Target,
    redirect: RedirectUrl,
    scopes: Vec<String>,
    profile: Profile,
) -> Result<Shared> {
    let oauth = target.oauth()?;
    let client = Client::builder()
        .endpoint(target.endpoint()?)
        .oauth(oauth.clone())
        .build()?;
    let flow = AuthorizationCodeFlow::new(oauth.client_id().clone(), redirect)
        .base_url(oauth.base().clone())
        // No PKCE: this is a web app with a client secret, and LinkedIn
        // supports PKCE only for native apps it has been enabled for; a web
        // app sending `code_verifier` gets 401 `invalid_client`. Turn on
        // `.pkce(true)` only for such a native app.
        .scopes(scopes);
    Ok(Arc::new(App {
        client,
        flow,
        sessions: Mutex::new(HashMap::new()),
        profile,
    }))
}

/// Against LinkedIn: serve at the registered redirect URL until Ctrl-C.
async fn serve_for_linkedin(target: &Target) -> Result {
    let redirect =
        common::var("LINKEDIN_REDIRECT_URL").unwrap_or_else(|| DEFAULT_REDIRECT_URL.into());
    let parsed = Url::parse(&redirect)?;
    let port = parsed
        .port_or_known_default()
        .ok_or("LINKEDIN_REDIRECT_URL has no port")?;
    let scopes: Vec<String> = common::var("LINKEDIN_SCOPES")
        .unwrap_or_else(|| "openid profile".into())
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let profile = if scopes.iter().any(|s| s == "openid") {
        Profile::UserInfo
    } else {
        Profile::Me
    };
    let app = app(
        target,
        RedirectUrl::new(redirect.as_str())?,
        scopes,
        profile,
    )?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let host = parsed.host_str().unwrap_or("localhost");
    println!("Redirect URL {redirect} (it must be registered for your application).");
    println!("Open http://{host}:{port}/login in a browser; Ctrl-C stops.");
    axum::serve(listener, router(app, parsed.path()))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Against the sandbox: run the app and sign in through it three times.
async fn demo(target: &Target) -> Result {
    let sandbox = target.as_sandbox().ok_or("the demo needs the sandbox")?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let redirect = RedirectUrl::new(format!("{base}/callback"))?;
    let scopes = vec!["openid".to_owned(), "profile".to_owned()];
    let app = app(target, redirect, scopes, Profile::UserInfo)?;
    let browser = Browser::new(app.client.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router(app, "/callback")).await;
    });
    println!("The app listens at {base} (/login, /callback).");

    step(1, "A member signs in");
    let (status, body) = sign_in(&browser, &base, None).await?;
    ensure(
        status == StatusCode::OK && body.contains("Signed in as Sandra Box"),
        format!("a greeting, got {status}: {body}"),
    )?;

    step(2, "A callback with a tampered state is refused");
    let (status, body) = sign_in(&browser, &base, Some("forged-state")).await?;
    ensure(
        status == StatusCode::BAD_REQUEST && body.contains("does not match"),
        format!("a refused state, got {status}: {body}"),
    )?;

    step(3, "A member who cancels on LinkedIn's consent screen");
    sandbox.set_consent(Consent::Deny);
    let (status, body) = sign_in(&browser, &base, None).await?;
    ensure(
        status == StatusCode::FORBIDDEN && body.contains("user_cancelled"),
        format!("a cancelled sign-in, got {status}: {body}"),
    )?;

    println!("\nDone: signed in, refused a forged state, reported a cancellation.");
    Ok(())
}

/// One sign-in through the app: `/login`, LinkedIn (the sandbox), the
/// callback, with `forged_state` replacing the redirect's `state` if given.
/// Returns the callback page's status and text.
async fn sign_in(
    browser: &Browser,
    base: &str,
    forged_state: Option<&str>,
) -> Result<(StatusCode, String)> {
    let login = browser.get(&format!("{base}/login")).await?;
    let to_linkedin = login.location.ok_or("/login did not redirect")?;
    println!(
        "   GET /login <- {}, to {}",
        login.status,
        common::shorten(&common::redact_url(&to_linkedin), 100)
    );
    let consent = browser.get(&to_linkedin).await?;
    let mut back = consent
        .location
        .ok_or("the authorization did not redirect")?;
    println!(
        "   GET (LinkedIn) <- {}, back to {}",
        consent.status,
        common::redact_url(&back)
    );
    if let Some(forged) = forged_state {
        back = with_state(&back, forged)?;
        println!("   (an attacker swaps the state for {forged:?})");
    }
    let done = browser.get(&back).await?;
    let text = strip_tags(&done.body);
    println!("   GET /callback <- {}: {text}", done.status);
    Ok((done.status, text))
}

/// `url` with its `state` parameter set to `state`.
fn with_state(url: &str, state: &str) -> Result<String> {
    let mut parsed = Url::parse(url)?;
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(name, value)| {
            let value = if name == "state" {
                state.into()
            } else {
                value.into_owned()
            };
            (name.into_owned(), value)
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    Ok(parsed.into())
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A scripted browser: follows no redirects, keeps the app's cookie.
struct Browser {
    /// Its HTTP client is reqwest without redirects.
    client: Client,
    cookie: Mutex<Option<String>>,
}

/// What the browser got back.
struct Answer {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

impl Browser {
    fn new(client: Client) -> Browser {
        Browser {
            client,
            cookie: Mutex::new(None),
        }
    }

    async fn get(&self, url: &str) -> Result<Answer> {
        let mut request = self.client.http().client().get(url);
        let cookie = self
            .cookie
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = request.send().await?;
        let status = StatusCode::from_u16(response.status().as_u16())?;
        let text = |name: header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let location = text(header::LOCATION);
        if let Some(set) = text(header::SET_COOKIE) {
            // Keep `name=value`, drop the attributes.
            let pair = set.split(';').next().unwrap_or_default().to_owned();
            *self.cookie.lock().unwrap_or_else(PoisonError::into_inner) = Some(pair);
        }
        let body = response.text().await?;
        Ok(Answer {
            status,
            location,
            body,
        })
    }
}
