//! Per-connection control and the server-wide shutdown signal.
//!
//! The accept loop gives each connection a [`Connection`] handle, put in the
//! extensions of every request on it. The fault layer uses it to close a
//! connection without answering (the client sees EOF or a reset, not an
//! HTTP response): the connection task drops the hyper connection, and with
//! it the socket and the pending request.

use std::sync::Arc;

use tokio::sync::{Notify, watch};

/// Closes the connection a request arrived on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Connection {
    kill: Arc<Notify>,
}

impl Connection {
    /// Asks the connection task to drop the connection now.
    pub(crate) fn close(&self) {
        self.kill.notify_one();
    }

    /// Completes once [`close`](Connection::close) was called.
    pub(crate) async fn closed(&self) {
        self.kill.notified().await;
    }
}

/// The receiving side of the server's stop signal.
#[derive(Debug, Clone)]
pub(crate) struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    pub(crate) fn new(receiver: watch::Receiver<bool>) -> Self {
        Shutdown(receiver)
    }

    /// Completes once the sandbox is stopping (or its handle is gone).
    pub(crate) async fn wait(&mut self) {
        // An error means the sender is gone: stop as well.
        let _ = self.0.wait_for(|stop| *stop).await;
    }
}
