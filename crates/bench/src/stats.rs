//! Summaries of repeated measurements: median with its spread (interquartile range), p99.

use serde::Serialize;

/// A sample set summarised.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Samples.
    pub n: usize,
    /// 50th percentile.
    pub median: f64,
    /// 25th percentile.
    pub p25: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
}

impl Summary {
    /// Summarises `samples` (any order); all zeros when empty.
    pub fn of(samples: &[f64]) -> Self {
        let mut s: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
        s.sort_by(f64::total_cmp);
        Self {
            n: s.len(),
            median: percentile(&s, 0.50),
            p25: percentile(&s, 0.25),
            p75: percentile(&s, 0.75),
            p95: percentile(&s, 0.95),
            p99: percentile(&s, 0.99),
        }
    }

    /// The interquartile range.
    pub fn iqr(&self) -> f64 {
        self.p75 - self.p25
    }
}

/// Nearest-rank percentile of sorted samples.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_one_to_hundred_has_the_expected_quartiles() {
        let samples: Vec<f64> = (1..=101).map(f64::from).collect();
        let s = Summary::of(&samples);
        assert_eq!((s.median, s.p25, s.p75, s.p99), (51.0, 26.0, 76.0, 100.0));
        assert_eq!(s.iqr(), 50.0);
    }

    #[test]
    fn empty_samples_summarise_to_zero() {
        assert_eq!(Summary::of(&[]).n, 0);
        assert_eq!(Summary::of(&[]).median, 0.0);
    }
}
