//! A [`HostileServer`] in a child process, for a benchmark that measures
//! its own process's memory: the server's buffers are not counted with
//! the client's.
//!
//! The benchmark's `main` calls [`serve_if_child`] first; [`ChildServer`]
//! runs the same executable again with [`CHILD_ENV`] set, and that child
//! serves until its parent closes its standard input, dies, or
//! [`LIFETIME`] passes, whichever comes first.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread;

use crate::{HostileServer, LIFETIME, Recorded, Script};

/// The variable that makes a process the child server; its value is the
/// argument handed to the handler maker.
pub const CHILD_ENV: &str = "LINKEDIN_TEST_SUPPORT_CHILD_SERVER";

/// In a benchmark's `main`, before anything else: when this process is a
/// [`ChildServer`], serves with the handler `make` builds from the
/// parent's argument (an unrecorded [`HostileServer`]), prints its origin,
/// and returns `true` once the parent is gone (return from `main` then);
/// otherwise returns `false` at once.
///
/// ```
/// use linkedin_test_support::{Recorded, Script, child};
///
/// // Not started by a `ChildServer`: nothing happens.
/// let served = child::serve_if_child(|_arg| |_: &Recorded, _: usize| Script::json(200, "{}"));
/// assert!(!served);
/// ```
pub fn serve_if_child<H>(make: impl FnOnce(&str) -> H) -> bool
where
    H: Fn(&Recorded, usize) -> Script + Send + Sync + 'static,
{
    let Ok(arg) = std::env::var(CHILD_ENV) else {
        return false;
    };
    let server = HostileServer::start_unrecorded(make(&arg));
    let mut out = io::stdout();
    let _ = writeln!(out, "{}", server.origin());
    let _ = out.flush();
    // Standard input reaches its end when the parent closes it or dies.
    let (done, parent_gone) = mpsc::channel();
    thread::spawn(move || {
        let _ = io::stdin().read_to_end(&mut Vec::new());
        let _ = done.send(());
    });
    let _ = parent_gone.recv_timeout(LIFETIME);
    true
}

/// A server running in a child process (see the [module docs](self)); it
/// stops when dropped.
pub struct ChildServer {
    child: Child,
    stdin: Option<ChildStdin>,
    origin: String,
}

impl ChildServer {
    /// Starts this executable again as a server, handing it `arg`.
    ///
    /// # Errors
    ///
    /// When the child cannot be started or does not print its origin.
    pub fn start(arg: &str) -> io::Result<Self> {
        let mut child = Command::new(std::env::current_exe()?)
            .env(CHILD_ENV, arg)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take();
        let mut origin = String::new();
        if let Some(stdout) = child.stdout.take() {
            BufReader::new(stdout).read_line(&mut origin)?;
        }
        let origin = origin.trim().to_owned();
        if !origin.starts_with("http://127.0.0.1:") {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other(format!(
                "the child server printed {origin:?}, not its origin"
            )));
        }
        Ok(ChildServer {
            child,
            stdin,
            origin,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        // Closing its standard input ends it; kill it in case it hangs.
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
