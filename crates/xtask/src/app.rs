//! Building the app with Trunk and running the console (`run`, `dev`).

use crate::shell::{cmd, root, run as run_step};
use crate::tools;
use std::path::Path;
use std::time::SystemTime;

/// Newest modification time under `path` (files only).
fn newest(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "target" && e.file_name() != "dist")
        .filter_map(|e| newest(&e.path()))
        .max()
}

/// Whether dist/ is older than anything the app is built from.
fn app_is_stale() -> bool {
    let root = root();
    let Some(built) = std::fs::metadata(root.join("dist/index.html"))
        .and_then(|m| m.modified())
        .ok()
    else {
        return true;
    };
    [
        "frontend",
        "crates/domain",
        "crates/xtask/src/split.rs",
        "Trunk.toml",
        "Cargo.lock",
    ]
    .iter()
    .filter_map(|p| newest(&root.join(p)))
    .any(|t| t > built)
}

/// Builds the app into dist/ with Trunk (release, offline), unless it is up to date.
pub fn build_app(wasm_bindgen: &str) -> Result<(), String> {
    if !app_is_stale() {
        println!("==> the app in dist/ is up to date");
        return Ok(());
    }
    run_step(
        "building the app with Trunk (release, offline)",
        cmd(
            "trunk",
            &["build", "--release", "--offline", "--config", "Trunk.toml"],
        )
        // The CLI version comes from Cargo.lock, so it is written down in one place only.
        .env("TRUNK_TOOLS_WASM_BINDGEN", wasm_bindgen)
        // A target dir of its own keeps wasm artefacts from invalidating native ones.
        .env("CARGO_TARGET_DIR", root().join("target/wasm")),
    )
}

/// `cargo xtask run`: set up, build, serve on 127.0.0.1:8080 with the embedded simulator.
pub fn run(extra: &[String]) -> Result<(), String> {
    let wb = tools::ensure_all(false)?;
    build_app(&wb)?;
    run_step(
        "building the proxy (release)",
        &mut cmd("cargo", &["build", "--release", "-p", "tether"]),
    )?;
    let binary = root().join("target/release/tether");
    let mut proxy = cmd(binary.to_string_lossy().as_ref(), &["--assets", "dist"]);
    proxy.args(extra);
    println!("==> starting the console (Ctrl-C to stop)");
    let status = proxy
        .status()
        .map_err(|e| format!("starting the proxy: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the proxy exited with {status}"))
    }
}

/// `cargo xtask dev`: the proxy on :8080 and Trunk's live-reload server on :8081 in front of it.
pub fn dev() -> Result<(), String> {
    let wb = tools::ensure_all(false)?;
    run_step(
        "building the proxy",
        &mut cmd("cargo", &["build", "-p", "tether"]),
    )?;
    let binary = root().join("target/debug/tether");
    let mut proxy = cmd(binary.to_string_lossy().as_ref(), &[])
        .spawn()
        .map_err(|e| format!("starting the proxy: {e}"))?;
    println!("==> proxy on http://127.0.0.1:8080; app with live reload on http://127.0.0.1:8081");
    let status = cmd(
        "trunk",
        &[
            "serve",
            "--offline",
            "--port",
            "8081",
            "--config",
            "Trunk.toml",
        ],
    )
    .env("TRUNK_TOOLS_WASM_BINDGEN", &wb)
    .env("CARGO_TARGET_DIR", root().join("target/wasm"))
    .status();
    let _ = proxy.kill();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("trunk serve exited with {s}")),
        Err(e) => Err(format!("starting trunk: {e}")),
    }
}
