//! Shows a built request as text for snapshots: verb, URL, sorted headers
//! (token and crate version masked), pretty JSON body.

#![allow(dead_code)]

use restli_codec::{DynamicRequest, LinkedInVersion, RequestConfig};

pub const TOKEN: &str = "AQV-secret-token";

/// The config of the identity, social and organizations snapshots.
pub fn versioned() -> RequestConfig {
    RequestConfig::new().with_version(LinkedInVersion::new("202510").unwrap())
}

/// The config of the posts, media and ads snapshots.
pub fn config() -> RequestConfig {
    RequestConfig::new().with_version("202406".parse().unwrap())
}

/// The HTTP request sent for `request` under [`config`], with [`TOKEN`].
pub fn wire(request: impl Into<DynamicRequest>) -> http::Request<Vec<u8>> {
    let request: DynamicRequest = request.into();
    request.to_http(&config(), Some(TOKEN)).unwrap()
}

/// [`render`] of [`wire`].
pub fn render_wire(request: impl Into<DynamicRequest>) -> String {
    render(&wire(request))
}

pub fn render<B: AsRef<[u8]>>(request: &http::Request<B>) -> String {
    let mut out = format!("{} {}\n", request.method(), request.uri());
    let mut headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().unwrap().replace(TOKEN, "[token]");
            let value = if name == "user-agent" {
                value.replace(env!("CARGO_PKG_VERSION"), "[version]")
            } else {
                value
            };
            (name.as_str().to_owned(), value)
        })
        .collect();
    headers.sort();
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\n"));
    }
    let body = std::str::from_utf8(request.body().as_ref()).unwrap();
    assert!(!body.contains(TOKEN));
    if !body.is_empty() {
        out.push('\n');
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        out.push_str(&serde_json::to_string_pretty(&json).unwrap());
        out.push('\n');
    }
    out
}

/// A response as a transport hands it back.
pub fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}
