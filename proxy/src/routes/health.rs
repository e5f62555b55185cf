//! `/healthz` (the process is up), `/readyz` (the database and the backend answer) and
//! `/metrics`.
//! `/readyz` needs no sign-in (orchestrators probe it), so it must not let anyone make the
//! proxy sign cloud calls at will: the last check is kept for `READY_TTL`, and concurrent
//! probes wait for the one check in flight. At most one cloud call per `READY_TTL`, whoever asks.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::time::{Duration, Instant};
use tether_domain::{DescribeRegions, Validated};

/// How long a readiness answer is reused.
pub const READY_TTL: Duration = Duration::from_secs(10);

/// The last readiness answer and when it was made.
#[derive(Debug, Default)]
pub struct ReadyCache(tokio::sync::Mutex<Option<(Instant, StatusCode, String)>>);

/// Liveness.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: a query to the store, then a DescribeRegions round trip through the signing
/// client, at most once per `READY_TTL`. A load balancer takes a replica whose database is
/// unreachable out of rotation: it could neither sign anyone in nor audit a change.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    // Held across the check: a burst of probes waits for one call instead of making many.
    let mut cached = state.ready.0.lock().await;
    if let Some((at, status, text)) = cached.as_ref()
        && at.elapsed() < READY_TTL
    {
        return (*status, text.clone());
    }
    let (status, text) = check(&state).await;
    *cached = Some((Instant::now(), status, text.clone()));
    (status, text)
}

async fn check(state: &AppState) -> (StatusCode, String) {
    let database = match &state.store {
        None => String::new(),
        Some(store) => match store.schema_version().await {
            Ok(version) => format!(" (database: {}, schema {version})", store.kind()),
            Err(e) => {
                // The answer is public: the reason goes to the log only.
                tracing::error!("readiness: {e}");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("database not ready ({})", store.kind()),
                );
            }
        },
    };
    let Ok(request) = Validated::new(DescribeRegions::default()) else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "invalid probe".to_owned(),
        );
    };
    match state.client.send(&request).await.0 {
        Ok(_) => (StatusCode::OK, format!("ready{database}")),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("backend not ready: {}", e.code().unwrap_or("unreachable")),
        ),
    }
}

/// Prometheus metrics.
pub async fn metrics(State(state): State<AppState>) -> String {
    state.metrics.render()
}
