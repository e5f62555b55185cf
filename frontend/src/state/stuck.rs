//! Notices ENIs that stay in Detaching or Deleting too long, so the page can offer the
//! documented playbook (re-issue; then restart the instance).

use std::collections::HashMap;
use tether_domain::{EniStatus, NetworkInterface};

/// How long a transition may take before the page calls it stuck.
pub const STUCK_AFTER_MS: f64 = 60_000.0;

/// When each ENI entered its current status, as seen by this page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StuckTracker {
    since: HashMap<String, (EniStatus, f64)>,
}

impl StuckTracker {
    /// Records the statuses seen at `now_ms`; a status change restarts that ENI's clock.
    pub fn observe(&mut self, enis: &[NetworkInterface], now_ms: f64) {
        for eni in enis {
            let id = eni.network_interface_id.as_str();
            // Looked up before anything is allocated: most rows keep their status.
            if self
                .since
                .get(id)
                .is_none_or(|(status, _)| *status != eni.status)
            {
                self.since.insert(id.to_owned(), (eni.status, now_ms));
            }
        }
    }

    /// Whether `eni` has sat in Detaching or Deleting for longer than [`STUCK_AFTER_MS`].
    pub fn is_stuck(&self, eni: &NetworkInterface, now_ms: f64) -> bool {
        let stuckable = matches!(eni.status, EniStatus::Detaching | EniStatus::Deleting);
        stuckable
            && self
                .since
                .get(eni.network_interface_id.as_str())
                .is_some_and(|(s, t)| *s == eni.status && now_ms - t > STUCK_AFTER_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::eni;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn detaching_for_over_a_minute_is_stuck() {
        let mut e = eni("eni-bp1stuck0001");
        e.status = EniStatus::Detaching;
        let mut t = StuckTracker::default();
        t.observe(std::slice::from_ref(&e), 1_000.0);
        t.observe(std::slice::from_ref(&e), 30_000.0);
        assert!(!t.is_stuck(&e, 60_000.0));
        assert!(t.is_stuck(&e, 61_001.0));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_status_change_restarts_the_clock_and_attaching_never_counts() {
        let mut e = eni("eni-bp1stuck0001");
        e.status = EniStatus::Attaching;
        let mut t = StuckTracker::default();
        t.observe(std::slice::from_ref(&e), 0.0);
        assert!(!t.is_stuck(&e, 500_000.0));
        e.status = EniStatus::Deleting;
        t.observe(std::slice::from_ref(&e), 400_000.0);
        assert!(!t.is_stuck(&e, 450_000.0));
        assert!(t.is_stuck(&e, 470_000.0));
    }
}
