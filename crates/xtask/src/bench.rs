//! `cargo xtask bench` (criterion benches, then the `tether-bench` harness, report in
//! target/bench/) and `cargo xtask soak` (the fault-injected soak with a proxy crash).

use crate::app::build_app;
use crate::shell::{cmd, root, run as run_step};
use crate::tools;

fn harness(args: &[&str]) -> Result<(), String> {
    let mut full = vec!["run", "--release", "-p", "tether-bench", "--"];
    full.extend_from_slice(args);
    run_step(
        &format!("tether-bench {}", args.join(" ")),
        cmd("cargo", &full)
            .env("TETHER_DIST", root().join("dist"))
            .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
    )
}

/// `cargo xtask bench`: set up, build the app, run criterion and the harness, write the report.
pub fn bench() -> Result<(), String> {
    tools::ensure_all(true)?;
    build_app()?;
    run_step(
        "criterion: signer and rules",
        &mut cmd(
            "cargo",
            &[
                "bench",
                "-p",
                "tether-signer",
                "-p",
                "tether-domain",
                "--bench",
                "sign",
                "--bench",
                "rules",
                "--",
                "--warm-up-time",
                "1",
                "--measurement-time",
                "3",
            ],
        ),
    )?;
    let result = harness(&["all"]);
    let report = root().join("target/bench/report.md");
    println!("==> report: {}", report.display());
    result
}

/// `cargo xtask soak`: release binaries, then `tether-bench soak [OPS]`.
pub fn soak(extra: &[String]) -> Result<(), String> {
    run_step(
        "building the proxy and the simulator (release)",
        &mut cmd(
            "cargo",
            &["build", "--release", "-p", "tether", "-p", "tether-sim"],
        ),
    )?;
    let mut args = vec!["soak"];
    args.extend(extra.iter().map(String::as_str));
    harness(&args)
}
