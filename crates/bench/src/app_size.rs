//! App size: raw, gzip (level 9) and brotli (quality 11) bytes of every file the first load
//! fetches from `dist/` (wasm, JS, CSS, HTML), by kind.

use crate::report::{Budget, Figure, Part, save_part};
use std::io::Write;
use std::path::Path;

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
        let data = std::fs::read(&path).map_err(|e| e.to_string())?;
        slot.1 += data.len() as u64;
        slot.2 += gzip(&data)?;
        slot.3 += brotli(&data)?;
    }
    Ok(totals)
}

/// Runs the measurement and saves the part.
pub fn run(dist: &Path) -> Result<Part, String> {
    let totals = measure(dist)?;
    let mut part = Part {
        title: "App size".into(),
        notes: vec![format!(
            "Files in {} by kind; gzip level 9, brotli quality 11 window 22 (what a build-time precompression would ship; the proxy compresses on the fly at its default levels). KB = 1 000 bytes.",
            dist.display()
        )],
        ..Part::default()
    };
    for (kind, raw, gz, br) in &totals {
        part.figures.push(Figure::exact(
            &format!("{kind}: raw"),
            *raw as f64 / 1e3,
            "KB",
        ));
        part.figures.push(Figure::exact(
            &format!("{kind}: gzip"),
            *gz as f64 / 1e3,
            "KB",
        ));
        part.figures.push(Figure::exact(
            &format!("{kind}: brotli"),
            *br as f64 / 1e3,
            "KB",
        ));
    }
    let gz_total: u64 = totals.iter().map(|t| t.2).sum();
    let br_total: u64 = totals.iter().map(|t| t.3).sum();
    part.figures.push(Figure::exact(
        "first load: gzip",
        gz_total as f64 / 1e3,
        "KB",
    ));
    part.figures.push(Figure::exact(
        "first load: brotli",
        br_total as f64 / 1e3,
        "KB",
    ));
    part.budgets.push(Budget::new(
        "first load, gzip",
        "≤ 250 KB",
        format!("{:.1} KB", gz_total as f64 / 1e3),
        gz_total <= BUDGET_GZIP,
    ));
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
