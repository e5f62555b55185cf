//! The audit trail: every mutating call, recorded durably in SQLite (WAL, synchronous=FULL)
//! before its answer goes back, so an acknowledged change is never missing from the record.
//! Refused requests are recorded too, within a budget (see `refusals`).

pub mod refusals;

use rusqlite::{Connection, params};
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

/// The audit database.
#[derive(Debug)]
pub struct AuditLog {
    conn: Mutex<Connection>,
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

fn db_err(e: rusqlite::Error) -> String {
    format!("audit database: {e}")
}

impl AuditLog {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> Result<Self, String> {
        crate::files::prepare_database(path)?;
        let conn = Connection::open(path).map_err(db_err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(db_err)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL,
                action TEXT NOT NULL, region TEXT NOT NULL, resources TEXT NOT NULL, parameters TEXT NOT NULL,
                outcome TEXT NOT NULL, request_id TEXT NOT NULL, duration_ms INTEGER NOT NULL,
                reason TEXT NOT NULL DEFAULT '')",
        )
        .map_err(db_err)?;
        // A database from before `reason` existed gets the column; SQLite's ADD COLUMN has no
        // IF NOT EXISTS, hence the look at the table first.
        let has_reason = conn
            .prepare("SELECT 1 FROM pragma_table_info('audit') WHERE name = 'reason'")
            .and_then(|mut stmt| stmt.exists([]))
            .map_err(db_err)?;
        if !has_reason {
            conn.execute_batch("ALTER TABLE audit ADD COLUMN reason TEXT NOT NULL DEFAULT ''")
                .map_err(db_err)?;
        }
        Ok(Self {
            conn: Mutex::new(conn),
            refusals: Mutex::default(),
        })
    }

    /// Appends a record (its `id` is ignored) and returns the new id once it is on disk.
    pub fn record(&self, r: &AuditRecord) -> Result<i64, String> {
        let conn = self
            .conn
            .lock()
            .map_err(|_| "audit database lock poisoned".to_owned())?;
        conn.execute(
            "INSERT INTO audit (time, user, role, action, region, resources, parameters, outcome, request_id, duration_ms, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![r.time, r.user, r.role, r.action, r.region, r.resources, r.parameters, r.outcome, r.request_id, r.duration_ms, r.reason],
        )
        .map_err(db_err)?;
        Ok(conn.last_insert_rowid())
    }

    /// The newest records matching `f` (at most `limit`), oldest first.
    pub fn query(&self, f: &AuditFilter, limit: u32) -> Result<Vec<AuditRecord>, String> {
        let conn = self
            .conn
            .lock()
            .map_err(|_| "audit database lock poisoned".to_owned())?;
        let mut stmt = conn
            .prepare(
                "SELECT id, time, user, role, action, region, resources, parameters, outcome, request_id, duration_ms, reason FROM audit
                 WHERE (?1 IS NULL OR user = ?1) AND (?2 IS NULL OR action = ?2)
                   AND (?3 IS NULL OR instr(resources, ?3) > 0) AND (?4 IS NULL OR outcome = ?4)
                 ORDER BY id DESC LIMIT ?5",
            )
            .map_err(db_err)?;
        let rows = stmt
            .query_map(
                params![f.user, f.action, f.resource, f.outcome, limit],
                |row| {
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
                },
            )
            .map_err(db_err)?;
        let mut out = rows.collect::<Result<Vec<_>, _>>().map_err(db_err)?;
        out.reverse();
        Ok(out)
    }

    /// Records with these ids, in id order.
    pub fn by_ids(&self, ids: &[i64]) -> Result<Vec<AuditRecord>, String> {
        let all = self.query(&AuditFilter::default(), u32::MAX)?;
        Ok(all.into_iter().filter(|r| ids.contains(&r.id)).collect())
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

    #[test]
    fn records_survive_reopening_and_filter() {
        let path = std::env::temp_dir().join(format!("tether-audit-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        {
            let log = AuditLog::open(&path).unwrap();
            log.record(&rec("alice", "AttachNetworkInterface", "ok"))
                .unwrap();
            log.record(&rec(
                "bob",
                "DeleteNetworkInterface",
                "InvalidOperation.InvalidEniState",
            ))
            .unwrap();
        }
        let log = AuditLog::open(&path).unwrap();
        assert_eq!(log.query(&AuditFilter::default(), 10).unwrap().len(), 2);
        let f = AuditFilter {
            user: Some("bob".into()),
            ..AuditFilter::default()
        };
        let bob = log.query(&f, 10).unwrap();
        assert_eq!(bob.len(), 1);
        assert_eq!(bob[0].outcome, "InvalidOperation.InvalidEniState");
        let f = AuditFilter {
            resource: Some("eni-bp1abc".into()),
            action: Some("AttachNetworkInterface".into()),
            ..AuditFilter::default()
        };
        assert_eq!(log.query(&f, 10).unwrap().len(), 1);
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

    #[test]
    fn a_database_from_before_reasons_gains_the_column_and_keeps_its_records() {
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
            log.record(&refused).unwrap();
        }
        let log = AuditLog::open(&path).unwrap();
        let all = log.query(&AuditFilter::default(), 10).unwrap();
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
