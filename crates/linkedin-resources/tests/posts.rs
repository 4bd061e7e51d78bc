//! The Posts API as it goes on the wire and as it comes back, checked
//! against LinkedIn's "Posts API" page
//! (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api)
//! and the pages of each kind of post it links to.

use linkedin_resources::commentary::Commentary;
use linkedin_resources::posts::{
    self, Article, CreatedPostError, FeedDistribution, LifecycleState, NewPost, Poll, PollDuration,
    Post, PostError, SortBy, ViewContext, Visibility,
};
use linkedin_resources::urns::{
    Author, DocumentUrn, ImageUrn, OrganizationUrn, PersonUrn, PostUrn, VideoUrn,
};
use proptest::prelude::*;
use restli_codec::paging::Pagination;
use restli_codec::{CollectionResponse, CreateResponse, EntityResponse, StatusResponse};
use serde_json::{Value, json};

mod shared_render;
use shared_render::{render, wire};

fn body(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).unwrap()
}

fn org() -> OrganizationUrn {
    OrganizationUrn::new(5515715).unwrap()
}

/// The documented defaults every create example on the page carries.
fn documented(mut extra: Value) -> Value {
    let mut post = json!({
        "author": "urn:li:organization:5515715",
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": []
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": false
    });
    post.as_object_mut()
        .unwrap()
        .append(extra.as_object_mut().unwrap());
    post
}

// Posts API page, "Create a Text Post" (and the response: 201 with
// `x-restli-id: urn:li:share:6844785523593134080`).
#[test]
fn a_text_post_is_created_as_documented() {
    let request = NewPost::new(org(), Commentary::new().text("Sample text Post"))
        .create()
        .unwrap();
    let http = wire(request);
    assert_eq!(
        body(&http),
        documented(json!({"commentary": "Sample text Post"}))
    );
    insta::assert_snapshot!("create_text_post", render(&http));

    let answer = http::Response::builder()
        .status(201)
        .header("x-restli-id", "urn:li:share:6844785523593134080")
        .body(Vec::new())
        .unwrap();
    let created: CreateResponse<PostUrn, Post> =
        CreateResponse::from_http(answer, "/rest/posts").unwrap();
    assert_eq!(
        posts::created_post(&created).unwrap().as_str(),
        "urn:li:share:6844785523593134080"
    );
}

// Posts API page, the image, video and document examples ("Create a Post
// with ..."): `content.media` with the uploaded URN and its title or alt
// text.
#[test]
fn media_posts_are_created_as_documented() {
    let image: ImageUrn = "urn:li:image:C4E10AQFoyyAjHPMQuQ".parse().unwrap();
    let http = wire(
        NewPost::new(org(), "Sample image Post".into())
            .image(image, "testing for alt tags")
            .create()
            .unwrap(),
    );
    assert_eq!(
        body(&http),
        documented(json!({
            "commentary": "Sample image Post",
            "content": {"media": {"altText": "testing for alt tags", "id": "urn:li:image:C4E10AQFoyyAjHPMQuQ"}}
        }))
    );
    insta::assert_snapshot!("create_image_post", render(&http));

    let video: VideoUrn = "urn:li:video:C5F10AQGKQg_6y2a4sQ".parse().unwrap();
    let http = wire(
        NewPost::new(org(), "Sample video Post".into())
            .video(video, "title of the video")
            .create()
            .unwrap(),
    );
    assert_eq!(
        body(&http)["content"],
        json!({"media": {"title": "title of the video", "id": "urn:li:video:C5F10AQGKQg_6y2a4sQ"}})
    );
    insta::assert_snapshot!("create_video_post", render(&http));

    let document: DocumentUrn = "urn:li:document:D5510AQFPXZ3TqpIPgA".parse().unwrap();
    let http = wire(
        NewPost::new(org(), "test document post".into())
            .document(document, "title of the document")
            .create()
            .unwrap(),
    );
    assert_eq!(
        body(&http),
        documented(json!({
            "commentary": "test document post",
            "content": {"media": {"title": "title of the document", "id": "urn:li:document:D5510AQFPXZ3TqpIPgA"}}
        }))
    );
    insta::assert_snapshot!("create_document_post", render(&http));
}

// "Article API" page (linked from the Posts API page): LinkedIn does not
// scrape the link; source, title, description and thumbnail are sent.
#[test]
fn an_article_post_is_created_as_documented() {
    let thumbnail: ImageUrn = "urn:li:image:C49klciosC89".parse().unwrap();
    let http = wire(
        NewPost::new(org(), "test article post".into())
            .article(
                Article::new("https://lnkd.in/eabXpqi", "prod test title two")
                    .description("test description")
                    .thumbnail(thumbnail),
            )
            .create()
            .unwrap(),
    );
    assert_eq!(
        body(&http)["content"],
        json!({"article": {
            "source": "https://lnkd.in/eabXpqi",
            "thumbnail": "urn:li:image:C49klciosC89",
            "title": "prod test title two",
            "description": "test description"
        }})
    );
    insta::assert_snapshot!("create_article_post", render(&http));
}

// "MultiImage API" page: `content.multiImage.images`, each an image URN and
// its alt text, 2 to 20 of them.
#[test]
fn a_multi_image_post_is_created_as_documented() {
    let one: ImageUrn = "urn:li:image:C4D22AQFttWMAaIqHaA".parse().unwrap();
    let two: ImageUrn = "urn:li:image:C4D22AQG7uz0yPJh588".parse().unwrap();
    let http = wire(
        NewPost::new(org(), "multi image".into())
            .images([
                (one, "testing for alt tags1"),
                (two, "testing for alt tags2"),
            ])
            .create()
            .unwrap(),
    );
    assert_eq!(
        body(&http)["content"],
        json!({"multiImage": {"images": [
            {"id": "urn:li:image:C4D22AQFttWMAaIqHaA", "altText": "testing for alt tags1"},
            {"id": "urn:li:image:C4D22AQG7uz0yPJh588", "altText": "testing for alt tags2"}
        ]}})
    );
    insta::assert_snapshot!("create_multi_image_post", render(&http));
}

// "Poll API" page: question, options as `{"text": ..}`, settings.duration
// one of ONE_DAY, THREE_DAYS, SEVEN_DAYS, FOURTEEN_DAYS; 2 to 4 options.
#[test]
fn a_poll_post_is_created_as_documented() {
    let poll = Poll::new(
        "What is your favorite color?",
        ["Red", "Blue", "Yellow", "green"],
        PollDuration::ThreeDays,
    );
    let http = wire(
        NewPost::new(org(), "test Poll".into())
            .poll(poll)
            .create()
            .unwrap(),
    );
    assert_eq!(
        body(&http)["content"],
        json!({"poll": {
            "question": "What is your favorite color?",
            "options": [{"text": "Red"}, {"text": "Blue"}, {"text": "Yellow"}, {"text": "green"}],
            "settings": {"duration": "THREE_DAYS"}
        }})
    );
    insta::assert_snapshot!("create_poll_post", render(&http));
}

// Posts API page, "Reshare a Post": `reshareContext.parent`.
#[test]
fn a_reshare_is_created_as_documented() {
    let parent: PostUrn = "urn:li:share:6957408550713184256".parse().unwrap();
    let http = wire(
        NewPost::new(org(), "Reshare commentary".into())
            .reshare(parent)
            .create()
            .unwrap(),
    );
    assert_eq!(
        body(&http),
        documented(json!({
            "commentary": "Reshare commentary",
            "reshareContext": {"parent": "urn:li:share:6957408550713184256"}
        }))
    );
    insta::assert_snapshot!("create_reshare", render(&http));
}

#[test]
fn a_member_post_with_mentions_hashtags_and_options() {
    let me = PersonUrn::new("abc123").unwrap();
    let commentary = Commentary::new()
        .text("Shipped (finally) with ")
        .mention(OrganizationUrn::new(1234).unwrap(), "Acme Corp")
        .text("! ")
        .hashtag("rust");
    let http = wire(
        NewPost::new(me, commentary)
            .visibility(Visibility::Connections)
            .feed_distribution(FeedDistribution::None)
            .disable_reshare()
            .draft()
            .create()
            .unwrap(),
    );
    let sent = body(&http);
    assert_eq!(
        sent["commentary"],
        r"Shipped \(finally\) with @[Acme Corp](urn:li:organization:1234)! {hashtag|\#|rust}"
    );
    assert_eq!(sent["visibility"], "CONNECTIONS");
    assert_eq!(sent["lifecycleState"], "DRAFT");
    assert_eq!(sent["distribution"]["feedDistribution"], "NONE");
    insta::assert_snapshot!("create_member_post_with_options", render(&http));
}

// Posts API page, "Retrieve Posts": GET /rest/posts/{encoded URN}.
#[test]
fn get_puts_the_encoded_urn_in_the_path() {
    let urn: PostUrn = "urn:li:ugcPost:7018947245052121088".parse().unwrap();
    let http = wire(posts::get(&urn));
    assert_eq!(
        http.uri(),
        "https://api.linkedin.com/rest/posts/urn%3Ali%3AugcPost%3A7018947245052121088"
    );
    insta::assert_snapshot!("get_post", render(&http));
    let http = wire(posts::get(&urn).view_context(ViewContext::Author));
    assert_eq!(http.uri().query(), Some("viewContext=AUTHOR"));
}

// Posts API page, "Find Posts by Authors":
// GET /rest/posts?author=urn%3Ali%3Aorganization%3A5515715&q=author&count=10&sortBy=LAST_MODIFIED
#[test]
fn find_by_author_is_the_documented_finder() {
    let request = posts::find_by_author(org())
        .sort_by(SortBy::LastModified)
        .page(0, 10)
        .unwrap();
    let query = request.as_ref().query();
    assert_eq!(query.get("q"), Some("author"));
    assert_eq!(
        query.get("author"),
        Some("urn%3Ali%3Aorganization%3A5515715")
    );
    assert_eq!(query.get("sortBy"), Some("LAST_MODIFIED"));
    assert_eq!(query.get("count"), Some("10"));
    let http = wire(request);
    assert_eq!(
        http.uri().query(),
        Some(
            "author=urn%3Ali%3Aorganization%3A5515715&count=10&q=author&sortBy=LAST_MODIFIED&start=0"
        )
    );
    assert_eq!(http.headers()["x-restli-method"], "finder");
    insta::assert_snapshot!("find_posts_by_author", render(&http));

    let err = posts::find_by_author(org()).page(0, 0).unwrap_err();
    assert_eq!(err, PostError::PageSize { max: 100, found: 0 });
}

#[test]
fn find_by_author_walks_every_page() {
    let mut walk = Pagination::new(posts::find_by_author(org()), 2).unwrap();
    let first = walk.next_request().unwrap();
    assert_eq!(first.query().get("start"), Some("0"));
    assert_eq!(first.query().get("count"), Some("2"));
    assert_eq!(first.query().get("q"), Some("author"));
    let page = |body: Value| {
        let answer = http::Response::builder()
            .status(200)
            .body(serde_json::to_vec(&body).unwrap())
            .unwrap();
        CollectionResponse::<Post, Value>::from_http(answer, "/rest/posts").unwrap()
    };
    let full = page(json!({
        "paging": {"start": 0, "count": 2, "links": []},
        "elements": [{"id": "urn:li:share:1"}, {"id": "urn:li:share:2"}]
    }));
    walk.take(&full);
    let second = walk.next_request().unwrap();
    assert_eq!(second.query().get("start"), Some("2"));
    let short = page(json!({
        "paging": {"start": 2, "count": 2, "links": []},
        "elements": [{"id": "urn:li:ugcPost:3"}]
    }));
    assert_eq!(
        short.elements[0].post_urn().unwrap().entity_type(),
        "ugcPost"
    );
    walk.take(&short);
    // The codec's rule: a short page does not end the walk (LinkedIn
    // sends short pages mid-collection); an empty one does.
    let third = walk.next_request().unwrap();
    assert_eq!(
        third.query().get("start"),
        Some("4"),
        "the window moves by count"
    );
    walk.take(&page(
        json!({"paging": {"start": 4, "count": 2, "links": []}, "elements": []}),
    ));
    assert!(walk.next_request().is_none(), "an empty page is the last");
}

// Posts API page, "Update Posts": POST /rest/posts/{encoded URN} with
// X-RestLi-Method: PARTIAL_UPDATE and {"patch": {"$set": {"commentary": ..}}};
// the answer is 204.
#[test]
fn the_commentary_is_updated_as_documented() {
    let urn: PostUrn = "urn:li:share:6844785523593134080".parse().unwrap();
    let http = wire(posts::update_commentary(&urn, &"Update to the post".into()).unwrap());
    assert_eq!(http.method(), http::Method::POST);
    assert_eq!(http.headers()["x-restli-method"], "partial_update");
    assert_eq!(
        body(&http),
        json!({"patch": {"$set": {"commentary": "Update to the post"}}})
    );
    insta::assert_snapshot!("update_post_commentary", render(&http));
    let answer = http::Response::builder()
        .status(204)
        .body(Vec::new())
        .unwrap();
    let status: StatusResponse = StatusResponse::from_http(answer, "/rest/posts").unwrap();
    assert_eq!(status.meta.status(), 204);

    let err = posts::update_commentary(&urn, &Commentary::new()).unwrap_err();
    assert_eq!(
        err,
        PostError::EmptyText {
            field: "the new commentary"
        }
    );
}

// Posts API page, "Delete Posts": DELETE /rest/posts/{encoded URN}, 204.
#[test]
fn delete_is_documented() {
    let urn: PostUrn = "urn:li:share:6844785523593134080".parse().unwrap();
    let http = wire(posts::delete(&urn));
    assert_eq!(http.method(), http::Method::DELETE);
    insta::assert_snapshot!("delete_post", render(&http));
}

// Posts API page, the response of "Retrieve Posts" (a video post), written
// as the page shows it, read then written back with nothing lost.
#[test]
fn the_documented_post_is_read_and_written_back_whole() {
    let documented = json!({
        "isReshareDisabledByAuthor": false,
        "createdAt": 1661390574779_i64,
        "lifecycleState": "PUBLISHED",
        "lastModifiedAt": 1661390574780_i64,
        "visibility": "PUBLIC",
        "publishedAt": 1661390574779_i64,
        "author": "urn:li:organization:5515715",
        "id": "urn:li:ugcPost:6965472087542153216",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "thirdPartyDistributionChannels": []
        },
        "content": {
            "media": {
                "title": "title of the video",
                "id": "urn:li:video:C5F10AQGKQg_6y2a4sQ"
            }
        },
        "commentary": "Sample Commentary",
        "lifecycleStateInfo": {
            "isEditedByAuthor": false
        }
    });
    let post: Post = serde_json::from_value(documented.clone()).unwrap();
    assert_eq!(post.lifecycle_state, Some(LifecycleState::Published));
    assert_eq!(post.created_at, Some(1661390574779));
    assert!(matches!(post.author_urn(), Some(Author::Organization(_))));
    assert_eq!(
        post.plain_commentary().as_deref(),
        Some("Sample Commentary")
    );
    assert!(
        post.extra.is_empty(),
        "every documented field is modelled: {:?}",
        post.extra
    );
    assert_eq!(serde_json::to_value(&post).unwrap(), documented);

    let answer = http::Response::builder()
        .status(200)
        .body(serde_json::to_vec(&documented).unwrap())
        .unwrap();
    let entity = EntityResponse::<Post>::from_http(answer, "/rest/posts/x").unwrap();
    assert_eq!(entity.entity, post);
}

#[test]
fn unknown_fields_and_values_survive_a_round_trip() {
    let sent = json!({
        "id": "urn:li:share:1",
        "author": "urn:li:person:abc",
        "visibility": "SOME_NEW_AUDIENCE",
        "lifecycleState": "ARCHIVED",
        "content": {
            "poll": {
                "question": "Q?",
                "options": [{"text": "A", "voteCount": 1, "later": 1}, {"text": "B"}],
                "settings": {"duration": "THIRTY_DAYS", "voteSelectionType": "SINGLE_VOTE", "isVoterVisibleToAuthor": true},
                "uniqueVotersCount": 1
            },
            "hologram": {"id": "urn:li:hologram:1"}
        },
        "reshareContext": {"parent": "urn:li:share:2", "root": "urn:li:share:3"},
        "adContext": {"dscAdAccount": "urn:li:sponsoredAccount:1", "dscStatus": "ACTIVE"},
        "container": "urn:li:group:1",
        "brandNewField": [1, 2, 3]
    });
    let post: Post = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(
        post.visibility,
        Some(Visibility::Unknown("SOME_NEW_AUDIENCE".into()))
    );
    assert_eq!(
        post.lifecycle_state,
        Some(LifecycleState::Unknown("ARCHIVED".into()))
    );
    assert_eq!(
        post.content
            .as_ref()
            .and_then(|c| c.poll.as_ref())
            .and_then(|p| p.settings.clone())
            .and_then(|s| s.duration),
        Some(PollDuration::Unknown("THIRTY_DAYS".into()))
    );
    assert!(post.extra.contains_key("brandNewField"));
    assert_eq!(serde_json::to_value(&post).unwrap(), sent);
}

// Posts API page: the id comes back raw in `x-restli-id`. Anything else is
// a typed error that keeps the text (the post exists all the same).
#[test]
fn a_created_id_that_is_not_a_post_is_a_typed_error() {
    let created = |id: Option<&str>| {
        let mut answer = http::Response::builder().status(201);
        if let Some(id) = id {
            answer = answer.header("x-restli-id", id);
        }
        CreateResponse::<PostUrn, Post>::from_http(answer.body(Vec::new()).unwrap(), "/rest/posts")
            .unwrap()
    };
    assert_eq!(
        posts::created_post(&created(None)),
        Err(CreatedPostError::Missing)
    );
    let err = posts::created_post(&created(Some("12345"))).unwrap_err();
    assert!(
        matches!(&err, CreatedPostError::NotAPostUrn { raw, .. } if raw == "12345"),
        "{err:?}"
    );
    assert!(err.to_string().contains("\"12345\""), "{err}");
    // Reduced-encoded, as Rest.li may write it, is read too.
    let urn = posts::created_post(&created(Some("urn%3Ali%3Ashare%3A9"))).unwrap();
    assert_eq!(urn.as_str(), "urn:li:share:9");
}

#[test]
fn bad_posts_are_refused_before_sending() {
    let me = || PersonUrn::new("abc").unwrap();
    let image: ImageUrn = "urn:li:image:1".parse().unwrap();
    let options = |n: usize| (0..n).map(|i| format!("option {i}")).collect::<Vec<_>>();
    let poll = |n: usize| Poll::new("Which?", options(n), PollDuration::OneDay);
    let refused = |post: NewPost| post.create().map(|_| ()).unwrap_err();

    assert_eq!(
        refused(NewPost::new(me(), "p".into()).poll(poll(1))),
        PostError::PollOptions { found: 1 }
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).poll(poll(5))),
        PostError::PollOptions { found: 5 }
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).poll(poll(1000))),
        PostError::PollOptions { found: 1000 }
    );
    assert!(
        NewPost::new(me(), "p".into())
            .poll(poll(2))
            .create()
            .is_ok()
    );
    assert!(
        NewPost::new(me(), "p".into())
            .poll(poll(4))
            .create()
            .is_ok()
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).poll(Poll::new(
            " ",
            ["a", "b"],
            PollDuration::OneDay
        ))),
        PostError::EmptyText {
            field: "the poll's question"
        }
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).poll(Poll::new(
            "q".repeat(141),
            ["a", "b"],
            PollDuration::OneDay
        ))),
        PostError::TextTooLong {
            field: "the poll's question",
            max: 140,
            found: 141
        }
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).poll(Poll::new(
            "q",
            ["a", &"b".repeat(31)],
            PollDuration::OneDay
        ))),
        PostError::TextTooLong {
            field: "a poll option",
            max: 30,
            found: 31
        }
    );

    let images = |n: usize| vec![(image.clone(), "alt"); n];
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).images(images(21))),
        PostError::ImageCount { found: 21 }
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).images(images(0))),
        PostError::ImageCount { found: 0 }
    );
    assert!(
        NewPost::new(me(), "p".into())
            .images(images(20))
            .create()
            .is_ok()
    );

    assert_eq!(
        refused(NewPost::new(me(), Commentary::new().text("  \n"))),
        PostError::EmptyText {
            field: "the commentary of a text-only post"
        }
    );
    assert!(matches!(
        refused(NewPost::new(me(), Commentary::new().text("x".repeat(3001)))),
        PostError::Commentary(_)
    ));
    assert_eq!(
        refused(
            NewPost::new(me(), "p".into())
                .image(image.clone(), "a")
                .video("urn:li:video:1".parse().unwrap(), "v")
        ),
        PostError::TwoContents {
            first: "an image",
            second: "a video"
        }
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).article(Article::new("javascript:alert(1)", "t"))),
        PostError::NotALink {
            found: "javascript:alert(1)".into()
        }
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).article(Article::new("https://example.com", ""))),
        PostError::EmptyText {
            field: "the article's title"
        }
    );
    assert_eq!(
        refused(NewPost::new(me(), "p".into()).image(image, "a".repeat(4087))),
        PostError::TextTooLong {
            field: "the image's alt text",
            max: 4086,
            found: 4087
        }
    );
    // An author that is neither a person nor an organization cannot be
    // given: `Author` refuses it when made.
    assert!("urn:li:image:1".parse::<Author>().is_err());
}

// Posts API page, the response of "Find Posts by Authors": a collection
// with its paging block (and a `next` link), each element a post.
#[test]
fn the_documented_author_page_is_read() {
    let documented = json!({
        "paging": {
            "start": 0,
            "count": 10,
            "links": [{
                "type": "application/json",
                "rel": "next",
                "href": "/rest/posts?author=urn%3Ali%3Aorganization%3A5515715&count=10&q=author&start=10"
            }],
            "total": 19
        },
        "elements": [{
            "isReshareDisabledByAuthor": false,
            "createdAt": 1661390574779_i64,
            "lifecycleState": "PUBLISHED",
            "lastModifiedAt": 1661390574780_i64,
            "visibility": "PUBLIC",
            "publishedAt": 1661390574779_i64,
            "author": "urn:li:organization:5515715",
            "id": "urn:li:share:6965472087542153216",
            "distribution": {"feedDistribution": "MAIN_FEED", "thirdPartyDistributionChannels": []},
            "commentary": "Sample Commentary",
            "lifecycleStateInfo": {"isEditedByAuthor": false}
        }]
    });
    let answer = http::Response::builder()
        .status(200)
        .body(serde_json::to_vec(&documented).unwrap())
        .unwrap();
    let page =
        CollectionResponse::<Post, Value>::from_http(answer, "/rest/posts?q=author").unwrap();
    assert_eq!(page.paging.as_ref().and_then(|p| p.total), Some(19));
    assert_eq!(
        page.elements[0].post_urn().unwrap().as_str(),
        "urn:li:share:6965472087542153216"
    );
    assert_eq!(
        serde_json::to_value(&page.elements[0]).unwrap(),
        documented["elements"][0]
    );
}

fn urn_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u64..u64::MAX).prop_map(|id| format!("urn:li:share:{id}")),
        (1u64..u64::MAX).prop_map(|id| format!("urn:li:ugcPost:{id}")),
        "[A-Za-z0-9_-]{1,12}".prop_map(|id| format!("urn:li:person:{id}")),
    ]
}

fn enum_text(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(known).prop_map(str::to_owned),
        "[A-Z_]{1,12}",
    ]
}

fn content_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        (urn_text(), any::<Option<String>>(), any::<Option<String>>()).prop_map(|(id, title, alt)| {
            let mut media = json!({"id": id});
            if let Some(title) = title { media["title"] = json!(title); }
            if let Some(alt) = alt { media["altText"] = json!(alt); }
            json!({"media": media})
        }),
        (any::<String>(), any::<String>(), any::<Option<String>>()).prop_map(|(source, title, description)| {
            let mut article = json!({"source": source, "title": title});
            if let Some(d) = description { article["description"] = json!(d); }
            json!({"article": article})
        }),
        proptest::collection::vec((urn_text(), any::<String>()), 0..5).prop_map(|images| {
            json!({"multiImage": {"images": images.into_iter().map(|(id, alt)| json!({"id": id, "altText": alt})).collect::<Vec<_>>()}})
        }),
        (any::<String>(), proptest::collection::vec(any::<String>(), 0..5), enum_text(&["ONE_DAY", "THREE_DAYS", "SEVEN_DAYS", "FOURTEEN_DAYS"]), any::<u32>())
            .prop_map(|(question, options, duration, voters)| json!({"poll": {
                "question": question,
                "options": options.into_iter().map(|text| json!({"text": text})).collect::<Vec<_>>(),
                "settings": {"duration": duration, "voteSelectionType": "SINGLE_VOTE"},
                "uniqueVotersCount": voters
            }})),
    ]
}

fn post_json() -> impl Strategy<Value = Value> {
    (
        urn_text(),
        urn_text(),
        any::<String>(),
        enum_text(&["PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"]),
        enum_text(&["DRAFT", "PUBLISHED", "PUBLISH_REQUESTED", "PUBLISH_FAILED"]),
        enum_text(&["MAIN_FEED", "NONE"]),
        (any::<i64>(), any::<i64>(), any::<bool>()),
        proptest::option::of(content_json()),
        proptest::option::of(urn_text()),
    )
        .prop_map(|(id, author, commentary, visibility, state, feed, (created, modified, reshare), content, parent)| {
            let mut post = json!({
                "id": id,
                "author": author,
                "commentary": commentary,
                "visibility": visibility,
                "lifecycleState": state,
                "distribution": {"feedDistribution": feed, "targetEntities": [], "thirdPartyDistributionChannels": []},
                "createdAt": created,
                "lastModifiedAt": modified,
                "isReshareDisabledByAuthor": reshare,
            });
            if let Some(content) = content { post["content"] = content; }
            if let Some(parent) = parent { post["reshareContext"] = json!({"parent": parent}); }
            post
        })
}

fn commentary() -> impl Strategy<Value = Commentary> {
    (any::<String>(), "[a-z]{1,10}")
        .prop_map(|(text, tag)| Commentary::new().text(text).text(" ").hashtag(tag))
}

proptest! {
    // Writing a post then reading it back gives the same post, and its
    // commentary reads back as the parts it was built of.
    #[test]
    fn a_new_post_reads_back_as_sent(
        commentary in commentary(),
        person in "[A-Za-z0-9_-]{1,12}",
        kind in 0usize..5,
        n in 2usize..=4,
    ) {
        let me = PersonUrn::new(person).unwrap();
        let image: ImageUrn = "urn:li:image:1".parse().unwrap();
        let post = NewPost::new(me, commentary.clone());
        let post = match kind {
            0 => post,
            1 => post.image(image, "alt"),
            2 => post.images(vec![(image, "alt"); n]),
            3 => post.poll(Poll::new("Q?", (0..n).map(|i| i.to_string()), PollDuration::SevenDays)),
            _ => post.reshare("urn:li:share:1".parse().unwrap()),
        };
        let Ok(body) = post.body() else { return Ok(()); };
        let json = serde_json::to_string(&body).unwrap();
        let back: Post = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.commentary(), Some(commentary));
        prop_assert_eq!(&back, &body);
    }

    // A post with any documented fields and values (known or not) reads
    // and writes back to the same JSON.
    #[test]
    fn any_documented_post_round_trips(value in post_json()) {
        let post: Post = serde_json::from_value(value.clone()).unwrap();
        prop_assert!(post.extra.is_empty());
        prop_assert_eq!(serde_json::to_value(&post).unwrap(), value);
    }

    // Any JSON object reads as a post or fails cleanly, and what reads
    // writes back to the same JSON.
    #[test]
    fn any_post_object_round_trips(
        fields in proptest::collection::btree_map("[a-z]{1,8}", any::<i64>(), 0..6),
        visibility in "[A-Z_]{1,12}",
    ) {
        let mut object: serde_json::Map<String, Value> =
            fields.into_iter().map(|(k, v)| (format!("x{k}"), json!(v))).collect();
        object.insert("visibility".into(), json!(visibility));
        let value = Value::Object(object);
        let post: Post = serde_json::from_value(value.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&post).unwrap(), value);
    }

    #[test]
    fn any_created_id_is_read_or_refused_without_panicking(id in "[ -~]{0,40}") {
        if let Ok(answer) = http::Response::builder().status(201).header("x-restli-id", id.as_str()).body(Vec::new()) {
            let created = CreateResponse::<PostUrn, Post>::from_http(answer, "/rest/posts").unwrap();
            match posts::created_post(&created) {
                Ok(urn) => prop_assert!(PostUrn::ENTITY_TYPES.contains(&urn.entity_type())),
                Err(CreatedPostError::NotAPostUrn { raw, .. }) => prop_assert_eq!(raw, id),
                Err(CreatedPostError::Missing) => prop_assert!(false, "the header was sent"),
                Err(_) => {}
            }
        }
    }
}
