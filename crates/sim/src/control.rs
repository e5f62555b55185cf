//! The simulator's own control API under `/_sim/` (never part of the cloud path, so a proxy
//! that only signs allowlisted actions cannot reach it): reset, snapshot/restore, speed,
//! faults and request statistics. Also snapshot files.

use crate::error::SimError;
use crate::faults::FaultConfig;
use crate::{Simulator, Speed};
use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use std::path::Path;

/// Snapshots of generated worlds are large.
const RESTORE_LIMIT: usize = 1 << 30;

/// The `/_sim/*` routes.
pub fn routes() -> Router<Simulator> {
    Router::new()
        .route("/_sim/reset", post(reset))
        .route("/_sim/snapshot", get(snapshot))
        .route(
            "/_sim/restore",
            post(restore).layer(DefaultBodyLimit::max(RESTORE_LIMIT)),
        )
        .route("/_sim/speed", get(speed).post(set_speed))
        .route(
            "/_sim/faults",
            get(faults).post(set_faults).delete(clear_faults),
        )
        .route("/_sim/stats", get(stats))
}

fn refused(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

async fn reset(State(sim): State<Simulator>) -> Response {
    match sim.reset() {
        Ok(()) => Json(json!({ "reset": true })).into_response(),
        Err(err) => refused(StatusCode::INTERNAL_SERVER_ERROR, err.message()),
    }
}

async fn snapshot(State(sim): State<Simulator>) -> Json<Value> {
    Json(sim.snapshot())
}

async fn restore(State(sim): State<Simulator>, Json(body): Json<Value>) -> Response {
    match sim.restore(body) {
        Ok(()) => Json(json!({ "restored": true })).into_response(),
        Err(err) => refused(StatusCode::BAD_REQUEST, err.message()),
    }
}

#[derive(Deserialize)]
struct SpeedBody {
    speed: String,
}

async fn speed(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!({ "speed": sim.speed() }))
}

async fn set_speed(State(sim): State<Simulator>, Json(body): Json<SpeedBody>) -> Response {
    match Speed::parse(&body.speed) {
        Some(speed) => {
            sim.set_speed(speed);
            Json(json!({ "speed": speed })).into_response()
        }
        None => refused(
            StatusCode::BAD_REQUEST,
            "speed must be instant, demo or realistic",
        ),
    }
}

async fn faults(State(sim): State<Simulator>) -> Json<FaultConfig> {
    Json(sim.faults())
}

/// `{"scenario": "flaky"}` or a full `FaultConfig` (`{"rules": [...]}`).
async fn set_faults(State(sim): State<Simulator>, Json(body): Json<Value>) -> Response {
    let config = match body.get("scenario").and_then(Value::as_str) {
        Some(name) => match FaultConfig::scenario(name) {
            Some(config) => config,
            None => {
                let known = crate::faults::SCENARIOS.join(", ");
                return refused(
                    StatusCode::BAD_REQUEST,
                    format!("unknown scenario {name}; known: {known}"),
                );
            }
        },
        None => match serde_json::from_value::<FaultConfig>(body) {
            Ok(config) => config,
            Err(err) => {
                return refused(
                    StatusCode::BAD_REQUEST,
                    format!("invalid fault rules: {err}"),
                );
            }
        },
    };
    sim.set_faults(config.clone());
    Json(config).into_response()
}

async fn clear_faults(State(sim): State<Simulator>) -> Json<FaultConfig> {
    sim.set_faults(FaultConfig::none());
    Json(FaultConfig::none())
}

async fn stats(State(sim): State<Simulator>) -> Json<crate::Stats> {
    Json(sim.stats())
}

/// Writes the world to `path` as JSON, as of now (the way the state file is written).
pub fn snapshot_to_file(sim: &Simulator, path: &Path) -> std::io::Result<()> {
    sim.with_world(|w| crate::persist::save(w, path))
}

/// Replaces the world with the one saved in `path`.
pub fn restore_from_file(sim: &Simulator, path: &Path) -> Result<(), SimError> {
    let world = crate::persist::load(path)
        .map_err(SimError::Invalid)?
        .ok_or_else(|| {
            SimError::Invalid(format!("cannot read {}: no such file", path.display()))
        })?;
    sim.replace_world(world)
}
