//! `tether-bench soak`: the release `tether-sim` and `tether` binaries as processes, the
//! simulator injecting ~10% Throttling/ServiceUnavailable/OperationConflict plus latency jitter,
//! concurrent clients doing a mix of creates (with ClientTokens), attaches, detaches, deletes
//! and describes through the proxy. Phase 1 checks memory; phase 2 SIGKILLs the proxy mid-run
//! and restarts it on the same data directory; phase 3 SIGKILLs the simulator mid-run and
//! restarts it on its state file (`--state`). Then every acknowledged mutation is checked
//! against the restarted simulator's snapshot and the audit trail.
//!
//! A soak that checked nothing must not pass: an operation counts toward its phase only when
//! the system answered it (an outage is waited out, up to `STALL`), each phase needs a floor of
//! acknowledged mutations (in phases 2–3, after the restarted process answered) and of checks
//! made on them, a panicking client, an unreadable memory figure and an answer without an error
//! code are failures.

use crate::report::rss_bytes;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tether::audit::{AuditFilter, AuditLog};
use tether_domain::api::CSRF_HEADER;
use tether_sim::control::SECRET_HEADER;

mod checks;
mod procs;

use checks::*;
use procs::*;

const KEY: (&str, &str) = ("TETHERSOAKKEY", "tether-soak-secret-0123456789");
const REGION: &str = "cn-hangzhou";
const WORKERS: usize = 16;
/// Allowed growth of the proxy's RSS between 10% and 100% of phase 1.
const FLAT: f64 = 0.20;
/// A phase ends early when nothing has been answered for this long (a restart that never serves).
const STALL: Duration = Duration::from_secs(30);
/// Each phase must acknowledge, and have checked, at least one mutation per this many of its operations.
const FLOOR_PER: usize = 20;
/// Codes that mean the system could not answer yet: the cloud is down, or the restarted proxy
/// has a new sign-in link the soak has not opened yet. An outage, not an answer.
const OUTAGE_CODES: &[&str] = &[
    "Tether.UpstreamUnreachable",
    "Tether.UpstreamTimeout",
    "Tether.SignInLinkNeeded",
];

/// What one call came back with.
enum Outcome {
    Ok(Value),
    Failed {
        code: String,
    },
    /// A complete answer that is not a success and carries no error code (or is not JSON).
    NoCode(String),
    Interrupted,
}

#[derive(Clone, PartialEq)]
enum Local {
    Available,
    Attached(String),
    Uncertain,
}

/// One acknowledged mutation.
#[derive(Clone)]
struct Ack {
    action: &'static str,
    eni: String,
    /// Made while `Ctx::counting` was set (phases 2–3: after the restarted process answered).
    counted: bool,
}

#[derive(Default)]
struct Tally {
    acks: Vec<Ack>,
    failures: BTreeMap<String, usize>,
    no_code: usize,
    no_code_sample: Option<String>,
    interrupted: usize,
    ok: usize,
    /// Calls the system answered (not interrupted, not an outage code).
    answered: usize,
    replay_mismatch: Vec<String>,
}

struct Ctx {
    http: reqwest::Client,
    proxy: String,
    v_switch: String,
    security_group: String,
    done: AtomicUsize,
    /// The cookie of the running proxy's sign-in link (`--auth none` with an endpoint needs it).
    cookie: Mutex<String>,
    /// Whether acknowledgements now count toward the phase's floor.
    counting: AtomicBool,
    started: Instant,
    /// Milliseconds after `started` of the last answered call.
    last_answer: AtomicU64,
}

impl Ctx {
    fn cookie(&self) -> String {
        self.cookie.lock().map(|c| c.clone()).unwrap_or_default()
    }

    fn since_start_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// Starts a phase's count. Called before the phase's killer is spawned, so the killer never
    /// sees the last phase's count and strikes at once.
    fn begin_phase(&self) {
        self.done.store(0, Ordering::SeqCst);
        self.last_answer
            .store(self.since_start_ms(), Ordering::SeqCst);
    }

    fn stalled(&self) -> bool {
        let last = self.last_answer.load(Ordering::SeqCst);
        self.since_start_ms().saturating_sub(last) > STALL.as_millis() as u64
    }
}

/// Until the running phase has done `ops` operations (or stalled).
async fn wait_done(ctx: &Ctx, ops: usize) {
    while ctx.done.load(Ordering::SeqCst) < ops && !ctx.stalled() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn call(ctx: &Ctx, action: &str, body: Value) -> Outcome {
    let sent = ctx
        .http
        .post(format!("{}/api/{action}", ctx.proxy))
        .header(CSRF_HEADER, "1")
        .header(reqwest::header::COOKIE, ctx.cookie())
        .json(&body)
        .send()
        .await;
    let Ok(resp) = sent else {
        return Outcome::Interrupted;
    };
    let status = resp.status();
    // A body cut off (the process killed mid-answer) is an interruption; a complete body that
    // is not JSON is an answer without a code, which the "with its code" check must see.
    let Ok(bytes) = resp.bytes().await else {
        return Outcome::Interrupted;
    };
    let shown = || {
        let text = String::from_utf8_lossy(&bytes);
        format!(
            "{action}: {status} {:?}",
            text.chars().take(120).collect::<String>()
        )
    };
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(value) if status.is_success() => Outcome::Ok(value),
        Ok(value) => match value["Code"].as_str() {
            Some(code) if !code.is_empty() => Outcome::Failed {
                code: code.to_owned(),
            },
            _ => Outcome::NoCode(shown()),
        },
        Err(_) => Outcome::NoCode(shown()),
    }
}

struct Worker {
    id: usize,
    phase: usize,
    rng: u64,
    instances: Vec<String>,
    enis: BTreeMap<String, Local>,
    deleted: BTreeSet<String>,
    seq: usize,
    tally: Tally,
}

impl Worker {
    fn roll(&mut self, n: usize) -> usize {
        // xorshift64: deterministic per worker, no dependency.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        (self.rng % n as u64) as usize
    }

    fn pick(&mut self, want: impl Fn(&Local) -> bool) -> Option<(String, Local)> {
        let found: Vec<(String, Local)> = self
            .enis
            .iter()
            .filter(|(_, l)| want(l))
            .map(|(k, l)| (k.clone(), l.clone()))
            .collect();
        if found.is_empty() {
            return None;
        }
        let i = self.roll(found.len());
        Some(found[i].clone())
    }

    fn note(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Ok(_) => self.tally.ok += 1,
            Outcome::NoCode(shown) => {
                self.tally.no_code += 1;
                self.tally
                    .no_code_sample
                    .get_or_insert_with(|| shown.clone());
            }
            Outcome::Failed { code } => *self.tally.failures.entry(code.clone()).or_default() += 1,
            Outcome::Interrupted => self.tally.interrupted += 1,
        }
        let outage = match outcome {
            Outcome::Interrupted => true,
            Outcome::Failed { code } => OUTAGE_CODES.contains(&code.as_str()),
            _ => false,
        };
        if !outage {
            self.tally.answered += 1;
        }
    }

    fn ack(&mut self, ctx: &Ctx, action: &'static str, eni: String) {
        let counted = ctx.counting.load(Ordering::SeqCst);
        self.tally.acks.push(Ack {
            action,
            eni,
            counted,
        });
    }

    async fn create(&mut self, ctx: &Ctx) {
        self.seq += 1;
        let token = format!("soak-{}-{}-{}", self.phase, self.id, self.seq);
        let body = json!({"RegionId": REGION, "VSwitchId": ctx.v_switch, "SecurityGroupId": ctx.security_group,
            "NetworkInterfaceName": token, "ClientToken": token});
        // An interrupted create is sent again with the same token until it has an answer: the
        // token must make the retry return the same ENI, never a second one.
        let mut outcome = call(ctx, "CreateNetworkInterface", body.clone()).await;
        for _ in 0..200 {
            if !matches!(outcome, Outcome::Interrupted) {
                break;
            }
            self.tally.interrupted += 1;
            tokio::time::sleep(Duration::from_millis(50)).await;
            outcome = call(ctx, "CreateNetworkInterface", body.clone()).await;
        }
        self.note(&outcome);
        let Outcome::Ok(v) = outcome else { return };
        let id = v["NetworkInterfaceId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        self.ack(ctx, "CreateNetworkInterface", id.clone());
        self.enis.insert(id.clone(), Local::Available);
        if self.roll(5) == 0 {
            let again = call(ctx, "CreateNetworkInterface", body).await;
            self.note(&again);
            if let Outcome::Ok(v) = again {
                let second = v["NetworkInterfaceId"].as_str().unwrap_or_default();
                if second != id {
                    self.tally
                        .replay_mismatch
                        .push(format!("{token}: {id} then {second}"));
                }
                self.ack(ctx, "CreateNetworkInterface", id);
            }
        }
    }

    async fn mutate(
        &mut self,
        ctx: &Ctx,
        action: &'static str,
        eni: String,
        body: Value,
        after: Option<Local>,
    ) {
        let outcome = call(ctx, action, body).await;
        self.note(&outcome);
        match outcome {
            Outcome::Ok(_) => {
                self.ack(ctx, action, eni.clone());
                match after {
                    Some(l) => {
                        self.enis.insert(eni, l);
                    }
                    None => {
                        self.enis.remove(&eni);
                        self.deleted.insert(eni);
                    }
                }
            }
            // The cloud may have done it before the answer was lost.
            Outcome::Interrupted => {
                self.enis.insert(eni, Local::Uncertain);
            }
            Outcome::Failed { code } if OUTAGE_CODES.contains(&code.as_str()) => {
                self.enis.insert(eni, Local::Uncertain);
            }
            Outcome::Failed { .. } | Outcome::NoCode(_) => {}
        }
    }

    async fn step(&mut self, ctx: &Ctx) {
        let dice = self.roll(100);
        let available = |l: &Local| *l == Local::Available;
        let attached = |l: &Local| matches!(l, Local::Attached(_));
        if dice < 25 {
            return self.create(ctx).await;
        }
        if dice < 45 {
            if let Some((eni, _)) = self.pick(available) {
                let i = self.roll(self.instances.len());
                let instance = self.instances[i].clone();
                let body =
                    json!({"RegionId": REGION, "NetworkInterfaceId": eni, "InstanceId": instance});
                return self
                    .mutate(
                        ctx,
                        "AttachNetworkInterface",
                        eni,
                        body,
                        Some(Local::Attached(instance)),
                    )
                    .await;
            }
        } else if dice < 60 {
            if let Some((eni, Local::Attached(instance))) = self.pick(attached) {
                let body =
                    json!({"RegionId": REGION, "NetworkInterfaceId": eni, "InstanceId": instance});
                return self
                    .mutate(
                        ctx,
                        "DetachNetworkInterface",
                        eni,
                        body,
                        Some(Local::Available),
                    )
                    .await;
            }
        } else if dice < 75
            && let Some((eni, _)) = self.pick(available)
        {
            let body = json!({"RegionId": REGION, "NetworkInterfaceId": eni});
            return self
                .mutate(ctx, "DeleteNetworkInterface", eni, body, None)
                .await;
        }
        let outcome = call(
            ctx,
            "DescribeNetworkInterfaces",
            json!({"RegionId": REGION, "MaxResults": 50}),
        )
        .await;
        self.note(&outcome);
    }
}

/// A finished phase: its workers with their tallies and models, and the panics of any that died.
struct Phase {
    workers: Vec<Worker>,
    panics: Vec<String>,
}

/// Runs `ops` answered operations over `WORKERS` workers (after `Ctx::begin_phase`).
async fn run_phase(ctx: &Arc<Ctx>, phase: usize, ops: usize, instances: &[String]) -> Phase {
    let mut tasks = Vec::new();
    for id in 0..WORKERS {
        let ctx = ctx.clone();
        let mine: Vec<String> = instances
            .iter()
            .skip(id)
            .step_by(WORKERS)
            .cloned()
            .collect();
        let mut w = Worker {
            id,
            phase,
            rng: 0x9E37_79B9_7F4A_7C15 ^ ((phase * 1000 + id + 1) as u64),
            instances: mine,
            enis: BTreeMap::new(),
            deleted: BTreeSet::new(),
            seq: 0,
            tally: Tally::default(),
        };
        tasks.push(tokio::spawn(async move {
            while ctx.done.load(Ordering::SeqCst) < ops && !ctx.stalled() {
                let answered = w.tally.answered;
                w.step(&ctx).await;
                if w.tally.answered > answered {
                    ctx.done.fetch_add(1, Ordering::SeqCst);
                    ctx.last_answer
                        .store(ctx.since_start_ms(), Ordering::SeqCst);
                } else {
                    // An outage: wait it out rather than spend the phase's operations on it.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
            w
        }));
    }
    let mut out = Phase {
        workers: Vec::new(),
        panics: Vec::new(),
    };
    for (id, t) in tasks.into_iter().enumerate() {
        match t.await {
            Ok(w) => out.workers.push(w),
            Err(e) => {
                let why = match e.try_into_panic() {
                    Ok(p) => p
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_default(),
                    Err(e) => e.to_string(),
                };
                out.panics.push(format!("phase {phase} worker {id}: {why}"));
            }
        }
    }
    out
}

fn summarise(phase: &str, workers: &[Worker], secs: f64) {
    let ok: usize = workers.iter().map(|w| w.tally.ok).sum();
    let interrupted: usize = workers.iter().map(|w| w.tally.interrupted).sum();
    let acks: usize = workers.iter().map(|w| w.tally.acks.len()).sum();
    let counted = counted_acks(workers);
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for w in workers {
        for (c, n) in &w.tally.failures {
            *codes.entry(c.clone()).or_default() += n;
        }
    }
    let failed: usize = codes.values().sum();
    println!(
        "{phase}: {ok} calls succeeded ({acks} acknowledged mutations, {counted} of them after any restart), {failed} failed with a code, {interrupted} interrupted, in {secs:.1}s"
    );
    println!("  failure codes seen by clients: {codes:?}");
}

async fn discover(ctx: &Ctx) -> Result<(String, String, Vec<String>), String> {
    let first = |v: &Value, set: &str, item: &str, key: &str| {
        v[set][item]
            .as_array()
            .and_then(|a| a.first())
            .and_then(|x| x[key].as_str())
            .map(str::to_owned)
    };
    let Outcome::Ok(vsw) = call(
        ctx,
        "DescribeVSwitches",
        json!({"RegionId": REGION, "PageSize": 50}),
    )
    .await
    else {
        return Err("DescribeVSwitches failed".into());
    };
    let v_switch = first(&vsw, "VSwitches", "VSwitch", "VSwitchId").ok_or("no vSwitch")?;
    let Outcome::Ok(sgs) = call(
        ctx,
        "DescribeSecurityGroups",
        json!({"RegionId": REGION, "PageSize": 50}),
    )
    .await
    else {
        return Err("DescribeSecurityGroups failed".into());
    };
    let sg = first(&sgs, "SecurityGroups", "SecurityGroup", "SecurityGroupId")
        .ok_or("no security group")?;
    let mut instances = Vec::new();
    for page in 1..=2 {
        let Outcome::Ok(v) = call(
            ctx,
            "DescribeInstances",
            json!({"RegionId": REGION, "PageSize": 100, "PageNumber": page}),
        )
        .await
        else {
            return Err("DescribeInstances failed".into());
        };
        if let Some(a) = v["Instances"]["Instance"].as_array() {
            instances.extend(
                a.iter()
                    .filter_map(|i| i["InstanceId"].as_str().map(str::to_owned)),
            );
        }
    }
    if instances.is_empty() {
        return Err("no instances".into());
    }
    Ok((v_switch, sg, instances))
}

/// Runs the soak on the binaries of `profile` (`release`, or `debug`); `Ok(true)` when every
/// check passed.
pub async fn run(ops: usize, profile: &str) -> Result<bool, String> {
    let data = std::env::temp_dir().join(format!("tether-soak-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let (sim_port, proxy_port) = (free_port()?, free_port()?);
    let sim_state = data.join("simulator.json");
    let sim = start_sim(profile, sim_port, &sim_state)?;
    let sim_url = format!("http://127.0.0.1:{sim_port}");
    let http = reqwest::Client::new();
    wait_ready(&http, &format!("{sim_url}/_sim/stats")).await?;
    let (mut proxy, cookie) = start_proxy(profile, proxy_port, sim_port, &data).await?;
    let proxy_url = format!("http://127.0.0.1:{proxy_port}");
    wait_ready(&http, &format!("{proxy_url}/healthz")).await?;
    let mut ctx = Ctx {
        http: http.clone(),
        proxy: proxy_url.clone(),
        v_switch: String::new(),
        security_group: String::new(),
        done: AtomicUsize::new(0),
        cookie: Mutex::new(cookie),
        counting: AtomicBool::new(true),
        started: Instant::now(),
        last_answer: AtomicU64::new(0),
    };
    let (v_switch, sg, instances) = discover(&ctx).await?;
    ctx.v_switch = v_switch;
    ctx.security_group = sg;
    let ctx = Arc::new(ctx);
    let faults = json!({"rules": [
        {"kind": "throttling", "probability": 0.04},
        {"kind": "service_unavailable", "probability": 0.03},
        {"kind": "operation_conflict", "probability": 0.03},
        {"kind": "latency", "min_ms": 0, "max_ms": 20, "probability": 0.3}
    ]});
    set_faults(&http, &sim_url, &faults).await?;
    println!("soak: {ops} operations, {WORKERS} clients, faults {faults}");

    // Phase 1: the proxy's memory at 10% and at 100% of the run.
    ctx.begin_phase();
    let pid = proxy.0.id().to_string();
    let watcher = {
        let (ctx, pid) = (ctx.clone(), pid.clone());
        tokio::spawn(async move {
            wait_done(&ctx, ops / 10).await;
            rss_bytes(&pid)
        })
    };
    let started = Instant::now();
    let phase1 = run_phase(&ctx, 1, ops, &instances).await;
    let rss_end = rss_bytes(&pid);
    let rss_10 = watcher.await.map_err(|e| e.to_string())?;
    summarise("phase 1", &phase1.workers, started.elapsed().as_secs_f64());

    // Phase 2: SIGKILL at half-way, restart on the same data directory and port. What is
    // acknowledged after the restarted proxy answers counts toward the phase's floor.
    let kill_ops = (ops / 3).max(100);
    ctx.begin_phase();
    ctx.counting.store(false, Ordering::SeqCst);
    let killer = {
        let (ctx, http) = (ctx.clone(), http.clone());
        let (data, profile, proxy_url) = (data.clone(), profile.to_owned(), proxy_url.clone());
        tokio::spawn(async move {
            wait_done(&ctx, kill_ops / 2).await;
            kill_hard(&mut proxy).await;
            let (proxy, cookie) = start_proxy(&profile, proxy_port, sim_port, &data).await?;
            wait_ready(&http, &format!("{proxy_url}/healthz")).await?;
            if let Ok(mut c) = ctx.cookie.lock() {
                *c = cookie;
            }
            ctx.counting.store(true, Ordering::SeqCst);
            Ok::<Proc, String>(proxy)
        })
    };
    let started = Instant::now();
    let phase2 = run_phase(&ctx, 2, kill_ops, &instances).await;
    let proxy = killer.await.map_err(|e| e.to_string())??;
    summarise(
        "phase 2 (SIGKILL and restart)",
        &phase2.workers,
        started.elapsed().as_secs_f64(),
    );

    // Phase 3: the simulator SIGKILLed at half-way and restarted on its state file (the fault
    // rules are not state: they are set again).
    ctx.begin_phase();
    ctx.counting.store(false, Ordering::SeqCst);
    let sim_killer = {
        let (ctx, http, faults) = (ctx.clone(), http.clone(), faults.clone());
        let (sim_url, sim_state) = (sim_url.clone(), sim_state.clone());
        let profile = profile.to_owned();
        let mut sim = sim;
        tokio::spawn(async move {
            wait_done(&ctx, kill_ops / 2).await;
            kill_hard(&mut sim).await;
            let sim = start_sim(&profile, sim_port, &sim_state)?;
            wait_ready(&http, &format!("{sim_url}/_sim/stats")).await?;
            set_faults(&http, &sim_url, &faults).await?;
            ctx.counting.store(true, Ordering::SeqCst);
            Ok::<Proc, String>(sim)
        })
    };
    let started = Instant::now();
    let phase3 = run_phase(&ctx, 3, kill_ops, &instances).await;
    let sim = sim_killer.await.map_err(|e| e.to_string())??;
    summarise(
        "phase 3 (simulator SIGKILL, restart on its state file)",
        &phase3.workers,
        started.elapsed().as_secs_f64(),
    );

    http.delete(format!("{sim_url}/_sim/faults"))
        .header(SECRET_HEADER, KEY.1)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| e.to_string())?;
    let snapshot: Value = http
        .get(format!("{sim_url}/_sim/snapshot"))
        .header(SECRET_HEADER, KEY.1)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    drop(proxy);
    drop(sim);

    let mut checks = Checks::default();
    check_tokens(&mut checks, &snapshot);
    let have = audited(&data.join("audit.db")).await?;
    for (n, (phase, budget)) in [(&phase1, ops), (&phase2, kill_ops), (&phase3, kill_ops)]
        .into_iter()
        .enumerate()
    {
        let n = n + 1;
        let before = checks.made();
        check_state(&mut checks, &phase.workers, &snapshot);
        check_audit(&mut checks, &phase.workers, &have);
        let made = checks.made() - before;
        let floor = (budget / FLOOR_PER).max(1);
        let counted = counted_acks(&phase.workers);
        checks.check(
            "each phase acknowledged its floor of mutations (phases 2–3: after the restart)",
            counted >= floor,
            || format!("phase {n}: {counted} acknowledged, floor {floor}"),
        );
        checks.check(
            "each phase had its floor of acknowledgements checked",
            made >= floor,
            || format!("phase {n}: {made} checks, floor {floor}"),
        );
        checks.check("no client panicked", phase.panics.is_empty(), || {
            phase.panics.join("; ")
        });
        for w in &phase.workers {
            checks.check(
                "every failure reached the client with its code",
                w.tally.no_code == 0,
                || {
                    format!(
                        "phase {n} worker {}: {} answers without a code, first {}",
                        w.id,
                        w.tally.no_code,
                        w.tally.no_code_sample.as_deref().unwrap_or_default()
                    )
                },
            );
        }
    }
    // A figure that cannot be read is a failure, never a 0 that makes the growth −100 %.
    let mib = |b: Option<u64>| {
        b.map_or("unreadable".to_owned(), |b| {
            format!("{:.1} MiB", b as f64 / 1048576.0)
        })
    };
    let rss = rss_10.zip(rss_end).filter(|(a, b)| *a > 0 && *b > 0);
    checks.check(
        "proxy memory figures read from /proc",
        rss.is_some(),
        || format!("{} at 10%, {} at 100%", mib(rss_10), mib(rss_end)),
    );
    let growth = rss.map(|(a, b)| b as f64 / a as f64 - 1.0);
    checks.check(
        "proxy memory flat across phase 1 (≤ 20% growth)",
        growth.is_some_and(|g| g <= FLAT),
        || format!("{} at 10%, {} at 100%", mib(rss_10), mib(rss_end)),
    );
    println!(
        "proxy RSS: {} at 10%, {} at 100% of phase 1 ({})",
        mib(rss_10),
        mib(rss_end),
        growth.map_or("growth unknown".to_owned(), |g| format!(
            "{:+.1}%",
            g * 100.0
        ))
    );
    let (mut passed, mut failed) = (0, 0);
    for (name, (p, f, details)) in &checks.0 {
        println!("{name}: {p} passed, {f} failed");
        for d in details {
            println!("    {d}");
        }
        passed += p;
        failed += f;
    }
    println!("soak: {passed} passed, {failed} failed");
    let _ = std::fs::remove_dir_all(&data);
    Ok(failed == 0)
}
