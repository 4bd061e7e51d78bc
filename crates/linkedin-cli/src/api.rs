//! `linkedin api METHOD PATH`: call any Rest.li method and print the answer.

use std::io::IsTerminal;
use std::path::Path;

use linkedin::oauth::AccessToken;
use linkedin::restli::response::{ApiError, RawResponse, ResponseError};
use linkedin::restli::retry::TransportFailure;
use linkedin::restli::{Endpoint, Method};
use serde_json::{Value, json};

use crate::api_request;
use crate::cli::ApiArgs;
use crate::error::CliError;
use crate::output;
use crate::profile::Store;
use crate::{renew, sdk};

/// Runs `linkedin api`.
pub fn run(args: &ApiArgs, dir: &Path, profile_name: &str) -> Result<(), CliError> {
    let request = api_request::build(args)?;
    let (token, stored_base) = resolve_token(args, dir, profile_name)?;
    let base = args.base_url.clone().or(stored_base);
    let mut builder = sdk::Client::builder().access_token(token.clone());
    if let Some(base) = &base {
        let endpoint = Endpoint::from_origin(base).map_err(|e| {
            CliError::usage(
                e.to_string(),
                "pass an https URL, or http://127.0.0.1:PORT for a local sandbox",
            )
        })?;
        builder = builder.endpoint(endpoint);
    }
    let client = builder.build().map_err(sdk_error)?;

    if args.dry_run {
        let http = request
            .to_http(client.config(), Some(token.secret()))
            .map_err(|e| api_request::request_error(&e))?;
        print!("{}", api_request::render(&http));
        return Ok(());
    }

    if args.paginate {
        if !matches!(request.method(), Method::GetAll | Method::Finder) {
            return Err(CliError::usage(
                format!("--paginate does not apply to {}", request.method()),
                "use --paginate with get_all or finder",
            ));
        }
        return paginate(&client, request);
    }

    let raw: RawResponse = client.send(request).map_err(sdk_error)?;
    let answer = RawAnswer::from_raw(raw).map_err(|e| sdk_error(e.into()))?;
    output::print_json(&answer.printable())
}

/// The token to send and the API origin stored with the profile.
///
/// With `--access-token` the profile's origin is still the default (a
/// token for a sandbox is useless against LinkedIn); without it the
/// profile's token is renewed first when it needs to be.
fn resolve_token(
    args: &ApiArgs,
    dir: &Path,
    profile_name: &str,
) -> Result<(AccessToken, Option<String>), CliError> {
    token_and_base(args.access_token.as_ref(), dir, profile_name)
}

/// [`resolve_token`] for any command with the same connection options
/// (`--access-token`, `--profile`).
pub(crate) fn token_and_base(
    access_token: Option<&AccessToken>,
    dir: &Path,
    profile_name: &str,
) -> Result<(AccessToken, Option<String>), CliError> {
    if let Some(token) = access_token {
        // No profile (or an unreadable file) only means no stored origin:
        // the token was given explicitly.
        let stored_base = Store::load(dir)
            .ok()
            .and_then(|store| store.profiles.get(profile_name)?.api_base_url.clone());
        return Ok((token.clone(), stored_base));
    }
    let profile = renew::fresh_profile(dir, profile_name)?;
    Ok((profile.tokens.access_token, profile.api_base_url))
}

/// Prints every element of every page as one JSON line, with a progress
/// line on standard error when it is a terminal.
fn paginate(
    client: &sdk::Client,
    request: linkedin::restli::DynamicRequest,
) -> Result<(), CliError> {
    let progress = std::io::stderr().is_terminal();
    let mut count = 0u64;
    for page in client.pages::<Value>(request) {
        let page = page.map_err(sdk_error)?;
        for element in &page.elements {
            let line = serde_json::to_string(element)
                .map_err(|e| CliError::Sdk(format!("cannot print an element: {e}")))?;
            output::print_line(&line)?;
            count += 1;
        }
        if progress {
            let total = page
                .paging
                .as_ref()
                .and_then(|p| p.total)
                .map_or_else(String::new, |t| format!(" of {t}"));
            eprint!("\r{count}{total} elements");
        }
    }
    if progress {
        eprintln!();
    }
    Ok(())
}

/// Turns an SDK error into the tool's, keeping API errors' one-line
/// summary (status, serviceErrorCode, code, message), with what the server
/// wrote quoted only as printable excerpts.
pub fn sdk_error(e: sdk::Error) -> CliError {
    if let Some(api) = e.api_error() {
        return CliError::Api(api_summary(api));
    }
    if let sdk::Error::Transport(failed) = &e
        && failed.failure() == TransportFailure::Connect
    {
        return CliError::usage(
            format!(
                "cannot connect to {} ({e})",
                output::excerpt(host_of(failed.url()))
            ),
            "check the address and your network, or pass --base-url URL (a local sandbox: --base-url http://127.0.0.1:PORT)",
        );
    }
    CliError::Sdk(e.to_string())
}

/// `host:port` of a URL, for messages.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// `HTTP 403 Forbidden, serviceErrorCode 100, code ACCESS_DENIED: message`.
fn api_summary(api: &ApiError) -> String {
    let Some(message) = api.message() else {
        // The codec's summary of a body without a message already quotes
        // only an excerpt of it.
        return output::printable(&api.to_string());
    };
    let mut line = format!("HTTP {}", api.status());
    if let Some(code) = api.service_error_code() {
        line.push_str(&format!(", serviceErrorCode {code}"));
    }
    if let Some(code) = api.code() {
        line.push_str(&format!(", code {}", output::excerpt(code)));
    }
    line.push_str(&format!(": {}", output::excerpt(message)));
    line
}

/// Any successful answer, kept as JSON for printing.
struct RawAnswer {
    status: http::StatusCode,
    id: Option<String>,
    body: Option<Value>,
}

impl RawAnswer {
    /// The body when there is only a body; the status and created id
    /// otherwise, with the body beside them as `entity` when a create
    /// returned one too.
    fn printable(&self) -> Value {
        match (&self.body, &self.id) {
            (Some(body), None) => body.clone(),
            (Some(body), Some(id)) => {
                json!({ "status": self.status.as_u16(), "id": id, "entity": body })
            }
            (None, Some(id)) => json!({ "status": self.status.as_u16(), "id": id }),
            (None, None) => json!({ "status": self.status.as_u16() }),
        }
    }
}

/// The created id as text, from the `x-restli-id` header.
///
/// LinkedIn writes simple keys raw (`x-restli-id: urn:li:share:7`, see
/// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
/// "Create a Post"), while a Rest.li server reduced-encodes keys for
/// headers (linkedin/rest.li, restli-common/.../internal/common/URIParamUtils.java,
/// `encodeKeyForHeader`), which
/// turns a URN into `urn%3Ali%3Ashare%3A7`. Both readings are accepted:
/// the header is decoded only when it is exactly the reduced encoding of a
/// string (re-encoding the decoded string gives it back); anything else (a
/// raw URN, a tuple URN, a complex key, a literal `%20`) is printed as
/// sent. Never a number, never an error.
fn created_id(raw: &str) -> String {
    match linkedin::restli::from_str_reduced::<Value>(raw) {
        Ok(Value::String(decoded))
            if linkedin::restli::to_string_reduced(&decoded)
                .ok()
                .as_deref()
                == Some(raw) =>
        {
            decoded
        }
        _ => raw.to_owned(),
    }
}

impl RawAnswer {
    /// Reads a successful answer: the created id from `x-restli-id`, the
    /// body as JSON when there is one.
    fn from_raw(raw: RawResponse) -> Result<Self, ResponseError> {
        let status = raw.meta.status();
        let id = raw
            .meta
            .headers()
            .get(linkedin::restli::header::RESTLI_ID)
            .map(|v| created_id(&String::from_utf8_lossy(v.as_bytes())));
        let body = &raw.body;
        let body = if body.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            Some(serde_json::from_slice(body).map_err(|e| {
                let excerpt = output::excerpt(&String::from_utf8_lossy(
                    body.get(..body.len().min(output::EXCERPT_BYTES))
                        .unwrap_or_default(),
                ));
                ResponseError::Decode {
                    status,
                    url: raw.meta.url().to_owned(),
                    excerpt,
                    reason: format!("the body ({} bytes) is not JSON: {e}", body.len()),
                }
            })?)
        };
        Ok(RawAnswer { status, id, body })
    }
}

#[cfg(test)]
mod tests {
    use super::{created_id, host_of};
    use proptest::prelude::*;

    #[test]
    fn hosts_are_named() {
        assert_eq!(
            host_of("https://api.linkedin.com/v2/me"),
            "api.linkedin.com"
        );
        assert_eq!(host_of("http://127.0.0.1:9/rest/x?q=1"), "127.0.0.1:9");
        assert_eq!(host_of("nonsense"), "nonsense");
    }

    #[test]
    fn created_ids_are_printed_as_sent_or_decoded_when_reduced() {
        for (header, printed) in [
            ("urn:li:share:7", "urn:li:share:7"),
            ("urn%3Ali%3Ashare%3A7", "urn:li:share:7"),
            (
                "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)",
                "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)",
            ),
            ("123", "123"),
            ("(account:1,group:2)", "(account:1,group:2)"),
            ("a%20b", "a%20b"),
            ("", ""),
        ] {
            assert_eq!(created_id(header), printed, "{header}");
        }
    }

    proptest! {
        /// A reduced-encoded string comes back as the string; whatever is
        /// sent, something is printed.
        #[test]
        fn reduced_strings_decode(text in "[ -~]{1,40}") {
            let encoded = linkedin::restli::to_string_reduced(&text).unwrap();
            prop_assert_eq!(created_id(&encoded), text);
        }

        #[test]
        fn any_header_gives_an_id(raw in "[ -~]{0,60}") {
            let id = created_id(&raw);
            prop_assert!(id == raw || linkedin::restli::to_string_reduced(&id).unwrap() == raw);
        }
    }
}
