//! Simulator scale: one DescribeNetworkInterfaces page of 50 in generated worlds of 1 000,
//! 10 000 and 100 000 ENIs, through the simulator's router in-process (so the figure is the
//! simulator's own cost: signature check, paging, JSON), and memory per ENI.

use crate::report::{Budget, Figure, Part, rss_bytes, save_part};
use crate::stats::Summary;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use std::time::Instant;
use tether_domain::{Action, DescribeNetworkInterfaces, RegionId};
use tether_signer::{Credentials, format_timestamp, v1};
use tether_sim::{SimConfig, Simulator, WorldSeed};
use tower::ServiceExt;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const ROUNDS: usize = 20;
const PER_ROUND: usize = 100;
const KEY: (&str, &str) = ("TETHERBENCHKEY", "tether-bench-secret");

/// A signed `POST /?...` for one page of 50, with a fresh nonce.
pub fn signed_describe(region: &RegionId, n: usize) -> Request<Body> {
    let mut req = DescribeNetworkInterfaces::region(region.clone());
    req.max_results = Some(50);
    let mut params: Vec<(String, String)> = req.to_params().into_iter().collect();
    params.push(("Action".into(), DescribeNetworkInterfaces::NAME.into()));
    params.push((
        "Version".into(),
        DescribeNetworkInterfaces::PRODUCT.version().into(),
    ));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let signed = v1::signed_params(
        "POST",
        params,
        &Credentials::new(KEY.0, KEY.1),
        &format_timestamp(now),
        &format!("bench-{n}-{}", std::process::id()),
    );
    Request::post(format!("/?{}", v1::encode_query(&signed)))
        .body(Body::empty())
        .unwrap_or_default()
}

fn simulator(enis: usize) -> Simulator {
    let mut config = SimConfig::for_tests(vec![(KEY.0.into(), KEY.1.into())]);
    config.world = WorldSeed::Generated { enis, instances: 0 };
    Simulator::new(config)
}

async fn one_page(
    router: &axum::Router,
    region: &RegionId,
    n: usize,
) -> Result<(f64, usize), String> {
    let req = signed_describe(region, n);
    let started = Instant::now();
    let resp = router
        .clone()
        .oneshot(req)
        .await
        .map_err(|e| e.to_string())?;
    let status = resp.status();
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    let elapsed = started.elapsed().as_secs_f64() * 1e6;
    if !status.is_success() {
        return Err(format!("{status}: {}", String::from_utf8_lossy(&body)));
    }
    Ok((elapsed, body.len()))
}

/// Runs the measurement and saves the part.
pub async fn run() -> Result<Part, String> {
    let region: RegionId = "cn-hangzhou".parse().map_err(|_| "region id")?;
    let mut worlds = Vec::new();
    let mut memory = Vec::new();
    for &size in &SIZES {
        // Worlds are kept alive so each delta is fresh memory, not reused free lists.
        let before = rss_bytes("self").unwrap_or(0);
        let sim = simulator(size);
        let after = rss_bytes("self").unwrap_or(0);
        memory.push((size, after.saturating_sub(before) as f64 / size as f64));
        worlds.push((size, sim.router()));
    }
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); SIZES.len()];
    let mut counter = 0;
    let mut body_len = vec![0; SIZES.len()];
    for round in 0..ROUNDS {
        // Sizes interleave round by round, so drift (turbo, other load) hits them alike.
        for (i, (_, router)) in worlds.iter().enumerate() {
            for _ in 0..PER_ROUND {
                counter += 1;
                let (micros, len) = one_page(router, &region, counter).await?;
                body_len[i] = len;
                if round > 0 {
                    samples[i].push(micros);
                }
            }
        }
    }
    let summaries: Vec<Summary> = samples.iter().map(|s| Summary::of(s)).collect();
    let mut part = Part {
        title: "Simulator scale".into(),
        notes: vec![
            format!(
                "DescribeNetworkInterfaces, MaxResults=50, cn-hangzhou, V1-signed POST through the simulator's axum router in-process (`oneshot`), response body collected; {} rounds × {PER_ROUND} calls per world, sizes interleaved, first round discarded as warm-up.",
                ROUNDS
            ),
            "Memory per ENI: growth of this process's RSS while the world is generated (ENIs only, no instances), divided by the ENI count.".into(),
        ],
        ..Part::default()
    };
    for ((size, s), len) in SIZES.iter().zip(&summaries).zip(&body_len) {
        part.figures.push(Figure::new(
            &format!("page of 50, world of {size} ENIs ({len} B body)"),
            s.median,
            s.iqr(),
            "IQR",
            "µs",
        ));
    }
    for (size, per) in &memory {
        part.figures.push(Figure::exact(
            &format!("memory per ENI (world of {size})"),
            *per,
            "B",
        ));
    }
    let ratio = summaries[2].median / summaries[0].median;
    part.budgets.push(Budget::new(
        "page of 50: 100 000-ENI world vs 1 000-ENI world",
        "≤ 1.5×",
        format!("{ratio:.2}×"),
        ratio <= 1.5,
    ));
    save_part("sim_scale", &part)?;
    Ok(part)
}
