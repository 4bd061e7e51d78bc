//! The Posts API (`/rest/posts`), as
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api>
//! and the Post schema
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/post-api-schema>)
//! describe it.

mod common;

use common::{Client, header, json, text_post};
use linkedin_sandbox::Sandbox;
use restli_codec::{Patch, Request};
use serde_json::{Value, json};

async fn create(client: &Client, post: &Value) -> http::Response<Vec<u8>> {
    client.send(&Request::create("/posts", post)).await
}

/// The URN a created post comes back under.
async fn created(client: &Client, post: &Value) -> String {
    let response = create(client, post).await;
    assert_eq!(
        response.status(),
        201,
        "{}",
        String::from_utf8_lossy(response.body())
    );
    header(&response, "x-restli-id").unwrap().to_owned()
}

// Posts API, "Create a Text Post": 201, the id a share URN in x-restli-id;
// the commentary is little text, stored as sent (escapes and mention
// templates included).
#[tokio::test]
async fn a_text_post_is_created_as_a_share_and_read_back_as_sent() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let commentary =
        r"Hello \(world\) \#not-a-tag @[Sandbox Corp](urn:li:organization:123) {hashtag|\#|rust}";
    let urn = created(&client, &text_post(commentary)).await;
    assert_eq!(urn, "urn:li:share:1");
    let post = json(
        &client
            .send(&Request::get("/posts/{urn}").key("urn", &urn))
            .await,
    );
    assert_eq!(post["commentary"], commentary);
    assert_eq!(post["author"], "urn:li:person:sAnDb0x1d");
    assert_eq!(post["visibility"], "PUBLIC");
    assert_eq!(post["lifecycleState"], "PUBLISHED");
    assert_eq!(post["id"], urn);
    assert!(post["createdAt"].as_u64().unwrap() > 0);
    assert_eq!(post["createdAt"], post["publishedAt"]);
}

// Posts API: an organization may author posts; an author that is neither a
// person nor an organization URN is refused (422, the field named).
#[tokio::test]
async fn the_author_must_be_a_person_or_an_organization() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut post = text_post("ours");
    post["author"] = json!("urn:li:organization:123");
    created(&client, &post).await;
    for bad in [
        json!("urn:li:sponsoredAccount:1"),
        json!("sandra"),
        json!(7),
    ] {
        post["author"] = bad.clone();
        let response = create(&client, &post).await;
        assert_eq!(response.status(), 422, "{bad}");
        let body = json(&response);
        assert_eq!(body["status"], 422);
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .starts_with("ERROR :: /author :: "),
            "{body}"
        );
        assert_eq!(
            body["errorDetails"]["inputErrors"][0]["input"]["inputPath"]["fieldPath"],
            "/author"
        );
    }
}

// Post schema: visibility, distribution, lifecycleState and commentary are
// required; enums take their documented symbols only.
#[tokio::test]
async fn required_fields_and_enums_are_checked() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    for (field, change) in [
        ("/commentary", json!({"commentary": null})),
        ("/visibility", json!({"visibility": "SECRET"})),
        ("/distribution", json!({"distribution": null})),
        (
            "/distribution/feedDistribution",
            json!({"distribution": {"feedDistribution": "SIDEBAR"}}),
        ),
        ("/lifecycleState", json!({"lifecycleState": "GONE"})),
        ("/commentary", json!({"commentary": "x".repeat(3001)})),
    ] {
        let mut post = text_post("x");
        for (name, value) in change.as_object().unwrap() {
            if value.is_null() {
                post.as_object_mut().unwrap().remove(name);
            } else {
                post[name] = value.clone();
            }
        }
        let response = create(&client, &post).await;
        assert_eq!(response.status(), 422, "{field}");
        let message = json(&response)["message"].as_str().unwrap().to_owned();
        assert!(
            message.starts_with(&format!("ERROR :: {field} :: ")),
            "{message}"
        );
    }
    assert_eq!(sandbox.get("posts", "urn:li:share:1").unwrap(), None);
}

// Posts API, "Create an Article Post" (`content.article` with `source`,
// `title`, `description`) and "Create a Poll Post" (2 to 4 options): a
// poll is a ugcPost.
#[tokio::test]
async fn article_and_poll_posts() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut article = text_post("read this");
    article["content"] = json!({"article": {
        "source": "https://example.com/story", "title": "A story", "description": "Worth it"
    }});
    assert!(
        created(&client, &article)
            .await
            .starts_with("urn:li:share:")
    );
    article["content"]["article"]["source"] = json!("not a url");
    assert_eq!(create(&client, &article).await.status(), 422);

    let poll = |options: &[&str]| {
        let mut post = text_post("vote");
        let options: Vec<Value> = options.iter().map(|o| json!({"text": o})).collect();
        post["content"] = json!({"poll": {
            "question": "Tabs or spaces?", "options": options, "settings": {"duration": "THREE_DAYS"}
        }});
        post
    };
    assert!(
        created(&client, &poll(&["Tabs", "Spaces"]))
            .await
            .starts_with("urn:li:ugcPost:")
    );
    for options in [&["Only one"][..], &["a", "b", "c", "d", "e"]] {
        let response = create(&client, &poll(options)).await;
        assert_eq!(response.status(), 422);
        assert!(
            json(&response)["message"]
                .as_str()
                .unwrap()
                .starts_with("ERROR :: /content/poll/options :: ")
        );
    }
}

// Posts API, "Create a Reshare": `reshareContext.parent` names an
// existing post.
#[tokio::test]
async fn a_reshare_names_an_existing_parent() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let parent = created(&client, &text_post("original")).await;
    let mut reshare = text_post("look at this");
    reshare["reshareContext"] = json!({"parent": parent});
    let urn = created(&client, &reshare).await;
    let post = json(
        &client
            .send(&Request::get("/posts/{urn}").key("urn", &urn))
            .await,
    );
    assert_eq!(post["reshareContext"]["parent"], parent);
    reshare["reshareContext"] = json!({"parent": "urn:li:share:999"});
    let response = create(&client, &reshare).await;
    assert_eq!(response.status(), 422);
    assert!(
        json(&response)["message"]
            .as_str()
            .unwrap()
            .starts_with("ERROR :: /reshareContext/parent :: ")
    );
}

// Posts API, "Find Posts by Authors": `q=author&author=URN`, newest first,
// paged with start/count.
#[tokio::test]
async fn the_author_finder_pages_newest_first() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    for n in 1..=5 {
        created(&client, &text_post(&format!("post {n}"))).await;
    }
    let mut other = text_post("not mine");
    other["author"] = json!("urn:li:organization:123");
    created(&client, &other).await;
    let find = |start: u64| {
        Request::finder("/posts", "author")
            .param("author", "urn:li:person:sAnDb0x1d")
            .param("start", &start)
            .param("count", &2)
    };
    let first = json(&client.send(&find(0)).await);
    let texts: Vec<&str> = first["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["commentary"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["post 5", "post 4"]);
    assert_eq!(first["paging"]["total"], 5);
    let last = json(&client.send(&find(4)).await);
    assert_eq!(last["elements"].as_array().unwrap().len(), 1);
    assert_eq!(last["elements"][0]["commentary"], "post 1");
}

// Posts API, "Update Posts": PARTIAL_UPDATE `$set` of the commentary (204);
// fields that cannot change are refused; "Delete Posts": 204, then 404.
#[tokio::test]
async fn commentary_updates_and_deletes() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let urn = created(&client, &text_post("first draft")).await;
    let update = |fields: Value| {
        Request::partial_update("/posts/{urn}", &Patch::set(&fields).unwrap()).key("urn", &urn)
    };
    let response = client.send(&update(json!({"commentary": "edited"}))).await;
    assert_eq!(response.status(), 204);
    let post = json(
        &client
            .send(&Request::get("/posts/{urn}").key("urn", &urn))
            .await,
    );
    assert_eq!(post["commentary"], "edited");
    let refused = client
        .send(&update(json!({"author": "urn:li:person:other"})))
        .await;
    assert_eq!(refused.status(), 422);

    let delete = client
        .send(&Request::delete("/posts/{urn}").key("urn", &urn))
        .await;
    assert_eq!(delete.status(), 204);
    let gone = client
        .send(&Request::get("/posts/{urn}").key("urn", &urn))
        .await;
    assert_eq!(gone.status(), 404);
}

// Posts API, "Batch Create Posts": each element is checked like a CREATE;
// a bad one gets its own error status, the good ones are created.
#[tokio::test]
async fn batch_create_checks_each_post() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut bad = text_post("bad");
    bad["visibility"] = json!("SECRET");
    let response = client
        .send(&Request::batch_create("/posts", [text_post("good"), bad]))
        .await;
    assert_eq!(response.status(), 200);
    let body = json(&response);
    assert_eq!(body["elements"][0]["status"], 201);
    assert_eq!(body["elements"][0]["id"], "urn:li:share:1");
    assert_eq!(body["elements"][1]["status"], 422);
    assert!(
        body["elements"][1]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("ERROR :: /visibility :: ")
    );
}
