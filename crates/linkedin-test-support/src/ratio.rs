//! The ratio of two request rates measured in paired rounds, for the
//! `against_bare_*` benches of both transports (issue 17: each client at
//! least 0.9 of a bare HTTP client).
//!
//! On two shared cores a single best-of figure of one binary swung from
//! 0.8 to 1.05 between runs. Here each round measures both sides back to
//! back, the order alternating, and the summary is the median of the
//! rounds' ratios with their range.
//!
//! ```
//! use linkedin_test_support::ratio::paired;
//!
//! // Round r: "ours" first when r is even. Here ours is always 0.9 of bare.
//! let summary = paired(5, |_, _ours_first| (90.0, 100.0));
//! assert!((summary.ratio - 0.9).abs() < 1e-9);
//! assert_eq!(summary.to_string(), "ours 90 req/s, bare 100 req/s (medians), ratio 0.900 (median of 5 paired rounds, range 0.900-0.900)");
//! ```

use std::fmt;

/// Medians of the rates and of the per-round ratios, and the ratios' range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The median rate of our side.
    pub ours: f64,
    /// The median rate of the bare side.
    pub bare: f64,
    /// The median of the rounds' ratios ours / bare.
    pub ratio: f64,
    /// The lowest round ratio.
    pub low: f64,
    /// The highest round ratio.
    pub high: f64,
    /// How many rounds were measured.
    pub rounds: usize,
}

/// Runs `rounds` rounds (at least one); `round(r, ours_first)` measures
/// both sides, ours first when `ours_first`, and returns their rates
/// `(ours, bare)`.
pub fn paired(rounds: usize, mut round: impl FnMut(usize, bool) -> (f64, f64)) -> Summary {
    let rounds = rounds.max(1);
    let (mut ours, mut bare, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for r in 0..rounds {
        let (o, b) = round(r, r % 2 == 0);
        ours.push(o);
        bare.push(b);
        ratios.push(o / b);
    }
    let low = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let high = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Summary {
        ours: median(ours),
        bare: median(bare),
        ratio: median(ratios),
        low,
        high,
        rounds,
    }
}

/// The median of `values` (the upper one of an even count); 0 when empty.
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ours {:.0} req/s, bare {:.0} req/s (medians), ratio {:.3} (median of {} paired rounds, range {:.3}-{:.3})",
            self.ours, self.bare, self.ratio, self.rounds, self.low, self.high
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_ignores_one_wild_round_and_the_order_alternates() {
        let mut orders = Vec::new();
        let summary = paired(5, |r, ours_first| {
            orders.push(ours_first);
            if r == 2 {
                (300.0, 100.0)
            } else {
                (95.0, 100.0)
            }
        });
        assert_eq!(orders, [true, false, true, false, true]);
        assert!((summary.ratio - 0.95).abs() < 1e-9);
        assert!((summary.high - 3.0).abs() < 1e-9);
        assert!((summary.low - 0.95).abs() < 1e-9);
    }

    #[test]
    fn zero_rounds_still_measure_one() {
        let summary = paired(0, |_, _| (1.0, 2.0));
        assert_eq!(summary.rounds, 1);
        assert!((summary.ratio - 0.5).abs() < 1e-9);
    }
}
