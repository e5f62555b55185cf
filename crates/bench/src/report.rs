//! The report: every part writes its figures and budgets to `target/bench/parts/<part>.json`;
//! `report` merges them with criterion's estimates and a description of the machine into
//! `target/bench/report.md` and `report.json`.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One measured figure: a median with its spread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// What was measured.
    pub name: String,
    /// The median.
    pub median: f64,
    /// The spread around it (see `spread_kind`).
    pub spread: f64,
    /// `IQR`, `MAD` or `-` (a single deterministic value).
    pub spread_kind: String,
    /// Unit of both numbers.
    pub unit: String,
}

impl Figure {
    /// A figure from a median and spread.
    pub fn new(name: &str, median: f64, spread: f64, spread_kind: &str, unit: &str) -> Self {
        Self {
            name: name.to_owned(),
            median,
            spread,
            spread_kind: spread_kind.to_owned(),
            unit: unit.to_owned(),
        }
    }

    /// An exact value (sizes, counts).
    pub fn exact(name: &str, value: f64, unit: &str) -> Self {
        Self::new(name, value, 0.0, "-", unit)
    }
}

/// A budget and whether it was met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    /// What is bounded.
    pub name: String,
    /// The bound, as text.
    pub limit: String,
    /// What was measured, as text.
    pub actual: String,
    /// Met or missed.
    pub met: bool,
}

impl Budget {
    /// A budget.
    pub fn new(name: &str, limit: &str, actual: String, met: bool) -> Self {
        Self {
            name: name.to_owned(),
            limit: limit.to_owned(),
            actual,
            met,
        }
    }
}

/// What one part measured.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Heading.
    pub title: String,
    /// Figures.
    pub figures: Vec<Figure>,
    /// Budgets.
    pub budgets: Vec<Budget>,
    /// How it was measured.
    pub notes: Vec<String>,
}

/// `target/bench` under the workspace root.
pub fn out_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench")
}

/// Saves one part for `report` to merge.
pub fn save_part(key: &str, part: &Part) -> Result<(), String> {
    let dir = out_dir().join("parts");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let text = serde_json::to_string_pretty(part).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(format!("{key}.json")), text).map_err(|e| e.to_string())?;
    println!("{}", render_part(part));
    Ok(())
}

/// The parts in report order; missing ones are skipped.
const ORDER: &[&str] = &[
    "criterion",
    "sim_scale",
    "proxy_overhead",
    "app_size",
    "browser",
];

fn load_parts() -> Vec<Part> {
    ORDER
        .iter()
        .filter_map(|key| {
            let text = std::fs::read_to_string(out_dir().join(format!("parts/{key}.json"))).ok()?;
            serde_json::from_str(&text).ok()
        })
        .collect()
}

/// Criterion's median and median absolute deviation for each bench that has run.
pub fn criterion_part() -> Part {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion");
    let names = [
        ("v1_sign", "V1 sign (AttachNetworkInterface)"),
        ("v3_sign", "V3 sign (AttachNetworkInterface)"),
        ("v1_verify", "V1 verify"),
        ("v3_verify", "V3 verify"),
        (
            "eligibility_1_eni_x_1000_instances",
            "Eligibility: 1 ENI × 1 000 instances",
        ),
        ("run_instances_to_params", "RunInstances → RPC params"),
        ("run_instances_from_params", "RPC params → RunInstances"),
    ];
    let mut part = Part {
        title: "Signer and rules (criterion)".into(),
        notes: vec!["criterion, 1 s warm-up, 3 s measurement; median and median absolute deviation of the per-iteration time.".into()],
        ..Part::default()
    };
    for (key, label) in names {
        let path = dir.join(key).join("new/estimates.json");
        let Some(v) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        else {
            part.notes
                .push(format!("{key}: no estimates at {}", path.display()));
            continue;
        };
        let median = v["median"]["point_estimate"].as_f64().unwrap_or(f64::NAN);
        let mad = v["median_abs_dev"]["point_estimate"]
            .as_f64()
            .unwrap_or(f64::NAN);
        part.figures.push(Figure::new(
            label,
            median / 1_000.0,
            mad / 1_000.0,
            "MAD",
            "µs",
        ));
    }
    part
}

/// The machine, as the report describes it.
pub fn machine() -> Vec<(String, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown".to_owned(), |(_, v)| v.trim().to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_kib: f64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let run = |p: &str, a: &[&str]| {
        std::process::Command::new(p)
            .args(a)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    vec![
        ("CPU".into(), cpu),
        ("Cores available".into(), cores.to_string()),
        (
            "RAM".into(),
            format!("{:.1} GiB", ram_kib / 1024.0 / 1024.0),
        ),
        ("Kernel".into(), run("uname", &["-sr"])),
        ("rustc".into(), run("rustc", &["-V"])),
        ("Chromium".into(), run("chromium", &["--version"])),
    ]
}

fn fmt_num(x: f64) -> String {
    if x.is_nan() {
        "n/a".into()
    } else if x.abs() >= 100.0 || (x.fract() == 0.0 && x.abs() < 1e15) {
        // Counts (files, rows) print as whole numbers.
        format!("{x:.0}")
    } else if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.3}")
    }
}

fn render_part(part: &Part) -> String {
    let mut md = format!("## {}\n\n", part.title);
    if !part.figures.is_empty() {
        md.push_str("| figure | median | spread | unit |\n|---|---:|---:|---|\n");
        for f in &part.figures {
            let spread = if f.spread_kind == "-" {
                "-".to_owned()
            } else {
                format!("± {} ({})", fmt_num(f.spread), f.spread_kind)
            };
            md.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                f.name,
                fmt_num(f.median),
                spread,
                f.unit
            ));
        }
        md.push('\n');
    }
    if !part.budgets.is_empty() {
        md.push_str("| budget | limit | measured | |\n|---|---|---|---|\n");
        for b in &part.budgets {
            let mark = if b.met { "MET" } else { "MISSED" };
            md.push_str(&format!(
                "| {} | {} | {} | **{mark}** |\n",
                b.name, b.limit, b.actual
            ));
        }
        md.push('\n');
    }
    for n in &part.notes {
        md.push_str(&format!("- {n}\n"));
    }
    md
}

/// Merges every saved part into report.md and report.json; returns the missed budgets.
pub fn write_report() -> Result<Vec<Budget>, String> {
    let criterion = criterion_part();
    let _ = save_part("criterion", &criterion);
    let parts = load_parts();
    let machine = machine();
    let mut md = String::from(
        "# Tether measurements\n\nRerun with `cargo xtask bench`. Spreads: IQR = interquartile range (p75 − p25), MAD = median absolute deviation.\n\n## Machine\n\n| | |\n|---|---|\n",
    );
    for (k, v) in &machine {
        md.push_str(&format!("| {k} | {v} |\n"));
    }
    md.push('\n');
    for p in &parts {
        md.push_str(&render_part(p));
        md.push('\n');
    }
    let missed: Vec<Budget> = parts
        .iter()
        .flat_map(|p| p.budgets.iter().filter(|b| !b.met).cloned())
        .collect();
    let dir = out_dir();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("report.md"), md).map_err(|e| e.to_string())?;
    let json = serde_json::json!({
        "machine": machine.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
        "parts": parts,
    });
    std::fs::write(
        dir.join("report.json"),
        serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    Ok(missed)
}

/// Resident set size of process `pid` (`self` for this one), in bytes.
pub fn rss_bytes(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: u64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missed_budget_is_marked_in_the_markdown() {
        let part = Part {
            title: "T".into(),
            figures: vec![Figure::new("x", 1.5, 0.25, "IQR", "ms")],
            budgets: vec![Budget::new("b", "≤ 1 ms", "1.5 ms".into(), false)],
            notes: vec![],
        };
        let md = render_part(&part);
        assert!(md.contains("| x | 1.500 | ± 0.250 (IQR) | ms |"));
        assert!(md.contains("**MISSED**"));
    }

    #[test]
    fn this_process_has_a_resident_set() {
        assert!(rss_bytes("self").is_some_and(|b| b > 0));
    }

    #[test]
    fn counts_print_whole_and_small_figures_keep_their_digits() {
        assert_eq!(fmt_num(20.0), "20");
        assert_eq!(fmt_num(3.413), "3.413");
        assert_eq!(fmt_num(12.34), "12.3");
        assert_eq!(fmt_num(250.7), "251");
        assert_eq!(fmt_num(f64::NAN), "n/a");
    }
}
