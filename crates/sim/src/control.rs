//! The simulator's own control API under `/_sim/` (never part of the cloud path, so a proxy
//! that only signs allowlisted actions cannot reach it): reset, snapshot/restore, speed,
//! faults and request statistics, for callers holding the simulator's secret. Also snapshot
//! files.

use crate::error::SimError;
use crate::faults::FaultConfig;
use crate::{Simulator, Speed};
use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use std::path::Path;

/// Snapshots of generated worlds are large.
const RESTORE_LIMIT: usize = 1 << 30;

/// The header that carries the secret of one of the simulator's access keys (the per-start
/// demo secret when it generated its own). A custom header also keeps browsers out: a page
/// cannot send it cross-origin without a preflight, which the simulator never answers.
pub const SECRET_HEADER: &str = "x-tether-sim-secret";

/// The `/_sim/*` routes, each refused (403 `Forbidden`) without [`SECRET_HEADER`].
pub fn routes(sim: &Simulator) -> Router<Simulator> {
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
        .route_layer(middleware::from_fn_with_state(sim.clone(), require_secret))
}

/// Whoever reaches the loopback listener (another local user, a page rebinding DNS) could
/// otherwise reset, restore or read the whole world, so only a holder of a key may.
async fn require_secret(State(sim): State<Simulator>, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    let (known, request_id) = {
        let mut inner = sim.lock();
        let known = !given.is_empty()
            && inner
                .config
                .credentials
                .iter()
                .fold(false, |hit, (_, secret)| {
                    hit | same_bytes(secret.as_bytes(), given)
                });
        (known, inner.ids.request_id())
    };
    if known {
        return next.run(req).await;
    }
    // Not an Alibaba API, so its reference has no code for this; the envelope is the cloud
    // path's so every client of the simulator reads it the same way.
    let err = SimError::Other {
        status: 403,
        code: "Forbidden",
        message: format!(
            "The simulator control API needs the secret of one of its access keys in the {SECRET_HEADER} header."
        ),
    };
    // Not the cloud path: always JSON.
    crate::answer::error_response(
        &err,
        &request_id,
        tether_domain::Product::Ecs,
        crate::answer::Format::Json,
    )
}

/// Compares without stopping at the first difference, so timing does not reveal a prefix.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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
