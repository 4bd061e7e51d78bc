//! ureq hex-dumps wire bytes at TRACE (tokens included); `QuietWire` keeps
//! that dump out of a `log` logger while everything else passes. One test
//! binary of its own: it installs the process's `log` logger.

use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use linkedin_oauth::{
    AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet,
};
use linkedin_test_support::{HostileServer, Script};
use linkedin_ureq::logging::QuietWire;
use linkedin_ureq::restli::{Endpoint, EntityResponse, Request};
use linkedin_ureq::{Client, TokenSource};

const OLD_TOKEN: &str = "AQVoldaccesstoken1234";
const NEW_TOKEN: &str = "AQVnewaccesstoken5678";
const REFRESH: &str = "AQXrefreshtoken9012";
const SECRET: &str = "clientsecret3456";

/// Every record, as `target level message`.
#[derive(Default)]
struct Lines(Mutex<Vec<String>>);

impl log::Log for Lines {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {} {}", record.target(), record.level(), record.args());
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(line);
    }
    fn flush(&self) {}
}

/// What ureq logs, unfiltered, and what a `QuietWire` lets through.
struct Tee {
    raw: Lines,
    quiet: QuietWire<Lines>,
}

impl log::Log for Tee {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        self.raw.log(record);
        if self.quiet.enabled(record.metadata()) {
            self.quiet.log(record);
        }
    }
    fn flush(&self) {}
}

fn tee() -> &'static Tee {
    static TEE: OnceLock<&'static Tee> = OnceLock::new();
    TEE.get_or_init(|| {
        let tee: &'static Tee = Box::leak(Box::new(Tee {
            raw: Lines::default(),
            quiet: QuietWire::new(Lines::default()),
        }));
        log::set_logger(tee).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
        tee
    })
}

/// Whether `secret` shows in `logs` as text, as hex (ureq's rows of 16
/// bytes, spaces and row breaks removed), or as a decimal byte list.
fn shows(logs: &[String], secret: &str) -> bool {
    let text = logs.join("\n");
    let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
    let bytes: Vec<String> = secret.bytes().map(|b| b.to_string()).collect();
    // ureq-proto's row: 16 bytes as hex pairs, then the ASCII column.
    let hex_stream: String = logs
        .iter()
        .filter_map(|l| l.split_once(" TRACE "))
        .map(|(_, row)| {
            row.split_whitespace()
                .take(8)
                .filter(|w| w.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
                .collect::<String>()
        })
        .collect();
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    text.contains(secret)
        || hex_stream.contains(&hex)
        || squashed.contains(&hex)
        || squashed.contains(&bytes.join(","))
}

#[test]
fn quiet_wire_keeps_every_token_out_of_trace_logs() {
    let tee = tee();
    let server = HostileServer::start(|request, _| {
        if request.path() == "/oauth/v2/accessToken" {
            Script::json(
                200,
                &format!(r#"{{"access_token":"{NEW_TOKEN}","expires_in":5184000}}"#),
            )
        } else {
            Script::json(200, r#"{"id":"me"}"#)
        }
    });
    let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new(SECRET))
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).unwrap());
    // Expires at once: the first call refreshes (form body with the refresh
    // token and the client secret, answer with the new token), then calls
    // with the new token.
    let tokens = TokenSet::new(
        AccessToken::new(OLD_TOKEN),
        SystemTime::now() - Duration::from_secs(1),
    )
    .with_refresh_token(RefreshToken::new(REFRESH), None);
    let client = Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .token_source(TokenSource::new(oauth, tokens))
        .build()
        .unwrap();
    let me: EntityResponse = client.send(Request::get("/me")).unwrap();
    assert_eq!(me.entity["id"], "me");
    let direct = client.with_access_token(&AccessToken::new(OLD_TOKEN));
    let _: EntityResponse = direct.send(Request::get("/me")).unwrap();

    let raw = tee.raw.0.lock().unwrap().clone();
    let quiet = tee.quiet.inner().0.lock().unwrap().clone();
    // The danger is real: unfiltered, ureq dumps the request bytes (the
    // ASCII column shows the header names) and the tokens in hex.
    assert!(
        raw.iter().any(|l| l.starts_with("ureq_proto::util TRACE")),
        "no wire dump captured"
    );
    assert!(
        shows(&raw, NEW_TOKEN),
        "ureq no longer dumps tokens: relax the docs"
    );
    // Filtered: no dump, no secret in any form, and ureq's other logs stay.
    assert!(
        !quiet
            .iter()
            .any(|l| l.starts_with("ureq_proto::util TRACE"))
    );
    assert!(
        quiet.iter().any(|l| l.starts_with("ureq")),
        "everything was filtered"
    );
    for secret in [OLD_TOKEN, NEW_TOKEN, REFRESH, SECRET] {
        assert!(!shows(&quiet, secret), "{secret} in the filtered logs");
    }
}
