//! A loopback double of LinkedIn as its documentation shows it, separate
//! from the sandbox (which shares our readings of the protocol): each
//! answer follows a documentation page, named beside it.
//!
//! Use [`linkedin`] as a [`HostileServer`](crate::HostileServer) handler:
//!
//! ```
//! use linkedin_test_support::{HostileServer, documented};
//!
//! let server = HostileServer::start(documented::linkedin);
//! assert!(server.origin().starts_with("http://127.0.0.1:"));
//! ```

use std::fmt::Write as _;

use crate::{Recorded, Script};

/// The id LinkedIn's Posts API answers a CREATE with, raw in `x-restli-id`
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api>).
pub const CREATED_POST: &str = "urn:li:share:7123456789";

/// The keys of the BATCH_GET answer of `/rest/posts`, raw as Rest.li writes
/// simple keys (same page).
pub const BATCH_POSTS: [&str; 2] = ["urn:li:share:1", "urn:li:share:2"];

/// How many ad accounts the cursor-paged `search` finder holds.
pub const AD_ACCOUNTS: u64 = 23;

/// The page size LinkedIn uses when a cursor request sends no `pageSize`
/// (our double's choice: the documentation gives a maximum, not a default
/// that matters here).
pub const DEFAULT_PAGE_SIZE: u64 = 10;

/// The `/v2/userinfo` body, in the shape of the Sign In with LinkedIn
/// using OpenID Connect page
/// (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>).
pub const USERINFO: &str = r#"{"sub":"782bbtaQ","email_verified":true,"name":"John Doe","locale":{"country":"US","language":"en"},"given_name":"John","family_name":"Doe","email":"doe@email.com","picture":"https://media.licdn-ei.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/"}"#;

/// How many campaigns the documented reporting answer counts (one row a
/// campaign a day).
pub const ANALYTICS_CAMPAIGNS: u64 = 50;

/// The first campaign id of the reporting answer
/// (`urn:li:sponsoredCampaign:1000`, `..1001`, ...).
pub const FIRST_ANALYTICS_CAMPAIGN: u64 = 1000;

/// The most elements one `adAnalytics` answer holds: "Ads Reporting"
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting>)
/// limits a response to 15,000 elements, and the endpoint does not page.
pub const ANALYTICS_ROW_CAP: u64 = 15_000;

/// LinkedIn's answer to a request that would return more elements than it
/// allows, as "Campaigns"
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns>)
/// shows it (the reporting page gives the limit, not the answer past it).
pub const TOO_MANY_ENTITIES: &str =
    r#"{"message":"Request would return too many entities. ","status":400}"#;

/// The id of a created comment, raw in `x-restli-id` (the Comments API
/// page, <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api>:
/// CREATE answers 201 with the id in the header and the comment in the
/// body).
pub const CREATED_COMMENT: &str = "6636062862760562688";

/// The organization the member administers in the `organizationAcls`
/// answer (the Organization Access Control page,
/// <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role>).
pub const ADMINISTERED_ORGANIZATION: &str = "urn:li:organization:2414183";

/// LinkedIn's error body for a resource that does not exist.
const NOT_FOUND: &str =
    r#"{"status":404,"code":"NOT_FOUND","message":"No virtual resource found"}"#;

/// Answers a request the way LinkedIn's documentation shows:
///
/// - `POST /rest/posts` (CREATE): 201, `x-restli-id: urn:li:share:7123456789`
///   raw, no body (Posts API page, see [`CREATED_POST`]);
/// - `GET /rest/posts?ids=List(...)` (BATCH_GET): `results` keyed
///   `urn:li:share:1` raw (same page);
/// - `GET /rest/adAccounts?q=search` (FINDER): cursor pages as on the ads
///   cursor pagination page
///   (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination>):
///   `pageSize`/`pageToken` read, `start` ignored, `metadata.nextPageToken`
///   on every page but the last, no `paging` block;
/// - `GET /v2/userinfo`: the OpenID Connect profile; `/rest/userinfo` is
///   404 (the endpoint exists only under `/v2`);
/// - `POST /rest/socialActions/{urn}/comments` (CREATE): 201, the id
///   [`CREATED_COMMENT`] raw in `x-restli-id`, the comment in the body;
///   `GET` of the same path (GET_ALL): that comment, one page (Comments
///   API page, see [`CREATED_COMMENT`]);
/// - `POST /rest/reactions?actor={urn}` (CREATE): 201, `x-restli-id` the
///   reaction URN `urn:li:reaction:({actor},{root})`, no body (Reactions
///   API page,
///   <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api>);
/// - `GET /rest/organizationAcls?q=roleAssignee` (FINDER): one approved
///   `ADMINISTRATOR` role on [`ADMINISTERED_ORGANIZATION`] and one
///   `ANALYST` role requested elsewhere (Organization Access Control page);
/// - anything else: 404.
pub fn linkedin(request: &Recorded, _index: usize) -> Script {
    let path = request.path();
    if path.starts_with("/rest/socialActions/") && path.ends_with("/comments") {
        return comments(request);
    }
    match (request.method.as_str(), path) {
        ("POST", "/rest/reactions") => reaction_created(request),
        ("GET", "/rest/organizationAcls")
            if request.param("q").as_deref() == Some("roleAssignee") =>
        {
            // Both roles are on the first page; a later one is empty.
            match request.param("start").as_deref() {
                None | Some("0") => Script::json(200, ORGANIZATION_ACLS),
                Some(start) => Script::json(
                    200,
                    &format!(
                        r#"{{"paging":{{"count":10,"start":{},"links":[]}},"elements":[]}}"#,
                        start.parse::<u64>().unwrap_or(0)
                    ),
                ),
            }
        }
        ("POST", "/rest/posts") => Script::respond(
            201,
            &[
                ("x-restli-id", CREATED_POST),
                ("x-restli-protocol-version", "2.0.0"),
            ],
            b"",
        ),
        ("GET", "/rest/posts") if request.param("ids").is_some() => {
            let results: Vec<String> = BATCH_POSTS
                .iter()
                .map(|urn| format!(r#""{urn}":{{"id":"{urn}","commentary":"post {urn}"}}"#))
                .collect();
            let statuses: Vec<String> = BATCH_POSTS
                .iter()
                .map(|urn| format!(r#""{urn}":200"#))
                .collect();
            Script::json(
                200,
                &format!(
                    r#"{{"results":{{{}}},"statuses":{{{}}},"errors":{{}}}}"#,
                    results.join(","),
                    statuses.join(",")
                ),
            )
        }
        ("GET", "/rest/adAccounts") if request.param("q").as_deref() == Some("search") => {
            cursor_page(request)
        }
        ("GET", "/v2/userinfo") => Script::json(200, USERINFO),
        ("POST", "/rest/videos") => match request.param("action").as_deref() {
            Some("initializeUpload") => initialize_video_upload(request),
            // The page shows `finalizeUpload` answered with a bare 200.
            Some("finalizeUpload") => Script::respond(200, &[], b""),
            _ => Script::json(404, NOT_FOUND),
        },
        ("PUT", path) if path.starts_with(VIDEO_PART_PATH) => video_part(request),
        ("GET", path) if path.starts_with("/rest/videos/") => video("AVAILABLE"),
        ("GET", "/rest/adAnalytics") if request.param("q").as_deref() == Some("analytics") => {
            analytics(request)
        }
        _ => Script::json(404, NOT_FOUND),
    }
}

/// Where the video parts go on this double (`{VIDEO_PART_PATH}{index}`, a
/// signed query after it as on the Videos API page).
pub const VIDEO_PART_PATH: &str = "/dms-uploads/sp/v2/";

/// The URN of the video `initializeUpload` answers (Videos API page).
pub const VIDEO: &str = "urn:li:video:C5F10AQGKQg_6y2a4sQ";

/// The size of the parts the Videos API page shows: 4,194,304 bytes, the
/// last one shorter.
pub const VIDEO_PART_BYTES: u64 = 4_194_304;

/// The `ETag` the double answers part `index`'s PUT with, in the shape of
/// the Videos API page's (`/ambry-video/signedId/...`, unquoted).
///
/// ```
/// assert_eq!(linkedin_test_support::documented::part_etag(2), "/ambry-video/signedId/AQHpart2");
/// ```
pub fn part_etag(index: usize) -> String {
    format!("/ambry-video/signedId/AQHpart{index}")
}

/// A whole number after `"name":` in a JSON body (the double reads only
/// that one field; a missing or malformed one is `None`).
fn json_number(body: &[u8], name: &str) -> Option<u64> {
    let text = std::str::from_utf8(body).ok()?;
    let key = format!("\"{name}\"");
    let after = text.get(text.find(&key)? + key.len()..)?;
    let after = after.trim_start().strip_prefix(':')?.trim_start();
    let digits: String = after
        .chars()
        .take_while(char::is_ascii_digit)
        .take(20)
        .collect();
    digits.parse().ok()
}

/// The Videos API page's answer to `initializeUpload`
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api>,
/// "Initialize Video Upload"): `uploadInstructions` of 4 MiB byte ranges
/// (`firstByte`/`lastByte`, the last shorter), each with its own signed
/// `uploadUrl`, an `uploadToken`, the `video` URN and
/// `uploadUrlsExpireAt`. The URLs point back at this server (its `Host`).
fn initialize_video_upload(request: &Recorded) -> Script {
    let Some(size) = json_number(&request.body, "fileSizeBytes").filter(|s| *s > 0) else {
        return Script::json(
            400,
            r#"{"status":400,"message":"fileSizeBytes is required"}"#,
        );
    };
    let host = request.header("host").unwrap_or("127.0.0.1");
    let parts = size.div_ceil(VIDEO_PART_BYTES);
    let instructions: Vec<String> = (0..parts)
        .map(|index| {
            let first = index * VIDEO_PART_BYTES;
            let last = (first + VIDEO_PART_BYTES).min(size) - 1;
            format!(
                r#"{{"uploadUrl":"http://{host}{VIDEO_PART_PATH}{index}?ca=vector_feedshare&cn=uploads&iri=B01-77&sync=0&v=beta&ut=2H-Zi3tXcrZFw1","lastByte":{last},"firstByte":{first}}}"#
            )
        })
        .collect();
    Script::json(
        200,
        &format!(
            r#"{{"value":{{"uploadUrlsExpireAt":1649277000000,"video":"{VIDEO}","uploadInstructions":[{}],"uploadToken":""}}}}"#,
            instructions.join(",")
        ),
    )
}

/// A part's PUT, as the Videos API page shows it ("Upload the Video"):
/// `Content-Type: application/octet-stream`, the part's bytes; the answer
/// carries the part's `ETag`. A PUT of another type is a 400.
fn video_part(request: &Recorded) -> Script {
    if request.header("content-type") != Some("application/octet-stream") {
        return Script::json(
            400,
            r#"{"status":400,"message":"Content-Type must be application/octet-stream"}"#,
        );
    }
    let index: usize = request
        .path()
        .strip_prefix(VIDEO_PART_PATH)
        .and_then(|tail| tail.parse().ok())
        .unwrap_or(usize::MAX);
    let etag = part_etag(index);
    Script::respond(200, &[("etag", etag.as_str())], b"")
}

/// The Videos API page's answer to a GET of a video ("Get a Video"),
/// with this `status`.
fn video(status: &str) -> Script {
    let owner = "urn:li:organization:2414183";
    Script::json(
        200,
        &format!(
            r#"{{"duration":29433,"aspectRatioWidth":16.0,"owner":"{owner}","aspectRatioHeight":9.0,"id":"{VIDEO}","status":"{status}"}}"#
        ),
    )
}

/// [`linkedin`], except that the first `processing` GETs of a video answer
/// `PROCESSING` (as the Videos API page lists the statuses a video goes
/// through after `finalizeUpload`), then `AVAILABLE`.
///
/// ```
/// use linkedin_test_support::{HostileServer, documented};
///
/// let server = HostileServer::start(documented::video_processing_for(2));
/// # let _ = server;
/// ```
pub fn video_processing_for(
    processing: usize,
) -> impl Fn(&Recorded, usize) -> Script + Send + Sync {
    let polls = std::sync::atomic::AtomicUsize::new(0);
    move |request, index| {
        if request.method == "GET" && request.path().starts_with("/rest/videos/") {
            let seen = polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let status = if seen < processing {
                "PROCESSING"
            } else {
                "AVAILABLE"
            };
            return video(status);
        }
        linkedin(request, index)
    }
}

/// The metrics of campaign `campaign` on day `day` (days since
/// 1970-01-01) in the documented reporting answer: `impressions`, `clicks`
/// and `costInLocalCurrency` in cents (written as a decimal string, as
/// "Ads Reporting" shows money).
///
/// ```
/// let (impressions, clicks, cents) = linkedin_test_support::documented::analytics_metrics(1000, 19723);
/// assert!(clicks <= impressions);
/// # let _ = cents;
/// ```
pub fn analytics_metrics(campaign: u64, day: i64) -> (u64, u64, u64) {
    let seed = campaign
        .wrapping_mul(31)
        .wrapping_add(day.unsigned_abs().wrapping_mul(7));
    let impressions = 100 + seed % 900;
    let clicks = impressions / 10 + seed % 7;
    (impressions, clicks, clicks * 37 + seed % 100)
}

/// A day as `(year, month, day)` from days since 1970-01-01 (the civil
/// calendar, proleptic Gregorian).
///
/// ```
/// assert_eq!(linkedin_test_support::documented::civil(19723), (2024, 1, 1));
/// ```
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a civil date.
///
/// ```
/// assert_eq!(linkedin_test_support::documented::days(2024, 1, 1), 19723);
/// ```
pub fn days(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Reads `year`, `month` and `day` of the record `name:(...)` in a
/// Rest.li-encoded `dateRange`.
fn date_of(range: &str, name: &str) -> Option<i64> {
    let at = range.find(&format!("{name}:("))? + name.len() + 2;
    let record = range.get(at..)?.split(')').next()?;
    let mut parts = (None, None, None);
    for field in record.split(',') {
        let (key, value) = field.split_once(':')?;
        match key {
            "year" => parts.0 = value.parse::<i64>().ok(),
            "month" => parts.1 = value.parse::<u32>().ok(),
            "day" => parts.2 = value.parse::<u32>().ok(),
            _ => {}
        }
    }
    Some(days(parts.0?, parts.1?, parts.2?))
}

/// The analytics finder, as "Ads Reporting" shows its answer: `elements`
/// each with `pivotValues` (one URN), `dateRange` (`start` and `end` as
/// `{year, month, day}`) and the metrics asked for in `fields`, money as
/// decimal strings; a `paging` block that does not page. One row a
/// campaign a day, the latest day first (the page promises no order);
/// more than [`ANALYTICS_ROW_CAP`] rows is [`TOO_MANY_ENTITIES`].
fn analytics(request: &Recorded) -> Script {
    let bad =
        |message: &str| Script::json(400, &format!(r#"{{"status":400,"message":"{message}"}}"#));
    if request.param("pivot").as_deref() != Some("CAMPAIGN")
        || request.param("timeGranularity").as_deref() != Some("DAILY")
    {
        return bad("this double answers pivot=CAMPAIGN&timeGranularity=DAILY only");
    }
    let Some(range) = request.param("dateRange") else {
        return bad("dateRange is required");
    };
    let (Some(start), Some(end)) = (date_of(&range, "start"), date_of(&range, "end")) else {
        return bad("Invalid dateRange");
    };
    if end < start {
        return bad("Invalid dateRange");
    }
    let rows = u64::try_from(end - start + 1)
        .unwrap_or(u64::MAX)
        .saturating_mul(ANALYTICS_CAMPAIGNS);
    if rows > ANALYTICS_ROW_CAP {
        return Script::json(400, TOO_MANY_ENTITIES);
    }
    let fields = request.param("fields").unwrap_or_default();
    let asked = |name: &str| fields.split(',').any(|f| f == name);
    let mut elements = Vec::new();
    for day in (start..=end).rev() {
        let (year, month, date) = civil(day);
        let ymd = format!(r#"{{"year":{year},"month":{month},"day":{date}}}"#);
        for campaign in FIRST_ANALYTICS_CAMPAIGN..FIRST_ANALYTICS_CAMPAIGN + ANALYTICS_CAMPAIGNS {
            let (impressions, clicks, cents) = analytics_metrics(campaign, day);
            let mut row = vec![
                format!(r#""pivotValues":["urn:li:sponsoredCampaign:{campaign}"]"#),
                format!(r#""dateRange":{{"start":{ymd},"end":{ymd}}}"#),
            ];
            if asked("impressions") {
                row.push(format!(r#""impressions":{impressions}"#));
            }
            if asked("clicks") {
                row.push(format!(r#""clicks":{clicks}"#));
            }
            if asked("costInLocalCurrency") {
                row.push(format!(
                    r#""costInLocalCurrency":"{}.{:02}""#,
                    cents / 100,
                    cents % 100
                ));
            }
            elements.push(format!("{{{}}}", row.join(",")));
        }
    }
    Script::json(
        200,
        &format!(
            r#"{{"paging":{{"start":0,"count":10,"links":[]}},"elements":[{}]}}"#,
            elements.join(",")
        ),
    )
}

/// The `organizationAcls` answer: the member's roles.
const ORGANIZATION_ACLS: &str = r#"{"paging":{"count":10,"start":0,"links":[]},"elements":[{"roleAssignee":"urn:li:person:782bbtaQ","state":"APPROVED","role":"ADMINISTRATOR","organization":"urn:li:organization:2414183"},{"roleAssignee":"urn:li:person:782bbtaQ","state":"REQUESTED","role":"ANALYST","organization":"urn:li:organization:1000"}]}"#;

/// The comment the double holds: what was sent is not kept, the page's
/// example is answered.
fn comment_json(object: &str) -> String {
    format!(
        r#"{{"actor":"urn:li:person:782bbtaQ","commentUrn":"urn:li:comment:({object},{CREATED_COMMENT})","id":"{CREATED_COMMENT}","message":{{"text":"Nice post"}},"object":"{object}","created":{{"actor":"urn:li:person:782bbtaQ","time":1575000000000}}}}"#
    )
}

/// CREATE and GET_ALL of one post's comments.
fn comments(request: &Recorded) -> Script {
    let object = request
        .path()
        .trim_start_matches("/rest/socialActions/")
        .trim_end_matches("/comments")
        .replace("%3A", ":")
        .replace("%3a", ":");
    match request.method.as_str() {
        "POST" => Script::respond(
            201,
            &[
                ("x-restli-id", CREATED_COMMENT),
                ("x-restli-protocol-version", "2.0.0"),
                ("content-type", "application/json"),
            ],
            comment_json(&object).as_bytes(),
        ),
        "GET" => Script::json(
            200,
            &format!(
                r#"{{"paging":{{"start":0,"count":10,"total":1,"links":[]}},"elements":[{}]}}"#,
                comment_json(&object)
            ),
        ),
        _ => Script::json(404, NOT_FOUND),
    }
}

/// CREATE of a reaction: the reaction URN of the actor and the root.
fn reaction_created(request: &Recorded) -> Script {
    // URNs in a query are percent-encoded; the reaction URN shows them raw.
    let actor = request
        .param("actor")
        .unwrap_or_default()
        .replace("%3A", ":");
    let root = root_of(&request.body);
    let id = format!("urn:li:reaction:({actor},{root})");
    Script::respond(
        201,
        &[
            ("x-restli-id", id.as_str()),
            ("x-restli-protocol-version", "2.0.0"),
        ],
        b"",
    )
}

/// The `root` of a reaction's JSON body, read without a JSON parser (this
/// crate is std only): the text of `"root":"..."`.
fn root_of(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    text.split_once(r#""root":""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(root, _)| root.to_owned())
        .unwrap_or_default()
}

/// One page of the cursor-paged ad accounts. The token is opaque to the
/// client (`cursor-` and the offset, as our double spells it); an unknown
/// token is a 400, as LinkedIn answers a malformed one.
fn cursor_page(request: &Recorded) -> Script {
    let size = match request.param("pageSize") {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => match text.parse::<u64>() {
            Ok(size) if (1..=1000).contains(&size) => size,
            _ => return Script::json(400, r#"{"status":400,"message":"Invalid pageSize"}"#),
        },
    };
    let offset = match request.param("pageToken") {
        None => 0,
        Some(token) => match token
            .strip_prefix("cursor-")
            .and_then(|n| n.parse::<u64>().ok())
        {
            Some(offset) if offset < AD_ACCOUNTS => offset,
            _ => return Script::json(400, r#"{"status":400,"message":"Invalid pageToken"}"#),
        },
    };
    let end = (offset + size).min(AD_ACCOUNTS);
    let elements: Vec<String> = (offset..end)
        .map(|id| format!(r#"{{"id":{id},"name":"account {id}","status":"ACTIVE"}}"#))
        .collect();
    let metadata = if end < AD_ACCOUNTS {
        format!(r#"{{"nextPageToken":"cursor-{end}"}}"#)
    } else {
        "{}".to_owned()
    };
    Script::json(
        200,
        &format!(
            r#"{{"elements":[{}],"metadata":{metadata}}}"#,
            elements.join(",")
        ),
    )
}

/// Checks a client's walk through the cursor-paged ad accounts, the
/// same way for every transport: `ids` are every account once, in order;
/// the first request carries no `pageToken`, each later one the token the
/// page before it gave (so none twice) and `pageSize` = `page_size`; and no
/// request follows the last page.
///
/// ```
/// use linkedin_test_support::{Recorded, documented};
///
/// let get = |target: &str| Recorded { method: "GET".into(), target: target.into(), headers: vec![], body: vec![] };
/// let requests = [
///     get("/rest/adAccounts?q=search&pageSize=20"),
///     get("/rest/adAccounts?q=search&pageSize=20&pageToken=cursor-20"),
/// ];
/// let ids: Vec<u64> = (0..documented::AD_ACCOUNTS).collect();
/// assert_eq!(documented::check_cursor_walk(&ids, &requests, 20), Ok(()));
/// assert!(documented::check_cursor_walk(&ids[1..], &requests, 20).is_err());
/// ```
///
/// # Errors
///
/// What was wrong, in words.
pub fn check_cursor_walk(ids: &[u64], requests: &[Recorded], page_size: u64) -> Result<(), String> {
    let expected: Vec<u64> = (0..AD_ACCOUNTS).collect();
    if ids != expected.as_slice() {
        return Err(format!(
            "expected every account once, in order; got {ids:?}"
        ));
    }
    let Some((first, later)) = requests.split_first() else {
        return Err("no request".to_owned());
    };
    if first.param("pageToken").is_some() {
        return Err(format!("the first request sent a token: {}", first.target));
    }
    let mut offset = match first.param("pageSize") {
        Some(size) => size
            .parse::<u64>()
            .map_err(|e| format!("pageSize {size}: {e}"))?,
        None => DEFAULT_PAGE_SIZE,
    };
    for request in later {
        if request.param("pageToken") != Some(format!("cursor-{offset}")) {
            return Err(format!(
                "expected the token cursor-{offset}: {}",
                request.target
            ));
        }
        if request.param("pageSize") != Some(page_size.to_string()) {
            return Err(format!("expected pageSize={page_size}: {}", request.target));
        }
        offset += page_size;
    }
    if offset < AD_ACCOUNTS {
        return Err(format!("stopped after {offset} of {AD_ACCOUNTS} accounts"));
    }
    if later
        .last()
        .is_some_and(|_| offset - page_size >= AD_ACCOUNTS)
    {
        return Err("a request after the last page".to_owned());
    }
    Ok(())
}

/// A handler answering any GET with one page of a collection of `total`
/// generated elements (`{"id":N,"name":"item N","status":"ACTIVE","padding":"x…"}`,
/// `padding` bytes of padding each), in the shape of LinkedIn's
/// pagination page
/// (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/pagination>):
/// `start` (default 0) and `count` (default 10) read from the query,
/// `elements` and `paging: {count, start}` answered, no `total`; the
/// last page has fewer elements than `count` (empty when `total` is a
/// multiple of it). Nothing is stored: a page is generated when asked for,
/// so a walk of 100,000 elements costs the server one page of memory.
///
/// ```
/// use linkedin_test_support::{HostileServer, documented};
///
/// let server = HostileServer::start_unrecorded(documented::collection_pages(25, 8));
/// # let _ = server;
/// ```
pub fn collection_pages(
    total: u64,
    padding: usize,
) -> impl Fn(&Recorded, usize) -> Script + Send + Sync + 'static {
    let padding = "x".repeat(padding);
    move |request, _| {
        let number = |name: &str, default: u64| {
            request
                .param(name)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(default)
        };
        let (start, count) = (number("start", 0), number("count", 10));
        let end = start.saturating_add(count).min(total);
        let mut body =
            String::with_capacity(64 + (end.saturating_sub(start) as usize) * (padding.len() + 64));
        body.push_str(r#"{"elements":["#);
        for id in start..end {
            if id > start {
                body.push(',');
            }
            let _ = write!(
                body,
                r#"{{"id":{id},"name":"item {id}","status":"ACTIVE","padding":"{padding}"}}"#
            );
        }
        let _ = write!(body, r#"],"paging":{{"count":{count},"start":{start}}}}}"#);
        Script::json(200, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Step;

    fn get(target: &str) -> Recorded {
        Recorded {
            method: "GET".into(),
            target: target.into(),
            headers: vec![],
            body: vec![],
        }
    }

    fn text(script: &Script) -> String {
        script
            .0
            .iter()
            .map(|step| match step {
                Step::Write(bytes) => String::from_utf8_lossy(bytes).into_owned(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn cursor_pages_end_without_a_token_and_carry_no_paging() {
        let first = text(&linkedin(&get("/rest/adAccounts?q=search&pageSize=10"), 0));
        assert!(first.contains(r#""nextPageToken":"cursor-10""#), "{first}");
        assert!(!first.contains("paging"));
        let last = text(&linkedin(
            &get("/rest/adAccounts?q=search&pageSize=10&pageToken=cursor-20&start=0"),
            0,
        ));
        assert!(!last.contains("nextPageToken"), "{last}");
        assert!(last.contains(r#""id":22"#));
        assert!(
            text(&linkedin(&get("/rest/adAccounts?q=search&pageToken=x"), 0))
                .starts_with("HTTP/1.1 400")
        );
    }

    #[test]
    fn collection_pages_end_with_a_short_page() {
        let pages = collection_pages(25, 3);
        let page = |target: &str| {
            let answer = text(&pages(&get(target), 0));
            let body = answer
                .split("\r\n\r\n")
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            serde_json::from_str::<serde_json::Value>(&body).unwrap()
        };
        let first = page("/v2/items");
        assert_eq!(first["elements"].as_array().unwrap().len(), 10);
        assert_eq!(
            first["paging"],
            serde_json::json!({"count": 10, "start": 0})
        );
        assert_eq!(
            first["elements"][0],
            serde_json::json!({"id": 0, "name": "item 0", "status": "ACTIVE", "padding": "xxx"})
        );
        let last = page("/v2/items?start=20&count=10");
        let ids: Vec<u64> = last["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, [20, 21, 22, 23, 24]);
        assert_eq!(
            page("/v2/items?start=25&count=5")["elements"],
            serde_json::json!([])
        );
    }

    #[test]
    fn a_comment_and_a_reaction_are_created_as_their_pages_show() {
        let comment = linkedin(
            &Recorded {
                method: "POST".into(),
                target: "/rest/socialActions/urn%3Ali%3Ashare%3A1/comments".into(),
                headers: vec![],
                body: b"{}".to_vec(),
            },
            0,
        );
        let comment = text(&comment);
        assert!(comment.starts_with("HTTP/1.1 201"), "{comment}");
        assert!(
            comment.contains("x-restli-id: 6636062862760562688"),
            "{comment}"
        );
        assert!(
            comment.contains(r#""object":"urn:li:share:1""#),
            "{comment}"
        );
        let reaction = text(&linkedin(
            &Recorded {
                method: "POST".into(),
                target: "/rest/reactions?actor=urn%3Ali%3Aperson%3Aa".into(),
                headers: vec![],
                body: br#"{"reactionType":"LIKE","root":"urn:li:share:1"}"#.to_vec(),
            },
            0,
        ));
        assert!(
            reaction.contains("x-restli-id: urn:li:reaction:(urn:li:person:a,urn:li:share:1)"),
            "{reaction}"
        );
    }

    #[test]
    fn userinfo_is_only_under_v2() {
        assert!(text(&linkedin(&get("/v2/userinfo"), 0)).starts_with("HTTP/1.1 200"));
        assert!(text(&linkedin(&get("/rest/userinfo"), 0)).starts_with("HTTP/1.1 404"));
    }
}
