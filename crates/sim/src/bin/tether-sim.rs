//! `tether-sim`: runs the simulator as a standalone server.
//!
//! `tether-sim --listen 127.0.0.1:9000 --access-key ID:SECRET [--speed instant|demo|realistic]
//! [--world demo|empty|generated:ENIS:INSTANCES] [--scenario NAME] [--state FILE]
//! [--eni-quota N] [--security-token TOKEN]` (ENIs per region, Alibaba's default 100, a generated
//! world raises it to fit; with a token the access key acts as an STS key: every request must
//! carry that SecurityToken)
//!
//! The control API (`/_sim/*`) takes the access key's secret in the `x-tether-sim-secret`
//! header, e.g. `curl -H "x-tether-sim-secret: SECRET" -X POST http://127.0.0.1:9000/_sim/reset`.

use tether_sim::{FaultConfig, SimConfig, Simulator, Speed, WorldSeed, demo_credentials, spawn};

struct Args {
    listen: String,
    access_key: Option<(String, String)>,
    speed: Speed,
    world: WorldSeed,
    scenario: Option<String>,
    state: Option<std::path::PathBuf>,
    eni_quota: Option<usize>,
    security_token: Option<String>,
}

const USAGE: &str = "usage: tether-sim [--listen ADDR] [--access-key ID:SECRET] [--speed instant|demo|realistic] \
[--world demo|empty|generated:ENIS:INSTANCES] [--scenario eni-stuck-detaching|operation-conflict-burst|throttling|flaky] \
[--state FILE (keep the world across restarts; written after every mutation)] \
[--eni-quota N (ENIs per region; default 100, as Alibaba's)] \
[--security-token TOKEN (requests must carry this STS token)]";

fn parse_world(text: &str) -> Option<WorldSeed> {
    match text {
        "demo" => Some(WorldSeed::Demo),
        "empty" => Some(WorldSeed::Empty),
        _ => {
            let rest = text.strip_prefix("generated:")?;
            let (enis, instances) = rest.split_once(':')?;
            Some(WorldSeed::Generated {
                enis: enis.parse().ok()?,
                instances: instances.parse().ok()?,
            })
        }
    }
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        listen: "127.0.0.1:9000".into(),
        access_key: None,
        speed: Speed::Demo,
        world: WorldSeed::Demo,
        scenario: None,
        state: None,
        eni_quota: None,
        security_token: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.into());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--listen" => args.listen = value,
            "--access-key" => {
                let (id, secret) = value
                    .split_once(':')
                    .ok_or("--access-key takes ID:SECRET")?;
                args.access_key = Some((id.to_owned(), secret.to_owned()));
            }
            "--speed" => {
                args.speed = Speed::parse(&value).ok_or("--speed: instant, demo or realistic")?
            }
            "--world" => {
                args.world =
                    parse_world(&value).ok_or("--world: demo, empty or generated:ENIS:INSTANCES")?
            }
            "--scenario" => args.scenario = Some(value),
            "--state" => args.state = Some(value.into()),
            "--security-token" => args.security_token = Some(value),
            "--eni-quota" => {
                args.eni_quota = Some(value.parse().map_err(|_| "--eni-quota takes a number")?)
            }
            other => return Err(format!("unknown flag {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let (credentials, generated) = match args.access_key {
        Some(key) => (key, false),
        None => (demo_credentials(), true),
    };
    let mut config = SimConfig::demo(vec![credentials.clone()]);
    config.speed = args.speed;
    config.world = args.world;
    config.state_file = args.state.clone();
    config.security_token = args.security_token.clone();
    if let Some(quota) = args.eni_quota {
        config.region_eni_quota = quota;
    }
    let sim = match Simulator::open(config) {
        Ok(sim) => sim,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(1);
        }
    };
    if let Some(name) = &args.scenario {
        match FaultConfig::scenario(name) {
            Some(faults) => sim.set_faults(faults),
            None => {
                eprintln!("unknown scenario {name}");
                std::process::exit(2);
            }
        }
    }
    let addr = match spawn(sim, &args.listen).await {
        Ok(addr) => addr,
        Err(err) => {
            eprintln!("cannot listen on {}: {err}", args.listen);
            std::process::exit(1);
        }
    };
    println!("tether-sim listening on http://{addr}/");
    println!(
        "control API under http://{addr}/_sim/ with header {}: <access key secret>",
        tether_sim::control::SECRET_HEADER
    );
    if let Some(path) = &args.state {
        println!("state kept in {}", path.display());
    }
    if generated {
        // Generated here, so showing it once is the only way to configure a client with it.
        println!("access key (generated for this run): {}", credentials.0);
        println!("access key secret: {}", credentials.1);
    } else {
        println!("access key: {} (secret from --access-key)", credentials.0);
    }
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
