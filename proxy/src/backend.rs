//! Connects the configured backend: starts the embedded simulator on a loopback port with
//! generated demo credentials, or points the client at Alibaba Cloud or a base URL.

use crate::cloud::{CloudClient, Target};
use crate::config::{Backend, Config};
use tether_domain::api::{BackendInfo, BackendKind};
use tether_signer::Credentials;

/// A connected backend.
pub struct Connected {
    /// The signing client.
    pub client: CloudClient,
    /// What the app is told.
    pub info: BackendInfo,
    /// The embedded simulator, when it is the backend.
    pub simulator: Option<tether_sim::Simulator>,
}

impl std::fmt::Debug for Connected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connected")
            .field("client", &self.client)
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

/// Starts or reaches the backend of `config`; the error says what to fix.
pub async fn connect(config: &Config) -> Result<Connected, String> {
    match &config.backend {
        Backend::Simulator => {
            // The proxy signs and verifies even in demo mode: the code every demo runs is the
            // code that talks to Alibaba Cloud.
            let (id, secret) = tether_sim::demo_credentials();
            let mut sim_config = tether_sim::SimConfig::demo(vec![(id.clone(), secret.clone())]);
            // Checked when the configuration was read; demo speed is the default.
            sim_config.speed =
                tether_sim::Speed::parse(&config.sim_speed).unwrap_or(tether_sim::Speed::Demo);
            sim_config.state_file = config.sim_state.clone();
            let sim = tether_sim::Simulator::open(sim_config)
                .map_err(|e| format!("embedded simulator: {e}"))?;
            let addr = tether_sim::spawn(sim.clone(), "127.0.0.1:0")
                .await
                .map_err(|e| format!("embedded simulator: cannot listen on loopback: {e}"))?;
            let target = Target::BaseUrl(format!("http://{addr}"));
            let info = BackendInfo {
                kind: BackendKind::Simulator,
                endpoint: target.display_host(),
            };
            let client = CloudClient::new(target, Credentials::new(id, secret), config.signature)
                .map_err(|e| e.to_string())?;
            Ok(Connected {
                client,
                info,
                simulator: Some(sim),
            })
        }
        Backend::Aliyun(creds) => {
            let client = CloudClient::new(Target::Aliyun, creds.clone(), config.signature)
                .map_err(|e| e.to_string())?;
            let info = BackendInfo {
                kind: BackendKind::Aliyun,
                endpoint: Target::Aliyun.display_host(),
            };
            Ok(Connected {
                client,
                info,
                simulator: None,
            })
        }
        Backend::Endpoint(url, creds) => {
            let target = Target::BaseUrl(url.clone());
            let info = BackendInfo {
                kind: BackendKind::Endpoint,
                endpoint: target.display_host(),
            };
            let client = CloudClient::new(target, creds.clone(), config.signature)
                .map_err(|e| e.to_string())?;
            Ok(Connected {
                client,
                info,
                simulator: None,
            })
        }
    }
}
