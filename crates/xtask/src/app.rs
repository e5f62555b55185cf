//! Building the app (release.rs; Trunk for `dev`) and running the console (`run`, `dev`).

use crate::inputs::{APP_INPUTS, fingerprint};
use crate::shell::{Background, background_cmd, cmd, root, run as run_step};
use crate::tools;
use std::path::{Path, PathBuf};

/// Where the fingerprint of the inputs dist/ was built from is kept (not in dist/, which the
/// proxy serves).
fn fingerprint_file() -> PathBuf {
    fingerprint_file_in(&root())
}

fn fingerprint_file_in(root: &Path) -> PathBuf {
    root.join("target/app-inputs.fingerprint")
}

/// Whether dist/ was built from other inputs than today's (or never finished building).
fn app_is_stale(now: &str) -> bool {
    app_is_stale_in(&root(), now)
}

fn app_is_stale_in(root: &Path, now: &str) -> bool {
    let built = std::fs::read_to_string(fingerprint_file_in(root)).unwrap_or_default();
    !root.join("dist/index.html").is_file() || built.trim() != now
}

/// dist/ is about to hold something else than the release build its fingerprint describes
/// (Trunk's debug build, `cargo xtask dev`; Trunk.toml's `dist`): the fingerprint goes, so the
/// next `cargo xtask run` builds the release app again instead of serving the debug one.
fn forget_release_build(root: &Path) {
    let _ = std::fs::remove_file(fingerprint_file_in(root));
}

/// Builds the app into dist/ (release.rs), unless dist/ was built from exactly today's inputs
/// (`inputs::APP_INPUTS`).
pub fn build_app() -> Result<(), String> {
    let now = fingerprint(&root(), APP_INPUTS);
    if !app_is_stale(&now) {
        println!("==> the app in dist/ is up to date");
        return Ok(());
    }
    // Forget the old fingerprint first: a build that fails half-way leaves dist/ stale.
    forget_release_build(&root());
    crate::release::build(&root().join("dist"))?;
    std::fs::write(fingerprint_file(), now)
        .map_err(|e| format!("writing {}: {e}", fingerprint_file().display()))
}

/// The release proxy, built in the background while the tools install and the app builds: those
/// end in long single-threaded steps (linking, the app's one-unit LTO) that leave a core idle.
/// Built without the embedded app (`--assets dist` serves it), so dist/ being rewritten meanwhile
/// cannot race the compiler's reading it, and in a target folder of its own
/// ([`RUN_PROXY_TARGET`]): `target/release/tether` stays the binary with the app embedded
/// (README, `cargo xtask dist`), never this one.
struct ProxyBuild {
    build: Background,
    log: PathBuf,
}

/// The target folder of `cargo xtask run`'s proxy (its binary: `release/tether` in it).
const RUN_PROXY_TARGET: &str = "target/run-proxy";

/// The binary `cargo xtask run` builds and serves with.
fn run_proxy_binary() -> PathBuf {
    root().join(RUN_PROXY_TARGET).join("release/tether")
}

impl ProxyBuild {
    fn start() -> Result<Self, String> {
        let log = root().join("target/proxy-build.log");
        std::fs::create_dir_all(root().join("target"))
            .map_err(|e| format!("creating target/: {e}"))?;
        let file =
            std::fs::File::create(&log).map_err(|e| format!("creating {}: {e}", log.display()))?;
        let err = file
            .try_clone()
            .map_err(|e| format!("{}: {e}", log.display()))?;
        println!(
            "==> building the proxy (release) in the background; its log: {}",
            log.display()
        );
        let mut command = background_cmd(
            "cargo",
            &[
                "build",
                "--release",
                "-p",
                "tether",
                "--no-default-features",
            ],
        );
        command
            .env("CARGO_TARGET_DIR", root().join(RUN_PROXY_TARGET))
            .stdout(file)
            .stderr(err);
        let build =
            Background::spawn(command).map_err(|e| format!("starting cargo for the proxy: {e}"))?;
        Ok(Self { build, log })
    }

    /// Waits for the build; its binary is [`run_proxy_binary`].
    fn wait(mut self) -> Result<(), String> {
        println!("==> waiting for the proxy's build");
        let status = self
            .build
            .wait()
            .map_err(|e| format!("waiting for cargo: {e}"))?;
        if status.success() {
            return Ok(());
        }
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        for line in tail.iter().rev() {
            eprintln!("{line}");
        }
        Err(format!(
            "building the proxy failed ({status}); the whole log: {}",
            self.log.display()
        ))
    }
}

/// `cargo xtask run`: set up, build, serve on 127.0.0.1:8080 with the embedded simulator.
pub fn run(extra: &[String]) -> Result<(), String> {
    let proxy = ProxyBuild::start()?;
    tools::ensure_all(false)?;
    build_app()?;
    proxy.wait()?;
    let binary = run_proxy_binary();
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
    tools::ensure_trunk()?;
    run_step(
        "building the proxy",
        &mut cmd("cargo", &["build", "-p", "tether"]),
    )?;
    let binary = root().join("target/debug/tether");
    let mut proxy = cmd(binary.to_string_lossy().as_ref(), &[])
        .spawn()
        .map_err(|e| format!("starting the proxy: {e}"))?;
    println!("==> proxy on http://127.0.0.1:8080; app with live reload on http://127.0.0.1:8081");
    forget_release_build(&root());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dev_build_into_dist_makes_the_next_run_rebuild_the_app() {
        // Review, 2026-11-30: `cargo xtask dev` left Trunk's debug build in dist/ under the
        // release build's fingerprint, and the next `cargo xtask run` served it.
        let root = std::env::temp_dir().join(format!("xtask-dev-{}", std::process::id()));
        std::fs::create_dir_all(root.join("dist")).unwrap();
        std::fs::create_dir_all(root.join("target")).unwrap();
        std::fs::write(root.join("dist/index.html"), "release").unwrap();
        std::fs::write(fingerprint_file_in(&root), "inputs-now").unwrap();
        assert!(!app_is_stale_in(&root, "inputs-now"), "up to date");
        forget_release_build(&root);
        assert!(app_is_stale_in(&root, "inputs-now"), "rebuilt next time");
        let _ = std::fs::remove_dir_all(&root);
    }
}
