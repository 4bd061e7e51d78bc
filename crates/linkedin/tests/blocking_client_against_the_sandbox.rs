//! The facade's blocking client (feature `blocking`) against the sandbox,
//! side by side with the async one: the same requests, the same answers.
#![cfg(feature = "blocking")]

use linkedin::oauth::AccessToken;
use linkedin::sandbox::Sandbox;
use linkedin::{CollectionResponse, Endpoint, EntityResponse, Request};
use serde_json::Value;

fn client(sandbox: &Sandbox) -> linkedin::blocking::Client {
    linkedin::blocking::Client::builder()
        .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
        .version("202606")
        .access_token(AccessToken::new(sandbox.access_token()))
        .build()
        .unwrap()
}

#[test]
fn the_blocking_client_reads_and_paginates() {
    let sandbox = Sandbox::spawn().unwrap();
    let client = client(&sandbox);

    let me: EntityResponse = client.send(Request::get("/me")).unwrap();
    assert_eq!(me.entity["localizedFirstName"], "Sandra");

    let accounts: Vec<Value> = client
        .paginate(Request::get_all("/adAccounts").page(0, 3))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(accounts.len(), 4);
}

/// The ids of a collection's elements, in the order they came.
fn ids(collection: &CollectionResponse) -> Vec<u64> {
    collection
        .elements
        .iter()
        .map(|element| {
            element["id"]
                .as_u64()
                .expect("every element has a numeric id")
        })
        .collect()
}

#[cfg(feature = "async")]
#[test]
fn both_clients_see_the_same_collection() {
    // An empty sandbox and three entities of our own: the answer is known
    // exactly, so two empty (or two equally wrong) lists cannot pass.
    let sandbox = Sandbox::builder().empty().spawn().unwrap();
    for (id, name) in [(71, "North"), (72, "South"), (73, "East")] {
        sandbox
            .insert(
                "adAccounts",
                &id,
                serde_json::json!({"name": name, "status": "ACTIVE"}),
            )
            .unwrap();
    }
    let blocking: CollectionResponse = client(&sandbox)
        .send(Request::get_all("/adAccounts"))
        .unwrap();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let from_async: CollectionResponse = runtime
        .block_on(async {
            linkedin::Client::builder()
                .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
                .version("202606")
                .access_token(AccessToken::new(sandbox.access_token()))
                .build()
                .unwrap()
                .send(Request::get_all("/adAccounts"))
                .await
        })
        .unwrap();

    assert_eq!(ids(&blocking), [71, 72, 73]);
    assert_eq!(ids(&from_async), [71, 72, 73]);
    assert_eq!(blocking.elements, from_async.elements);
    assert_eq!(blocking.elements[1]["name"], "South");
}
