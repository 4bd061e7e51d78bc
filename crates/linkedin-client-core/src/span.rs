//! The tracing span of one call, with OpenTelemetry's HTTP client
//! conventions, computed once for both transports.
//!
//! Field names follow OpenTelemetry's semantic conventions for HTTP client
//! spans (<https://opentelemetry.io/docs/specs/semconv/http/http-spans/>)
//! and its `otel.*` fields as `tracing-opentelemetry` reads them. A
//! transport opens a [`CallSpan`], runs the call inside
//! [`span`](CallSpan::span), tells it about the exchange, each attempt and
//! each response, and hands it the call's result at the end; every field is
//! recorded once, at [`finish`](CallSpan::finish).

use std::borrow::Cow;

use restli_codec::DynamicRequest;
use restli_codec::exchange::Exchange;
use restli_codec::retry::TransportFailure;
use tracing::Span;

use crate::Error;

/// The span of one call (a Rest.li request or an OAuth call), covering
/// all its attempts.
///
/// | field | value |
/// |---|---|
/// | `otel.kind` | `client` |
/// | `otel.name` | `{http.request.method} {url.template}`, e.g. `GET /adAccounts/{id}` |
/// | `http.request.method` | the HTTP method sent (`POST` for a tunneled request) |
/// | `url.template` | the path template (`/adAccounts/{id}`), never a key's or a query's value; an OAuth call's path |
/// | `server.address`, `server.port` | the API's host; the port only when not the scheme's default |
/// | `http.response.status_code` | the last response's status |
/// | `http.request.resend_count` | the number of retries (0 when none) |
/// | `error.type` | on failure: the status as text (`404`), or `timeout`, `connection`, `connection_reset`, `body_too_large`, `transport`, `decode`, `request`, `token`, `config`, `paging`, `oauth` (an OAuth answer that is not an error status) |
/// | `linkedin.restli_method` | the Rest.li method (`get`, `batch_get`, `finder`, ...); absent for OAuth calls |
/// | `linkedin.oauth_grant` | an OAuth call's grant (`refresh_token`, `introspect`, ...); absent for Rest.li calls |
/// | `linkedin.request_id` | the last response's `x-li-uuid` (else its `x-li-request-id` or `x-restli-request-id`) |
///
/// No token, secret or query value is ever recorded.
///
/// ```
/// use linkedin::client_core::CallSpan;
/// use linkedin::client_core::restli::Request;
///
/// let request = Request::get("/adAccounts/{id}").key("id", &5);
/// let span = CallSpan::restli(request.as_ref());
/// assert_eq!(span.template(), "/adAccounts/{id}");
/// span.finish::<()>(&Ok(()));
/// ```
#[derive(Debug)]
pub struct CallSpan<'a> {
    span: Span,
    method: http::Method,
    // A Rest.li call's is borrowed from its request, which outlives the
    // call: no copy on every call (issue 17). An OAuth call or a fetch
    // (rare) keeps its own.
    template: Cow<'a, str>,
    server: Option<(String, Option<u16>)>,
    attempts: u32,
    status: Option<u16>,
    request_id: Option<String>,
}

/// Opens a span named `$name` with every field declared up front.
macro_rules! open {
    ($name:literal, $restli:expr, $grant:expr, $template:expr) => {
        tracing::info_span!(
            $name,
            otel.kind = "client",
            otel.name = tracing::field::Empty,
            http.request.method = tracing::field::Empty,
            url.template = $template,
            server.address = tracing::field::Empty,
            server.port = tracing::field::Empty,
            http.response.status_code = tracing::field::Empty,
            http.request.resend_count = tracing::field::Empty,
            error.type = tracing::field::Empty,
            linkedin.restli_method = $restli,
            linkedin.oauth_grant = $grant,
            linkedin.request_id = tracing::field::Empty,
        )
    };
}

impl<'a> CallSpan<'a> {
    /// The `restli.request` span of a Rest.li call.
    ///
    /// ```
    /// let request = linkedin::client_core::restli::Request::get("/me");
    /// let span = linkedin::client_core::CallSpan::restli(request.as_ref());
    /// assert_eq!(span.template(), "/me");
    /// ```
    pub fn restli(request: &'a DynamicRequest) -> CallSpan<'a> {
        let template = request.url_template();
        let span = open!(
            "restli.request",
            request.method().as_str(),
            tracing::field::Empty,
            template
        );
        CallSpan::new(
            span,
            request.method().http_method(),
            Cow::Borrowed(template),
        )
    }

    /// The `linkedin.oauth` span of an OAuth call to `url` (its template is
    /// the URL's path).
    ///
    /// ```
    /// let span = linkedin::client_core::CallSpan::oauth("http://127.0.0.1:8080/oauth/v2/accessToken", "refresh_token");
    /// assert_eq!(span.template(), "/oauth/v2/accessToken");
    /// ```
    pub fn oauth(url: &str, grant: &'static str) -> CallSpan<'a> {
        let template = path_of(url);
        let span = open!("linkedin.oauth", tracing::field::Empty, grant, template);
        let mut this = CallSpan::new(span, http::Method::POST, Cow::Owned(template.to_owned()));
        this.server = server_of(url);
        this
    }

    /// The `linkedin.fetch` span of a plain GET of `url` (LinkedIn's JWKS
    /// for `client.identity()`); its template is the URL's path.
    ///
    /// ```
    /// let span = linkedin::client_core::CallSpan::fetch("https://www.linkedin.com/oauth/openid/jwks");
    /// assert_eq!(span.template(), "/oauth/openid/jwks");
    /// ```
    pub fn fetch(url: &str) -> CallSpan<'a> {
        let template = path_of(url);
        let span = open!(
            "linkedin.fetch",
            tracing::field::Empty,
            tracing::field::Empty,
            template
        );
        let mut this = CallSpan::new(span, http::Method::GET, Cow::Owned(template.to_owned()));
        this.server = server_of(url);
        this
    }

    fn new(span: Span, method: http::Method, template: Cow<'a, str>) -> CallSpan<'a> {
        CallSpan {
            span,
            method,
            template,
            server: None,
            attempts: 0,
            status: None,
            request_id: None,
        }
    }

    /// The span to run the call in.
    ///
    /// ```
    /// let span = linkedin::client_core::CallSpan::oauth("https://www.linkedin.com/oauth/v2/accessToken", "client_credentials");
    /// let _entered = span.span().enter();
    /// ```
    pub fn span(&self) -> &Span {
        &self.span
    }

    /// The call's `url.template`.
    ///
    /// ```
    /// let span = linkedin::client_core::CallSpan::oauth("https://www.linkedin.com/oauth/v2/introspectToken", "introspect");
    /// assert_eq!(span.template(), "/oauth/v2/introspectToken");
    /// ```
    pub fn template(&self) -> &str {
        &self.template
    }

    /// Notes the exchange the call drives: the HTTP method it sends and the
    /// server it goes to.
    ///
    /// ```
    /// use linkedin::client_core::CallSpan;
    /// use linkedin::client_core::restli::{Request, RequestConfig, RetryPolicy, exchange::Exchange};
    ///
    /// let request = Request::get("/me");
    /// let mut span = CallSpan::restli(request.as_ref());
    /// span.exchange(&Exchange::new(&request, &RequestConfig::new(), None, RetryPolicy::default())?);
    /// # Ok::<(), linkedin::client_core::restli::RequestError>(())
    /// ```
    pub fn exchange(&mut self, exchange: &Exchange) {
        // What is noted is only ever recorded: a span no subscriber wants
        // (the usual case without tracing set up) costs no allocation.
        if self.span.is_disabled() {
            return;
        }
        self.method = exchange.http_method().clone();
        self.server = server_of(exchange.url());
    }

    /// Notes that attempt number `attempt` (1-based) is being sent.
    ///
    /// ```
    /// let request = linkedin::client_core::restli::Request::get("/me");
    /// let mut span = linkedin::client_core::CallSpan::restli(request.as_ref());
    /// span.attempt(1);
    /// ```
    pub fn attempt(&mut self, attempt: u32) {
        self.attempts = self.attempts.max(attempt);
    }

    /// Notes a response: its status and LinkedIn's request id (LinkedIn
    /// asks for `x-li-uuid` when reporting a failed call:
    /// <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>).
    ///
    /// ```
    /// let request = linkedin::client_core::restli::Request::get("/me");
    /// let mut span = linkedin::client_core::CallSpan::restli(request.as_ref());
    /// span.response(&http::Response::new(Vec::<u8>::new()));
    /// ```
    pub fn response<B>(&mut self, response: &http::Response<B>) {
        self.status = Some(response.status().as_u16());
        if self.span.is_disabled() {
            return;
        }
        self.request_id = ["x-li-uuid", "x-li-request-id", "x-restli-request-id"]
            .iter()
            .find_map(|name| response.headers().get(*name))
            .and_then(|value| value.to_str().ok())
            .map(|id| id.chars().take(128).collect());
    }

    /// Records every field, the outcome's `error.type` included, and
    /// closes the span.
    ///
    /// ```
    /// let request = linkedin::client_core::restli::Request::get("/me");
    /// let span = linkedin::client_core::CallSpan::restli(request.as_ref());
    /// span.finish::<()>(&Ok(()));
    /// ```
    pub fn finish<R>(self, result: &Result<R, Error>) {
        let span = &self.span;
        if span.is_disabled() {
            return;
        }
        span.record(
            "otel.name",
            format!("{} {}", self.method, self.template).as_str(),
        );
        span.record("http.request.method", self.method.as_str());
        if let Some((address, port)) = &self.server {
            span.record("server.address", address.as_str());
            if let Some(port) = port {
                span.record("server.port", port);
            }
        }
        if let Some(status) = self.status {
            span.record("http.response.status_code", status);
        }
        span.record("http.request.resend_count", self.attempts.saturating_sub(1));
        if let Err(err) = result {
            let status = match err {
                Error::Api(api) => Some(api.status().as_u16()),
                Error::OAuth { .. } => self.status.filter(|s| *s >= 400),
                _ => None,
            };
            match status {
                Some(status) => span.record("error.type", status.to_string().as_str()),
                None => span.record("error.type", error_type(err)),
            };
        }
        if let Some(id) = &self.request_id {
            span.record("linkedin.request_id", id.as_str());
        }
    }
}

/// A low-cardinality name of a failure that has no error status.
fn error_type(err: &Error) -> &'static str {
    match err {
        Error::Transport(failed) => match failed.failure() {
            TransportFailure::Timeout => "timeout",
            TransportFailure::Connect => "connection",
            TransportFailure::ConnectionReset => "connection_reset",
            TransportFailure::BodyTooLarge => "body_too_large",
            _ => "transport",
        },
        Error::Decode(_) => "decode",
        Error::Request(_) => "request",
        Error::Token(_) => "token",
        Error::Config(_) => "config",
        Error::Paging(_) => "paging",
        Error::OAuth { .. } => "oauth",
        _ => "other",
    }
}

/// The path of an absolute URL (without its query).
fn path_of(url: &str) -> &str {
    let rest = url
        .find("://")
        .and_then(|i| url.get(i + 3..))
        .unwrap_or(url);
    let path = rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or_default()
}

/// The host of an absolute URL, and its port when not the scheme's default.
fn server_of(url: &str) -> Option<(String, Option<u16>)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let (host, port) = match authority.rfind(':') {
        Some(i) if authority.get(i..).is_some_and(|tail| !tail.contains(']')) => {
            let port = authority.get(i + 1..)?.parse::<u16>().ok()?;
            (authority.get(..i)?, Some(port))
        }
        _ => (authority, None),
    };
    let default = if scheme.eq_ignore_ascii_case("https") {
        443
    } else {
        80
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    (!host.is_empty()).then(|| (host.to_owned(), port.filter(|p| *p != default)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_is_the_host_and_a_port_other_than_the_default() {
        assert_eq!(
            server_of("https://api.linkedin.com/rest/me?q=1"),
            Some(("api.linkedin.com".to_owned(), None))
        );
        assert_eq!(
            server_of("https://api.linkedin.com:443/rest"),
            Some(("api.linkedin.com".to_owned(), None))
        );
        assert_eq!(
            server_of("http://127.0.0.1:8080/v2/x"),
            Some(("127.0.0.1".to_owned(), Some(8080)))
        );
        assert_eq!(
            server_of("http://[::1]:9/v2"),
            Some(("::1".to_owned(), Some(9)))
        );
        assert_eq!(server_of("http://[::1]/v2"), Some(("::1".to_owned(), None)));
        assert_eq!(server_of("no url"), None);
    }

    #[test]
    fn failures_without_a_status_have_short_names() {
        use std::time::Duration;

        use crate::{TokenError, TransportFailed};

        let url = "http://127.0.0.1:1/v2/x";
        let timed_out = Error::from(TransportFailed::timed_out(url, Duration::from_secs(1), 1));
        assert_eq!(error_type(&timed_out), "timeout");
        let failed = |failure| {
            let io = std::io::Error::from(std::io::ErrorKind::Other);
            error_type(&Error::from(TransportFailed::new(failure, url, 1, io)))
        };
        assert_eq!(failed(TransportFailure::Connect), "connection");
        assert_eq!(
            failed(TransportFailure::ConnectionReset),
            "connection_reset"
        );
        assert_eq!(failed(TransportFailure::BodyTooLarge), "body_too_large");
        assert_eq!(failed(TransportFailure::Other), "transport");
        assert_eq!(error_type(&Error::from(TokenError::Missing)), "token");
    }

    #[test]
    fn an_oauth_template_is_the_path_without_the_query() {
        assert_eq!(
            path_of("https://www.linkedin.com/oauth/v2/accessToken?x=secret"),
            "/oauth/v2/accessToken"
        );
        assert_eq!(path_of("https://www.linkedin.com"), "/");
    }
}
