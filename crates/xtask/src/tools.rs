//! Installs the pinned tools when missing or of the wrong version: the wasm32 target,
//! wasm-bindgen-cli (the version in Cargo.lock), wasm-split-cli, wasm-opt (npm `binaryen`), Trunk
//! for `cargo xtask dev` only and, for tests, Debian's Chromium and ChromeDriver and axe-core
//! (npm). Nothing comes from anywhere but the package registries.

use crate::shell::{cmd, on_path, output, root, run, tools_dir};
use std::path::Path;

/// Trunk's newest release needs a newer Rust than ours; this one works with 1.95.
pub const TRUNK_VERSION: &str = "0.21.14";
/// The npm package version that ships a working `wasm-opt` (reported as `version_132`).
pub const BINARYEN_VERSION: &str = "132";
/// The accessibility checker the browser journeys inject into every page (npm `axe-core`).
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// Cuts the app into lazily loaded chunks: wasm_split_cli_support 0.2.4 (the series leptos'
/// `wasm_split_helpers` matches) with Tether's chunk merging, built from this folder.
const WASM_SPLIT_DIR: &str = "vendor/wasm-split";

/// The wasm-bindgen version Cargo.lock resolved (the CLI must match it exactly).
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`".into())
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(
        "adding the wasm32-unknown-unknown target (the app compiles to WebAssembly)",
        &mut cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]),
    )
}

/// The version of `krate` that `cargo install --root .tools` recorded (not every tool has a
/// `--version` flag).
fn installed_version(krate: &str) -> Option<String> {
    let record = std::fs::read_to_string(tools_dir().join(".crates.toml")).ok()?;
    record.lines().find_map(|line| {
        let mut words = line.trim_start_matches('"').split_whitespace();
        (words.next() == Some(krate)).then(|| words.next().map(str::to_owned))?
    })
}

/// Where `cargo install` takes a tool from: the registry at a version, or a folder of this
/// repository (whose manifest gives the version).
#[derive(Clone, Copy)]
enum Source<'a> {
    Registry(&'a str),
    Vendored(&'a Path),
}

/// The `version` of the package whose manifest is `manifest`.
fn package_version(manifest: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| format!("reading {}: {e}", manifest.display()))?;
    text.lines()
        .skip_while(|l| l.trim() != "[package]")
        .find_map(|l| l.trim().strip_prefix("version = \""))
        .map(|v| v.trim_end_matches('"').to_owned())
        .ok_or_else(|| format!("{} names no package version", manifest.display()))
}

fn ensure_cargo_tool(
    binary: &str,
    krate: &str,
    source: Source,
    locked: bool,
    features: &[&str],
    why: &str,
) -> Result<(), String> {
    let (version, from) = match source {
        Source::Registry(version) => (version.to_owned(), ["--version", version].map(String::from)),
        Source::Vendored(dir) => (
            package_version(&dir.join("Cargo.toml"))?,
            ["--path".into(), dir.to_string_lossy().into_owned()],
        ),
    };
    let path = tools_dir().join("bin").join(binary);
    if path.exists() && installed_version(krate).as_deref() == Some(version.as_str()) {
        return Ok(());
    }
    let root_dir = tools_dir();
    let root_arg = root_dir.to_string_lossy().into_owned();
    let mut args = vec!["install"];
    if matches!(source, Source::Registry(_)) {
        args.push(krate);
    }
    args.extend(from.iter().map(String::as_str));
    args.extend(["--root", &root_arg]);
    if locked {
        args.push("--locked");
    }
    args.extend_from_slice(features);
    let mut install = cmd("cargo", &args);
    for (name, value) in TOOL_PROFILE {
        install.env(name, value);
    }
    run(
        &format!("installing {krate} {version} into .tools ({why}; a few minutes the first time)"),
        &mut install,
    )
}

/// The release profile the tools are built with, whatever their own manifests ask (Cargo lets
/// the environment override a package's profile). Trunk's asks for fat LTO and one codegen
/// unit: 14 minutes to install on two cores. The tools shell out and move a few megabytes, so
/// a light optimisation is plenty (measured: see the README's "How long it takes").
const TOOL_PROFILE: [(&str, &str); 4] = [
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1"),
    ("CARGO_PROFILE_RELEASE_LTO", "off"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
];

/// `npm install package` into .tools/npm, `why` saying what for.
fn npm_install(package: &str, why: &str) -> Result<(), String> {
    if !on_path("npm") {
        return Err("npm is not on PATH: install Node.js and npm (Debian: apt-get install -y nodejs npm), then rerun".into());
    }
    let prefix = tools_dir().join("npm");
    std::fs::create_dir_all(&prefix).map_err(|e| format!("creating {}: {e}", prefix.display()))?;
    let prefix_arg = prefix.to_string_lossy().into_owned();
    run(
        &format!("installing npm {package} into .tools/npm ({why})"),
        &mut cmd(
            "npm",
            &[
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                &prefix_arg,
                package,
            ],
        ),
    )
}

fn ensure_wasm_opt() -> Result<(), String> {
    let bin = tools_dir().join("npm/node_modules/.bin/wasm-opt");
    let have = output(bin.to_string_lossy().as_ref(), &["--version"]).unwrap_or_default();
    if have.contains(&format!("version {BINARYEN_VERSION}"))
        || have.contains(&format!("version_{BINARYEN_VERSION}"))
    {
        return Ok(());
    }
    npm_install(
        &format!("binaryen@{BINARYEN_VERSION}"),
        "its wasm-opt shrinks the app's wasm",
    )
}

/// Where the journeys read axe-core from (`tether_tests::axe` names the same path).
pub fn axe_core_script() -> std::path::PathBuf {
    tools_dir().join("npm/node_modules/axe-core/axe.min.js")
}

/// axe-core for the browser journeys' accessibility checks, at the pinned version.
fn ensure_axe_core() -> Result<(), String> {
    let manifest = tools_dir().join("npm/node_modules/axe-core/package.json");
    let wanted = format!("\"version\": \"{AXE_CORE_VERSION}\",");
    let have = std::fs::read_to_string(&manifest)
        .is_ok_and(|m| m.lines().any(|line| line.trim() == wanted));
    if have && axe_core_script().exists() {
        return Ok(());
    }
    npm_install(
        &format!("axe-core@{AXE_CORE_VERSION}"),
        "the browser journeys check every page and dialog with it",
    )
}

/// Chromium and ChromeDriver from Debian, for the browser tests.
fn ensure_browser() -> Result<(), String> {
    if on_path("chromium") && on_path("chromedriver") {
        return Ok(());
    }
    let is_root = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    if !is_root || !on_path("apt-get") {
        return Err("Chromium and ChromeDriver are needed for the browser tests: run `sudo apt-get update && sudo apt-get install -y chromium chromium-driver`".into());
    }
    run(
        "apt-get update (to install Chromium for the browser tests)",
        &mut cmd("apt-get", &["update", "-q"]),
    )?;
    run(
        "installing chromium and chromium-driver from Debian (browser tests)",
        cmd(
            "apt-get",
            &["install", "-y", "-q", "chromium", "chromium-driver"],
        )
        .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Where Debian's `postgresql` package puts the server's binaries (not on PATH).
pub const POSTGRES_BIN: &str = "/usr/lib/postgresql/15/bin";

/// PostgreSQL's server binaries, for the store and replica tests (they start a throwaway
/// cluster of their own); returns their directory, which the tests get as `TETHER_PG_BIN`.
pub fn ensure_postgres() -> Result<std::path::PathBuf, String> {
    let bin = std::path::PathBuf::from(POSTGRES_BIN);
    if bin.join("initdb").exists() && bin.join("pg_ctl").exists() {
        return Ok(bin);
    }
    let is_root = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    if !is_root || !on_path("apt-get") {
        return Err("PostgreSQL 15 is needed for the store's tests: run `sudo apt-get update && sudo apt-get install -y postgresql`".into());
    }
    run(
        "apt-get update (to install PostgreSQL for the store's tests)",
        &mut cmd("apt-get", &["update", "-q"]),
    )?;
    run(
        "installing postgresql from Debian (the store's tests)",
        cmd("apt-get", &["install", "-y", "-q", "postgresql"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    Ok(bin)
}

/// Trunk, for `cargo xtask dev` (the release build does without it: release.rs).
pub fn ensure_trunk() -> Result<(), String> {
    ensure_cargo_tool(
        "trunk",
        "trunk",
        Source::Registry(TRUNK_VERSION),
        true,
        &[],
        "serves the app with live reload",
    )
}

/// Every tool the app build needs, plus the browser when `browser` is set. Returns the
/// wasm-bindgen version in use.
pub fn ensure_all(browser: bool) -> Result<String, String> {
    ensure_wasm_target()?;
    let wb = wasm_bindgen_version()?;
    // Not --locked: the published lock file names a dependency version the registry lacks.
    ensure_cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        Source::Registry(&wb),
        false,
        &[],
        "must equal the wasm-bindgen in Cargo.lock",
    )?;
    ensure_cargo_tool(
        "wasm-split-cli",
        "wasm_split_cli_support",
        Source::Vendored(&root().join(WASM_SPLIT_DIR)),
        true,
        &["--features", "build-binary"],
        "cuts the app into per-page chunks",
    )?;
    ensure_wasm_opt()?;
    if browser {
        ensure_browser()?;
        ensure_axe_core()?;
    }
    Ok(wb)
}
