//! `POST /oauth/v2/accessToken`: the three grants.

use std::time::SystemTime;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde_json::{Map, Value, json};

use super::grants::{AccessGrant, AuthType, RefreshGrant};
use super::{Client, Form, OAuthError, no_store, split_scope};
use crate::clock::seconds_until;
use crate::lock;
use crate::oidc::IdTokenRequest;
use crate::state::AppState;

pub(super) async fn access_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match grant(&state, &headers, &body) {
        Ok(answer) => no_store(Json(answer).into_response()),
        Err(error) => error.into_response(),
    }
}

fn grant(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<Value, OAuthError> {
    let form = Form::from_post(headers, body)?;
    let grant_type = form.required("grant_type")?;
    let client = if grant_type == "authorization_code" {
        state.oauth.authenticate_code_exchange(&form)?
    } else {
        state.oauth.authenticate(&form)?
    }
    .clone();
    let now = state.clock.now();
    match grant_type {
        "authorization_code" => authorization_code(state, &form, &client, now),
        "refresh_token" => refresh_token(state, &form, &client, now),
        "client_credentials" => client_credentials(state, &form, &client, now),
        other => Err(OAuthError::new(
            http::StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            format!("grant_type {other:?} is not supported"),
        )),
    }
}

fn invalid_code() -> OAuthError {
    OAuthError::invalid_grant("The provided authorization grant is invalid, expired or revoked")
}

fn authorization_code(
    state: &AppState,
    form: &Form,
    app: &Client,
    now: SystemTime,
) -> Result<Value, OAuthError> {
    let client = app.id.as_str();
    let code = form.required("code")?;
    let redirect_uri = form.required("redirect_uri")?;
    let mut grants = lock(&state.oauth.grants);
    // Single use: the code is gone whatever happens next.
    let grant = grants.take_code(code).ok_or_else(invalid_code)?;
    if grant.client_id != client || now >= grant.expires_at {
        return Err(invalid_code());
    }
    if grant.redirect_uri != redirect_uri {
        return Err(OAuthError::invalid_grant(
            "redirect_uri does not match the one of the authorization request",
        ));
    }
    // A native app that left its secret out proves itself with PKCE only:
    // its code must have been issued with a challenge.
    if form.get("client_secret").is_none() && grant.challenge.is_none() {
        return Err(OAuthError::invalid_client());
    }
    if let Some(challenge) = &grant.challenge {
        let verifier = form.get("code_verifier").ok_or_else(|| {
            OAuthError::invalid_request("A required parameter \"code_verifier\" is missing")
        })?;
        let computed = linkedin_oauth::PkceVerifier::new(verifier)
            .map(|v| v.challenge().as_str().to_owned())
            .map_err(|e| OAuthError::invalid_grant(format!("invalid code_verifier: {e}")))?;
        if &computed != challenge {
            return Err(OAuthError::invalid_grant(
                "code_verifier does not match the code_challenge",
            ));
        }
    }
    let lifetimes = state.oauth.lifetimes;
    let access_token = grants.issue_access(
        AccessGrant {
            client_id: client.to_owned(),
            scope: grant.scope.clone(),
            auth_type: AuthType::ThreeLegged,
            authorized_at: now,
            created_at: now,
            expires_at: Some(now + lifetimes.access),
        },
        now,
    );
    // Refresh tokens only for the apps LinkedIn approved for them
    // (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens>).
    let refresh_token = app.refresh_tokens.then(|| {
        let token = grants.new_secret("sbx-rt-");
        grants.insert_refresh(
            token.clone(),
            RefreshGrant {
                client_id: client.to_owned(),
                scope: grant.scope.clone(),
                authorized_at: now,
                expires_at: now + lifetimes.refresh,
            },
            now,
        );
        token
    });
    drop(grants);
    let mut body = answer(
        &access_token,
        lifetimes.access.as_secs(),
        refresh_token
            .as_deref()
            .map(|token| (token, lifetimes.refresh.as_secs())),
        &grant.scope,
    );
    let request = IdTokenRequest {
        client_id: client,
        scope: &grant.scope,
        nonce: grant.nonce.as_deref(),
    };
    if let Some(id_token) = state
        .oauth
        .oidc
        .id_token(&crate::seed::userinfo(), &request, now)
    {
        let id_token = id_token.map_err(|e| OAuthError::server_error(e.to_string()))?;
        if let Value::Object(fields) = &mut body {
            fields.insert("id_token".into(), json!(id_token));
        }
    }
    Ok(body)
}

fn refresh_token(
    state: &AppState,
    form: &Form,
    app: &Client,
    now: SystemTime,
) -> Result<Value, OAuthError> {
    let client = app.id.as_str();
    if !app.refresh_tokens {
        return Err(OAuthError::unauthorized_client(
            "This application is not enabled for refresh tokens (LinkedIn gives them to approved partners only)",
        ));
    }
    let token = form.required("refresh_token")?;
    let mut grants = lock(&state.oauth.grants);
    let grant = grants
        .refresh_grant(token)
        .filter(|g| g.client_id == client && now < g.expires_at)
        .cloned()
        .ok_or_else(|| {
            OAuthError::invalid_grant("The provided refresh token is invalid, expired or revoked")
        })?;
    let lifetime = state.oauth.lifetimes.access;
    let access_token = grants.issue_access(
        AccessGrant {
            client_id: client.to_owned(),
            scope: grant.scope.clone(),
            auth_type: AuthType::ThreeLegged,
            authorized_at: grant.authorized_at,
            created_at: now,
            expires_at: Some(now + lifetime),
        },
        now,
    );
    let remaining = seconds_until(now, grant.expires_at);
    Ok(answer(
        &access_token,
        lifetime.as_secs(),
        Some((token, remaining)),
        &grant.scope,
    ))
}

fn client_credentials(
    state: &AppState,
    form: &Form,
    app: &Client,
    now: SystemTime,
) -> Result<Value, OAuthError> {
    let client = app.id.as_str();
    // "Your application cannot access these APIs by default"
    // (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/client-credentials-flow>).
    if !app.client_credentials {
        return Err(OAuthError::unauthorized_client(
            "This application is not allowed to use the client credentials flow",
        ));
    }
    let scope = split_scope(form.get("scope"));
    let lifetime = state.oauth.lifetimes.application;
    let access_token = lock(&state.oauth.grants).issue_access(
        AccessGrant {
            client_id: client.to_owned(),
            scope: scope.clone(),
            auth_type: AuthType::TwoLegged,
            authorized_at: now,
            created_at: now,
            expires_at: Some(now + lifetime),
        },
        now,
    );
    Ok(answer(&access_token, lifetime.as_secs(), None, &scope))
}

/// `{"access_token", "expires_in", ["refresh_token", "refresh_token_expires_in"], "scope"}`.
fn answer(
    access_token: &str,
    expires_in: u64,
    refresh: Option<(&str, u64)>,
    scope: &[String],
) -> Value {
    let mut body = Map::new();
    body.insert("access_token".into(), json!(access_token));
    body.insert("expires_in".into(), json!(expires_in));
    if let Some((token, expires_in)) = refresh {
        body.insert("refresh_token".into(), json!(token));
        body.insert("refresh_token_expires_in".into(), json!(expires_in));
    }
    body.insert("scope".into(), json!(scope.join(",")));
    Value::Object(body)
}
