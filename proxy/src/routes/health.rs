//! `/healthz` (the process is up), `/readyz` (the backend answers) and `/metrics`.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use tether_domain::{DescribeRegions, Validated};

/// Liveness.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: a DescribeRegions round trip through the signing client.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let Ok(request) = Validated::new(DescribeRegions::default()) else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "invalid probe".to_owned(),
        );
    };
    match state.client.send(&request).await.0 {
        Ok(_) => (StatusCode::OK, "ready".to_owned()),
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
