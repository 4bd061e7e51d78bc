//! What the login listener decides, without sockets: reading a request head
//! within fixed limits, and whether a request is LinkedIn's redirect for
//! this login attempt.
//!
//! The listener (`login.rs`) only moves bytes into [`HeadReader`] and
//! answers with what [`judge`] says.

use linkedin::oauth::{CodeExchange, PendingAuthorization, RedirectError};

/// The longest request line accepted (method, target, version).
pub const MAX_REQUEST_LINE: usize = 8 * 1024;

/// The most header bytes accepted after the request line.
pub const MAX_HEADERS: usize = 32 * 1024;

/// The path LinkedIn redirects the browser to.
pub const CALLBACK_PATH: &str = "/callback";

/// How far reading a request head has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    /// More bytes are needed.
    Incomplete,
    /// The head is complete: the method and the request target.
    Complete {
        /// The request method, e.g. `GET`.
        method: String,
        /// The request target, e.g. `/callback?code=..&state=..`.
        target: String,
    },
    /// The request line is longer than [`MAX_REQUEST_LINE`] (answer 414).
    LineTooLong,
    /// The headers are larger than [`MAX_HEADERS`] (answer 431).
    HeadersTooLarge,
    /// The request line is not `METHOD SP TARGET SP VERSION` (answer 400).
    Malformed,
}

/// Collects the bytes of one request head, never holding more than the
/// limits allow however many bytes are fed.
#[derive(Debug, Default)]
pub struct HeadReader {
    buf: Vec<u8>,
    /// Index just past the request line's `\n`, once seen.
    line_end: Option<usize>,
    /// How far the search for the end of the headers has looked.
    scanned: usize,
    done: Option<Head>,
}

impl HeadReader {
    /// A reader that has seen nothing yet.
    pub fn new() -> Self {
        HeadReader::default()
    }

    /// Feeds the next bytes read from the connection; once the answer is
    /// not [`Head::Incomplete`] it stays the same.
    pub fn feed(&mut self, bytes: &[u8]) -> Head {
        if let Some(done) = &self.done {
            return done.clone();
        }
        // Keep at most one byte beyond the limits: enough to tell "too
        // long" from "exactly at the limit".
        let cap = MAX_REQUEST_LINE + MAX_HEADERS + 4;
        let room = cap.saturating_sub(self.buf.len());
        self.buf
            .extend_from_slice(bytes.get(..room.min(bytes.len())).unwrap_or_default());
        let head = self.scan();
        if head != Head::Incomplete {
            // The head is all that is needed; free the rest.
            self.buf = Vec::new();
            self.done = Some(head.clone());
        }
        head
    }

    fn scan(&mut self) -> Head {
        let line_end = match self.line_end {
            Some(end) => end,
            None => match self.buf.iter().position(|&b| b == b'\n') {
                Some(i) if i > MAX_REQUEST_LINE => return Head::LineTooLong,
                Some(i) => {
                    self.line_end = Some(i + 1);
                    self.scanned = i + 1;
                    i + 1
                }
                None if self.buf.len() > MAX_REQUEST_LINE => return Head::LineTooLong,
                None => return Head::Incomplete,
            },
        };
        // The headers end at the first empty line (`\n` or `\r\n` alone);
        // `scanned` is where the first header line not yet seen whole
        // starts, so each byte is looked at about once.
        let mut line_start = self.scanned.max(line_end);
        loop {
            if line_start - line_end > MAX_HEADERS {
                return Head::HeadersTooLarge;
            }
            let rest = self.buf.get(line_start..).unwrap_or_default();
            match rest.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    let line = rest.get(..i).unwrap_or_default();
                    if line.is_empty() || line == b"\r" {
                        return parse_request_line(self.buf.get(..line_end).unwrap_or_default());
                    }
                    line_start += i + 1;
                }
                None => {
                    self.scanned = line_start;
                    return if self.buf.len() - line_end > MAX_HEADERS {
                        Head::HeadersTooLarge
                    } else {
                        Head::Incomplete
                    };
                }
            }
        }
    }
}

/// `METHOD SP TARGET SP HTTP/x.y`, with the line ending.
fn parse_request_line(line: &[u8]) -> Head {
    let Ok(line) = std::str::from_utf8(line) else {
        return Head::Malformed;
    };
    let line = line.trim_end_matches(['\r', '\n']);
    let mut parts = line.split(' ');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version), None)
            if !method.is_empty() && !target.is_empty() && version.starts_with("HTTP/") =>
        {
            Head::Complete {
                method: method.to_owned(),
                target: target.to_owned(),
            }
        }
        _ => Head::Malformed,
    }
}

/// What to do with one complete request.
#[derive(Debug)]
pub enum Verdict {
    /// Not the callback path (a favicon, a probe): 404, keep waiting.
    NotFound,
    /// Not a GET: 405, keep waiting.
    WrongMethod,
    /// The callback without this attempt's `state` (none, several, or a
    /// wrong one): it cannot come from LinkedIn for this login, so it is
    /// answered with an error page and the listener keeps waiting.
    Foreign,
    /// LinkedIn's redirect for this attempt, with its code: the login
    /// goes on.
    Code(CodeExchange),
    /// LinkedIn's redirect for this attempt carrying an error (the member
    /// cancelled, a scope was refused): the login ends.
    Refused(RedirectError),
}

/// Judges one request: only a request carrying this attempt's `state` can
/// end the login, so neither a local process nor a web page that makes the
/// browser fetch `http://127.0.0.1:PORT/callback?error=...` can abort it.
///
/// OAuth 2.0 (RFC 6749 section 4.1.2.1) sends `state` back with an error
/// too, and LinkedIn's redirect does (see the tests), so an error without
/// the right state is ignored.
pub fn judge(method: &str, target: &str, pending: &PendingAuthorization) -> Verdict {
    let target = target.split_once('#').map_or(target, |(t, _)| t);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != CALLBACK_PATH {
        return Verdict::NotFound;
    }
    if method != "GET" {
        return Verdict::WrongMethod;
    }
    let mut states = query_values(query, "state");
    let state = match (states.next(), states.next()) {
        (Some(state), None) => state,
        _ => return Verdict::Foreign,
    };
    if !pending.state().matches(&state) {
        return Verdict::Foreign;
    }
    // `finish` consumes what it finishes; judging a request must not, since a
    // foreign one leaves the login waiting, so it finishes a copy.
    match pending.clone().finish(query) {
        Ok(exchange) => Verdict::Code(exchange),
        // Defensive: should our reading of the query ever differ from the
        // OAuth crate's, a state it does not accept still cannot end the
        // login.
        Err(RedirectError::StateMismatch | RedirectError::MissingState) => Verdict::Foreign,
        Err(e) => Verdict::Refused(e),
    }
}

/// The decoded values of every `name=value` pair called `name` in an
/// `application/x-www-form-urlencoded` query (the form the OAuth crate
/// reads the redirect in: `+` is a space, `%XX` a byte).
fn query_values<'a>(query: &'a str, name: &'a str) -> impl Iterator<Item = String> + 'a {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(move |pair| {
            let (n, v) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(n) == name).then(|| form_decode(v))
        })
}

/// Decodes one form-urlencoded component; malformed `%` escapes stay as
/// they are, invalid UTF-8 becomes U+FFFD.
pub fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |j: usize| bytes.get(j).and_then(|&c| (c as char).to_digit(16));
                match (hex(i + 1), hex(i + 2)) {
                    (Some(hi), Some(lo)) => {
                        // Two hex digits are at most 0xFF.
                        out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'%'));
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    use proptest::prelude::*;

    fn pending() -> PendingAuthorization {
        AuthorizationCodeFlow::new(
            ClientId::new("client"),
            RedirectUrl::new("http://127.0.0.1:1/callback").unwrap(),
        )
        .scopes(["openid"])
        .start()
        .unwrap()
        .1
    }

    fn feed_all(chunks: &[&[u8]]) -> Head {
        let mut reader = HeadReader::new();
        let mut last = Head::Incomplete;
        for chunk in chunks {
            last = reader.feed(chunk);
        }
        last
    }

    #[test]
    fn a_browser_request_is_read() {
        let head = feed_all(&[
            b"GET /callback?code=c&state=s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n",
        ]);
        assert_eq!(
            head,
            Head::Complete {
                method: "GET".into(),
                target: "/callback?code=c&state=s".into()
            }
        );
        assert_eq!(
            feed_all(&[b"GET / HTTP/1.0\n\n"]),
            Head::Complete {
                method: "GET".into(),
                target: "/".into()
            }
        );
    }

    #[test]
    fn limits_hold() {
        let long = vec![b'a'; MAX_REQUEST_LINE + 1];
        assert_eq!(feed_all(&[b"GET /", &long]), Head::LineTooLong);
        let mut exact = b"GET /".to_vec();
        exact.resize(MAX_REQUEST_LINE - " HTTP/1.1\r".len(), b'a');
        exact.extend_from_slice(b" HTTP/1.1\r\n\r\n");
        assert!(matches!(feed_all(&[&exact]), Head::Complete { .. }));

        let header = format!("X-Filler: {}\r\n", "b".repeat(1000));
        let mut big = b"GET / HTTP/1.1\r\n".to_vec();
        for _ in 0..40 {
            big.extend_from_slice(header.as_bytes());
        }
        assert_eq!(feed_all(&[&big]), Head::HeadersTooLarge);
        big.extend_from_slice(b"\r\n");
        assert_eq!(feed_all(&[&big]), Head::HeadersTooLarge);
    }

    #[test]
    fn malformed_lines_are_refused() {
        for line in [
            &b"\r\n\r\n"[..],
            b"GET\r\n\r\n",
            b"GET /x\r\n\r\n",
            b"GET /x FTP/1\r\n\r\n",
            b"GET  /x HTTP/1.1\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(feed_all(&[line]), Head::Malformed, "{line:?}");
        }
    }

    #[test]
    fn memory_stays_bounded() {
        let mut reader = HeadReader::new();
        let chunk = vec![b'x'; 64 * 1024];
        for _ in 0..16 {
            let _ = reader.feed(&chunk);
            assert!(
                reader.buf.capacity() <= 2 * (MAX_REQUEST_LINE + MAX_HEADERS + 4) + chunk.len()
            );
        }
        assert_eq!(reader.feed(b"\r\n\r\n"), Head::LineTooLong);
    }

    // RFC 6749 section 4.1.2 (code and state) and 4.1.2.1 (error, its
    // error_description and state); LinkedIn's redirect carries the same
    // parameters: https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
    // ("Step 2", success and failure responses).
    #[test]
    fn only_the_right_state_ends_the_login() {
        let pending = pending();
        let state = pending.state().secret().to_owned();
        assert!(matches!(
            judge("GET", "/favicon.ico", &pending),
            Verdict::NotFound
        ));
        for target in [
            "/callback".to_owned(),
            "/callback?code=c".to_owned(),
            "/callback?code=c&state=forged".to_owned(),
            "/callback?error=user_cancelled_login&error_description=x".to_owned(),
            "/callback?error=user_cancelled_login&state=forged".to_owned(),
            format!("/callback?code=c&state={state}&state={state}"),
            format!("/callback?code=c&state={state}x"),
        ] {
            assert!(
                matches!(judge("GET", &target, &pending), Verdict::Foreign),
                "{target}"
            );
        }
        assert!(matches!(
            judge("POST", &format!("/callback?code=c&state={state}"), &pending),
            Verdict::WrongMethod
        ));
        match judge(
            "GET",
            &format!("/callback?code=AQT&state={state}"),
            &pending,
        ) {
            Verdict::Code(exchange) => assert_eq!(exchange.code().secret(), "AQT"),
            other => panic!("{other:?}"),
        }
        match judge(
            "GET",
            &format!("/callback?error=user_cancelled_login&state={state}"),
            &pending,
        ) {
            Verdict::Refused(e) => assert!(e.member_cancelled()),
            other => panic!("{other:?}"),
        }
    }

    fn form_encode(text: &str) -> String {
        let mut out = String::new();
        for b in text.bytes() {
            match b {
                b' ' => out.push('+'),
                b if b.is_ascii_alphanumeric() || b"-._~".contains(&b) => out.push(b as char),
                b => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }

    proptest! {
        #[test]
        fn form_decoding_inverts_encoding(text in ".{0,40}") {
            prop_assert_eq!(form_decode(&form_encode(&text)), text);
        }

        #[test]
        fn form_decoding_never_panics(text in "[%+a-fA-F0-9\\PC]{0,40}") {
            let _ = form_decode(&text);
        }

        /// However a request is split into reads, the answer is the same,
        /// and it never needs more than the limits.
        #[test]
        fn chunking_does_not_matter(
            target in "/[a-z?=&%]{0,60}",
            headers in proptest::collection::vec("[A-Za-z-]{1,10}: [ -~]{0,30}", 0..6),
            cuts in proptest::collection::vec(0usize..200, 0..8),
        ) {
            let mut raw = format!("GET {target} HTTP/1.1\r\n");
            for h in &headers {
                raw.push_str(h);
                raw.push_str("\r\n");
            }
            raw.push_str("\r\n");
            let raw = raw.into_bytes();
            let whole = feed_all(&[&raw]);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(raw.len())).collect();
            cuts.sort_unstable();
            let mut reader = HeadReader::new();
            let mut last = Head::Incomplete;
            let mut from = 0;
            for cut in cuts.into_iter().chain([raw.len()]) {
                last = reader.feed(&raw[from..cut]);
                from = cut;
            }
            prop_assert_eq!(&last, &whole);
            prop_assert_eq!(
                whole,
                Head::Complete { method: "GET".into(), target: target.clone() }
            );
        }

        #[test]
        fn arbitrary_bytes_never_panic(
            chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..10)
        ) {
            let mut reader = HeadReader::new();
            for chunk in &chunks {
                let _ = reader.feed(chunk);
            }
        }

        #[test]
        fn random_targets_never_end_the_login(target in "/callback\\?[ -~]{0,80}") {
            let pending = pending();
            prop_assert!(matches!(judge("GET", &target, &pending), Verdict::Foreign));
        }
    }
}
