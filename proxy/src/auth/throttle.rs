//! The login throttle: failed sign-ins per (user, address) pair, per address and per user,
//! and a bound on how many argon2 verifications run at once.

use crate::auth::client_addr::{address_key, client_ip};
use crate::auth::users::UserStore;
use crate::state::Role;
use axum::http::HeaderMap;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Failed logins allowed within the window for one user from one address: the tight cap, which
/// only that address can spend.
const PAIR_FAILURES: usize = 5;
/// For one address over all names: an office behind one NAT or proxy shares it, so a few
/// mistyped names must not lock the office out, while one host spraying names is still stopped.
const ADDRESS_FAILURES: usize = 30;
/// For one name from all addresses: stops a distributed guesser, yet takes far more than a
/// handful of requests to lock the user out.
const USER_FAILURES: usize = 100;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Keys the failure map may hold. Reaching it means someone is spraying names or addresses;
/// old keys are never evicted, because evicting would let a flood wipe the count that guards a
/// real account. See [`LoginThrottle::reserve`] for what is refused instead.
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
    /// `--trusted-proxies`: peers whose `X-Forwarded-For` names the client; empty trusts none.
    trusted_proxies: Vec<String>,
}

#[derive(Debug)]
struct Failures {
    by_key: HashMap<Key, Vec<Instant>>,
    pruned: Instant,
}

/// What a failure is counted against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Pair { user: String, address: String },
    Address(String),
    User(String),
}

impl Key {
    fn cap(&self) -> usize {
        match self {
            Self::Pair { .. } => PAIR_FAILURES,
            Self::Address(_) => ADDRESS_FAILURES,
            Self::User(_) => USER_FAILURES,
        }
    }
}

/// One attempt, already counted as a failure for its keys; [`LoginThrottle::refund`] takes it
/// back when the password was right. Counting first is what keeps concurrent guesses from all
/// passing the check before any of them has failed.
#[derive(Debug)]
#[must_use = "an attempt stays counted as a failure unless refunded"]
pub struct Reservation {
    keys: Vec<Key>,
    at: Instant,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self::with_max_keys(MAX_KEYS)
    }
}

impl LoginThrottle {
    /// A throttle that takes the client address from `X-Forwarded-For` when the peer is one of
    /// `trusted_proxies` (addresses or CIDR blocks).
    pub fn new(trusted_proxies: Vec<String>) -> Self {
        Self {
            trusted_proxies,
            ..Self::default()
        }
    }

    /// The address key a sign-in from `peer` is counted against (see [`super::client_addr`]).
    pub fn address_of(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> String {
        address_key(client_ip(peer, headers, &self.trusted_proxies))
    }

    fn with_max_keys(max_keys: usize) -> Self {
        Self {
            failures: Mutex::new(Failures {
                by_key: HashMap::new(),
                pruned: Instant::now(),
            }),
            hashing: Arc::new(Semaphore::new(HASHING_PERMITS)),
            max_keys,
            trusted_proxies: Vec::new(),
        }
    }

    /// Counts an attempt by `user` from `address` (see [`super::client_addr::address_key`])
    /// against the pair, the address and the user, or `None` when any of them has used up its
    /// failures.
    ///
    /// When the map is full, the keys a flood makes for free are the ones given up: a new
    /// address (and its pair) is not remembered, and the attempt is counted against the user
    /// alone, in a reserve of a tenth more keys kept for users. The trade-off: while the map is
    /// full a fresh address is not throttled by itself, but every guess still counts against
    /// the name (at most [`USER_FAILURES`] per window), and people keep signing in; only a
    /// flood that also sprays more names than the reserve holds refuses names not yet counted.
    pub fn reserve(&self, user: &str, address: &str) -> Option<Reservation> {
        self.reserve_at(user, address, Instant::now())
    }

    fn reserve_at(&self, user: &str, address: &str, now: Instant) -> Option<Reservation> {
        let all = [
            Key::Pair {
                user: user.to_owned(),
                address: address.to_owned(),
            },
            Key::Address(address.to_owned()),
            Key::User(user.to_owned()),
        ];
        let mut f = self.failures.lock().ok()?;
        // A full sweep now and then keeps keys that stopped failing from piling up.
        if f.by_key.len() >= self.max_keys || now.duration_since(f.pruned) >= FAILURE_WINDOW {
            f.by_key.retain(|_, list| {
                list.retain(|t| now.duration_since(*t) < FAILURE_WINDOW);
                !list.is_empty()
            });
            f.pruned = now;
        }
        let blocked = all.iter().any(|k| {
            f.by_key.get_mut(k).is_some_and(|list| {
                list.retain(|t| now.duration_since(*t) < FAILURE_WINDOW);
                list.len() >= k.cap()
            })
        });
        if blocked {
            return None;
        }
        let new_keys = all.iter().filter(|k| !f.by_key.contains_key(*k)).count();
        let keys: Vec<Key> = if f.by_key.len() + new_keys <= self.max_keys {
            all.to_vec()
        } else {
            let user_key = &all[2];
            let reserve = self.max_keys + self.max_keys / 10;
            if !f.by_key.contains_key(user_key) && f.by_key.len() >= reserve {
                tracing::warn!(
                    keys = f.by_key.len(),
                    "sign-in refused: the failed-login map is full"
                );
                return None;
            }
            tracing::warn!(
                keys = f.by_key.len(),
                "the failed-login map is full: counting this attempt against the user only"
            );
            all.into_iter()
                .filter(|k| matches!(k, Key::User(_)) || f.by_key.contains_key(k))
                .collect()
        };
        for k in &keys {
            f.by_key.entry(k.clone()).or_default().push(now);
        }
        Some(Reservation { keys, at: now })
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

    #[test]
    fn five_failures_block_that_user_from_that_address_only() {
        let t = LoginThrottle::default();
        for _ in 0..5 {
            let _failed = t.reserve("alice", "10.0.0.1").unwrap();
        }
        assert!(t.reserve("alice", "10.0.0.1").is_none(), "same pair");
        assert!(t.reserve("alice", "10.0.0.9").is_some(), "another address");
        assert!(t.reserve("bob", "10.0.0.1").is_some(), "another user");
    }

    #[test]
    fn an_address_and_a_user_have_higher_caps_of_their_own() {
        let t = LoginThrottle::default();
        for i in 0..ADDRESS_FAILURES {
            let _failed = t.reserve(&format!("u{i}"), "10.0.0.1").unwrap();
        }
        assert!(
            t.reserve("alice", "10.0.0.1").is_none(),
            "a spraying address"
        );
        for i in 0..USER_FAILURES {
            let _failed = t
                .reserve("bob", &format!("10.1.{}.{}", i / 4, i % 4))
                .unwrap();
        }
        assert!(
            t.reserve("bob", "10.2.0.1").is_none(),
            "a distributed guesser"
        );
        assert!(t.reserve("carol", "10.2.0.1").is_some());
    }

    #[test]
    fn successful_sign_ins_are_refunded_and_do_not_use_up_the_budget() {
        let t = LoginThrottle::default();
        for _ in 0..20 {
            let r = t.reserve("alice", "10.0.0.1").unwrap();
            t.refund(r);
        }
        assert_eq!(t.keys_held(), 0, "refunded keys leave the map");
        for _ in 0..5 {
            let _failed = t.reserve("alice", "10.0.0.1").unwrap();
        }
        assert!(t.reserve("alice", "10.0.0.1").is_none());
    }

    #[test]
    fn failures_expire_after_the_window_and_are_pruned() {
        let t = LoginThrottle::default();
        let start = Instant::now();
        for _ in 0..5 {
            let _failed = t.reserve_at("u", "10.0.0.1", start);
        }
        assert!(t.reserve_at("u", "10.0.0.1", start).is_none());
        let later = start + FAILURE_WINDOW + Duration::from_secs(1);
        let _failed = t.reserve_at("u9", "10.0.0.1", later).unwrap();
        assert_eq!(t.keys_held(), 3, "only the new attempt's keys remain");
    }

    #[test]
    fn a_full_map_stops_remembering_new_addresses_but_still_counts_the_user() {
        let t = LoginThrottle::with_max_keys(10);
        let now = Instant::now();
        for i in 0..3 {
            let _failed = t.reserve_at(&format!("u{i}"), &format!("10.0.0.{i}"), now);
        }
        assert_eq!(t.keys_held(), 9);
        // A new address: counted against alice only, in the reserve (10 + 1 keys).
        for _ in 0..3 {
            let _failed = t.reserve_at("alice", "10.9.9.9", now).unwrap();
        }
        assert_eq!(t.keys_held(), 10, "no key for the new address or pair");
        let _known = t.reserve_at("u0", "10.0.0.0", now).unwrap();
        let _reserve = t.reserve_at("bob", "10.9.9.8", now).unwrap();
        assert_eq!(t.keys_held(), 11);
        assert!(
            t.reserve_at("carol", "10.9.9.7", now).is_none(),
            "the reserve is full too: a new name is refused rather than an old count forgotten"
        );
        let _alice = t.reserve_at("alice", "10.9.9.7", now).unwrap();
        let later = now + FAILURE_WINDOW + Duration::from_secs(1);
        assert!(
            t.reserve_at("carol", "10.9.9.7", later).is_some(),
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
