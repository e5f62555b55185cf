//! Signed-in sessions: a random token in an HttpOnly cookie, and in SQLite (table `sessions`
//! of the audit database) only the token's SHA-256, so a restart signs nobody out and a copy
//! of the database signs nobody in.

use crate::auth::PortalUser;
use crate::auth::users::UserStore;
use crate::error::AppError;
use axum::http::HeaderMap;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The session cookie's name over plain HTTP.
pub const COOKIE: &str = "tether_session";
/// Its name when cookies are Secure. Browsers accept a `__Host-` cookie only with Secure,
/// `Path=/` and no Domain, so a sibling subdomain cannot plant one for us.
pub const SECURE_COOKIE: &str = "__Host-tether_session";
/// How long a session lasts, however busy.
pub const SESSION_TTL: Duration = Duration::from_secs(8 * 3600);
/// How long a session lasts unused, unless configured.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60 * 60);

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// User name.
    pub user: String,
}

/// The sessions table, on its own connection to the audit database.
#[derive(Debug)]
pub struct SessionStore {
    conn: Mutex<Connection>,
    idle: Duration,
}

/// The session cookie's name: `__Host-` prefixed when cookies are Secure.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { SECURE_COOKIE } else { COOKIE }
}

fn db_err(e: rusqlite::Error) -> String {
    format!("session database: {e}")
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

fn new_token() -> String {
    rand::random::<[u8; 32]>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the table keys a session by: the token never touches the disk.
fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl SessionStore {
    /// Opens (or creates) the sessions table in the database at `path`; sessions unused for
    /// `idle` end.
    pub fn open(path: &Path, idle: Duration) -> Result<Self, String> {
        crate::files::prepare_database(path)?;
        let conn = Connection::open(path).map_err(db_err)?;
        // The audit log writes to the same file from its own connection, and `tether user`
        // may too: wait for a lock rather than fail.
        conn.busy_timeout(Duration::from_secs(5)).map_err(db_err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err)?;
        // A sign-out or revocation must survive a power cut as surely as the audit record.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(db_err)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS sessions (
                token_sha256 TEXT PRIMARY KEY, user TEXT NOT NULL,
                created INTEGER NOT NULL, last_seen INTEGER NOT NULL);
             CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user);",
        )
        .map_err(db_err)?;
        Ok(Self {
            conn: Mutex::new(conn),
            idle,
        })
    }

    fn conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>, String> {
        self.conn
            .lock()
            .map_err(|_| "session database lock poisoned".to_owned())
    }

    /// Starts a session for `user`; returns its token (the cookie's value).
    pub fn start(&self, user: &str) -> Result<String, String> {
        self.start_at(user, now_secs())
    }

    fn start_at(&self, user: &str, now: i64) -> Result<String, String> {
        let token = new_token();
        let conn = self.conn()?;
        // Sweeping on sign-in keeps the table to the sessions that could still be used.
        conn.execute(
            "DELETE FROM sessions WHERE created <= ?1 OR last_seen <= ?2",
            params![now - secs(SESSION_TTL), now - secs(self.idle)],
        )
        .map_err(db_err)?;
        conn.execute(
            "INSERT INTO sessions (token_sha256, user, created, last_seen) VALUES (?1, ?2, ?3, ?3)",
            params![digest(&token), user, now],
        )
        .map_err(db_err)?;
        Ok(token)
    }

    /// The live session of `token`, marking it used. A database failure reads as no session.
    pub fn get(&self, token: &str) -> Option<Session> {
        self.get_at(token, now_secs())
            .map_err(|e| tracing::error!("{e}"))
            .ok()
            .flatten()
    }

    fn get_at(&self, token: &str, now: i64) -> Result<Option<Session>, String> {
        let key = digest(token);
        let conn = self.conn()?;
        let row = conn
            .query_row(
                "SELECT user, created, last_seen FROM sessions WHERE token_sha256 = ?1",
                params![key],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(db_err)?;
        let Some((user, created, last_seen)) = row else {
            return Ok(None);
        };
        if now - created >= secs(SESSION_TTL) || now - last_seen >= secs(self.idle) {
            conn.execute("DELETE FROM sessions WHERE token_sha256 = ?1", params![key])
                .map_err(db_err)?;
            return Ok(None);
        }
        // Writing on every request would cost a disk sync each; a coarse mark is enough, and a
        // tenth of the timeout (at most a minute) keeps it honest for short timeouts.
        let mark_every = (secs(self.idle) / 10).clamp(1, 60);
        if now - last_seen >= mark_every {
            conn.execute(
                "UPDATE sessions SET last_seen = ?2 WHERE token_sha256 = ?1",
                params![key, now],
            )
            .map_err(db_err)?;
        }
        Ok(Some(Session { user }))
    }

    /// Ends the session of `token` (sign-out).
    pub fn end(&self, token: &str) -> Result<(), String> {
        self.conn()?
            .execute(
                "DELETE FROM sessions WHERE token_sha256 = ?1",
                params![digest(token)],
            )
            .map_err(db_err)?;
        Ok(())
    }

    /// Ends every session of `user` ("sign out everywhere"); returns how many there were.
    pub fn end_all_of(&self, user: &str) -> Result<usize, String> {
        self.conn()?
            .execute("DELETE FROM sessions WHERE user = ?1", params![user])
            .map_err(db_err)
    }
}

/// The user of a request's session, with their current role from the users file. A user no
/// longer in the file (or with a role this version does not know) is signed out for good:
/// the session is deleted, not just refused, so the name coming back does not revive it.
pub fn authenticate(
    users: &UserStore,
    store: &SessionStore,
    headers: &HeaderMap,
    cookie: &str,
) -> Result<PortalUser, AppError> {
    let token = session_token(headers, cookie).ok_or(AppError::Unauthenticated)?;
    let session = store.get(token).ok_or(AppError::Unauthenticated)?;
    match users.role_of(&session.user) {
        Ok(Some(role)) => Ok(PortalUser {
            name: session.user,
            role,
        }),
        Ok(None) => {
            tracing::info!(user = %session.user, "session ended: no longer a user");
            if let Err(e) = store.end(token) {
                tracing::error!("{e}");
            }
            Err(AppError::Unauthenticated)
        }
        Err(e) => {
            // An unreadable users file refuses everyone but deletes nothing: it may be mid-edit.
            tracing::error!("{e}");
            Err(AppError::Unauthenticated)
        }
    }
}

/// Every value of the cookie `name` in a request, across all its `Cookie` headers (HTTP/2
/// may split them).
pub fn cookie_values<'h>(headers: &'h HeaderMap, name: &str) -> Vec<&'h str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(n, _)| *n == name)
        .map(|(_, value)| value.trim())
        .collect()
}

/// The session token of a request. Two cookies of that name mean one was planted (a sibling
/// subdomain can set a cookie our host receives), and the browser's order says nothing about
/// which is ours: rather than pick one, the request counts as signed out.
pub fn session_token<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    match cookie_values(headers, name)[..] {
        [token] if !token.is_empty() => Some(token),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TempDb(std::path::PathBuf);
    impl Drop for TempDb {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn store(name: &str, idle: Duration) -> (SessionStore, TempDb) {
        let dir = std::env::temp_dir().join(format!("tether-sess-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let s = SessionStore::open(&dir.join("audit.db"), idle).unwrap();
        (s, TempDb(dir))
    }

    #[test]
    fn sessions_start_end_and_refuse_forged_tokens() {
        let (s, _dir) = store("basic", DEFAULT_IDLE_TIMEOUT);
        let t = s.start("alice").unwrap();
        assert_eq!(s.get(&t).map(|x| x.user), Some("alice".to_owned()));
        s.end(&t).unwrap();
        assert!(s.get(&t).is_none());
        assert!(s.get("forged").is_none());
    }

    #[test]
    fn a_session_ends_after_eight_hours_however_busy() {
        let (s, _dir) = store("ttl", DEFAULT_IDLE_TIMEOUT);
        let t = s.start_at("alice", 0).unwrap();
        let mut now = 0;
        while now < secs(SESSION_TTL) - 600 {
            now += 600;
            assert!(s.get_at(&t, now).unwrap().is_some(), "busy at {now}");
        }
        assert!(s.get_at(&t, secs(SESSION_TTL)).unwrap().is_none());
    }

    #[test]
    fn a_session_unused_for_the_idle_timeout_ends_and_use_keeps_it_alive() {
        let (s, _dir) = store("idle", Duration::from_secs(5 * 60));
        let t = s.start_at("alice", 0).unwrap();
        for minute in 1..=20 {
            assert!(
                s.get_at(&t, minute * 60).unwrap().is_some(),
                "minute {minute}"
            );
        }
        assert!(s.get_at(&t, 20 * 60 + 299).unwrap().is_some());
        assert!(s.get_at(&t, 20 * 60 + 600).unwrap().is_none());
        assert!(
            s.get_at(&t, 20 * 60 + 601).unwrap().is_none(),
            "and it stays ended"
        );
    }

    #[test]
    fn ending_all_of_a_users_sessions_leaves_the_others() {
        let (s, _dir) = store("all", DEFAULT_IDLE_TIMEOUT);
        let (a1, a2, b) = (
            s.start("alice").unwrap(),
            s.start("alice").unwrap(),
            s.start("bob").unwrap(),
        );
        assert_eq!(s.end_all_of("alice").unwrap(), 2);
        assert!(s.get(&a1).is_none() && s.get(&a2).is_none());
        assert!(s.get(&b).is_some());
    }

    fn cookies(lines: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for line in lines {
            h.append("cookie", line.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_session_cookie_is_found_by_its_exact_name_only_when_alone() {
        let token = |lines: &[&str], name| session_token(&cookies(lines), name).map(str::to_owned);
        assert_eq!(
            token(&["a=1; tether_session=abc; b=2"], COOKIE),
            Some("abc".into())
        );
        assert_eq!(
            token(&["a=1", "tether_session=abc"], COOKIE),
            Some("abc".into())
        );
        assert_eq!(token(&["a=1; xtether_session=abc"], COOKIE), None);
        assert_eq!(token(&["tether_session="], COOKIE), None);
        assert_eq!(token(&["tether_session=a; tether_session=b"], COOKIE), None);
        assert_eq!(
            token(&["tether_session=a", "tether_session=b"], COOKIE),
            None
        );
        assert_eq!(
            token(
                &["tether_session=planted; __Host-tether_session=ours"],
                SECURE_COOKIE
            ),
            Some("ours".into()),
            "a cookie without the prefix cannot stand in for the prefixed one"
        );
        assert_eq!(token(&["tether_session=abc"], SECURE_COOKIE), None);
    }
}
