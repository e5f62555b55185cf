//! Tether's Alibaba Cloud ECS/VPC simulator: speaks the real wire protocol (GET/POST, V1 and V3
//! signatures, documented error codes), moves resources through their transitional states with
//! a speed dial, enforces the ENI rules through `tether-domain`, and can seed, generate,
//! snapshot, restore and fault-inject its world. Embeddable as an axum `Router`.
//!
//! Layout (moto/LocalStack style): `world` (models), `handlers` (one module per area),
//! `dispatch` (action → handler), `wire` (HTTP shape), `auth`, `clock`, `faults`, `seed`,
//! `scale`, `control` (the `/_sim/*` API).

pub mod answer;
pub mod auth;
pub mod catalog;
pub mod clock;
pub mod control;
pub mod dispatch;
pub mod documented;
pub mod error;
pub mod faults;
pub mod handlers;
pub mod persist;
pub mod rng;
pub mod scale;
pub mod seed;
pub mod wire;
pub mod world;

pub use clock::{Clock, ManualClock, Speed, SystemClock};
pub use error::SimError;
pub use faults::{FaultConfig, FaultKind, FaultRule};
pub use seed::{DemoIds, demo_ids};
pub use world::World;

use auth::NonceCache;
use rng::Rng;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// ENIs an account may have per region by default ("100 per region", CreateNetworkInterface
/// reference; reference §6).
pub const DEFAULT_REGION_ENI_QUOTA: usize = 100;

/// Which world the simulator starts with (and returns to on reset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorldSeed {
    /// The demo world of [`seed`].
    Demo,
    /// A generated world of this size in cn-hangzhou ([`World::generated`]).
    Generated {
        /// ENIs in total.
        enis: usize,
        /// Instances.
        instances: usize,
    },
    /// Regions and catalogue only.
    Empty,
}

/// How to run the simulator.
#[derive(Clone)]
pub struct SimConfig {
    /// Accepted access keys: `(id, secret)`.
    pub credentials: Vec<(String, String)>,
    /// Transition speed.
    pub speed: Speed,
    /// Starting world.
    pub world: WorldSeed,
    /// Seed of the fault dice.
    pub fault_seed: u64,
    /// `MaxEniCountExceeded` above this many ENIs per region: Alibaba's default quota,
    /// [`DEFAULT_REGION_ENI_QUOTA`], unless raised (generated worlds raise it to fit).
    pub region_eni_quota: usize,
    /// Where the world is kept across restarts ([`persist`]); none keeps it in memory only.
    pub state_file: Option<PathBuf>,
    /// The STS token the access keys belong with: when set, every request must carry it
    /// (`SecurityToken`, or `x-acs-security-token` in V3), as an STS key's must.
    pub security_token: Option<String>,
}

impl std::fmt::Debug for SimConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.credentials.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("SimConfig")
            .field("credentials", &ids)
            .field("speed", &self.speed)
            .field("world", &self.world)
            .field("fault_seed", &self.fault_seed)
            .field("region_eni_quota", &self.region_eni_quota)
            .field("state_file", &self.state_file)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

impl SimConfig {
    /// The demo world at demo speed.
    pub fn demo(credentials: Vec<(String, String)>) -> Self {
        Self {
            credentials,
            speed: Speed::Demo,
            world: WorldSeed::Demo,
            fault_seed: 1,
            region_eni_quota: DEFAULT_REGION_ENI_QUOTA,
            state_file: None,
            security_token: None,
        }
    }

    /// The demo world with instant transitions.
    pub fn for_tests(credentials: Vec<(String, String)>) -> Self {
        Self {
            speed: Speed::Instant,
            ..Self::demo(credentials)
        }
    }

    fn build_world(&self) -> World {
        let mut world = match self.world {
            WorldSeed::Demo => seed::demo_world(),
            WorldSeed::Generated { enis, instances } => World::generated(enis, instances, 42),
            WorldSeed::Empty => seed::empty_world(),
        };
        world.region_eni_quota = match self.world {
            WorldSeed::Generated { .. } => world.region_eni_quota.max(self.region_eni_quota),
            WorldSeed::Demo | WorldSeed::Empty => self.region_eni_quota,
        };
        world
    }
}

/// Requests that reached the cloud path, refused ones included.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// All of them.
    pub requests: u64,
    /// Per `Action` (`""` when none was given).
    pub by_action: BTreeMap<String, u64>,
}

pub(crate) struct Inner {
    pub config: SimConfig,
    pub world: World,
    pub speed: Speed,
    pub faults: FaultConfig,
    pub fault_rng: Rng,
    pub nonces: NonceCache,
    pub stats: Stats,
    pub ids: Rng,
}

impl Inner {
    /// Writes the world to the state file, if one is configured (called with the lock held, so
    /// the file never goes back to an older world).
    pub(crate) fn save(&self) -> Result<(), SimError> {
        match &self.config.state_file {
            Some(path) => persist::save(&self.world, path).map_err(|e| {
                tracing::error!("cannot write the state file {}: {e}", path.display());
                SimError::Other {
                    status: 500,
                    code: "InternalError",
                    message:
                        "The simulator could not save its state; retry with the same ClientToken."
                            .into(),
                }
            }),
            None => Ok(()),
        }
    }
}

/// The simulator: cheap to clone, every clone shares one state.
#[derive(Clone)]
pub struct Simulator {
    pub(crate) inner: Arc<Mutex<Inner>>,
    pub(crate) clock: Arc<dyn Clock>,
}

impl Simulator {
    /// A simulator on the system clock.
    pub fn new(config: SimConfig) -> Self {
        Self::with_clock(config, Arc::new(SystemClock))
    }

    /// A simulator that continues from its configured state file, if there is one yet (a fresh
    /// world otherwise, written there at the first mutation).
    pub fn open(config: SimConfig) -> Result<Self, String> {
        let saved = match &config.state_file {
            Some(path) => persist::load(path)?,
            None => None,
        };
        Ok(Self::build(config, saved, Arc::new(SystemClock)))
    }

    /// A simulator on an injected clock (tests of transitional states). Does not read the state
    /// file ([`Simulator::open`] does); it writes it after mutations.
    pub fn with_clock(config: SimConfig, clock: Arc<dyn Clock>) -> Self {
        Self::build(config, None, clock)
    }

    /// Starts from `world`, or builds the configured one (only when there is none: a generated
    /// world takes seconds).
    fn build(config: SimConfig, world: Option<World>, clock: Arc<dyn Clock>) -> Self {
        let inner = Inner {
            world: world.unwrap_or_else(|| config.build_world()),
            speed: config.speed,
            faults: FaultConfig::none(),
            fault_rng: Rng::new(config.fault_seed),
            nonces: NonceCache::default(),
            stats: Stats::default(),
            ids: Rng::from_entropy(),
            config,
        };
        Self {
            inner: Arc::new(Mutex::new(inner)),
            clock,
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The cloud path `/` plus the control API under `/_sim/` (which needs
    /// [`control::SECRET_HEADER`]).
    pub fn router(&self) -> axum::Router {
        wire::routes()
            .merge(control::routes(self))
            .with_state(self.clone())
    }

    /// Requests that reached `/`, refused ones too.
    pub fn request_count(&self) -> u64 {
        self.lock().stats.requests
    }

    /// Per-action request counts.
    pub fn stats(&self) -> Stats {
        self.lock().stats.clone()
    }

    /// Changes the transition speed.
    pub fn set_speed(&self, speed: Speed) {
        self.lock().speed = speed;
    }

    /// The transition speed.
    pub fn speed(&self) -> Speed {
        self.lock().speed
    }

    /// Replaces the fault rules.
    pub fn set_faults(&self, faults: FaultConfig) {
        self.lock().faults = faults;
    }

    /// The fault rules.
    pub fn faults(&self) -> FaultConfig {
        self.lock().faults.clone()
    }

    /// The whole world as JSON, as of now: transitions that came due are applied first (a
    /// delete answered at instant speed is gone, not left `Deleting` until the next request).
    pub fn snapshot(&self) -> serde_json::Value {
        self.with_world(|w| serde_json::to_value(&*w).unwrap_or_default())
    }

    /// Replaces the world with a snapshot.
    pub fn restore(&self, snapshot: serde_json::Value) -> Result<(), SimError> {
        let world: World = serde_json::from_value(snapshot)
            .map_err(|e| SimError::Invalid(format!("The snapshot is not valid: {e}")))?;
        self.replace_world(world)
    }

    /// Replaces the world (and the state file, when there is one).
    pub(crate) fn replace_world(&self, world: World) -> Result<(), SimError> {
        let mut inner = self.lock();
        inner.world = world;
        inner.save()
    }

    /// Back to the configured starting world.
    pub fn reset(&self) -> Result<(), SimError> {
        let mut inner = self.lock();
        inner.world = inner.config.build_world();
        inner.save()
    }

    /// Runs `f` on the world (tests and tools).
    pub fn with_world<T>(&self, f: impl FnOnce(&mut World) -> T) -> T {
        let now = self.clock.now_ms();
        let mut inner = self.lock();
        inner.world.apply_due(now);
        f(&mut inner.world)
    }
}

/// Binds `addr` (e.g. `127.0.0.1:0`), serves the router in a tokio task, returns the bound address.
pub async fn spawn(sim: Simulator, addr: &str) -> std::io::Result<std::net::SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let router = sim.router();
    tokio::spawn(async move {
        if let Err(err) = axum::serve(listener, router).await {
            tracing::error!("tether-sim stopped: {err}");
        }
    });
    Ok(bound)
}

/// A random-looking access key for this process: id `TETHERDEMO` + 12 uppercase letters and
/// digits (never `LTAI...`, so it cannot be mistaken for a real key), secret of 30 characters.
pub fn demo_credentials() -> (String, String) {
    static KEY: OnceLock<(String, String)> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut rng = Rng::from_entropy();
        (
            format!("TETHERDEMO{}", rng.upper_alnum(12)),
            rng.mixed_alnum(30),
        )
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_credentials_are_stable_per_process_and_never_look_real() {
        let (id, secret) = demo_credentials();
        assert!(id.starts_with("TETHERDEMO") && id.len() == 22);
        assert!(!id.starts_with("LTAI"));
        assert_eq!(secret.len(), 30);
        assert_eq!(demo_credentials(), (id, secret));
    }

    #[test]
    fn config_debug_never_prints_a_secret() {
        let mut config = SimConfig::demo(vec![("AKID".into(), "very-secret".into())]);
        config.security_token = Some("CAIS-sts-token".into());
        let text = format!("{config:?}");
        assert!(text.contains("AKID") && !text.contains("very-secret"));
        assert!(!text.contains("CAIS-sts-token"));
    }
}
