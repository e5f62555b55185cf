//! Shared state of the proxy: the cloud client, what the session endpoint tells the app, and
//! the portal's policy.

use crate::audit::AuditLog;
use crate::auth::AuthMode;
use crate::cloud::CloudClient;
use crate::metrics::Metrics;
use crate::ratelimit::RateLimiter;
use std::sync::Arc;
use tether_domain::api::BackendInfo;

pub use tether_domain::api::Role;

/// What the deployment allows, whoever asks.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Regions the portal may touch; empty means all.
    pub allowed_regions: Vec<String>,
    /// ENI IDs that may not be deleted or detached, besides the `tether:protected` tag.
    pub protected_enis: Vec<String>,
}

/// The state every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The signing client.
    pub client: Arc<CloudClient>,
    /// The backend as the app is told about it.
    pub backend: BackendInfo,
    /// Deployment policy.
    pub policy: Arc<Policy>,
    /// Metrics.
    pub metrics: Arc<Metrics>,
    /// The built app on disk, when not serving the embedded one.
    pub assets_dir: Option<std::path::PathBuf>,
    /// How users sign in.
    pub auth: Arc<AuthMode>,
    /// The audit trail, when enabled.
    pub audit: Option<Arc<AuditLog>>,
    /// The store behind sign-in and the audit trail, when there is one (`/readyz` checks it).
    pub store: Option<crate::store::Store>,
    /// Per-user mutation rate limit.
    pub limiter: Arc<RateLimiter>,
    /// Per-user rate limit on reads, separate so browsing cannot starve changes or the reverse.
    pub read_limiter: Arc<RateLimiter>,
    /// The last `/readyz` answer.
    pub ready: Arc<crate::routes::health::ReadyCache>,
    /// The embedded simulator, when it is the backend (audit replay targets it).
    pub simulator: Option<tether_sim::Simulator>,
    /// Request and body deadlines (the listener's own limits are applied by `serve`).
    pub limits: crate::serve::ServerLimits,
    /// The Host names the proxy answers for.
    pub hosts: Arc<crate::guard::host::HostPolicy>,
    /// `--auth none` with a real backend: the printed sign-in link's secrets.
    pub start_token: Option<Arc<crate::auth::start_token::StartToken>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("backend", &self.backend)
            .field("policy", &self.policy)
            .field("auth", &self.auth.name())
            .field("audit", &self.audit.is_some())
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// A state with no sign-in, no audit and a generous rate limit (demo and tests).
    pub fn new(client: CloudClient, backend: BackendInfo, policy: Policy) -> Self {
        Self {
            client: Arc::new(client),
            backend,
            policy: Arc::new(policy),
            metrics: Arc::default(),
            assets_dir: None,
            auth: Arc::new(AuthMode::None),
            audit: None,
            store: None,
            limiter: Arc::new(RateLimiter::new(600)),
            read_limiter: Arc::new(RateLimiter::new(6000)),
            ready: Arc::default(),
            simulator: None,
            limits: crate::serve::ServerLimits::default(),
            hosts: Arc::default(),
            start_token: None,
        }
    }
}
