//! `tether db migrate-from`: copies a SQLite store (users and the audit trail, ids and
//! timestamps as they are) into the store of `--database`, in one transaction on the target.
//! Only into an empty target: merging two trails would interleave their ids and make the order
//! of events a lie. Sessions and failed sign-ins are not copied: they are short-lived, and
//! everyone signs in again. The source is opened as a start would open it: a schema older than
//! this binary is brought up to date first (so its records read the same), a newer one refused.

use super::{DatabaseUrl, Store, postgres::PgStore, sqlite::SqliteStore};
use crate::audit::{AuditFilter, AuditRecord};
use crate::auth::users::StoredUser;
use rusqlite::{TransactionBehavior, params};
use std::path::{Path, PathBuf};

/// What was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// Users from the source's users table.
    pub users: usize,
    /// Users from a `users.json` beside the source not yet imported into it.
    pub users_from_file: usize,
    /// Audit records.
    pub audit_records: usize,
}

fn db_err(e: impl std::fmt::Display) -> String {
    format!("database: {e}")
}

/// The message for a target that already holds something.
fn not_empty(users: usize, has_audit: bool) -> String {
    format!(
        "the target database is not empty ({users} user(s){}): migrate-from copies only into a \
         new database and never merges; point --database at an empty one (or drop and recreate \
         it), then run the command again",
        if has_audit { ", audit records" } else { "" }
    )
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canonical(a) == canonical(b)
}

/// The users of a `users.json` beside the source that the source has not imported yet (an
/// older version's file: `open_store` imports it only when the store has no users).
fn pending_users_file(source: &Path, source_users: usize) -> Result<Vec<StoredUser>, String> {
    let path: PathBuf = source.with_file_name("users.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    if source_users > 0 {
        return Ok(Vec::new());
    }
    crate::files::refuse_if_world_readable(&path, "the users file")?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Copies the SQLite store at `source` into `target` (migrated first); refuses a target that
/// already has users or audit records, and a source that is the target.
pub async fn migrate_from(
    source: &DatabaseUrl,
    target: &DatabaseUrl,
) -> Result<CopyReport, String> {
    let DatabaseUrl::Sqlite(source_path) = source else {
        return Err("migrate-from reads a SQLite store: give sqlite://PATH".to_owned());
    };
    if let DatabaseUrl::Sqlite(target_path) = target
        && same_file(source_path, target_path)
    {
        return Err(format!(
            "the source {} is the target (--database): name the new database with --database \
             or TETHER_DATABASE_URL",
            source_path.display()
        ));
    }
    if !source_path.exists() {
        return Err(format!("no SQLite store at {}", source_path.display()));
    }
    // Opening migrates an older schema forward and refuses a newer one.
    let source_store =
        Store::sqlite(source_path).map_err(|e| format!("source {}: {e}", source_path.display()))?;
    let mut users = source_store.users().await?;
    let from_db = users.len();
    let from_file = pending_users_file(source_path, from_db)?;
    let users_from_file = from_file.len();
    users.extend(from_file);
    let audit = source_store
        .audit_query(AuditFilter::default(), u32::MAX)
        .await?;
    let target_store = Store::open(target)
        .await
        .map_err(|e| format!("target: {e}"))?;
    match &target_store {
        Store::Sqlite(s) => {
            let s = s.clone();
            let (users, audit) = (users.clone(), audit.clone());
            tokio::task::spawn_blocking(move || import_sqlite(&s, &users, &audit))
                .await
                .map_err(|e| format!("database task: {e}"))??;
        }
        Store::Postgres(p) => import_postgres(p, &users, &audit).await?,
    }
    Ok(CopyReport {
        users: from_db,
        users_from_file,
        audit_records: audit.len(),
    })
}

fn import_sqlite(
    s: &SqliteStore,
    users: &[StoredUser],
    audit: &[AuditRecord],
) -> Result<(), String> {
    let mut conn = s.main()?;
    // IMMEDIATE: no replica writes between the emptiness check and the copy.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db_err)?;
    let n: i64 = tx
        .query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))
        .map_err(db_err)?;
    let has_audit = tx
        .prepare("SELECT 1 FROM audit LIMIT 1")
        .and_then(|mut st| st.exists([]))
        .map_err(db_err)?;
    if n > 0 || has_audit {
        return Err(not_empty(n as usize, has_audit));
    }
    for u in users {
        tx.execute(
            "INSERT INTO users (name, role, password_hash) VALUES (?1, ?2, ?3)",
            params![u.name, u.role, u.password_hash],
        )
        .map_err(db_err)?;
    }
    for r in audit {
        tx.execute(
            "INSERT INTO audit (id, time, user, role, action, region, resources, parameters, outcome, request_id, duration_ms, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![r.id, r.time, r.user, r.role, r.action, r.region, r.resources, r.parameters, r.outcome, r.request_id, r.duration_ms, r.reason],
        )
        .map_err(db_err)?;
    }
    tx.commit().map_err(db_err)
}

async fn import_postgres(
    p: &PgStore,
    users: &[StoredUser],
    audit: &[AuditRecord],
) -> Result<(), String> {
    let mut client = p.client().await?;
    let tx = client.transaction().await.map_err(db_err)?;
    // Replicas already running on the target wait until the copy is committed.
    tx.batch_execute("LOCK TABLE users, audit IN SHARE ROW EXCLUSIVE MODE")
        .await
        .map_err(db_err)?;
    let n: i64 = tx
        .query_one("SELECT COUNT(*) FROM users", &[])
        .await
        .map_err(db_err)?
        .get(0);
    let has_audit = tx
        .query_opt("SELECT 1 FROM audit LIMIT 1", &[])
        .await
        .map_err(db_err)?
        .is_some();
    if n > 0 || has_audit {
        return Err(not_empty(n as usize, has_audit));
    }
    let insert_user = tx
        .prepare("INSERT INTO users (name, role, password_hash) VALUES ($1, $2, $3)")
        .await
        .map_err(db_err)?;
    for u in users {
        tx.execute(&insert_user, &[&u.name, &u.role, &u.password_hash])
            .await
            .map_err(db_err)?;
    }
    let insert_audit = tx
        .prepare(
            "INSERT INTO audit (id, time, user_name, role, action, region, resources, parameters, outcome, request_id, duration_ms, reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .await
        .map_err(db_err)?;
    for r in audit {
        tx.execute(
            &insert_audit,
            &[
                &r.id,
                &r.time,
                &r.user,
                &r.role,
                &r.action,
                &r.region,
                &r.resources,
                &r.parameters,
                &r.outcome,
                &r.request_id,
                &r.duration_ms,
                &r.reason,
            ],
        )
        .await
        .map_err(db_err)?;
    }
    // The next record continues after the copied ids, so the order stays the order of events.
    tx.batch_execute(
        "SELECT setval(pg_get_serial_sequence('audit', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM audit",
    )
    .await
    .map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}
