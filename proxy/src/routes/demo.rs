//! Demo controls for admins when the backend is the embedded simulator: reset the world, set
//! the speed dial, switch a fault scenario. They act on the simulator object in this process,
//! never through the signed cloud path, and never exist for a real cloud.

use crate::auth::check_same_origin;
use crate::error::AppError;
use crate::routes::api::user_of;
use crate::state::{AppState, Role};
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use tether_domain::api::{DemoControl, DemoState};

fn simulator(state: &AppState, req: &Request<Body>) -> Result<tether_sim::Simulator, AppError> {
    let user = user_of(req)?;
    if user.role < Role::Admin {
        return Err(AppError::Forbidden(format!(
            "Your role is {}; demo controls need admin.",
            user.role.as_str()
        )));
    }
    state.simulator.clone().ok_or_else(|| {
        AppError::Forbidden("Demo controls exist only with the embedded simulator.".into())
    })
}

fn describe(sim: &tether_sim::Simulator) -> DemoState {
    let speed = match sim.speed() {
        tether_sim::Speed::Instant => "instant",
        tether_sim::Speed::Demo => "demo",
        tether_sim::Speed::Realistic => "realistic",
    };
    DemoState {
        speed: speed.to_owned(),
        scenario: sim.faults().scenario,
        scenarios: tether_sim::faults::SCENARIOS
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    }
}

/// `GET /api/demo`: the current speed and scenario.
pub async fn status(
    State(state): State<AppState>,
    req: Request<Body>,
) -> Result<Json<DemoState>, AppError> {
    Ok(Json(describe(&simulator(&state, &req)?)))
}

/// `POST /api/demo`: applies the controls given.
pub async fn control(
    State(state): State<AppState>,
    req: Request<Body>,
) -> Result<Json<DemoState>, AppError> {
    check_same_origin(req.method(), req.headers())?;
    let sim = simulator(&state, &req)?;
    let body = axum::body::to_bytes(req.into_body(), 4096)
        .await
        .unwrap_or_default();
    let ask: DemoControl = serde_json::from_slice(&body).map_err(|e| {
        AppError::BadRequest(tether_domain::ParamError::Invalid {
            name: "body".into(),
            reason: e.to_string(),
        })
    })?;
    let invalid = |name: &str, reason: String| {
        AppError::BadRequest(tether_domain::ParamError::Invalid {
            name: name.into(),
            reason,
        })
    };
    if ask.reset {
        sim.reset()
            .map_err(|e| AppError::Upstream(crate::cloud::UpstreamError::Transport(e.message())))?;
    }
    if let Some(speed) = ask.speed {
        let dial = match speed.as_str() {
            "instant" => tether_sim::Speed::Instant,
            "demo" => tether_sim::Speed::Demo,
            "realistic" => tether_sim::Speed::Realistic,
            other => {
                return Err(invalid(
                    "Speed",
                    format!("{other:?}: use instant, demo or realistic"),
                ));
            }
        };
        sim.set_speed(dial);
    }
    if let Some(name) = ask.scenario {
        let faults = if name == "none" {
            tether_sim::FaultConfig::none()
        } else {
            tether_sim::FaultConfig::scenario(&name).ok_or_else(|| {
                invalid(
                    "Scenario",
                    format!(
                        "{name:?}: use none or one of {:?}",
                        tether_sim::faults::SCENARIOS
                    ),
                )
            })?
        };
        sim.set_faults(faults);
    }
    tracing::info!(reset = ask.reset, "demo controls changed");
    Ok(Json(describe(&sim)))
}
