//! `tether-bench`: the measurement harness behind `cargo xtask bench` and `cargo xtask soak`.
//!
//! `tether-bench all | sim-scale | proxy | app-size | browser | report | soak [OPS] [--debug]`
//! Each measurement saves its part under `target/bench/parts/`; `report` (run by `all`) merges
//! them with criterion's estimates into `target/bench/report.md` and `report.json`.

mod app_size;
mod browser;
mod proxy_overhead;
mod report;
mod sim_scale;
mod soak;
mod stats;

use std::process::ExitCode;

const USAGE: &str = "usage: tether-bench all | sim-scale | proxy | app-size | browser | report | soak [OPS] [--debug]";

async fn measure(what: &str) -> Result<(), String> {
    let dist = tether_tests::console::dist();
    match what {
        "sim-scale" => sim_scale::run().await.map(|_| ()),
        "proxy" => proxy_overhead::run().await.map(|_| ()),
        "app-size" => app_size::run(&dist).await.map(|_| ()),
        "browser" => browser::run().await.map(|_| ()),
        _ => Err(USAGE.into()),
    }
}

fn report() -> Result<bool, String> {
    let missed = report::write_report()?;
    println!("report: {}", report::out_dir().join("report.md").display());
    for b in &missed {
        println!(
            "MISSED: {} (limit {}, measured {})",
            b.name, b.limit, b.actual
        );
    }
    Ok(missed.is_empty())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("all") => {
            let mut errors = Vec::new();
            for part in ["sim-scale", "proxy", "app-size", "browser"] {
                println!("==> {part}");
                if let Err(e) = measure(part).await {
                    eprintln!("!!! {part}: {e}");
                    errors.push(format!("{part}: {e}"));
                }
            }
            match report() {
                Ok(_) if errors.is_empty() => Ok(()),
                Ok(_) => Err(errors.join("; ")),
                Err(e) => Err(e),
            }
        }
        Some("report") => report().map(|_| ()),
        Some("soak") => {
            let ops = args[1..]
                .iter()
                .find_map(|n| n.parse().ok())
                .unwrap_or(10_000);
            // `--debug`: the dev-profile binaries, which `cargo xtask test` has already built.
            let profile = if args.iter().any(|a| a == "--debug") {
                "debug"
            } else {
                "release"
            };
            match soak::run(ops, profile).await {
                Ok(true) => Ok(()),
                Ok(false) => Err("soak: some checks failed".into()),
                Err(e) => Err(e),
            }
        }
        Some(part) => measure(part).await,
        None => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tether-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
