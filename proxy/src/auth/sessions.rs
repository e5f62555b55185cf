//! Signed-in sessions (random tokens in an HttpOnly cookie) and the login throttle.

use crate::state::Role;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The session cookie's name.
pub const COOKIE: &str = "tether_session";
/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(8 * 3600);
/// Failed logins allowed per user and per address within the window.
const MAX_FAILURES: usize = 5;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// User name.
    pub user: String,
    /// Role at sign-in.
    pub role: Role,
    expires: Instant,
}

/// Sessions and failed-login history, in memory (a restart signs everyone out).
#[derive(Debug, Default)]
pub struct SessionStore {
    sessions: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

fn token() -> String {
    (0..32)
        .map(|_| format!("{:02x}", rand::random::<u8>()))
        .collect()
}

impl SessionStore {
    /// Opens a session; returns its token.
    pub fn open(&self, user: &str, role: Role) -> String {
        let t = token();
        if let Ok(mut s) = self.sessions.lock() {
            let now = Instant::now();
            s.retain(|_, v| v.expires > now);
            s.insert(
                t.clone(),
                Session {
                    user: user.to_owned(),
                    role,
                    expires: now + SESSION_TTL,
                },
            );
        }
        t
    }

    /// The live session of `token`.
    pub fn get(&self, token: &str) -> Option<Session> {
        let s = self.sessions.lock().ok()?;
        s.get(token).filter(|v| v.expires > Instant::now()).cloned()
    }

    /// Ends a session.
    pub fn close(&self, token: &str) {
        if let Ok(mut s) = self.sessions.lock() {
            s.remove(token);
        }
    }

    /// Whether `keys` (user and address) may try to log in now.
    pub fn login_allowed(&self, keys: &[String]) -> bool {
        let Ok(mut f) = self.failures.lock() else {
            return false;
        };
        let now = Instant::now();
        keys.iter().all(|k| {
            let list = f.entry(k.clone()).or_default();
            list.retain(|t| now.duration_since(*t) < FAILURE_WINDOW);
            list.len() < MAX_FAILURES
        })
    }

    /// Records a failed login for each key.
    pub fn login_failed(&self, keys: &[String]) {
        if let Ok(mut f) = self.failures.lock() {
            for k in keys {
                f.entry(k.clone()).or_default().push(Instant::now());
            }
        }
    }
}

/// The session token from a `Cookie` header.
pub fn token_from_cookie(header: &str) -> Option<&str> {
    header
        .split(';')
        .map(str::trim)
        .find_map(|kv| kv.strip_prefix(COOKIE).and_then(|r| r.strip_prefix('=')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_open_and_close() {
        let s = SessionStore::default();
        let t = s.open("alice", Role::Viewer);
        assert_eq!(s.get(&t).map(|x| x.user), Some("alice".to_owned()));
        s.close(&t);
        assert!(s.get(&t).is_none());
        assert!(s.get("forged").is_none());
    }

    #[test]
    fn five_failures_block_that_user_and_that_address() {
        let s = SessionStore::default();
        let keys = vec!["user:alice".to_owned(), "ip:10.0.0.1".to_owned()];
        for _ in 0..5 {
            assert!(s.login_allowed(&keys));
            s.login_failed(&keys);
        }
        assert!(!s.login_allowed(&keys));
        assert!(
            !s.login_allowed(&["user:bob".to_owned(), "ip:10.0.0.1".to_owned()]),
            "same address"
        );
        assert!(s.login_allowed(&["user:bob".to_owned(), "ip:10.0.0.2".to_owned()]));
    }

    #[test]
    fn cookie_header_parsing_finds_the_session() {
        assert_eq!(
            token_from_cookie("a=1; tether_session=abc; b=2"),
            Some("abc")
        );
        assert_eq!(token_from_cookie("a=1"), None);
    }
}
