//! Proxy overhead: the same DescribeNetworkInterfaces load (page of 50) at fixed concurrency,
//! direct to the simulator with the proxy's own signing client and through the proxy's
//! `/api/DescribeNetworkInterfaces`, in alternating rounds of one run.

use crate::report::{Budget, Figure, Part, save_part};
use crate::stats::Summary;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tether::cloud::{CloudClient, SignatureVersion, Target};
use tether::state::{AppState, Policy};
use tether_domain::api::{BackendInfo, CSRF_HEADER};
use tether_domain::{Action, DescribeNetworkInterfaces, Validated};
use tether_signer::Credentials;
use tether_sim::{SimConfig, Simulator, WorldSeed};

type Answer = <DescribeNetworkInterfaces as Action>::Response;

/// Client tasks in flight at once for throughput (saturates the machine).
pub const CONCURRENCY: usize = 8;
/// Callers for latency: one, so the figure is the proxy's own cost, not queueing for 2 cores.
pub const LATENCY_CONCURRENCY: usize = 1;
const ROUNDS: usize = 6;
const ROUND: Duration = Duration::from_secs(2);
const KEY: (&str, &str) = ("TETHERBENCHKEY", "tether-bench-secret");

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Direct,
    Proxy,
}

struct Rig {
    client: CloudClient,
    request: Validated<DescribeNetworkInterfaces>,
    http: reqwest::Client,
    proxy_url: String,
}

impl Rig {
    async fn once(&self, mode: Mode) -> Result<(), String> {
        match mode {
            Mode::Direct => self
                .client
                .send(&self.request)
                .await
                .0
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Mode::Proxy => {
                let resp = self
                    .http
                    .post(&self.proxy_url)
                    .header(CSRF_HEADER, "1")
                    .json(self.request.get())
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                if !resp.status().is_success() {
                    return Err(format!("proxy answered {}", resp.status()));
                }
                resp.json::<Answer>()
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// One round: `tasks` callers back to back for `ROUND`; latencies in µs and calls/s.
async fn round(rig: &Arc<Rig>, mode: Mode, callers: usize) -> Result<(Vec<f64>, f64), String> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..callers {
        let rig = rig.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while started.elapsed() < ROUND {
                let t = Instant::now();
                rig.once(mode).await?;
                lat.push(t.elapsed().as_secs_f64() * 1e6);
            }
            Ok::<_, String>(lat)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.map_err(|e| e.to_string())??);
    }
    let secs = started.elapsed().as_secs_f64();
    let rate = all.len() as f64 / secs;
    Ok((all, rate))
}

async fn rig() -> Result<Arc<Rig>, String> {
    let mut config = SimConfig::for_tests(vec![(KEY.0.into(), KEY.1.into())]);
    config.world = WorldSeed::Generated {
        enis: 1_000,
        instances: 100,
    };
    let sim = Simulator::new(config);
    let sim_addr = tether_sim::spawn(sim, "127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let target = Target::BaseUrl(format!("http://{sim_addr}"));
    let make_client = || {
        CloudClient::new(
            target.clone(),
            Credentials::new(KEY.0, KEY.1),
            SignatureVersion::V1,
        )
        .map_err(|e| e.to_string())
    };
    let backend = BackendInfo {
        kind: tether_domain::api::BackendKind::Endpoint,
        endpoint: target.display_host(),
    };
    let mut state = AppState::new(make_client()?, backend, Policy::default());
    // The bench is one user calling as fast as it can: no per-user read limit.
    state.read_limiter = Arc::new(tether::ratelimit::RateLimiter::new(u32::MAX));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let proxy_addr = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        // The binary's own listener loop, so its cost is part of what is measured.
        let limits = state.limits;
        tether::serve::serve(listener, tether::app(state), limits, std::future::pending()).await;
    });
    let mut request =
        DescribeNetworkInterfaces::region("cn-hangzhou".parse().map_err(|_| "region")?);
    request.max_results = Some(50);
    Ok(Arc::new(Rig {
        client: make_client()?,
        request: Validated::new(request).map_err(|e| format!("{e:?}"))?,
        http: reqwest::Client::new(),
        proxy_url: format!("http://{proxy_addr}/api/DescribeNetworkInterfaces"),
    }))
}

/// Runs the measurement and saves the part.
pub async fn run() -> Result<Part, String> {
    let rig = rig().await?;
    // Warm-up: connections, allocator, caches.
    round(&rig, Mode::Direct, CONCURRENCY).await?;
    round(&rig, Mode::Proxy, CONCURRENCY).await?;
    let (mut direct, mut proxied) = (Vec::new(), Vec::new());
    let (mut direct8, mut proxied8) = (Vec::new(), Vec::new());
    let (mut direct_rate, mut proxy_rate) = (Vec::new(), Vec::new());
    for n in 0..ROUNDS {
        // Alternating which goes first keeps any drift from favouring one mode.
        let order = if n % 2 == 0 {
            [Mode::Direct, Mode::Proxy]
        } else {
            [Mode::Proxy, Mode::Direct]
        };
        for mode in order {
            let (lat, _) = round(&rig, mode, LATENCY_CONCURRENCY).await?;
            let (lat8, rate) = round(&rig, mode, CONCURRENCY).await?;
            if mode == Mode::Direct {
                direct.extend(lat);
                direct8.extend(lat8);
                direct_rate.push(rate);
            } else {
                proxied.extend(lat);
                proxied8.extend(lat8);
                proxy_rate.push(rate);
            }
        }
    }
    let (d, p) = (Summary::of(&direct), Summary::of(&proxied));
    let (d8, p8) = (Summary::of(&direct8), Summary::of(&proxied8));
    let (dr, pr) = (Summary::of(&direct_rate), Summary::of(&proxy_rate));
    let added_p50 = (p.median - d.median) / 1_000.0;
    let added_p99 = (p.p99 - d.p99) / 1_000.0;
    let ratio = pr.median / dr.median;
    let mut part = Part {
        title: "Proxy overhead".into(),
        notes: vec![
            format!(
                "DescribeNetworkInterfaces MaxResults=50 in a 1 000-ENI world; {ROUNDS} rounds of {}s per mode and concurrency, modes alternating, after one warm-up round each. Latency budget at {LATENCY_CONCURRENCY} caller (the proxy's own cost); throughput, and the loaded latencies shown for reference, at {CONCURRENCY} callers back to back. Simulator, proxy and callers share this process and its {} cores.",
                ROUND.as_secs(),
                std::thread::available_parallelism().map_or(0, usize::from)
            ),
            "Direct: the proxy's own signing client (V1) to the simulator. Through the proxy: JSON POST to /api/DescribeNetworkInterfaces (auth none, no audit for reads), which validates, signs and forwards it, checks the answer is JSON (a mutation's: of its type) and forwards its bytes.".into(),
        ],
        ..Part::default()
    };
    part.figures = vec![
        Figure::new(
            "latency direct, p50, 1 caller",
            d.median / 1e3,
            d.iqr() / 1e3,
            "IQR",
            "ms",
        ),
        Figure::new(
            "latency through the proxy, p50, 1 caller",
            p.median / 1e3,
            p.iqr() / 1e3,
            "IQR",
            "ms",
        ),
        Figure::exact("latency direct, p99", d.p99 / 1e3, "ms"),
        Figure::exact("latency through the proxy, p99", p.p99 / 1e3, "ms"),
        Figure::exact("added latency, p50", added_p50, "ms"),
        Figure::exact("added latency, p99", added_p99, "ms"),
        Figure::new(
            &format!("latency direct, p50, {CONCURRENCY} callers"),
            d8.median / 1e3,
            d8.iqr() / 1e3,
            "IQR",
            "ms",
        ),
        Figure::new(
            &format!("latency through the proxy, p50, {CONCURRENCY} callers"),
            p8.median / 1e3,
            p8.iqr() / 1e3,
            "IQR",
            "ms",
        ),
        Figure::new(
            &format!("throughput direct, {CONCURRENCY} callers"),
            dr.median,
            dr.iqr(),
            "IQR",
            "calls/s",
        ),
        Figure::new(
            &format!("throughput through the proxy, {CONCURRENCY} callers"),
            pr.median,
            pr.iqr(),
            "IQR",
            "calls/s",
        ),
    ];
    part.budgets = vec![
        Budget::new(
            "added latency p50",
            "≤ 0.5 ms",
            format!("{added_p50:.3} ms"),
            added_p50 <= 0.5,
        ),
        Budget::new(
            "throughput through the proxy vs direct",
            "≥ 70%",
            format!("{:.0}%", ratio * 100.0),
            ratio >= 0.7,
        ),
    ];
    save_part("proxy_overhead", &part)?;
    Ok(part)
}
