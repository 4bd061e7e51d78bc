//! Typed decoding reads numbers only in their one canonical spelling, so
//! that one key has one encoding: `+1`, `01` and (for integers) `-0` are
//! rejected; `0`, `0.5`, `-0.5` and `-0.0` stay fine.
//!
//! Rest.li writes numbers as Java's `String.valueOf` / JSON does (see
//! linkedin/rest.li `restli-common/src/main/java/com/linkedin/restli/internal/common/URIParamUtils.java`,
//! `encodeDataObject`, which appends primitives' text), never with a `+`
//! or leading zeros; accepting those would let `01` and `1` name one entity.

use std::collections::BTreeMap;

use proptest::prelude::*;
use restli_codec::{ErrorKind, from_str, from_str_reduced, to_string};
use serde_json::Value;

#[test]
fn integers_reject_plus_and_leading_zeros() {
    for text in [
        "+1", "01", "00", "-01", "+0", "-0", "007", "1_000", " 1", "",
    ] {
        let err = from_str::<i64>(text).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::InvalidPrimitive { .. } | ErrorKind::UnexpectedEnd { .. }
            ),
            "{text:?}: {err}"
        );
        assert!(from_str::<u64>(text).is_err(), "{text:?}");
        assert!(from_str_reduced::<u32>(text).is_err(), "{text:?}");
    }
    let err = from_str::<u64>("+1").unwrap_err();
    assert!(err.to_string().contains("no '+' sign"), "{err}");
    // Out of range keeps the plain message.
    let err = from_str::<u8>("300").unwrap_err();
    assert_eq!(err.to_string(), "invalid u8: \"300\" at byte 0");
}

#[test]
fn canonical_integers_decode() {
    assert_eq!(from_str::<i64>("0").unwrap(), 0);
    assert_eq!(from_str::<i64>("-1").unwrap(), -1);
    assert_eq!(from_str::<i64>("-9223372036854775808").unwrap(), i64::MIN);
    assert_eq!(from_str::<u64>("10").unwrap(), 10);
    assert_eq!(from_str::<Vec<u8>>("List(0,1,255)").unwrap(), [0, 1, 255]);
}

#[test]
fn floats_follow_the_json_grammar() {
    for ok in [
        "0", "0.5", "-0.5", "1.0", "1e5", "1E5", "1.5e-7", "2.5E+3", "-0.0", "-0",
    ] {
        assert!(from_str::<f64>(ok).is_ok(), "{ok:?}");
    }
    assert!(from_str::<f64>("-0.0").unwrap().is_sign_negative());
    for bad in [
        "+1.5", "01.5", "00", ".5", "5.", "1e", "1e+", "NaN", "inf", "-inf", "0x1",
    ] {
        assert!(from_str::<f64>(bad).is_err(), "{bad:?}");
        assert!(from_str::<f32>(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn map_keys_are_held_to_the_same_rule() {
    let err = from_str::<BTreeMap<u64, String>>("(01:a)").unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidPrimitive { .. }),
        "{err}"
    );
    assert_eq!(err.offset(), Some(1));
    assert!(from_str::<BTreeMap<i32, String>>("(+1:a)").is_err());
    assert!(from_str::<Vec<(f64, String)>>("List(List(NaN,a))").is_err());
    assert!(from_str::<std::collections::HashMap<String, f64>>("(a:01.5)").is_err());
    let ok: BTreeMap<i32, String> = from_str("(-1:a,0:b,1:c)").unwrap();
    assert_eq!(ok.len(), 3);
}

#[test]
fn untyped_decoding_keeps_the_text() {
    // `serde_json::Value` receives primitives as strings: nothing to reject.
    assert_eq!(from_str::<Value>("01").unwrap(), Value::String("01".into()));
}

proptest! {
    #[test]
    fn integers_have_one_encoding(n in any::<i64>(), m in any::<u64>()) {
        prop_assert_eq!(from_str::<i64>(&to_string(&n).unwrap()).unwrap(), n);
        prop_assert_eq!(from_str::<u64>(&to_string(&m).unwrap()).unwrap(), m);
        let plus = format!("+{m}");
        prop_assert!(from_str::<u64>(&plus).is_err());
        let zero = format!("0{m}");
        prop_assert!(from_str::<u64>(&zero).is_err());
        let negative_zero = format!("-0{m}");
        prop_assert!(from_str::<i64>(&negative_zero).is_err());
    }

    #[test]
    fn floats_round_trip(f in proptest::num::f64::ANY.prop_filter("finite", |f| f.is_finite())) {
        let back: f64 = from_str(&to_string(&f).unwrap()).unwrap();
        prop_assert_eq!(back.to_bits(), f.to_bits());
        let plus = format!("+{}", to_string(&f.abs()).unwrap());
        prop_assert!(from_str::<f64>(&plus).is_err());
    }
}
