//! The loopback listener of `linkedin auth login` against hostile local
//! clients: slow ones, huge ones, and ones that forge the callback.
//!
//! LinkedIn's redirect carries `code` and `state`, or `error`,
//! `error_description` and `state`:
//! https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
//! ("Step 2: Request an Authorization Code"); RFC 6749 sections 4.1.2 and
//! 4.1.2.1 say the same and that `state` is what ties it to the attempt.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use linkedin_sandbox::Sandbox;

/// A running `auth login` waiting for the browser.
struct Login {
    child: Child,
    stdout: BufReader<ChildStdout>,
    url: String,
    port: u16,
    state: String,
}

fn query_param(url: &str, name: &str) -> String {
    let query = url.split_once('?').unwrap().1;
    let raw = query
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap();
    raw.replace("%3A", ":").replace("%2F", "/")
}

fn start_login(sandbox: &Sandbox, config: &Path, timeout: &str) -> Login {
    let oauth = sandbox.oauth_url();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("linkedin"))
        .args([
            "auth",
            "login",
            "--client-id",
            sandbox.client_id(),
            "--scope",
            "openid",
            "--redirect-port",
            "0",
            "--no-browser",
            "--timeout",
            timeout,
            "--oauth-base-url",
            &oauth,
        ])
        .env("LINKEDIN_CONFIG_DIR", config)
        .env("LINKEDIN_CLIENT_SECRET", sandbox.client_secret())
        .env_remove("LINKEDIN_PROFILE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut url = String::new();
    stdout.read_line(&mut url).unwrap();
    let url = url.trim().to_owned();
    let redirect = query_param(&url, "redirect_uri");
    let port = redirect
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix("/callback"))
        .unwrap()
        .parse()
        .unwrap();
    let state = query_param(&url, "state");
    Login {
        child,
        stdout,
        url,
        port,
        state,
    }
}

impl Login {
    /// Waits at most `limit` for the process to end; kills it otherwise.
    fn finish_within(mut self, limit: Duration) -> (bool, String, String, Duration) {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > limit {
                self.child.kill().unwrap();
                self.child.wait().unwrap();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let elapsed = started.elapsed();
        let mut stdout = self.url.clone();
        self.stdout.read_to_string(&mut stdout).unwrap();
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = status.unwrap_or_else(|| panic!("still running after {limit:?}: {stderr}"));
        (status.success(), stdout, stderr, elapsed)
    }

    /// Plays the browser: the sandbox approves and redirects to us.
    fn approve(&self) -> String {
        ureq::get(&self.url)
            .call()
            .unwrap()
            .into_body()
            .read_to_string()
            .unwrap()
    }

    /// One raw GET to the listener, and the whole answer.
    fn get(&self, target: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }
}

/// A client sending one byte a second holds neither the login past its
/// timeout (the old listener waited on it for ever: each byte renewed a
/// per-read timeout) nor the listener.
#[test]
fn a_dribbling_client_does_not_outlive_the_timeout() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let login = start_login(&sandbox, dir.path(), "2");
    let mut dribbler = TcpStream::connect(("127.0.0.1", login.port)).unwrap();
    let dribbling = std::thread::spawn(move || {
        for byte in b"GET /callback?code=x HTTP/1.1\r\n".iter().take(15) {
            if dribbler.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    let (ok, _, stderr, elapsed) = login.finish_within(Duration::from_secs(12));
    assert!(!ok);
    assert!(
        stderr.contains("no redirect from LinkedIn within 2 seconds"),
        "{stderr}"
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    dribbling.join().unwrap();
}

#[test]
fn a_dribbling_client_does_not_block_the_real_redirect() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let login = start_login(&sandbox, dir.path(), "20");
    let mut dribbler = TcpStream::connect(("127.0.0.1", login.port)).unwrap();
    let dribbling = std::thread::spawn(move || {
        for byte in b"GET /callback?code=x HTTP/1.1\r\n".iter().take(8) {
            if dribbler.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let page = login.approve();
    let waited = started.elapsed();
    assert!(page.contains("Logged in"), "{page}");
    assert!(
        waited < Duration::from_secs(3),
        "the redirect waited {waited:?}"
    );
    let (ok, _, stderr, _) = login.finish_within(Duration::from_secs(15));
    assert!(ok, "{stderr}");
    dribbling.join().unwrap();
}

#[cfg(target_os = "linux")]
fn peak_memory_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .unwrap()
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap()
}

/// The old listener read the request line without a limit: 512 MiB grew
/// the process to 530 MB. Now a line over 8 KiB is answered 414 at once.
#[test]
fn a_huge_request_line_is_refused_with_memory_bounded() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let login = start_login(&sandbox, dir.path(), "20");
    let pid = login.child.id();
    let stream = TcpStream::connect(("127.0.0.1", login.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sending = std::thread::spawn(move || {
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0usize;
        if writer.write_all(b"GET /callback?").is_err() {
            return sent;
        }
        // Up to 32 MiB, unless the listener stops reading first.
        while sent < 32 * 1024 * 1024 {
            if writer.write_all(&chunk).is_err() {
                break;
            }
            sent += chunk.len();
        }
        sent
    });
    let mut answer = Vec::new();
    let _ = (&stream).read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 414 "), "{answer}");
    let sent = sending.join().unwrap();
    assert!(
        sent < 32 * 1024 * 1024,
        "the listener read all {sent} bytes"
    );
    #[cfg(target_os = "linux")]
    {
        let peak = peak_memory_kib(pid);
        assert!(peak < 24 * 1024, "peak memory {peak} KiB");
    }
    let _ = pid;

    // Headers are bounded too (431), and the login still works.
    let mut stream = TcpStream::connect(("127.0.0.1", login.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let header = format!("X-Filler: {}\r\n", "b".repeat(1000));
    let mut request = b"GET /callback HTTP/1.1\r\n".to_vec();
    for _ in 0..40 {
        request.extend_from_slice(header.as_bytes());
    }
    let _ = stream.write_all(&request);
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");

    assert!(login.approve().contains("Logged in"));
    let (ok, _, stderr, _) = login.finish_within(Duration::from_secs(15));
    assert!(ok, "{stderr}");
}

/// The old listener ended the login on the first request to /callback,
/// whatever it carried, so any local process or web page could abort it.
#[test]
fn forged_and_stateless_callbacks_do_not_end_the_login() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let login = start_login(&sandbox, dir.path(), "20");
    for target in [
        "/callback".to_owned(),
        "/callback?code=AQT-forged".to_owned(),
        "/callback?code=AQT-forged&state=guessed".to_owned(),
        "/callback?error=access_denied&error_description=nope".to_owned(),
        "/callback?error=user_cancelled_login&state=guessed".to_owned(),
        format!(
            "/callback?code=AQT-forged&state={}&state={}",
            login.state, login.state
        ),
    ] {
        let answer = login.get(&target);
        assert!(answer.starts_with("HTTP/1.1 400 "), "{target}: {answer}");
        assert!(answer.contains("still waiting"), "{target}: {answer}");
    }
    assert!(login.get("/favicon.ico").starts_with("HTTP/1.1 404 "));
    let page = login.approve();
    assert!(page.contains("Logged in"), "{page}");
    let (ok, _, stderr, _) = login.finish_within(Duration::from_secs(15));
    assert!(ok, "{stderr}");
    assert!(dir.path().join("credentials.json").exists());
}

/// With the right state an `error` ends the login, and its description
/// reaches the terminal without its control characters.
#[test]
fn an_error_description_cannot_drive_the_terminal() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let login = start_login(&sandbox, dir.path(), "20");
    let target = format!(
        "/callback?error=user_cancelled_login%1B%5D0%3Btitle%07&error_description=%1B%5B31mred%1B%5B0m%0D%0Aforged+line&state={}",
        login.state
    );
    let answer = login.get(&target);
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    assert!(!answer.contains('\x1b'));
    let (ok, stdout, stderr, _) = login.finish_within(Duration::from_secs(15));
    assert!(!ok);
    assert!(stderr.contains("[31mred"), "{stderr}");
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains('\x1b') && !text.contains('\x07') && !text.contains('\r'),
            "{text:?}"
        );
    }
    assert!(!dir.path().join("credentials.json").exists());
}
