//! The accept loop: one hyper HTTP/1.1 connection per socket, each able to
//! be closed without an answer, all stopped on shutdown.

use std::pin::pin;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::conn::{Connection, Shutdown};

/// How long connections may take to finish in-flight requests after
/// shutdown before they are cut.
const GRACE: Duration = Duration::from_secs(2);

/// Serves `app` on `listener` until `shutdown` fires, then lets open
/// connections finish (for at most [`GRACE`]) and returns.
pub(crate) async fn serve(listener: TcpListener, app: Router, mut shutdown: Shutdown) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            () = shutdown.wait() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, app.clone(), shutdown.clone()));
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

async fn serve_connection(stream: TcpStream, app: Router, mut shutdown: Shutdown) {
    let _ = stream.set_nodelay(true);
    let control = Connection::default();
    let handle = control.clone();
    let service = app.map_request(move |request: http::Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(handle.clone());
        request
    });
    let connection = hyper::server::conn::http1::Builder::new()
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
