//! The audit trail over HTTP: every signed-in user may read it (transparency inside the team);
//! exports as JSON or CSV; admins may replay a selection into the embedded simulator, and the
//! replay is itself a record (who, which records, what came of each).

use crate::audit::{AuditFilter, AuditRecord, Recorded, now_utc, to_csv};
use crate::error::AppError;
use crate::extract::{Admin, CurrentUser, StrictJson};
use crate::routes::api::replay;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tether_domain::api::{AuditList, ReplayAnswer, ReplayRequest, ReplayResult};

/// Query parameters of `GET /api/audit`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AuditQuery {
    user: Option<String>,
    action: Option<String>,
    resource: Option<String>,
    outcome: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

fn nonempty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

/// `GET /api/audit`.
pub async fn list(
    State(state): State<AppState>,
    _: CurrentUser,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let Some(audit) = state.audit.clone() else {
        return Err(AppError::Forbidden(
            "The audit trail is off (start tether with --data-dir).".into(),
        ));
    };
    let filter = AuditFilter {
        user: nonempty(q.user),
        action: nonempty(q.action),
        resource: nonempty(q.resource),
        outcome: nonempty(q.outcome),
    };
    audit
        .flush_refusals()
        .await
        .map_err(|_| AppError::AuditFailed)?;
    let records = audit
        .query(&filter, 1000)
        .await
        .map_err(|_| AppError::AuditFailed)?;
    if q.format.as_deref() == Some("csv") {
        return Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"tether-audit.csv\"",
                ),
            ],
            to_csv(&records),
        )
            .into_response());
    }
    Ok(Json(AuditList { records }).into_response())
}

/// Replays the selected records, in order, into the embedded simulator (admin only).
pub async fn replay_into_simulator(
    State(state): State<AppState>,
    Admin(user): Admin,
    StrictJson(ask): StrictJson<ReplayRequest>,
) -> Result<Response, AppError> {
    let started = std::time::Instant::now();
    if state.simulator.is_none() {
        return Err(AppError::Forbidden(
            "Replay only targets the embedded simulator, never a real cloud.".into(),
        ));
    }
    let Some(audit) = state.audit.clone() else {
        return Err(AppError::AuditFailed);
    };
    let records = audit
        .by_ids(&ask.ids)
        .await
        .map_err(|_| AppError::AuditFailed)?;
    let mut resources: Vec<&str> = records
        .iter()
        .flat_map(|r| r.resources.split(' '))
        .collect();
    resources.retain(|r| !r.is_empty());
    resources.dedup();
    let resources = resources.join(" ");
    let mut results = Vec::new();
    for r in records {
        let outcome = match replay(&state, &user, &r.action, &r.parameters).await {
            Ok(()) => "ok".to_owned(),
            Err(e) => e.to_api_error().code,
        };
        results.push(ReplayResult {
            id: r.id,
            action: r.action,
            outcome,
        });
    }
    let found: Vec<i64> = results.iter().map(|r| r.id).collect();
    let mut reason: Vec<String> = results
        .iter()
        .map(|r| format!("#{} {}", r.id, r.outcome))
        .collect();
    reason.extend(
        (ask.ids.iter().filter(|id| !found.contains(id)))
            .map(|id| format!("#{id} not in the trail")),
    );
    let record = AuditRecord {
        time: now_utc(),
        user: user.name.clone(),
        role: user.role.as_str().to_owned(),
        action: "audit/replay".to_owned(),
        resources,
        parameters: serde_json::to_string(&ask).unwrap_or_default(),
        // The first replayed call that did not succeed, so `Outcome=ok` lists clean replays only.
        outcome: results
            .iter()
            .find(|r| r.outcome != "ok")
            .map_or_else(|| "ok".to_owned(), |r| r.outcome.clone()),
        duration_ms: started.elapsed().as_millis() as i64,
        reason: reason.join(", "),
        ..AuditRecord::default()
    };
    if audit.record(&record).await.is_err() {
        tracing::error!("audit record of a replay could not be written");
        return Err(AppError::AuditFailed);
    }
    let mut response = Json(ReplayAnswer { results }).into_response();
    response.extensions_mut().insert(Recorded);
    Ok(response)
}
