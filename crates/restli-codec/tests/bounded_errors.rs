//! Errors of the value layer quote at most `EXCERPT_LIMIT` bytes of an
//! untrusted value (cut at a character boundary) plus its length, in
//! `Display` and in `Debug`; the whole value stays in the error's field.

use std::collections::BTreeMap;

use restli_codec::{EXCERPT_LIMIT, Error, ErrorKind, Urn, from_str, from_str_reduced, to_string};
use serde::Serialize;
use serde::ser::SerializeMap;

const MIB: usize = 1 << 20;

fn assert_bounded(what: &str, err: &Error) {
    let display = err.to_string();
    let debug = format!("{err:?}");
    assert!(
        display.len() < 1024,
        "{what}: Display is {} bytes",
        display.len()
    );
    assert!(debug.len() < 1024, "{what}: Debug is {} bytes", debug.len());
    let kind = err.kind().to_string();
    assert!(kind.len() < 1024, "{what}: kind is {} bytes", kind.len());
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
enum Fruit {
    Apple,
}

/// A map that names one key twice, out of order.
struct Twice(String);

impl Serialize for Twice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry(&self.0, &1)?;
        map.serialize_entry(&self.0, &2)?;
        map.end()
    }
}

#[test]
fn a_megabyte_number_is_quoted_briefly() {
    let long = "9".repeat(MIB);
    let err = from_str::<u64>(&long).unwrap_err();
    assert_bounded("invalid number", &err);
    assert!(err.to_string().contains("1048576 bytes in all"), "{err}");
    // The whole value is still there for whoever needs it.
    match err.kind() {
        ErrorKind::InvalidPrimitive { value, .. } => assert_eq!(value.len(), MIB),
        other => panic!("unexpected {other:?}"),
    }
    let err = from_str_reduced::<u64>(&long).unwrap_err();
    assert_bounded("invalid number, reduced", &err);
}

#[test]
fn every_quoting_kind_is_bounded() {
    let long = "x".repeat(MIB);
    let cases: Vec<(&str, Error)> = vec![
        ("bool", from_str::<bool>(&long).unwrap_err()),
        ("char", from_str::<char>(&long).unwrap_err()),
        ("f64", from_str::<f64>(&long).unwrap_err()),
        (
            "bytes",
            from_str::<serde_bytes_like::Bytes>(&"é€".repeat(MIB / 4)).unwrap_err(),
        ),
        (
            "map key",
            from_str::<BTreeMap<u32, u8>>(&format!("({long}:1)")).unwrap_err(),
        ),
        (
            "enum variant (serde message)",
            from_str::<Fruit>(&long).unwrap_err(),
        ),
        (
            "URN (serde message)",
            from_str_reduced::<Urn>(&format!("urn:li:x:{long} ")).unwrap_err(),
        ),
        (
            "duplicate key",
            to_string(&Twice(long.clone())).unwrap_err(),
        ),
        (
            "trailing",
            from_str::<String>(&format!("a){long}")).unwrap_err(),
        ),
        (
            "unexpected char",
            from_str::<String>(&format!("){long}")).unwrap_err(),
        ),
        (
            "bad escape",
            from_str::<String>(&format!("{long}%zz")).unwrap_err(),
        ),
    ];
    for (what, err) in &cases {
        assert_bounded(what, err);
    }
}

#[test]
fn escaping_does_not_grow_the_excerpt_past_the_limit() {
    // Control characters escape to up to ten bytes each (`\u{10ffff}`-style).
    let nasty = "\u{1}".repeat(MIB);
    let err = from_str::<u64>(&nasty).unwrap_err();
    assert_bounded("control characters", &err);
    let shown = err.to_string();
    assert!(shown.len() <= EXCERPT_LIMIT + 100, "{} bytes", shown.len());
    // Multi-byte characters are never cut in the middle.
    let wide = "é".repeat(MIB);
    let err = from_str::<u64>(&wide).unwrap_err();
    assert_bounded("two-byte characters", &err);
}

#[test]
fn short_values_are_quoted_whole() {
    let err = from_str::<u8>("300").unwrap_err();
    assert_eq!(err.to_string(), "invalid u8: \"300\" at byte 0");
    assert_eq!(
        format!("{:?}", err.kind()),
        "InvalidPrimitive { value: \"300\", expected: \"u8\" }"
    );
}

/// A `Vec<u8>` read as Rest.li `bytes` (what `serde_bytes` would do).
mod serde_bytes_like {
    use serde::de::{Deserialize, Deserializer, Visitor};

    #[derive(Debug)]
    pub struct Bytes;

    impl<'de> Deserialize<'de> for Bytes {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Bytes;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_byte_buf<E>(self, _: Vec<u8>) -> Result<Bytes, E> {
                    Ok(Bytes)
                }
            }
            d.deserialize_byte_buf(V)
        }
    }
}

// Issue 12.10 at the response layer: a header, a batch key or a request
// URL of any length gives a message of under 1 KB; the whole values stay
// reachable through the accessors.
mod responses {
    use restli_codec::response::{ApiError, BatchGetResponse, CreateResponse, ResponseError};
    use restli_codec::{Request, RequestConfig, Urn};

    const KB200: usize = 200 * 1024;

    fn assert_short(what: &str, text: &str) {
        assert!(text.len() < 1024, "{what}: {} bytes", text.len());
        assert!(text.contains("bytes in all)"), "{what}: {text}");
    }

    /// A URL as long as a tunneled BATCH_GET's.
    fn long_url() -> String {
        format!(
            "https://api.linkedin.com/rest/posts?ids={}",
            "9".repeat(KB200)
        )
    }

    #[test]
    fn a_200_kb_restli_id_with_an_undecodable_body_gives_a_short_error() {
        let id = format!("urn:li:share:{}", "7".repeat(KB200));
        let url = long_url();
        let response = http::Response::builder()
            .status(201)
            .header("x-restli-id", &id)
            .body(format!("{{\"broken\": \"{}", "b".repeat(KB200)).into_bytes())
            .unwrap();
        let err = CreateResponse::<Urn>::from_http(response, &url).unwrap_err();
        assert_short("create", &err.to_string());
        assert!(format!("{err:?}").len() > KB200, "Debug keeps the fields");
        assert_eq!(err.url(), url);
        match &err {
            ResponseError::Decode { url: whole, .. } => assert_eq!(whole.len(), url.len()),
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn a_200_kb_restli_id_is_kept_whole_on_success() {
        let id = format!("urn:li:share:{}", "7".repeat(KB200));
        let response = http::Response::builder()
            .status(201)
            .header("x-restli-id", &id)
            .body(Vec::new())
            .unwrap();
        let created = CreateResponse::<i64>::from_http(response, "/rest/posts").unwrap();
        assert_eq!(created.id, None);
        assert_eq!(created.raw_id.as_deref(), Some(id.as_str()));
    }

    #[test]
    fn a_200_kb_batch_key_gives_a_short_error() {
        let key = "k".repeat(KB200);
        let body = format!(r#"{{"results": {{"{key}": {{}}}}, "statuses": {{}}, "errors": {{}}}}"#);
        let response = http::Response::builder()
            .status(200)
            .body(body.into_bytes())
            .unwrap();
        let err = BatchGetResponse::<i64, serde_json::Value>::from_http(response, &long_url())
            .unwrap_err();
        assert_short("batch key", &err.to_string());
    }

    #[test]
    fn an_api_error_of_a_long_url_is_short_and_keeps_the_url() {
        let url = long_url();
        let response = http::Response::builder()
            .status(404)
            .body(br#"{"status":404,"message":"Not found"}"#.to_vec())
            .unwrap();
        let err: ResponseError = ApiError::from_http(response, &url).into();
        assert!(err.to_string().len() < 1024, "{}", err.to_string().len());
        assert_eq!(err.url(), url);
    }

    #[test]
    fn a_long_path_that_cannot_be_sent_gives_a_short_error() {
        // A path key of 200 KB cannot tunnel (only the query does).
        let config = RequestConfig::default();
        let path = format!("/posts/{}", "p".repeat(KB200));
        let err = Request::get(&path).to_http(&config, None).unwrap_err();
        assert!(err.to_string().len() < 1024, "{}", err.to_string().len());
    }
}
