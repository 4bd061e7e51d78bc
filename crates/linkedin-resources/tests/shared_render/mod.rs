//! Shows a built request as text for snapshots: verb, URL, sorted headers
//! (token and crate version masked), pretty JSON body.

#![allow(dead_code)]

use restli_codec::{LinkedInVersion, RequestConfig};

pub const TOKEN: &str = "AQV-secret-token";

pub fn versioned() -> RequestConfig {
    RequestConfig::new().with_version(LinkedInVersion::new("202510").unwrap())
}

pub fn render(request: &http::Request<Vec<u8>>) -> String {
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
    let body = String::from_utf8(request.body().clone()).unwrap();
    assert!(!body.contains(TOKEN));
    if !body.is_empty() {
        out.push('\n');
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
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
