//! Signed-in sessions: a random token in an HttpOnly cookie, and in the store (table
//! `sessions`) only the token's SHA-256, so a restart signs nobody out, every replica knows
//! every session, and a copy of the database signs nobody in.

use crate::auth::PortalUser;
use crate::auth::users::UserStore;
use crate::error::AppError;
use crate::store::Store;
use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
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

/// The sessions in the store, with this deployment's idle timeout.
#[derive(Debug, Clone)]
pub struct SessionStore {
    store: Store,
    idle: Duration,
}

/// The session cookie's name: `__Host-` prefixed when cookies are Secure.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { SECURE_COOKIE } else { COOKIE }
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
    /// The sessions kept in `store`; sessions unused for `idle` end.
    pub fn new(store: Store, idle: Duration) -> Self {
        Self { store, idle }
    }

    /// Starts a session for `user`; returns its token (the cookie's value).
    pub async fn start(&self, user: &str) -> Result<String, String> {
        self.start_at(user, now_secs()).await
    }

    async fn start_at(&self, user: &str, now: i64) -> Result<String, String> {
        let token = new_token();
        // Sweeping on sign-in keeps the table to the sessions that could still be used.
        let expired = (now - secs(SESSION_TTL), now - secs(self.idle));
        self.store
            .session_insert(digest(&token), user.to_owned(), now, expired)
            .await?;
        Ok(token)
    }

    /// The live session of `token`, marking it used. A database failure reads as no session.
    pub async fn get(&self, token: &str) -> Option<Session> {
        self.get_at(token, now_secs())
            .await
            .map_err(|e| tracing::error!("{e}"))
            .ok()
            .flatten()
    }

    async fn get_at(&self, token: &str, now: i64) -> Result<Option<Session>, String> {
        let key = digest(token);
        let Some(row) = self.store.session(&key).await? else {
            return Ok(None);
        };
        if now - row.created >= secs(SESSION_TTL) || now - row.last_seen >= secs(self.idle) {
            self.store.session_delete(&key).await?;
            return Ok(None);
        }
        // Writing on every request would cost a disk sync each; a coarse mark is enough, and a
        // tenth of the timeout (at most a minute) keeps it honest for short timeouts.
        let mark_every = (secs(self.idle) / 10).clamp(1, 60);
        if now - row.last_seen >= mark_every {
            self.store.session_touch(&key, now).await?;
        }
        Ok(Some(Session { user: row.user }))
    }

    /// Ends the session of `token` (sign-out).
    pub async fn end(&self, token: &str) -> Result<(), String> {
        self.store.session_delete(&digest(token)).await
    }

    /// Ends every session of `user` ("sign out everywhere"); returns how many there were.
    pub async fn end_all_of(&self, user: &str) -> Result<usize, String> {
        self.store.sessions_delete_user(user).await
    }
}

/// The user of a request's session, with their current role from the store. A user no longer
/// there (or with a role this version does not know) is signed out for good: the session is
/// deleted, not just refused, so the name coming back does not revive it.
pub async fn authenticate(
    users: &UserStore,
    store: &SessionStore,
    headers: &HeaderMap,
    cookie: &str,
) -> Result<PortalUser, AppError> {
    let token = session_token(headers, cookie).ok_or(AppError::Unauthenticated)?;
    let session = store.get(token).await.ok_or(AppError::Unauthenticated)?;
    match users.role_of(&session.user).await {
        Ok(Some(role)) => Ok(PortalUser {
            name: session.user,
            role,
        }),
        Ok(None) => {
            tracing::info!(user = %session.user, "session ended: no longer a user");
            if let Err(e) = store.end(token).await {
                tracing::error!("{e}");
            }
            Err(AppError::Unauthenticated)
        }
        Err(e) => {
            // An unreachable database refuses everyone but deletes nothing.
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
        let s = SessionStore::new(Store::sqlite(&dir.join("audit.db")).unwrap(), idle);
        (s, TempDb(dir))
    }

    #[tokio::test]
    async fn sessions_start_end_and_refuse_forged_tokens() {
        let (s, _dir) = store("basic", DEFAULT_IDLE_TIMEOUT);
        let t = s.start("alice").await.unwrap();
        assert_eq!(s.get(&t).await.map(|x| x.user), Some("alice".to_owned()));
        s.end(&t).await.unwrap();
        assert!(s.get(&t).await.is_none());
        assert!(s.get("forged").await.is_none());
    }

    #[tokio::test]
    async fn a_session_ends_after_eight_hours_however_busy() {
        let (s, _dir) = store("ttl", DEFAULT_IDLE_TIMEOUT);
        let t = s.start_at("alice", 0).await.unwrap();
        let mut now = 0;
        while now < secs(SESSION_TTL) - 600 {
            now += 600;
            assert!(s.get_at(&t, now).await.unwrap().is_some(), "busy at {now}");
        }
        assert!(s.get_at(&t, secs(SESSION_TTL)).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_session_unused_for_the_idle_timeout_ends_and_use_keeps_it_alive() {
        let (s, _dir) = store("idle", Duration::from_secs(5 * 60));
        let t = s.start_at("alice", 0).await.unwrap();
        for minute in 1..=20 {
            assert!(
                s.get_at(&t, minute * 60).await.unwrap().is_some(),
                "minute {minute}"
            );
        }
        assert!(s.get_at(&t, 20 * 60 + 299).await.unwrap().is_some());
        assert!(s.get_at(&t, 20 * 60 + 600).await.unwrap().is_none());
        assert!(
            s.get_at(&t, 20 * 60 + 601).await.unwrap().is_none(),
            "and it stays ended"
        );
    }

    #[tokio::test]
    async fn ending_all_of_a_users_sessions_leaves_the_others() {
        let (s, _dir) = store("all", DEFAULT_IDLE_TIMEOUT);
        let (a1, a2, b) = (
            s.start("alice").await.unwrap(),
            s.start("alice").await.unwrap(),
            s.start("bob").await.unwrap(),
        );
        assert_eq!(s.end_all_of("alice").await.unwrap(), 2);
        assert!(s.get(&a1).await.is_none() && s.get(&a2).await.is_none());
        assert!(s.get(&b).await.is_some());
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
