//! The audit trail over HTTP: every signed-in user may read it (transparency inside the team);
//! exports as JSON or CSV; admins may replay a selection into the embedded simulator.

use crate::audit::{AuditFilter, to_csv};
use crate::auth::check_same_origin;
use crate::error::AppError;
use crate::routes::api::{replay, user_of};
use crate::state::{AppState, Role};
use axum::Json;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{Request, header};
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
    Query(q): Query<AuditQuery>,
    req: Request<Body>,
) -> Result<Response, AppError> {
    user_of(&req)?;
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
    let records = tokio::task::spawn_blocking(move || audit.query(&filter, 1000))
        .await
        .map_err(|_| AppError::AuditFailed)?
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
    req: Request<Body>,
) -> Result<Response, AppError> {
    let user = user_of(&req)?;
    check_same_origin(req.method(), req.headers())?;
    if user.role < Role::Admin {
        return Err(AppError::Forbidden(format!(
            "Your role is {}; replay needs admin.",
            user.role.as_str()
        )));
    }
    if state.simulator.is_none() {
        return Err(AppError::Forbidden(
            "Replay only targets the embedded simulator, never a real cloud.".into(),
        ));
    }
    let Some(audit) = state.audit.clone() else {
        return Err(AppError::AuditFailed);
    };
    let body = axum::body::to_bytes(req.into_body(), crate::BODY_LIMIT)
        .await
        .unwrap_or_default();
    let ask: ReplayRequest =
        tether_domain::params::from_json_strict(&body).map_err(AppError::BadRequest)?;
    let records = audit.by_ids(&ask.ids).map_err(|_| AppError::AuditFailed)?;
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
    Ok(Json(ReplayAnswer { results }).into_response())
}
