//! One exchange as the proxy saw it, and its recording with every secret
//! taken out (by name, then by value).

use http::{HeaderMap, StatusCode};

use crate::recording::{FORMAT, RecordedBody, RecordedRequest, RecordedResponse, Recording};
use crate::redact::Redactor;

/// The parts of one exchange, as seen by the proxy.
pub(crate) struct Exchange<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: Option<&'a str>,
    pub(crate) request_headers: &'a HeaderMap,
    pub(crate) request_body: &'a [u8],
    pub(crate) status: StatusCode,
    pub(crate) response_headers: &'a HeaderMap,
    pub(crate) response_body: &'a [u8],
}

/// The recording of an exchange with every secret taken out: first by name
/// everywhere (learning the values), then by value everywhere.
pub(crate) fn redacted(redactor: &mut Redactor, exchange: Exchange<'_>) -> Recording {
    let mut request_headers = headers_by_name(redactor, exchange.request_headers);
    let mut query = exchange.query.map(|q| redactor.query_by_name(q));
    let mut request_body = body_by_name(redactor, exchange.request_headers, exchange.request_body);
    let mut response_headers = headers_by_name(redactor, exchange.response_headers);
    let mut response_body =
        body_by_name(redactor, exchange.response_headers, exchange.response_body);
    // Pass 2, with everything learned from both halves.
    let path = redactor.text_by_value(exchange.path);
    for value in request_headers
        .values_mut()
        .chain(response_headers.values_mut())
    {
        *value = redactor.text_by_value(value);
    }
    if let Some(query) = &mut query {
        *query = redactor.text_by_value(query);
    }
    for body in [&mut request_body, &mut response_body] {
        if let Some(value) = &mut body.body {
            redactor.json_by_value(value);
        }
        if let Some(text) = &mut body.body_text {
            *text = redactor.text_by_value(text);
        }
    }
    Recording {
        linkedin_sandbox_recording: FORMAT,
        request: RecordedRequest {
            method: exchange.method.to_owned(),
            path,
            query,
            headers: request_headers,
            body: request_body,
        },
        response: RecordedResponse {
            status: exchange.status.as_u16(),
            headers: response_headers,
            body: response_body,
        },
    }
}

fn headers_by_name(
    redactor: &mut Redactor,
    headers: &HeaderMap,
) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::<String, String>::new();
    for (name, value) in headers {
        if matches!(
            name.as_str(),
            "content-length" | "transfer-encoding" | "connection"
        ) {
            continue;
        }
        let text = String::from_utf8_lossy(value.as_bytes());
        let text = redactor.header_by_name(name.as_str(), &text);
        out.entry(name.as_str().to_owned())
            .and_modify(|joined| {
                joined.push_str(", ");
                joined.push_str(&text);
            })
            .or_insert(text);
    }
    out
}

/// A body redacted by name: JSON members, form parameters; other text and
/// binary bodies only by value (pass 2).
pub(crate) fn body_by_name(
    redactor: &mut Redactor,
    headers: &HeaderMap,
    bytes: &[u8],
) -> RecordedBody {
    let mut body = RecordedBody::from_bytes(bytes);
    if let Some(value) = &mut body.body {
        redactor.json_by_name(value);
    } else if let Some(text) = &mut body.body_text {
        let form = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("x-www-form-urlencoded"));
        let looks_like_form = !text.contains(char::is_whitespace) && text.contains('=');
        if form || looks_like_form {
            *text = redactor.query_by_name(text);
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn an_exchange_is_redacted_in_every_part() {
        let secrets = [
            "client-secret-1",
            "auth-code-22",
            "access-tok-333",
            "refresh-tok-4444",
        ];
        let mut request_headers = HeaderMap::new();
        request_headers.insert(
            "authorization",
            HeaderValue::from_static("Basic Y2xpZW50OnNlY3JldA=="),
        );
        request_headers.insert(
            "cookie",
            HeaderValue::from_static("li_at=cookie-value-55555"),
        );
        request_headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        let mut response_headers = HeaderMap::new();
        response_headers.insert(
            "set-cookie",
            HeaderValue::from_static("bcookie=\"v=2&x\"; Path=/"),
        );
        response_headers.insert(
            "location",
            HeaderValue::from_static("https://app.example/cb?code=auth-code-22&state=st"),
        );
        let request_body =
            b"grant_type=authorization_code&code=auth-code-22&client_secret=client-secret-1";
        let response_body =
            br#"{"access_token":"access-tok-333","refresh_token":"refresh-tok-4444","note":"client-secret-1"}"#;
        let mut redactor = Redactor::default();
        let recording = redacted(
            &mut redactor,
            Exchange {
                method: "POST",
                path: "/oauth/v2/accessToken",
                query: Some("oauth2_access_token=access-tok-333&x=auth-code-22"),
                request_headers: &request_headers,
                request_body,
                status: StatusCode::OK,
                response_headers: &response_headers,
                response_body,
            },
        );
        let text = serde_json::to_string(&recording).unwrap();
        for secret in secrets
            .iter()
            .chain(&["cookie-value-55555", "Y2xpZW50OnNlY3JldA", "bcookie"])
        {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(recording.request.headers["authorization"], "Basic REDACTED");
        assert_eq!(
            recording.request.query.as_deref(),
            Some("oauth2_access_token=REDACTED&x=REDACTED")
        );
        assert_eq!(
            recording.request.body.body_text.as_deref(),
            Some("grant_type=authorization_code&code=REDACTED&client_secret=REDACTED")
        );
        assert_eq!(
            recording.response.body.body.as_ref().unwrap()["note"],
            "REDACTED"
        );
    }
}
