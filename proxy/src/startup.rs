//! Assembles the proxy's state from its configuration: backend, store, sign-in, audit, limits.

use crate::audit::AuditLog;
use crate::auth::AuthMode;
use crate::auth::sessions::SessionStore;
use crate::auth::start_token::StartToken;
use crate::auth::throttle::LoginThrottle;
use crate::auth::users::{StoredUser, UserStore};
use crate::config::{AuthSettings, Backend, Config};
use crate::guard::host::HostPolicy;
use crate::ratelimit::RateLimiter;
use crate::state::AppState;
use crate::store::{DatabaseUrl, Store};
use std::sync::Arc;

/// The users file of versions before the store (imported into SQLite once, see `open_store`).
pub fn users_file(config: &Config) -> std::path::PathBuf {
    config.data_dir.join("users.json")
}

/// Opens and migrates the store of `--database`. With SQLite, a users file left by an older
/// version is imported once (when the store has no users yet) and renamed `users.json.imported`,
/// so an upgrade keeps everyone's password.
pub async fn open_store(config: &Config) -> Result<Store, String> {
    let store = Store::open(&config.database).await?;
    if matches!(config.database, DatabaseUrl::Sqlite(_)) {
        import_users_file(&store, &users_file(config)).await?;
    }
    Ok(store)
}

/// Imports the users file at `path` into an empty users table; renames the file when done.
pub async fn import_users_file(store: &Store, path: &std::path::Path) -> Result<usize, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    crate::files::refuse_if_world_readable(path, "the users file")?;
    if !store.users().await?.is_empty() {
        tracing::warn!(
            "{} left alone: the database already has users (`tether user list`)",
            path.display()
        );
        return Ok(0);
    }
    let users: Vec<StoredUser> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for user in &users {
        store.put_user(user.clone()).await?;
    }
    let done = path.with_extension("json.imported");
    std::fs::rename(path, &done).map_err(|e| format!("{}: {e}", path.display()))?;
    tracing::info!(
        "imported {} user(s) from {} into the database",
        users.len(),
        path.display()
    );
    Ok(users.len())
}

/// Connects the backend and builds the state `app()` serves.
pub async fn state_from_config(config: &Config) -> Result<AppState, String> {
    let connected = crate::backend::connect(config)
        .await
        .map_err(|e| format!("backend: {e}"))?;
    let store = open_store(config).await?;
    let auth = match &config.auth {
        AuthSettings::None => AuthMode::None,
        AuthSettings::Local {
            secure_cookies,
            idle_timeout,
            trusted_proxies,
        } => {
            let users = UserStore::new(store.clone());
            if users.list().await?.is_empty() {
                return Err(format!(
                    "--auth local but no users in the database ({:?}): add one with `tether user add NAME --role admin`",
                    config.database
                ));
            }
            AuthMode::Local {
                users,
                sessions: SessionStore::new(store.clone(), *idle_timeout),
                throttle: LoginThrottle::new(store.clone(), trusted_proxies.clone()),
                secure_cookies: *secure_cookies,
            }
        }
        AuthSettings::Header(settings) => AuthMode::Header(settings.clone()),
    };
    let audit = AuditLog::new(store.clone());
    let mut state = AppState::new(connected.client, connected.info, config.policy.clone());
    state.assets_dir = config.assets.clone();
    state.auth = Arc::new(auth);
    state.audit = Some(Arc::new(audit));
    state.store = Some(store);
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
