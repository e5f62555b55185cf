//! Per-user rate limits on mutations and on reads: a token bucket, answered like Alibaba's
//! `Throttling`.
//!
//! Kept in this process's memory, per replica, on purpose: counting in the database would
//! cost a write per request (a disk sync per read with SQLite), for limits that only stop a
//! runaway script. With N replicas behind a load balancer a user can get up to N times the
//! limit; give each replica its share (`--mutations-per-minute` divided by N) where that
//! matters. The login throttle, which guards passwords, is global (counted in the store).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Token buckets by user.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    /// Allows `per_minute` mutations per user, in bursts up to that many.
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute: f64::from(per_minute.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `user`; false when the bucket is empty.
    pub fn allow(&self, user: &str) -> bool {
        self.allow_at(user, Instant::now())
    }

    fn allow_at(&self, user: &str, now: Instant) -> bool {
        let Ok(mut b) = self.buckets.lock() else {
            return false;
        };
        let (tokens, last) = b.entry(user.to_owned()).or_insert((self.per_minute, now));
        let refill = now.saturating_duration_since(*last).as_secs_f64() * self.per_minute / 60.0;
        *tokens = (*tokens + refill).min(self.per_minute);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_beyond_the_limit_is_refused_then_refills() {
        let l = RateLimiter::new(3);
        let t0 = Instant::now();
        assert!(l.allow_at("a", t0) && l.allow_at("a", t0) && l.allow_at("a", t0));
        assert!(!l.allow_at("a", t0));
        assert!(l.allow_at("b", t0), "other users are not affected");
        assert!(
            l.allow_at("a", t0 + Duration::from_secs(20)),
            "one token per 20 s at 3/min"
        );
    }
}
