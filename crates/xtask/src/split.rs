//! `cargo xtask split-app`: Trunk's post-build hook (see Trunk.toml). Cuts the app into one wasm
//! chunk per page so the first load carries the shell and the page asked for only.
//!
//! Trunk has no step between `cargo build` and wasm-bindgen, where `wasm-split-cli` must run, so
//! this hook redoes the tail of Trunk's pipeline on the cargo output: split, wasm-bindgen on the
//! main part, wasm-opt on every part, then it replaces the JS and wasm Trunk staged and adds the
//! chunks, and finally names every file by its own final bytes (names.rs), because the proxy
//! serves assets as immutable.

use crate::shell::{cmd, root, run};
use std::path::{Path, PathBuf};

/// The cargo binary the app is built from (frontend/Cargo.toml).
const APP: &str = "tether-web";
/// The module name wasm-split gives the chunk loader; the main JS imports it under this name.
const LOADER: &str = "__wasm_split.js";

/// The split modules only ever loaded after another (src/pages/chunks.rs): a page's dialogs, the
/// wizard's later steps. What they share with their page is loaded with the page instead of in
/// chunks of its own (the splitter's `--loaded-after`, vendor/wasm-split).
const LOADED_AFTER: [(&str, &str); 3] = [
    ("eni_dialog", "enis_page"),
    ("instance_dialog", "instances_page"),
    ("wizard_later", "wizard_page"),
];

/// Code at least this many of the six pages (the five app pages and sign-in) need goes into the
/// main module rather than a chunk each of them fetches. Tried on the app of 2026-11-30 (gzip -9
/// of the parts, the largest page /enis/<id>): without the rule 341 KB, with 5 332, with 4 327;
/// 3 gave 322 but added 19 KB to /audit and 16 to /create.
const MAIN_IF_SHARED_BY: usize = 4;

/// FNV-1a: a stable content hash for file names (std's hasher may change between releases).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn env_path(name: &str) -> Result<PathBuf, String> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .ok_or_else(|| format!("{name} is not set: `split-app` runs as Trunk's post_build hook"))
}

/// The stem Trunk gave the staged app files (`tether-web-<hash>`, from `<stem>_bg.wasm`).
fn staged_stem(staging: &Path) -> Result<String, String> {
    let entries =
        std::fs::read_dir(staging).map_err(|e| format!("reading {}: {e}", staging.display()))?;
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .find_map(|n| {
            n.strip_suffix("_bg.wasm")
                .filter(|s| s.starts_with(APP))
                .map(str::to_owned)
        })
        .ok_or_else(|| format!("no {APP}*_bg.wasm in {}", staging.display()))
}

/// The file names (not paths) of the wasm chunks wasm-split wrote, the main module excluded.
fn chunks(dir: &Path, main: &str) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".wasm") && n != main)
        .collect();
    names.sort();
    Ok(names)
}

/// wasm-opt -Oz, dropping the `producers` and `target_features` sections: no browser reads them,
/// and at ~200 bytes a file they cost a page that loads 50 chunks ~8 KB gzip.
fn wasm_opt(file: &Path) -> Result<(), String> {
    let f = file.to_string_lossy();
    let args = [
        "-Oz",
        "--strip-producers",
        "--strip-target-features",
        "--quiet",
        &f,
        "-o",
        &f,
    ];
    run(
        &format!("wasm-opt -Oz {}", file.display()),
        &mut cmd("wasm-opt", &args),
    )
}

/// The cargo profile index.html tells Trunk to build with (`data-cargo-profile`, used by
/// `trunk serve` too).
fn cargo_profile(index_html: &str) -> Result<String, String> {
    index_html
        .split("data-cargo-profile=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| "frontend/index.html names no data-cargo-profile".into())
}

/// The wasm Trunk just had cargo build: the exact path of index.html's profile, never "the
/// newest file", which another profile's older build could be.
fn built_artifact(target: &Path) -> Result<PathBuf, String> {
    let index = read(&root().join("frontend/index.html"))?;
    let profile = cargo_profile(&String::from_utf8_lossy(&index))?;
    let path = target
        .join("wasm32-unknown-unknown")
        .join(&profile)
        .join(format!("{APP}.wasm"));
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("{} was not built", path.display()))
    }
}

/// Cuts `input` into `work/`: `<stem>.wasm` plus chunks and the loader, then wasm-bindgen on the
/// main part into `work/bindgen/`. Returns the chunks' file names.
fn cut(input: &Path, work: &Path, stem: &str) -> Result<Vec<String>, String> {
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(work).map_err(|e| format!("creating {}: {e}", work.display()))?;
    let (input_s, work_s) = (input.to_string_lossy(), work.to_string_lossy());
    let mut args = vec![
        input_s.to_string(),
        work_s.to_string(),
        "--out-name".into(),
        stem.into(),
        "--target".into(),
        "web".into(),
        "--main-if-shared-by".into(),
        MAIN_IF_SHARED_BY.to_string(),
    ];
    for (child, parent) in LOADED_AFTER {
        args.extend(["--loaded-after".into(), format!("{child}={parent}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(
        "cutting the app into per-page chunks (wasm-split-cli)",
        &mut cmd("wasm-split-cli", &args),
    )?;
    let main = format!("{stem}.wasm");
    bindgen(&work.join(&main), &work.join("bindgen"), stem)?;
    chunks(work, &main)
}

/// wasm-bindgen for the web on `wasm`, writing `<stem>.js` and `<stem>_bg.wasm` into `out`.
fn bindgen(wasm: &Path, out: &Path, stem: &str) -> Result<(), String> {
    let (wasm_s, out_s) = (wasm.to_string_lossy(), out.to_string_lossy());
    run(
        &format!("wasm-bindgen on {}", wasm.display()),
        &mut cmd(
            "wasm-bindgen",
            &[
                "--target",
                "web",
                "--no-typescript",
                // The chunks import the table, memory and shared globals from the main module.
                "--keep-lld-exports",
                "--out-dir",
                &out_s,
                "--out-name",
                stem,
                &wasm_s,
            ],
        ),
    )
}

/// Puts the cut app in `staging`: chunks and their loader under content-hashed names, and the
/// main JS (importing the renamed loader) and wasm under the names Trunk gave them.
fn publish(staging: &Path, work: &Path, stem: &str, parts: &[String]) -> Result<(), String> {
    let mut loader = String::from_utf8(read(&work.join(LOADER))?)
        .map_err(|e| format!("{LOADER} is not UTF-8: {e}"))?;
    for part in parts {
        let bytes = read(&work.join(part))?;
        let base = part.trim_end_matches(".wasm");
        let hashed = format!("{base}-{}.wasm", content_hash(&bytes));
        let quoted = format!("\"./{part}\"");
        if !loader.contains(&quoted) {
            return Err(format!("{LOADER} does not load {part}"));
        }
        loader = loader.replace(&quoted, &format!("\"./{hashed}\""));
        write(&staging.join(&hashed), &bytes)?;
    }
    let loader_name = format!("__wasm_split-{}.js", content_hash(loader.as_bytes()));
    write(&staging.join(&loader_name), loader.as_bytes())?;

    // The main JS imports the loader by module name; only the `import` lines are renamed (the
    // wasm's own import table keeps the original name).
    let bindgen = work.join("bindgen");
    let js = String::from_utf8(read(&bindgen.join(format!("{stem}.js")))?)
        .map_err(|e| format!("{stem}.js is not UTF-8: {e}"))?;
    let from = format!("from \"./{LOADER}\"");
    if !js.contains(&from) {
        return Err(format!("{stem}.js does not import {LOADER}"));
    }
    let js = js.replace(&from, &format!("from \"./{loader_name}\""));
    write(&staging.join(format!("{stem}.js")), js.as_bytes())?;
    let main_wasm = format!("{stem}_bg.wasm");
    std::fs::copy(bindgen.join(&main_wasm), staging.join(&main_wasm))
        .map(|_| ())
        .map_err(|e| format!("copying {main_wasm}: {e}"))
}

pub fn run_hook() -> Result<(), String> {
    let staging = env_path("TRUNK_STAGING_DIR")?;
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let input = built_artifact(&target)?;
    let stem = staged_stem(&staging)?;
    finish(&staging, &input, &target, &stem, release)
}

/// The tail of the app build, shared by Trunk's hook (`cargo xtask dev`) and the release
/// pipeline (release.rs): cut `input` (the cargo output) into chunks, run wasm-bindgen (unless
/// `staging` already holds its output for an uncut app), optimise, publish into `staging`,
/// name every file by its bytes and, for a release, precompress.
pub fn finish(
    staging: &Path,
    input: &Path,
    target: &Path,
    stem: &str,
    release: bool,
) -> Result<(), String> {
    let split = read(input)?
        .windows(b"__wasm_split_placeholder__".len())
        .any(|w| w == b"__wasm_split_placeholder__");
    if split {
        let work = target.join("wasm-split");
        let parts = cut(input, &work, stem)?;
        // Trunk's own wasm-opt is off (index.html): it would optimise the uncut module, which
        // is replaced here. Every part is optimised once, before it gets its hashed name.
        if release {
            wasm_opt(&work.join("bindgen").join(format!("{stem}_bg.wasm")))?;
            for part in &parts {
                wasm_opt(&work.join(part))?;
            }
        }
        publish(staging, &work, stem, &parts)?;
        println!(
            "==> split the app into {} chunks besides the main module",
            parts.len()
        );
    } else {
        println!("==> {APP} has no split points (built without the `split` feature); not cut");
        if !staging.join(format!("{stem}_bg.wasm")).is_file() {
            bindgen(input, staging, stem)?;
        }
        if release {
            wasm_opt(&staging.join(format!("{stem}_bg.wasm")))?;
        }
    }
    // Last, as the files are final: named by their own bytes, with integrity in index.html.
    let renamed = crate::names::rename_staged(staging, APP, stem)?;
    println!("==> named by content: {renamed:?}");
    if release {
        precompress(staging)?;
    }
    Ok(())
}

/// Node's zlib: brotli at quality 11, the level an on-the-fly compressor cannot afford. Node is
/// already a prerequisite (npm installs wasm-opt).
const BROTLI_JS: &str = r#"
const fs = require('fs'), zlib = require('zlib');
for (const f of process.argv.slice(1)) {
  const data = fs.readFileSync(f);
  fs.writeFileSync(f + '.br', zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 22,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
}
"#;

/// Writes `<file>.br` and `<file>.gz` beside every wasm, JS and CSS file in `dir`; the proxy
/// sends them to browsers that accept them (measured: on-the-fly brotli made the main module
/// 175 KB, quality 11 makes it ~150 KB; zopfli's gzip is 5.8 % smaller than zlib level 9).
fn precompress(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "wasm" || x == "js" || x == "css")
        })
        .collect();
    files.sort();
    // Node's brotli runs beside zopfli, which is spread over the cores (largest files first,
    // each to the least loaded thread): ~15 s in one thread over this app.
    let mut args = vec!["-e".to_string(), BROTLI_JS.to_string()];
    args.extend(files.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut brotli = cmd("node", &args)
        .spawn()
        .map_err(|e| format!("brotli: could not start node: {e}"))?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "==> gzip {} files with zopfli ({threads} threads), brotli 11 with node",
        files.len()
    );
    let started = std::time::Instant::now();
    let gzipped = std::thread::scope(|scope| {
        shares(&files, threads)
            .into_iter()
            .map(|share| scope.spawn(move || share.iter().try_for_each(|f| zopfli_gzip(f))))
            .collect::<Vec<_>>()
            .into_iter()
            // Every thread joined before the first error is returned (an unjoined panicked
            // thread would make the scope itself panic).
            .map(|t| t.join().unwrap_or_else(|_| Err("zopfli panicked".into())))
            .fold(Ok(()), Result::and)
    });
    let brotli = brotli
        .wait()
        .map_err(|e| format!("brotli: waiting for node: {e}"))?;
    gzipped?;
    if !brotli.success() {
        return Err(format!("brotli with node failed ({brotli})"));
    }
    println!("    done in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `files` dealt into `n` shares of about equal bytes: largest first, each to the lightest.
fn shares(files: &[PathBuf], n: usize) -> Vec<Vec<&PathBuf>> {
    // Each size read once (a sort key would stat a file per comparison).
    let mut by_size: Vec<(u64, &PathBuf)> = files
        .iter()
        .map(|f| (std::fs::metadata(f).map_or(0, |m| m.len()), f))
        .collect();
    by_size.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let mut out: Vec<(u64, Vec<&PathBuf>)> = vec![(0, Vec::new()); n.max(1)];
    for (size, f) in by_size {
        if let Some(lightest) = out.iter_mut().min_by_key(|(bytes, _)| *bytes) {
            lightest.0 += size;
            lightest.1.push(f);
        }
    }
    out.into_iter().map(|(_, share)| share).collect()
}

/// `<file>.gz`, written by zopfli: any gzip reader inflates it, it only takes longer to make.
fn zopfli_gzip(file: &Path) -> Result<(), String> {
    let data = read(file)?;
    let mut out = Vec::with_capacity(data.len() / 2);
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        data.as_slice(),
        &mut out,
    )
    .map_err(|e| format!("compressing {}: {e}", file.display()))?;
    let mut gz = file.as_os_str().to_owned();
    gz.push(".gz");
    write(Path::new(&gz), &out)
}

#[cfg(test)]
mod tests {
    use super::{cargo_profile, content_hash};

    #[test]
    fn the_profile_is_read_from_index_html() {
        let html = r#"<link data-trunk rel="rust" data-bin="tether-web" data-cargo-profile="wasm-release" />"#;
        assert_eq!(cargo_profile(html).unwrap(), "wasm-release");
        assert!(cargo_profile("<link data-trunk rel=\"rust\" />").is_err());
        assert!(cargo_profile("data-cargo-profile=\"\"").is_err());
    }

    #[test]
    fn content_hash_is_stable_and_sensitive() {
        // FNV-1a 64 of "a" is a published test vector.
        assert_eq!(content_hash(b"a"), "af63dc4c8601ec8c");
        assert_ne!(content_hash(b"chunk"), content_hash(b"chunk "));
    }
}
