//! The accept loop: one hyper HTTP/1.1 connection per socket, each able to
//! be closed without an answer, all stopped on shutdown.
//!
//! Bounded against slow or idle clients: a connection must send a request
//! head within the header-read timeout or it is closed (hyper's
//! `header_read_timeout`, which needs a timer), and at most
//! `max_connections` are served at once; a connection beyond that is
//! closed as soon as it is accepted.

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::conn::{Connection, Shutdown};

/// How long connections may take to finish in-flight requests after
/// shutdown before they are cut.
const GRACE: Duration = Duration::from_secs(2);

/// The bounds on connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// How long a connection may take to send a request head.
    pub(crate) header_read_timeout: Duration,
    /// How many connections are served at once.
    pub(crate) max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(30),
            max_connections: 512,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` fires, then lets open
/// connections finish (for at most [`GRACE`]) and returns.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    mut shutdown: Shutdown,
    limits: Limits,
) {
    let mut connections = JoinSet::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        tokio::select! {
            () = shutdown.wait() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    // Over the bound: dropping the stream closes it at once.
                    let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
                        continue;
                    };
                    connections.spawn(serve_connection(
                        stream,
                        app.clone(),
                        shutdown.clone(),
                        limits.header_read_timeout,
                        slot,
                    ));
                }
                // Out of file descriptors and the like: back off briefly.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let drained = async { while connections.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(GRACE, drained).await;
    connections.abort_all();
}

async fn serve_connection(
    stream: TcpStream,
    app: Router,
    mut shutdown: Shutdown,
    header_read_timeout: Duration,
    // Held until the connection ends.
    _slot: OwnedSemaphorePermit,
) {
    let _ = stream.set_nodelay(true);
    let control = Connection::default();
    let handle = control.clone();
    let service = app.map_request(move |request: http::Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(handle.clone());
        request
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    let mut connection = pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => return,
        // Dropping the connection closes the socket without an answer.
        () = control.closed() => return,
        () = shutdown.wait() => {}
    }
    connection.as_mut().graceful_shutdown();
    tokio::select! {
        _ = connection.as_mut() => {}
        () = control.closed() => {}
    }
}
