//! The project's tasks: `cargo xtask run | app | test | dev | sdk | dist | setup | bench | soak | fuzz`. Each does its own set-up on a
//! fresh machine (Rust toolchain, Node/npm and apt are the only prerequisites).

mod app;
mod bench;
mod dist;
mod fuzz;
mod inputs;
mod names;
mod release;
mod sdk;
mod shell;
mod split;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => app::run(&args[1..]),
        Some("app") => tools::ensure_all(false).and_then(|_| app::build_app()),
        Some("test") => test::run(),
        Some("dev") => app::dev(),
        Some("sdk") => sdk::check(),
        Some("dist") => dist::dist().map(drop),
        Some("setup") => tools::ensure_all(false).map(|_| ()),
        Some("bench") => bench::bench(),
        Some("soak") => bench::soak(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        // Not for people: Trunk's post-build hook (Trunk.toml).
        Some("split-app") => split::run_hook(),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n  run     set up, build the app, serve the console on http://127.0.0.1:8080 (simulator backend)\n  app     set up and build the app into dist/ only (what run serves and the journeys load)\n  test    set up (browser too) and run every check and test\n  dev     Trunk's live-reload dev server in front of the proxy\n  sdk     the official Alibaba Python SDKs against the simulator\n  dist    the release archive: target/dist/tether-<version>-<target>.tar.gz (binary, example config, systemd unit), checked by running it unpacked\n  setup   install the pinned tools only\n  bench   measure (criterion, simulator scale, proxy overhead, app size, browser); report in target/bench/\n  soak    10 000 fault-injected operations through the proxy, with a SIGKILL and restart [OPS]\n  fuzz    run every cargo-fuzz target for a bounded time [SECONDS per target, default 30]"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
