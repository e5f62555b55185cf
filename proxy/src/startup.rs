//! Assembles the proxy's state from its configuration: backend, sign-in, audit, limits.

use crate::audit::AuditLog;
use crate::auth::AuthMode;
use crate::auth::sessions::SessionStore;
use crate::auth::start_token::StartToken;
use crate::auth::throttle::LoginThrottle;
use crate::auth::users::UserStore;
use crate::config::{AuthSettings, Backend, Config};
use crate::guard::host::HostPolicy;
use crate::ratelimit::RateLimiter;
use crate::state::AppState;
use std::sync::Arc;

/// The users file under the data directory.
pub fn users_file(config: &Config) -> std::path::PathBuf {
    config.data_dir.join("users.json")
}

/// The database under the data directory: the audit trail and the sessions, each in its table.
pub fn database_file(config: &Config) -> std::path::PathBuf {
    config.data_dir.join("audit.db")
}

/// Connects the backend and builds the state `app()` serves.
pub async fn state_from_config(config: &Config) -> Result<AppState, String> {
    let connected = crate::backend::connect(config)
        .await
        .map_err(|e| format!("backend: {e}"))?;
    let auth = match &config.auth {
        AuthSettings::None => AuthMode::None,
        AuthSettings::Local {
            secure_cookies,
            idle_timeout,
            trusted_proxies,
        } => {
            let users = UserStore::new(users_file(config));
            crate::files::refuse_if_world_readable(users.path(), "the users file")?;
            if users.load()?.is_empty() {
                return Err(format!(
                    "--auth local but no users in {}: add one with `tether user add NAME --role admin`",
                    users.path().display()
                ));
            }
            AuthMode::Local {
                users,
                sessions: SessionStore::open(&database_file(config), *idle_timeout)?,
                throttle: LoginThrottle::new(trusted_proxies.clone()),
                secure_cookies: *secure_cookies,
            }
        }
        AuthSettings::Header(settings) => AuthMode::Header(settings.clone()),
    };
    let audit = AuditLog::open(&database_file(config))?;
    let mut state = AppState::new(connected.client, connected.info, config.policy.clone());
    state.assets_dir = config.assets.clone();
    state.auth = Arc::new(auth);
    state.audit = Some(Arc::new(audit));
    state.limiter = Arc::new(RateLimiter::new(config.mutations_per_minute));
    state.read_limiter = Arc::new(RateLimiter::new(config.reads_per_minute));
    state.simulator = connected.simulator;
    state.limits = config.limits;
    state.hosts = Arc::new(HostPolicy::new(
        config.listen.ip(),
        config.public_names.clone(),
    ));
    // A real cloud key behind `--auth none` needs the printed sign-in link; the demo does not.
    if config.auth == AuthSettings::None && !matches!(config.backend, Backend::Simulator) {
        state.start_token = Some(Arc::new(StartToken::generate()));
    }
    Ok(state)
}
