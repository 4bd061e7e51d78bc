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
