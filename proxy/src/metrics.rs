//! Prometheus counters: requests by action and outcome, upstream latency, retries.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

const BUCKETS_MS: [f64; 10] = [
    1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 1000.0, 5000.0,
];

#[derive(Debug, Default)]
struct Inner {
    requests: BTreeMap<(String, String), u64>,
    buckets: [u64; BUCKETS_MS.len()],
    latency_count: u64,
    latency_sum_ms: f64,
    retries: u64,
}

/// The proxy's metrics.
#[derive(Debug, Default)]
pub struct Metrics(Mutex<Inner>);

impl Metrics {
    /// Records one finished `/api` call.
    pub fn record(&self, action: &str, outcome: &str, upstream: Option<Duration>, retries: u32) {
        let Ok(mut m) = self.0.lock() else { return };
        *m.requests
            .entry((action.to_owned(), outcome.to_owned()))
            .or_default() += 1;
        m.retries += u64::from(retries);
        if let Some(d) = upstream {
            let ms = d.as_secs_f64() * 1000.0;
            for (i, le) in BUCKETS_MS.iter().enumerate() {
                if ms <= *le {
                    m.buckets[i] += 1;
                }
            }
            m.latency_count += 1;
            m.latency_sum_ms += ms;
        }
    }

    /// Prometheus text exposition.
    pub fn render(&self) -> String {
        let Ok(m) = self.0.lock() else {
            return String::new();
        };
        let mut out = String::new();
        out.push_str("# HELP tether_requests_total API calls by action and outcome.\n# TYPE tether_requests_total counter\n");
        for ((action, outcome), n) in &m.requests {
            let _ = writeln!(
                out,
                "tether_requests_total{{action=\"{action}\",outcome=\"{outcome}\"}} {n}"
            );
        }
        out.push_str("# HELP tether_upstream_latency_ms Upstream call latency.\n# TYPE tether_upstream_latency_ms histogram\n");
        for (le, n) in BUCKETS_MS.iter().zip(m.buckets.iter()) {
            let _ = writeln!(out, "tether_upstream_latency_ms_bucket{{le=\"{le}\"}} {n}");
        }
        let _ = writeln!(
            out,
            "tether_upstream_latency_ms_bucket{{le=\"+Inf\"}} {}",
            m.latency_count
        );
        let _ = writeln!(out, "tether_upstream_latency_ms_sum {}", m.latency_sum_ms);
        let _ = writeln!(out, "tether_upstream_latency_ms_count {}", m.latency_count);
        out.push_str("# HELP tether_upstream_retries_total Retried upstream attempts.\n# TYPE tether_upstream_retries_total counter\n");
        let _ = writeln!(out, "tether_upstream_retries_total {}", m.retries);
        out
    }
}
