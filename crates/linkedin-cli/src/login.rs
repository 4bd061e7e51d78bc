//! The member (3-legged) login: a one-shot HTTP listener on 127.0.0.1 that
//! receives LinkedIn's redirect, with the CSRF `state` checked before the
//! code is exchanged.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use linkedin::oauth::{
    AuthorizationCodeFlow, BaseUrl, ClientId, CodeExchange, PendingAuthorization, RedirectUrl,
    TokenSet,
};

use crate::api::sdk_error;
use crate::cli::LoginArgs;
use crate::error::CliError;
use crate::output;
use crate::sdk;

/// Where the browser comes back.
const CALLBACK_PATH: &str = "/callback";

/// Runs the member flow: prints (and opens) the authorization URL, waits for
/// the redirect, checks it and exchanges the code for tokens.
pub fn member_flow(
    args: &LoginArgs,
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
    let flow = AuthorizationCodeFlow::new(ClientId::new(args.client_id.clone()), redirect)
        .scopes(args.scopes.iter().map(String::as_str))
        .pkce(args.pkce)
        .base_url(base);
    let (url, pending) = flow.start().map_err(|e| {
        CliError::usage(
            e.to_string(),
            "ask for at least one scope with --scope (e.g. --scope openid --scope profile)",
        )
    })?;

    eprintln!("Open this URL in a browser to log in to LinkedIn:");
    output::print_line(url.as_str())?;
    if !args.no_browser {
        open_browser(url.as_str());
    }
    eprintln!("Waiting for LinkedIn to redirect to http://127.0.0.1:{port}{CALLBACK_PATH} ...");

    let exchange = wait_for_redirect(&listener, pending, Duration::from_secs(args.timeout))?;
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

/// Serves requests on the listener until the redirect arrives (other paths,
/// such as a browser's favicon request, get a 404) or the time runs out.
fn wait_for_redirect(
    listener: &TcpListener,
    pending: PendingAuthorization,
    timeout: Duration,
) -> Result<CodeExchange, CliError> {
    // `finish` consumes it: the first request on the callback path ends the attempt.
    let mut pending = Some(pending);
    let deadline = Instant::now() + timeout;
    let io = |source| CliError::Io {
        action: "accept",
        path: "the redirect listener".into(),
        source,
    };
    listener.set_nonblocking(true).map_err(io)?;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                if let Some(result) = handle(stream, &mut pending) {
                    return result;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return Err(CliError::usage(
                        format!(
                            "no redirect from LinkedIn within {} seconds",
                            timeout.as_secs()
                        ),
                        "open the printed URL and approve, or raise --timeout",
                    ));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(io(e)),
        }
    }
}

/// Answers one connection; `Some` once the redirect has been seen.
fn handle(
    mut stream: TcpStream,
    pending: &mut Option<PendingAuthorization>,
) -> Option<Result<CodeExchange, CliError>> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    reader.read_line(&mut line).ok()?;
    // Drain the headers so the browser is not reset mid-request.
    let mut header = String::new();
    while reader.read_line(&mut header).ok()? > 2 {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    if target.split('?').next() != Some(CALLBACK_PATH) {
        respond(&mut stream, "404 Not Found", "Not found.");
        return None;
    }
    let result = pending.take()?.finish(target);
    match &result {
        Ok(_) => respond(
            &mut stream,
            "200 OK",
            "Logged in. You can close this window and return to the terminal.",
        ),
        Err(e) => respond(
            &mut stream,
            "400 Bad Request",
            &format!("Login failed: {e}"),
        ),
    }
    Some(result.map_err(|e| {
        CliError::usage(
            format!("the login did not complete: {e}"),
            "run `linkedin auth login` again",
        )
    }))
}

fn respond(stream: &mut TcpStream, status: &str, message: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>linkedin</title></head>\
         <body><p>{}</p></body></html>",
        html_escape(message)
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
