//! Serving an application that is not the sandbox (the recorder, the
//! replay) on `127.0.0.1`, on the caller's runtime or on a thread of its
//! own, through the sandbox's bounded accept loop, stopped on drop.

use std::net::{Ipv4Addr, SocketAddr};

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::conn::Shutdown;
use crate::server::{self, Limits};

/// A running server; dropping it stops it (and joins its thread).
#[derive(Debug)]
pub(crate) struct Served {
    pub(crate) addr: SocketAddr,
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    /// Serves `app` on the current tokio runtime.
    pub(crate) async fn start(app: Router, port: u16) -> std::io::Result<Served> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(server::serve(
            listener,
            app,
            Shutdown::new(stopped),
            Limits::default(),
        ));
        Ok(Served {
            addr,
            stop,
            thread: None,
        })
    }

    /// Serves `app` on a thread with its own current-thread runtime.
    pub(crate) fn spawn(app: Router, port: u16) -> std::io::Result<Served> {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (stop, stopped) = watch::channel(false);
        let (ready, is_ready) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name(format!("linkedin-sandbox-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    match TcpListener::from_std(listener) {
                        Ok(listener) => {
                            let _ = ready.send(Ok(()));
                            server::serve(listener, app, Shutdown::new(stopped), Limits::default())
                                .await;
                        }
                        Err(e) => {
                            let _ = ready.send(Err(e));
                        }
                    }
                });
            })?;
        let served = Served {
            addr,
            stop,
            thread: Some(thread),
        };
        match is_ready.recv() {
            Ok(Ok(())) => Ok(served),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(std::io::Error::other(
                "the server thread stopped while starting",
            )),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
