//! Signed-in sessions (random tokens in an HttpOnly cookie).

use crate::state::Role;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The session cookie's name.
pub const COOKIE: &str = "tether_session";
/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(8 * 3600);

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// User name.
    pub user: String,
    /// Role at sign-in.
    pub role: Role,
    expires: Instant,
}

/// Sessions, in memory (a restart signs everyone out).
#[derive(Debug, Default)]
pub struct SessionStore {
    sessions: Mutex<HashMap<String, Session>>,
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
    fn cookie_header_parsing_finds_the_session() {
        assert_eq!(
            token_from_cookie("a=1; tether_session=abc; b=2"),
            Some("abc")
        );
        assert_eq!(token_from_cookie("a=1"), None);
    }
}
