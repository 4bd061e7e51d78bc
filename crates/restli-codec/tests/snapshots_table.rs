//! A table of named cases, one snapshot each, covering every encoding rule,
//! the query string, URNs, path templates and the decoding errors.
//!
//! Each snapshot names its input and shows both forms where both apply;
//! errors show their `Display`, which carries the byte offset. Regenerate with
//! `INSTA_UPDATE=always cargo test -p restli-codec --test snapshots_table`
//! and review every changed `.snap` file against the rules in `lib.rs`.

use std::collections::BTreeMap;
use std::fmt::{Debug, Write as _};

use restli_codec::{
    MAX_DEPTH, PathTemplate, Urn, from_str, from_str_reduced, to_query_string, to_string,
    to_string_reduced,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

fn show<T: ToString, E: std::fmt::Display>(result: Result<T, E>) -> String {
    match result {
        Ok(text) => text.to_string(),
        Err(err) => format!("error: {err}"),
    }
}

/// Both encodings of a value and, when they succeed, what each decodes back
/// to as a `serde_json::Value`.
fn encodings<T: Serialize + Debug + ?Sized>(value: &T) -> String {
    let mut out = format!("input:   {value:?}\n");
    let url = to_string(value);
    let reduced = to_string_reduced(value);
    writeln!(out, "url:     {}", show(url.clone())).unwrap();
    writeln!(out, "reduced: {}", show(reduced.clone())).unwrap();
    if let (Ok(url), Ok(reduced)) = (url, reduced) {
        let from_url = from_str::<Value>(&url).unwrap();
        let from_reduced = from_str_reduced::<Value>(&reduced).unwrap();
        assert_eq!(from_url, from_reduced, "the two forms decode differently");
        writeln!(out, "decoded: {from_url}").unwrap();
    }
    out
}

/// Both encodings of a typed value, and the proof that both decode back to
/// it.
fn typed<T>(value: &T) -> String
where
    T: Serialize + DeserializeOwned + Debug + PartialEq,
{
    let url = to_string(value).unwrap();
    let reduced = to_string_reduced(value).unwrap();
    assert_eq!(&from_str::<T>(&url).unwrap(), value, "URL form: {url}");
    assert_eq!(
        &from_str_reduced::<T>(&reduced).unwrap(),
        value,
        "reduced form: {reduced}"
    );
    format!("input:   {value:?}\nurl:     {url}\nreduced: {reduced}\ntyped round trip: ok\n")
}

/// What both decoders say about an input. The reduced decoder reads
/// input that does not start with `(` or `List(` and is not a valid
/// reduced-form primitive as raw text (Rest.li writes simple keys raw), so
/// where the two differ, the reduced result gets a line of its own.
fn decoding<T: DeserializeOwned + Debug>(input: &str) -> String {
    let url = from_str::<T>(input);
    let reduced = from_str_reduced::<T>(input);
    let shown = |r: &Result<T, restli_codec::Error>| {
        r.as_ref()
            .map_err(|e| e.to_string())
            .map(|v| format!("{v:?}"))
    };
    if input.starts_with('(') || input.starts_with("List(") {
        assert_eq!(shown(&url), shown(&reduced), "one decoder reads both forms");
    }
    let mut out = format!("input:   {input}\n");
    match &url {
        Ok(value) => writeln!(out, "decoded: {value:?}").unwrap(),
        Err(err) => {
            let offset = err.offset().expect("decoding errors carry an offset");
            assert!(offset <= input.len(), "offset {offset} beyond the input");
            writeln!(out, "error:   {err}").unwrap();
            writeln!(out, "at:      {}^", " ".repeat(offset)).unwrap();
        }
    }
    if shown(&url) != shown(&reduced) {
        match &reduced {
            Ok(value) => writeln!(out, "reduced: {value:?} (raw text)").unwrap(),
            Err(err) => {
                assert!(err.offset().is_some(), "decoding errors carry an offset");
                writeln!(out, "reduced: error: {err}").unwrap();
            }
        }
    }
    out
}

macro_rules! case {
    ($name:literal, $out:expr) => {
        insta::assert_snapshot!($name, $out)
    };
}

// ---------------------------------------------------------------------------
// Types used by the cases
// ---------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Fruit {
    Apple,
    Orange,
}

/// A union: each variant with data is `(member:value)`.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Union {
    #[serde(rename = "long")]
    Long(i64),
    #[serde(rename = "testsuite.Fruits")]
    Fruits(Fruit),
    #[serde(rename = "list")]
    List(Vec<String>),
    #[serde(rename = "pair")]
    Pair(u8, u8),
    #[serde(rename = "record")]
    Record { b: bool, a: String },
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct UnionHolder {
    complex_type_union: Union,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Params {
    param1: String,
    param2: i64,
}

/// A complex key as in the Rest.li test suite; `$params` is declared last to
/// show that sorting, not declaration order, puts it first.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct ComplexKey {
    part1: String,
    part2: i64,
    part3: Fruit,
    #[serde(rename = "$params", skip_serializing_if = "Option::is_none", default)]
    params: Option<Params>,
}

/// Fields declared out of byte order.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Unsorted {
    b: u8,
    #[serde(rename = "é")]
    e_acute: u8,
    a: u8,
    #[serde(rename = "B")]
    upper_b: u8,
    #[serde(rename = "_")]
    underscore: u8,
    aa: u8,
    #[serde(rename = "$params")]
    params: u8,
    #[serde(rename = "10")]
    ten: u8,
    #[serde(rename = "9")]
    nine: u8,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct WithOptions {
    present: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    skipped: Option<String>,
    absent: Option<u64>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Numbers {
    i64_min: i64,
    i64_max: i64,
    u64_max: u64,
    zero: u8,
    negative: i32,
}

// ---------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------

#[test]
fn empty_string_is_quoted() {
    case!("empty_string_is_quoted", encodings(""));
}

#[test]
fn empty_string_key_is_quoted() {
    case!(
        "empty_string_key_is_quoted",
        encodings(&json!({"": "", "a": ""}))
    );
}

#[test]
fn empty_strings_in_a_list() {
    case!("empty_strings_in_a_list", encodings(&json!(["", "x", ""])));
}

#[test]
fn grammar_characters_always_escaped() {
    case!("grammar_characters_always_escaped", encodings("(),:'"));
}

#[test]
fn grammar_characters_in_keys_escaped() {
    case!(
        "grammar_characters_in_keys_escaped",
        encodings(&json!({"a:b": "c,d", "(x)": "'y'"}))
    );
}

#[test]
fn quote_pair_is_not_the_empty_string() {
    case!("quote_pair_is_not_the_empty_string", encodings("''"));
}

#[test]
fn reserved_characters() {
    case!(
        "reserved_characters",
        encodings("a b&c=d+e#f/g?h%i;j@k!l*m$n[o]p\"q<r>s\\t")
    );
}

#[test]
fn unreserved_characters_never_escaped() {
    case!(
        "unreserved_characters_never_escaped",
        encodings("AZaz09-._~")
    );
}

#[test]
fn unicode_is_utf8() {
    case!("unicode_is_utf8", encodings("é中😀"));
}

#[test]
fn control_characters() {
    // Shown with `{:?}`: the reduced form leaves control characters raw.
    let input = "tab\tnl\nnul\0";
    let out = format!(
        "input:   {input:?}\nurl:     {:?}\nreduced: {:?}\ndecoded: {:?}\n",
        show(to_string(input)),
        show(to_string_reduced(input)),
        from_str_reduced::<String>(&to_string_reduced(input).unwrap()).unwrap(),
    );
    case!("control_characters", out);
}

#[test]
fn looks_like_grammar_but_is_a_string() {
    case!(
        "looks_like_grammar_but_is_a_string",
        encodings(&json!(["List(a)", "()", "List", "true", "%20"]))
    );
}

// ---------------------------------------------------------------------------
// Lists, maps, nulls
// ---------------------------------------------------------------------------

#[test]
fn empty_list() {
    case!("empty_list", encodings(&json!([])));
}

#[test]
fn empty_map() {
    case!("empty_map", encodings(&json!({})));
}

#[test]
fn nested_lists_and_maps() {
    case!(
        "nested_lists_and_maps",
        encodings(&json!({"list": [[], [{}], {"k": ["v"]}], "map": {"inner": {"x": 1}}}))
    );
}

#[test]
fn map_keys_sorted_by_byte_order() {
    let value = Unsorted {
        b: 1,
        e_acute: 2,
        a: 3,
        upper_b: 4,
        underscore: 5,
        aa: 6,
        params: 7,
        ten: 8,
        nine: 9,
    };
    case!("map_keys_sorted_by_byte_order", typed(&value));
}

#[test]
fn map_with_integer_keys_sorted_as_text() {
    let map: BTreeMap<u64, &str> = [(9, "nine"), (10, "ten"), (100, "hundred"), (2, "two")]
        .into_iter()
        .collect();
    case!("map_with_integer_keys_sorted_as_text", encodings(&map));
}

#[test]
fn null_fields_omitted() {
    case!(
        "null_fields_omitted",
        encodings(&json!({"a": null, "b": 1, "c": {"d": null}}))
    );
}

#[test]
fn none_fields_omitted() {
    let value = WithOptions {
        present: Some("x".into()),
        skipped: None,
        absent: None,
    };
    case!("none_fields_omitted", typed(&value));
}

#[test]
fn bare_null_rejected() {
    let mut out = encodings(&Value::Null);
    out.push_str(&encodings(&None::<u8>));
    out.push_str(&encodings(&()));
    case!("bare_null_rejected", out);
}

#[test]
fn null_in_list_rejected() {
    let mut out = encodings(&json!([1, null]));
    out.push_str(&encodings(&vec![Some(1), None]));
    case!("null_in_list_rejected", out);
}

#[test]
fn duplicate_keys_rejected() {
    #[derive(Serialize, Debug)]
    struct Twice {
        a: u8,
        #[serde(flatten)]
        rest: BTreeMap<String, u8>,
    }
    let value = Twice {
        a: 1,
        rest: [("a".to_string(), 2)].into_iter().collect(),
    };
    case!("duplicate_keys_rejected", encodings(&value));
}

#[test]
fn non_primitive_key_rejected() {
    let map: BTreeMap<Vec<u8>, u8> = [(vec![1, 2], 3)].into_iter().collect();
    case!("non_primitive_key_rejected", encodings(&map));
}

// ---------------------------------------------------------------------------
// Numbers and booleans
// ---------------------------------------------------------------------------

#[test]
fn integer_extremes() {
    let value = Numbers {
        i64_min: i64::MIN,
        i64_max: i64::MAX,
        u64_max: u64::MAX,
        zero: 0,
        negative: -42,
    };
    case!("integer_extremes", typed(&value));
}

#[test]
fn integer_extremes_as_values() {
    case!(
        "integer_extremes_as_values",
        encodings(&json!([i64::MIN, i64::MAX, u64::MAX]))
    );
}

#[test]
fn finite_floats() {
    let floats = vec![
        0.0,
        -0.0,
        1.0,
        1.5,
        -2.25,
        0.1,
        1e-7,
        1e16,
        1e300,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
    ];
    case!("finite_floats", typed(&floats));
}

#[test]
fn f32_values() {
    case!("f32_values", typed(&vec![0.1f32, 16_777_216.0, f32::MAX]));
}

#[test]
fn nan_rejected() {
    case!("nan_rejected", encodings(&f64::NAN));
}

#[test]
fn infinities_rejected() {
    let mut out = encodings(&f64::INFINITY);
    out.push_str(&encodings(&vec![1.0, f64::NEG_INFINITY]));
    out.push_str(&encodings(&f32::INFINITY));
    case!("infinities_rejected", out);
}

#[test]
fn booleans() {
    case!("booleans", typed(&(true, false)));
}

// ---------------------------------------------------------------------------
// Enums and unions
// ---------------------------------------------------------------------------

#[test]
fn enum_unit_variant_is_a_symbol() {
    case!(
        "enum_unit_variant_is_a_symbol",
        typed(&vec![Fruit::Apple, Fruit::Orange])
    );
}

#[test]
fn union_newtype_variant() {
    let mut out = typed(&Union::Long(100));
    out.push_str(&typed(&UnionHolder {
        complex_type_union: Union::Fruits(Fruit::Apple),
    }));
    case!("union_newtype_variant", out);
}

#[test]
fn union_tuple_and_struct_variants() {
    let mut out = typed(&Union::List(vec!["a".into(), String::new()]));
    out.push_str(&typed(&Union::Pair(1, 2)));
    out.push_str(&typed(&Union::Record {
        b: true,
        a: "x y".into(),
    }));
    case!("union_tuple_and_struct_variants", out);
}

// ---------------------------------------------------------------------------
// Keys and URNs
// ---------------------------------------------------------------------------

#[test]
fn simple_urn() {
    let urn = Urn::li("person", "abc123").unwrap();
    case!("simple_urn", typed(&urn));
}

#[test]
fn tuple_urn() {
    let campaign = Urn::li("sponsoredCampaign", 123).unwrap();
    let urn = Urn::tuple(
        "li",
        "sponsoredCreative",
        [campaign.to_string(), "456".into()],
    )
    .unwrap();
    let mut out = typed(&urn);
    writeln!(
        out,
        "namespace: {}\nentity type: {}\nid: {}\ntuple ids: {:?}",
        urn.namespace(),
        urn.entity_type(),
        urn.id(),
        urn.tuple_ids()
    )
    .unwrap();
    case!("tuple_urn", out);
}

#[test]
fn urn_errors() {
    let mut out = String::new();
    for text in [
        "person:1",
        "urn::person:1",
        "urn:li:person",
        "urn:li:person:",
        "urn:li:per son:1",
        "urn:li:x:(1,",
        "urn:li:x:(1,)",
        "urn:li:x:(1,2)3",
        "urn:li:x:1)",
    ] {
        writeln!(out, "{text:<20} {}", show(Urn::parse(text))).unwrap();
    }
    case!("urn_errors", out);
}

#[test]
fn compound_key() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct MemberCompany {
        member: Urn,
        company: u64,
    }
    let key = MemberCompany {
        member: Urn::li("person", 1).unwrap(),
        company: 7,
    };
    case!("compound_key", typed(&key));
}

#[test]
fn complex_key_with_params() {
    let key = ComplexKey {
        part1: "one".into(),
        part2: 2,
        part3: Fruit::Apple,
        params: Some(Params {
            param1: "param1".into(),
            param2: 5,
        }),
    };
    case!("complex_key_with_params", typed(&key));
}

#[test]
fn complex_key_with_special_characters() {
    let special = "key!*'();:@&=+$,/?#[].~";
    let key = ComplexKey {
        part1: special.into(),
        part2: 2,
        part3: Fruit::Apple,
        params: None,
    };
    case!("complex_key_with_special_characters", typed(&key));
}

#[test]
fn batch_ids_of_complex_keys() {
    let ids = vec![
        ComplexKey {
            part1: "one".into(),
            part2: 2,
            part3: Fruit::Apple,
            params: Some(Params {
                param1: "param1".into(),
                param2: 5,
            }),
        },
        ComplexKey {
            part1: "two".into(),
            part2: 7,
            part3: Fruit::Orange,
            params: None,
        },
    ];
    case!("batch_ids_of_complex_keys", typed(&ids));
}

// ---------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------

#[test]
fn query_string_sorted_with_projection() {
    let params = json!({
        "q": "search",
        "search": {
            "status": {"values": ["ACTIVE", "DRAFT"]},
            "reference": {"values": ["urn:li:organization:123"]},
            "test": false,
        },
        "fields": "id,name,message:(id),elements*(name)",
        "start": 0,
        "count": 10,
        "unused": null,
    });
    case!(
        "query_string_sorted_with_projection",
        show(to_query_string(&params))
    );
}

#[test]
fn query_string_projection_forms() {
    let mut out = String::new();
    for params in [
        json!({"fields": ["id", "name"]}),
        json!({"fields": "a b&c#d=e+f%g"}),
        json!({"fields": "é"}),
        json!({"fields": []}),
        json!({"fields": null, "q": "x"}),
        json!({"fields": 3}),
        json!({"fields": ["id", 1]}),
        json!({"metadataFields": "total,facets:(name)"}),
        json!({"pagingFields": ["start", "count"]}),
        json!({
            "fields": restli_codec::Projection::parse("paging,elements:($*:(id,-secret))").unwrap(),
            "metadataFields": restli_codec::Projection::parse("a:($start:0,$count:5)").unwrap(),
        }),
    ] {
        let input = params.to_string();
        writeln!(out, "{input:<30} {}", show(to_query_string(&params))).unwrap();
    }
    case!("query_string_projection_forms", out);
}

#[test]
fn query_string_names_and_values_escaped() {
    let params = json!({"b c": "x&y=z", "a": "", "ids": [1, 2], "empty": []});
    case!(
        "query_string_names_and_values_escaped",
        show(to_query_string(&params))
    );
}

#[test]
fn query_string_errors() {
    let mut out = String::new();
    writeln!(out, "list:    {}", show(to_query_string(&[1, 2]))).unwrap();
    writeln!(out, "string:  {}", show(to_query_string("q=x"))).unwrap();
    writeln!(out, "unit:    {:?}", show(to_query_string(&()))).unwrap();
    writeln!(
        out,
        "nan:     {}",
        show(to_query_string(&BTreeMap::from([("a", vec![f64::NAN])])))
    )
    .unwrap();
    writeln!(
        out,
        "null el: {}",
        show(to_query_string(&json!({"ids": [1, null]})))
    )
    .unwrap();
    case!("query_string_errors", out);
}

// ---------------------------------------------------------------------------
// Path templates
// ---------------------------------------------------------------------------

#[test]
fn path_template_expansion() {
    #[derive(Serialize)]
    struct Keys {
        #[serde(rename = "actionUrn")]
        action_urn: Urn,
        #[serde(rename = "commentId")]
        comment_id: u64,
    }
    let template = PathTemplate::parse("/socialActions/{actionUrn}/comments/{commentId}").unwrap();
    let keys = Keys {
        action_urn: Urn::li("share", 1).unwrap(),
        comment_id: 42,
    };
    let mut out = format!(
        "template: {template}\nplaceholders: {:?}\n",
        template.placeholders().collect::<Vec<_>>()
    );
    writeln!(out, "struct keys: {}", show(template.expand(&keys))).unwrap();
    let complex = PathTemplate::parse("/complexkey/{key}/sub/{name}").unwrap();
    let key = ComplexKey {
        part1: "a b".into(),
        part2: -1,
        part3: Fruit::Orange,
        params: Some(Params {
            param1: "".into(),
            param2: 5,
        }),
    };
    writeln!(
        out,
        "complex key: {}",
        show(complex.expand(&json!({"key": key, "name": "é/"})))
    )
    .unwrap();
    writeln!(
        out,
        "no keys:     {}",
        show(PathTemplate::parse("/simple").unwrap().expand(&()))
    )
    .unwrap();
    case!("path_template_expansion", out);
}

#[test]
fn path_template_errors() {
    let mut out = String::new();
    for template in [
        "/a/{id",
        "/a/{x{y}}",
        "/a/id}",
        "/a/{}",
        "/a/{a-b}",
        "/a/{é}",
        "/a/{id}/b/{id}",
    ] {
        writeln!(
            out,
            "parse {template:<16} {}",
            show(PathTemplate::parse(template))
        )
        .unwrap();
    }
    let template = PathTemplate::parse("/posts/{id}").unwrap();
    for (what, keys) in [
        ("missing", json!({})),
        ("null", json!({"id": null})),
        ("extra", json!({"id": 1, "other": 2})),
        ("null in list", json!({"id": [null]})),
        ("not a map", json!([1])),
    ] {
        writeln!(out, "expand {what:<14} {}", show(template.expand(&keys))).unwrap();
    }
    writeln!(
        out,
        "expand {:<14} {}",
        "NaN float",
        show(template.expand(&BTreeMap::from([("id", f64::NAN)])))
    )
    .unwrap();
    case!("path_template_errors", out);
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

#[test]
fn decode_examples() {
    let mut out = String::new();
    for input in [
        "''",
        "List()",
        "()",
        "List('',a%20b,%28x%29)",
        "(b:List(1,2),a:(c:''))",
        "a b&c=d+e",
        "%c3%A9",
        "é",
        "List",
        "List%28",
    ] {
        out.push_str(&decoding::<Value>(input));
    }
    case!("decode_examples", out);
}

#[test]
fn decode_error_unbalanced_brackets() {
    let mut out = String::new();
    for input in [
        "List(a",
        "(a:1",
        "List(a))",
        "(a:b))",
        "(a:List(b)",
        ")",
        "List(a,(b:c)",
    ] {
        out.push_str(&decoding::<Value>(input));
    }
    case!("decode_error_unbalanced_brackets", out);
}

#[test]
fn decode_error_stray_characters() {
    let mut out = String::new();
    for input in [
        "a)",
        "List(a)b",
        "(a:b)c",
        "a,b",
        "a:b",
        "(a)",
        "(a:b:c)",
        "List(,)",
        "List(a,)",
        "(,)",
        "(List(a):b)",
        "((a:b):c)",
        "",
        "a'b",
        "'''",
        "List(a''b)",
    ] {
        out.push_str(&decoding::<Value>(input));
    }
    case!("decode_error_stray_characters", out);
}

#[test]
fn decode_error_bad_escapes() {
    let mut out = String::new();
    for input in ["%", "a%2", "a%zz", "List(x,%G0)", "(k%:v)", "%%41"] {
        out.push_str(&decoding::<Value>(input));
    }
    case!("decode_error_bad_escapes", out);
}

#[test]
fn decode_error_invalid_utf8() {
    let mut out = String::new();
    for input in [
        "%FF",
        "ab%C3",
        "List(ok,x%C3%28)",
        "(%E4%B8:v)",
        "%ED%A0%80",
    ] {
        out.push_str(&decoding::<Value>(input));
    }
    case!("decode_error_invalid_utf8", out);
}

#[test]
fn decode_depth_limit() {
    let nested = |depth: usize, open: &str| format!("{}x{}", open.repeat(depth), ")".repeat(depth));
    let mut out = format!("MAX_DEPTH = {MAX_DEPTH}\n");
    for (label, input) in [
        ("lists at MAX_DEPTH", nested(MAX_DEPTH, "List(")),
        ("lists at MAX_DEPTH + 1", nested(MAX_DEPTH + 1, "List(")),
        ("maps at MAX_DEPTH", nested(MAX_DEPTH, "(k:")),
        ("maps at MAX_DEPTH + 1", nested(MAX_DEPTH + 1, "(k:")),
    ] {
        let result = from_str::<Value>(&input);
        let reduced = from_str_reduced::<Value>(&input);
        assert_eq!(
            result.as_ref().map_err(ToString::to_string),
            reduced.as_ref().map_err(ToString::to_string)
        );
        let shown = match result {
            Ok(_) => "ok".to_string(),
            Err(err) => {
                let offset = err.offset().unwrap();
                format!(
                    "error: {err} (input around the offset: {:?})",
                    &input[offset.saturating_sub(5)..offset]
                )
            }
        };
        writeln!(out, "{label:<24} ({} bytes): {shown}", input.len()).unwrap();
    }
    case!("decode_depth_limit", out);
}

#[test]
fn decode_typed_errors() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Criteria {
        count: u8,
        test: bool,
    }
    let mut out = String::new();
    out.push_str(&decoding::<u8>("300"));
    out.push_str(&decoding::<i64>("9223372036854775808"));
    out.push_str(&decoding::<u64>("-1"));
    out.push_str(&decoding::<bool>("yes"));
    out.push_str(&decoding::<f64>("NaN"));
    out.push_str(&decoding::<char>("ab"));
    out.push_str(&decoding::<Criteria>("(count:1,test:maybe)"));
    out.push_str(&decoding::<Criteria>("(count:1)"));
    out.push_str(&decoding::<Criteria>("(count:1,count:2,test:true)"));
    out.push_str(&decoding::<Fruit>("BANANA"));
    out.push_str(&decoding::<Union>("(long:1,pair:List(1,2))"));
    out.push_str(&decoding::<Vec<u8>>("(a:1)"));
    out.push_str(&decoding::<BTreeMap<String, u8>>("List(1)"));
    out.push_str(&decoding::<Urn>("urn%3Ali%3Aperson%3A"));
    case!("decode_typed_errors", out);
}
