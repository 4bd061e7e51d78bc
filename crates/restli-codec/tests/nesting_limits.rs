//! Every kind of nesting is bounded by `MAX_DEPTH`, on every path, so that
//! no input and no caller-built value can exhaust the stack:
//! - URNs nested in URN ids (`urn:a:b:urn:a:b:...`) and tuple ids, through
//!   `Urn::from_str`, `serde_json` and `from_str_reduced` (a long
//!   `x-restli-id` or an `"owner"` field of a response body);
//! - the serializer, for a value nested 100,000 deep.
//!
//! The tests run on threads with a 256 KiB stack: before the fix, about
//! 10,000 nested URNs aborted a 2 MiB thread.
//!
//! URN syntax: <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/urns>
//! (`urn:{namespace}:{entityType}:{id}`; ids may be tuples of URNs, as in
//! `urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)`).

use std::thread;

use proptest::prelude::*;
use restli_codec::urn::UrnErrorKind;
use restli_codec::{ErrorKind, MAX_DEPTH, Urn, from_str_reduced, to_string, to_string_reduced};
use serde_json::Value;

const LEVELS: usize = 100_000;
/// The stack of the URN tests' threads.
const STACK: usize = 256 * 1024;
/// The stack of the serializer test's thread: serde's frames for MAX_DEPTH
/// (128) legitimate levels of a `serde_json::Value` take about 300 KiB in a
/// debug build, so 256 KiB is too small for the allowed depth itself;
/// 100,000 levels overflowed any stack (the main thread's 8 MiB too)
/// before the limit.
const SERIALIZER_STACK: usize = 1024 * 1024;

/// Runs `f` on a thread with a small stack, and fails the test if the
/// thread dies (a stack overflow aborts the whole process instead, which
/// fails the test run just as clearly).
fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
    on_stack(STACK, f);
}

fn on_stack<F: FnOnce() + Send + 'static>(size: usize, f: F) {
    thread::Builder::new()
        .stack_size(size)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

fn nested_urns(levels: usize) -> String {
    format!("{}1", "urn:a:b:".repeat(levels))
}

#[test]
fn nested_urns_are_an_error_through_from_str() {
    on_small_stack(|| {
        let text = nested_urns(LEVELS);
        let err = text.parse::<Urn>().unwrap_err();
        assert_eq!(err.kind(), &UrnErrorKind::TooDeep(MAX_DEPTH));
        // The offset is where the limit was crossed: the URN opened at
        // nesting level MAX_DEPTH + 1.
        assert_eq!(err.offset(), (MAX_DEPTH + 1) * "urn:a:b:".len());
    });
}

#[test]
fn nested_urns_are_an_error_through_serde_json() {
    on_small_stack(|| {
        let body = format!("{{\"owner\": \"{}\"}}", nested_urns(LEVELS));
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Post {
            owner: Urn,
        }
        let err = serde_json::from_str::<Post>(&body).unwrap_err();
        assert!(err.to_string().contains("nested more than"), "{err}");
        let json = serde_json::to_string(&nested_urns(LEVELS)).unwrap();
        assert!(serde_json::from_str::<Urn>(&json).is_err());
    });
}

#[test]
fn nested_urns_are_an_error_through_from_str_reduced() {
    on_small_stack(|| {
        let text = nested_urns(LEVELS);
        let err = from_str_reduced::<Urn>(&text).unwrap_err();
        assert!(err.to_string().contains("nested more than"), "{err}");
        assert!(err.offset().is_some());
        // Escaped, as a complex key would be, the same.
        let escaped = to_string_reduced(&text).unwrap();
        assert!(from_str_reduced::<Urn>(&escaped).is_err());
    });
}

#[test]
fn nested_tuples_are_an_error_too() {
    on_small_stack(|| {
        let text = format!("urn:a:b:{}1{}", "(".repeat(LEVELS), ")".repeat(LEVELS));
        let err = text.parse::<Urn>().unwrap_err();
        assert_eq!(err.kind(), &UrnErrorKind::TooDeep(MAX_DEPTH));
        let mixed = format!(
            "urn:a:b:{}1{}",
            "(urn:a:b:".repeat(LEVELS),
            ")".repeat(LEVELS)
        );
        assert_eq!(
            mixed.parse::<Urn>().unwrap_err().kind(),
            &UrnErrorKind::TooDeep(MAX_DEPTH)
        );
    });
}

#[test]
fn tuple_and_urn_nesting_count_against_one_limit() {
    // MAX_DEPTH levels in all are fine, whichever kind they are.
    let half = MAX_DEPTH / 2;
    let at_limit = format!(
        "urn:a:b:{}{}1{}",
        "urn:a:b:".repeat(half),
        "(".repeat(MAX_DEPTH - half),
        ")".repeat(MAX_DEPTH - half)
    );
    assert!(at_limit.parse::<Urn>().is_ok(), "{at_limit}");
    let over = format!("urn:a:b:urn:a:b:{}", &at_limit["urn:a:b:".len()..]);
    assert_eq!(
        over.parse::<Urn>().unwrap_err().kind(),
        &UrnErrorKind::TooDeep(MAX_DEPTH)
    );
    // Siblings do not add up: depth is per path, not per URN.
    let wide = format!(
        "urn:a:b:({})",
        vec![nested_urns(MAX_DEPTH - 1); 50].join(",")
    );
    assert!(wide.parse::<Urn>().is_ok());
}

#[test]
fn urn_parsing_is_linear() {
    // A megabyte of tuple elements, and one of a long simple id: each is
    // scanned once (quadratic scanning would take minutes here).
    let wide = format!("urn:a:b:({})", vec!["urn:c:d:(1,2)"; 70_000].join(","));
    let urn: Urn = wide.parse().unwrap();
    assert_eq!(urn.tuple_ids().unwrap().len(), 70_000);
    let long = format!("urn:a:b:{}", "x:".repeat(500_000));
    assert!(long.parse::<Urn>().is_ok());
}

/// Builds `[[[...[1]...]]]` without recursion.
fn deep_array(levels: usize) -> Value {
    let mut value = Value::from(1);
    for _ in 0..levels {
        value = Value::Array(vec![value]);
    }
    value
}

/// Takes a deep value apart without recursion (dropping it whole would
/// recurse once per level).
fn dismantle(mut value: Value) {
    loop {
        value = match value {
            Value::Array(mut items) => match items.pop() {
                Some(inner) => inner,
                None => return,
            },
            Value::Object(map) => match map.into_iter().next() {
                Some((_, inner)) => inner,
                None => return,
            },
            _ => return,
        };
    }
}

fn deep_object(levels: usize) -> Value {
    let mut value = Value::from("x");
    for _ in 0..levels {
        let mut map = serde_json::Map::new();
        map.insert("k".into(), value);
        value = Value::Object(map);
    }
    value
}

#[test]
fn the_serializer_refuses_a_value_nested_100_000_deep() {
    on_stack(SERIALIZER_STACK, || {
        for value in [deep_array(LEVELS), deep_object(LEVELS)] {
            for result in [to_string(&value), to_string_reduced(&value)] {
                let err = result.unwrap_err();
                assert_eq!(
                    err.kind(),
                    &ErrorKind::DepthLimitExceeded { limit: MAX_DEPTH }
                );
            }
            let mut params = restli_codec::QueryParams::new();
            let err = params.insert("deep", &value).unwrap_err();
            assert_eq!(
                err.kind(),
                &ErrorKind::DepthLimitExceeded { limit: MAX_DEPTH }
            );
            dismantle(value);
        }
    });
}

#[test]
fn what_the_serializer_writes_at_the_limit_decodes() {
    let value = deep_array(MAX_DEPTH);
    let encoded = to_string(&value).unwrap();
    assert!(restli_codec::from_str::<Value>(&encoded).is_ok());
    let over = deep_array(MAX_DEPTH + 1);
    assert!(to_string(&over).is_err());
}

// ---------------------------------------------------------------------------
// The one-pass URN validator agrees with the recursive one it replaced
// (restli-codec before this change), wherever that one did not overflow.
// ---------------------------------------------------------------------------

mod reference {
    //! The recursive validator restli-codec had before, kept to compare
    //! against (its tuple depth limit raised to the shared `MAX_DEPTH`).
    const PREFIX: &str = "urn:";

    pub fn valid(text: &str) -> bool {
        validate(text, 0).is_ok()
    }

    fn validate(text: &str, depth: usize) -> Result<(), ()> {
        let rest = text.strip_prefix(PREFIX).ok_or(())?;
        let ns = part_end(rest, |c| c.is_ascii_alphanumeric() || c == '-')?;
        let rest = &rest[ns + 1..];
        let ty = part_end(rest, |c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
        })?;
        validate_id(&rest[ty + 1..], depth)
    }

    fn part_end(text: &str, allowed: impl Fn(char) -> bool) -> Result<usize, ()> {
        for (i, c) in text.char_indices() {
            if c == ':' {
                return if i == 0 { Err(()) } else { Ok(i) };
            }
            if !allowed(c) {
                return Err(());
            }
        }
        Err(())
    }

    fn validate_id(id: &str, depth: usize) -> Result<(), ()> {
        if id.is_empty() {
            return Err(());
        }
        if id.starts_with(PREFIX) {
            return validate(id, depth);
        }
        let Some(inner) = id.strip_prefix('(') else {
            let bad = id
                .chars()
                .any(|c| matches!(c, '(' | ')' | ',') || c.is_whitespace() || c.is_control());
            return if bad { Err(()) } else { Ok(()) };
        };
        let mut nesting = 0usize;
        let mut start = 0;
        for (i, b) in inner.bytes().enumerate() {
            match b {
                b'(' => nesting += 1,
                b')' if nesting > 0 => nesting -= 1,
                b',' | b')' if nesting == 0 => {
                    validate_id(&inner[start..i], depth + 1)?;
                    if b == b')' {
                        return if i + 1 == inner.len() {
                            Ok(())
                        } else {
                            Err(())
                        };
                    }
                    start = i + 1;
                }
                _ => {}
            }
        }
        Err(())
    }
}

fn urnish() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(
        &[
            "urn:",
            "li:",
            "a:",
            "b",
            "(",
            ")",
            ",",
            ":",
            "1",
            "x",
            " ",
            "urn:li:x:",
            "-",
            "é",
        ][..],
    );
    proptest::collection::vec(piece, 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn one_pass_validator_agrees_with_the_recursive_one(text in urnish()) {
        let text = format!("urn:li:x:{text}");
        prop_assert_eq!(Urn::parse(&text).is_ok(), reference::valid(&text), "{}", text);
    }

    #[test]
    fn arbitrary_text_agrees_too(text in "urn:[a-z(),:]{0,4}:[a-z(),:]{0,4}:[a-z0-9(),: ]{0,16}") {
        prop_assert_eq!(Urn::parse(&text).is_ok(), reference::valid(&text), "{}", text);
    }
}
