//! Time: an injectable clock, the speed dial, and transitions applied lazily. A mutation stores
//! `(resource, target, due time)`; every request first applies what is due, so no background
//! task is needed and `Speed::Instant` finishes a transition before the next request looks.

use crate::world::World;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tether_domain::{EniStatus, InstanceId, InstanceStatus, NetworkInterfaceId, RegionId};

/// How long transitional states last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Speed {
    /// Done before the next request (tests).
    #[default]
    Instant,
    /// About a second (demos).
    Demo,
    /// Several seconds, like the real cloud.
    Realistic,
}

impl Speed {
    /// The delay of one transition step, in milliseconds.
    pub fn delay_ms(self) -> u64 {
        match self {
            Self::Instant => 0,
            Self::Demo => 1_000,
            Self::Realistic => 7_000,
        }
    }

    /// The name `parse` reads: `instant`, `demo` or `realistic`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instant => "instant",
            Self::Demo => "demo",
            Self::Realistic => "realistic",
        }
    }

    /// Parses `instant`, `demo` or `realistic`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "instant" => Some(Self::Instant),
            "demo" => Some(Self::Demo),
            "realistic" => Some(Self::Realistic),
            _ => None,
        }
    }
}

/// A source of "now", in milliseconds since the Unix epoch.
pub trait Clock: Send + Sync + 'static {
    /// Now.
    fn now_ms(&self) -> u64;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }
}

/// A clock that moves only when told to (tests of transitional states).
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<AtomicU64>);

impl ManualClock {
    /// Starts at the system time, so signatures made with the real time still verify.
    pub fn starting_now() -> Self {
        Self(Arc::new(AtomicU64::new(SystemClock.now_ms())))
    }
    /// Moves time forward.
    pub fn advance(&self, by: Duration) {
        self.0.fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// `2019-12-25T12:31:31Z`, the format of `CreationTime`.
pub fn creation_time(now_ms: u64) -> String {
    tether_signer::format_timestamp((now_ms / 1000) as i64)
}

/// `2017-12-10T04:04Z`, the format of an instance's `StartTime`.
pub fn start_time(now_ms: u64) -> String {
    let full = creation_time(now_ms);
    format!("{}Z", full.get(..16).unwrap_or(&full))
}

/// What a transition does when it comes due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// Attaching → InUse.
    EniAttached(NetworkInterfaceId),
    /// Detaching → Available, removed from its instance.
    EniDetached(NetworkInterfaceId),
    /// Deleting → gone.
    EniDeleted(NetworkInterfaceId),
    /// The instance reaches `to`; `restarted` sets `StartTime` to the due time.
    Instance {
        /// The instance.
        id: InstanceId,
        /// The state reached.
        to: InstanceStatus,
        /// Whether this counts as a (re)start.
        restarted: bool,
    },
}

impl Change {
    /// The resource the change is about.
    pub fn subject(&self) -> &str {
        match self {
            Self::EniAttached(id) | Self::EniDetached(id) | Self::EniDeleted(id) => id.as_str(),
            Self::Instance { id, .. } => id.as_str(),
        }
    }
}

/// A pending change; `due_ms == None` is stuck and never completes on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// The region of the resource.
    pub region: RegionId,
    /// What happens.
    pub change: Change,
    /// When, in milliseconds since the epoch.
    pub due_ms: Option<u64>,
}

impl World {
    /// Schedules `change` at `due_ms`. An ENI change replaces the ENI's pending one of the same
    /// kind (a re-issued detach un-sticks a stuck one); instance steps queue up in order.
    pub fn schedule(&mut self, region: &RegionId, change: Change, due_ms: u64) {
        if !matches!(change, Change::Instance { .. }) {
            self.pending.retain(|t| {
                !(t.change.subject() == change.subject()
                    && std::mem::discriminant(&t.change) == std::mem::discriminant(&change))
            });
        }
        self.pending.push(Transition {
            region: region.clone(),
            change,
            due_ms: (!self.freeze_new).then_some(due_ms),
        });
    }

    /// Applies every transition due at `now_ms`, oldest first.
    pub fn apply_due(&mut self, now_ms: u64) {
        if !self
            .pending
            .iter()
            .any(|t| t.due_ms.is_some_and(|d| d <= now_ms))
        {
            return;
        }
        let (mut due, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|t| t.due_ms.is_some_and(|d| d <= now_ms));
        self.pending = rest;
        due.sort_by_key(|t| t.due_ms);
        for t in due {
            self.apply(&t.region, t.change, t.due_ms.unwrap_or(now_ms));
        }
    }

    fn apply(&mut self, region: &RegionId, change: Change, at_ms: u64) {
        let Some(state) = self.regions.get_mut(region.as_str()) else {
            return;
        };
        match change {
            Change::EniAttached(id) => {
                if let Some(eni) = state.enis.get_mut(&id)
                    && eni.status == EniStatus::Attaching
                {
                    eni.status = EniStatus::InUse;
                }
            }
            Change::EniDetached(id) => {
                if state.enis.get(&id).map(|e| e.status) == Some(EniStatus::Detaching) {
                    state.unbind_eni(&id);
                }
            }
            Change::EniDeleted(id) => {
                if state.enis.get(&id).map(|e| e.status) == Some(EniStatus::Deleting) {
                    state.remove_eni(&id);
                }
            }
            Change::Instance { id, to, restarted } => {
                if let Some(instance) = state.instances.get_mut(&id) {
                    instance.status = to;
                    if restarted {
                        instance.start_time = start_time(at_ms);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_speed_name_parses_back_to_its_speed() {
        for speed in [Speed::Instant, Speed::Demo, Speed::Realistic] {
            assert_eq!(Speed::parse(speed.as_str()), Some(speed));
        }
        assert_eq!(Speed::parse("warp"), None);
    }

    use super::*;

    #[test]
    fn start_time_has_minutes_precision() {
        // 2017-12-10T04:04:59Z
        assert_eq!(start_time(1_512_878_699_000), "2017-12-10T04:04Z");
        assert_eq!(creation_time(1_512_878_699_000), "2017-12-10T04:04:59Z");
    }

    #[test]
    fn manual_clock_moves_only_when_advanced() {
        let clock = ManualClock::starting_now();
        let t = clock.now_ms();
        clock.advance(Duration::from_secs(2));
        assert_eq!(clock.now_ms(), t + 2_000);
    }
}
