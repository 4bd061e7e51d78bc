//! The one span each call leaves, with OpenTelemetry's HTTP client
//! conventions (<https://opentelemetry.io/docs/specs/semconv/http/http-spans/>:
//! `http.request.method`, `url.template`, `server.address`, `server.port`,
//! `http.response.status_code`, `http.request.resend_count`, `error.type`),
//! the `otel.*` fields `tracing-opentelemetry` reads, and LinkedIn's
//! request id (`x-li-uuid`, which LinkedIn asks for when a call fails:
//! <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>).
//! Every field is checked whole, quoting included, so both transports
//! record exactly the same span.

use std::collections::BTreeMap;
use std::time::Duration;

use linkedin_oauth::{BaseUrl, ClientId, ClientSecret, OAuthConfig, RefreshToken};
use linkedin_test_support::HostileServer;
use restli_codec::{CollectionResponse, EntityResponse, Request};
use serde_json::json;

use crate::wire::{self, hang, json as answer, json_with, status_of};
use crate::{Setup, Transport, logs};

const TOKEN: &str = "AQV-span-token-5e7d";
const APP_TOKEN: &str = "AQV-span-app-token-0b9c";
const SECRET: &str = "span-client-secret-3a3a";
const REFRESH: &str = "AQX-span-refresh-token-71c2";

/// A quoted string field as the log shows it.
fn q(value: &str) -> String {
    format!("{value:?}")
}

/// The one closed span named `name` of `server` (told apart by its port).
fn span_of(name: &str, server: &HostileServer, template: &str) -> BTreeMap<String, String> {
    let port = port_of(server);
    let spans: Vec<_> = logs::closed_spans(name)
        .into_iter()
        .filter(|fields| {
            fields.get("server.port") == Some(&port)
                && fields.get("url.template") == Some(&q(template))
        })
        .collect();
    assert_eq!(spans.len(), 1, "one {name} span for {template}: {spans:?}");
    spans.into_iter().next().unwrap_or_default()
}

fn port_of(server: &HostileServer) -> String {
    server
        .origin()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The fields of a Rest.li span, `extra` added.
fn restli_fields(
    server: &HostileServer,
    method: &str,
    restli_method: &str,
    template: &str,
    extra: &[(&str, String)],
) -> BTreeMap<String, String> {
    let mut fields: BTreeMap<String, String> = [
        ("otel.kind", q("client")),
        ("otel.name", q(&format!("{method} {template}"))),
        ("http.request.method", q(method)),
        ("url.template", q(template)),
        ("server.address", q("127.0.0.1")),
        ("server.port", port_of(server)),
        ("linkedin.restli_method", q(restli_method)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    fields.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    fields
}

fn client<T: Transport>(server: &HostileServer) -> T {
    T::build(Setup::new(&server.origin()).token(TOKEN)).expect("client")
}

/// A plain GET answered 200: the span names the method and the template
/// (never the key's value), the server, the status, no resend and
/// LinkedIn's request id.
pub fn a_get_is_one_client_span_with_the_template_and_no_key_value<T: Transport>() {
    logs::init();
    let server =
        wire::serve(|_, _| json_with(200, &[("x-li-uuid", "span-uuid-plain")], &json!({"id": 1})));
    let client: T = client(&server);
    let _: EntityResponse = client
        .send(Request::get("/spanAccounts/{id}").key("id", &507_404_993))
        .expect("the entity");

    let span = span_of("restli.request", &server, "/spanAccounts/{id}");
    assert_eq!(
        span,
        restli_fields(
            &server,
            "GET",
            "get",
            "/spanAccounts/{id}",
            &[
                ("http.response.status_code", "200".to_owned()),
                ("http.request.resend_count", "0".to_owned()),
                ("linkedin.request_id", q("span-uuid-plain")),
            ]
        )
    );
    assert!(
        span.values().all(|value| !value.contains("507404993")),
        "no key value in the span: {span:?}"
    );
    logs::assert_hidden(&[TOKEN]);
}

/// A GET answered 503, 503, then 200 is one span with two resends and the
/// last answer's status and request id.
pub fn a_retried_call_is_one_span_counting_its_resends<T: Transport>() {
    logs::init();
    let server = wire::serve(|_, n| {
        if n < 2 {
            json_with(
                503,
                &[("x-li-uuid", "span-uuid-busy")],
                &json!({"status": 503}),
            )
        } else {
            json_with(
                200,
                &[("x-restli-request-id", "span-restli-id-3")],
                &json!({"id": 3}),
            )
        }
    });
    let client: T = client(&server);
    let _: EntityResponse = client
        .send(Request::get("/spanRetried/{id}").key("id", &3))
        .expect("the answer after two 503s");
    assert_eq!(server.request_count(), 3);

    assert_eq!(
        span_of("restli.request", &server, "/spanRetried/{id}"),
        restli_fields(
            &server,
            "GET",
            "get",
            "/spanRetried/{id}",
            &[
                ("http.response.status_code", "200".to_owned()),
                ("http.request.resend_count", "2".to_owned()),
                ("linkedin.request_id", q("span-restli-id-3")),
            ]
        )
    );
    logs::assert_hidden(&[TOKEN]);
}

/// A 404 is an error span: `error.type` is the status as text.
pub fn an_api_error_span_has_the_status_as_its_error_type<T: Transport>() {
    logs::init();
    let server = wire::serve(|_, _| {
        json_with(
            404,
            &[("x-li-uuid", "span-uuid-missing")],
            &json!({"status": 404, "message": "Not found"}),
        )
    });
    let client: T = client(&server);
    let err = client
        .send::<CollectionResponse>(
            Request::finder("/spanMissing", "search").param("keywords", "needle-9d1e"),
        )
        .expect_err("a 404");
    assert_eq!(status_of(&err), Some(404));

    let span = span_of("restli.request", &server, "/spanMissing");
    assert_eq!(
        span,
        restli_fields(
            &server,
            "GET",
            "finder",
            "/spanMissing",
            &[
                ("http.response.status_code", "404".to_owned()),
                ("http.request.resend_count", "0".to_owned()),
                ("error.type", q("404")),
                ("linkedin.request_id", q("span-uuid-missing")),
            ]
        )
    );
    assert!(
        span.values().all(|value| !value.contains("needle")),
        "no query value in the span: {span:?}"
    );
    logs::assert_hidden(&[TOKEN]);
}

/// A server that never answers: `error.type` is `timeout`, no status, one
/// resend (the policy allows two attempts).
pub fn a_timed_out_call_has_the_timeout_error_type<T: Transport>() {
    logs::init();
    let server = wire::serve(|_, _| hang());
    let client = T::build(
        Setup::new(&server.origin())
            .token(TOKEN)
            .timeout(Duration::from_millis(150))
            .retry(crate::fast_retries().max_attempts(2)),
    )
    .expect("client");
    let err = client
        .send::<EntityResponse>(Request::get("/spanSlow"))
        .expect_err("a timeout");
    assert!(err.is_timeout(), "{err:?}");

    assert_eq!(
        span_of("restli.request", &server, "/spanSlow"),
        restli_fields(
            &server,
            "GET",
            "get",
            "/spanSlow",
            &[
                ("http.request.resend_count", "1".to_owned()),
                ("error.type", q("timeout")),
            ]
        )
    );
    logs::assert_hidden(&[TOKEN]);
}

/// OAuth calls follow the same conventions: the OAuth path is the
/// template, the grant is named, a refusal's status is its error type.
pub fn oauth_calls_are_client_spans_with_the_oauth_path<T: Transport>() {
    logs::init();
    let server = wire::serve(|request, _| {
        let form = wire::form(request);
        if form.get("grant_type").map(String::as_str) == Some("client_credentials") {
            json_with(
                200,
                &[("x-li-uuid", "span-uuid-oauth")],
                &json!({"access_token": APP_TOKEN, "expires_in": 3600}),
            )
        } else {
            answer(
                400,
                &json!({"error": "invalid_grant", "error_description": "expired"}),
            )
        }
    });
    let oauth = OAuthConfig::new(ClientId::new("span-client"), ClientSecret::new(SECRET))
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).expect("base URL"));
    let client = T::build(Setup::new(&server.origin()).oauth(oauth)).expect("client");
    let token = client.client_credentials().expect("a 2-legged token");
    assert_eq!(token.access_token.secret(), APP_TOKEN);
    client
        .refresh(&RefreshToken::new(REFRESH))
        .expect_err("refused");

    let spans: Vec<_> = logs::closed_spans("linkedin.oauth")
        .into_iter()
        .filter(|fields| fields.get("server.port") == Some(&port_of(&server)))
        .collect();
    let oauth_fields = |grant: &str, extra: &[(&str, String)]| {
        let mut fields: BTreeMap<String, String> = [
            ("otel.kind", q("client")),
            ("otel.name", q("POST /oauth/v2/accessToken")),
            ("http.request.method", q("POST")),
            ("url.template", q("/oauth/v2/accessToken")),
            ("server.address", q("127.0.0.1")),
            ("server.port", port_of(&server)),
            ("linkedin.oauth_grant", q(grant)),
            ("http.request.resend_count", "0".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        fields.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        fields
    };
    assert_eq!(
        spans,
        [
            oauth_fields(
                "client_credentials",
                &[
                    ("http.response.status_code", "200".to_owned()),
                    ("linkedin.request_id", q("span-uuid-oauth")),
                ]
            ),
            oauth_fields(
                "refresh_token",
                &[
                    ("http.response.status_code", "400".to_owned()),
                    ("error.type", q("400")),
                ]
            ),
        ]
    );
    logs::assert_hidden(&[APP_TOKEN, SECRET, REFRESH]);
}
