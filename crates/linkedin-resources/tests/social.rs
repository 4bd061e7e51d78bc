//! Comments and reactions: the requests built, the answers read, the bad
//! input refused.
//!
//! LinkedIn's pages: "Comments API",
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api>,
//! and "Reactions API",
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api>.

mod shared_render;

use linkedin_resources::social::comments::{self, MAX_COMMENT_CHARS, created_id};
use linkedin_resources::social::reactions;
use linkedin_resources::social::{Comment, CommentError, Reaction, ReactionKey, ReactionType};
use linkedin_resources::urns::{Author, SocialTargetUrn};
use proptest::prelude::*;
use restli_codec::DynamicRequest;
use restli_codec::paging::Pagination;
use restli_codec::response::{CollectionResponse, CreateResponse, EntityResponse};
use serde_json::{Value, json};
use shared_render::{TOKEN, render, response, versioned};

fn org() -> Author {
    "urn:li:organization:2414183".parse().unwrap()
}

fn member() -> Author {
    "urn:li:person:a1B2c3".parse().unwrap()
}

fn activity() -> SocialTargetUrn {
    "urn:li:activity:6631349431612559360".parse().unwrap()
}

fn http(request: impl Into<DynamicRequest>) -> http::Request<Vec<u8>> {
    request.into().to_http(&versioned(), Some(TOKEN)).unwrap()
}

// Comments API, "Create Comment": POST /rest/socialActions/{encoded URN}/comments
// with actor, object and message.text.
#[test]
fn adding_a_comment() {
    let request = comments::add(&activity(), &org(), "Comment on a post").unwrap();
    insta::assert_snapshot!("comment_add", render(&http(request)));
    // A comment on a comment: the comment URN, a tuple, encoded whole.
    let comment: SocialTargetUrn =
        "urn:li:comment:(urn:li:activity:6631349431612559360,6636062862760562688)"
            .parse()
            .unwrap();
    let nested = http(comments::add(&comment, &member(), "Reply").unwrap());
    assert_eq!(
        nested.uri().path(),
        "/rest/socialActions/urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A6631349431612559360%2C6636062862760562688%29/comments"
    );
}

// Comments API, "Create a Nested Comment": on the parent comment's URN, with parentComment.
#[test]
fn replying_to_a_comment() {
    let parent: SocialTargetUrn =
        "urn:li:comment:(urn:li:activity:6631349431612559360,6636062862760562688)"
            .parse()
            .unwrap();
    let request = comments::reply(&parent, &activity(), &member(), "Thanks!").unwrap();
    insta::assert_snapshot!("comment_reply", render(&http(request)));
    assert_eq!(
        comments::reply(&activity(), &activity(), &member(), "x").unwrap_err(),
        CommentError::ParentNotAComment
    );
    assert_eq!(
        comments::reply(&parent, &activity(), &member(), "").unwrap_err(),
        CommentError::EmptyText
    );
}

#[test]
fn listing_and_deleting_comments() {
    insta::assert_snapshot!("comment_list", render(&http(comments::list(&activity()))));
    let delete = comments::delete(&activity(), "6636062862760562688", &org()).unwrap();
    insta::assert_snapshot!("comment_delete", render(&http(delete)));
}

#[test]
fn bad_comments_are_refused_before_sending() {
    assert_eq!(
        comments::add(&activity(), &org(), "").unwrap_err(),
        CommentError::EmptyText
    );
    assert_eq!(
        comments::add(&activity(), &org(), " \n\t").unwrap_err(),
        CommentError::EmptyText
    );
    let long = "é".repeat(MAX_COMMENT_CHARS + 1);
    assert_eq!(
        comments::add(&activity(), &org(), &long).unwrap_err(),
        CommentError::TextTooLong {
            chars: MAX_COMMENT_CHARS + 1
        }
    );
    assert!(comments::add(&activity(), &org(), &"é".repeat(MAX_COMMENT_CHARS)).is_ok());
    for id in ["", "1/2", "../x", "a b", &"1".repeat(65)] {
        assert_eq!(
            comments::delete(&activity(), id, &org()).unwrap_err(),
            CommentError::InvalidId,
            "{id:?}"
        );
    }
    // The typed URNs refuse what cannot be an actor or a target.
    assert!("urn:li:image:C4E".parse::<SocialTargetUrn>().is_err());
    assert!("urn:li:share:1".parse::<Author>().is_err());
}

/// The created comment as the page's "Create Comment" response shows it:
/// 201, the comment id in x-restli-id, the comment in the body.
#[test]
fn a_created_comment_is_read() {
    let body = json!({
        "actor": "urn:li:organization:2414183",
        "agent": "urn:li:person:a1B2c3",
        "commentUrn": "urn:li:comment:(urn:li:activity:6631349431612559360,6636062862760562688)",
        "created": {"actor": "urn:li:person:a1B2c3", "time": 1580839690013i64},
        "id": "6636062862760562688",
        "lastModified": {"actor": "urn:li:person:a1B2c3", "time": 1580839690013i64},
        "message": {"attributes": [], "text": "Comment on a post"},
        "object": "urn:li:activity:6631349431612559360"
    });
    let request: DynamicRequest = comments::add(&activity(), &org(), "Comment on a post")
        .unwrap()
        .into();
    let answer = response(
        201,
        &[("x-restli-id", "6636062862760562688")],
        &body.to_string(),
    );
    let created: CreateResponse<String, Comment> =
        CreateResponse::from_http(answer, request.path()).unwrap();
    assert_eq!(created_id(&created).as_deref(), Some("6636062862760562688"));
    let comment = created.entity.clone().unwrap();
    assert_eq!(comment.message.as_ref().unwrap().text, "Comment on a post");
    assert_eq!(
        comment.actor.as_ref().unwrap().as_str(),
        "urn:li:organization:2414183"
    );
    assert_eq!(comment.created.as_ref().unwrap().time, Some(1580839690013));
    assert_eq!(
        serde_json::to_value(&comment).unwrap(),
        body,
        "read then written, nothing lost"
    );
    // Without the header, the body's id.
    let answer = response(201, &[], &body.to_string());
    let created: CreateResponse<String, Comment> =
        CreateResponse::from_http(answer, request.path()).unwrap();
    assert_eq!(created_id(&created).as_deref(), Some("6636062862760562688"));
}

#[test]
fn every_page_of_comments_is_walked() {
    let mut pages = Pagination::new(comments::list(&activity()), 2).unwrap();
    let first = pages.next_request().unwrap();
    assert_eq!(first.query().get("start"), Some("0"));
    assert_eq!(first.query().get("count"), Some("2"));
    let body = json!({
        "elements": [
            {"id": "1", "message": {"text": "a"}, "object": "urn:li:activity:6631349431612559360"},
            {"id": "2", "message": {"text": "b"}, "newField": 1}
        ],
        "paging": {"count": 2, "start": 0, "total": 3, "links": []}
    });
    let page: CollectionResponse<Comment> =
        CollectionResponse::from_http(response(200, &[], &body.to_string()), first.path()).unwrap();
    assert_eq!(page.elements[1].extra["newField"], 1);
    pages.advance(&page).unwrap();
    let second = pages.next_request().unwrap();
    assert_eq!(second.query().get("start"), Some("2"));
}

// Reactions API, "Create a Reaction on a Share": POST /rest/reactions?actor=..
// with root and reactionType.
#[test]
fn adding_a_reaction() {
    let request = reactions::add(&member(), &activity(), ReactionType::Interest);
    insta::assert_snapshot!("reaction_add", render(&http(request)));
}

// "Get a Reaction" and "Delete a Reaction": the compound key in the path.
#[test]
fn getting_and_deleting_a_reaction_by_its_compound_key() {
    let key = ReactionKey::new(member(), activity());
    insta::assert_snapshot!("reaction_get", render(&http(reactions::get(&key))));
    insta::assert_snapshot!("reaction_delete", render(&http(reactions::delete(&key))));
    let on_comment = ReactionKey::new(
        org(),
        "urn:li:comment:(urn:li:activity:1,2)".parse().unwrap(),
    );
    assert_eq!(
        http(reactions::get(&on_comment)).uri().path(),
        "/rest/reactions/(actor:urn%3Ali%3Aorganization%3A2414183,entity:urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A1%2C2%29)"
    );
}

// "Get Reactions on Shares": the entity finder.
#[test]
fn listing_the_reactions_on_an_entity() {
    let request = reactions::list(&activity());
    insta::assert_snapshot!("reaction_list", render(&http(request.clone())));
    assert!(
        Pagination::new(request, 10)
            .unwrap()
            .next_request()
            .is_some()
    );
}

#[test]
fn reactions_are_read_with_their_keys() {
    let body = json!({
        "elements": [{
            "id": "urn:li:reaction:(urn:li:person:a1B2c3,urn:li:activity:6631349431612559360)",
            "reactionType": "PRAISE",
            "root": "urn:li:activity:6631349431612559360",
            "created": {"actor": "urn:li:person:a1B2c3", "time": 1612392040000i64},
            "lastModified": {"actor": "urn:li:person:a1B2c3", "time": 1612392040000i64}
        }, {
            "id": "urn:li:reaction:(urn:li:organization:2414183,urn:li:activity:6631349431612559360)",
            "reactionType": "A_NEW_ONE",
            "root": "urn:li:activity:6631349431612559360"
        }],
        "paging": {"count": 10, "start": 0}
    });
    let request: DynamicRequest = reactions::list(&activity()).into();
    let page: CollectionResponse<Reaction> =
        CollectionResponse::from_http(response(200, &[], &body.to_string()), request.path())
            .unwrap();
    assert_eq!(page.elements[0].reaction_type, Some(ReactionType::Praise));
    assert_eq!(
        page.elements[0].key(),
        Some(ReactionKey::new(member(), activity()))
    );
    assert_eq!(
        page.elements[1].reaction_type,
        Some(ReactionType::Unknown("A_NEW_ONE".into()))
    );
    assert_eq!(page.elements[1].key().unwrap().actor, org());
    let back = serde_json::to_value(&page.elements).unwrap();
    assert_eq!(back, body["elements"], "read then written, nothing lost");

    // One reaction by its key.
    let one = body["elements"][0].to_string();
    let got: EntityResponse<Reaction> = EntityResponse::from_http(
        response(200, &[], &one),
        reactions::get(&ReactionKey::new(member(), activity()))
            .into_inner()
            .path(),
    )
    .unwrap();
    assert_eq!(got.entity.reaction_type, Some(ReactionType::Praise));
}

#[test]
fn a_created_reactions_key_is_read_from_either_form() {
    let urn_form = "urn:li:reaction:(urn:li:person:a1B2c3,urn:li:activity:6631349431612559360)";
    let key_form =
        "(actor:urn%3Ali%3Aperson%3Aa1B2c3,entity:urn%3Ali%3Aactivity%3A6631349431612559360)";
    for raw in [urn_form, key_form] {
        let created: CreateResponse<String, Reaction> = CreateResponse::from_http(
            response(201, &[("x-restli-id", raw)], ""),
            "/rest/reactions",
        )
        .unwrap();
        let raw_id = created.raw_id.as_deref().unwrap();
        assert_eq!(
            ReactionKey::parse(raw_id),
            Some(ReactionKey::new(member(), activity())),
            "{raw}"
        );
    }
    for bad in [
        "",
        "urn:li:reaction:x",
        "urn:li:reaction:(urn:li:share:1,urn:li:activity:1)",
        "(actor:1)",
        "((",
    ] {
        assert_eq!(ReactionKey::parse(bad), None, "{bad}");
    }
}

#[test]
fn reaction_types_map_to_the_documented_names_and_labels() {
    let table = [
        ("LIKE", "Like"),
        ("PRAISE", "Celebrate"),
        ("EMPATHY", "Love"),
        ("INTEREST", "Insightful"),
        ("APPRECIATION", "Support"),
        ("ENTERTAINMENT", "Funny"),
        ("MAYBE", "Curious"),
    ];
    for (kind, (wire, label)) in ReactionType::ALL.iter().zip(table) {
        assert_eq!(kind.as_str(), wire);
        assert_eq!(kind.label(), Some(label));
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(wire));
        assert_eq!(
            serde_json::from_value::<ReactionType>(json!(wire)).unwrap(),
            *kind
        );
        assert_eq!(ReactionType::parse_lenient(label), Some(kind.clone()));
        assert_eq!(
            ReactionType::parse_lenient(&wire.to_lowercase()),
            Some(kind.clone())
        );
    }
    // The wire value is exact: another case is an unknown value, kept.
    assert_eq!(
        serde_json::from_value::<ReactionType>(json!("like")).unwrap(),
        ReactionType::Unknown("like".into())
    );
}

proptest! {
    /// Any reaction type text is read, and written back as it came.
    #[test]
    fn reaction_types_round_trip(text in "\\PC{0,20}") {
        let kind: ReactionType = serde_json::from_value(json!(text)).unwrap();
        prop_assert_eq!(serde_json::to_value(&kind).unwrap(), json!(text));
    }

    /// A reaction key encodes into the path and reads back, in the URN form
    /// and both Rest.li forms.
    #[test]
    fn reaction_keys_round_trip(
        person in "[A-Za-z0-9_-]{1,12}",
        org_id in 1u64..u64::MAX,
        activity_id in 1u64..u64::MAX,
        comment_id in 1u64..u64::MAX,
        use_org in any::<bool>(),
        on_comment in any::<bool>(),
    ) {
        let actor: Author = if use_org {
            format!("urn:li:organization:{org_id}").parse().unwrap()
        } else {
            format!("urn:li:person:{person}").parse().unwrap()
        };
        let entity: SocialTargetUrn = if on_comment {
            format!("urn:li:comment:(urn:li:activity:{activity_id},{comment_id})").parse().unwrap()
        } else {
            format!("urn:li:activity:{activity_id}").parse().unwrap()
        };
        let key = ReactionKey::new(actor.clone(), entity.clone());
        let url_form = restli_codec::to_string(&key).unwrap();
        prop_assert_eq!(ReactionKey::parse(&url_form), Some(key.clone()));
        let reduced = restli_codec::to_string_reduced(&key).unwrap();
        prop_assert_eq!(ReactionKey::parse(&reduced), Some(key.clone()));
        let urn_form = format!("urn:li:reaction:({actor},{entity})");
        prop_assert_eq!(ReactionKey::parse(&urn_form), Some(key.clone()));
        let path = http(reactions::get(&key)).uri().path().to_owned();
        prop_assert_eq!(path, format!("/rest/reactions/{url_form}"));
    }

    /// Any text: a request whose body holds it exactly, or a typed error.
    #[test]
    fn comment_text_is_sent_exactly_or_refused(text in "\\PC{0,40}|\\s{0,3}") {
        match comments::add(&activity(), &member(), &text) {
            Ok(request) => {
                let body: Value = serde_json::from_slice(http(request).body()).unwrap();
                prop_assert_eq!(&body["message"]["text"], &json!(text));
            }
            Err(err) => prop_assert_eq!(err, CommentError::EmptyText),
        }
    }

    /// Any text parsed as a reaction key: a key or none, never a panic.
    #[test]
    fn reaction_key_parsing_never_panics(text in "\\PC{0,80}") {
        let _ = ReactionKey::parse(&text);
    }
}
