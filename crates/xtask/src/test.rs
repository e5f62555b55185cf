//! `cargo xtask test`: every check and test, each a stage; all stages run, a summary line per
//! stage ends the output, and any failure makes the exit status non-zero.

use crate::app::build_app;
use crate::shell::{cmd, output, root, run as run_step, tools_dir};
use crate::tools;
use std::process::Command;
use std::time::Instant;

const WASM: &str = "wasm32-unknown-unknown";
/// The short soak's operations (phase 1; phases 2 and 3, with the kills, a third each).
const SHORT_SOAK_OPS: &str = "1000";
/// Seconds of mutated inputs per fuzz target in the short fuzz stage.
const SHORT_FUZZ_SECS: &str = "3";

fn wasm_test_command() -> Command {
    let runner = tools_dir().join("bin/wasm-bindgen-test-runner");
    // The runner's Chromium leaves its shared memory files (~90 MB a run) in TMPDIR when it is
    // killed: a folder of ours, emptied before each run, holds them instead of /tmp.
    let tmp = root().join("target/wasm-test-tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    let _ = std::fs::create_dir_all(&tmp);
    let mut c = cmd("cargo", &["test", "-p", "tether-web", "--target", WASM]);
    c.env("TMPDIR", &tmp)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("CARGO_TARGET_DIR", root().join("target/wasm"));
    c
}

/// Runs every stage.
/// Clippy on the wasm app, with `what` (`--all-targets`, or the release build's features).
fn clippy_wasm(step: &str, what: &str) -> Result<(), String> {
    run_step(
        step,
        cmd(
            "cargo",
            &[
                "clippy",
                "-p",
                "tether-web",
                "--target",
                WASM,
                what,
                "--",
                "-D",
                "warnings",
            ],
        )
        .env("CARGO_TARGET_DIR", root().join("target/wasm")),
    )
}

/// Free space on the disk the build writes to, as `df -h` prints it ("12G"), if df answers.
fn free_space() -> Option<String> {
    let out = output("df", &["-h", "--output=avail", &root().to_string_lossy()])?;
    out.lines().nth(1).map(|l| l.trim().to_string())
}

pub fn run() -> Result<(), String> {
    // A test run builds everything once: incremental caches would only take disk (CI's disk has
    // filled before: the last stages then fail with "No space left on device").
    crate::shell::turn_off_incremental();
    let mut results: Vec<(&str, Result<(), String>, f64, String)> = Vec::new();
    let mut stage = |name: &'static str, f: &mut dyn FnMut() -> Result<(), String>| {
        let started = Instant::now();
        let r = f();
        if let Err(e) = &r {
            eprintln!("!!! {name}: {e}");
            // A full disk shows up as a linker or write error far from its cause; say it here.
            if let Some(df) = output("df", &["-h", &root().to_string_lossy()]) {
                eprintln!("!!! free space where the build writes:\n{df}");
            }
        }
        let free = free_space().unwrap_or_else(|| "?".into());
        results.push((name, r, started.elapsed().as_secs_f64(), free));
    };
    stage("setup (tools, browser and PostgreSQL)", &mut || {
        tools::ensure_all(true)?;
        tools::ensure_postgres().map(drop)
    });
    stage("cargo fmt --check", &mut || {
        run_step(
            "formatting",
            &mut cmd("cargo", &["fmt", "--all", "--check"]),
        )
    });
    stage("clippy (native)", &mut || {
        run_step(
            "clippy, native crates",
            &mut cmd(
                "cargo",
                &[
                    "clippy",
                    "--workspace",
                    "--exclude",
                    "tether-web",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            ),
        )
    });
    stage("clippy (wasm app)", &mut || {
        clippy_wasm("clippy, the app for wasm32", "--all-targets")?;
        // The split build (what ships) compiles code the tests never see.
        clippy_wasm(
            "clippy, the app as it ships (per-page chunks)",
            "--features=split",
        )
    });
    stage("native tests", &mut || {
        run_step(
            "unit, handler and loopback tests (the store's against SQLite and PostgreSQL)",
            cmd(
                "cargo",
                &[
                    "test",
                    "--workspace",
                    "--exclude",
                    "tether-web",
                    "--exclude",
                    "tether-tests",
                ],
            )
            // The proxy's store tests start a throwaway cluster from these binaries.
            .env("TETHER_PG_BIN", tools::POSTGRES_BIN),
        )
    });
    stage(
        "soak (short: 1 000 operations, proxy and simulator SIGKILLed)",
        &mut || {
            // The dev-profile binaries the native tests built; `cargo xtask soak` runs the full
            // one on release builds.
            run_step(
                "building the proxy, the simulator and the harness",
                &mut cmd(
                    "cargo",
                    &[
                        "build",
                        "-p",
                        "tether",
                        "-p",
                        "tether-sim",
                        "-p",
                        "tether-bench",
                    ],
                ),
            )?;
            run_step(
                "tether-bench soak (short)",
                &mut cmd(
                    "cargo",
                    &[
                        "run",
                        "-p",
                        "tether-bench",
                        "--",
                        "soak",
                        SHORT_SOAK_OPS,
                        "--debug",
                    ],
                ),
            )
        },
    );
    stage("fuzz (short: the targets' bodies on stable)", &mut || {
        crate::fuzz::replay(SHORT_FUZZ_SECS)
    });
    stage("wasm32 check (domain, app)", &mut || {
        run_step(
            "cargo check for wasm32",
            cmd(
                "cargo",
                &[
                    "check",
                    "-p",
                    "tether-domain",
                    "-p",
                    "tether-web",
                    "--target",
                    WASM,
                ],
            )
            .env("CARGO_TARGET_DIR", root().join("target/wasm")),
        )
    });
    stage("wasm-bindgen-test (headless Chromium)", &mut || {
        run_step(
            "component tests in headless Chromium",
            &mut wasm_test_command(),
        )
    });
    stage("official Alibaba SDKs vs simulator", &mut crate::sdk::check);
    let mut app_built = false;
    stage("build the app (release)", &mut || {
        build_app()?;
        app_built = true;
        Ok(())
    });
    stage("end-to-end (proxy + simulator + Chromium)", &mut || {
        if !app_built {
            return Err("skipped: the app did not build".into());
        }
        run_step(
            "integration and browser journeys",
            cmd("cargo", &["test", "-p", "tether-tests"])
                .env("TETHER_DIST", root().join("dist"))
                .env("TETHER_AXE", tools::axe_core_script())
                .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
        )
    });
    println!("\n==== summary ====");
    let mut failed = 0;
    for (name, result, secs, free) in &results {
        match result {
            Ok(()) => println!("PASS  {name}  ({secs:.0}s, {free} free after)"),
            Err(e) => {
                failed += 1;
                println!("FAIL  {name}  ({secs:.0}s, {free} free after): {e}");
            }
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} stage(s) failed"))
    }
}
