//! Property tests of the value codec: round trips through both forms, the
//! character sets each form may use, canonical encoding, typed round trips,
//! and decoders that never panic and always point inside their input.

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use proptest::sample::select;
use restli_codec::{
    PathError, PathTemplate, Urn, from_str, from_str_reduced, to_string, to_string_reduced,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

/// Characters with a meaning in the grammar, in URLs or in query strings.
const SPECIAL: &[char] = &['(', ')', ',', ':', '\'', '%', ' ', '&', '=', '+', '#'];

/// One character: any Unicode scalar value, with extra weight on the
/// characters that have a meaning somewhere.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => select(SPECIAL),
        1 => select(&['a', 'Z', '0', '-', '.', '_', '~', 'L', 'i', 's', 't'][..]),
        3 => any::<char>(),
    ]
}

/// A string: empty with some weight, otherwise up to 12 characters.
fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => select(&["''", "List(", "List()", "()", "%25", "%", "null", "true", "0"][..])
            .prop_map(str::to_owned),
        8 => proptest::collection::vec(any_char(), 1..12).prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn any_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        select(&[i64::MIN, i64::MAX, -1, 0][..]).prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        proptest::num::f64::ANY
            .prop_filter("Rest.li numbers are finite", |f| f.is_finite())
            .prop_map(|f| Value::Number(Number::from_f64(f).unwrap())),
    ]
}

/// A primitive that is not null.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => any_string().prop_map(Value::String),
        2 => any_number(),
        1 => any::<bool>().prop_map(Value::Bool),
    ]
}

/// A JSON-like value nested up to 6 deep; null appears only as the value of
/// an object field.
fn any_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 6, |inner| {
        let field = prop_oneof![1 => Just(Value::Null), 5 => inner.clone()];
        prop_oneof![
            proptest::collection::vec(inner, 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(any_string(), field, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// A value guaranteed to be at least `depth` containers deep, so that the
/// nesting bound of the strategy above is not the only source of depth.
fn deep_value(depth: usize) -> impl Strategy<Value = Value> {
    (
        any_value(),
        proptest::collection::vec((any::<bool>(), any_string()), depth),
    )
        .prop_map(|(mut value, wrappers)| {
            for (as_list, key) in wrappers {
                value = if as_list {
                    Value::Array(vec![value])
                } else {
                    let mut map = Map::new();
                    map.insert(key, value);
                    Value::Object(map)
                };
            }
            value
        })
}

/// Strings made of the grammar's alphabet, to reach deep parser paths.
fn grammar_soup() -> impl Strategy<Value = String> {
    let pieces = select(
        &[
            "List(",
            "(",
            ")",
            ",",
            ":",
            "'",
            "''",
            "%",
            "%2",
            "%28",
            "%C3",
            "%A9",
            "%FF",
            "%zz",
            "a",
            "b",
            "L",
            "i",
            "s",
            "t",
            "F",
            "0",
            "9",
            "urn",
            "urn:li:x:",
            "{",
            "}",
            "{a}",
            "é",
            "$params",
        ][..],
    );
    proptest::collection::vec(pieces, 0..48).prop_map(|ps| ps.concat())
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The text the codec writes for a number.
///
/// This is `serde_json::Number`'s `Display`, except for one notation detail:
/// serde_json writes positive float exponents with a sign (`1e+300`), while
/// the codec writes them the way `ryu` does (`1e300`), so that the URL form
/// does not need `%2B`. Both are shortest round-tripping forms; the codec's
/// exact float texts are pinned in `snapshots_table.rs` (`finite_floats`).
fn number_text(n: &Number) -> String {
    n.to_string().replace("e+", "e")
}

/// What decoding into `Value` gives back: every number and boolean as its
/// text, null fields removed.
fn stringified(value: &Value) -> Value {
    match value {
        Value::Null => Value::Null,
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(number_text(n)),
        Value::String(s) => Value::String(s.clone()),
        Value::Array(items) => Value::Array(items.iter().map(stringified).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), stringified(v)))
                .collect(),
        ),
    }
}

/// How many empty strings (keys and values) a stringified value holds.
fn empty_strings(value: &Value) -> usize {
    match value {
        Value::String(s) => usize::from(s.is_empty()),
        Value::Array(items) => items.iter().map(empty_strings).sum(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| usize::from(k.is_empty()) + empty_strings(v))
            .sum(),
        _ => 0,
    }
}

/// Splits an encoding into its `%XX` escapes and its other bytes, failing on
/// a `%` that does not start an escape.
fn escapes_and_rest(encoded: &str) -> Result<(Vec<u8>, Vec<u8>), String> {
    let bytes = encoded.as_bytes();
    let (mut escapes, mut rest) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = encoded
                .get(i + 1..i + 3)
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .ok_or_else(|| format!("bare '%' at byte {i} of {encoded:?}"))?;
            escapes.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            rest.push(bytes[i]);
            i += 1;
        }
    }
    Ok((escapes, rest))
}

/// Checks that every `'` in `encoded` belongs to a whole `''` token (the empty
/// string) and returns how many such tokens there are.
fn quote_tokens(encoded: &str) -> Result<usize, String> {
    let bytes = encoded.as_bytes();
    let boundary = |b: Option<&u8>| matches!(b, None | Some(b'(' | b')' | b',' | b':'));
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            let whole = bytes.get(i + 1) == Some(&b'\'')
                && (i == 0 || boundary(bytes.get(i - 1)))
                && boundary(bytes.get(i + 2));
            if !whole {
                return Err(format!("stray quote at byte {i} of {encoded:?}"));
            }
            count += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    Ok(count)
}

/// A decoding error must point into the input, at a character boundary.
fn check_offset(input: &str, offset: Option<usize>, what: &str) -> Result<(), TestCaseError> {
    let offset = offset.ok_or_else(|| {
        TestCaseError::fail(format!(
            "{what}: decoding error without offset for {input:?}"
        ))
    })?;
    prop_assert!(
        offset <= input.len() && input.is_char_boundary(offset),
        "{what}: offset {offset} outside {input:?} (len {}) or not at a char boundary",
        input.len()
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Value round trips
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn url_form_round_trips(value in any_value()) {
        let encoded = to_string(&value).unwrap();
        let decoded: Value = from_str(&encoded).unwrap();
        prop_assert_eq!(&decoded, &stringified(&value), "encoded: {}", encoded);
        // Primitives are text on the wire, so the stringified value has the
        // same, single encoding.
        prop_assert_eq!(to_string(&decoded).unwrap(), encoded);
    }

    #[test]
    fn reduced_form_round_trips(value in any_value()) {
        let encoded = to_string_reduced(&value).unwrap();
        let decoded: Value = from_str_reduced(&encoded).unwrap();
        prop_assert_eq!(&decoded, &stringified(&value), "encoded: {}", encoded);
        prop_assert_eq!(to_string_reduced(&decoded).unwrap(), encoded);
    }

    #[test]
    fn deep_values_round_trip(value in deep_value(12)) {
        let url = to_string(&value).unwrap();
        prop_assert_eq!(from_str::<Value>(&url).unwrap(), stringified(&value));
        let reduced = to_string_reduced(&value).unwrap();
        prop_assert_eq!(from_str_reduced::<Value>(&reduced).unwrap(), stringified(&value));
    }

    /// The URL form holds only unreserved characters, `%XX` escapes, the
    /// grammar characters `(),:` and `''` as the empty-string token.
    #[test]
    fn url_form_alphabet(value in any_value()) {
        let encoded = to_string(&value).unwrap();
        let (_, rest) = escapes_and_rest(&encoded).map_err(TestCaseError::fail)?;
        for b in rest {
            prop_assert!(
                b.is_ascii_alphanumeric() || b"-._~(),:'".contains(&b),
                "byte {:?} in URL form {:?}", char::from(b), encoded
            );
        }
        let quotes = quote_tokens(&encoded).map_err(TestCaseError::fail)?;
        prop_assert_eq!(quotes, empty_strings(&stringified(&value)), "in {}", encoded);
    }

    /// The reduced form escapes `%` and the grammar characters, and nothing
    /// else.
    #[test]
    fn reduced_form_alphabet(value in any_value()) {
        let encoded = to_string_reduced(&value).unwrap();
        let (escapes, _) = escapes_and_rest(&encoded).map_err(TestCaseError::fail)?;
        for b in escapes {
            prop_assert!(b"%(),:'".contains(&b), "escaped {:?} in {:?}", char::from(b), encoded);
        }
        let quotes = quote_tokens(&encoded).map_err(TestCaseError::fail)?;
        prop_assert_eq!(quotes, empty_strings(&stringified(&value)), "in {}", encoded);
    }

    /// A map's encoding does not depend on the order its entries were added.
    #[test]
    fn map_encoding_is_canonical(
        entries in proptest::collection::hash_map(any_string(), any_value(), 0..10),
    ) {
        let forward: Vec<(String, Value)> = entries.into_iter().collect();
        let mut backward = forward.clone();
        backward.reverse();

        let btree: BTreeMap<String, Value> = backward.iter().cloned().collect();
        let mut hash_fwd = HashMap::new();
        for (k, v) in &forward {
            hash_fwd.insert(k.clone(), v.clone());
        }
        let mut hash_back = HashMap::new();
        for (k, v) in &backward {
            hash_back.insert(k.clone(), v.clone());
        }
        // A map serialized entry by entry in the given (unsorted) order.
        let in_order = InOrder(forward.clone());
        let in_reverse = InOrder(backward);

        let url = to_string(&btree).unwrap();
        prop_assert_eq!(&to_string(&hash_fwd).unwrap(), &url);
        prop_assert_eq!(&to_string(&hash_back).unwrap(), &url);
        prop_assert_eq!(&to_string(&in_order).unwrap(), &url);
        prop_assert_eq!(&to_string(&in_reverse).unwrap(), &url);

        let reduced = to_string_reduced(&btree).unwrap();
        prop_assert_eq!(&to_string_reduced(&hash_fwd).unwrap(), &reduced);
        prop_assert_eq!(&to_string_reduced(&in_order).unwrap(), &reduced);
        prop_assert_eq!(&to_string_reduced(&in_reverse).unwrap(), &reduced);

        // And the keys come out in byte order, each once.
        let OrderedKeys(written) = from_str(&url).unwrap();
        let mut sorted: Vec<String> = forward.into_iter().map(|(k, _)| k).collect();
        sorted.sort_unstable();
        prop_assert_eq!(written, sorted, "in {}", url);
    }
}

/// The keys of a map, in the order the encoding lists them.
struct OrderedKeys(Vec<String>);

impl<'de> Deserialize<'de> for OrderedKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = OrderedKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<OrderedKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(OrderedKeys(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

/// Serializes its entries as a map, in the order given.
struct InOrder(Vec<(String, Value)>);

impl Serialize for InOrder {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

// ---------------------------------------------------------------------------
// Typed round trips
// ---------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Status {
    Active,
    Draft,
    Archived,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
enum Member {
    Long(i64),
    Count(u64),
    Text(String),
    Ratio(f64),
    Flag(bool),
    Inner(Inner),
    Statuses(Vec<Status>),
    Nothing,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Inner {
    name: String,
    count: u64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    maybe: Option<i64>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Record {
    id: u64,
    delta: i64,
    active: bool,
    score: f64,
    label: String,
    letter: char,
    note: Option<String>,
    tags: Vec<String>,
    counts: Vec<i64>,
    inner: Inner,
    children: Vec<Inner>,
    maybe_inner: Option<Inner>,
    status: Status,
    statuses: Vec<Status>,
    member: Member,
    members: Vec<Member>,
    by_id: BTreeMap<u64, String>,
    by_status: BTreeMap<String, Status>,
    pair: (String, i64),
}

fn any_inner() -> impl Strategy<Value = Inner> {
    (
        any_string(),
        any::<u64>(),
        proptest::option::of(any::<i64>()),
    )
        .prop_map(|(name, count, maybe)| Inner { name, count, maybe })
}

fn finite_f64() -> impl Strategy<Value = f64> {
    proptest::num::f64::ANY.prop_filter("finite", |f| f.is_finite())
}

fn any_status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Active),
        Just(Status::Draft),
        Just(Status::Archived)
    ]
}

fn any_member() -> impl Strategy<Value = Member> {
    prop_oneof![
        any::<i64>().prop_map(Member::Long),
        any::<u64>().prop_map(Member::Count),
        any_string().prop_map(Member::Text),
        finite_f64().prop_map(Member::Ratio),
        any::<bool>().prop_map(Member::Flag),
        any_inner().prop_map(Member::Inner),
        proptest::collection::vec(any_status(), 0..4).prop_map(Member::Statuses),
        Just(Member::Nothing),
    ]
}

fn any_record() -> impl Strategy<Value = Record> {
    let scalars = (
        any::<u64>(),
        any::<i64>(),
        any::<bool>(),
        finite_f64(),
        any_string(),
        any_char(),
        proptest::option::of(any_string()),
    );
    let collections = (
        proptest::collection::vec(any_string(), 0..4),
        proptest::collection::vec(any::<i64>(), 0..4),
        any_inner(),
        proptest::collection::vec(any_inner(), 0..3),
        proptest::option::of(any_inner()),
        any_status(),
        proptest::collection::vec(any_status(), 0..4),
    );
    let unions = (
        any_member(),
        proptest::collection::vec(any_member(), 0..4),
        proptest::collection::btree_map(any::<u64>(), any_string(), 0..4),
        proptest::collection::btree_map(any_string(), any_status(), 0..4),
        (any_string(), any::<i64>()),
    );
    (scalars, collections, unions).prop_map(
        |(
            (id, delta, active, score, label, letter, note),
            (tags, counts, inner, children, maybe_inner, status, statuses),
            (member, members, by_id, by_status, pair),
        )| Record {
            id,
            delta,
            active,
            score,
            label,
            letter,
            note,
            tags,
            counts,
            inner,
            children,
            maybe_inner,
            status,
            statuses,
            member,
            members,
            by_id,
            by_status,
            pair,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn typed_round_trips(record in any_record()) {
        let url = to_string(&record).unwrap();
        prop_assert_eq!(&from_str::<Record>(&url).unwrap(), &record, "URL form: {}", url);
        let reduced = to_string_reduced(&record).unwrap();
        prop_assert_eq!(
            &from_str_reduced::<Record>(&reduced).unwrap(),
            &record,
            "reduced form: {}",
            reduced
        );
    }

    #[test]
    fn typed_and_value_encodings_agree(record in any_record()) {
        let value = serde_json::to_value(&record).unwrap();
        prop_assert_eq!(to_string(&record).unwrap(), to_string(&value).unwrap());
        prop_assert_eq!(
            to_string_reduced(&record).unwrap(),
            to_string_reduced(&value).unwrap()
        );
    }
}

// ---------------------------------------------------------------------------
// Decoders never panic
// ---------------------------------------------------------------------------

fn decode_everything(input: &str) -> Result<(), TestCaseError> {
    match from_str::<Value>(input) {
        Ok(value) => {
            // Whatever decodes re-encodes, and decodes to the same value.
            let again = to_string(&value).unwrap();
            prop_assert_eq!(&from_str::<Value>(&again).unwrap(), &value);
        }
        Err(err) => check_offset(input, err.offset(), "from_str")?,
    }
    match from_str_reduced::<Value>(input) {
        Ok(value) => {
            let again = to_string_reduced(&value).unwrap();
            prop_assert_eq!(&from_str_reduced::<Value>(&again).unwrap(), &value);
        }
        Err(err) => check_offset(input, err.offset(), "from_str_reduced")?,
    }
    if let Err(err) = from_str::<Record>(input) {
        check_offset(input, err.offset(), "from_str::<Record>")?;
    }
    if let Err(err) = from_str::<Vec<Member>>(input) {
        check_offset(input, err.offset(), "from_str::<Vec<Member>>")?;
    }
    match Urn::parse(input) {
        Ok(urn) => prop_assert_eq!(urn.as_str(), input),
        Err(err) => prop_assert!(
            err.offset() <= input.len(),
            "URN offset {} beyond {:?}",
            err.offset(),
            input
        ),
    }
    match PathTemplate::parse(input) {
        Ok(template) => prop_assert_eq!(template.to_string(), input),
        Err(
            PathError::UnclosedPlaceholder { offset }
            | PathError::UnmatchedBrace { offset }
            | PathError::InvalidPlaceholder { offset, .. },
        ) => prop_assert!(
            offset < input.len(),
            "path offset {} beyond {:?}",
            offset,
            input
        ),
        Err(_) => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn decoders_never_panic_on_any_string(input in any::<String>()) {
        decode_everything(&input)?;
    }

    #[test]
    fn decoders_never_panic_on_grammar_soup(input in grammar_soup()) {
        decode_everything(&input)?;
    }

    #[test]
    fn decoders_never_panic_on_mutated_encodings(
        value in any_value(),
        cut in any::<prop::sample::Index>(),
        insert in select(&["(", ")", ",", ":", "'", "%", "List(", "%F0", ""][..]),
    ) {
        for encoded in [to_string(&value).unwrap(), to_string_reduced(&value).unwrap()] {
            let mut at = cut.index(encoded.len() + 1);
            while !encoded.is_char_boundary(at) {
                at -= 1;
            }
            let mutated = format!("{}{}{}", &encoded[..at], insert, &encoded[at..]);
            decode_everything(&mutated)?;
            decode_everything(&encoded[..at])?;
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash(
        depth in 100usize..400,
        opener in select(&["List(", "(a:", "(", "List(("][..]),
    ) {
        let input = format!("{}x{}", opener.repeat(depth), ")".repeat(depth));
        decode_everything(&input)?;
    }
}
