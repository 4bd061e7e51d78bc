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
        _ => Script::json(404, NOT_FOUND),
    }
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
