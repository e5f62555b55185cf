//! The login throttle: failed sign-ins per (user, address) pair, per address and per user,
//! counted in the store so the count is global across replicas, and a bound on how many
//! argon2 verifications this replica runs at once.

use crate::auth::client_addr::{address_key, client_ip};
use crate::auth::users::UserStore;
use crate::state::Role;
use crate::store::{FailureKey, Store};
use axum::http::HeaderMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::Semaphore;

/// Failed logins allowed within the window for one user from one address: the tight cap, which
/// only that address can spend.
const PAIR_FAILURES: i64 = 5;
/// For one address over all names: an office behind one NAT or proxy shares it, so a few
/// mistyped names must not lock the office out, while one host spraying names is still stopped.
const ADDRESS_FAILURES: i64 = 30;
/// For one name from all addresses: stops a distributed guesser, yet takes far more than a
/// handful of requests to lock the user out.
const USER_FAILURES: i64 = 100;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// argon2 verifications allowed at once. Each one holds its hash's memory: `tether user add`
/// uses argon2's default m_cost of 19 MiB, so 4 × 19 MiB = 76 MiB at most, well under the
/// 256 MiB we allow sign-in to take however many requests arrive.
const HASHING_PERMITS: usize = 4;

/// Failed-login counts (in the store) and this replica's hashing bound.
#[derive(Debug)]
pub struct LoginThrottle {
    store: Store,
    hashing: Arc<Semaphore>,
    /// `--trusted-proxies`: peers whose `X-Forwarded-For` names the client; empty trusts none.
    trusted_proxies: Vec<String>,
}

/// One attempt, already counted as a failure for its keys; [`LoginThrottle::refund`] takes it
/// back when the password was right. Counting first is what keeps concurrent guesses (through
/// any replica) from all passing the check before any of them has failed.
#[derive(Debug)]
#[must_use = "an attempt stays counted as a failure unless refunded"]
pub struct Reservation {
    ids: Vec<i64>,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The keys an attempt by `user` from `address` counts against. Names cannot hold `|`
/// (`users::is_valid_name`), so a pair key cannot be forged from another pair.
fn keys(user: &str, address: &str) -> Vec<FailureKey> {
    vec![
        FailureKey {
            key: format!("pair:{user}|{address}"),
            cap: PAIR_FAILURES,
        },
        FailureKey {
            key: format!("address:{address}"),
            cap: ADDRESS_FAILURES,
        },
        FailureKey {
            key: format!("user:{user}"),
            cap: USER_FAILURES,
        },
    ]
}

impl LoginThrottle {
    /// A throttle counting in `store` that takes the client address from `X-Forwarded-For`
    /// when the peer is one of `trusted_proxies` (addresses or CIDR blocks).
    pub fn new(store: Store, trusted_proxies: Vec<String>) -> Self {
        Self {
            store,
            hashing: Arc::new(Semaphore::new(HASHING_PERMITS)),
            trusted_proxies,
        }
    }

    /// The address key a sign-in from `peer` is counted against (see [`super::client_addr`]).
    pub fn address_of(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> String {
        address_key(client_ip(peer, headers, &self.trusted_proxies))
    }

    /// Counts an attempt by `user` from `address` (see [`super::client_addr::address_key`])
    /// against the pair, the address and the user, or `None` when any of them has used up its
    /// failures. A database failure refuses the attempt: the throttle fails closed.
    ///
    /// Expired failures are deleted with every attempt, so the table holds at most the
    /// attempts of one window (three rows each).
    pub async fn reserve(&self, user: &str, address: &str) -> Option<Reservation> {
        self.reserve_at(user, address, now_ms()).await
    }

    async fn reserve_at(&self, user: &str, address: &str, now_ms: i64) -> Option<Reservation> {
        let window = i64::try_from(FAILURE_WINDOW.as_millis()).unwrap_or(i64::MAX);
        match self
            .store
            .failures_reserve(keys(user, address), now_ms, window)
            .await
        {
            Ok(ids) => ids.map(|ids| Reservation { ids }),
            Err(e) => {
                tracing::error!("sign-in refused: {e}");
                None
            }
        }
    }

    /// Takes back a reserved attempt: the password was right.
    pub async fn refund(&self, reservation: Reservation) {
        if let Err(e) = self.store.failures_refund(reservation.ids).await {
            // The attempt stays counted: at worst a user meets the cap a little early.
            tracing::error!("sign-in refund: {e}");
        }
    }

    /// Checks a password off the async workers, at most [`HASHING_PERMITS`] at a time. The
    /// permit moves into the blocking task, so a client that hangs up mid-check does not free
    /// its memory early.
    pub async fn verify(&self, users: &UserStore, name: String, password: String) -> Option<Role> {
        let permit = self.hashing.clone().acquire_owned().await.ok()?;
        let user = users
            .get(&name)
            .await
            .map_err(|e| tracing::error!("sign-in: {e}"))
            .ok()?;
        let users = users.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            users.check_password(user.as_ref(), &password)
        })
        .await
        .ok()
        .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Temp(std::path::PathBuf);
    impl Drop for Temp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn throttle(name: &str) -> (LoginThrottle, Store, Temp) {
        let dir =
            std::env::temp_dir().join(format!("tether-throttle-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::sqlite(&dir.join("t.db")).unwrap();
        (
            LoginThrottle::new(store.clone(), Vec::new()),
            store,
            Temp(dir),
        )
    }

    #[tokio::test]
    async fn five_failures_block_that_user_from_that_address_only() {
        let (t, _, _dir) = throttle("pair");
        for _ in 0..5 {
            let _failed = t.reserve("alice", "10.0.0.1").await.unwrap();
        }
        assert!(t.reserve("alice", "10.0.0.1").await.is_none(), "same pair");
        assert!(
            t.reserve("alice", "10.0.0.9").await.is_some(),
            "another address"
        );
        assert!(t.reserve("bob", "10.0.0.1").await.is_some(), "another user");
    }

    #[tokio::test]
    async fn an_address_and_a_user_have_higher_caps_of_their_own() {
        let (t, _, _dir) = throttle("caps");
        for i in 0..ADDRESS_FAILURES {
            let _failed = t.reserve(&format!("u{i}"), "10.0.0.1").await.unwrap();
        }
        assert!(
            t.reserve("alice", "10.0.0.1").await.is_none(),
            "a spraying address"
        );
        for i in 0..USER_FAILURES {
            let _failed = t
                .reserve("bob", &format!("10.1.{}.{}", i / 4, i % 4))
                .await
                .unwrap();
        }
        assert!(
            t.reserve("bob", "10.2.0.1").await.is_none(),
            "a distributed guesser"
        );
        assert!(t.reserve("carol", "10.2.0.1").await.is_some());
    }

    #[tokio::test]
    async fn successful_sign_ins_are_refunded_and_do_not_use_up_the_budget() {
        let (t, _, _dir) = throttle("refund");
        for _ in 0..20 {
            let r = t.reserve("alice", "10.0.0.1").await.unwrap();
            t.refund(r).await;
        }
        for _ in 0..5 {
            let _failed = t.reserve("alice", "10.0.0.1").await.unwrap();
        }
        assert!(t.reserve("alice", "10.0.0.1").await.is_none());
    }

    #[tokio::test]
    async fn failures_expire_after_the_window() {
        let (t, _, _dir) = throttle("expiry");
        let start = 1_000_000_000;
        for _ in 0..5 {
            let _failed = t.reserve_at("u", "10.0.0.1", start).await;
        }
        assert!(t.reserve_at("u", "10.0.0.1", start).await.is_none());
        let later = start + FAILURE_WINDOW.as_millis() as i64 + 1;
        assert!(t.reserve_at("u", "10.0.0.1", later).await.is_some());
    }

    #[tokio::test]
    async fn an_unknown_user_costs_one_verification_like_a_known_one() {
        let (t, store, _dir) = throttle("verify");
        let users = UserStore::new(store);
        users
            .add("alice", Role::Viewer, "correct horse")
            .await
            .unwrap();
        assert_eq!(
            t.verify(&users, "alice".into(), "wrong one".into()).await,
            None
        );
        assert_eq!(
            t.verify(&users, "mallory".into(), "wrong one".into()).await,
            None
        );
        assert_eq!(users.verifications(), 2, "the unknown name ran argon2 too");
        assert_eq!(
            t.verify(&users, "alice".into(), "correct horse".into())
                .await,
            Some(Role::Viewer)
        );
    }
}
