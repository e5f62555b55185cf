//! App size: raw, gzip and brotli bytes of what `dist/` ships, by kind,
//! and of each page's first load. The app is cut into per-page chunks, so "first load" is
//! measured, not assumed: headless Chromium opens each page on the real proxy and the files it
//! fetched (Resource Timing) are looked up in `dist/` and compressed.

use crate::report::{Budget, Figure, Part, save_part};
use std::io::Write;
use std::path::Path;
use tether_tests::console::Console;
use tether_tests::webdriver::Browser;

/// The pages a visitor can land on, and the element that says each one is drawn. The wizard's
/// is its first step with the instance types listed: it defers its later steps' chunk until
/// then, which must not count against (or be hidden from) its first load.
const PAGES: [(&str, &str); 5] = [
    ("/enis", "[data-testid=enis-page]"),
    ("/instances", "[data-testid=instances-page]"),
    ("/create", "[data-testid^=wizard-type-radio-]"),
    ("/audit", "[data-testid=audit-page]"),
    // The demo world's spare-g-1: the ENI detail page, drawn once its addresses are.
    ("/enis/eni-bp1xlpsfz1q7pd4okoob", "[data-testid=ip-meter]"),
];

/// First-load budget, gzip, in bytes (KB = 1 000 bytes).
pub const BUDGET_GZIP: u64 = 250_000;

fn gzip(data: &[u8]) -> Result<u64, String> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    enc.write_all(data).map_err(|e| e.to_string())?;
    Ok(enc.finish().map_err(|e| e.to_string())?.len() as u64)
}

fn brotli(data: &[u8]) -> Result<u64, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out.len() as u64)
}

/// `(raw, gzip, brotli)` of the files at `paths` (URL paths) in `dist`.
fn sizes_of(dist: &Path, paths: &[String]) -> Result<(u64, u64, u64), String> {
    let mut total = (0, 0, 0);
    let mut seen: Vec<&str> = Vec::new();
    for path in paths {
        let name = path.trim_start_matches('/');
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let (raw, gz, br) = sizes_of_file(&dist.join(name))?;
        total.0 += raw;
        total.1 += gz;
        total.2 += br;
    }
    Ok(total)
}

/// `(raw, gzip, brotli)` of one file: the build's `.gz`/`.br` copies when it made them (what the
/// proxy sends), else compressed here at the same levels (gzip 9, brotli 11).
fn sizes_of_file(file: &Path) -> Result<(u64, u64, u64), String> {
    let data = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let shipped = |ext: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(ext);
        std::fs::metadata(std::path::PathBuf::from(name))
            .ok()
            .map(|m| m.len())
    };
    let gz = match shipped(".gz") {
        Some(n) => n,
        None => gzip(&data)?,
    };
    let br = match shipped(".br") {
        Some(n) => n,
        None => brotli(&data)?,
    };
    Ok((data.len() as u64, gz, br))
}

/// Opens each page in a fresh tab state and returns `(page, files fetched)`.
async fn first_loads() -> Result<Vec<(&'static str, Vec<String>)>, String> {
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    let mut out = Vec::new();
    for (page, drawn) in PAGES {
        browser.goto("about:blank").await?;
        browser
            .goto(&format!("{}{page}?region=cn-hangzhou", console.url))
            .await?;
        browser.wait(drawn, 30).await?;
        // The document itself, then every file it fetched.
        let mut paths = vec!["/index.html".to_owned()];
        paths.extend(browser.fetched_paths().await?);
        out.push((page, paths));
    }
    Ok(out)
}

/// `(kind, raw, gzip, brotli)` totals per kind.
pub fn measure(dist: &Path) -> Result<Vec<(String, u64, u64, u64)>, String> {
    let mut totals: Vec<(String, u64, u64, u64)> = ["wasm", "js", "css", "html"]
        .iter()
        .map(|k| ((*k).to_owned(), 0, 0, 0))
        .collect();
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let kind = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_owned();
        let Some(slot) = totals.iter_mut().find(|t| t.0 == kind) else {
            continue;
        };
        let (raw, gz, br) = sizes_of_file(&path)?;
        slot.1 += raw;
        slot.2 += gz;
        slot.3 += br;
    }
    Ok(totals)
}

/// Adds `<what>: raw / gzip / brotli` figures in KB.
fn push_sizes(part: &mut Part, what: &str, (raw, gz, br): (u64, u64, u64)) {
    for (how, bytes) in [("raw", raw), ("gzip", gz), ("brotli", br)] {
        part.figures.push(Figure::exact(
            &format!("{what}: {how}"),
            bytes as f64 / 1e3,
            "KB",
        ));
    }
}

/// Runs the measurement and saves the part.
pub async fn run(dist: &Path) -> Result<Part, String> {
    let totals = measure(dist)?;
    let mut part = Part {
        title: "App size".into(),
        notes: vec![
            format!(
                "Shipped: every file in {} by kind. First load of a page: the files headless Chromium fetched (Resource Timing, same origin, API calls excluded) to draw that page from a cold start, the HTML included. gzip and brotli: the .gz (zopfli) and .br (quality 11) copies the build writes and the proxy sends to browsers that accept them; files without a copy (index.html) compressed here (gzip level 9, brotli 11). KB = 1 000 bytes.",
                dist.display()
            ),
            "The app is one main module (runtime, shell, sign-in, router) plus wasm chunks cut per page, for the ENI dialogs (fetched when the first dialog opens) and for the wizard after its first step (fetched once that step is drawn), by wasm-split-cli in Trunk's post-build hook.".into(),
        ],
        ..Part::default()
    };
    for (kind, raw, gz, br) in &totals {
        push_sizes(&mut part, &format!("shipped {kind}"), (*raw, *gz, *br));
    }
    for (page, paths) in first_loads().await? {
        let (raw, gz, br) = sizes_of(dist, &paths)?;
        part.figures.push(Figure::exact(
            &format!("first load of {page}: files"),
            paths.len() as f64,
            "",
        ));
        push_sizes(&mut part, &format!("first load of {page}"), (raw, gz, br));
        part.budgets.push(Budget::new(
            &format!("first load of {page}, gzip"),
            "≤ 250 KB",
            format!("{:.1} KB", gz as f64 / 1e3),
            gz <= BUDGET_GZIP,
        ));
    }
    save_part("app_size", &part)?;
    Ok(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetitive_data_compresses_and_brotli_beats_gzip() {
        let data = "tether ".repeat(10_000);
        let (g, b) = (
            gzip(data.as_bytes()).unwrap_or(0),
            brotli(data.as_bytes()).unwrap_or(0),
        );
        assert!(g > 0 && g < 1_000, "{g}");
        assert!(b > 0 && b <= g, "{b} {g}");
    }
}
