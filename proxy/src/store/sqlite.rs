//! The SQLite store: one file in the data directory (WAL, synchronous=FULL), zero set-up.
//! Two connections, as before the store existed: the audit trail's writes (a disk sync each)
//! do not hold up the session check of every other request.

use super::migrations;
use super::{FailureKey, SessionRow};
use crate::audit::{AuditFilter, AuditRecord};
use crate::auth::users::StoredUser;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The database file, open.
#[derive(Debug)]
pub struct SqliteStore {
    /// Users, sessions and failed sign-ins.
    main: Mutex<Connection>,
    /// The audit trail.
    audit: Mutex<Connection>,
}

fn db_err(e: rusqlite::Error) -> String {
    format!("database: {e}")
}

fn connect(path: &Path) -> Result<Connection, String> {
    let conn = Connection::open(path).map_err(db_err)?;
    // The other connection, and `tether user` in another process, write to the same file:
    // wait for a lock rather than fail.
    conn.busy_timeout(Duration::from_secs(5)).map_err(db_err)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(db_err)?;
    // An audit record, a sign-out or a revocation must survive a power cut once acknowledged.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(db_err)?;
    Ok(conn)
}

/// Brings the schema up to this binary's version, or refuses a newer one.
fn migrate(conn: &mut Connection) -> Result<(), String> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .map_err(db_err)?;
    let version = |c: &Connection| {
        c.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(db_err)
    };
    for m in migrations::pending(version(conn)?)? {
        // IMMEDIATE takes the write lock first: a second process starting at the same moment
        // waits, then finds the step done.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db_err)?;
        if version(&tx)? >= m.version {
            continue;
        }
        if m.version == 1 {
            adopt_audit_without_reasons(&tx)?;
        }
        tx.execute_batch(m.sqlite).map_err(db_err)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![m.version, m.name, crate::audit::now_utc()],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
    }
    Ok(())
}

/// An audit table from before the `reason` column (and before migrations) gets the column, so
/// migration 1's `CREATE TABLE IF NOT EXISTS` finds the shape it expects.
fn adopt_audit_without_reasons(conn: &Connection) -> Result<(), String> {
    let has_audit = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'")
        .and_then(|mut s| s.exists([]))
        .map_err(db_err)?;
    let has_reason = conn
        .prepare("SELECT 1 FROM pragma_table_info('audit') WHERE name = 'reason'")
        .and_then(|mut s| s.exists([]))
        .map_err(db_err)?;
    if has_audit && !has_reason {
        conn.execute_batch("ALTER TABLE audit ADD COLUMN reason TEXT NOT NULL DEFAULT ''")
            .map_err(db_err)?;
    }
    Ok(())
}

fn audit_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        id: row.get(0)?,
        time: row.get(1)?,
        user: row.get(2)?,
        role: row.get(3)?,
        action: row.get(4)?,
        region: row.get(5)?,
        resources: row.get(6)?,
        parameters: row.get(7)?,
        outcome: row.get(8)?,
        request_id: row.get(9)?,
        duration_ms: row.get(10)?,
        reason: row.get(11)?,
    })
}

const AUDIT_COLUMNS: &str = "id, time, user, role, action, region, resources, parameters, \
                             outcome, request_id, duration_ms, reason";

impl SqliteStore {
    /// Opens (or creates) the file at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Self, String> {
        crate::files::prepare_database(path)?;
        let mut main = connect(path)?;
        migrate(&mut main)?;
        Ok(Self {
            main: Mutex::new(main),
            audit: Mutex::new(connect(path)?),
        })
    }

    pub(super) fn main(&self) -> Result<MutexGuard<'_, Connection>, String> {
        self.main
            .lock()
            .map_err(|_| "database lock poisoned".to_owned())
    }

    fn audit(&self) -> Result<MutexGuard<'_, Connection>, String> {
        self.audit
            .lock()
            .map_err(|_| "audit database lock poisoned".to_owned())
    }

    /// The schema version (readiness and tests).
    pub fn schema_version(&self) -> Result<i64, String> {
        self.main()?
            .query_row("SELECT MAX(version) FROM schema_migrations", [], |r| {
                r.get(0)
            })
            .map_err(db_err)
    }

    /// One user.
    pub fn user(&self, name: &str) -> Result<Option<StoredUser>, String> {
        self.main()?
            .query_row(
                "SELECT name, role, password_hash FROM users WHERE name = ?1",
                params![name],
                |r| {
                    Ok(StoredUser {
                        name: r.get(0)?,
                        role: r.get(1)?,
                        password_hash: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(db_err)
    }

    /// Every user, by name.
    pub fn users(&self) -> Result<Vec<StoredUser>, String> {
        let conn = self.main()?;
        let mut stmt = conn
            .prepare("SELECT name, role, password_hash FROM users ORDER BY name")
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(StoredUser {
                    name: r.get(0)?,
                    role: r.get(1)?,
                    password_hash: r.get(2)?,
                })
            })
            .map_err(db_err)?;
        rows.collect::<Result<_, _>>().map_err(db_err)
    }

    /// Adds or replaces a user and ends the name's sessions, in one transaction; returns how
    /// many sessions ended.
    pub fn put_user(&self, user: &StoredUser) -> Result<usize, String> {
        let mut conn = self.main()?;
        let tx = conn.transaction().map_err(db_err)?;
        tx.execute(
            "INSERT INTO users (name, role, password_hash) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash",
            params![user.name, user.role, user.password_hash],
        )
        .map_err(db_err)?;
        let ended = tx
            .execute("DELETE FROM sessions WHERE user = ?1", params![user.name])
            .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
        Ok(ended)
    }

    /// Removes a user and ends their sessions, in one transaction; false when there was none.
    pub fn delete_user(&self, name: &str) -> Result<bool, String> {
        let mut conn = self.main()?;
        let tx = conn.transaction().map_err(db_err)?;
        let removed = tx
            .execute("DELETE FROM users WHERE name = ?1", params![name])
            .map_err(db_err)?;
        tx.execute("DELETE FROM sessions WHERE user = ?1", params![name])
            .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
        Ok(removed > 0)
    }

    /// Stores a new session, first deleting those that could no longer be used.
    pub fn session_insert(
        &self,
        digest: &str,
        user: &str,
        now: i64,
        expired: (i64, i64),
    ) -> Result<(), String> {
        let conn = self.main()?;
        conn.execute(
            "DELETE FROM sessions WHERE created <= ?1 OR last_seen <= ?2",
            params![expired.0, expired.1],
        )
        .map_err(db_err)?;
        conn.execute(
            "INSERT INTO sessions (token_sha256, user, created, last_seen) VALUES (?1, ?2, ?3, ?3)",
            params![digest, user, now],
        )
        .map_err(db_err)?;
        Ok(())
    }

    /// A stored session.
    pub fn session(&self, digest: &str) -> Result<Option<SessionRow>, String> {
        self.main()?
            .query_row(
                "SELECT user, created, last_seen FROM sessions WHERE token_sha256 = ?1",
                params![digest],
                |r| {
                    Ok(SessionRow {
                        user: r.get(0)?,
                        created: r.get(1)?,
                        last_seen: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(db_err)
    }

    /// Marks a session used at `now`.
    pub fn session_touch(&self, digest: &str, now: i64) -> Result<(), String> {
        self.main()?
            .execute(
                "UPDATE sessions SET last_seen = ?2 WHERE token_sha256 = ?1",
                params![digest, now],
            )
            .map_err(db_err)?;
        Ok(())
    }

    /// Ends one session.
    pub fn session_delete(&self, digest: &str) -> Result<(), String> {
        self.main()?
            .execute(
                "DELETE FROM sessions WHERE token_sha256 = ?1",
                params![digest],
            )
            .map_err(db_err)?;
        Ok(())
    }

    /// Ends every session of `user`; how many there were.
    pub fn sessions_delete_user(&self, user: &str) -> Result<usize, String> {
        self.main()?
            .execute("DELETE FROM sessions WHERE user = ?1", params![user])
            .map_err(db_err)
    }

    /// Counts a failed sign-in against every key, unless one of them has reached its cap
    /// within the window (`None`). The write lock is taken first, so two attempts cannot both
    /// pass the check before either is counted.
    pub fn failures_reserve(
        &self,
        keys: &[FailureKey],
        now_ms: i64,
        window_ms: i64,
    ) -> Result<Option<Vec<i64>>, String> {
        let mut conn = self.main()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db_err)?;
        tx.execute(
            "DELETE FROM login_failures WHERE at_ms <= ?1",
            params![now_ms - window_ms],
        )
        .map_err(db_err)?;
        for k in keys {
            let n: i64 = tx
                .query_row(
                    "SELECT COUNT(*) FROM login_failures WHERE key = ?1",
                    params![k.key],
                    |r| r.get(0),
                )
                .map_err(db_err)?;
            if n >= k.cap {
                tx.commit().map_err(db_err)?;
                return Ok(None);
            }
        }
        let mut ids = Vec::with_capacity(keys.len());
        for k in keys {
            tx.execute(
                "INSERT INTO login_failures (key, at_ms) VALUES (?1, ?2)",
                params![k.key, now_ms],
            )
            .map_err(db_err)?;
            ids.push(tx.last_insert_rowid());
        }
        tx.commit().map_err(db_err)?;
        Ok(Some(ids))
    }

    /// Takes back counted failures (the password was right).
    pub fn failures_refund(&self, ids: &[i64]) -> Result<(), String> {
        let mut conn = self.main()?;
        let tx = conn.transaction().map_err(db_err)?;
        for id in ids {
            tx.execute("DELETE FROM login_failures WHERE id = ?1", params![id])
                .map_err(db_err)?;
        }
        tx.commit().map_err(db_err)
    }

    /// Appends an audit record (its `id` is ignored); the new id, once on disk.
    pub fn audit_append(&self, r: &AuditRecord) -> Result<i64, String> {
        let conn = self.audit()?;
        conn.execute(
            "INSERT INTO audit (time, user, role, action, region, resources, parameters, outcome, request_id, duration_ms, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![r.time, r.user, r.role, r.action, r.region, r.resources, r.parameters, r.outcome, r.request_id, r.duration_ms, r.reason],
        )
        .map_err(db_err)?;
        Ok(conn.last_insert_rowid())
    }

    /// The newest records matching `f` (at most `limit`), oldest first.
    pub fn audit_query(&self, f: &AuditFilter, limit: u32) -> Result<Vec<AuditRecord>, String> {
        let conn = self.audit()?;
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {AUDIT_COLUMNS} FROM audit
                 WHERE (?1 IS NULL OR user = ?1) AND (?2 IS NULL OR action = ?2)
                   AND (?3 IS NULL OR instr(resources, ?3) > 0) AND (?4 IS NULL OR outcome = ?4)
                 ORDER BY id DESC LIMIT ?5"
            ))
            .map_err(db_err)?;
        let rows = stmt
            .query_map(
                params![f.user, f.action, f.resource, f.outcome, limit],
                audit_row,
            )
            .map_err(db_err)?;
        let mut out = rows.collect::<Result<Vec<_>, _>>().map_err(db_err)?;
        out.reverse();
        Ok(out)
    }

    /// The records with these ids, in id order.
    pub fn audit_by_ids(&self, ids: &[i64]) -> Result<Vec<AuditRecord>, String> {
        let conn = self.audit()?;
        let mut stmt = conn
            .prepare(&format!("SELECT {AUDIT_COLUMNS} FROM audit WHERE id = ?1"))
            .map_err(db_err)?;
        let mut wanted = ids.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = Vec::new();
        for id in wanted {
            if let Some(r) = stmt
                .query_row(params![id], audit_row)
                .optional()
                .map_err(db_err)?
            {
                out.push(r);
            }
        }
        Ok(out)
    }
}
