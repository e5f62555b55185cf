//! `replay [SECONDS]`: the fuzz targets' bodies on stable Rust, for `cargo xtask test`
//! (libFuzzer needs nightly, which a fresh machine does not have; `cargo xtask fuzz` is the real
//! thing). Per target: every seed in `fuzz/seeds/<target>/` (and cargo-fuzz's corpus in
//! `fuzz/corpus/<target>/` when there is one), then seeded mutations of them for SECONDS
//! (default 3). Fails when an invariant breaks (the input is saved under
//! `fuzz/artifacts/<target>/`) or when a seed no longer reaches its target's invariant (the
//! stage would then check nothing).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tether_fuzz::{Body, TARGETS};

/// Bytes and tokens the mutations insert: the syntax of queries, dotted names, JSON and headers.
const TOKENS: &[&[u8]] = &[
    b"&",
    b"=",
    b".",
    b".1",
    b".2",
    b".0",
    b"%",
    b"%20",
    b"%2F",
    b"+",
    b"-",
    b"0",
    b"1",
    b"-1",
    b"4294967296",
    b"true",
    b"True",
    b"null",
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\n",
    b"\0",
    b" ",
    b"Tag.1.Key=",
    b"NetworkInterface.1.",
    b"SecurityGroupId.1=",
    b"\xc3\xa9",
];

/// xorshift64: deterministic, so a run can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(6) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] = rng.below(256) as u8;
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                input.splice(at..at, token.iter().copied());
            }
            2 if !input.is_empty() => {
                let len = 1 + rng.below(8);
                input.drain(at.min(input.len() - 1)..(at + len).min(input.len()));
            }
            3 if !input.is_empty() => {
                let from = rng.below(input.len());
                let len = 1 + rng.below(16);
                let chunk: Vec<u8> = input[from..(from + len).min(input.len())].to_vec();
                input.splice(at..at, chunk);
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let len = 1 + rng.below(32);
                    input.splice(at..at, other[from..(from + len).min(other.len())].to_vec());
                }
            }
            _ if !input.is_empty() => {
                // A digit nudged: counts, list indexes and timestamps move by one.
                let i = rng.below(input.len());
                if input[i].is_ascii_digit() {
                    input[i] = if input[i] == b'9' { b'0' } else { input[i] + 1 };
                }
            }
            _ => {}
        }
    }
}

fn read_dir(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read(e.path()).ok().map(|b| (e.path(), b)))
        .collect();
    files.sort();
    files
}

/// Runs `body` on `input`; the panic message when an invariant broke.
fn run_one(body: Body, input: &[u8]) -> Result<usize, String> {
    catch_unwind(AssertUnwindSafe(|| body(input))).map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    })
}

fn save_crash(root: &Path, target: &str, input: &[u8]) -> PathBuf {
    // FNV-1a names the input by its content, as libFuzzer names its crash files.
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    let dir = root.join("artifacts").join(target);
    let path = dir.join(format!("crash-{hash:016x}"));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(&path, input);
    path
}

/// One target: its seeds, then mutations until `budget` has passed. Errors name what failed.
fn replay(root: &Path, target: &str, body: Body, budget: Duration) -> Result<(), String> {
    let seeds = read_dir(&root.join("seeds").join(target));
    if seeds.is_empty() {
        return Err(format!("no seeds in fuzz/seeds/{target}/"));
    }
    for (path, input) in &seeds {
        match run_one(body, input) {
            Ok(0) => {
                return Err(format!(
                    "seed {} no longer reaches the invariant (refused before it): refresh the seed",
                    path.display()
                ));
            }
            Ok(_) => {}
            Err(why) => return Err(format!("seed {}: {why}", path.display())),
        }
    }
    let corpus = read_dir(&root.join("corpus").join(target));
    for (path, input) in &corpus {
        run_one(body, input).map_err(|why| format!("corpus {}: {why}", path.display()))?;
    }
    let pool: Vec<Vec<u8>> = seeds.into_iter().chain(corpus).map(|(_, b)| b).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ target.len() as u64);
    let (started, mut runs, mut reached) = (Instant::now(), 0_u64, 0_u64);
    while started.elapsed() < budget {
        let mut input = pool[rng.below(pool.len())].clone();
        mutate(&mut rng, &pool, &mut input);
        match run_one(body, &input) {
            Ok(n) => reached += u64::from(n > 0),
            Err(why) => {
                let saved = save_crash(root, target, &input);
                return Err(format!("{why} (input saved as {})", saved.display()));
            }
        }
        runs += 1;
    }
    println!(
        "{target}: {} seeds reach the invariant; {runs} mutated inputs in {:.1} s, {reached} of them reached it",
        pool.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let secs: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // A broken invariant is reported once, by this runner, not also by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = Vec::new();
    for (target, body) in TARGETS {
        if let Err(e) = replay(root, target, *body, Duration::from_secs(secs)) {
            eprintln!("{target}: FAILED: {e}");
            failed.push(*target);
        }
    }
    if failed.is_empty() {
        println!(
            "fuzz replay: {} targets, no invariant broken",
            TARGETS.len()
        );
        ExitCode::SUCCESS
    } else {
        eprintln!("fuzz replay: failed: {}", failed.join(", "));
        ExitCode::FAILURE
    }
}
