//! Starts the real proxy with its embedded simulator on a random loopback port, serving the
//! built app from `$TETHER_DIST` (the `cargo xtask test` stage sets it).

use std::path::PathBuf;
use tether::config::{AuthSettings, Backend, Config};
use tether::state::Policy;

/// A running console.
pub struct Console {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    /// The embedded simulator, for fault injection and state checks.
    pub simulator: tether_sim::Simulator,
}

/// The built app directory.
pub fn dist() -> PathBuf {
    std::env::var_os("TETHER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"))
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// One journey at a time: each starts its own Chromium, and two cores cannot run several well.
pub async fn serial() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

impl Console {
    /// Starts proxy + simulator at `speed` (`instant`, `demo`, `realistic`), no sign-in.
    pub async fn start(speed: &str) -> Result<Self, String> {
        Self::start_with(speed, &[]).await
    }

    /// Starts with `--auth local` and these users (name, role, password).
    pub async fn start_local(
        speed: &str,
        users: &[(&str, tether::state::Role, &str)],
    ) -> Result<Self, String> {
        Self::start_with(speed, users).await
    }

    async fn start_with(
        speed: &str,
        users: &[(&str, tether::state::Role, &str)],
    ) -> Result<Self, String> {
        let dist = dist();
        if !dist.join("index.html").exists() {
            return Err(format!(
                "no built app in {} (run `cargo xtask test`, which builds it)",
                dist.display()
            ));
        }
        let data_dir = std::env::temp_dir().join(format!(
            "tether-e2e-{}-{}",
            std::process::id(),
            rand_suffix()
        ));
        let config = Config {
            listen: "127.0.0.1:0".parse().map_err(|_| "addr")?,
            backend: Backend::Simulator,
            signature: tether::cloud::SignatureVersion::V1,
            assets: Some(dist),
            sim_speed: speed.to_owned(),
            sim_state: None,
            policy: Policy::default(),
            auth: if users.is_empty() {
                AuthSettings::None
            } else {
                AuthSettings::Local {
                    secure_cookies: false,
                    idle_timeout: tether::auth::sessions::DEFAULT_IDLE_TIMEOUT,
                    trusted_proxies: vec![],
                }
            },
            data_dir: data_dir.clone(),
            database: tether::store::DatabaseUrl::Sqlite(data_dir.join("audit.db")),
            mutations_per_minute: 600,
            reads_per_minute: 100_000,
            limits: tether::serve::ServerLimits::default(),
            public_names: Vec::new(),
        };
        for (name, role, password) in users {
            tether::auth::accounts::add_user(&config, name, *role, password).await?;
        }
        let state = tether::startup::state_from_config(&config).await?;
        let simulator = state.simulator.clone().ok_or("no simulator")?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        tokio::spawn(async move {
            // The binary's own listener loop, with its limits.
            let limits = state.limits;
            tether::serve::serve(listener, tether::app(state), limits, std::future::pending())
                .await;
        });
        Ok(Self {
            url: format!("http://{addr}"),
            simulator,
        })
    }

    /// Calls the proxy's API like the app does (for checks, never for the journey itself).
    pub async fn api(
        &self,
        action: &str,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        let resp = reqwest::Client::new()
            .post(format!("{}/api/{action}", self.url))
            .header("x-tether-request", "1")
            .json(&body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        resp.json().await.map_err(|e| e.to_string())
    }
}
