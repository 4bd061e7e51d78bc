//! Reading LinkedIn's Rest.li client test suite (`shared/restli-testsuite`).
//!
//! The suite is never copied into the project: [`Suite::locate`] finds it
//! beside the workspace (or at `RESTLI_TESTSUITE_DIR`), and a test that
//! finds nothing prints [`Suite::skip_message`] and passes, unless
//! `RESTLI_TESTSUITE_REQUIRED` is set (`cargo xtask ci` sets it): then a
//! missing suite fails the test ([`Suite::locate_or_skip`]).
//!
//! The `.req` and `.res` files are raw HTTP/1.1 messages: a start line,
//! headers, a blank line and an optional JSON body. Line endings are CRLF in
//! most files and LF in a few; both are accepted.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The environment variable that points at the suite.
pub const DIR_VAR: &str = "RESTLI_TESTSUITE_DIR";

/// The environment variable that makes a missing suite a failure: set to
/// anything but empty or `0` (`cargo xtask ci` sets it to `1`).
pub const REQUIRED_VAR: &str = "RESTLI_TESTSUITE_REQUIRED";

/// Where the suite sits relative to this crate when the variable is unset:
/// `shared/` beside the workspace root.
pub const DEFAULT_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/restli-testsuite"
);

/// A located test suite.
#[derive(Debug, Clone)]
pub struct Suite {
    pub root: PathBuf,
}

impl Suite {
    /// The suite at `RESTLI_TESTSUITE_DIR`, or at [`DEFAULT_DIR`]; `Err`
    /// holds the path that was looked at when there is no suite there.
    pub fn locate() -> Result<Suite, PathBuf> {
        let root = std::env::var_os(DIR_VAR)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
        if root.join("requests-v2").is_dir()
            && root.join("responses-v2").is_dir()
            && root.join("manifest.json").is_file()
        {
            Ok(Suite { root })
        } else {
            Err(root)
        }
    }

    /// The suite for `test`; `None` (after printing the skip notice past
    /// the harness's capture) when it is missing; a panic instead when
    /// [`REQUIRED_VAR`] is set, so that CI cannot pass without it.
    pub fn locate_or_skip(test: &str) -> Option<Suite> {
        let required = std::env::var(REQUIRED_VAR).is_ok_and(|v| !v.is_empty() && v != "0");
        match Suite::decide(Suite::locate(), required, test) {
            Ok(found) => found,
            Err(message) => panic!("{message}"),
        }
    }

    /// What to do with a lookup's outcome: the suite, a skip (`Ok(None)`,
    /// the notice printed), or, when the suite is required, the failure's
    /// message.
    pub fn decide(
        located: Result<Suite, PathBuf>,
        required: bool,
        test: &str,
    ) -> Result<Option<Suite>, String> {
        match located {
            Ok(suite) => Ok(Some(suite)),
            Err(looked_at) if required => Err(format!(
                "{test}: the Rest.li test suite is required ({REQUIRED_VAR} is set) but was not \
                 found at {} (set {DIR_VAR}, or put the suite there)",
                looked_at.display()
            )),
            Err(looked_at) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    Suite::skip_message(test, &looked_at)
                );
                Ok(None)
            }
        }
    }

    /// What a test prints when the suite is missing.
    pub fn skip_message(test: &str, looked_at: &Path) -> String {
        format!(
            "{test}: skipped, test suite not found at {} (set {DIR_VAR})",
            looked_at.display()
        )
    }

    /// Every `requests-v2/*.req`, sorted by name.
    pub fn requests(&self) -> Vec<Named<Request>> {
        read_dir_sorted(&self.root.join("requests-v2"), "req")
            .into_iter()
            .map(|(name, path, text)| Named {
                name,
                item: Request::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
                path,
            })
            .collect()
    }

    /// Every `responses-v2/*.res`, sorted by name.
    pub fn responses(&self) -> Vec<Named<Response>> {
        read_dir_sorted(&self.root.join("responses-v2"), "res")
            .into_iter()
            .map(|(name, path, text)| Named {
                name,
                item: Response::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
                path,
            })
            .collect()
    }

    /// The request with this name (`collection-get` for
    /// `requests-v2/collection-get.req`).
    pub fn request(&self, name: &str) -> Option<Request> {
        let text = fs::read_to_string(self.root.join("requests-v2").join(format!("{name}.req")));
        text.ok()
            .map(|t| Request::parse(&t).unwrap_or_else(|e| panic!("{name}.req: {e}")))
    }

    /// The response with this name.
    pub fn response(&self, name: &str) -> Option<Response> {
        let text = fs::read_to_string(self.root.join("responses-v2").join(format!("{name}.res")));
        text.ok()
            .map(|t| Response::parse(&t).unwrap_or_else(|e| panic!("{name}.res: {e}")))
    }

    /// The wire-protocol operations listed in `manifest.json`.
    pub fn operations(&self) -> Vec<Operation> {
        let text = fs::read_to_string(self.root.join("manifest.json")).expect("manifest.json");
        let manifest: Value = serde_json::from_str(&text).expect("manifest.json is JSON");
        let mut operations = Vec::new();
        for resource in manifest["wireProtocolTestData"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let resource_name = resource["name"].as_str().unwrap_or_default();
            for op in resource["operations"].as_array().into_iter().flatten() {
                let field = |key: &str| op[key].as_str().unwrap_or_default().to_owned();
                operations.push(Operation {
                    resource: resource_name.to_owned(),
                    name: field("name"),
                    method: field("method"),
                    request: stem(&field("request")),
                    response: stem(&field("response")),
                    status: op["status"].as_u64().and_then(|s| u16::try_from(s).ok()),
                });
            }
        }
        operations
    }
}

/// One wire-protocol case of the manifest. `request` and `response` are file
/// stems: the 2.0.0 files are `requests-v2/<request>.req` and
/// `responses-v2/<response>.res`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub resource: String,
    pub name: String,
    /// `get`, `batch_get`, `finder:search`, `action:echo`, ...
    pub method: String,
    pub request: String,
    pub response: String,
    pub status: Option<u16>,
}

/// A parsed file and where it came from.
#[derive(Debug, Clone)]
pub struct Named<T> {
    /// The file stem (`collection-get`).
    pub name: String,
    pub path: PathBuf,
    pub item: T,
}

/// Headers in file order; names compare case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
    /// The first value of a header, by case-insensitive name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An expected request.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path and query as written on the request line (`/collection?ids=List(1,3)`).
    pub target: String,
    pub headers: Headers,
    /// The body with surrounding whitespace trimmed; `None` when empty.
    pub body: Option<String>,
}

impl Request {
    pub fn parse(text: &str) -> Result<Request, String> {
        let message = Message::parse(text)?;
        let mut parts = message.start_line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("bad request line {:?}", message.start_line));
        };
        if !version.starts_with("HTTP/") {
            return Err(format!("bad HTTP version in {:?}", message.start_line));
        }
        Ok(Request {
            method: method.to_owned(),
            target: target.to_owned(),
            headers: message.headers,
            body: message.body,
        })
    }

    /// The path, without the query.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(p, _)| p)
    }

    /// The raw query string, if there is one.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// The query as raw `(name, value)` pairs: split on `&`, then on the
    /// first `=`; nothing is decoded.
    pub fn query_pairs(&self) -> Vec<(&str, &str)> {
        self.query()
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter(|pair| !pair.is_empty())
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
            .collect()
    }

    /// The path segments (`["collection", "1", "subcollection", "100"]`).
    pub fn segments(&self) -> Vec<&str> {
        self.path().split('/').filter(|s| !s.is_empty()).collect()
    }

    /// The raw key segments: every segment that follows a resource name,
    /// that is every second segment, so that sub-resources
    /// (`/collection/1/subcollection/100`) give `["1", "100"]`.
    pub fn path_keys(&self) -> Vec<&str> {
        self.segments().into_iter().skip(1).step_by(2).collect()
    }

    /// The resource names along the path (`["collection", "subcollection"]`).
    pub fn resource_names(&self) -> Vec<&str> {
        self.segments().into_iter().step_by(2).collect()
    }

    /// The body as JSON.
    pub fn json(&self) -> Option<Value> {
        json_body(self.body.as_deref())
    }
}

/// An expected response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    pub headers: Headers,
    pub body: Option<String>,
}

impl Response {
    pub fn parse(text: &str) -> Result<Response, String> {
        let message = Message::parse(text)?;
        let mut parts = message.start_line.splitn(3, ' ');
        let (Some(version), Some(status)) = (parts.next(), parts.next()) else {
            return Err(format!("bad status line {:?}", message.start_line));
        };
        if !version.starts_with("HTTP/") {
            return Err(format!("bad HTTP version in {:?}", message.start_line));
        }
        let status = status
            .parse()
            .map_err(|_| format!("bad status in {:?}", message.start_line))?;
        Ok(Response {
            status,
            reason: parts.next().unwrap_or_default().to_owned(),
            headers: message.headers,
            body: message.body,
        })
    }

    /// The body as JSON.
    pub fn json(&self) -> Option<Value> {
        json_body(self.body.as_deref())
    }
}

/// The parts every HTTP message has.
struct Message {
    start_line: String,
    headers: Headers,
    body: Option<String>,
}

impl Message {
    fn parse(text: &str) -> Result<Message, String> {
        let mut rest = text;
        let mut next_line = || -> Option<&str> {
            if rest.is_empty() {
                return None;
            }
            let (line, tail) = rest.split_once('\n').unwrap_or((rest, ""));
            rest = tail;
            Some(line.strip_suffix('\r').unwrap_or(line))
        };
        let start_line = next_line().ok_or("empty file")?.to_owned();
        let mut headers = Vec::new();
        loop {
            match next_line() {
                None | Some("") => break,
                Some(line) => {
                    let (name, value) = line
                        .split_once(':')
                        .ok_or_else(|| format!("bad header line {line:?}"))?;
                    headers.push((name.trim().to_owned(), value.trim().to_owned()));
                }
            }
        }
        let body = rest.trim();
        Ok(Message {
            start_line,
            headers: Headers(headers),
            body: (!body.is_empty()).then(|| body.to_owned()),
        })
    }
}

fn json_body(body: Option<&str>) -> Option<Value> {
    body.map(|b| serde_json::from_str(b).unwrap_or_else(|e| panic!("body is not JSON ({e}): {b}")))
}

/// `requests/collection-get.req` -> `collection-get`.
fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned()
}

/// `(stem, path, text)` of every file with this extension, sorted by stem.
fn read_dir_sorted(dir: &Path, ext: &str) -> Vec<(String, PathBuf, String)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .map(|path| {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (stem(path.to_str().unwrap_or_default()), path, text)
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}
