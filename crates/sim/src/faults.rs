//! Fault injection: per-action rules (latency, throttling, unavailability, conflicts, internal
//! errors, stuck transitions), each with a probability and rolled from a seeded generator, plus
//! named scenarios. Faults are decided after authentication and before the handler, so a faulted
//! request changes nothing (a stuck one runs, but its transition never completes).

use crate::error::SimError;
use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use tether_domain::error::codes;

/// What a rule does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Waits a random time in `min_ms..=max_ms` before answering.
    Latency {
        /// Lower bound.
        min_ms: u64,
        /// Upper bound.
        max_ms: u64,
    },
    /// 400 `Throttling`.
    Throttling,
    /// 503 `ServiceUnavailable`.
    ServiceUnavailable,
    /// 409 `OperationConflict`.
    OperationConflict,
    /// 500 `InternalError`.
    InternalError,
    /// The call succeeds but the transition it starts never completes.
    Stuck,
}

/// One rule: `kind` hits `action` (every action when `None`) with `probability`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    /// Action name, e.g. `DetachNetworkInterface`; `None` for all.
    #[serde(default)]
    pub action: Option<String>,
    /// Only actions that change something.
    #[serde(default)]
    pub mutating_only: bool,
    /// What happens.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// 0.0 to 1.0.
    pub probability: f64,
}

/// The active rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FaultConfig {
    /// Rules, checked in order; the first error rule that fires wins.
    #[serde(default)]
    pub rules: Vec<FaultRule>,
    /// The scenario these rules came from, if any.
    #[serde(default)]
    pub scenario: Option<String>,
}

/// The scenario names [`FaultConfig::scenario`] knows.
pub const SCENARIOS: &[&str] = &[
    "eni-stuck-detaching",
    "operation-conflict-burst",
    "throttling",
    "flaky",
];

fn rule(action: Option<&str>, mutating_only: bool, kind: FaultKind, probability: f64) -> FaultRule {
    FaultRule {
        action: action.map(str::to_owned),
        mutating_only,
        kind,
        probability,
    }
}

impl FaultConfig {
    /// No faults.
    pub fn none() -> Self {
        Self::default()
    }

    /// A named scenario, or `None` for an unknown name.
    pub fn scenario(name: &str) -> Option<Self> {
        let rules = match name {
            "eni-stuck-detaching" => vec![rule(
                Some("DetachNetworkInterface"),
                true,
                FaultKind::Stuck,
                1.0,
            )],
            "operation-conflict-burst" => vec![rule(None, true, FaultKind::OperationConflict, 0.5)],
            "throttling" => vec![rule(None, false, FaultKind::Throttling, 0.3)],
            "flaky" => vec![
                rule(
                    None,
                    false,
                    FaultKind::Latency {
                        min_ms: 50,
                        max_ms: 400,
                    },
                    0.3,
                ),
                rule(None, false, FaultKind::Throttling, 0.03),
                rule(None, false, FaultKind::ServiceUnavailable, 0.03),
                rule(None, false, FaultKind::InternalError, 0.02),
                rule(None, true, FaultKind::OperationConflict, 0.02),
            ],
            _ => return None,
        };
        Some(Self {
            rules,
            scenario: Some(name.to_owned()),
        })
    }
}

/// What the dice decided for one request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaultDecision {
    /// Wait this long first.
    pub latency_ms: u64,
    /// Answer this error instead of running the handler.
    pub error: Option<SimError>,
    /// Run the handler, but leave its transitions stuck.
    pub stuck: bool,
}

/// Rolls the rules for one request.
pub fn decide(config: &FaultConfig, rng: &mut Rng, action: &str, mutates: bool) -> FaultDecision {
    let mut out = FaultDecision::default();
    for r in &config.rules {
        let applies =
            r.action.as_deref().is_none_or(|a| a == action) && (mutates || !r.mutating_only);
        if !applies || rng.next_f64() >= r.probability {
            continue;
        }
        let spec = match &r.kind {
            FaultKind::Latency { min_ms, max_ms } => {
                out.latency_ms += rng.range(*min_ms, *max_ms);
                continue;
            }
            FaultKind::Stuck => {
                out.stuck = true;
                continue;
            }
            FaultKind::Throttling => codes::THROTTLING,
            FaultKind::ServiceUnavailable => codes::SERVICE_UNAVAILABLE,
            FaultKind::OperationConflict => codes::OPERATION_CONFLICT,
            FaultKind::InternalError => codes::INTERNAL_ERROR,
        };
        if out.error.is_none() {
            out.error = Some(SimError::Spec(spec));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_scenario_exists() {
        for name in SCENARIOS {
            assert!(FaultConfig::scenario(name).is_some(), "{name}");
        }
        assert!(FaultConfig::scenario("nope").is_none());
    }

    #[test]
    fn certain_rules_always_fire_and_mutating_only_rules_spare_reads() {
        let config = FaultConfig::scenario("operation-conflict-burst").map(|mut c| {
            c.rules[0].probability = 1.0;
            c
        });
        let config = config.unwrap_or_default();
        let mut rng = Rng::new(1);
        for _ in 0..20 {
            let d = decide(&config, &mut rng, "AttachNetworkInterface", true);
            assert_eq!(d.error.map(|e| e.code()), Some("OperationConflict"));
            assert!(
                decide(&config, &mut rng, "DescribeRegions", false)
                    .error
                    .is_none()
            );
        }
    }

    #[test]
    fn rules_round_trip_through_json() {
        let config = FaultConfig::scenario("flaky").unwrap_or_default();
        let json = serde_json::to_value(&config).unwrap_or_default();
        assert_eq!(json["rules"][0]["kind"], "latency");
        let back: FaultConfig = serde_json::from_value(json).unwrap_or_default();
        assert_eq!(back, config);
    }
}
