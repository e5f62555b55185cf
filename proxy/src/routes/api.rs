//! `POST /api/<Action>`: one route per allowed action. The body is the domain request type
//! (unknown fields refused), the field rules run, the user, role and region are checked, then
//! the call is signed and forwarded, and mutations are audited before the answer goes back.
//! Nothing else can be signed.

use crate::audit::{AuditRecord, Recorded, now_utc, resource_ids};
use crate::auth::{PortalUser, check_role};
use crate::cloud::Answer;
use crate::error::AppError;
use crate::extract::{Authorized, StrictJson};
use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use std::time::Instant;
use tether_domain::params::from_json_strict;
use tether_domain::*;

/// The `/api/<Action>` routes of the whole allowlist.
pub fn routes() -> Router<AppState> {
    macro_rules! route_all {
        ($($action:ty),*) => {
            Router::new()$(.route(&format!("/api/{}", <$action as Action>::NAME), post(call::<$action>)))*
        };
    }
    tether_domain::for_each_action!(route_all)
}

/// Anything under `/api/` that is not in the allowlist.
pub async fn unknown_action(Path(action): Path<String>) -> AppError {
    AppError::UnknownAction(action)
}

async fn call<A: Action>(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<A>,
    StrictJson(mut request): StrictJson<A>,
) -> Result<Response, AppError> {
    let started = Instant::now();
    // The region is filled in here too, so the audit records where the call really went.
    let result = match crate::guard::region::enforce(&state.policy.allowed_regions, &mut request) {
        Ok(()) => execute(&state, &user, request.clone()).await,
        Err(e) => Err(e),
    };
    let (outcome, request_id, reason) = audit_outcome(&request, &result);
    tracing::info!(
        action = A::NAME,
        region = request.region().map(RegionId::as_str).unwrap_or(""),
        user = %user.name,
        outcome = %outcome,
        request_id = %request_id,
        latency_ms = started.elapsed().as_millis() as u64,
        "api call"
    );
    let audited = A::MUTATES && state.audit.is_some();
    if A::MUTATES
        && let Some(audit) = state.audit.clone()
    {
        let request_json = serde_json::to_value(&request).unwrap_or_default();
        let answer_json = result
            .as_ref()
            .ok()
            .map(Answer::audit_json)
            .unwrap_or_default();
        let record = AuditRecord {
            id: 0,
            time: now_utc(),
            user: user.name.clone(),
            role: user.role.as_str().to_owned(),
            action: A::NAME.to_owned(),
            region: request.region().map(|r| r.to_string()).unwrap_or_default(),
            resources: resource_ids(&[&request_json, &answer_json]),
            parameters: request_json.to_string(),
            outcome,
            request_id,
            duration_ms: started.elapsed().as_millis() as i64,
            reason,
        };
        // Durably on disk before the answer leaves: an acknowledged change is always audited.
        if audit.record(&record).await.is_err() {
            tracing::error!(action = A::NAME, "audit record could not be written");
            return Err(AppError::AuditFailed);
        }
    }
    // The answer as the endpoint sent it, checked (see `send_answer`), so it needs no
    // re-encoding (measured: re-encoding cost ~15% of the proxy's throughput).
    let mut response = match result {
        Ok(answer) => ([(header::CONTENT_TYPE, "application/json")], answer.raw).into_response(),
        Err(e) => e.into_response(),
    };
    if audited {
        // Its record (refusal or not) is written above; the refusal recorder must not add one.
        response.extensions_mut().insert(Recorded);
    }
    Ok(response)
}

/// The outcome, RequestId and reason an audit record gives `request`'s `result`. The cloud's
/// RequestId of an acknowledged change, so a record can be traced at Alibaba. A change of
/// delete protection is recorded as such whatever came of it (an unprotect the cloud or the
/// portal refused stands out as much as one that was made), followed by why it failed.
fn audit_outcome<A: Action>(
    request: &A,
    result: &Result<Answer<A::Response>, AppError>,
) -> (String, String, String) {
    let attempted = request.protection_change().map(|change| change.describe());
    match result {
        Ok(answer) => (
            "ok".to_owned(),
            answer
                .essentials
                .as_ref()
                .map(|e| e.request_id.clone())
                .unwrap_or_default(),
            attempted.unwrap_or_default(),
        ),
        Err(e) => {
            let api = e.to_api_error();
            let reason = match attempted {
                Some(change) => format!("{change} {}", api.message),
                None => api.message,
            };
            (api.code, api.request_id.unwrap_or_default(), reason)
        }
    }
}

/// Validates, authorises and sends one request as `user`.
pub async fn execute<A: Action>(
    state: &AppState,
    user: &PortalUser,
    request: A,
) -> Result<Answer<A::Response>, AppError> {
    let mut request = request;
    crate::guard::region::enforce(&state.policy.allowed_regions, &mut request)?;
    let mut valid = Validated::new(request).map_err(AppError::Validation)?;
    check_role(user.role, A::ROLE)?;
    if let Some(why) = tether_domain::rules::protection_change_refusal(user.role, valid.get()) {
        return Err(AppError::Forbidden(why.message(Lang::En)));
    }
    let limiter = if A::MUTATES {
        &state.limiter
    } else {
        &state.read_limiter
    };
    if !limiter.allow(&user.name) {
        return Err(AppError::RateLimited);
    }
    crate::guard::instance::enforce(state, valid.get()).await?;
    crate::guard::protection::enforce(state, valid.get()).await?;
    if A::MUTATES {
        // Creates carry a token so the retry policy may retry them without creating twice.
        valid.ensure_client_token(|| crate::random::random_hex(16));
    }
    let upstream_started = Instant::now();
    let (result, retries) = state.client.send_answer(&valid).await;
    let outcome = result.as_ref().map_or_else(
        |e| e.code().unwrap_or("transport").to_owned(),
        |_| "ok".to_owned(),
    );
    state
        .metrics
        .record(A::NAME, &outcome, Some(upstream_started.elapsed()), retries);
    Ok(result?)
}

/// Replays one recorded request (audit replay into the simulator); only the outcome is kept.
pub async fn replay(
    state: &AppState,
    user: &PortalUser,
    action: &str,
    parameters: &str,
) -> Result<(), AppError> {
    macro_rules! dispatch {
        ($($a:ty),*) => {
            match action {
                $(n if n == <$a as Action>::NAME => {
                    let request: $a = from_json_strict(parameters.as_bytes()).map_err(AppError::BadRequest)?;
                    execute(state, user, request).await.map(drop)
                })*
                other => Err(AppError::UnknownAction(other.to_owned())),
            }
        };
    }
    tether_domain::for_each_action!(dispatch)
}
