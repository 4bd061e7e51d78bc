//! Turning `linkedin api` arguments into a Rest.li request, and printing
//! the exact HTTP request for `--dry-run`.

use std::io::Read;

use linkedin::restli::{DynamicRequest, Method, Patch, PathTemplate, Request, RequestError};
use serde_json::Value;

use crate::cli::ApiArgs;
use crate::error::CliError;

/// The methods `linkedin api` accepts, for error messages.
const METHODS: &str = "get, batch_get, get_all, finder, batch_finder, create, batch_create, update, batch_update, partial_update, batch_partial_update, delete, batch_delete, action";

/// Builds the request the arguments describe.
pub fn build(args: &ApiArgs) -> Result<DynamicRequest, CliError> {
    let method: Method = args.method.parse().map_err(|_| {
        CliError::usage(
            format!("unknown method {:?}", args.method),
            format!("use one of {METHODS}"),
        )
    })?;
    let mut params = parse_params(&args.params)?;
    let body = args.body.as_deref().map(read_body).transpose()?;
    let ids = args.ids.as_deref().map(parse_ids).transpose()?;
    let path = args.path.as_str();

    if ids.is_some() && !method.is_batch_by_ids() {
        return Err(CliError::usage(
            format!("--ids does not apply to {method}"),
            "drop --ids, or use a batch method (batch_get, batch_update, batch_partial_update, batch_delete)",
        ));
    }
    let need_ids = || {
        ids.clone().ok_or_else(|| {
            CliError::usage(
                format!("{method} needs --ids"),
                "pass the ids as a JSON array, e.g. --ids '[1,2]'",
            )
        })
    };
    let need_body = || {
        body.clone().ok_or_else(|| {
            CliError::usage(
                format!("{method} needs --body"),
                "pass JSON with --body '{...}' or a file with --body @FILE",
            )
        })
    };
    let need_array = |what: &str| {
        need_body().and_then(|b| match b {
            Value::Array(items) => Ok(items),
            _ => Err(CliError::usage(
                format!("{method} needs --body to be a JSON array of {what}"),
                format!("wrap the {what} in [...]"),
            )),
        })
    };
    let need_name = || {
        args.name.clone().ok_or_else(|| {
            CliError::usage(
                format!("{method} needs --name"),
                "give the finder or action name, e.g. --name search",
            )
        })
    };
    let patch = |value: Value| {
        Patch::from_value(value).map_err(|e| {
            CliError::usage(
                format!("invalid patch: {e}"),
                "give a patch like {\"$set\": {\"field\": \"value\"}}",
            )
        })
    };

    // The method is chosen at run time: each typed request is kept as the
    // dynamic request it is built on, answered by a raw response.
    let request: DynamicRequest = match method {
        Method::Get => DynamicRequest::from(Request::get(path)),
        Method::BatchGet => DynamicRequest::from(Request::batch_get(path, need_ids()?)),
        Method::GetAll => DynamicRequest::from(Request::get_all(path)),
        Method::Finder => DynamicRequest::from(Request::finder(path, &need_name()?)),
        Method::BatchFinder => DynamicRequest::from({
            let criteria = match params.remove(&args.criteria_param) {
                Some(Value::Array(items)) => items,
                _ => {
                    return Err(CliError::usage(
                        format!(
                            "batch_finder needs its criteria as --param {}=[...]",
                            args.criteria_param
                        ),
                        "pass the list of criteria as a JSON array (or name its parameter with --criteria-param)",
                    ));
                }
            };
            Request::batch_finder(path, &need_name()?, &args.criteria_param, criteria)
        }),
        Method::Create => DynamicRequest::from(Request::create(path, &need_body()?)),
        Method::BatchCreate => {
            DynamicRequest::from(Request::batch_create(path, need_array("entities")?))
        }
        Method::Update => DynamicRequest::from(Request::update(path, &need_body()?)),
        Method::BatchUpdate => DynamicRequest::from(Request::batch_update(
            path,
            need_ids()?,
            need_array("entities")?,
        )),
        Method::PartialUpdate => {
            DynamicRequest::from(Request::partial_update(path, &patch(need_body()?)?))
        }
        Method::BatchPartialUpdate => DynamicRequest::from({
            let patches = need_array("patches")?
                .into_iter()
                .map(patch)
                .collect::<Result<Vec<_>, _>>()?;
            Request::batch_partial_update(path, need_ids()?, patches)
        }),
        Method::Delete => DynamicRequest::from(Request::delete(path)),
        Method::BatchDelete => DynamicRequest::from(Request::batch_delete(path, need_ids()?)),
        Method::Action => DynamicRequest::from({
            Request::action(path, &need_name()?, &body.clone().unwrap_or(Value::Null))
        }),
    };

    let mut request = request;
    check_key_names(path, &args.keys)?;
    for raw in &args.keys {
        let (name, value) = split_pair(raw, "--key", "NAME=VALUE")?;
        let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_owned()));
        request = request.key(name, &value);
    }
    for (name, value) in &params {
        request = request.param(name, value);
    }
    if let Some(fields) = &args.fields {
        request = request.fields(fields);
    }
    if let Some(version) = &args.version {
        request = request.version(version);
    }
    if let Some(error) = request.error() {
        return Err(request_error(error));
    }
    Ok(request)
}

/// A request the codec refused, with a fix only where the message does
/// not already say what to write (a bad version names the expected form
/// itself: nothing generic follows it).
pub fn request_error(error: &RequestError) -> CliError {
    match error {
        RequestError::Version(_) | RequestError::LengthMismatch { .. } => {
            CliError::Request(error.to_string())
        }
        RequestError::Path(_) => CliError::usage(
            error.to_string(),
            "give each {placeholder} of the path with --key NAME=VALUE",
        ),
        RequestError::Patch(_) => CliError::usage(
            error.to_string(),
            "give a patch like {\"patch\":{\"$set\":{\"field\":\"value\"}}}",
        ),
        RequestError::NoIds { .. } | RequestError::DuplicateId { .. } => {
            CliError::usage(error.to_string(), "fix the --ids array")
        }
        _ => CliError::usage(
            error.to_string(),
            "check the --key, --param and --body values",
        ),
    }
}

/// Every `--key NAME` must name a `{placeholder}` of the path: a key that
/// matches none would otherwise be dropped silently, and the error would
/// only name the placeholder left empty.
fn check_key_names(path: &str, keys: &[String]) -> Result<(), CliError> {
    if keys.is_empty() {
        return Ok(());
    }
    let template = PathTemplate::parse(path).map_err(|e| {
        CliError::usage(
            e.to_string(),
            "write placeholders as {name}, e.g. /adAccounts/{id}",
        )
    })?;
    let names: Vec<&str> = template.placeholders().collect();
    for raw in keys {
        let (name, _) = split_pair(raw, "--key", "NAME=VALUE")?;
        if names.contains(&name) {
            continue;
        }
        let shown = names
            .iter()
            .map(|n| format!("{{{n}}}"))
            .collect::<Vec<_>>()
            .join(", ");
        let fix = match names.iter().find(|n| n.eq_ignore_ascii_case(name)) {
            Some(close) => format!("placeholders are case-sensitive: write --key {close}=VALUE"),
            None if names.is_empty() => "the path has no {placeholders}; drop --key".to_owned(),
            None => format!("the path's placeholders are {shown}"),
        };
        return Err(CliError::usage(
            format!(
                "--key {} matches no placeholder of {}",
                crate::output::excerpt(name),
                crate::output::excerpt(path)
            ),
            fix,
        ));
    }
    Ok(())
}

fn split_pair<'a>(raw: &'a str, flag: &str, form: &str) -> Result<(&'a str, &'a str), CliError> {
    match raw.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name, value)),
        _ => Err(CliError::usage(
            format!("{flag} {raw:?} is not {form}"),
            format!("write it as {flag} {form}"),
        )),
    }
}

fn parse_params(raw: &[String]) -> Result<std::collections::BTreeMap<String, Value>, CliError> {
    let mut params = std::collections::BTreeMap::new();
    for pair in raw {
        let (name, json) = split_pair(pair, "--param", "NAME=JSON")?;
        let value: Value = serde_json::from_str(json).map_err(|e| {
            CliError::usage(
                format!("--param {name}: {json:?} is not valid JSON ({e})"),
                format!("quote strings as JSON, e.g. --param '{name}=\"value\"'"),
            )
        })?;
        params.insert(name.to_owned(), value);
    }
    Ok(params)
}

fn parse_ids(raw: &str) -> Result<Vec<Value>, CliError> {
    match serde_json::from_str(raw) {
        Ok(Value::Array(ids)) => Ok(ids),
        Ok(_) => Err(CliError::usage(
            format!("--ids {raw:?} is not a JSON array"),
            "pass the ids as a JSON array, e.g. --ids '[1,2]'",
        )),
        Err(e) => Err(CliError::usage(
            format!("--ids {raw:?} is not valid JSON ({e})"),
            "pass the ids as a JSON array, e.g. --ids '[1,2]'",
        )),
    }
}

/// `--body JSON`, `--body @FILE` or `--body @-` (standard input).
fn read_body(raw: &str) -> Result<Value, CliError> {
    let (text, origin) = match raw.strip_prefix('@') {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|source| CliError::Io {
                    action: "read",
                    path: "standard input".into(),
                    source,
                })?;
            (text, "standard input".to_owned())
        }
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|source| CliError::Io {
                action: "read",
                path: file.into(),
                source,
            })?;
            (text, file.to_owned())
        }
        None => (raw.to_owned(), "--body".to_owned()),
    };
    serde_json::from_str(&text).map_err(|e| {
        CliError::usage(
            format!("{origin} is not valid JSON ({e})"),
            "give the body as JSON, or @FILE for a file holding JSON",
        )
    })
}

/// The request as text: request line, headers (the token masked), blank
/// line, body.
pub fn render(request: &http::Request<Vec<u8>>) -> String {
    let mut out = format!("{} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        let value = if name == http::header::AUTHORIZATION {
            "Bearer [redacted]".to_owned()
        } else {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        };
        out.push_str(&format!("{name}: {value}\n"));
    }
    if !request.body().is_empty() {
        out.push('\n');
        out.push_str(&String::from_utf8_lossy(request.body()));
        out.push('\n');
    }
    out
}
