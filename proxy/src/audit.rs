//! The audit trail: every mutating call, recorded durably in the store (SQLite: WAL,
//! synchronous=FULL; PostgreSQL: a committed transaction) before its answer goes back, so an
//! acknowledged change is never missing from the record. Refused requests are recorded too,
//! within a budget (see `refusals`).

pub mod refusals;

use crate::store::Store;
use std::path::Path;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

pub use tether_domain::api::AuditRecord;

/// Filters for reading the trail; empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Exact user.
    pub user: Option<String>,
    /// Exact action.
    pub action: Option<String>,
    /// A resource ID contained in `resources`.
    pub resource: Option<String>,
    /// Exact outcome.
    pub outcome: Option<String>,
}

/// The audit trail in the store, and this replica's refusal budget.
#[derive(Debug)]
pub struct AuditLog {
    store: Store,
    refusals: Mutex<refusals::Budget>,
}

/// Response marker: this request already wrote its own record, so the refusal recorder
/// (`refusals::record`) must not write a second one.
#[derive(Debug, Clone, Copy)]
pub struct Recorded;

/// Now, as records spell time (`2026-11-25T17:03:21Z`).
pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    tether_signer::format_timestamp(secs)
}

impl AuditLog {
    /// The trail kept in `store`.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            refusals: Mutex::default(),
        }
    }

    /// The trail in the SQLite file at `path` (tools and tests).
    pub fn open(path: &Path) -> Result<Self, String> {
        Ok(Self::new(Store::sqlite(path)?))
    }

    /// Appends a record (its `id` is ignored) and returns the new id once it is durable.
    pub async fn record(&self, r: &AuditRecord) -> Result<i64, String> {
        self.store.audit_append(r.clone()).await
    }

    /// The newest records matching `f` (at most `limit`), oldest first.
    pub async fn query(&self, f: &AuditFilter, limit: u32) -> Result<Vec<AuditRecord>, String> {
        self.store.audit_query(f.clone(), limit).await
    }

    /// Records with these ids, in id order.
    pub async fn by_ids(&self, ids: &[i64]) -> Result<Vec<AuditRecord>, String> {
        self.store.audit_by_ids(ids.to_vec()).await
    }
}

/// One CSV cell, RFC 4180 quoted. A cell a spreadsheet would evaluate as a formula gets a
/// leading `'` (OWASP's CSV injection advice): user names, paths, parameters and reasons can
/// come from whoever sent the request, and the export is opened by an admin.
fn csv_cell(s: &str) -> String {
    let neutral = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", neutral.replace('"', "\"\""))
}

/// CSV export (RFC 4180 quoting, formulas neutralised).
pub fn to_csv(records: &[AuditRecord]) -> String {
    let q = csv_cell;
    let mut out = String::from(
        "id,time,user,role,action,region,resources,parameters,outcome,request_id,duration_ms,reason\n",
    );
    for r in records {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{}\n",
            r.id,
            q(&r.time),
            q(&r.user),
            q(&r.role),
            q(&r.action),
            q(&r.region),
            q(&r.resources),
            q(&r.parameters),
            q(&r.outcome),
            q(&r.request_id),
            r.duration_ms,
            q(&r.reason)
        ));
    }
    out
}

/// Resource IDs (`i-`, `eni-`, `vsw-`, `sg-`, `vpc-`) anywhere in a request or answer.
pub fn resource_ids(values: &[&serde_json::Value]) -> String {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s)
                if ["i-", "eni-", "vsw-", "sg-", "vpc-"]
                    .iter()
                    .any(|p| s.starts_with(p))
                    && !out.contains(s) =>
            {
                out.push(s.clone());
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for v in values {
        walk(v, &mut out);
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn rec(user: &str, action: &str, outcome: &str) -> AuditRecord {
        AuditRecord {
            id: 0,
            time: "2026-11-25T00:00:00Z".into(),
            user: user.into(),
            role: "operator".into(),
            action: action.into(),
            region: "cn-hangzhou".into(),
            resources: "eni-bp1abc i-bp1xyz".into(),
            parameters: "{\"A\":\"b,\\\"c\"}".into(),
            outcome: outcome.into(),
            request_id: "R1".into(),
            duration_ms: 12,
            reason: String::new(),
        }
    }

    #[tokio::test]
    async fn records_survive_reopening_and_filter() {
        let path = std::env::temp_dir().join(format!("tether-audit-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        {
            let log = AuditLog::open(&path).unwrap();
            log.record(&rec("alice", "AttachNetworkInterface", "ok"))
                .await
                .unwrap();
            log.record(&rec(
                "bob",
                "DeleteNetworkInterface",
                "InvalidOperation.InvalidEniState",
            ))
            .await
            .unwrap();
        }
        let log = AuditLog::open(&path).unwrap();
        assert_eq!(
            log.query(&AuditFilter::default(), 10).await.unwrap().len(),
            2
        );
        let f = AuditFilter {
            user: Some("bob".into()),
            ..AuditFilter::default()
        };
        let bob = log.query(&f, 10).await.unwrap();
        assert_eq!(bob.len(), 1);
        assert_eq!(bob[0].outcome, "InvalidOperation.InvalidEniState");
        let f = AuditFilter {
            resource: Some("eni-bp1abc".into()),
            action: Some("AttachNetworkInterface".into()),
            ..AuditFilter::default()
        };
        assert_eq!(log.query(&f, 10).await.unwrap().len(), 1);
        let csv = to_csv(&bob);
        assert!(
            csv.lines()
                .nth(1)
                .unwrap()
                .contains("\"{\"\"A\"\":\"\"b,\\\"\"c\"\"}\""),
            "{csv}"
        );
        let _ = std::fs::remove_file(&path);
    }

    #[tokio::test]
    async fn a_database_from_before_reasons_gains_the_column_and_keeps_its_records() {
        let path = std::env::temp_dir().join(format!("tether-audit-v1-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(
                "CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL,
                    action TEXT NOT NULL, region TEXT NOT NULL, resources TEXT NOT NULL, parameters TEXT NOT NULL,
                    outcome TEXT NOT NULL, request_id TEXT NOT NULL, duration_ms INTEGER NOT NULL);
                 INSERT INTO audit (time, user, role, action, region, resources, parameters, outcome, request_id, duration_ms)
                    VALUES ('2026-11-01T00:00:00Z', 'alice', 'admin', 'StopInstance', 'cn-hangzhou', 'i-1', '{}', 'ok', 'R0', 3);",
            )
            .unwrap();
        }
        {
            let log = AuditLog::open(&path).unwrap();
            let mut refused = rec("bob", "DeleteNetworkInterface", "Tether.Forbidden");
            refused.reason = "Your role is operator; this needs admin.".into();
            log.record(&refused).await.unwrap();
        }
        let log = AuditLog::open(&path).unwrap();
        let all = log.query(&AuditFilter::default(), 10).await.unwrap();
        let kept: Vec<_> = all
            .iter()
            .map(|r| (r.user.as_str(), r.reason.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                ("alice", ""),
                ("bob", "Your role is operator; this needs admin.")
            ]
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_evaluate_start_with_a_quote() {
        let formulas = [
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ];
        for formula in formulas {
            let mut r = rec(formula, formula, formula);
            r.reason = formula.to_owned();
            r.parameters = formula.to_owned();
            let csv = to_csv(&[r]);
            let quoted = formula.replace('"', "\"\"");
            assert_eq!(
                csv.matches(&format!(",\"'{quoted}\"")).count(),
                5,
                "user, action, parameters, outcome and reason are neutralised: {csv}"
            );
            assert!(!csv.contains(&format!(",\"{quoted}")), "{csv}");
        }
        let plain = to_csv(&[rec("alice", "StopInstance", "ok")]);
        assert!(
            plain.contains(",\"alice\","),
            "ordinary cells are left alone: {plain}"
        );
    }

    #[test]
    fn resource_ids_are_found_in_requests_and_answers() {
        let req = serde_json::json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "eni-1", "InstanceId": "i-2"});
        let resp = serde_json::json!({"InstanceIdSets": {"InstanceIdSet": ["i-3"]}});
        assert_eq!(resource_ids(&[&req, &resp]), "i-2 eni-1 i-3");
    }
}
