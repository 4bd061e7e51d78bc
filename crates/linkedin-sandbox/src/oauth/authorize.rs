//! `GET /oauth/v2/authorization`: the member's consent, simulated.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::header::LOCATION;
use http::{HeaderValue, StatusCode, Uri};

use super::grants::{CODE_LIFETIME, CodeGrant};
use super::{Consent, Form, OAuthError, redirect, split_scope};
use crate::errors::excerpt;
use crate::lock;
use crate::state::AppState;

/// Checks the request, then redirects to `redirect_uri` with a code (or an
/// error). Requests whose client or redirect URI cannot be trusted get a
/// 400 instead of a redirect, as OAuth requires.
pub(super) async fn authorize(State(state): State<AppState>, uri: Uri) -> Response {
    let form = Form::parse(uri.query().unwrap_or_default().as_bytes());
    match redirect_target(&state, &form) {
        Ok(location) => redirect(&location),
        Err(error) => error.into_response(),
    }
}

fn redirect_target(state: &AppState, form: &Form) -> Result<String, OAuthError> {
    let client_id = form.required("client_id")?;
    // An unknown client gets an error page, never a redirect (RFC 6749
    // §4.1.2.1: the redirect URI cannot be trusted without the client).
    let Some(client) = state.oauth.client(client_id) else {
        return Err(OAuthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            format!("unknown client_id {}", excerpt(client_id)),
        ));
    };
    let redirect_uri = form.required("redirect_uri")?;
    // Never redirect to a URI the app did not register (an open redirect
    // would hand the code to whoever crafted the link).
    // LinkedIn shows an error page naming the mismatch
    // (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>,
    // "redirect_uri ... must match"). The page does not document an error
    // code for it (ambiguous): the sandbox answers `invalid_redirect_uri` in
    // a 400 with no `Location`; what a client can rely on is the 400 and the
    // absence of a redirect.
    if !redirect::is_registered(&client.redirect_uris, redirect_uri) {
        return Err(OAuthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_redirect_uri",
            format!(
                "The redirect_uri {} does not match the redirect URLs registered for the application",
                excerpt(redirect_uri)
            ),
        ));
    }
    let mut target = url::Url::parse(redirect_uri)
        .map_err(|e| OAuthError::invalid_request(format!("invalid redirect_uri: {e}")))?;
    let state_param = form.get("state");
    let outcome = consent(state, form, client_id, client.pkce, redirect_uri);
    {
        let mut query = target.query_pairs_mut();
        match &outcome {
            Ok(code) => {
                query.append_pair("code", code);
            }
            Err((error, description)) => {
                query.append_pair("error", error);
                query.append_pair("error_description", description);
            }
        }
        if let Some(value) = state_param {
            query.append_pair("state", value);
        }
    }
    Ok(target.into())
}

/// The code, or the error and description to redirect with.
fn consent(
    state: &AppState,
    form: &Form,
    client_id: &str,
    pkce: bool,
    redirect_uri: &str,
) -> Result<String, (&'static str, String)> {
    if form.get("response_type") != Some("code") {
        return Err((
            "unsupported_response_type",
            "response_type must be \"code\"".into(),
        ));
    }
    // Only an app with PKCE enabled has its challenge kept; a standard app's
    // is ignored, and its later `code_verifier` refused with 401
    // invalid_client, as LinkedIn does
    // (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>).
    let challenge = form
        .get("code_challenge")
        .filter(|_| pkce)
        .map(str::to_owned);
    if challenge.is_some() && form.get("code_challenge_method") != Some("S256") {
        return Err((
            "invalid_request",
            "code_challenge_method must be S256".into(),
        ));
    }
    if state.oauth.consent() == Consent::Deny {
        return Err((
            "user_cancelled_authorize",
            "The user cancelled the authorization".into(),
        ));
    }
    let now = state.clock.now();
    let mut grants = lock(&state.oauth.grants);
    let code = grants.new_secret("sbx-code-");
    grants.insert_code(
        code.clone(),
        CodeGrant {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            scope: split_scope(form.get("scope")),
            challenge,
            nonce: form.get("nonce").map(str::to_owned),
            expires_at: now + CODE_LIFETIME,
        },
        now,
    );
    Ok(code)
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response = StatusCode::FOUND.into_response();
            response.headers_mut().insert(LOCATION, value);
            response
        }
        Err(_) => OAuthError::invalid_request("the redirect URI cannot be sent in a header")
            .into_response(),
    }
}
