use super::*;
use crate::urns::{OrganizationUrn, PersonUrn};
use proptest::prelude::*;

// LinkedIn's "little Text Format" page,
// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format:
// its two examples, written as the page shows them.
#[test]
fn the_documented_examples_are_read() {
    let c = Commentary::parse("Hello @[Acme Corp](urn:li:organization:1234)");
    assert_eq!(
        c.parts(),
        [
            Part::Text("Hello ".into()),
            Part::Mention {
                urn: "urn:li:organization:1234".parse().unwrap(),
                name: "Acme Corp".into()
            }
        ]
    );
    let c = Commentary::parse(
        "Excited to share my thoughts on the future of {hashtag|#|Technology} and how it's shaping the world we live in.",
    );
    assert_eq!(
        c.plain_text(),
        "Excited to share my thoughts on the future of #Technology and how it's shaping the world we live in."
    );
    assert!(matches!(&c.parts()[1], Part::Hashtag { sign: '#', tag } if tag == "Technology"));
    // The page's element table: a person mention, and the full-width sign.
    let c = Commentary::parse("@[Eddy](urn:li:person:1234) {hashtag|\u{FF03}|mytag}");
    assert_eq!(c.plain_text(), "Eddy \u{FF03}mytag");
    // And the organization mention as the table spells it, with a space.
    let c = Commentary::parse("@[Devtestco] (urn:li:organization:2414183)");
    assert!(
        matches!(&c.parts(), [Part::Mention { urn, name }] if name == "Devtestco" && urn.as_str() == "urn:li:organization:2414183"),
        "{c:?}"
    );
}

// Same page: "All reserved characters need to be escaped with a
// backslash, even if those characters are not used in one of the
// supported elements or templates".
#[test]
fn every_reserved_character_is_escaped() {
    let all: String = RESERVED.iter().collect();
    assert_eq!(escape(&all), r"\|\{\}\@\[\]\(\)\<\>\#\\\*\_\~");
    assert_eq!(
        escape("plain, text: 100% sure! $5 & 'quotes'"),
        "plain, text: 100% sure! $5 & 'quotes'"
    );
    let built = Commentary::new()
        .text(all.as_str())
        .to_little_text()
        .unwrap();
    assert_eq!(built, escape(&all));
}

#[test]
fn the_builder_writes_the_documented_templates() {
    let c = Commentary::new()
        .text("Hello ")
        .mention(OrganizationUrn::new(1234).unwrap(), "Acme Corp")
        .text(" and ")
        .mention(PersonUrn::new("abc_1").unwrap(), "A (B) C")
        .text(" ")
        .hashtag("Tech_2");
    assert_eq!(
        c.to_little_text().unwrap(),
        r"Hello @[Acme Corp](urn:li:organization:1234) and @[A \(B\) C](urn:li:person:abc_1) {hashtag|\#|Tech\_2}"
    );
    assert_eq!(c.plain_text(), "Hello Acme Corp and A (B) C #Tech_2");
}

#[test]
fn bad_parts_are_refused_naming_the_part() {
    let org = OrganizationUrn::new(1).unwrap();
    assert_eq!(
        Commentary::new()
            .text("x")
            .mention(org, "")
            .to_little_text(),
        Err(CommentaryError::EmptyMentionName { part: 1 })
    );
    assert_eq!(
        Commentary::new().hashtag("").to_little_text(),
        Err(CommentaryError::EmptyHashtag { part: 0 })
    );
    assert!(matches!(
        Commentary::new().hashtag("a\tb").to_little_text(),
        Err(CommentaryError::HashtagWhitespace { part: 0, .. })
    ));
    assert!(matches!(
        Commentary::from_parts([Part::Hashtag {
            sign: '$',
            tag: "x".into()
        }])
        .to_little_text(),
        Err(CommentaryError::HashtagSign { part: 0, sign: '$' })
    ));
    assert!(matches!(
        Commentary::new()
            .mention(PersonUrn::new("p").unwrap(), "n".repeat(201))
            .to_little_text(),
        Err(CommentaryError::ElementTooLong {
            what: "mention name",
            part: 0,
            max: 200,
            found: 201
        })
    ));
}

#[test]
fn the_length_counts_the_little_text_even_when_huge() {
    let ok = Commentary::new().text("é".repeat(MAX_COMMENTARY_CHARS));
    assert_eq!(
        ok.to_little_text().unwrap().chars().count(),
        MAX_COMMENTARY_CHARS
    );
    let err = Commentary::new()
        .text("_".repeat(1501))
        .to_little_text()
        .unwrap_err();
    assert_eq!(
        err,
        CommentaryError::TooLong {
            max: 3000,
            found: 3002
        }
    );
    let err = Commentary::new()
        .text("#".repeat(1_000_000))
        .to_little_text()
        .unwrap_err();
    assert_eq!(
        err,
        CommentaryError::TooLong {
            max: 3000,
            found: 2_000_000
        }
    );
}

#[test]
fn malformed_elements_read_as_the_text_they_spell() {
    for text in [
        "@[name]",
        "@[name](not a urn)",
        "@[](urn:li:person:1)",
        "{hashtag|\\#|}",
        "{hashtag|\\#|open",
        "{hashtag|$|x}",
        "{hash",
        "\\",
        "a\\",
        "@",
        "{hashtag|",
    ] {
        let c = Commentary::parse(text);
        assert!(
            c.parts().iter().all(|p| matches!(p, Part::Text(_))),
            "{text:?} -> {c:?}"
        );
        assert_eq!(c.plain_text(), unescape(text), "{text:?}");
    }
}

#[test]
fn a_tuple_urn_and_escapes_inside_a_mention_are_read() {
    let c = Commentary::parse(
        r"@[X](urn:li:person:a\_b) @[Y](urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:1,2))",
    );
    let urns: Vec<&str> = c
        .parts()
        .iter()
        .filter_map(|p| match p {
            Part::Mention { urn, .. } => Some(urn.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        urns,
        [
            "urn:li:person:a_b",
            "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:1,2)"
        ]
    );
}

#[test]
fn reading_is_linear_on_hostile_text() {
    let hostile = "@[".repeat(200_000) + &"{hashtag|#|".repeat(50_000);
    let c = Commentary::parse(&hostile);
    assert_eq!(c.plain_text(), hostile);
}

/// Whether every reserved character in `little` outside the templates
/// written by the builder is escaped: here, for text alone.
fn fully_escaped(little: &str) -> bool {
    let mut chars = little.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next) if is_reserved(next) => {}
                _ => return false,
            }
        } else if is_reserved(c) {
            return false;
        }
    }
    true
}

fn author() -> impl Strategy<Value = Author> {
    prop_oneof![
        "[A-Za-z0-9_-]{1,12}".prop_map(|id| Author::from(PersonUrn::new(id).unwrap())),
        (1u64..u64::MAX).prop_map(|id| Author::from(OrganizationUrn::new(id).unwrap())),
    ]
}

fn part() -> impl Strategy<Value = Part> {
    prop_oneof![
        3 => any::<String>().prop_map(Part::Text),
        1 => "[^\\\\]{0,3}[|{}@\\[\\]()<>#\\\\*_~ a-z]{0,20}".prop_map(Part::Text),
        1 => (author(), "[^\\s]{1,3}[ a-z()\\[\\]\\\\@#_]{0,20}").prop_map(|(who, name)| Part::Mention { urn: who.into(), name }),
        1 => (prop_oneof![Just('#'), Just('\u{FF03}')], "[^\\s]{1,30}").prop_map(|(sign, tag)| Part::Hashtag { sign, tag }),
    ]
}

proptest! {
    #[test]
    fn escape_then_unescape_is_the_identity(text in any::<String>()) {
        prop_assert_eq!(unescape(&escape(&text)), text);
    }

    #[test]
    fn escaped_text_has_no_unescaped_reserved_character(text in any::<String>()) {
        prop_assert!(fully_escaped(&escape(&text)));
        // And reads back as that one text.
        let parsed = Commentary::parse(&escape(&text));
        prop_assert_eq!(parsed, Commentary::new().text(text));
    }

    #[test]
    fn parse_of_build_gives_the_parts_back(parts in proptest::collection::vec(part(), 0..8)) {
        let commentary = Commentary::from_parts(parts);
        if let Ok(little) = commentary.to_little_text() {
            prop_assert_eq!(Commentary::parse(&little), commentary);
        }
    }

    #[test]
    fn any_text_reads_without_panicking(text in any::<String>()) {
        let c = Commentary::parse(&text);
        let _ = c.plain_text();
        let _ = c.to_little_text();
    }
}
