//! `GET /rest/adAnalytics?q=analytics|statistics`, as "Ads Reporting"
//! documents it
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting>):
//! `pivot` (or `pivots=List(..)`, up to three), `timeGranularity`
//! (`ALL`, `DAILY`, `MONTHLY`, `YEARLY`), `dateRange=(start:(year,month,day),end:(..))`
//! (`end` optional: today), the facets `accounts`, `campaignGroups`,
//! `campaigns`, `creatives` (URN lists, at least one), and `fields` naming
//! the metrics (plus `dateRange` and `pivotValues`).
//!
//! Every answer is the sum of cells of the one daily table (`table.rs`)
//! over the creatives the facets select, grouped by the pivots' values and
//! the granularity's buckets (months and years cut at the range's ends),
//! so any pivot and granularity of one range add up to the same totals.
//! The work is bounded: at most five years of days (`table::FIRST_DAY` to
//! `table::LAST_DAY`) times the creatives selected, and at most the row
//! cap plus one groups kept in memory before a report is refused.

use std::collections::{BTreeMap, HashMap};

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use restli_codec::Method;
use serde_json::Value;

use super::AdsConfig;
use super::days::Ymd;
use super::table::{self, METRIC_COUNT, METRICS};
use crate::errors::{ApiError, excerpt};
use crate::restli::Call;
use crate::store::{Key, Store};

/// The collection the reports are served at.
const COLLECTION: &str = "adAnalytics";

/// The pivots the sandbox computes: the account structure, and the
/// company (the organization the account belongs to).
const SUPPORTED: &[&str] = &[
    "ACCOUNT",
    "CAMPAIGN_GROUP",
    "CAMPAIGN",
    "CREATIVE",
    "COMPANY",
];

/// The other pivots "Ads Reporting" lists: known, but refused here
/// because the synthetic table has no member, placement or conversion
/// breakdown to report honestly.
const KNOWN_UNSUPPORTED: &[&str] = &[
    "SHARE",
    "CONVERSION",
    "CONVERSATION_NODE",
    "CONVERSATION_NODE_OPTION_INDEX",
    "SERVING_LOCATION",
    "CARD_INDEX",
    "MEMBER_COMPANY_SIZE",
    "MEMBER_INDUSTRY",
    "MEMBER_SENIORITY",
    "MEMBER_JOB_TITLE",
    "MEMBER_JOB_FUNCTION",
    "MEMBER_COUNTRY_V2",
    "MEMBER_REGION_V2",
    "MEMBER_COMPANY",
    "PLACEMENT_NAME",
    "IMPRESSION_DEVICE_TYPE",
];

/// The most pivots of the `statistics` finder.
const MAX_PIVOTS: usize = 3;

/// The most metrics one request asks for ("Ads Reporting": 20).
const MAX_METRICS: usize = 20;

/// The facets and the URN type of their values.
const FACETS: &[(&str, &str)] = &[
    ("accounts", "urn:li:sponsoredAccount:"),
    ("campaignGroups", "urn:li:sponsoredCampaignGroup:"),
    ("campaigns", "urn:li:sponsoredCampaign:"),
    ("creatives", "urn:li:sponsoredCreative:"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Granularity {
    All,
    Daily,
    Monthly,
    Yearly,
}

/// One creative with the entities above it, as URNs.
#[derive(Debug)]
struct Creative {
    id: u64,
    /// `[account, campaign group, campaign, creative, company]` URNs.
    urns: [String; 5],
}

fn urn_index(pivot: &str) -> usize {
    match pivot {
        "ACCOUNT" => 0,
        "CAMPAIGN_GROUP" => 1,
        "CAMPAIGN" => 2,
        "CREATIVE" => 3,
        _ => 4,
    }
}

/// A report asked for, with what it reads from the store taken out of it:
/// [`prepare`] runs under the store's lock, [`ReportJob::run`] (the
/// computing, over up to the row cap of groups and every day) after it is
/// released, so other requests are not held up by a long report.
pub(crate) struct ReportJob {
    pivots: Vec<String>,
    granularity: Granularity,
    start: i64,
    end: i64,
    fields: Fields,
    creatives: Vec<Creative>,
}

/// The report `call` asks for when it is an `adAnalytics` finder (its
/// parameters checked, its creatives read from `store`); `None` for every
/// other call, which the generic methods serve.
pub(crate) fn prepare(
    store: &Store,
    call: &Call,
    today: i64,
) -> Option<Result<ReportJob, ApiError>> {
    if call.collection != COLLECTION || call.method != Method::Finder || call.key.is_some() {
        return None;
    }
    Some(job(store, call, today))
}

fn job(store: &Store, call: &Call, today: i64) -> Result<ReportJob, ApiError> {
    let pivots = pivots(call)?;
    let granularity = granularity(call.params.get("timeGranularity"))?;
    let (start, end) = date_range(call.params.get("dateRange"), today)?;
    let facets = facets(call)?;
    let fields = fields(call.params.get("fields"))?;
    let creatives = creatives(store, &facets);
    Ok(ReportJob {
        pivots,
        granularity,
        start,
        end,
        fields,
        creatives,
    })
}

fn invalid(param: &str, message: String) -> ApiError {
    ApiError::invalid_input("INVALID_VALUE", param.to_owned(), message)
}

impl ReportJob {
    /// The answer: the report's rows, or the refusal of one over the cap.
    pub(crate) fn run(self, config: &AdsConfig) -> Result<Response, ApiError> {
        self.body(config).map(|body| {
            (
                StatusCode::OK,
                [(http::header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response()
        })
    }

    /// The answer's body, written row by row straight into its text (a tree of
    /// `serde_json::Value`s for 15,000 rows would cost tens of megabytes).
    fn body(self, config: &AdsConfig) -> Result<String, ApiError> {
        let ReportJob {
            pivots,
            granularity,
            start,
            end,
            fields,
            creatives,
        } = self;
        let first = start.max(table::FIRST_DAY.to_days());
        let last = end.min(table::LAST_DAY.to_days());

        // Pivot values interned per creative, so the grouping key is small.
        let mut groups: Vec<Vec<String>> = Vec::new();
        let mut group_of: HashMap<Vec<String>, usize> = HashMap::new();
        let mut creative_group = Vec::with_capacity(creatives.len());
        for creative in &creatives {
            let values: Vec<String> = pivots
                .iter()
                .map(|p| creative.urns.get(urn_index(p)).cloned().unwrap_or_default())
                .collect();
            let next = groups.len();
            let group = *group_of.entry(values.clone()).or_insert_with(|| {
                groups.push(values);
                next
            });
            creative_group.push(group);
        }

        let mut sums: BTreeMap<(i64, usize), [u64; METRIC_COUNT]> = BTreeMap::new();
        for (creative, group) in creatives.iter().zip(&creative_group) {
            for day in first..=last {
                let bucket = bucket_start(granularity, day, start);
                let key = (bucket, *group);
                if !sums.contains_key(&key) && sums.len() >= config.row_cap {
                    return Err(too_many_rows(config.row_cap));
                }
                let cell = table::cell(config.seed, creative.id, day);
                let sum = sums.entry(key).or_insert([0; METRIC_COUNT]);
                for (total, value) in sum.iter_mut().zip(cell) {
                    *total = total.saturating_add(value);
                }
            }
        }

        // About 200 bytes a row.
        let mut body = String::with_capacity(64 + sums.len().saturating_mul(200));
        body.push_str(r#"{"elements":["#);
        for (i, ((bucket, group), sum)) in sums.into_iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push('{');
            let mut first = true;
            let mut field = |body: &mut String, name: &str| {
                if !first {
                    body.push(',');
                }
                first = false;
                body.push('"');
                body.push_str(name);
                body.push_str("\":");
            };
            if fields.date_range {
                field(&mut body, "dateRange");
                let bucket_end = bucket_end(granularity, bucket, end);
                body.push_str(r#"{"start":"#);
                push_ymd(&mut body, bucket);
                body.push_str(r#","end":"#);
                push_ymd(&mut body, bucket_end);
                body.push('}');
            }
            if fields.pivot_values {
                field(&mut body, "pivotValues");
                let values = groups.get(group).map(Vec::as_slice).unwrap_or_default();
                body.push_str(&serde_json::to_string(values).unwrap_or_else(|_| "[]".to_owned()));
            }
            for &index in &fields.metrics {
                let (Some(name), Some(value)) = (METRICS.get(index), sum.get(index)) else {
                    continue;
                };
                field(&mut body, name);
                if table::is_money(index) {
                    body.push('"');
                    body.push_str(&table::money(*value));
                    body.push('"');
                } else {
                    body.push_str(&value.to_string());
                }
            }
            body.push('}');
        }
        body.push_str(r#"],"paging":{"start":0,"count":10,"links":[]}}"#);
        Ok(body)
    }
}

/// The refusal of a report over the cap: LinkedIn's words for an answer
/// past its limit ("Campaigns",
/// <https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns>:
/// `Request would return too many entities.`), then the sandbox's own
/// detail naming the cap.
fn too_many_rows(cap: usize) -> ApiError {
    ApiError::bad_request(format!(
        "Request would return too many entities. More than {cap} elements, the most one adAnalytics response holds; \
         ask for a shorter dateRange, a coarser timeGranularity or fewer accounts, campaigns or creatives"
    ))
}

/// Writes a day as `{"year":..,"month":..,"day":..}`.
fn push_ymd(body: &mut String, days: i64) {
    let date = Ymd::from_days(days);
    body.push_str(&format!(
        r#"{{"year":{},"month":{},"day":{}}}"#,
        date.year, date.month, date.day
    ));
}

/// The first day of the bucket `day` falls in, cut at the range's start.
fn bucket_start(granularity: Granularity, day: i64, start: i64) -> i64 {
    let date = Ymd::from_days(day);
    let first = match granularity {
        Granularity::All => return start,
        Granularity::Daily => return day,
        Granularity::Monthly => date.month_start(),
        Granularity::Yearly => Ymd {
            month: 1,
            day: 1,
            ..date
        },
    };
    first.to_days().max(start)
}

/// The last day of the bucket starting at `bucket`, cut at the range's end.
fn bucket_end(granularity: Granularity, bucket: i64, end: i64) -> i64 {
    let date = Ymd::from_days(bucket);
    let last = match granularity {
        Granularity::All => return end,
        Granularity::Daily => return bucket,
        Granularity::Monthly => date.month_end(),
        Granularity::Yearly => Ymd {
            month: 12,
            day: 31,
            ..date
        },
    };
    last.to_days().min(end)
}

/// A parameter given as `X` or as the older record form `(value:X)`.
fn enum_text(value: &Value) -> Option<&str> {
    match value {
        Value::String(text) => Some(text),
        Value::Object(fields) if fields.len() == 1 => fields.get("value").and_then(Value::as_str),
        _ => None,
    }
}

fn check_pivot(param: &str, value: &Value) -> Result<String, ApiError> {
    let text = enum_text(value).ok_or_else(|| {
        invalid(
            param,
            format!(
                "{param} must be a pivot name, found {}",
                excerpt(&value.to_string())
            ),
        )
    })?;
    if SUPPORTED.contains(&text) {
        return Ok(text.to_owned());
    }
    if KNOWN_UNSUPPORTED.contains(&text) {
        return Err(invalid(
            param,
            format!(
                "the sandbox does not compute the pivot {text}; it reports by {}",
                SUPPORTED.join(", ")
            ),
        ));
    }
    Err(invalid(
        param,
        format!("Invalid value for {param}: {}", excerpt(text)),
    ))
}

fn pivots(call: &Call) -> Result<Vec<String>, ApiError> {
    let finder = call.params.text("q")?.unwrap_or_default();
    match finder {
        "analytics" => {
            let pivot = call
                .params
                .get("pivot")
                .ok_or_else(|| invalid("pivot", "the analytics finder needs pivot".into()))?;
            Ok(vec![check_pivot("pivot", pivot)?])
        }
        "statistics" => {
            let pivots = match call.params.get("pivots") {
                Some(Value::Array(list)) => list.clone(),
                Some(one) => vec![one.clone()],
                None => {
                    return Err(invalid(
                        "pivots",
                        "the statistics finder needs pivots=List(..)".into(),
                    ));
                }
            };
            if pivots.is_empty() || pivots.len() > MAX_PIVOTS {
                return Err(invalid(
                    "pivots",
                    format!(
                        "pivots takes 1 to {MAX_PIVOTS} pivots, {} were given",
                        pivots.len()
                    ),
                ));
            }
            let checked = pivots
                .iter()
                .map(|p| check_pivot("pivots", p))
                .collect::<Result<Vec<_>, _>>()?;
            for (i, pivot) in checked.iter().enumerate() {
                if checked.iter().take(i).any(|earlier| earlier == pivot) {
                    return Err(invalid(
                        "pivots",
                        format!("the pivot {pivot} is given twice"),
                    ));
                }
            }
            Ok(checked)
        }
        other => Err(ApiError::bad_request(format!(
            "adAnalytics has no finder {}: use q=analytics or q=statistics",
            excerpt(other)
        ))),
    }
}

fn granularity(value: Option<&Value>) -> Result<Granularity, ApiError> {
    let value = value.ok_or_else(|| {
        invalid(
            "timeGranularity",
            "timeGranularity is required (ALL, DAILY, MONTHLY or YEARLY)".into(),
        )
    })?;
    match enum_text(value) {
        Some("ALL") => Ok(Granularity::All),
        Some("DAILY") => Ok(Granularity::Daily),
        Some("MONTHLY") => Ok(Granularity::Monthly),
        Some("YEARLY") => Ok(Granularity::Yearly),
        _ => Err(invalid(
            "timeGranularity",
            format!(
                "Invalid value for timeGranularity: {} (ALL, DAILY, MONTHLY or YEARLY)",
                excerpt(&value.to_string())
            ),
        )),
    }
}

/// A number given as a decoded Rest.li primitive (text) or a JSON number.
fn number(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::String(text) => text.parse().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

fn date(value: Option<&Value>, which: &str) -> Result<Option<i64>, ApiError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let bad = || {
        invalid(
            "dateRange",
            format!(
                "dateRange.{which} must be a date record (year:..,month:..,day:..) of a real day, found {}",
                excerpt(&value.to_string())
            ),
        )
    };
    let year = number(value.get("year")).ok_or_else(bad)?;
    let month = number(value.get("month")).and_then(|m| u32::try_from(m).ok());
    let day = number(value.get("day")).and_then(|d| u32::try_from(d).ok());
    let (Some(month), Some(day)) = (month, day) else {
        return Err(bad());
    };
    Ymd::new(year, month, day)
        .map(|d| Some(d.to_days()))
        .ok_or_else(bad)
}

fn date_range(value: Option<&Value>, today: i64) -> Result<(i64, i64), ApiError> {
    let value = value.ok_or_else(|| {
        invalid(
            "dateRange",
            "dateRange is required: dateRange=(start:(year:..,month:..,day:..),end:(..))".into(),
        )
    })?;
    if !value.is_object() {
        return Err(invalid(
            "dateRange",
            format!(
                "dateRange must be a record, found {}",
                excerpt(&value.to_string())
            ),
        ));
    }
    let start = date(value.get("start"), "start")?
        .ok_or_else(|| invalid("dateRange", "dateRange needs a start".into()))?;
    let end = date(value.get("end"), "end")?.unwrap_or(today);
    if start > end {
        return Err(invalid(
            "dateRange",
            "dateRange starts after it ends".into(),
        ));
    }
    Ok((start, end))
}

/// The facets given: per facet, the ids it names.
fn facets(call: &Call) -> Result<Vec<(usize, Vec<u64>)>, ApiError> {
    let mut given = Vec::new();
    for (index, (name, prefix)) in FACETS.iter().enumerate() {
        let Some(value) = call.params.get(name) else {
            continue;
        };
        let list = match value {
            Value::Array(list) => list.clone(),
            one => vec![one.clone()],
        };
        let ids = list
            .iter()
            .map(|v| {
                v.as_str()
                    .and_then(|urn| urn.strip_prefix(prefix))
                    .and_then(|id| id.parse::<u64>().ok())
                    .ok_or_else(|| {
                        invalid(
                            name,
                            format!(
                                "{name} takes {prefix}N URNs, found {}",
                                excerpt(&v.to_string())
                            ),
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        given.push((index, ids));
    }
    if given.is_empty() {
        return Err(invalid(
            "accounts",
            "one of accounts, campaignGroups, campaigns or creatives is required".into(),
        ));
    }
    Ok(given)
}

#[derive(Debug)]
struct Fields {
    date_range: bool,
    pivot_values: bool,
    metrics: Vec<usize>,
}

fn fields(value: Option<&Value>) -> Result<Fields, ApiError> {
    let Some(text) = value.and_then(Value::as_str) else {
        // Without `fields`, impressions and clicks.
        return Ok(Fields {
            date_range: true,
            pivot_values: true,
            metrics: vec![0, 1],
        });
    };
    let mut fields = Fields {
        date_range: false,
        pivot_values: false,
        metrics: Vec::new(),
    };
    let mut count = 0usize;
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match name {
            "dateRange" => fields.date_range = true,
            "pivotValues" => fields.pivot_values = true,
            other => {
                count += 1;
                if let Some(index) = table::metric_index(other)
                    && !fields.metrics.contains(&index)
                {
                    fields.metrics.push(index);
                }
            }
        }
    }
    if count > MAX_METRICS {
        return Err(invalid(
            "fields",
            format!("fields asks for {count} metrics, at most {MAX_METRICS} are allowed"),
        ));
    }
    Ok(fields)
}

/// The id in `prefix<id>`, from a URN string or a number.
fn id_of(value: Option<&Value>, prefix: &str) -> Option<u64> {
    match value? {
        Value::String(text) => text.strip_prefix(prefix).unwrap_or(text).parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

/// The creatives in the store the facets select, with their ancestors.
fn creatives(store: &Store, facets: &[(usize, Vec<u64>)]) -> Vec<Creative> {
    let mut found = Vec::new();
    let Some(accounts) = store.existing("adAccounts") else {
        return found;
    };
    for account in accounts.list() {
        let Some(account_id) = id_of(account.entity.get("id"), "") else {
            continue;
        };
        let company = account
            .entity
            .get("reference")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let parent = &account.key.canonical;
        let campaigns = store.existing(&format!("adAccounts/{parent}/adCampaigns"));
        let Some(creatives) = store.existing(&format!("adAccounts/{parent}/creatives")) else {
            continue;
        };
        for creative in creatives.list() {
            let Some(id) = id_of(creative.entity.get("id"), "urn:li:sponsoredCreative:") else {
                continue;
            };
            let Some(campaign_id) =
                id_of(creative.entity.get("campaign"), "urn:li:sponsoredCampaign:")
            else {
                continue;
            };
            let group_id = Key::from_value(Value::String(campaign_id.to_string()))
                .ok()
                .and_then(|key| campaigns?.get(&key.canonical))
                .and_then(|c| {
                    id_of(
                        c.entity.get("campaignGroup"),
                        "urn:li:sponsoredCampaignGroup:",
                    )
                });
            let Some(group_id) = group_id else {
                continue;
            };
            let ids = [account_id, group_id, campaign_id, id];
            let selected = facets
                .iter()
                .all(|(index, wanted)| ids.get(*index).is_some_and(|id| wanted.contains(id)));
            if selected {
                found.push(Creative {
                    id,
                    urns: [
                        format!("urn:li:sponsoredAccount:{account_id}"),
                        format!("urn:li:sponsoredCampaignGroup:{group_id}"),
                        format!("urn:li:sponsoredCampaign:{campaign_id}"),
                        format!("urn:li:sponsoredCreative:{id}"),
                        company.clone(),
                    ],
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn buckets_are_cut_at_the_range() {
        let day = |y, m, d| Ymd::new(y, m, d).unwrap().to_days();
        let (start, end) = (day(2024, 1, 15), day(2024, 3, 10));
        assert_eq!(
            bucket_start(Granularity::Monthly, day(2024, 1, 20), start),
            start
        );
        assert_eq!(
            bucket_start(Granularity::Monthly, day(2024, 2, 20), start),
            day(2024, 2, 1)
        );
        assert_eq!(
            bucket_end(Granularity::Monthly, day(2024, 2, 1), end),
            day(2024, 2, 29)
        );
        assert_eq!(bucket_end(Granularity::Monthly, day(2024, 3, 1), end), end);
        assert_eq!(
            bucket_start(Granularity::Yearly, day(2024, 6, 1), start),
            start
        );
        assert_eq!(bucket_end(Granularity::All, start, end), end);
    }

    #[test]
    fn granularities_in_both_forms() {
        assert_eq!(
            granularity(Some(&json!("DAILY"))).unwrap(),
            Granularity::Daily
        );
        assert_eq!(
            granularity(Some(&json!({"value": "MONTHLY"}))).unwrap(),
            Granularity::Monthly
        );
        assert!(granularity(Some(&json!("WEEKLY"))).is_err());
        assert!(granularity(None).is_err());
    }

    #[test]
    fn date_ranges() {
        let range = json!({"start": {"year": "2024", "month": "1", "day": "1"}});
        assert_eq!(date_range(Some(&range), 19_800).unwrap(), (19_723, 19_800));
        let feb30 = json!({"start": {"year": "2024", "month": "2", "day": "30"}});
        assert!(date_range(Some(&feb30), 19_800).is_err());
        let reversed = json!({"start": {"year": "2024", "month": "2", "day": "1"},
            "end": {"year": "2024", "month": "1", "day": "1"}});
        assert!(date_range(Some(&reversed), 19_800).is_err());
        assert!(date_range(Some(&json!("2024-01-01")), 19_800).is_err());
    }
}
