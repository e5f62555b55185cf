//! The login throttle: failed sign-ins per user and per address, and a bound on how many
//! argon2 verifications run at once.

use crate::auth::users::UserStore;
use crate::state::Role;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Failed logins allowed per key (user, address) within the window.
const MAX_FAILURES: usize = 5;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Keys the failure map may hold. Reaching it means someone is spraying names or addresses;
/// new keys are then refused rather than old ones evicted, because evicting would let a flood
/// wipe the count that guards a real account.
const MAX_KEYS: usize = 10_000;
/// argon2 verifications allowed at once. Each one holds its hash's memory: `tether user add`
/// uses argon2's default m_cost of 19 MiB, so 4 × 19 MiB = 76 MiB at most, well under the
/// 256 MiB we allow sign-in to take however many requests arrive.
const HASHING_PERMITS: usize = 4;

/// Failed-login history and the hashing bound.
#[derive(Debug)]
pub struct LoginThrottle {
    failures: Mutex<Failures>,
    hashing: Arc<Semaphore>,
    max_keys: usize,
}

#[derive(Debug)]
struct Failures {
    by_key: HashMap<String, Vec<Instant>>,
    pruned: Instant,
}

/// One attempt, already counted as a failure for its keys; [`LoginThrottle::refund`] takes it
/// back when the password was right. Counting first is what keeps concurrent guesses from all
/// passing the check before any of them has failed.
#[derive(Debug)]
#[must_use = "an attempt stays counted as a failure unless refunded"]
pub struct Reservation {
    keys: Vec<String>,
    at: Instant,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self::with_max_keys(MAX_KEYS)
    }
}

impl LoginThrottle {
    fn with_max_keys(max_keys: usize) -> Self {
        Self {
            failures: Mutex::new(Failures {
                by_key: HashMap::new(),
                pruned: Instant::now(),
            }),
            hashing: Arc::new(Semaphore::new(HASHING_PERMITS)),
            max_keys,
        }
    }

    /// Counts an attempt against every key (user and address), or `None` when any of them has
    /// used up its failures (or the map is full and a key is new).
    pub fn reserve(&self, keys: &[String]) -> Option<Reservation> {
        self.reserve_at(keys, Instant::now())
    }

    fn reserve_at(&self, keys: &[String], now: Instant) -> Option<Reservation> {
        let mut f = self.failures.lock().ok()?;
        // A full sweep now and then keeps keys that stopped failing from piling up.
        if f.by_key.len() >= self.max_keys || now.duration_since(f.pruned) >= FAILURE_WINDOW {
            f.by_key.retain(|_, list| {
                list.retain(|t| now.duration_since(*t) < FAILURE_WINDOW);
                !list.is_empty()
            });
            f.pruned = now;
        }
        let new_keys = keys.iter().filter(|k| !f.by_key.contains_key(*k)).count();
        if f.by_key.len() + new_keys > self.max_keys {
            tracing::warn!(
                keys = f.by_key.len(),
                "sign-in refused: the failed-login map is full"
            );
            return None;
        }
        let blocked = keys.iter().any(|k| {
            f.by_key.get_mut(k).is_some_and(|list| {
                list.retain(|t| now.duration_since(*t) < FAILURE_WINDOW);
                list.len() >= MAX_FAILURES
            })
        });
        if blocked {
            return None;
        }
        for k in keys {
            f.by_key.entry(k.clone()).or_default().push(now);
        }
        Some(Reservation {
            keys: keys.to_vec(),
            at: now,
        })
    }

    /// Takes back a reserved attempt: the password was right.
    pub fn refund(&self, reservation: Reservation) {
        let Ok(mut f) = self.failures.lock() else {
            return;
        };
        for k in &reservation.keys {
            if let Some(list) = f.by_key.get_mut(k) {
                if let Some(i) = list.iter().position(|t| *t == reservation.at) {
                    list.swap_remove(i);
                }
                if list.is_empty() {
                    f.by_key.remove(k);
                }
            }
        }
    }

    /// Checks a password off the async workers, at most [`HASHING_PERMITS`] at a time. The
    /// permit moves into the blocking task, so a client that hangs up mid-check does not free
    /// its memory early.
    pub async fn verify(&self, users: &UserStore, name: String, password: String) -> Option<Role> {
        let permit = self.hashing.clone().acquire_owned().await.ok()?;
        let users = users.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            users.verify(&name, &password)
        })
        .await
        .ok()
        .flatten()
    }

    #[cfg(test)]
    fn keys_held(&self) -> usize {
        self.failures.lock().map(|f| f.by_key.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(user: &str, ip: &str) -> Vec<String> {
        vec![format!("user:{user}"), format!("ip:{ip}")]
    }

    #[test]
    fn five_failures_block_that_user_and_that_address() {
        let t = LoginThrottle::default();
        for _ in 0..5 {
            let _failed = t.reserve(&keys("alice", "10.0.0.1")).unwrap();
        }
        assert!(t.reserve(&keys("alice", "10.0.0.9")).is_none(), "same user");
        assert!(
            t.reserve(&keys("bob", "10.0.0.1")).is_none(),
            "same address"
        );
        assert!(t.reserve(&keys("bob", "10.0.0.2")).is_some());
    }

    #[test]
    fn successful_sign_ins_are_refunded_and_do_not_use_up_the_budget() {
        let t = LoginThrottle::default();
        for _ in 0..20 {
            let r = t.reserve(&keys("alice", "10.0.0.1")).unwrap();
            t.refund(r);
        }
        assert_eq!(t.keys_held(), 0, "refunded keys leave the map");
        for _ in 0..5 {
            let _failed = t.reserve(&keys("alice", "10.0.0.1")).unwrap();
        }
        assert!(t.reserve(&keys("alice", "10.0.0.1")).is_none());
    }

    #[test]
    fn failures_expire_after_the_window_and_are_pruned() {
        let t = LoginThrottle::default();
        let start = Instant::now();
        for i in 0..5 {
            let _failed = t.reserve_at(&keys(&format!("u{i}"), "10.0.0.1"), start);
        }
        assert!(t.reserve_at(&keys("u9", "10.0.0.1"), start).is_none());
        let later = start + FAILURE_WINDOW + Duration::from_secs(1);
        let _failed = t.reserve_at(&keys("u9", "10.0.0.1"), later).unwrap();
        assert_eq!(t.keys_held(), 2, "only the new attempt's keys remain");
    }

    #[test]
    fn a_full_failure_map_refuses_new_keys_rather_than_forgetting_old_ones() {
        let t = LoginThrottle::with_max_keys(4);
        let now = Instant::now();
        let _a = t.reserve_at(&keys("a", "10.0.0.1"), now).unwrap();
        let _b = t.reserve_at(&keys("b", "10.0.0.2"), now).unwrap();
        assert!(t.reserve_at(&keys("c", "10.0.0.3"), now).is_none());
        assert_eq!(t.keys_held(), 4);
        let _again = t.reserve_at(&keys("a", "10.0.0.1"), now).unwrap();
        let later = now + FAILURE_WINDOW + Duration::from_secs(1);
        assert!(
            t.reserve_at(&keys("c", "10.0.0.3"), later).is_some(),
            "expired keys make room"
        );
    }

    #[tokio::test]
    async fn an_unknown_user_costs_one_verification_like_a_known_one() {
        let path =
            std::env::temp_dir().join(format!("tether-throttle-{}.json", std::process::id()));
        let users = UserStore::new(&path);
        users.add("alice", Role::Viewer, "correct horse").unwrap();
        let t = LoginThrottle::default();
        assert_eq!(
            t.verify(&users, "alice".into(), "wrong one".into()).await,
            None
        );
        assert_eq!(
            t.verify(&users, "mallory".into(), "wrong one".into()).await,
            None
        );
        assert_eq!(users.verifications(), 2, "the unknown name ran argon2 too");
        let _ = std::fs::remove_file(path);
    }
}
