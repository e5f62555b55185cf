//! The store's behaviour, one set of tests run against both backends: SQLite in a temporary
//! directory and PostgreSQL in a throwaway cluster (common/pg.rs).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::pg;
use tether::audit::{AuditFilter, AuditRecord};
use tether::auth::users::StoredUser;
use tether::store::{DatabaseUrl, FailureKey, Store, migrations};

/// A fresh SQLite file, deleted with the value.
struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn sqlite_url(name: &str) -> (DatabaseUrl, TempDir) {
    let dir = std::env::temp_dir().join(format!("tether-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    (DatabaseUrl::Sqlite(dir.join("tether.db")), TempDir(dir))
}

/// One test, once per backend.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let (url, _dir) = super::sqlite_url(stringify!($name));
                    super::$name(url).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(cluster) = super::pg::cluster() else { return };
                    super::$name(cluster.database(stringify!($name)).await).await;
                }
            )*
        }
    };
}

on_both_backends!(
    users_are_added_replaced_listed_and_removed_with_their_sessions,
    sessions_are_kept_by_digest_marked_used_and_ended,
    failed_sign_ins_are_capped_per_key_refunded_and_expire,
    concurrent_sign_ins_never_count_past_the_cap,
    audit_records_filter_and_come_back_by_id_in_order,
    the_schema_is_migrated_once_and_a_newer_one_is_refused,
);

fn user(name: &str, role: &str) -> StoredUser {
    StoredUser {
        name: name.into(),
        role: role.into(),
        password_hash: format!("$argon2id$fake-{name}-{role}"),
    }
}

async fn users_are_added_replaced_listed_and_removed_with_their_sessions(url: DatabaseUrl) {
    let s = Store::open(&url).await.unwrap();
    assert_eq!(s.put_user(user("bob", "viewer")).await.unwrap(), 0);
    s.put_user(user("alice", "operator")).await.unwrap();
    s.session_insert("d1".into(), "alice".into(), 100, (0, 0))
        .await
        .unwrap();
    s.session_insert("d2".into(), "alice".into(), 100, (0, 0))
        .await
        .unwrap();
    assert_eq!(
        s.put_user(user("alice", "admin")).await.unwrap(),
        2,
        "a new role or password ends the name's sessions"
    );
    let names: Vec<_> = s
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| (u.name, u.role))
        .collect();
    assert_eq!(
        names,
        [
            ("alice".into(), "admin".into()),
            ("bob".into(), "viewer".into())
        ]
    );
    s.session_insert("d3".into(), "bob".into(), 100, (0, 0))
        .await
        .unwrap();
    assert!(s.delete_user("bob").await.unwrap());
    assert!(!s.delete_user("bob").await.unwrap());
    assert_eq!(s.session("d3").await.unwrap(), None, "removal signs out");
    assert_eq!(s.user("bob").await.unwrap(), None);
    assert_eq!(s.user("alice").await.unwrap(), Some(user("alice", "admin")));
}

async fn sessions_are_kept_by_digest_marked_used_and_ended(url: DatabaseUrl) {
    let s = Store::open(&url).await.unwrap();
    s.session_insert("old".into(), "alice".into(), 10, (0, 0))
        .await
        .unwrap();
    s.session_insert("new".into(), "alice".into(), 500, (10, 0))
        .await
        .unwrap();
    assert_eq!(
        s.session("old").await.unwrap(),
        None,
        "a sign-in sweeps expired sessions"
    );
    let row = s.session("new").await.unwrap().unwrap();
    assert_eq!(
        (row.user.as_str(), row.created, row.last_seen),
        ("alice", 500, 500)
    );
    s.session_touch("new", 560).await.unwrap();
    assert_eq!(s.session("new").await.unwrap().unwrap().last_seen, 560);
    s.session_insert("other".into(), "bob".into(), 600, (0, 0))
        .await
        .unwrap();
    s.session_delete("new").await.unwrap();
    assert_eq!(s.session("new").await.unwrap(), None);
    assert_eq!(s.sessions_delete_user("bob").await.unwrap(), 1);
    assert_eq!(s.session("other").await.unwrap(), None);
}

fn keys(cap: i64) -> Vec<FailureKey> {
    vec![
        FailureKey {
            key: "pair:alice|10.0.0.1".into(),
            cap,
        },
        FailureKey {
            key: "user:alice".into(),
            cap: cap * 2,
        },
    ]
}

async fn failed_sign_ins_are_capped_per_key_refunded_and_expire(url: DatabaseUrl) {
    let s = Store::open(&url).await.unwrap();
    let window = 1_000;
    let refund = s
        .failures_reserve(keys(3), 0, window)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(refund.len(), 2, "one count per key");
    s.failures_refund(refund).await.unwrap();
    for _ in 0..3 {
        assert!(
            s.failures_reserve(keys(3), 10, window)
                .await
                .unwrap()
                .is_some()
        );
    }
    assert_eq!(s.failures_reserve(keys(3), 20, window).await.unwrap(), None);
    let other = vec![FailureKey {
        key: "user:alice".into(),
        cap: 6,
    }];
    assert!(
        s.failures_reserve(other, 20, window)
            .await
            .unwrap()
            .is_some(),
        "the user key had room of its own"
    );
    assert!(
        s.failures_reserve(keys(3), 10 + window, window)
            .await
            .unwrap()
            .is_some(),
        "failures older than the window no longer count"
    );
}

async fn concurrent_sign_ins_never_count_past_the_cap(url: DatabaseUrl) {
    let s = Store::open(&url).await.unwrap();
    let attempts: Vec<_> = (0..12)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move { s.failures_reserve(keys(5), 0, 60_000).await })
        })
        .collect();
    let mut admitted = 0;
    for a in attempts {
        if a.await.unwrap().unwrap().is_some() {
            admitted += 1;
        }
    }
    assert_eq!(admitted, 5);
}

fn record(user: &str, action: &str, resources: &str) -> AuditRecord {
    AuditRecord {
        time: "2026-11-25T00:00:00Z".into(),
        user: user.into(),
        role: "operator".into(),
        action: action.into(),
        region: "cn-hangzhou".into(),
        resources: resources.into(),
        parameters: "{}".into(),
        outcome: "ok".into(),
        request_id: "R1".into(),
        duration_ms: 7,
        reason: "a reason, with \"quotes\"".into(),
        ..AuditRecord::default()
    }
}

async fn audit_records_filter_and_come_back_by_id_in_order(url: DatabaseUrl) {
    let s = Store::open(&url).await.unwrap();
    let mut ids = Vec::new();
    for (who, what, res) in [
        ("alice", "AttachNetworkInterface", "eni-1 i-1"),
        ("bob", "DeleteNetworkInterface", "eni-2"),
        ("alice", "StopInstance", "i-1"),
    ] {
        ids.push(s.audit_append(record(who, what, res)).await.unwrap());
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids grow: {ids:?}");
    let all = s.audit_query(AuditFilter::default(), 10).await.unwrap();
    assert_eq!(
        all.iter().map(|r| r.id).collect::<Vec<_>>(),
        ids,
        "oldest first"
    );
    assert_eq!(
        all[0],
        AuditRecord {
            id: ids[0],
            ..record("alice", "AttachNetworkInterface", "eni-1 i-1")
        }
    );
    let newest = s.audit_query(AuditFilter::default(), 2).await.unwrap();
    assert_eq!(newest.iter().map(|r| r.id).collect::<Vec<_>>(), ids[1..]);
    let by = |f: AuditFilter| {
        let s = s.clone();
        async move {
            s.audit_query(f, 10)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.action)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        by(AuditFilter {
            user: Some("alice".into()),
            resource: Some("i-1".into()),
            ..AuditFilter::default()
        })
        .await,
        ["AttachNetworkInterface", "StopInstance"]
    );
    assert_eq!(
        by(AuditFilter {
            action: Some("DeleteNetworkInterface".into()),
            outcome: Some("ok".into()),
            ..AuditFilter::default()
        })
        .await,
        ["DeleteNetworkInterface"]
    );
    let picked = s.audit_by_ids(vec![ids[2], ids[0], 999_999]).await.unwrap();
    assert_eq!(
        picked.iter().map(|r| r.id).collect::<Vec<_>>(),
        [ids[0], ids[2]]
    );
}

/// Runs one statement on the database behind `url`, outside the store.
async fn execute_raw(url: &DatabaseUrl, sql: &str) {
    match url {
        DatabaseUrl::Sqlite(path) => {
            rusqlite::Connection::open(path)
                .unwrap()
                .execute_batch(sql)
                .unwrap();
        }
        DatabaseUrl::Postgres(config) => {
            let (client, connection) = config.connect(tokio_postgres::NoTls).await.unwrap();
            tokio::spawn(connection);
            client.batch_execute(sql).await.unwrap();
        }
    }
}

async fn the_schema_is_migrated_once_and_a_newer_one_is_refused(url: DatabaseUrl) {
    let first = Store::open(&url).await.unwrap();
    assert_eq!(first.schema_version().await.unwrap(), migrations::latest());
    first.put_user(user("alice", "admin")).await.unwrap();
    let again = Store::open(&url).await.unwrap();
    assert_eq!(
        again.users().await.unwrap().len(),
        1,
        "opening again migrates nothing and keeps the data"
    );
    let newer = migrations::latest() + 1;
    execute_raw(
        &url,
        &format!(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ({newer}, 'from the future', 'later')"
        ),
    )
    .await;
    let refused = Store::open(&url).await.unwrap_err();
    assert!(
        refused.contains(&format!("schema is version {newer}")),
        "{refused}"
    );
}
