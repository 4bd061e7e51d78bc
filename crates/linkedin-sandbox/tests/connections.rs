//! Connection bounds: a header-read timeout against slow-loris clients, and
//! a cap on connections served at once.

mod common;

use std::time::{Duration, Instant};

use linkedin_sandbox::Sandbox;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PARTIAL_HEAD: &[u8] = b"GET /v2/me HTTP/1.1\r\nHost: sandbox\r\n";

/// Reads until the server closes the connection, at most `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    let mut sink = Vec::new();
    matches!(
        tokio::time::timeout(limit, stream.read_to_end(&mut sink)).await,
        Ok(Ok(_)) | Ok(Err(_))
    )
}

#[tokio::test]
async fn slow_clients_are_cut_off_after_the_header_read_timeout() {
    let sandbox = Sandbox::builder()
        .header_read_timeout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let mut slow = TcpStream::connect(sandbox.addr()).await.unwrap();
    slow.write_all(PARTIAL_HEAD).await.unwrap();
    let started = Instant::now();
    assert!(closed_within(&mut slow, Duration::from_secs(10)).await);
    assert!(started.elapsed() >= Duration::from_millis(250));

    // A client that says nothing at all is cut off too.
    let mut silent = TcpStream::connect(sandbox.addr()).await.unwrap();
    assert!(closed_within(&mut silent, Duration::from_secs(10)).await);

    // Prompt clients are served as before.
    let request = http::Request::get("/v2/me")
        .header(
            "authorization",
            format!("Bearer {}", sandbox.access_token()),
        )
        .header("x-restli-protocol-version", "2.0.0")
        .body(Vec::new())
        .unwrap();
    let response = common::send(sandbox.addr(), request).await.unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn connections_beyond_the_bound_are_closed_at_once() {
    let sandbox = Sandbox::builder()
        .max_connections(2)
        .header_read_timeout(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(sandbox.addr()).await.unwrap();
        stream.write_all(PARTIAL_HEAD).await.unwrap();
        held.push(stream);
    }
    // Let the server accept both.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut third = TcpStream::connect(sandbox.addr()).await.unwrap();
    assert!(closed_within(&mut third, Duration::from_secs(5)).await);

    // A slot frees when a held connection goes.
    drop(held.pop());
    let request = http::Request::get("/v2/me")
        .header(
            "authorization",
            format!("Bearer {}", sandbox.access_token()),
        )
        .header("x-restli-protocol-version", "2.0.0")
        .body(Vec::new())
        .unwrap();
    let mut answered = false;
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if let Ok(response) = common::send(sandbox.addr(), request.clone()).await {
            answered = response.status() == 200;
            break;
        }
    }
    assert!(answered, "no slot freed after a connection closed");
}
