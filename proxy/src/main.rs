//! `tether`: the one process a team runs. Parses the configuration, connects the backend and
//! serves the console until SIGINT/SIGTERM (in-flight calls finish). `tether user
//! add|remove|list` manages the users of `--auth local` in the store of `--database`; `tether db
//! migrate-from sqlite://PATH` copies a SQLite store into it.

use clap::Parser;
use tether::config::{Args, Command, Config, DbCommand, ProcessEnv, UserCommand};
use tether::state::Role;
use tether_domain::api::BackendKind;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "tether=info,tether_sim=warn".into()),
        )
        .init();
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tether: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut args = Args::parse();
    let command = args.command.take();
    let config = Config::resolve(args, &ProcessEnv).map_err(|e| e.to_string())?;
    match command {
        Some(Command::User(cmd)) => return manage_users(&config, cmd).await,
        Some(Command::Db(cmd)) => return manage_database(&config, cmd).await,
        None => {}
    }
    let state = tether::startup::state_from_config(&config).await?;
    let missing_app = (!tether::routes::assets::app_available(&state))
        .then(|| tether::routes::assets::missing_app_hint_for(&state));
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let backend = match state.backend.kind {
        BackendKind::Simulator => format!(
            "embedded simulator at {} (demo world, speed {})",
            state.backend.endpoint, config.sim_speed
        ),
        BackendKind::Aliyun => "Alibaba Cloud (aliyuncs.com)".to_owned(),
        BackendKind::Endpoint => format!("endpoint {}", state.backend.endpoint),
    };
    println!(
        "Tether console on http://{}  backend: {backend}  sign-in: {}",
        config.listen,
        state.auth.name()
    );
    if let Some(start) = &state.start_token {
        let ip = config.listen.ip();
        let host = if ip.is_unspecified() {
            "127.0.0.1".to_owned()
        } else if ip.is_ipv6() {
            format!("[{ip}]")
        } else {
            ip.to_string()
        };
        let base = format!("http://{host}:{}", config.listen.port());
        println!(
            "Sign in (this link holds this start's token; keep it private): {}",
            start.sign_in_url(&base)
        );
    }
    if !config.listen.ip().is_loopback() && config.public_names.is_empty() {
        println!(
            "note: reached by a host name, Tether answers 421 unless it is given with --public-url"
        );
    }
    if let Some(hint) = missing_app {
        println!("note: {hint}");
    }
    tether::serve::serve(
        listener,
        tether::app(state),
        config.limits,
        shutdown_signal(),
    )
    .await;
    Ok(())
}

async fn manage_users(config: &Config, cmd: UserCommand) -> Result<(), String> {
    let database = format!("{:?}", config.database);
    match cmd {
        UserCommand::Add {
            name,
            role,
            password_stdin,
        } => {
            let role = Role::parse(&role).ok_or("--role must be viewer, operator or admin")?;
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|e| e.to_string())?;
                line.trim_end_matches(['\r', '\n']).to_owned()
            } else {
                let first = rpassword::prompt_password(format!("Password for {name}: "))
                    .map_err(|e| e.to_string())?;
                let again = rpassword::prompt_password("Again: ").map_err(|e| e.to_string())?;
                if first != again {
                    return Err("the passwords differ".into());
                }
                first
            };
            // Ends the name's sessions too: a new password or role starts from a new sign-in.
            tether::auth::accounts::add_user(config, &name, role, &password).await?;
            println!("added {name} ({}) to {database}", role.as_str());
        }
        UserCommand::Remove { name } => {
            if tether::auth::accounts::remove_user(config, &name).await? {
                println!("removed {name}");
            } else {
                return Err(format!("no user {name} in {database}"));
            }
        }
        UserCommand::List => {
            for user in tether::auth::accounts::list_users(config).await? {
                println!("{}\t{}", user.name, user.role);
            }
        }
    }
    Ok(())
}

async fn manage_database(config: &Config, cmd: DbCommand) -> Result<(), String> {
    match cmd {
        DbCommand::MigrateFrom { source } => {
            let source = tether::store::DatabaseUrl::parse(&source)
                .map_err(|e| e.replacen("--database", "the source", 1))?;
            let copied = tether::store::copy::migrate_from(&source, &config.database).await?;
            println!(
                "copied {} user(s) ({} from users.json) and {} audit record(s) into {:?}; \
                 sessions and failed sign-ins were not copied (everyone signs in again)",
                copied.users + copied.users_from_file,
                copied.users_from_file,
                copied.audit_records,
                config.database
            );
        }
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
