//! The store: what outlives a request and must be shared by replicas (users, sessions, failed
//! sign-ins, the audit trail) behind one interface with two backends, SQLite (the default, in
//! the data directory) and PostgreSQL (for replicas). An enum rather than a trait object: two
//! backends, known at compile time, cloned into axum's state. The rules (caps, timeouts, who
//! may do what) live with their callers; the store only keeps and counts.
//!
//! Rate limits are not here: each replica keeps its own token buckets (see `ratelimit`).

pub mod copy;
pub mod migrations;
pub mod postgres;
pub mod sqlite;
pub mod url;

use crate::audit::{AuditFilter, AuditRecord};
use crate::auth::users::StoredUser;
use std::sync::Arc;
pub use url::DatabaseUrl;

/// A stored session (times in seconds since the epoch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// User name.
    pub user: String,
    /// When it started.
    pub created: i64,
    /// When it was last marked used.
    pub last_seen: i64,
}

/// What a failed sign-in is counted against, and how many failures it may hold in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureKey {
    /// `pair:USER|ADDRESS`, `address:ADDRESS` or `user:USER`.
    pub key: String,
    /// Failures allowed within the window.
    pub cap: i64,
}

/// The open store, cheap to clone.
#[derive(Debug, Clone)]
pub enum Store {
    /// A SQLite file.
    Sqlite(Arc<sqlite::SqliteStore>),
    /// A PostgreSQL database (a pool of connections).
    Postgres(postgres::PgStore),
}

/// Runs a SQLite call off the async workers (a write waits for a disk sync).
async fn blocking<T: Send + 'static>(
    store: &Arc<sqlite::SqliteStore>,
    call: impl FnOnce(&sqlite::SqliteStore) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let store = store.clone();
    tokio::task::spawn_blocking(move || call(&store))
        .await
        .map_err(|e| format!("database task: {e}"))?
}

impl Store {
    /// Opens the database at `url` and brings its schema up to date (or refuses a newer one).
    pub async fn open(url: &DatabaseUrl) -> Result<Self, String> {
        match url {
            DatabaseUrl::Sqlite(path) => Self::sqlite(path),
            DatabaseUrl::Postgres(config) => {
                Ok(Self::Postgres(postgres::PgStore::open(config).await?))
            }
        }
    }

    /// Opens a SQLite file (tests and tools that have a path at hand).
    pub fn sqlite(path: &std::path::Path) -> Result<Self, String> {
        Ok(Self::Sqlite(Arc::new(sqlite::SqliteStore::open(path)?)))
    }

    /// `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    /// The schema version; answering at all is the readiness check.
    pub async fn schema_version(&self) -> Result<i64, String> {
        match self {
            Self::Sqlite(s) => blocking(s, |s| s.schema_version()).await,
            Self::Postgres(p) => p.schema_version().await,
        }
    }

    /// One user.
    pub async fn user(&self, name: &str) -> Result<Option<StoredUser>, String> {
        let name = name.to_owned();
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.user(&name)).await,
            Self::Postgres(p) => p.user(&name).await,
        }
    }

    /// Every user, by name.
    pub async fn users(&self) -> Result<Vec<StoredUser>, String> {
        match self {
            Self::Sqlite(s) => blocking(s, |s| s.users()).await,
            Self::Postgres(p) => p.users().await,
        }
    }

    /// Adds or replaces a user and ends that name's sessions, atomically; sessions ended.
    pub async fn put_user(&self, user: StoredUser) -> Result<usize, String> {
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.put_user(&user)).await,
            Self::Postgres(p) => p.put_user(&user).await,
        }
    }

    /// Removes a user and ends their sessions, atomically; false when there was none.
    pub async fn delete_user(&self, name: &str) -> Result<bool, String> {
        let name = name.to_owned();
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.delete_user(&name)).await,
            Self::Postgres(p) => p.delete_user(&name).await,
        }
    }

    /// Stores a session keyed by its token's digest, deleting sessions created at or before
    /// `expired.0` or last seen at or before `expired.1`.
    pub async fn session_insert(
        &self,
        digest: String,
        user: String,
        now: i64,
        expired: (i64, i64),
    ) -> Result<(), String> {
        match self {
            Self::Sqlite(s) => {
                blocking(s, move |s| s.session_insert(&digest, &user, now, expired)).await
            }
            Self::Postgres(p) => p.session_insert(&digest, &user, now, expired).await,
        }
    }

    /// A stored session.
    pub async fn session(&self, digest: &str) -> Result<Option<SessionRow>, String> {
        let digest = digest.to_owned();
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.session(&digest)).await,
            Self::Postgres(p) => p.session(&digest).await,
        }
    }

    /// Marks a session used.
    pub async fn session_touch(&self, digest: &str, now: i64) -> Result<(), String> {
        let digest = digest.to_owned();
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.session_touch(&digest, now)).await,
            Self::Postgres(p) => p.session_touch(&digest, now).await,
        }
    }

    /// Ends one session.
    pub async fn session_delete(&self, digest: &str) -> Result<(), String> {
        let digest = digest.to_owned();
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.session_delete(&digest)).await,
            Self::Postgres(p) => p.session_delete(&digest).await,
        }
    }

    /// Ends every session of `user`; how many there were.
    pub async fn sessions_delete_user(&self, user: &str) -> Result<usize, String> {
        let user = user.to_owned();
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.sessions_delete_user(&user)).await,
            Self::Postgres(p) => p.sessions_delete_user(&user).await,
        }
    }

    /// Counts a failed sign-in against every key at `now_ms`, unless one has reached its cap
    /// within `window_ms` (`None`); the ids to refund. Atomic across processes.
    pub async fn failures_reserve(
        &self,
        keys: Vec<FailureKey>,
        now_ms: i64,
        window_ms: i64,
    ) -> Result<Option<Vec<i64>>, String> {
        match self {
            Self::Sqlite(s) => {
                blocking(s, move |s| s.failures_reserve(&keys, now_ms, window_ms)).await
            }
            Self::Postgres(p) => p.failures_reserve(&keys, now_ms, window_ms).await,
        }
    }

    /// Takes back counted failures.
    pub async fn failures_refund(&self, ids: Vec<i64>) -> Result<(), String> {
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.failures_refund(&ids)).await,
            Self::Postgres(p) => p.failures_refund(&ids).await,
        }
    }

    /// Appends an audit record; its id, once durable.
    pub async fn audit_append(&self, record: AuditRecord) -> Result<i64, String> {
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.audit_append(&record)).await,
            Self::Postgres(p) => p.audit_append(&record).await,
        }
    }

    /// The newest records matching `filter` (at most `limit`), oldest first.
    pub async fn audit_query(
        &self,
        filter: AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, String> {
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.audit_query(&filter, limit)).await,
            Self::Postgres(p) => p.audit_query(&filter, limit).await,
        }
    }

    /// The records with these ids, in id order.
    pub async fn audit_by_ids(&self, ids: Vec<i64>) -> Result<Vec<AuditRecord>, String> {
        match self {
            Self::Sqlite(s) => blocking(s, move |s| s.audit_by_ids(&ids)).await,
            Self::Postgres(p) => p.audit_by_ids(&ids).await,
        }
    }
}
