//! `tether db migrate-from`: a SQLite store copied into PostgreSQL (a throwaway cluster from
//! common/pg.rs) and into another SQLite file keeps every user and every audit record, field
//! for field and in order; a target that already holds something is refused and left as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::pg;
use tether::audit::{AuditFilter, AuditRecord};
use tether::auth::users::StoredUser;
use tether::store::copy::{CopyReport, migrate_from};
use tether::store::{DatabaseUrl, Store, migrations};

/// A fresh directory, deleted with the value.
struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("tether-migrate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// The cluster; without PostgreSQL this test fails rather than passing unseen.
fn cluster() -> &'static pg::Cluster {
    pg::cluster()
        .expect("PostgreSQL is required: install it or set TETHER_PG_BIN (`cargo xtask test` does)")
}

fn user(name: &str, role: &str) -> StoredUser {
    StoredUser {
        name: name.into(),
        role: role.into(),
        password_hash: format!("$argon2id$v=19$m=19456,t=2,p=1$fake-{name}"),
    }
}

fn record(i: i64) -> AuditRecord {
    AuditRecord {
        id: 0,
        // Not in id order on purpose: the copy keeps ids and times as they were.
        time: format!("2026-11-{:02}T0{}:03:21Z", 25 - i, i % 10),
        user: if i % 2 == 0 { "alice" } else { "bob ünïcode" }.into(),
        role: ["viewer", "operator", "admin"][(i % 3) as usize].into(),
        action: format!("Action{i}"),
        region: if i == 2 {
            String::new()
        } else {
            "cn-hangzhou".into()
        },
        resources: format!("eni-{i:04} i-{i:04}"),
        parameters: format!(r#"{{"n":{i},"quote":"\"'"}}"#),
        outcome: if i == 3 { "Forbidden.RAM" } else { "ok" }.into(),
        request_id: format!("REQ-{i}"),
        duration_ms: i * 1000 + 7,
        reason: if i == 3 {
            "tag tether:protected".into()
        } else {
            String::new()
        },
    }
}

/// A SQLite store with three users, five audit records and a session; its URL.
async fn source(dir: &TempDir) -> DatabaseUrl {
    let url = DatabaseUrl::Sqlite(dir.0.join("audit.db"));
    let s = Store::open(&url).await.unwrap();
    for u in [
        user("carol", "viewer"),
        user("alice", "admin"),
        user("bob", "operator"),
    ] {
        s.put_user(u).await.unwrap();
    }
    for i in 1..=5 {
        s.audit_append(record(i)).await.unwrap();
    }
    s.session_insert("digest".into(), "alice".into(), 100, (0, 0))
        .await
        .unwrap();
    url
}

async fn everything(url: &DatabaseUrl) -> (Vec<StoredUser>, Vec<AuditRecord>) {
    let s = Store::open(url).await.unwrap();
    (
        s.users().await.unwrap(),
        s.audit_query(AuditFilter::default(), u32::MAX)
            .await
            .unwrap(),
    )
}

async fn copies_every_field_in_order_and_refuses_a_second_copy(label: &str, target: DatabaseUrl) {
    let dir = temp_dir(label);
    let source = source(&dir).await;
    let before = everything(&source).await;
    assert_eq!(before.1.len(), 5);

    let report = migrate_from(&source, &target).await.unwrap();
    assert_eq!(
        report,
        CopyReport {
            users: 3,
            users_from_file: 0,
            audit_records: 5
        }
    );
    let copied = everything(&target).await;
    assert_eq!(
        copied, before,
        "every field of every user and record, in order"
    );
    let t = Store::open(&target).await.unwrap();
    assert_eq!(
        t.session("digest").await.unwrap(),
        None,
        "sessions stay behind"
    );
    let next = t.audit_append(record(6)).await.unwrap();
    assert!(
        next > before.1.last().unwrap().id,
        "new records follow the copied ones"
    );

    let after_append = everything(&target).await;
    let e = migrate_from(&source, &target).await.unwrap_err();
    assert!(e.contains("not empty") && e.contains("empty one"), "{e}");
    assert_eq!(
        everything(&target).await,
        after_append,
        "the refusal changed nothing"
    );
    assert_eq!(everything(&source).await, before, "the source is only read");
}

#[tokio::test]
async fn sqlite_store_is_copied_into_postgresql_whole_and_only_once() {
    let target = cluster().database("migrate_whole").await;
    copies_every_field_in_order_and_refuses_a_second_copy("into-postgres", target).await;
}

#[tokio::test]
async fn sqlite_store_is_copied_into_another_sqlite_file_whole_and_only_once() {
    let dir = temp_dir("target");
    copies_every_field_in_order_and_refuses_a_second_copy(
        "into-sqlite",
        DatabaseUrl::Sqlite(dir.0.join("copy.db")),
    )
    .await;
}

#[tokio::test]
async fn a_target_with_only_users_is_refused_too() {
    let dir = temp_dir("users-only");
    let source = source(&dir).await;
    let target = cluster().database("migrate_users_only").await;
    Store::open(&target)
        .await
        .unwrap()
        .put_user(user("zed", "admin"))
        .await
        .unwrap();
    let e = migrate_from(&source, &target).await.unwrap_err();
    assert!(e.contains("1 user(s)"), "{e}");
    let (users, audit) = everything(&target).await;
    assert_eq!((users, audit.len()), (vec![user("zed", "admin")], 0));
}

#[tokio::test]
async fn a_users_file_the_source_never_imported_is_copied_with_it() {
    let dir = temp_dir("users-file");
    let url = DatabaseUrl::Sqlite(dir.0.join("audit.db"));
    Store::open(&url)
        .await
        .unwrap()
        .audit_append(record(1))
        .await
        .unwrap();
    let file = dir.0.join("users.json");
    let users = vec![user("alice", "admin"), user("bob", "viewer")];
    std::fs::write(&file, serde_json::to_string(&users).unwrap()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let target = cluster().database("migrate_users_file").await;
    let report = migrate_from(&url, &target).await.unwrap();
    assert_eq!((report.users, report.users_from_file), (0, 2));
    assert_eq!(everything(&target).await.0, users);
    assert!(file.exists(), "the source's files are left as they were");
}

#[tokio::test]
async fn the_source_as_target_and_a_newer_source_schema_are_refused() {
    let dir = temp_dir("refusals");
    let source = source(&dir).await;
    let e = migrate_from(&source, &source).await.unwrap_err();
    assert!(e.contains("is the target"), "{e}");

    let DatabaseUrl::Sqlite(path) = &source else {
        unreachable!()
    };
    rusqlite::Connection::open(path)
        .unwrap()
        .execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, 'future', 'x')",
            [migrations::latest() + 1],
        )
        .unwrap();
    let target = cluster().database("migrate_newer").await;
    let e = migrate_from(&source, &target).await.unwrap_err();
    assert!(
        e.contains("source") && e.contains("newer than this tether"),
        "{e}"
    );
    let (users, audit) = everything(&target).await;
    assert!(users.is_empty() && audit.is_empty());
}
