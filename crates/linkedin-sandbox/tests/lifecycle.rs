//! Starting and stopping: ports, background threads, shutdown on drop.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use linkedin_sandbox::{Fault, Sandbox};

fn get_me(sandbox: &Sandbox) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(sandbox.addr())?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET /v2/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nX-RestLi-Protocol-Version: 2.0.0\r\nConnection: close\r\n\r\n",
        sandbox.access_token()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

#[test]
fn spawned_sandbox_serves_blocking_clients_and_stops_on_drop() {
    let sandbox = Sandbox::spawn().unwrap();
    let addr = sandbox.addr();
    assert!(addr.ip().is_loopback());
    assert_ne!(addr.port(), 0);
    assert!(get_me(&sandbox).unwrap().starts_with("HTTP/1.1 200 OK"));
    drop(sandbox);
    assert!(
        TcpStream::connect(addr).is_err(),
        "the port must be closed after drop"
    );
}

#[test]
fn drop_does_not_wait_for_hanging_requests() {
    let sandbox = Sandbox::builder()
        .hang_limit(Duration::from_secs(60))
        .fault(Fault::hang())
        .spawn()
        .unwrap();
    let addr = sandbox.addr();
    let token = sandbox.access_token().to_owned();
    let client = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET /v2/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        answer
    });
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    drop(sandbox);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let answer = client.join().unwrap();
    assert!(answer.is_empty(), "a hanging request gets no answer");
}

#[test]
fn sandboxes_are_independent() {
    let one = Sandbox::spawn().unwrap();
    let two = Sandbox::builder().empty().spawn().unwrap();
    assert_ne!(one.addr(), two.addr());
    assert!(one.get("adAccounts", &500001).unwrap().is_some());
    assert!(two.get("adAccounts", &500001).unwrap().is_none());
    // Without /me, a GET without a key or X-RestLi-Method lists an empty collection.
    let answer = get_me(&two).unwrap();
    assert!(answer.contains(r#""elements":[]"#), "{answer}");
}

#[tokio::test]
async fn started_sandbox_stops_on_drop() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.addr();
    tokio::net::TcpStream::connect(addr).await.unwrap();
    drop(sandbox);
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        tokio::time::sleep(Duration::from_millis(10)).await;
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            break;
        }
        assert!(Instant::now() < deadline, "still listening after drop");
    }
}

#[test]
fn stats_count_every_request_by_path() {
    let sandbox = Sandbox::spawn().unwrap();
    get_me(&sandbox).unwrap();
    get_me(&sandbox).unwrap();
    let stats = sandbox.stats();
    assert_eq!(stats.total(), 2);
    assert_eq!(stats.count("/v2/me"), 2);
    assert_eq!(stats.count_prefix("/v2/"), 2);
    assert_eq!(stats.paths().collect::<Vec<_>>(), [("/v2/me", 2)]);
    sandbox.reset_stats();
    assert_eq!(sandbox.request_count("/v2/me"), 0);
}

#[test]
fn debug_output_leaves_secrets_out() {
    let builder = Sandbox::builder()
        .client("visible-id", "hidden-secret")
        .access_token("hidden-token");
    let sandbox = builder.clone().spawn().unwrap();
    for text in [format!("{builder:?}"), format!("{sandbox:?}")] {
        assert!(text.contains("visible-id"), "{text}");
        assert!(
            !text.contains("hidden-secret") && !text.contains("hidden-token"),
            "{text}"
        );
    }
}

#[test]
fn insert_and_get_address_subresources() {
    let sandbox = Sandbox::builder().empty().spawn().unwrap();
    let campaign = serde_json::json!({"name": "c"});
    sandbox
        .insert("/adAccounts/500001/adCampaigns", &7, campaign)
        .unwrap();
    let stored = sandbox
        .get("adAccounts/500001/adCampaigns", &7)
        .unwrap()
        .unwrap();
    assert_eq!(stored, serde_json::json!({"id": 7, "name": "c"}));
    assert!(
        sandbox
            .get("adAccounts/500002/adCampaigns", &7)
            .unwrap()
            .is_none()
    );
    assert!(
        sandbox.get("adAccounts/500001", &7).is_err(),
        "a path ending in a key"
    );
    assert!(
        sandbox.get("adAccounts/(a:1/x", &7).is_err(),
        "an undecodable parent key"
    );
}
