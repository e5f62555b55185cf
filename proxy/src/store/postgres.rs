//! The PostgreSQL store, shared by replicas: tokio-postgres with a deadpool pool. Every
//! connection runs with `synchronous_commit=on` (set in its start-up packet, whatever the
//! server's default), so a statement that has returned is on disk: an audit record is durable
//! before the answer it describes. Migrations run under an advisory lock, so replicas starting
//! together apply each step once.

use super::migrations;
use super::{FailureKey, SessionRow};
use crate::audit::{AuditFilter, AuditRecord};
use crate::auth::users::StoredUser;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::{NoTls, Row};

/// Connections per replica: a few requests wait on the database at once; more would only
/// queue in PostgreSQL instead.
const POOL_SIZE: usize = 16;
/// The advisory lock key that serialises migrations ("tether" in ASCII).
const MIGRATION_LOCK: i64 = 0x7465_7468_6572;

/// The pool.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

fn db_err(e: impl std::fmt::Display) -> String {
    format!("database: {e}")
}

const AUDIT_COLUMNS: &str = "id, time, user_name, role, action, region, resources, parameters, \
                             outcome, request_id, duration_ms, reason";

fn audit_row(r: &Row) -> AuditRecord {
    AuditRecord {
        id: r.get(0),
        time: r.get(1),
        user: r.get(2),
        role: r.get(3),
        action: r.get(4),
        region: r.get(5),
        resources: r.get(6),
        parameters: r.get(7),
        outcome: r.get(8),
        request_id: r.get(9),
        duration_ms: r.get(10),
        reason: r.get(11),
    }
}

fn user_row(r: &Row) -> StoredUser {
    StoredUser {
        name: r.get(0),
        role: r.get(1),
        password_hash: r.get(2),
    }
}

impl PgStore {
    /// Connects (checking the server answers now, not at the first sign-in) and migrates.
    pub async fn open(config: &tokio_postgres::Config) -> Result<Self, String> {
        let mut config = config.clone();
        let options = config.get_options().unwrap_or("").to_owned();
        config.options(format!("{options} -c synchronous_commit=on").trim());
        if config.get_application_name().is_none() {
            config.application_name("tether");
        }
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(db_err)?;
        let store = Self { pool };
        store.migrate().await?;
        Ok(store)
    }

    pub(super) async fn client(&self) -> Result<deadpool_postgres::Object, String> {
        self.pool.get().await.map_err(db_err)
    }

    async fn migrate(&self) -> Result<(), String> {
        let mut client = self.client().await?;
        // Session-level: held across the steps' transactions, released on every path below.
        client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(db_err)?;
        let result = Self::migrate_locked(&mut client).await;
        let unlocked = client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .await;
        result?;
        unlocked.map_err(db_err)?;
        Ok(())
    }

    async fn migrate_locked(client: &mut deadpool_postgres::Object) -> Result<(), String> {
        client
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .await
            .map_err(db_err)?;
        let current: i64 = client
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                &[],
            )
            .await
            .map_err(db_err)?
            .get(0);
        for m in migrations::pending(current)? {
            let tx = client.transaction().await.map_err(db_err)?;
            tx.batch_execute(m.postgres).await.map_err(db_err)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                &[&m.version, &m.name, &crate::audit::now_utc()],
            )
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
        }
        Ok(())
    }

    /// The schema version.
    pub async fn schema_version(&self) -> Result<i64, String> {
        Ok(self
            .client()
            .await?
            .query_one("SELECT MAX(version) FROM schema_migrations", &[])
            .await
            .map_err(db_err)?
            .get(0))
    }

    /// One user.
    pub async fn user(&self, name: &str) -> Result<Option<StoredUser>, String> {
        let row = self
            .client()
            .await?
            .query_opt(
                "SELECT name, role, password_hash FROM users WHERE name = $1",
                &[&name],
            )
            .await
            .map_err(db_err)?;
        Ok(row.as_ref().map(user_row))
    }

    /// Every user, by name.
    pub async fn users(&self) -> Result<Vec<StoredUser>, String> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT name, role, password_hash FROM users ORDER BY name",
                &[],
            )
            .await
            .map_err(db_err)?;
        Ok(rows.iter().map(user_row).collect())
    }

    /// Adds or replaces a user and ends the name's sessions, in one transaction.
    pub async fn put_user(&self, user: &StoredUser) -> Result<usize, String> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db_err)?;
        tx.execute(
            "INSERT INTO users (name, role, password_hash) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash",
            &[&user.name, &user.role, &user.password_hash],
        )
        .await
        .map_err(db_err)?;
        let ended = tx
            .execute("DELETE FROM sessions WHERE user_name = $1", &[&user.name])
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(ended as usize)
    }

    /// Removes a user and ends their sessions, in one transaction.
    pub async fn delete_user(&self, name: &str) -> Result<bool, String> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db_err)?;
        let removed = tx
            .execute("DELETE FROM users WHERE name = $1", &[&name])
            .await
            .map_err(db_err)?;
        tx.execute("DELETE FROM sessions WHERE user_name = $1", &[&name])
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(removed > 0)
    }

    /// Stores a new session, first deleting those that could no longer be used.
    pub async fn session_insert(
        &self,
        digest: &str,
        user: &str,
        now: i64,
        expired: (i64, i64),
    ) -> Result<(), String> {
        let client = self.client().await?;
        client
            .execute(
                "DELETE FROM sessions WHERE created <= $1 OR last_seen <= $2",
                &[&expired.0, &expired.1],
            )
            .await
            .map_err(db_err)?;
        client
            .execute(
                "INSERT INTO sessions (token_sha256, user_name, created, last_seen) VALUES ($1, $2, $3, $3)",
                &[&digest, &user, &now],
            )
            .await
            .map_err(db_err)?;
        Ok(())
    }

    /// A stored session.
    pub async fn session(&self, digest: &str) -> Result<Option<SessionRow>, String> {
        let row = self
            .client()
            .await?
            .query_opt(
                "SELECT user_name, created, last_seen FROM sessions WHERE token_sha256 = $1",
                &[&digest],
            )
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| SessionRow {
            user: r.get(0),
            created: r.get(1),
            last_seen: r.get(2),
        }))
    }

    /// Marks a session used at `now`.
    pub async fn session_touch(&self, digest: &str, now: i64) -> Result<(), String> {
        self.client()
            .await?
            .execute(
                "UPDATE sessions SET last_seen = $2 WHERE token_sha256 = $1",
                &[&digest, &now],
            )
            .await
            .map_err(db_err)?;
        Ok(())
    }

    /// Ends one session.
    pub async fn session_delete(&self, digest: &str) -> Result<(), String> {
        self.client()
            .await?
            .execute("DELETE FROM sessions WHERE token_sha256 = $1", &[&digest])
            .await
            .map_err(db_err)?;
        Ok(())
    }

    /// Ends every session of `user`; how many there were.
    pub async fn sessions_delete_user(&self, user: &str) -> Result<usize, String> {
        let n = self
            .client()
            .await?
            .execute("DELETE FROM sessions WHERE user_name = $1", &[&user])
            .await
            .map_err(db_err)?;
        Ok(n as usize)
    }

    /// Counts a failed sign-in against every key unless one has reached its cap. The table
    /// lock (taken by one replica at a time, released at commit) makes check-and-count atomic
    /// across replicas; sign-ins are rare enough that serialising them costs nothing.
    pub async fn failures_reserve(
        &self,
        keys: &[FailureKey],
        now_ms: i64,
        window_ms: i64,
    ) -> Result<Option<Vec<i64>>, String> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db_err)?;
        tx.batch_execute("LOCK TABLE login_failures IN SHARE ROW EXCLUSIVE MODE")
            .await
            .map_err(db_err)?;
        tx.execute(
            "DELETE FROM login_failures WHERE at_ms <= $1",
            &[&(now_ms - window_ms)],
        )
        .await
        .map_err(db_err)?;
        for k in keys {
            let n: i64 = tx
                .query_one(
                    "SELECT COUNT(*) FROM login_failures WHERE key = $1",
                    &[&k.key],
                )
                .await
                .map_err(db_err)?
                .get(0);
            if n >= k.cap {
                tx.commit().await.map_err(db_err)?;
                return Ok(None);
            }
        }
        let mut ids = Vec::with_capacity(keys.len());
        for k in keys {
            let id: i64 = tx
                .query_one(
                    "INSERT INTO login_failures (key, at_ms) VALUES ($1, $2) RETURNING id",
                    &[&k.key, &now_ms],
                )
                .await
                .map_err(db_err)?
                .get(0);
            ids.push(id);
        }
        tx.commit().await.map_err(db_err)?;
        Ok(Some(ids))
    }

    /// Takes back counted failures.
    pub async fn failures_refund(&self, ids: &[i64]) -> Result<(), String> {
        self.client()
            .await?
            .execute("DELETE FROM login_failures WHERE id = ANY($1)", &[&ids])
            .await
            .map_err(db_err)?;
        Ok(())
    }

    /// Appends an audit record; its id, once committed (autocommit, synchronous_commit=on).
    pub async fn audit_append(&self, r: &AuditRecord) -> Result<i64, String> {
        let row = self
            .client()
            .await?
            .query_one(
                "INSERT INTO audit (time, user_name, role, action, region, resources, parameters, outcome, request_id, duration_ms, reason)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                &[&r.time, &r.user, &r.role, &r.action, &r.region, &r.resources, &r.parameters, &r.outcome, &r.request_id, &r.duration_ms, &r.reason],
            )
            .await
            .map_err(db_err)?;
        Ok(row.get(0))
    }

    /// The newest records matching `f` (at most `limit`), oldest first.
    pub async fn audit_query(
        &self,
        f: &AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, String> {
        let rows = self
            .client()
            .await?
            .query(
                &format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit
                     WHERE ($1::TEXT IS NULL OR user_name = $1) AND ($2::TEXT IS NULL OR action = $2)
                       AND ($3::TEXT IS NULL OR strpos(resources, $3) > 0)
                       AND ($4::TEXT IS NULL OR outcome = $4)
                     ORDER BY id DESC LIMIT $5"
                ),
                &[&f.user, &f.action, &f.resource, &f.outcome, &i64::from(limit)],
            )
            .await
            .map_err(db_err)?;
        let mut out: Vec<AuditRecord> = rows.iter().map(audit_row).collect();
        out.reverse();
        Ok(out)
    }

    /// The records with these ids, in id order.
    pub async fn audit_by_ids(&self, ids: &[i64]) -> Result<Vec<AuditRecord>, String> {
        let rows = self
            .client()
            .await?
            .query(
                &format!("SELECT {AUDIT_COLUMNS} FROM audit WHERE id = ANY($1) ORDER BY id"),
                &[&ids],
            )
            .await
            .map_err(db_err)?;
        Ok(rows.iter().map(audit_row).collect())
    }
}
