//! `tether-bench soak`: the release `tether-sim` and `tether` binaries as processes, the
//! simulator injecting ~10% Throttling/ServiceUnavailable/OperationConflict plus latency jitter,
//! concurrent clients doing a mix of creates (with ClientTokens), attaches, detaches, deletes
//! and describes through the proxy. Phase 1 checks memory; phase 2 SIGKILLs the proxy mid-run
//! and restarts it on the same data directory; phase 3 SIGKILLs the simulator mid-run and
//! restarts it on its state file (`--state`). Then every acknowledged mutation is checked
//! against the restarted simulator's snapshot and the audit trail.

use crate::report::rss_bytes;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tether::audit::{AuditFilter, AuditLog};
use tether_domain::api::CSRF_HEADER;
use tether_sim::control::SECRET_HEADER;

const KEY: (&str, &str) = ("TETHERSOAKKEY", "tether-soak-secret-0123456789");
const REGION: &str = "cn-hangzhou";
const WORKERS: usize = 16;
/// Allowed growth of the proxy's RSS between 10% and 100% of phase 1.
const FLAT: f64 = 0.20;

/// What one call came back with.
enum Outcome {
    Ok(Value),
    Failed { code: String },
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
}

#[derive(Default)]
struct Tally {
    acks: Vec<Ack>,
    failures: BTreeMap<String, usize>,
    no_code: usize,
    interrupted: usize,
    ok: usize,
    replay_mismatch: Vec<String>,
}

struct Ctx {
    http: reqwest::Client,
    proxy: String,
    v_switch: String,
    security_group: String,
    done: AtomicUsize,
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn binary(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/release")
        .join(name)
}

fn start_sim(port: u16, state: &Path) -> Result<Child, String> {
    Command::new(binary("tether-sim"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--access-key", &format!("{}:{}", KEY.0, KEY.1)])
        .args(["--speed", "instant", "--world", "generated:400:200"])
        .arg("--state")
        .arg(state)
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting tether-sim (cargo build --release -p tether-sim): {e}"))
}

fn start_proxy(port: u16, sim_port: u16, data: &Path) -> Result<Child, String> {
    Command::new(binary("tether"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--endpoint", &format!("http://127.0.0.1:{sim_port}")])
        .args(["--access-key-id", KEY.0, "--auth", "none"])
        .args(["--mutations-per-minute", "10000000"])
        .args(["--reads-per-minute", "10000000"])
        .arg("--data-dir")
        .arg(data)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", KEY.1)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting tether (cargo build --release -p tether): {e}"))
}

/// Until the running phase has done `ops` operations.
async fn wait_done(ctx: &Ctx, ops: usize) {
    while ctx.done.load(Ordering::SeqCst) < ops {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// SIGKILL, then a moment for the OS to free the port before a restart on it.
async fn kill_hard(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
    tokio::time::sleep(Duration::from_millis(300)).await;
}

async fn set_faults(http: &reqwest::Client, sim_url: &str, faults: &Value) -> Result<(), String> {
    http.post(format!("{sim_url}/_sim/faults"))
        .header(SECRET_HEADER, KEY.1)
        .json(faults)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| e.to_string())?;
    Ok(())
}

async fn wait_ready(http: &reqwest::Client, url: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while http.get(url).send().await.is_err() {
        if Instant::now() > deadline {
            return Err(format!("{url} never answered"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

async fn call(ctx: &Ctx, action: &str, body: Value) -> Outcome {
    let sent = ctx
        .http
        .post(format!("{}/api/{action}", ctx.proxy))
        .header(CSRF_HEADER, "1")
        .json(&body)
        .send()
        .await;
    let Ok(resp) = sent else {
        return Outcome::Interrupted;
    };
    let status = resp.status();
    let Ok(value) = resp.json::<Value>().await else {
        return Outcome::Interrupted;
    };
    if status.is_success() {
        Outcome::Ok(value)
    } else {
        let code = value["Code"].as_str().unwrap_or_default().to_owned();
        Outcome::Failed { code }
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
            Outcome::Failed { code } if code.is_empty() => self.tally.no_code += 1,
            Outcome::Failed { code } => *self.tally.failures.entry(code.clone()).or_default() += 1,
            Outcome::Interrupted => self.tally.interrupted += 1,
        }
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
        self.tally.acks.push(Ack {
            action: "CreateNetworkInterface",
            eni: id.clone(),
        });
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
                self.tally.acks.push(Ack {
                    action: "CreateNetworkInterface",
                    eni: id,
                });
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
                self.tally.acks.push(Ack {
                    action,
                    eni: eni.clone(),
                });
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
            Outcome::Interrupted => {
                self.enis.insert(eni, Local::Uncertain);
            }
            Outcome::Failed { .. } => {}
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

/// Runs `ops` operations over `WORKERS` workers; returns them with their tallies and models.
async fn run_phase(ctx: &Arc<Ctx>, phase: usize, ops: usize, instances: &[String]) -> Vec<Worker> {
    ctx.done.store(0, Ordering::SeqCst);
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
            while ctx.done.fetch_add(1, Ordering::SeqCst) < ops {
                w.step(&ctx).await;
                if w.tally.interrupted > 0 && w.tally.interrupted.is_multiple_of(20) {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
            w
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        if let Ok(w) = t.await {
            out.push(w);
        }
    }
    out
}

/// pass/fail counts per check.
#[derive(Default)]
struct Checks(BTreeMap<&'static str, (usize, usize, Vec<String>)>);

impl Checks {
    fn check(&mut self, name: &'static str, ok: bool, detail: impl FnOnce() -> String) {
        let e = self.0.entry(name).or_default();
        if ok {
            e.0 += 1;
        } else {
            e.1 += 1;
            if e.2.len() < 5 {
                e.2.push(detail());
            }
        }
    }
}

fn check_state(checks: &mut Checks, workers: &[Worker], snapshot: &Value) {
    let enis = &snapshot["regions"][REGION]["enis"];
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    if let Some(map) = enis.as_object() {
        for e in map.values() {
            let name = e["NetworkInterfaceName"].as_str().unwrap_or_default();
            if name.starts_with("soak-") {
                *by_name.entry(name.to_owned()).or_default() += 1;
            }
        }
    }
    for (name, n) in &by_name {
        checks.check(
            "no resource created twice (one ENI per ClientToken)",
            *n == 1,
            || format!("{name}: {n} ENIs"),
        );
    }
    for w in workers {
        for m in &w.tally.replay_mismatch {
            checks.check(
                "no resource created twice (one ENI per ClientToken)",
                false,
                || m.clone(),
            );
        }
        for id in &w.deleted {
            checks.check(
                "acknowledged delete is gone",
                enis.get(id).is_none(),
                || id.clone(),
            );
        }
        for (id, local) in &w.enis {
            let e = &enis[id];
            let status = e["Status"].as_str().unwrap_or_default();
            let on = e["InstanceId"].as_str().unwrap_or_default();
            match local {
                Local::Uncertain => {}
                Local::Available => checks.check(
                    "acknowledged create/detach is in the simulator",
                    !e.is_null() && on.is_empty() && matches!(status, "Available" | "Detaching"),
                    || format!("{id}: expected Available, found {status:?} on {on:?}"),
                ),
                Local::Attached(i) => checks.check(
                    "acknowledged attach is in the simulator",
                    on == i && matches!(status, "InUse" | "Attaching"),
                    || format!("{id}: expected on {i}, found {status:?} on {on:?}"),
                ),
            }
        }
    }
}

fn check_audit(checks: &mut Checks, workers: &[Worker], db: &Path) -> Result<(), String> {
    let audit = AuditLog::open(db)?;
    let records = audit.query(
        &AuditFilter {
            outcome: Some("ok".into()),
            ..AuditFilter::default()
        },
        u32::MAX,
    )?;
    let mut have: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &records {
        for id in r
            .resources
            .split([',', ' '])
            .filter(|s| s.starts_with("eni-"))
        {
            *have.entry((r.action.clone(), id.to_owned())).or_default() += 1;
        }
    }
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for w in workers {
        for a in &w.tally.acks {
            *want
                .entry((a.action.to_owned(), a.eni.clone()))
                .or_default() += 1;
        }
    }
    for (key, n) in &want {
        let got = have.get(key).copied().unwrap_or(0);
        checks.check(
            "acknowledged mutation is in the audit trail",
            got >= *n,
            || format!("{} {}: acknowledged {n}, audited {got}", key.0, key.1),
        );
    }
    Ok(())
}

fn summarise(phase: &str, workers: &[Worker], secs: f64) {
    let ok: usize = workers.iter().map(|w| w.tally.ok).sum();
    let interrupted: usize = workers.iter().map(|w| w.tally.interrupted).sum();
    let acks: usize = workers.iter().map(|w| w.tally.acks.len()).sum();
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for w in workers {
        for (c, n) in &w.tally.failures {
            *codes.entry(c.clone()).or_default() += n;
        }
    }
    let failed: usize = codes.values().sum();
    println!(
        "{phase}: {ok} calls succeeded ({acks} acknowledged mutations), {failed} failed with a code, {interrupted} interrupted, in {secs:.1}s"
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

/// Runs the soak; `Ok(true)` when every check passed.
pub async fn run(ops: usize) -> Result<bool, String> {
    let data = std::env::temp_dir().join(format!("tether-soak-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let (sim_port, proxy_port) = (free_port()?, free_port()?);
    let sim_state = data.join("simulator.json");
    let sim = start_sim(sim_port, &sim_state)?;
    let sim_url = format!("http://127.0.0.1:{sim_port}");
    let http = reqwest::Client::new();
    wait_ready(&http, &format!("{sim_url}/_sim/stats")).await?;
    let mut proxy = start_proxy(proxy_port, sim_port, &data)?;
    let proxy_url = format!("http://127.0.0.1:{proxy_port}");
    wait_ready(&http, &format!("{proxy_url}/healthz")).await?;
    let mut ctx = Ctx {
        http: http.clone(),
        proxy: proxy_url.clone(),
        v_switch: String::new(),
        security_group: String::new(),
        done: AtomicUsize::new(0),
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
    let pid = proxy.id().to_string();
    let watcher = {
        let (ctx, pid) = (ctx.clone(), pid.clone());
        tokio::spawn(async move {
            wait_done(&ctx, ops / 10).await;
            rss_bytes(&pid).unwrap_or(0)
        })
    };
    let started = Instant::now();
    let phase1 = run_phase(&ctx, 1, ops, &instances).await;
    let rss_end = rss_bytes(&pid).unwrap_or(0);
    let rss_10 = watcher.await.map_err(|e| e.to_string())?;
    summarise("phase 1", &phase1, started.elapsed().as_secs_f64());

    // Phase 2: SIGKILL at half-way, restart on the same data directory and port.
    let kill_ops = (ops / 3).max(100);
    let killer = {
        let ctx = ctx.clone();
        let data = data.clone();
        tokio::spawn(async move {
            wait_done(&ctx, kill_ops / 2).await;
            kill_hard(&mut proxy).await;
            start_proxy(proxy_port, sim_port, &data)
        })
    };
    let started = Instant::now();
    let phase2 = run_phase(&ctx, 2, kill_ops, &instances).await;
    let mut proxy = killer.await.map_err(|e| e.to_string())??;
    summarise(
        "phase 2 (SIGKILL and restart)",
        &phase2,
        started.elapsed().as_secs_f64(),
    );

    // Phase 3: the simulator SIGKILLed at half-way and restarted on its state file (the fault
    // rules are not state: they are set again).
    let sim_killer = {
        let (ctx, http, faults) = (ctx.clone(), http.clone(), faults.clone());
        let (sim_url, sim_state) = (sim_url.clone(), sim_state.clone());
        let mut sim = sim;
        tokio::spawn(async move {
            wait_done(&ctx, kill_ops / 2).await;
            kill_hard(&mut sim).await;
            let sim = start_sim(sim_port, &sim_state)?;
            wait_ready(&http, &format!("{sim_url}/_sim/stats")).await?;
            set_faults(&http, &sim_url, &faults).await?;
            Ok::<Child, String>(sim)
        })
    };
    let started = Instant::now();
    let phase3 = run_phase(&ctx, 3, kill_ops, &instances).await;
    let mut sim = sim_killer.await.map_err(|e| e.to_string())??;
    summarise(
        "phase 3 (simulator SIGKILL, restart on its state file)",
        &phase3,
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
    let _ = proxy.kill();
    let _ = proxy.wait();
    let _ = sim.kill();
    let _ = sim.wait();

    let all: Vec<Worker> = phase1.into_iter().chain(phase2).chain(phase3).collect();
    let mut checks = Checks::default();
    check_state(&mut checks, &all, &snapshot);
    check_audit(&mut checks, &all, &data.join("audit.db"))?;
    for w in &all {
        checks.check(
            "every failure reached the client with its code",
            w.tally.no_code == 0,
            || {
                format!(
                    "worker {}: {} failures without a code",
                    w.id, w.tally.no_code
                )
            },
        );
    }
    let growth = rss_end as f64 / rss_10.max(1) as f64 - 1.0;
    checks.check(
        "proxy memory flat across phase 1 (≤ 20% growth)",
        growth <= FLAT,
        || {
            format!(
                "{:.1} MiB at 10%, {:.1} MiB at 100%",
                rss_10 as f64 / 1048576.0,
                rss_end as f64 / 1048576.0
            )
        },
    );
    println!(
        "proxy RSS: {:.1} MiB at 10%, {:.1} MiB at 100% of phase 1 ({:+.1}%)",
        rss_10 as f64 / 1048576.0,
        rss_end as f64 / 1048576.0,
        growth * 100.0
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
