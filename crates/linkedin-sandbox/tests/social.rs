//! Comments (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api>)
//! and reactions (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api>)
//! on posts.

mod common;

use common::{Client, header, json, text_post};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;
use serde_json::json;

const MEMBER: &str = "urn:li:person:sAnDb0x1d";

async fn post(client: &Client) -> String {
    let response = client
        .send(&Request::create("/posts", &text_post("hi")))
        .await;
    header(&response, "x-restli-id").unwrap().to_owned()
}

// Comments API, "Create a Comment": 201, the id in x-restli-id and the
// comment (actor, message, commentUrn, created) in the body; "Retrieve
// Comments": paged; "Delete a Comment": `?actor=`, 204.
#[tokio::test]
async fn comments_are_added_listed_and_deleted() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let urn = post(&client).await;
    let mut ids = Vec::new();
    for text in ["first", "second", "third"] {
        let response = client
            .send(
                &Request::create(
                    "/socialActions/{urn}/comments",
                    &json!({"actor": MEMBER, "object": urn, "message": {"text": text}}),
                )
                .key("urn", &urn),
            )
            .await;
        assert_eq!(response.status(), 201);
        let id = header(&response, "x-restli-id").unwrap().to_owned();
        let body = json(&response);
        assert_eq!(body["id"], id);
        assert_eq!(body["message"]["text"], text);
        assert_eq!(body["commentUrn"], format!("urn:li:comment:({urn},{id})"));
        assert_eq!(body["created"]["actor"], MEMBER);
        ids.push(id);
    }
    let page = json(
        &client
            .send(
                &Request::get_all("/socialActions/{urn}/comments")
                    .key("urn", &urn)
                    .param("start", &1)
                    .param("count", &1),
            )
            .await,
    );
    assert_eq!(page["paging"]["total"], 3);
    assert_eq!(page["elements"][0]["message"]["text"], "second");

    let delete = |actor: &str| {
        Request::delete("/socialActions/{urn}/comments/{id}")
            .key("urn", &urn)
            .key("id", &ids[0])
            .param("actor", actor)
    };
    assert_eq!(
        client
            .send(&delete("urn:li:person:someoneElse"))
            .await
            .status(),
        403
    );
    assert_eq!(client.send(&delete(MEMBER)).await.status(), 204);
    assert_eq!(client.send(&delete(MEMBER)).await.status(), 404);
    let all = json(
        &client
            .send(&Request::get_all("/socialActions/{urn}/comments").key("urn", &urn))
            .await,
    );
    assert_eq!(all["paging"]["total"], 2);
}

// Comments API: a comment needs an actor URN and a message; a comment on a
// post that does not exist is 404.
#[tokio::test]
async fn bad_comments_are_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let urn = post(&client).await;
    let create = |on: &str, body: serde_json::Value| {
        Request::create("/socialActions/{urn}/comments", &body).key("urn", on)
    };
    let no_text = client.send(&create(&urn, json!({"actor": MEMBER}))).await;
    assert_eq!(no_text.status(), 422);
    let bad_actor = client
        .send(&create(
            &urn,
            json!({"actor": "me", "message": {"text": "x"}}),
        ))
        .await;
    assert_eq!(bad_actor.status(), 422);
    let missing = client
        .send(&create(
            "urn:li:share:999",
            json!({"actor": MEMBER, "message": {"text": "x"}}),
        ))
        .await;
    assert_eq!(missing.status(), 404);
}

// Reactions API, "Create a Reaction" (`?actor=`, `reactionType`, `root`;
// x-restli-id `urn:li:reaction:(actor,root)`), "Retrieve a Reaction" and
// "Delete a Reaction" by the compound key `(actor:..,entity:..)`,
// "Retrieve Reactions on an Entity" (`/reactions/(entity:..)?q=entity`).
#[tokio::test]
async fn reactions_by_compound_key_and_by_entity() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let urn = post(&client).await;
    for (actor, kind) in [(MEMBER, "PRAISE"), ("urn:li:organization:123", "INTEREST")] {
        let response = client
            .send(
                &Request::create("/reactions", &json!({"root": urn, "reactionType": kind}))
                    .param("actor", actor),
            )
            .await;
        assert_eq!(response.status(), 201);
        assert_eq!(
            header(&response, "x-restli-id"),
            Some(format!("urn:li:reaction:({actor},{urn})").as_str())
        );
    }
    let key = json!({"actor": MEMBER, "entity": urn});
    let one = json(
        &client
            .send(&Request::get("/reactions/{key}").key("key", &key))
            .await,
    );
    assert_eq!(one["reactionType"], "PRAISE");
    assert_eq!(one["root"], urn);

    let by_entity = json(
        &client
            .send(
                &Request::finder("/reactions/{key}", "entity").key("key", &json!({"entity": urn})),
            )
            .await,
    );
    let kinds: Vec<&str> = by_entity["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reactionType"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["INTEREST", "PRAISE"], "newest first");

    let delete = Request::delete("/reactions/{key}").key("key", &key);
    assert_eq!(client.send(&delete).await.status(), 204);
    assert_eq!(
        client
            .send(&Request::get("/reactions/{key}").key("key", &key))
            .await
            .status(),
        404
    );
}

// Reactions API: reactionType is one of LIKE, PRAISE, EMPATHY, INTEREST,
// APPRECIATION, ENTERTAINMENT; an actor is required.
#[tokio::test]
async fn reaction_types_are_checked() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let urn = post(&client).await;
    let react = |kind: &str| {
        Request::create("/reactions", &json!({"root": urn, "reactionType": kind}))
            .param("actor", MEMBER)
    };
    for kind in [
        "LIKE",
        "PRAISE",
        "EMPATHY",
        "INTEREST",
        "APPRECIATION",
        "ENTERTAINMENT",
    ] {
        assert_eq!(client.send(&react(kind)).await.status(), 201, "{kind}");
    }
    let response = client.send(&react("LOVE")).await;
    assert_eq!(response.status(), 422);
    assert!(
        json(&response)["message"]
            .as_str()
            .unwrap()
            .starts_with("ERROR :: /reactionType :: ")
    );
    let no_actor = client
        .send(&Request::create(
            "/reactions",
            &json!({"root": urn, "reactionType": "LIKE"}),
        ))
        .await;
    assert_eq!(no_actor.status(), 400);
}
