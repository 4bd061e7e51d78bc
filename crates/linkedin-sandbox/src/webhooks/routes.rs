//! The webhook operations over HTTP under `/sandbox/webhooks`: JSON in
//! (`Content-Type: application/json`, which also keeps web pages from
//! calling them without a CORS preflight), JSON out. The routes, bodies and
//! error statuses are documented on [`Webhooks`].

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{DeliveryReport, Hub, Registration, SendOptions, WebhookError, Webhooks};
use crate::errors::ApiError;

/// The `/sandbox/webhooks` routes.
pub(crate) fn routes(hub: Arc<Hub>) -> Router {
    Router::new()
        .route("/sandbox/webhooks", get(list).post(register))
        .route("/sandbox/webhooks/revalidate", post(revalidate))
        .route("/sandbox/webhooks/send", post(send))
        .with_state(Webhooks::new(hub))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RegisterBody {
    url: String,
    client_id: Option<String>,
    application_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RevalidateBody {
    client_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SendBody {
    notifications: Value,
    client_id: Option<String>,
    event_type: Option<String>,
    #[serde(default)]
    wrong_signature: bool,
    #[serde(default)]
    duplicate: bool,
}

async fn list(State(webhooks): State<Webhooks>) -> Response {
    let registrations: Vec<Value> = webhooks
        .registrations()
        .iter()
        .map(registration_json)
        .collect();
    Json(json!({ "registrations": registrations })).into_response()
}

async fn register(State(webhooks): State<Webhooks>, Json(body): Json<RegisterBody>) -> Response {
    let client_id = body
        .client_id
        .unwrap_or_else(|| webhooks.default_client().to_owned());
    let result = match body.application_id {
        Some(application_id) => {
            webhooks
                .register_child(&client_id, &body.url, &application_id)
                .await
        }
        None => webhooks.register(&client_id, &body.url).await,
    };
    answer(result.map(|r| registration_json(&r)))
}

async fn revalidate(
    State(webhooks): State<Webhooks>,
    Json(body): Json<RevalidateBody>,
) -> Response {
    let client_id = body
        .client_id
        .unwrap_or_else(|| webhooks.default_client().to_owned());
    answer(
        webhooks
            .revalidate(&client_id)
            .await
            .map(|r| registration_json(&r)),
    )
}

async fn send(State(webhooks): State<Webhooks>, Json(body): Json<SendBody>) -> Response {
    let client_id = body
        .client_id
        .unwrap_or_else(|| webhooks.default_client().to_owned());
    let mut options = SendOptions::new()
        .wrong_signature(body.wrong_signature)
        .duplicate(body.duplicate);
    if let Some(event_type) = body.event_type {
        options = options.event_type(event_type);
    }
    answer(
        webhooks
            .send(&client_id, &body.notifications, options)
            .await
            .map(|r| report_json(&r)),
    )
}

fn answer(result: Result<Value, WebhookError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(e) => error(&e).into_response(),
    }
}

fn error(e: &WebhookError) -> ApiError {
    let (status, code) = match e {
        WebhookError::UnknownClient { .. } => (StatusCode::NOT_FOUND, "UNKNOWN_CLIENT"),
        WebhookError::NotRegistered { .. } => (StatusCode::NOT_FOUND, "WEBHOOK_NOT_REGISTERED"),
        WebhookError::InvalidUrl { .. } => (StatusCode::BAD_REQUEST, "INVALID_WEBHOOK_URL"),
        WebhookError::NotLoopback { .. } => (StatusCode::BAD_REQUEST, "WEBHOOK_URL_NOT_LOOPBACK"),
        WebhookError::InvalidPayload { .. } => (StatusCode::BAD_REQUEST, "INVALID_NOTIFICATIONS"),
        WebhookError::NotValidated { .. } => (StatusCode::CONFLICT, "WEBHOOK_NOT_VALIDATED"),
        WebhookError::Blocked { .. } => (StatusCode::CONFLICT, "WEBHOOK_BLOCKED"),
        WebhookError::Handshake { .. } => (StatusCode::BAD_GATEWAY, "WEBHOOK_VALIDATION_FAILED"),
    };
    ApiError::new(status, code, e.to_string())
}

fn millis(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn duration_millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

fn registration_json(registration: &Registration) -> Value {
    json!({
        "clientId": registration.client_id,
        "url": registration.url,
        "applicationId": registration.application_id,
        "status": registration.status.as_str(),
        "consecutiveFailures": registration.consecutive_failures,
        "validatedAt": registration.validated_at.map(millis),
        "checkedAt": millis(registration.checked_at),
        "lastFailure": registration.last_failure.as_ref().map(ToString::to_string),
        "deliveries": registration.deliveries,
    })
}

fn report_json(report: &DeliveryReport) -> Value {
    let attempts: Vec<Value> = report
        .attempts
        .iter()
        .map(|attempt| match &attempt.outcome {
            Ok(status) => json!({
                "status": status.as_u16(),
                "elapsedMillis": duration_millis(attempt.elapsed),
            }),
            Err(failure) => json!({
                "error": failure.to_string(),
                "elapsedMillis": duration_millis(attempt.elapsed),
            }),
        })
        .collect();
    json!({
        "clientId": report.client_id,
        "url": report.url,
        "eventType": report.event_type,
        "notificationIds": report.notification_ids,
        "body": report.body,
        "signature": report.signature,
        "wrongSignature": report.wrong_signature,
        "accepted": report.accepted(),
        "attempts": attempts,
    })
}
