//! `cargo xtask fuzz [SECONDS]`: every cargo-fuzz target in fuzz/ for a bounded time on the
//! nightly toolchain (cargo-fuzz installed into .tools when missing), starting from the seeds in
//! fuzz/seeds/. A crash stops the task with the input's path; turn it into a regression test
//! before fixing it. `cargo xtask test` runs the short stage instead: the same bodies on stable
//! Rust over the seeds and their mutations (`replay`), since a fresh machine has no nightly.

use crate::shell::{cmd, output, root, run as run_step, tools_dir};

/// The targets, one per fuzzed parser.
pub const TARGETS: &[&str] = &["rpc_params", "verify_v1", "verify_v3", "proxy_json"];

fn ensure_cargo_fuzz() -> Result<(), String> {
    let nightly = output("rustup", &["toolchain", "list"]).unwrap_or_default();
    if !nightly.lines().any(|l| l.starts_with("nightly")) {
        return Err(
            "cargo-fuzz needs a nightly toolchain: `rustup toolchain install nightly`".into(),
        );
    }
    if tools_dir().join("bin/cargo-fuzz").is_file() {
        return Ok(());
    }
    let root_arg = tools_dir().to_string_lossy().into_owned();
    run_step(
        "installing cargo-fuzz into .tools (fuzzing; a few minutes the first time)",
        &mut cmd(
            "cargo",
            &["install", "cargo-fuzz", "--locked", "--root", &root_arg],
        ),
    )
}

/// Runs each target for `SECONDS` (default 30).
pub fn run(extra: &[String]) -> Result<(), String> {
    let secs: u32 = extra.first().and_then(|s| s.parse().ok()).unwrap_or(30);
    ensure_cargo_fuzz()?;
    let limit = format!("-max_total_time={secs}");
    let mut crashed = Vec::new();
    for target in TARGETS {
        let step = format!("fuzzing {target} for {secs}s");
        // The first corpus folder is where libFuzzer keeps what it finds; the seeds only feed it.
        let corpus = format!("fuzz/corpus/{target}");
        let seeds = format!("fuzz/seeds/{target}");
        let _ = std::fs::create_dir_all(root().join(&corpus));
        let result = run_step(
            &step,
            cmd(
                "cargo",
                &[
                    "+nightly", "fuzz", "run", target, &corpus, &seeds, "--", &limit,
                ],
            )
            .current_dir(root()),
        );
        if let Err(e) = result {
            crashed.push(format!("{e} (inputs in fuzz/artifacts/{target}/)"));
        }
    }
    if crashed.is_empty() {
        println!("fuzz: {} targets, no crash", TARGETS.len());
        Ok(())
    } else {
        Err(crashed.join("; "))
    }
}

/// The short fuzz stage of `cargo xtask test`: each target's body on stable Rust over its seeds,
/// then `secs` seconds of seeded mutations (fuzz/src/bin/replay.rs).
pub fn replay(secs: &str) -> Result<(), String> {
    let manifest = root().join("fuzz/Cargo.toml");
    let manifest = manifest.to_string_lossy();
    run_step(
        &format!("the fuzz targets' bodies over their seeds, {secs}s of mutations each"),
        &mut cmd(
            "cargo",
            &[
                "run",
                "--manifest-path",
                &manifest,
                "--no-default-features",
                "--bin",
                "replay",
                "--",
                secs,
            ],
        ),
    )
}
