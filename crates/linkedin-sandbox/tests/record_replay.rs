//! Record and replay, on loopback: one sandbox recorded through a
//! [`Recorder`], the recordings replayed by [`Replay`], and no secret in any
//! recorded file.

mod common;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use common::{Client, header, json, send};
use linkedin_sandbox::{Recorder, Replay, Sandbox};
use restli_codec::{DynamicRequest, Endpoint, Request};
use serde_json::{Value, json};

/// A client for `sandbox`'s data, sending to `addr` (a recorder or a
/// replay) instead.
fn client_via(sandbox: &Sandbox, addr: SocketAddr, origin: &str) -> Client {
    let mut client = Client::versioned(sandbox);
    client.addr = addr;
    client.config = client
        .config
        .clone()
        .with_endpoint(Endpoint::from_origin(origin).unwrap());
    client
}

/// Status, `x-restli-id` and JSON body: what a client reads.
fn seen(response: &http::Response<Vec<u8>>) -> (u16, Option<String>, Value) {
    let body = if response.body().is_empty() {
        Value::Null
    } else {
        json(response)
    };
    (
        response.status().as_u16(),
        header(response, "x-restli-id").map(str::to_owned),
        body,
    )
}

fn recordings(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The requests of the round trip: a GET, a finder, a CREATE, the GET of
/// what was created, an UPDATE-free GET of `/v2/me` with a projection.
fn requests(created: &str) -> Vec<(bool, DynamicRequest)> {
    vec![
        (
            true,
            Request::get("/adAccounts/{id}").key("id", &500001).into(),
        ),
        (
            true,
            Request::finder("/adAccounts", "search")
                .param("search", &json!({"status": {"values": ["ACTIVE"]}}))
                .param("pageSize", &2)
                .into(),
        ),
        (
            true,
            Request::create(
                "/adAccounts",
                &json!({"name": "Recorded", "status": "DRAFT"}),
            )
            .into(),
        ),
        (
            true,
            Request::get("/adAccounts/{id}").key("id", &created).into(),
        ),
        (
            false,
            Request::get("/me").fields("id,localizedFirstName").into(),
        ),
    ]
}

/// Recording one sandbox through a recorder, then replaying the files,
/// gives the client the same answers (status, `X-RestLi-Id`, body). Requests
/// are matched by method, path, decoded query and body; equivalent
/// encodings (parameter order, needless escapes) match. Rest.li's URL
/// encoding: github.com/linkedin/rest.li,
/// `restli-common/src/main/java/com/linkedin/restli/internal/common/URIParamUtils.java`.
#[tokio::test]
async fn a_recorded_sandbox_replays_the_same_answers() {
    let upstream = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::builder(upstream.origin(), dir.path())
        .start()
        .await
        .unwrap();
    let mut live: Vec<(u16, Option<String>, Value)> = Vec::new();
    for i in 0..requests("").len() {
        let created = live.get(2).and_then(|l| l.1.clone()).unwrap_or_default();
        let (versioned, request) = requests(&created).swap_remove(i);
        let mut client = client_via(&upstream, recorder.addr(), recorder.origin());
        if !versioned {
            client.config = restli_codec::RequestConfig::new()
                .with_endpoint(Endpoint::from_origin(recorder.origin()).unwrap());
        }
        live.push(seen(&client.send(&request).await));
    }
    assert_eq!(live[0].0, 200);
    assert_eq!(live[2].0, 201);
    let created = live[2].1.clone().unwrap();
    assert_eq!(live[3].0, 200);
    assert_eq!(live[3].2["name"], "Recorded");
    assert_eq!(recorder.recorded(), 5);
    assert_eq!(upstream.stats().total(), 5);
    drop(recorder);

    let files = recordings(dir.path());
    assert_eq!(files.len(), 5);
    assert!(
        files[0].0.starts_with("000001-GET-rest_adAccounts_500001"),
        "{files:?}"
    );
    assert!(
        files[2].0.starts_with("000003-POST-rest_adAccounts"),
        "{files:?}"
    );
    let first: Value = serde_json::from_str(&files[0].1).unwrap();
    assert_eq!(first["linkedinSandboxRecording"], 1);
    assert_eq!(
        first["request"]["headers"]["authorization"],
        "Bearer REDACTED"
    );
    assert_eq!(first["response"]["body"]["id"], 500001);

    let replay = Sandbox::replay(dir.path()).await.unwrap();
    assert_eq!(replay.replay().len(), 5);
    for ((versioned, request), expected) in requests(&created).into_iter().zip(&live) {
        let mut client = client_via(&upstream, replay.addr(), replay.origin());
        if !versioned {
            client.config = restli_codec::RequestConfig::new()
                .with_endpoint(Endpoint::from_origin(replay.origin()).unwrap());
        }
        // Another token: replay does not compare headers.
        client.token = Some("some-other-token".into());
        assert_eq!(&seen(&client.send(&request).await), expected);
    }
    assert!(replay.replay().unused().is_empty());

    // The finder again, parameters reordered and needlessly escaped.
    let client = client_via(&upstream, replay.addr(), replay.origin());
    let finder = http::Request::get(format!(
        "{}/rest/adAccounts?pageSize=%32&search=(status:(values:List(%41CTIVE)))&q=search",
        replay.origin()
    ))
    .header("x-restli-protocol-version", "2.0.0")
    .header("linkedin-version", "202406")
    .body(Vec::new())
    .unwrap();
    assert_eq!(seen(&client.send_http(finder).await), live[1]);
}

/// A request no recording matches is a 404 in LinkedIn's error shape
/// (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>)
/// whose message and `closestRecordings` name the nearest recordings and
/// what differs.
#[tokio::test]
async fn an_unmatched_request_gets_a_404_naming_the_closest_recordings() {
    let upstream = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::builder(upstream.origin(), dir.path())
        .start()
        .await
        .unwrap();
    let client = client_via(&upstream, recorder.addr(), recorder.origin());
    client
        .send(&Request::finder("/adAccounts", "search").param("pageSize", &2))
        .await;
    client
        .send(&Request::get("/adAccounts/{id}").key("id", &500001))
        .await;
    drop(recorder);

    let replay = Sandbox::replay(dir.path()).await.unwrap();
    let client = client_via(&upstream, replay.addr(), replay.origin());
    let miss = client
        .send(&Request::finder("/adAccounts", "search").param("pageSize", &3))
        .await;
    assert_eq!(miss.status(), 404);
    assert_eq!(header(&miss, "x-restli-error-response"), Some("true"));
    let body = json(&miss);
    assert_eq!(body["status"], 404);
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("GET \"/rest/adAccounts?"), "{message}");
    assert!(
        message.contains("000001-GET-rest_adAccounts.json"),
        "{message}"
    );
    let closest = body["closestRecordings"].as_array().unwrap();
    assert_eq!(closest[0]["file"], "000001-GET-rest_adAccounts.json");
    assert_eq!(
        closest[0]["differences"],
        json!(["query \"pageSize\": recorded \"2\""])
    );
    assert_eq!(closest.len(), 2);
    assert_eq!(replay.replay().unused().len(), 2);

    // The 404 is redacted as recordings are: no secret is echoed.
    let mut client = client_via(&upstream, replay.addr(), replay.origin());
    client.token = Some("live-bearer-token-0042".into());
    let mut request = client.http(&Request::get("/adAccounts/{id}").key("id", &7));
    *request.uri_mut() = format!(
        "{}/rest/adAccounts/7?oauth2_access_token=live-query-token-0099&note=live-bearer-token-0042",
        replay.origin()
    )
    .parse()
    .unwrap();
    let miss = client.send_http(request).await;
    assert_eq!(miss.status(), 404);
    let text = String::from_utf8(miss.body().clone()).unwrap();
    assert!(!text.contains("live-query-token-0099"), "{text}");
    assert!(!text.contains("live-bearer-token-0042"), "{text}");
    assert!(
        text.contains("oauth2_access_token=REDACTED&note=REDACTED"),
        "{text}"
    );
}

/// Recordings that match the same request are served in recording order,
/// the last one again afterwards: GET, DELETE, GET replays as it happened
/// (LinkedIn's DELETE answers 204, the later GET 404:
/// <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/methods>).
#[tokio::test]
async fn repeated_requests_replay_in_recorded_order() {
    let upstream = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::builder(upstream.origin(), dir.path())
        .start()
        .await
        .unwrap();
    let client = client_via(&upstream, recorder.addr(), recorder.origin());
    let get = || Request::get("/adAccounts/{id}").key("id", &500001);
    let before = client.send(&get()).await.status();
    let deleted = client
        .send(&Request::delete("/adAccounts/{id}").key("id", &500001))
        .await
        .status();
    let after = client.send(&get()).await.status();
    assert_eq!(
        (before.as_u16(), deleted.as_u16(), after.as_u16()),
        (200, 204, 404)
    );
    drop(recorder);

    let replay = Replay::load(dir.path()).unwrap().start().await.unwrap();
    let client = client_via(&upstream, replay.addr(), replay.origin());
    assert_eq!(client.send(&get()).await.status(), 200);
    assert_eq!(
        client
            .send(&Request::delete("/adAccounts/{id}").key("id", &500001))
            .await
            .status(),
        204
    );
    assert_eq!(client.send(&get()).await.status(), 404);
    assert_eq!(client.send(&get()).await.status(), 404);
}

fn form(addr: SocketAddr, path: &str, fields: &[(&str, &str)]) -> http::Request<Vec<u8>> {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    http::Request::post(format!("http://{addr}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into_bytes())
        .unwrap()
}

fn text(response: &http::Response<Vec<u8>>) -> String {
    String::from_utf8_lossy(response.body()).into_owned()
}

/// No recorded file holds a secret, wherever the secret travelled: the
/// authorization code in the redirect's `Location` and in the token form,
/// the client secret, access and refresh tokens in forms and token answers
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>,
/// <https://learn.microsoft.com/en-us/linkedin/shared/authentication/client-credentials-flow>),
/// the `token` of introspection
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/token-introspection>),
/// bearer tokens in `Authorization`, cookies, LinkedIn's legacy
/// `oauth2_access_token` query parameter, and tokens echoed in JSON bodies
/// under any name. The redacted OAuth exchanges still replay, whatever
/// secrets the replaying client sends.
#[tokio::test]
async fn a_recorded_file_never_contains_a_secret() {
    const CLIENT_SECRET: &str = "known-client-secret-7f3a";
    const STATIC_TOKEN: &str = "known-static-token-91bc";
    const COOKIE: &str = "known-cookie-value-55e1";
    const REDIRECT: &str = "http://127.0.0.1:8400/callback";
    let upstream = Sandbox::builder()
        .client("recorded-app", CLIENT_SECRET)
        .access_token(STATIC_TOKEN)
        .start()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::builder(upstream.origin(), dir.path())
        .start()
        .await
        .unwrap();
    let proxy = recorder.addr();
    let mut secrets: Vec<String> = vec![CLIENT_SECRET.into(), STATIC_TOKEN.into(), COOKIE.into()];

    // The browser half: the code comes back in the Location header.
    let authorize = format!(
        "http://{proxy}/oauth/v2/authorization?response_type=code&client_id=recorded-app&redirect_uri={}&state=st-1&scope=r_ads%20rw_ads",
        url::form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect::<String>()
    );
    let response = send(
        proxy,
        http::Request::get(authorize).body(Vec::new()).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 302, "{}", text(&response));
    let location = url::Url::parse(header(&response, "location").unwrap()).unwrap();
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    secrets.push(code.clone());

    // The code exchange: code and secret in the form, tokens in the answer.
    let exchange = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", "recorded-app"),
        ("client_secret", CLIENT_SECRET),
    ];
    let response = send(proxy, form(proxy, "/oauth/v2/accessToken", &exchange))
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", text(&response));
    let tokens = json(&response);
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    secrets.extend([access.clone(), refresh.clone()]);

    // Refresh: the refresh token in the form, new tokens back.
    let response = send(
        proxy,
        form(
            proxy,
            "/oauth/v2/accessToken",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh.as_str()),
                ("client_id", "recorded-app"),
                ("client_secret", CLIENT_SECRET),
            ],
        ),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200, "{}", text(&response));
    let refreshed = json(&response);
    secrets.push(refreshed["access_token"].as_str().unwrap().to_owned());
    if let Some(token) = refreshed["refresh_token"].as_str() {
        secrets.push(token.to_owned());
    }

    // Client credentials: a 2-legged token.
    let response = send(
        proxy,
        form(
            proxy,
            "/oauth/v2/accessToken",
            &[
                ("grant_type", "client_credentials"),
                ("client_id", "recorded-app"),
                ("client_secret", CLIENT_SECRET),
            ],
        ),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200, "{}", text(&response));
    secrets.push(json(&response)["access_token"].as_str().unwrap().to_owned());

    // Introspection: the token in the form.
    let response = send(
        proxy,
        form(
            proxy,
            "/oauth/v2/introspectToken",
            &[
                ("client_id", "recorded-app"),
                ("client_secret", CLIENT_SECRET),
                ("token", access.as_str()),
            ],
        ),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200, "{}", text(&response));

    // The API: a bearer token, a cookie, the legacy query parameter, and an
    // action whose echoed body carries tokens under innocent names too.
    let mut client = client_via(&upstream, proxy, recorder.origin());
    client.token = Some(access.clone());
    let mut me = client.http(&Request::get("/adAccounts/{id}").key("id", &500001));
    *me.uri_mut() = format!(
        "{}/rest/adAccounts/500001?oauth2_access_token={STATIC_TOKEN}",
        recorder.origin()
    )
    .parse()
    .unwrap();
    me.headers_mut().insert(
        "cookie",
        format!("li_at={COOKIE}; lang=en").parse().unwrap(),
    );
    assert_eq!(client.send_http(me).await.status(), 200);
    let params = json!({
        "accessToken": access,
        "note": format!("the secret is {CLIENT_SECRET}"),
        "nested": [{"refresh_token": refresh}],
        "copy": STATIC_TOKEN,
    });
    let echoed = client
        .send(&Request::action("/adAccounts", "validate", &params))
        .await;
    assert_eq!(echoed.status(), 200);
    assert_eq!(
        json(&echoed)["value"],
        params,
        "the client sees the real answer"
    );
    drop(recorder);

    let files = recordings(dir.path());
    assert_eq!(files.len(), 7);
    for (name, contents) in &files {
        for secret in &secrets {
            let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            assert!(
                !contents.contains(secret.as_str()) && !contents.contains(&encoded),
                "{name} holds a secret:\n{contents}"
            );
        }
    }
    // Still readable, and redacted where the secrets were.
    let file = |i: usize| -> Value { serde_json::from_str(&files[i].1).unwrap() };
    assert!(
        file(0)["response"]["headers"]["location"]
            .as_str()
            .unwrap()
            .contains("code=REDACTED&state=st-1")
    );
    assert_eq!(
        file(1)["request"]["bodyText"],
        "grant_type=authorization_code&code=REDACTED&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcallback&client_id=recorded-app&client_secret=REDACTED"
    );
    assert_eq!(file(1)["response"]["body"]["access_token"], "REDACTED");
    assert_eq!(file(1)["response"]["body"]["refresh_token"], "REDACTED");
    assert!(file(1)["response"]["body"]["expires_in"].is_number());
    assert_eq!(file(5)["request"]["headers"]["cookie"], "REDACTED");
    assert_eq!(file(5)["request"]["query"], "oauth2_access_token=REDACTED");
    assert_eq!(
        file(6)["response"]["body"]["value"],
        json!({
            "accessToken": "REDACTED",
            "note": "the secret is REDACTED",
            "nested": [{"refresh_token": "REDACTED"}],
            "copy": "REDACTED",
        })
    );

    // The token exchange replays for a client holding other secrets.
    let replay = Sandbox::replay(dir.path()).await.unwrap();
    let other = [
        ("grant_type", "authorization_code"),
        ("code", "another-code-entirely"),
        ("redirect_uri", REDIRECT),
        ("client_id", "recorded-app"),
        ("client_secret", "another-secret-entirely"),
    ];
    let response = send(
        replay.addr(),
        form(replay.addr(), "/oauth/v2/accessToken", &other),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200, "{}", text(&response));
    assert_eq!(json(&response)["access_token"], "REDACTED");
}

/// The recorder speaks TLS to an `https` upstream (rustls on ring, Mozilla's
/// roots): a plain-HTTP server behind an `https://127.0.0.1` URL fails the
/// handshake, answered as a 502 that says so, and nothing is recorded.
/// Plain `http` is refused for anything but loopback.
#[tokio::test]
async fn https_upstreams_get_tls_and_plain_http_only_loopback() {
    let plain = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::builder(format!("https://{}", plain.addr()), dir.path())
        .timeout(Duration::from_secs(10))
        .start()
        .await
        .unwrap();
    let client = client_via(&plain, recorder.addr(), recorder.origin());
    let response = client
        .send(&Request::get("/adAccounts/{id}").key("id", &500001))
        .await;
    assert_eq!(response.status(), 502);
    assert!(
        json(&response)["message"].as_str().unwrap().contains("TLS"),
        "{}",
        text(&response)
    );
    assert_eq!(recorder.recorded(), 0);
    assert!(recordings(dir.path()).is_empty());

    for refused in [
        "http://api.linkedin.com",
        "http://192.0.2.1:80",
        "ftp://127.0.0.1",
    ] {
        let err = Recorder::builder(refused, dir.path())
            .start()
            .await
            .unwrap_err();
        assert!(
            matches!(err, linkedin_sandbox::RecordError::InvalidUpstream { .. }),
            "{refused}: {err}"
        );
    }
}

/// Bounds: a recorder stops at its recording limit (answering 507 without
/// forwarding), numbering continues after files already in the directory,
/// and replay refuses oversized and malformed files, naming them.
#[tokio::test]
async fn recordings_are_bounded() {
    let upstream = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::builder(upstream.origin(), dir.path())
        .max_recordings(2)
        .start()
        .await
        .unwrap();
    let client = client_via(&upstream, recorder.addr(), recorder.origin());
    let get = || Request::get("/adAccounts/{id}").key("id", &500001);
    assert_eq!(client.send(&get()).await.status(), 200);
    drop(recorder);
    // A second recorder continues the numbering, and counts the file there.
    let recorder = Recorder::builder(upstream.origin(), dir.path())
        .max_recordings(2)
        .start()
        .await
        .unwrap();
    let client = client_via(&upstream, recorder.addr(), recorder.origin());
    assert_eq!(client.send(&get()).await.status(), 200);
    let full = client.send(&get()).await;
    assert_eq!(full.status(), 507, "{}", text(&full));
    assert_eq!(
        upstream.stats().total(),
        2,
        "the third request was not forwarded"
    );
    let names: Vec<String> = recordings(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "000001-GET-rest_adAccounts_500001.json",
            "000002-GET-rest_adAccounts_500001.json"
        ]
    );
    drop(recorder);

    // Too large (a sparse file, cheap to make).
    let big = dir.path().join("000003-GET-big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(linkedin_sandbox::MAX_RECORDING_FILE_SIZE + 1)
        .unwrap();
    let err = Replay::load(dir.path()).unwrap_err();
    assert!(
        matches!(err, linkedin_sandbox::ReplayError::TooLarge { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("000003-GET-big.json"), "{err}");
    std::fs::write(&big, b"{\"not\": \"a recording\"}").unwrap();
    let err = Replay::load(dir.path()).unwrap_err();
    assert!(
        matches!(err, linkedin_sandbox::ReplayError::Invalid { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("000003-GET-big.json"), "{err}");
    std::fs::remove_file(&big).unwrap();
    assert_eq!(Replay::load(dir.path()).unwrap().len(), 2);

    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(
        Replay::load(empty.path()),
        Err(linkedin_sandbox::ReplayError::Empty { .. })
    ));
}

/// The binary: `linkedin-sandbox replay DIR --port 0` serves the recordings
/// (and prints where); the flag-only invocation is untouched (see main.rs).
#[tokio::test]
async fn the_binary_replays_a_directory() {
    use std::io::BufRead;

    let upstream = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::builder(upstream.origin(), dir.path())
        .start()
        .await
        .unwrap();
    let client = client_via(&upstream, recorder.addr(), recorder.origin());
    let live = seen(
        &client
            .send(&Request::get("/adAccounts/{id}").key("id", &500001))
            .await,
    );
    drop(recorder);

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_linkedin-sandbox"))
        .arg("replay")
        .arg(dir.path())
        .args(["--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // The reader is kept until the child is killed, so its later prints
    // never meet a closed pipe.
    let first_line = tokio::task::spawn_blocking(move || {
        let mut reader = std::io::BufReader::new(stdout);
        let mut line = String::new();
        reader.read_line(&mut line).map(|_| (line, reader))
    });
    let line = tokio::time::timeout(Duration::from_secs(30), first_line).await;
    let (origin, _reader) = match line {
        Ok(Ok(Ok((line, reader)))) => (
            line.split_whitespace().last().map(str::to_owned),
            Some(reader),
        ),
        _ => (None, None),
    };
    let result = match origin {
        Some(origin) => {
            let addr: SocketAddr = origin.trim_start_matches("http://").parse().unwrap();
            let client = client_via(&upstream, addr, &origin);
            Some(seen(
                &client
                    .send(&Request::get("/adAccounts/{id}").key("id", &500001))
                    .await,
            ))
        }
        None => None,
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(result, Some(live));
}
