//! Running commands with progress output, from the workspace root.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The workspace root (xtask lives in crates/xtask).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}

/// The project-local tools folder (git-ignored).
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// PATH with the project's tools first, so Trunk finds the pinned binaries.
pub fn tools_path() -> String {
    let tools = tools_dir();
    let mut parts = vec![tools.join("bin"), tools.join("npm/node_modules/.bin")];
    if let Some(path) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(parts)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A command run from the root with the tools on PATH.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root()).env("PATH", tools_path());
    if NO_INCREMENTAL.load(Ordering::Relaxed) {
        c.env("CARGO_INCREMENTAL", "0");
    }
    c
}

/// Set by `cargo xtask test`: every cargo it starts then builds without incremental caches.
static NO_INCREMENTAL: AtomicBool = AtomicBool::new(false);

/// Makes every later `cmd` build without incremental compilation.
pub fn turn_off_incremental() {
    NO_INCREMENTAL.store(true, Ordering::Relaxed);
}

/// Runs `command`, printing what and why first; fails with a message naming the step.
pub fn run(step: &str, command: &mut Command) -> Result<(), String> {
    println!("==> {step}");
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("{step}: could not start {:?}: {e}", command.get_program()))?;
    if status.success() {
        println!("    done in {:.1}s", started.elapsed().as_secs_f64());
        Ok(())
    } else {
        Err(format!("{step} failed ({status})"))
    }
}

/// The stdout of a command, if it ran successfully.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = cmd(program, args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether a program can be found on PATH (tools folder included).
pub fn on_path(program: &str) -> bool {
    std::env::split_paths(&tools_path()).any(|dir| dir.join(program).is_file())
}
