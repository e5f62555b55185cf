//! Configuration: flags with environment fallbacks and an optional TOML file (flags win).
//! Credentials are named as Alibaba's own tools name them; the secret is never a flag, so it
//! cannot show up in `ps`.

use crate::cloud::SignatureVersion;
use crate::serve::ServerLimits;
use crate::state::Policy;
use clap::Parser;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tether_signer::Credentials;

/// Command-line options.
#[derive(Debug, Default, Parser)]
#[command(
    name = "tether",
    version,
    about = "Tether: a self-hostable console for Alibaba Cloud ENIs."
)]
pub struct Args {
    /// TOML configuration file (see tether.example.toml); flags override it.
    #[arg(long, env = "TETHER_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "TETHER_LISTEN")]
    pub listen: Option<String>,
    /// `simulator` (embedded, the default) or `aliyun` (real Alibaba Cloud).
    #[arg(long, env = "TETHER_BACKEND")]
    pub backend: Option<String>,
    /// Send every call to this base URL instead (e.g. a standalone tether-sim).
    #[arg(long, env = "TETHER_ENDPOINT")]
    pub endpoint: Option<String>,
    /// AccessKey ID; the secret comes from ALIBABA_CLOUD_ACCESS_KEY_SECRET or --access-key-secret-file.
    #[arg(long, env = "ALIBABA_CLOUD_ACCESS_KEY_ID")]
    pub access_key_id: Option<String>,
    /// File holding the AccessKey secret.
    #[arg(long, env = "TETHER_ACCESS_KEY_SECRET_FILE")]
    pub access_key_secret_file: Option<PathBuf>,
    /// Profile of the aliyun CLI's ~/.aliyun/config.json to take credentials from.
    #[arg(long, env = "ALIBABA_CLOUD_PROFILE")]
    pub profile: Option<String>,
    /// Signature to send: `v1` (HMAC-SHA1, default) or `v3` (ACS3-HMAC-SHA256).
    #[arg(long, env = "TETHER_SIGNATURE")]
    pub signature: Option<String>,
    /// Serve the app from this directory instead of the copy embedded in the binary.
    #[arg(long, env = "TETHER_ASSETS")]
    pub assets: Option<PathBuf>,
    /// Embedded simulator speed: `instant`, `demo` (default) or `realistic`.
    #[arg(long, env = "TETHER_SIM_SPEED")]
    pub sim_speed: Option<String>,
    /// Keep the embedded simulator's world in this file across restarts (written after every
    /// mutation, before it is acknowledged); without it every start begins from the demo world.
    #[arg(long, env = "TETHER_SIM_STATE")]
    pub sim_state: Option<PathBuf>,
    /// Regions the portal may touch (comma-separated); all when empty.
    #[arg(long, env = "TETHER_ALLOWED_REGIONS", value_delimiter = ',')]
    pub allowed_regions: Vec<String>,
    /// ENI IDs that may not be deleted or detached (comma-separated), besides tag tether:protected=true.
    #[arg(long, env = "TETHER_PROTECTED_ENIS", value_delimiter = ',')]
    pub protected_enis: Vec<String>,
    /// Portal sign-in: `none` (demo; loopback only), `local` (users file) or `header` (trusted proxy).
    #[arg(long, env = "TETHER_AUTH")]
    pub auth: Option<String>,
    /// A URL users reach Tether by (repeatable, or comma-separated); the proxy answers only
    /// for loopback names, its own addresses and these hosts (DNS rebinding defence).
    #[arg(long = "public-url", env = "TETHER_PUBLIC_URL", value_delimiter = ',')]
    pub public_urls: Vec<String>,
    /// Allow `--auth none` on a non-loopback address (never do this outside a lab).
    #[arg(long)]
    pub insecure_demo: bool,
    /// Directory for the SQLite database and the simulator's files [default: tether-data].
    #[arg(long, env = "TETHER_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where users, sessions, failed sign-ins and the audit trail live: `sqlite://PATH` or
    /// `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (replicas share one PostgreSQL)
    /// [default: sqlite://DATA_DIR/audit.db].
    #[arg(long, env = "TETHER_DATABASE_URL", hide_env_values = true)]
    pub database: Option<String>,
    /// Mark session cookies Secure (set this when users reach Tether over HTTPS).
    #[arg(long, env = "TETHER_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// `--auth local`: minutes without a request after which a session ends [default: 60].
    #[arg(long, env = "TETHER_SESSION_IDLE_TIMEOUT", value_name = "MINUTES")]
    pub session_idle_timeout: Option<u64>,
    /// Addresses or CIDR blocks of your reverse proxies: with `--auth header` they name the
    /// user; with `--auth local` their X-Forwarded-For names the client the login throttle counts.
    #[arg(long, env = "TETHER_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,
    /// `--auth header`: header carrying the user name [default: x-forwarded-user].
    #[arg(long, env = "TETHER_USER_HEADER")]
    pub user_header: Option<String>,
    /// `--auth header`: header carrying the role [default: x-forwarded-role].
    #[arg(long, env = "TETHER_ROLE_HEADER")]
    pub role_header: Option<String>,
    /// `--auth header`: each user's role, kept here instead of trusting the role header
    /// (`alice=admin,bob=operator`; users not listed are viewers).
    #[arg(long, env = "TETHER_HEADER_ROLES", value_delimiter = ',')]
    pub header_roles: Vec<String>,
    /// Seconds a client has to send a request's headers; also closes idle keep-alive
    /// connections [default: 10].
    #[arg(long, env = "TETHER_HEADER_READ_TIMEOUT")]
    pub header_read_timeout: Option<u64>,
    /// Seconds a request body has to arrive [default: 15].
    #[arg(long, env = "TETHER_BODY_READ_TIMEOUT")]
    pub body_read_timeout: Option<u64>,
    /// Seconds after which a request is abandoned [default: 60].
    #[arg(long, env = "TETHER_REQUEST_TIMEOUT")]
    pub request_timeout: Option<u64>,
    /// Connections open at once [default: 512].
    #[arg(long, env = "TETHER_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// Connections one client address may hold at once [default: 128].
    #[arg(long, env = "TETHER_MAX_CONNECTIONS_PER_CLIENT")]
    pub max_connections_per_client: Option<usize>,
    /// Seconds a write to a client may stall before the connection is cut [default: 20].
    #[arg(long, env = "TETHER_WRITE_TIMEOUT")]
    pub write_timeout: Option<u64>,
    /// HTTP/1 keep-alive (`true` or `false`) [default: true].
    #[arg(long, env = "TETHER_KEEP_ALIVE")]
    pub keep_alive: Option<bool>,
    /// Seconds in-flight connections get on SIGTERM before they are cut [default: 10].
    #[arg(long, env = "TETHER_SHUTDOWN_GRACE")]
    pub shutdown_grace: Option<u64>,
    /// Mutations allowed per user per minute [default: 60].
    #[arg(long, env = "TETHER_MUTATIONS_PER_MINUTE")]
    pub mutations_per_minute: Option<u32>,
    /// Reads (Describe calls) allowed per user per minute [default: 1200].
    #[arg(long, env = "TETHER_READS_PER_MINUTE")]
    pub reads_per_minute: Option<u32>,
    /// Manage portal users instead of serving.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Manage the users of `--auth local`.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage the store of `--database`.
    #[command(subcommand)]
    Db(DbCommand),
}

/// `tether db ...`.
#[derive(Debug, clap::Subcommand)]
pub enum DbCommand {
    /// Copies a SQLite store (its users, a users.json beside it not yet imported, and the
    /// audit trail with its order and timestamps) into the empty database of `--database`,
    /// in one transaction. Sessions and failed sign-ins are not copied: everyone signs in
    /// again. Refuses a target that already has users or audit records.
    MigrateFrom {
        /// The SQLite store to copy, `sqlite://PATH` (e.g. sqlite://tether-data/audit.db).
        source: String,
    },
}

/// `tether user ...`.
#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Adds (or replaces) a user; asks for the password without echo.
    Add {
        /// User name.
        name: String,
        /// viewer, operator or admin.
        #[arg(long)]
        role: String,
        /// Read the password from standard input instead of asking (for scripts).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Removes a user and ends their sessions.
    Remove {
        /// User name.
        name: String,
    },
    /// Lists the users and their roles.
    List,
}

/// How users sign in, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthSettings {
    /// No sign-in.
    None,
    /// Users file and sessions.
    Local {
        /// Mark cookies Secure.
        secure_cookies: bool,
        /// A session unused this long ends.
        idle_timeout: std::time::Duration,
        /// Reverse proxies whose `X-Forwarded-For` names the client the login throttle counts.
        trusted_proxies: Vec<String>,
    },
    /// Trusted reverse proxy headers.
    Header(crate::auth::header::HeaderAuth),
}

/// The same options in a TOML file (kebab-case keys).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    listen: Option<String>,
    backend: Option<String>,
    endpoint: Option<String>,
    access_key_id: Option<String>,
    access_key_secret_file: Option<PathBuf>,
    profile: Option<String>,
    signature: Option<String>,
    assets: Option<PathBuf>,
    sim_speed: Option<String>,
    sim_state: Option<PathBuf>,
    #[serde(default)]
    allowed_regions: Vec<String>,
    #[serde(default)]
    protected_enis: Vec<String>,
    auth: Option<String>,
    #[serde(default)]
    public_url: Vec<String>,
    data_dir: Option<PathBuf>,
    database: Option<String>,
    secure_cookies: Option<bool>,
    session_idle_timeout: Option<u64>,
    #[serde(default)]
    trusted_proxies: Vec<String>,
    user_header: Option<String>,
    role_header: Option<String>,
    #[serde(default)]
    header_roles: Vec<String>,
    header_read_timeout: Option<u64>,
    body_read_timeout: Option<u64>,
    request_timeout: Option<u64>,
    max_connections: Option<usize>,
    max_connections_per_client: Option<usize>,
    write_timeout: Option<u64>,
    keep_alive: Option<bool>,
    shutdown_grace: Option<u64>,
    mutations_per_minute: Option<u32>,
    reads_per_minute: Option<u32>,
}

/// Where calls go.
#[derive(Debug, Clone)]
pub enum Backend {
    /// The embedded simulator with generated demo credentials.
    Simulator,
    /// Alibaba Cloud's public endpoints.
    Aliyun(Credentials),
    /// One base URL.
    Endpoint(String, Credentials),
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Listen address.
    pub listen: SocketAddr,
    /// Backend.
    pub backend: Backend,
    /// Signature version.
    pub signature: SignatureVersion,
    /// App directory, when not embedded.
    pub assets: Option<PathBuf>,
    /// Simulator speed name.
    pub sim_speed: String,
    /// The embedded simulator's state file.
    pub sim_state: Option<PathBuf>,
    /// Deployment policy.
    pub policy: Policy,
    /// Sign-in.
    pub auth: AuthSettings,
    /// The server's limits.
    pub limits: crate::serve::ServerLimits,
    /// Host names from `--public-url`, lower-case.
    pub public_names: Vec<String>,
    /// The SQLite database (by default) and the simulator's files live here.
    pub data_dir: PathBuf,
    /// The store: users, sessions, failed sign-ins, the audit trail.
    pub database: crate::store::DatabaseUrl,
    /// Per-user mutation limit.
    pub mutations_per_minute: u32,
    /// Per-user read limit.
    pub reads_per_minute: u32,
}

/// A configuration problem, with a message that says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

fn err<T>(msg: impl Into<String>) -> Result<T, ConfigError> {
    Err(ConfigError(msg.into()))
}

/// Reads the environment the way Alibaba's tools do; injected so tests need no real environment.
pub trait Env {
    /// One variable.
    fn var(&self, name: &str) -> Option<String>;
    /// The home directory.
    fn home(&self) -> Option<PathBuf>;
}

/// The process environment.
#[derive(Debug, Clone, Copy)]
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
    fn home(&self) -> Option<PathBuf> {
        std::env::var_os("HOME").map(PathBuf::from)
    }
}

impl Config {
    /// Merges flags over the file and resolves credentials.
    pub fn resolve(args: Args, env: &dyn Env) -> Result<Self, ConfigError> {
        let file = match &args.config {
            Some(path) => read_file_config(path)?,
            None => FileConfig::default(),
        };
        let limits = server_limits(&args, &file)?;
        let listen_text = args
            .listen
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            ConfigError(format!(
                "--listen {listen_text:?} is not an address like 127.0.0.1:8080"
            ))
        })?;
        let auth_name = args.auth.or(file.auth).unwrap_or_else(|| "none".to_owned());
        let pick = |a: Vec<String>, b: Vec<String>| if a.is_empty() { b } else { a };
        let trusted = checked_list(
            "--trusted-proxies",
            pick(args.trusted_proxies, file.trusted_proxies),
            crate::auth::is_ip_or_cidr,
        )?;
        let auth = match auth_name.as_str() {
            "none" => AuthSettings::None,
            "local" => AuthSettings::Local {
                trusted_proxies: trusted,
                secure_cookies: args.secure_cookies || file.secure_cookies.unwrap_or(false),
                idle_timeout: idle_timeout(
                    args.session_idle_timeout
                        .or(file.session_idle_timeout)
                        .unwrap_or(60),
                )?,
            },
            "header" => {
                if trusted.is_empty() {
                    return err(
                        "--auth header needs --trusted-proxies (the addresses of the proxies that set the headers)",
                    );
                }
                let role_map = pick(args.header_roles, file.header_roles);
                AuthSettings::Header(crate::auth::header::HeaderAuth {
                    trusted,
                    role_map: if role_map.is_empty() {
                        None
                    } else {
                        Some(crate::auth::header::parse_role_map(&role_map).map_err(ConfigError)?)
                    },
                    user_header: args
                        .user_header
                        .or(file.user_header)
                        .unwrap_or_else(|| "x-forwarded-user".into())
                        .to_ascii_lowercase(),
                    role_header: args
                        .role_header
                        .or(file.role_header)
                        .unwrap_or_else(|| "x-forwarded-role".into())
                        .to_ascii_lowercase(),
                })
            }
            other => return err(format!("--auth {other:?}: use none, local or header")),
        };
        if auth == AuthSettings::None && !listen.ip().is_loopback() && !args.insecure_demo {
            return err(format!(
                "Refusing to listen on {listen} without authentication: anyone who can reach it could use the cloud credential. \
                 Listen on 127.0.0.1, or pass --insecure-demo for a throwaway lab."
            ));
        }
        let signature = match args.signature.or(file.signature).as_deref() {
            None | Some("v1") => SignatureVersion::V1,
            Some("v3") => SignatureVersion::V3,
            Some(other) => return err(format!("--signature {other:?}: use v1 or v3")),
        };
        let endpoint = args.endpoint.or(file.endpoint);
        let backend_name = args.backend.or(file.backend);
        let key_id = args.access_key_id.or(file.access_key_id);
        let secret_file = args.access_key_secret_file.or(file.access_key_secret_file);
        let profile = args.profile.or(file.profile);
        let backend = match (backend_name.as_deref(), endpoint) {
            (Some("simulator") | None, None) => Backend::Simulator,
            (Some("aliyun"), None) => {
                Backend::Aliyun(credentials(env, key_id, secret_file, profile)?)
            }
            (_, Some(url)) => {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return err(format!(
                        "--endpoint {url:?} must start with http:// or https://"
                    ));
                }
                // A password in the URL would be shown wherever the endpoint is (logs, the app).
                let authority = url.split("://").nth(1).unwrap_or("").split('/').next();
                if authority.is_some_and(|a| a.contains('@')) {
                    return err(
                        "--endpoint must not carry a user name or password (user:pass@); Tether signs every call with the AccessKey instead",
                    );
                }
                Backend::Endpoint(url, credentials(env, key_id, secret_file, profile)?)
            }
            (Some(other), None) => {
                return err(format!("--backend {other:?}: use simulator or aliyun"));
            }
        };
        let data_dir = args
            .data_dir
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("tether-data"));
        let sim_speed = args
            .sim_speed
            .or(file.sim_speed)
            .unwrap_or_else(|| "demo".to_owned());
        if tether_sim::Speed::parse(&sim_speed).is_none() {
            return err(format!(
                "--sim-speed {sim_speed:?}: use instant, demo or realistic"
            ));
        }
        Ok(Self {
            listen,
            backend,
            signature,
            assets: args.assets.or(file.assets),
            sim_speed,
            sim_state: args.sim_state.or(file.sim_state),
            policy: Policy {
                allowed_regions: checked_list(
                    "--allowed-regions",
                    pick(args.allowed_regions, file.allowed_regions),
                    |r| tether_domain::RegionId::parse(r).is_ok(),
                )?,
                protected_enis: checked_list(
                    "--protected-enis",
                    pick(args.protected_enis, file.protected_enis),
                    |e| tether_domain::NetworkInterfaceId::parse(e).is_ok(),
                )?,
            },
            auth,
            limits,
            public_names: pick(args.public_urls, file.public_url)
                .iter()
                .map(|u| crate::guard::host::public_url_name(u.trim()))
                .collect::<Result<_, _>>()
                .map_err(ConfigError)?,
            database: match args.database.or(file.database) {
                Some(url) => crate::store::DatabaseUrl::parse(&url).map_err(ConfigError)?,
                None => crate::store::DatabaseUrl::Sqlite(data_dir.join("audit.db")),
            },
            data_dir,
            mutations_per_minute: args
                .mutations_per_minute
                .or(file.mutations_per_minute)
                .unwrap_or(60),
            reads_per_minute: args
                .reads_per_minute
                .or(file.reads_per_minute)
                .unwrap_or(1200),
        })
    }
}

/// The server's limits: flags over the file over the defaults; zero is refused (it would
/// turn a limit off or make the server unusable).
fn server_limits(args: &Args, file: &FileConfig) -> Result<ServerLimits, ConfigError> {
    let d = ServerLimits::default();
    let secs =
        |name: &str, flag: Option<u64>, key: Option<u64>, default: Duration| match flag.or(key) {
            None => Ok(default),
            Some(0) => err(format!("--{name} must be at least 1 second")),
            Some(s) => Ok(Duration::from_secs(s)),
        };
    let max_connections = args
        .max_connections
        .or(file.max_connections)
        .unwrap_or(d.max_connections);
    if max_connections == 0 {
        return err("--max-connections must be at least 1");
    }
    Ok(ServerLimits {
        header_read_timeout: secs(
            "header-read-timeout",
            args.header_read_timeout,
            file.header_read_timeout,
            d.header_read_timeout,
        )?,
        body_read_timeout: secs(
            "body-read-timeout",
            args.body_read_timeout,
            file.body_read_timeout,
            d.body_read_timeout,
        )?,
        request_timeout: secs(
            "request-timeout",
            args.request_timeout,
            file.request_timeout,
            d.request_timeout,
        )?,
        max_connections,
        max_connections_per_client: match args
            .max_connections_per_client
            .or(file.max_connections_per_client)
        {
            Some(0) => return err("--max-connections-per-client must be at least 1"),
            Some(n) => n,
            None => d.max_connections_per_client,
        },
        write_timeout: secs(
            "write-timeout",
            args.write_timeout,
            file.write_timeout,
            d.write_timeout,
        )?,
        keep_alive: args.keep_alive.or(file.keep_alive).unwrap_or(d.keep_alive),
        shutdown_grace: secs(
            "shutdown-grace",
            args.shutdown_grace,
            file.shutdown_grace,
            d.shutdown_grace,
        )?,
    })
}

/// Trims every entry of a list option and checks it with `valid`; a malformed entry stops the
/// start (an entry like " eni-b" used to protect nothing, silently).
fn checked_list(
    option: &str,
    entries: Vec<String>,
    valid: impl Fn(&str) -> bool,
) -> Result<Vec<String>, ConfigError> {
    entries
        .into_iter()
        .map(|e| {
            let e = e.trim().to_owned();
            if valid(&e) {
                Ok(e)
            } else {
                err(format!("{option}: {e:?} is not a valid entry"))
            }
        })
        .collect()
}

fn idle_timeout(minutes: u64) -> Result<std::time::Duration, ConfigError> {
    if minutes == 0 {
        return err("--session-idle-timeout is in minutes and at least 1");
    }
    Ok(std::time::Duration::from_secs(minutes.saturating_mul(60)))
}

fn read_file_config(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("cannot read config file {}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| ConfigError(format!("config file {}: {e}", path.display())))
}

/// Credentials from, in order: ID + secret (env or secret file), then an aliyun CLI profile.
fn credentials(
    env: &dyn Env,
    key_id: Option<String>,
    secret_file: Option<PathBuf>,
    profile: Option<String>,
) -> Result<Credentials, ConfigError> {
    let token = env.var("ALIBABA_CLOUD_SECURITY_TOKEN");
    let with_token = |c: Credentials| match &token {
        Some(t) => c.with_security_token(t.clone()),
        None => c,
    };
    if let Some(id) = key_id {
        let secret = match secret_file {
            Some(path) => read_secret_file(&path)?,
            None => env.var("ALIBABA_CLOUD_ACCESS_KEY_SECRET").ok_or_else(|| {
                ConfigError(
                    "ALIBABA_CLOUD_ACCESS_KEY_ID is set but the secret is missing: set ALIBABA_CLOUD_ACCESS_KEY_SECRET or --access-key-secret-file".into(),
                )
            })?,
        };
        return Ok(with_token(Credentials::new(id, secret)));
    }
    let home = env.home();
    let cli_config = home.map(|h| h.join(".aliyun/config.json"));
    if let Some(path) = cli_config.filter(|p| p.exists()) {
        return profile_credentials(&path, profile.as_deref());
    }
    err(
        "No Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET \
         (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS), use --access-key-secret-file, or configure the aliyun CLI \
         (~/.aliyun/config.json) and pass --profile",
    )
}

#[derive(Deserialize)]
struct CliConfig {
    #[serde(default)]
    current: String,
    #[serde(default)]
    profiles: Vec<CliProfile>,
}

#[derive(Deserialize)]
struct CliProfile {
    name: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    access_key_id: String,
    #[serde(default)]
    access_key_secret: String,
    #[serde(default)]
    sts_token: String,
}

/// The secret in `path`, refused when other users can read the file.
fn read_secret_file(path: &Path) -> Result<String, ConfigError> {
    crate::files::refuse_if_world_readable(path, "the secret file").map_err(ConfigError)?;
    std::fs::read_to_string(path)
        .map(|s| s.trim().to_owned())
        .map_err(|e| {
            ConfigError(format!(
                "cannot read the secret file {}: {e}",
                path.display()
            ))
        })
}

fn profile_credentials(path: &Path, wanted: Option<&str>) -> Result<Credentials, ConfigError> {
    crate::files::refuse_if_world_readable(path, "the aliyun CLI configuration")
        .map_err(ConfigError)?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
    let cfg: CliConfig =
        serde_json::from_str(&text).map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
    let name = wanted.unwrap_or(if cfg.current.is_empty() {
        "default"
    } else {
        &cfg.current
    });
    let Some(p) = cfg.profiles.iter().find(|p| p.name == name) else {
        return err(format!("profile {name:?} not found in {}", path.display()));
    };
    if !matches!(p.mode.as_str(), "AK" | "StsToken" | "") || p.access_key_id.is_empty() {
        return err(format!(
            "profile {name:?} uses mode {:?}; Tether supports AK and StsToken profiles",
            p.mode
        ));
    }
    let c = Credentials::new(p.access_key_id.clone(), p.access_key_secret.clone());
    Ok(if p.sts_token.is_empty() {
        c
    } else {
        c.with_security_token(p.sts_token.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct FakeEnv(HashMap<&'static str, &'static str>, Option<PathBuf>);
    impl Env for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|s| (*s).to_owned())
        }
        fn home(&self) -> Option<PathBuf> {
            self.1.clone()
        }
    }

    fn no_env() -> FakeEnv {
        FakeEnv(HashMap::new(), None)
    }

    #[test]
    fn no_configuration_means_simulator_on_loopback() {
        let c = Config::resolve(Args::default(), &no_env()).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert!(matches!(c.backend, Backend::Simulator));
        assert_eq!(c.sim_speed, "demo");
    }

    #[test]
    fn aliyun_without_credentials_refuses_with_what_to_set() {
        let args = Args {
            backend: Some("aliyun".into()),
            ..Args::default()
        };
        let e = Config::resolve(args, &no_env()).unwrap_err();
        assert!(e.0.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{e}");
    }

    #[test]
    fn aliyun_takes_id_from_flag_and_secret_from_environment() {
        let env = FakeEnv(
            HashMap::from([
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t"),
                ("ALIBABA_CLOUD_SECURITY_TOKEN", "tok"),
            ]),
            None,
        );
        let args = Args {
            backend: Some("aliyun".into()),
            access_key_id: Some("TESTID".into()),
            ..Args::default()
        };
        let Backend::Aliyun(c) = Config::resolve(args, &env).unwrap().backend else {
            panic!("not aliyun")
        };
        assert_eq!(c.secret(), "s3cr3t");
        assert_eq!(c.security_token.as_deref(), Some("tok"));
    }

    #[test]
    fn public_address_without_auth_is_refused_unless_insecure_demo() {
        let args = Args {
            listen: Some("0.0.0.0:8080".into()),
            ..Args::default()
        };
        assert!(
            Config::resolve(args, &no_env())
                .unwrap_err()
                .0
                .contains("Refusing")
        );
        let args = Args {
            listen: Some("0.0.0.0:8080".into()),
            insecure_demo: true,
            ..Args::default()
        };
        assert!(Config::resolve(args, &no_env()).is_ok());
    }

    #[test]
    fn local_auth_may_listen_publicly_and_header_auth_needs_trusted_proxies() {
        let args = Args {
            listen: Some("0.0.0.0:8080".into()),
            auth: Some("local".into()),
            ..Args::default()
        };
        assert_eq!(
            Config::resolve(args, &no_env()).unwrap().auth,
            AuthSettings::Local {
                secure_cookies: false,
                idle_timeout: std::time::Duration::from_secs(3600),
                trusted_proxies: vec![],
            }
        );
        let args = Args {
            auth: Some("header".into()),
            ..Args::default()
        };
        assert!(
            Config::resolve(args, &no_env())
                .unwrap_err()
                .0
                .contains("--trusted-proxies")
        );
        let args = Args {
            auth: Some("ldap".into()),
            ..Args::default()
        };
        assert!(Config::resolve(args, &no_env()).is_err());
    }

    #[test]
    fn aliyun_cli_profile_supplies_credentials() {
        let dir = std::env::temp_dir().join(format!("tether-cfg-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".aliyun")).unwrap();
        std::fs::write(
            dir.join(".aliyun/config.json"),
            r#"{"current":"work","profiles":[{"name":"work","mode":"AK","access_key_id":"PROFILEID","access_key_secret":"psecret"}]}"#,
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let perms = std::fs::Permissions::from_mode(0o600);
            std::fs::set_permissions(dir.join(".aliyun/config.json"), perms).unwrap();
        }
        let env = FakeEnv(HashMap::new(), Some(dir.clone()));
        let args = Args {
            backend: Some("aliyun".into()),
            ..Args::default()
        };
        let Backend::Aliyun(c) = Config::resolve(args, &env).unwrap().backend else {
            panic!()
        };
        assert_eq!(c.access_key_id, "PROFILEID");
        let args = Args {
            backend: Some("aliyun".into()),
            profile: Some("missing".into()),
            ..Args::default()
        };
        assert!(
            Config::resolve(args, &env)
                .unwrap_err()
                .0
                .contains("missing")
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn list_entries_are_trimmed_and_a_malformed_one_stops_the_start() {
        let args = Args {
            protected_enis: vec!["eni-aaaa1111".into(), " eni-bbbb2222 ".into()],
            allowed_regions: vec![" cn-hangzhou".into()],
            ..Args::default()
        };
        let c = Config::resolve(args, &no_env()).unwrap();
        assert_eq!(c.policy.protected_enis, ["eni-aaaa1111", "eni-bbbb2222"]);
        assert_eq!(c.policy.allowed_regions, ["cn-hangzhou"]);
        for (protected, regions, trusted) in [
            (vec!["i-notaneni"], vec![], vec![]),
            (vec![""], vec![], vec![]),
            (vec![], vec!["cn_hangzhou"], vec![]),
            (vec![], vec![], vec!["10.0.0.0/33"]),
            (vec![], vec![], vec!["proxy.local"]),
        ] {
            let own = |v: Vec<&str>| v.into_iter().map(String::from).collect();
            let args = Args {
                protected_enis: own(protected),
                allowed_regions: own(regions),
                trusted_proxies: own(trusted.clone()),
                auth: (!trusted.is_empty()).then(|| "header".into()),
                ..Args::default()
            };
            let e = Config::resolve(args, &no_env()).unwrap_err();
            assert!(e.0.contains("is not a valid entry"), "{e}");
        }
    }

    #[test]
    fn an_endpoint_with_a_password_is_refused() {
        let env = FakeEnv(
            HashMap::from([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")]),
            None,
        );
        let args = Args {
            endpoint: Some("http://user:hunter2@127.0.0.1:9000".into()),
            access_key_id: Some("ID".into()),
            ..Args::default()
        };
        let e = Config::resolve(args, &env).unwrap_err();
        assert!(
            e.0.contains("user name or password") && !e.0.contains("hunter2"),
            "{e}"
        );
    }

    #[test]
    fn the_example_config_file_is_valid() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tether.example.toml");
        let args = Args {
            config: Some(path),
            ..Args::default()
        };
        let c = Config::resolve(args, &no_env()).unwrap();
        assert_eq!(c.mutations_per_minute, 60);
        assert!(matches!(c.backend, Backend::Simulator));
        assert_eq!(
            c.sim_state.as_deref(),
            Some(std::path::Path::new("tether-data/simulator.json"))
        );
    }

    #[test]
    fn file_values_apply_and_flags_override_them() {
        let path = std::env::temp_dir().join(format!("tether-{}.toml", std::process::id()));
        std::fs::write(&path, "listen = \"127.0.0.1:9999\"\nsim-speed = \"instant\"\nallowed-regions = [\"cn-hangzhou\"]\n").unwrap();
        let args = Args {
            config: Some(path.clone()),
            sim_speed: Some("realistic".into()),
            ..Args::default()
        };
        let c = Config::resolve(args, &no_env()).unwrap();
        assert_eq!(c.listen.port(), 9999);
        assert_eq!(c.sim_speed, "realistic");
        assert_eq!(c.policy.allowed_regions, ["cn-hangzhou"]);
        std::fs::write(&path, "lisen = \"x\"\n").unwrap();
        let args = Args {
            config: Some(path.clone()),
            ..Args::default()
        };
        assert!(
            Config::resolve(args, &no_env())
                .unwrap_err()
                .0
                .contains("lisen")
        );
        let _ = std::fs::remove_file(path);
    }
}
