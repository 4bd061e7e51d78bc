//! The member (3-legged) login: an HTTP listener on 127.0.0.1 that waits,
//! for a bounded time, for LinkedIn's redirect carrying this attempt's CSRF
//! `state`, then exchanges the code. What to make of each request is
//! decided in `redirect.rs`; this module moves the bytes.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use linkedin::oauth::{
    AuthorizationCodeFlow, BaseUrl, ClientId, CodeExchange, PendingAuthorization, RedirectError,
    RedirectUrl, TokenSet,
};

use crate::api::sdk_error;
use crate::error::CliError;
use crate::output;
use crate::redirect::{self, CALLBACK_PATH, Head, HeadReader, Verdict};
use crate::sandbox_login;
use crate::sdk;

/// How the authorization URL reaches the authorization server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Printed, and opened in the platform's browser.
    Browser,
    /// Printed only.
    Print,
    /// Fetched by the tool itself: a sandbox approves without a person.
    Sandbox,
}

/// What a member login asks for.
#[derive(Debug)]
pub struct MemberLogin<'a> {
    /// The application's client id.
    pub client_id: &'a str,
    /// The scopes.
    pub scopes: &'a [String],
    /// The loopback port (0: a free one).
    pub redirect_port: u16,
    /// Whether to use PKCE.
    pub pkce: bool,
    /// How long to wait for the redirect.
    pub timeout: Duration,
    /// How the URL is opened.
    pub open: Open,
}

/// Runs the member flow: prints (and opens) the authorization URL, waits for
/// the redirect, checks it and exchanges the code for tokens.
pub fn member_flow(
    args: &MemberLogin<'_>,
    client: &sdk::Client,
    base: BaseUrl,
) -> Result<TokenSet, CliError> {
    let listener = TcpListener::bind(("127.0.0.1", args.redirect_port)).map_err(|source| {
        CliError::usage(
            format!(
                "cannot listen on 127.0.0.1:{} for the redirect ({source})",
                args.redirect_port
            ),
            "pick a free port with --redirect-port (and register its redirect URL with the app)",
        )
    })?;
    let port = listener
        .local_addr()
        .map_err(|source| CliError::Io {
            action: "inspect",
            path: "the redirect listener".into(),
            source,
        })?
        .port();
    let redirect = RedirectUrl::new(format!("http://127.0.0.1:{port}{CALLBACK_PATH}"))
        .map_err(|e| CliError::Sdk(e.to_string()))?;
    let flow = AuthorizationCodeFlow::new(ClientId::new(args.client_id), redirect)
        .scopes(args.scopes.iter().map(String::as_str))
        .pkce(args.pkce)
        .base_url(base);
    let (url, pending) = flow.start().map_err(|e| {
        CliError::usage(
            e.to_string(),
            "ask for at least one scope with --scope (e.g. --scope openid --scope profile)",
        )
    })?;

    let failure = if args.open == Open::Sandbox {
        eprintln!("Approving the sandbox's consent page (no browser needed) ...");
        Some(sandbox_login::approve(url.as_str().to_owned()))
    } else {
        eprintln!("Open this URL in a browser to log in to LinkedIn:");
        output::print_line(url.as_str())?;
        if args.open == Open::Browser {
            open_browser(url.as_str());
        }
        eprintln!("Waiting for LinkedIn to redirect to http://127.0.0.1:{port}{CALLBACK_PATH} ...");
        None
    };

    let exchange = wait_for_redirect(&listener, &pending, args.timeout, failure.as_ref())?;
    let token = client.exchange_code(&exchange).map_err(sdk_error)?;
    Ok(token.tokens)
}

/// Tries the platform's "open this URL" command; failure only means the
/// user opens the printed URL by hand.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        Some(("open", vec![url]))
    } else if cfg!(target_os = "windows") {
        Some(("cmd", vec!["/C", "start", "", url]))
    } else if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
    {
        Some(("xdg-open", vec![url]))
    } else {
        None
    };
    if let Some((program, args)) = command {
        let _ = std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
}

/// How long one connection may take to send its request head, however
/// slowly it trickles in; a browser sends it at once.
const CONNECTION_DEADLINE: Duration = Duration::from_secs(5);

/// How many connections are read at the same time; more are refused
/// with 503 until one finishes, so a flood cannot exhaust threads.
const MAX_CONNECTIONS: usize = 32;

/// How long writing an answer may take.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// How often the accept loop looks at the clock and the socket.
const POLL: Duration = Duration::from_millis(20);

/// One request head read in full, with its connection to answer on.
struct Arrival {
    stream: TcpStream,
    method: String,
    target: String,
}

/// Serves requests on the listener until LinkedIn's redirect for this
/// attempt arrives or the time runs out.
///
/// Each connection is read on its own thread, under its own deadline
/// ([`CONNECTION_DEADLINE`], and never past the login's), so a client
/// sending a byte at a time holds neither the login past `timeout` nor the
/// listener: the real redirect is still accepted beside it. Only requests
/// carrying this attempt's `state` end the wait (see [`redirect::judge`]).
///
/// `failure`, when the tool plays the browser itself, reports why the
/// authorization server did not redirect, which ends the wait at once.
fn wait_for_redirect(
    listener: &TcpListener,
    pending: &PendingAuthorization,
    timeout: Duration,
    failure: Option<&mpsc::Receiver<String>>,
) -> Result<CodeExchange, CliError> {
    let deadline = Instant::now().checked_add(timeout).ok_or_else(|| {
        CliError::usage(
            format!("--timeout {} is too large", timeout.as_secs()),
            "give the browser at most an hour (--timeout 3600)",
        )
    })?;
    let io = |source| CliError::Io {
        action: "accept",
        path: "the redirect listener".into(),
        source,
    };
    listener.set_nonblocking(true).map_err(io)?;
    let (arrivals, arrived) = mpsc::channel::<Arrival>();
    let active = Arc::new(AtomicUsize::new(0));
    loop {
        if let Some(why) = failure.and_then(|f| f.try_recv().ok()) {
            return Err(CliError::usage(
                format!("the sandbox did not redirect to the login: {why}"),
                "check that `linkedin sandbox` runs at that origin and knows the client id",
            ));
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(CliError::usage(
                format!(
                    "no redirect from LinkedIn within {} seconds",
                    timeout.as_secs()
                ),
                "open the printed URL and approve, or raise --timeout",
            ));
        }
        // A bounded number per turn, so a flood of connections cannot keep
        // the loop from the clock and the arrived requests.
        for _ in 0..MAX_CONNECTIONS {
            match listener.accept() {
                Ok((stream, _)) => admit(stream, &active, &arrivals, deadline),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                // A connection reset before it was accepted is the
                // client's problem, not the listener's.
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::ConnectionAborted
                            | std::io::ErrorKind::ConnectionReset
                            | std::io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(io(e)),
            }
        }
        match arrived.recv_timeout(POLL.min(deadline.saturating_duration_since(now))) {
            Ok(arrival) => {
                if let Some(result) = answer(arrival, pending) {
                    return result;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout | mpsc::RecvTimeoutError::Disconnected) => {}
        }
    }
}

/// Starts reading a new connection on its own thread, or refuses it when
/// too many are being read already.
fn admit(
    mut stream: TcpStream,
    active: &Arc<AtomicUsize>,
    arrivals: &mpsc::Sender<Arrival>,
    login_deadline: Instant,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        active.fetch_sub(1, Ordering::SeqCst);
        // Answered without draining: the accept loop must not wait here.
        respond(
            &mut stream,
            "503 Service Unavailable",
            "Too many connections.",
        );
        return;
    }
    let deadline = login_deadline.min(Instant::now() + CONNECTION_DEADLINE);
    let counter = Arc::clone(active);
    let arrivals = arrivals.clone();
    let spawned = std::thread::Builder::new()
        .name("redirect-connection".into())
        .spawn(move || {
            if let Some(arrival) = read_request(stream, deadline) {
                // The receiver is gone once the login has ended; the
                // connection is then simply closed.
                let _ = arrivals.send(arrival);
            }
            counter.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        // The closure (and the stream in it) was dropped unrun: the
        // connection is closed and its slot is given back here.
        active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads one request head before `deadline`; answers and closes the
/// connection itself when the head is too large, malformed or too slow.
fn read_request(mut stream: TcpStream, deadline: Instant) -> Option<Arrival> {
    let mut reader = HeadReader::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            refuse(
                &mut stream,
                "408 Request Timeout",
                "The request took too long.",
            );
            return None;
        }
        // The timeout applies per read, so it is renewed with what is left
        // of the connection's deadline before each one.
        stream.set_read_timeout(Some(left)).ok()?;
        let n = match stream.read(&mut buf) {
            Ok(0) => return None,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(_) => return None,
        };
        match reader.feed(buf.get(..n).unwrap_or_default()) {
            Head::Incomplete => {}
            Head::Complete { method, target } => {
                return Some(Arrival {
                    stream,
                    method,
                    target,
                });
            }
            Head::LineTooLong => {
                refuse(
                    &mut stream,
                    "414 URI Too Long",
                    "The request line is too long.",
                );
                return None;
            }
            Head::HeadersTooLarge => {
                refuse(
                    &mut stream,
                    "431 Request Header Fields Too Large",
                    "The request headers are too large.",
                );
                return None;
            }
            Head::Malformed => {
                refuse(&mut stream, "400 Bad Request", "Not an HTTP request.");
                return None;
            }
        }
    }
}

/// Answers one complete request; `Some` once the login is decided.
fn answer(
    mut arrival: Arrival,
    pending: &PendingAuthorization,
) -> Option<Result<CodeExchange, CliError>> {
    let stream = &mut arrival.stream;
    match redirect::judge(&arrival.method, &arrival.target, pending) {
        Verdict::NotFound => {
            respond(stream, "404 Not Found", "Not found.");
            None
        }
        Verdict::WrongMethod => {
            respond(stream, "405 Method Not Allowed", "Only GET is served here.");
            None
        }
        Verdict::Foreign => {
            respond(
                stream,
                "400 Bad Request",
                "This request does not carry the state of the login in progress, so it was \
                 ignored; the login is still waiting for LinkedIn's redirect.",
            );
            None
        }
        Verdict::Code(code) => {
            respond(
                stream,
                "200 OK",
                "Logged in. You can close this window and return to the terminal.",
            );
            Some(Ok(code))
        }
        Verdict::Refused(e) => {
            let reason = describe_refusal(&e);
            respond(
                stream,
                "400 Bad Request",
                &format!("Login failed: {reason}"),
            );
            Some(Err(CliError::usage(
                format!("the login did not complete: {reason}"),
                "run `linkedin auth login` again",
            )))
        }
    }
}

/// The refusal in words, quoting LinkedIn's `error` and
/// `error_description` only as printable excerpts.
fn describe_refusal(e: &RedirectError) -> String {
    match e {
        RedirectError::Authorization { error, description } => {
            let mut text = format!(
                "LinkedIn did not authorize the application: `{}`",
                output::excerpt(error)
            );
            if let Some(description) = description {
                text.push_str(&format!(" ({})", output::excerpt(description)));
            }
            text
        }
        other => output::excerpt(&other.to_string()),
    }
}

/// How long, and how much, a refused connection is still read after its
/// answer, so the client sees the answer rather than a reset.
const DRAIN_TIME: Duration = Duration::from_millis(500);
const DRAIN_BYTES: usize = 256 * 1024;

/// Answers a request that will not be read to its end, then closes the
/// connection gently: closing a socket with unread bytes sends a reset,
/// which can destroy the answer before the client reads it.
fn refuse(stream: &mut TcpStream, status: &str, message: &str) {
    respond(stream, status, message);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let until = Instant::now() + DRAIN_TIME;
    let mut drained = 0;
    let mut buf = [0u8; 4096];
    while drained < DRAIN_BYTES {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

fn respond(stream: &mut TcpStream, status: &str, message: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>linkedin</title></head>\
         <body><p>{}</p></body></html>",
        html_escape(&output::printable(message))
    );
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
