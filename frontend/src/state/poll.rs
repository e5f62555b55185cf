//! How often to poll while something is transitional: quickly at first (most attaches finish in
//! seconds), then backing off linearly, never slower than every 10 s.

use std::time::Duration;

/// The polling cadence, as a function of how long polling has been going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    /// Delay while the operation is young.
    pub fast: Duration,
    /// How long the fast phase lasts.
    pub fast_for: Duration,
    /// The first delay after the fast phase.
    pub slow: Duration,
    /// The slowest the poll ever gets.
    pub cap: Duration,
}

impl Default for PollSchedule {
    fn default() -> Self {
        Self {
            fast: Duration::from_secs(1),
            fast_for: Duration::from_secs(5),
            slow: Duration::from_secs(3),
            cap: Duration::from_secs(10),
        }
    }
}

impl PollSchedule {
    /// The delay before the next poll, `elapsed` after polling started: `fast` during the fast
    /// phase, then a tenth of the elapsed time, kept between `slow` and `cap`.
    pub fn delay(&self, elapsed: Duration) -> Duration {
        if elapsed < self.fast_for {
            self.fast
        } else {
            (elapsed / 10).clamp(self.slow, self.cap)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn polls_every_second_for_the_first_five_seconds() {
        let p = PollSchedule::default();
        for s in 0..5 {
            assert_eq!(p.delay(secs(s)), secs(1));
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn then_every_three_seconds_backing_off_to_ten() {
        let p = PollSchedule::default();
        assert_eq!(p.delay(secs(5)), secs(3));
        assert_eq!(p.delay(secs(29)), secs(3));
        assert_eq!(p.delay(secs(60)), secs(6));
        assert_eq!(p.delay(secs(100)), secs(10));
        assert_eq!(p.delay(secs(3600)), secs(10));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn delays_never_shrink_as_time_passes() {
        let p = PollSchedule::default();
        let delays: Vec<_> = (0..200).map(|s| p.delay(secs(s))).collect();
        assert!(delays.windows(2).all(|w| w[0] <= w[1]));
    }
}
