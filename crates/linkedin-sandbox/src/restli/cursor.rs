//! Cursor paging of LinkedIn's ads search finders.
//!
//! From `LinkedIn-Version` 202401 on, the search finders of ad accounts,
//! campaign groups, campaigns and creatives page by cursor instead of by
//! index: `pageSize` (default 100) and `pageToken` in, `metadata.nextPageToken`
//! out (absent on the last page), no `paging` block, `start` and `count`
//! ignored
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination>).
//! The finders, by their documented paths:
//!
//! | path | finder |
//! |---|---|
//! | `/rest/adAccounts` | `q=search` ([account search](https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-accounts)) |
//! | `/rest/adAccounts/{id}/adCampaignGroups` | `q=search` ([campaign groups](https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaign-groups)) |
//! | `/rest/adAccounts/{id}/adCampaigns` | `q=search` ([campaigns](https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns)) |
//! | `/rest/adAccounts/{id}/creatives` | `q=criteria` ([creatives](https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-creatives)) |
//!
//! The cursor page gives the default page size only; the largest is taken
//! as 1000 (the limit the ads search pages state). Larger sizes are cut to
//! it rather than refused: a client asking for more still pages correctly.
//!
//! Tokens are opaque to clients: the offset of the next page bound to a
//! fingerprint of the collection, finder and criteria, so a token from
//! another search, or a mangled one, is LinkedIn's 400 rather than a
//! silently wrong page.

use serde_json::{Value, json};

use super::call::Call;
use crate::errors::{ApiError, excerpt};

/// The first `LinkedIn-Version` (YYYYMM) whose ads search finders page by cursor.
pub(crate) const FIRST_CURSOR_VERSION: u32 = 202401;

/// Elements per page without `pageSize`.
pub(crate) const DEFAULT_PAGE_SIZE: u64 = 100;

/// The largest page; larger `pageSize`s are cut to it.
pub(crate) const MAX_PAGE_SIZE: u64 = 1000;

/// The cursor finders: resource names along the path (keys left out) and
/// the finder name.
const CURSOR_FINDERS: &[(&[&str], &str)] = &[
    (&["adAccounts"], "search"),
    (&["adAccounts", "adCampaignGroups"], "search"),
    (&["adAccounts", "adCampaigns"], "search"),
    (&["adAccounts", "creatives"], "criteria"),
];

/// Whether this finder call pages by cursor: a versioned call from 202401 on
/// to one of [`CURSOR_FINDERS`].
pub(crate) fn applies(call: &Call, finder: &str) -> bool {
    if call.version.is_none_or(|v| v < FIRST_CURSOR_VERSION) {
        return false;
    }
    let resources: Vec<&str> = call.collection.split('/').step_by(2).collect();
    CURSOR_FINDERS
        .iter()
        .any(|(path, name)| *name == finder && *path == resources.as_slice())
}

/// One cursor page of `entities` (all matches, in order) for `call`.
pub(crate) fn page(call: &Call, finder: &str, entities: Vec<Value>) -> Result<Value, ApiError> {
    let size = page_size(call.params.get("pageSize"))?;
    let fingerprint = fingerprint(call, finder);
    let offset = match call.params.get("pageToken") {
        None => 0,
        Some(Value::String(token)) => {
            decode_token(token, fingerprint).ok_or_else(|| bad_token(token))?
        }
        Some(other) => return Err(bad_token(&other.to_string())),
    };
    let total = u64::try_from(entities.len()).unwrap_or(u64::MAX);
    let skip = usize::try_from(offset).unwrap_or(usize::MAX);
    let take = usize::try_from(size).unwrap_or(usize::MAX);
    let elements: Vec<Value> = entities.into_iter().skip(skip).take(take).collect();
    let next = offset.saturating_add(size);
    let mut metadata = serde_json::Map::new();
    if next < total {
        metadata.insert(
            "nextPageToken".into(),
            json!(encode_token(next, fingerprint)),
        );
    }
    Ok(json!({"elements": elements, "metadata": metadata}))
}

fn page_size(value: Option<&Value>) -> Result<u64, ApiError> {
    let Some(value) = value else {
        return Ok(DEFAULT_PAGE_SIZE);
    };
    let size = value
        .as_str()
        .and_then(|text| text.parse::<u64>().ok())
        .filter(|&size| size > 0)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "query parameter \"pageSize\" must be a positive integer, found {}",
                excerpt(&value.to_string())
            ))
        })?;
    Ok(size.min(MAX_PAGE_SIZE))
}

fn bad_token(token: &str) -> ApiError {
    ApiError::bad_request(format!(
        "Invalid pageToken {}: pass the nextPageToken of the previous page of the same search",
        excerpt(token)
    ))
}

/// A stable fingerprint (FNV-1a, 64 bits) of what the search is: the
/// collection, the finder and its criteria, not the paging parameters.
fn fingerprint(call: &Call, finder: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes.iter().chain(std::iter::once(&0xff)) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(call.collection.as_bytes());
    feed(finder.as_bytes());
    for (name, value) in call.params.criteria() {
        feed(name.as_bytes());
        feed(value.to_string().as_bytes());
    }
    hash
}

fn encode_token(offset: u64, fingerprint: u64) -> String {
    format!("{fingerprint:016x}{offset:x}")
}

fn decode_token(token: &str, fingerprint: u64) -> Option<u64> {
    if token.len() > 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let (head, offset) = (token.get(..16)?, token.get(16..)?);
    if u64::from_str_radix(head, 16).ok()? != fingerprint || offset.is_empty() {
        return None;
    }
    u64::from_str_radix(offset, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tokens_are_bound_to_their_search() {
        let token = encode_token(100, 7);
        assert_eq!(decode_token(&token, 7), Some(100));
        assert_eq!(decode_token(&token, 8), None);
        assert_eq!(decode_token("", 7), None);
        assert_eq!(decode_token("not a token", 7), None);
        assert_eq!(decode_token(&encode_token(0, 7)[..16], 7), None);
    }

    #[test]
    fn page_sizes() {
        assert_eq!(page_size(None).unwrap(), 100);
        assert_eq!(page_size(Some(&json!("5"))).unwrap(), 5);
        assert_eq!(page_size(Some(&json!("5000"))).unwrap(), 1000);
        assert!(page_size(Some(&json!("0"))).is_err());
        assert!(page_size(Some(&json!("-1"))).is_err());
        assert!(page_size(Some(&json!({"a": "1"}))).is_err());
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "é".repeat(500);
        let message = bad_token(&long).message;
        assert!(message.len() < 400, "{}", message.len());
        assert!(message.contains("1000 bytes"), "{message}");
    }

    proptest! {
        #[test]
        fn token_round_trip(offset in any::<u64>(), fingerprint in any::<u64>()) {
            prop_assert_eq!(decode_token(&encode_token(offset, fingerprint), fingerprint), Some(offset));
        }

        #[test]
        fn decoding_never_panics(token in "\\PC{0,40}", fingerprint in any::<u64>()) {
            let _ = decode_token(&token, fingerprint);
        }
    }
}
