//! The one underlying daily table: for each creative and day, its counts,
//! a pure function of the seed, the creative and the day. Nothing is
//! stored; every report recomputes the cells it needs, so memory does not
//! grow with the range or the number of creatives, and every pivot and
//! granularity of a range adds up the same cells.

use super::days::Ymd;

/// The first day with synthetic activity.
pub(crate) const FIRST_DAY: Ymd = Ymd {
    year: 2023,
    month: 1,
    day: 1,
};

/// The last day with synthetic activity: five years of data at most, which
/// bounds the work of any one report.
pub(crate) const LAST_DAY: Ymd = Ymd {
    year: 2027,
    month: 12,
    day: 31,
};

/// The metrics the table holds, as the Ads Reporting schema names them
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting-schema>).
/// The two costs are money (written as decimal strings, kept in cents).
pub(crate) const METRICS: &[&str] = &[
    "impressions",
    "clicks",
    "landingPageClicks",
    "likes",
    "comments",
    "shares",
    "follows",
    "totalEngagements",
    "externalWebsiteConversions",
    "videoViews",
    "costInLocalCurrency",
    "costInUsd",
];

/// Number of metrics.
pub(crate) const METRIC_COUNT: usize = 12;

/// Whether metric `index` of [`METRICS`] is money.
pub(crate) fn is_money(index: usize) -> bool {
    index >= 10
}

/// The index of a metric in [`METRICS`].
pub(crate) fn metric_index(name: &str) -> Option<usize> {
    METRICS.iter().position(|m| *m == name)
}

/// SplitMix64's finaliser: a well-mixed 64-bit value of its input.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A deterministic value of the seed and the parts.
pub(crate) fn hash(seed: u64, parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(mix(seed), |acc, part| mix(acc ^ mix(*part)))
}

/// One cell: the counts of `creative` on `day` (a day number), in the
/// order of [`METRICS`], costs in cents.
pub(crate) fn cell(seed: u64, creative: u64, day: i64) -> [u64; METRIC_COUNT] {
    let h = hash(seed, &[creative, u64::from_ne_bytes(day.to_ne_bytes())]);
    let g = mix(h);
    let impressions = 50 + h % 2000;
    let clicks = impressions * ((h >> 12) % 40) / 1000;
    let landing = clicks * ((h >> 20) % 90) / 100;
    let likes = (h >> 28) % (clicks + 1);
    let comments = (h >> 36) % (likes / 4 + 1);
    let shares = (h >> 44) % (likes / 5 + 1);
    let follows = (h >> 52) % 3;
    let engagements = clicks + likes + comments + shares + follows;
    let conversions = g % (clicks / 10 + 1);
    let video_views = (g >> 16) % (impressions / 8 + 1);
    let cents_per_click = 250 + (g >> 32) % 600;
    let cost = clicks * cents_per_click + impressions / 4;
    [
        impressions,
        clicks,
        landing,
        likes,
        comments,
        shares,
        follows,
        engagements,
        conversions,
        video_views,
        cost,
        cost,
    ]
}

/// Cents as LinkedIn writes money: a decimal string.
pub(crate) fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_deterministic_and_vary() {
        assert_eq!(cell(1, 800001, 19_723), cell(1, 800001, 19_723));
        assert_ne!(cell(1, 800001, 19_723), cell(2, 800001, 19_723));
        assert_ne!(cell(1, 800001, 19_723), cell(1, 800001, 19_724));
        assert_eq!(METRICS.len(), METRIC_COUNT);
    }

    #[test]
    fn counts_are_consistent() {
        for day in 0..500 {
            let c = cell(7, 800002, 19_000 + day);
            assert!(c[1] <= c[0], "clicks within impressions");
            assert!(c[2] <= c[1], "landing page clicks within clicks");
            assert_eq!(c[7], c[1] + c[3] + c[4] + c[5] + c[6]);
        }
    }

    #[test]
    fn money_is_written_with_cents() {
        assert_eq!(money(0), "0.00");
        assert_eq!(money(1234), "12.34");
        assert_eq!(money(5), "0.05");
    }
}
