//! `Projection`: Rest.li's mask syntax as a value.
//!
//! Grammar from linkedin/rest.li
//! `restli-common/src/main/java/com/linkedin/restli/internal/common/URIMaskUtil.java`
//! (`encodeMaskForURI` writes `name`, `-name`, `name:(...)`, `$start:N`,
//! `$count:N`; `decodeMaskUriFormat` reads them and skips whitespace) and
//! `data-transform/src/main/java/com/linkedin/data/transform/filter/FilterConstants.java`
//! (`$*`, `$start`, `$count`); composition rules in
//! `data-transform/src/main/java/com/linkedin/data/transform/filter/MaskComposition.java`
//! (not implemented: a projection here is one mask as written). The three
//! projection parameters are `RestConstants.PROJECTION_PARAMETERS` in
//! `restli-common/src/main/java/com/linkedin/restli/common/RestConstants.java`.
//! LinkedIn: <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/projections>
//! (`fields=id,bar,baz`, passed as written).
//!
//! Where Rest.li guesses (an empty field `a,,b`, a field given twice, `a(b)`),
//! this parser refuses: the mask a caller meant is not clear, and an error
//! is safer than a different mask.

use std::thread;

use proptest::prelude::*;
use restli_codec::projection::{Mask, ProjectionErrorKind};
use restli_codec::{MAX_DEPTH, Projection, QueryParams, to_query_string};

fn parse(text: &str) -> Projection {
    Projection::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn error(text: &str) -> (ProjectionErrorKind, Option<usize>) {
    let err = Projection::parse(text).unwrap_err();
    (err.kind().clone(), err.offset())
}

#[test]
fn parses_rest_li_masks() {
    for (text, canonical) in [
        ("id", "id"),
        ("id,name", "id,name"),
        ("name,id", "id,name"),
        ("author:(id,name)", "author:(id,name)"),
        ("a:(b:(c:(d)))", "a:(b:(c:(d)))"),
        ("-secret", "-secret"),
        ("id,-secret", "id,-secret"),
        ("$*", "$*"),
        ("elements:($*:(id))", "elements:($*:(id))"),
        ("items:($start:0,$count:10)", "items:($start:0,$count:10)"),
        (
            "items:($count:10,$start:2,$*:(id))",
            "items:($start:2,$count:10,$*:(id))",
        ),
        (" id , author : ( name ) ", "author:(name),id"),
        ("a:()", "a:()"),
        ("", ""),
        (
            "localizedFirstName,profilePicture:(displayImage~)",
            "localizedFirstName,profilePicture:(displayImage~)",
        ),
    ] {
        assert_eq!(parse(text).to_string(), canonical, "{text:?}");
    }
    let p = parse("id,-secret,author:(name),list:($start:1,$count:2)");
    assert_eq!(p.get("id"), Some(&Mask::Include));
    assert_eq!(p.get("secret"), Some(&Mask::Exclude));
    let Some(Mask::Fields(list)) = p.get("list") else {
        panic!("{p:?}")
    };
    assert_eq!((list.range_start(), list.range_count()), (Some(1), Some(2)));
}

#[test]
fn malformed_masks_are_typed_errors_with_offsets() {
    use ProjectionErrorKind as K;
    assert_eq!(error("a,,b"), (K::EmptyField, Some(2)));
    assert_eq!(error("a,"), (K::EmptyField, Some(2)));
    assert_eq!(error(",a"), (K::EmptyField, Some(0)));
    assert_eq!(error("-"), (K::EmptyField, Some(0)));
    assert_eq!(error(":(a)"), (K::EmptyField, Some(0)));
    assert_eq!(error("a:(b"), (K::Unclosed, Some(2)));
    assert_eq!(error("a:(b:(c)"), (K::Unclosed, Some(2)));
    assert_eq!(error("a:"), (K::Unclosed, Some(2)));
    assert_eq!(error("a)"), (K::Unmatched, Some(1)));
    assert_eq!(error("a:(b))"), (K::Unmatched, Some(5)));
    assert_eq!(
        error("a:b"),
        (
            K::UnexpectedChar {
                found: 'b',
                expected: "'(' after ':'"
            },
            Some(2)
        )
    );
    assert_eq!(
        error("a(b)"),
        (
            K::UnexpectedChar {
                found: '(',
                expected: "':' before '('"
            },
            Some(1)
        )
    );
    assert_eq!(error("a,-a"), (K::DuplicateField("a".into()), Some(2)));
    assert_eq!(error("a:(b),a"), (K::DuplicateField("a".into()), Some(6)));
    assert_eq!(error("-a:(b)"), (K::ExcludedWithFields, Some(0)));
    assert_eq!(error("$start:x"), (K::InvalidRange, Some(7)));
    assert_eq!(error("$count:4294967296"), (K::InvalidRange, Some(7)));
    assert_eq!(error("$start"), (K::InvalidRange, Some(0)));
    assert_eq!(error("-$count:1"), (K::InvalidRange, Some(0)));
    assert_eq!(
        error("$start:1,$start:2"),
        (K::DuplicateField("$start".into()), Some(9))
    );
}

#[test]
fn the_builder_refuses_names_it_could_not_write() {
    for bad in [
        "", "a,b", "a:b", "(a", "a)", "a b", "-a", "$start", "$count",
    ] {
        let err = Projection::new().field(bad).unwrap_err();
        assert!(
            matches!(err.kind(), ProjectionErrorKind::InvalidName(_)),
            "{bad:?}"
        );
        assert_eq!(err.offset(), None);
    }
    assert!(Projection::new().field("$*").is_ok());
}

#[test]
fn nesting_is_bounded_in_parse_and_build() {
    let at_limit = format!("{}x{}", "a:(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(parse(&at_limit).depth(), MAX_DEPTH);
    let over = format!(
        "{}x{}",
        "a:(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(
        error(&over),
        (
            ProjectionErrorKind::TooDeep(MAX_DEPTH),
            Some(3 * MAX_DEPTH + 2)
        )
    );

    let deep = parse(&at_limit);
    let err = Projection::new().nested("b", deep).unwrap_err();
    assert_eq!(err.kind(), &ProjectionErrorKind::TooDeep(MAX_DEPTH));

    // 100,000 levels of hostile text on a small stack: an error, no overflow.
    thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let hostile = format!("{}x{}", "a:(".repeat(100_000), ")".repeat(100_000));
            assert_eq!(
                Projection::parse(&hostile).unwrap_err().kind(),
                &ProjectionErrorKind::TooDeep(MAX_DEPTH)
            );
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn errors_quote_names_briefly() {
    let long = "x".repeat(1 << 20);
    let err = Projection::parse(&format!("{long},{long}")).unwrap_err();
    assert!(err.to_string().len() < 1024);
    assert!(format!("{err:?}").len() < 1024);
    let err = Projection::new().field(&format!("{long},")).unwrap_err();
    assert!(err.to_string().len() < 1024);
}

#[test]
fn projections_are_query_values_left_unencoded() {
    let fields = Projection::new()
        .field("id")
        .unwrap()
        .nested("author", parse("name,-email"))
        .unwrap();
    let paging = parse("start,count,links:($*)");
    let query = to_query_string(&serde_json::json!({
        "q": "search",
        "fields": fields,
        "pagingFields": paging,
        "metadataFields": parse("total"),
    }))
    .unwrap();
    assert_eq!(
        query,
        "fields=author:(-email,name),id&metadataFields=total&pagingFields=count,links:($*),start&q=search"
    );
    let mut params = QueryParams::new();
    params.insert("metadataFields", &parse("a:(b)")).unwrap();
    assert_eq!(params.get("metadataFields"), Some("a:(b)"));
    // Anywhere else a projection is an ordinary string value.
    params.insert("other", &parse("a:(b)")).unwrap();
    assert_eq!(params.get("other"), Some("a%3A%28b%29"));
}

#[test]
fn serde_is_the_text() {
    let p = parse("id,author:(name)");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, "\"author:(name),id\"");
    assert_eq!(serde_json::from_str::<Projection>(&json).unwrap(), p);
    assert!(serde_json::from_str::<Projection>("\"a,,b\"").is_err());
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

fn any_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z][a-zA-Z0-9_.~]{0,8}",
        1 => Just("$*".to_string()),
        1 => "[a-z]{1,3}[~!@/;'*$]{1,2}",
        1 => "[é€a-z]{1,4}",
    ]
}

fn any_projection() -> impl Strategy<Value = Projection> {
    let leaf = (
        proptest::collection::vec((any_name(), any::<bool>()), 0..5),
        proptest::option::of(any::<u32>()),
        proptest::option::of(any::<u32>()),
    )
        .prop_map(|(fields, start, count)| {
            let mut p = Projection::new();
            for (name, excluded) in fields {
                p = if excluded {
                    p.exclude(&name)
                } else {
                    p.field(&name)
                }
                .unwrap();
            }
            if let Some(start) = start {
                p = p.start(start);
            }
            if let Some(count) = count {
                p = p.count(count);
            }
            p
        });
    leaf.prop_recursive(6, 48, 4, |inner| {
        (
            inner.clone(),
            proptest::collection::vec((any_name(), inner), 1..4),
        )
            .prop_map(|(mut p, subs)| {
                for (name, sub) in subs {
                    p = p.nested(&name, sub).unwrap();
                }
                p
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn build_then_parse_is_the_identity(p in any_projection()) {
        let text = p.to_string();
        let back = Projection::parse(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(&back, &p, "{}", text);
        let json = serde_json::to_string(&p).unwrap();
        prop_assert_eq!(serde_json::from_str::<Projection>(&json).unwrap(), p);
    }

    #[test]
    fn parse_then_print_is_canonical(p in any_projection(), spaces in proptest::collection::vec(0usize..3, 64)) {
        // Insert whitespace after grammar characters: the same projection.
        let mut noisy = String::new();
        let mut k = 0;
        for c in p.to_string().chars() {
            noisy.push(c);
            if matches!(c, ',' | ':' | '(' | ')') {
                noisy.push_str(&" ".repeat(spaces[k % spaces.len()]));
                k += 1;
            }
        }
        let parsed = Projection::parse(&noisy).map_err(|e| TestCaseError::fail(format!("{noisy:?}: {e}")))?;
        prop_assert_eq!(parsed.to_string(), p.to_string());
    }

    #[test]
    fn parsing_any_text_never_panics(text in "[a-z$*:(),\\- ~0-9]{0,40}") {
        match Projection::parse(&text) {
            Ok(p) => prop_assert_eq!(Projection::parse(&p.to_string()).unwrap(), p),
            Err(err) => {
                let offset = err.offset().unwrap();
                prop_assert!(offset <= text.len(), "{} beyond {:?}", offset, text);
            }
        }
    }

    #[test]
    fn query_string_carries_the_text_as_is(p in any_projection()) {
        let query = to_query_string(&serde_json::json!({ "fields": p })).unwrap();
        let text = p.to_string();
        if text.is_ascii() {
            prop_assert_eq!(query, if text.is_empty() { "fields=".to_string() } else { format!("fields={text}") });
        }
    }
}

// `Request::fields`, `metadata_fields` and `paging_fields` take a
// `Projection` or mask text; all three are written unencoded (linkedin/rest.li
// `restli-common/src/main/java/com/linkedin/restli/common/RestConstants.java`,
// PROJECTION_PARAMETERS).
#[test]
fn request_projections_take_values_or_text_and_are_written_unencoded() {
    use restli_codec::{Request, RequestConfig};
    let mask = Projection::parse("elements:(id,name)").unwrap();
    let request = restli_codec::Request::finder("/adAccounts", "search")
        .fields(&mask)
        .metadata_fields(Projection::parse("nextPageToken").unwrap())
        .paging_fields(String::from("start,count"));
    let http = request.to_http(&RequestConfig::default(), None).unwrap();
    let query = http.uri().query().unwrap();
    assert!(query.contains("fields=elements:(id,name)"), "{query}");
    assert!(query.contains("metadataFields=nextPageToken"), "{query}");
    assert!(query.contains("pagingFields=start,count"), "{query}");
    // Text is sent as written, a Projection canonically.
    let text = Request::get("/me").fields("id, name");
    assert_eq!(text.query().get("fields"), Some("id,%20name"));
    let built = Request::get("/me").fields(Projection::parse("id, name").unwrap());
    assert_eq!(built.query().get("fields"), Some("id,name"));
}
