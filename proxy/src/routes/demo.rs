//! Demo controls for admins when the backend is the embedded simulator: reset the world, set
//! the speed dial, switch a fault scenario. They act on the simulator object in this process,
//! never through the signed cloud path, and never exist for a real cloud.

use crate::error::AppError;
use crate::extract::{Admin, StrictJson};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use tether_domain::api::{DemoControl, DemoState};

fn simulator(state: &AppState) -> Result<tether_sim::Simulator, AppError> {
    state.simulator.clone().ok_or_else(|| {
        AppError::Forbidden("Demo controls exist only with the embedded simulator.".into())
    })
}

fn describe(sim: &tether_sim::Simulator) -> DemoState {
    DemoState {
        speed: sim.speed().as_str().to_owned(),
        scenario: sim.faults().scenario,
        scenarios: tether_sim::faults::SCENARIOS
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    }
}

/// `GET /api/demo`: the current speed and scenario.
pub async fn status(State(state): State<AppState>, _: Admin) -> Result<Json<DemoState>, AppError> {
    Ok(Json(describe(&simulator(&state)?)))
}

/// `POST /api/demo`: applies the controls given.
pub async fn control(
    State(state): State<AppState>,
    _: Admin,
    StrictJson(ask): StrictJson<DemoControl>,
) -> Result<Json<DemoState>, AppError> {
    let sim = simulator(&state)?;
    let invalid = |name: &str, reason: String| {
        AppError::BadRequest(tether_domain::ParamError::Invalid {
            name: name.into(),
            reason,
        })
    };
    if ask.reset {
        // The simulator answers like the cloud would (its state file could not be written).
        sim.reset().map_err(|e| {
            AppError::Upstream(crate::cloud::UpstreamError::Api {
                status: e.status(),
                envelope: Box::new(tether_domain::ErrorEnvelope::new(
                    e.code(),
                    e.message(),
                    "",
                    "",
                )),
                retry_after_ms: None,
            })
        })?;
    }
    if let Some(speed) = ask.speed {
        let dial = tether_sim::Speed::parse(&speed).ok_or_else(|| {
            invalid(
                "Speed",
                format!("{speed:?}: use instant, demo or realistic"),
            )
        })?;
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
