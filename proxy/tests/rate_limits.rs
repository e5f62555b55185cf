//! Reads are rate-limited per user apart from mutations, and `/readyz` (open to anyone) makes
//! at most one cloud call per cache period however often and however concurrently it is hit.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use std::sync::Arc;
use tether::ratelimit::RateLimiter;
use tower::ServiceExt;

#[tokio::test]
async fn reads_beyond_the_per_user_limit_are_throttled_and_mutations_keep_their_own_budget() {
    let mut s = common::setup().await;
    s.state.read_limiter = Arc::new(RateLimiter::new(3));
    let app = tether::app(s.state.clone());
    for _ in 0..3 {
        let (status, body) = common::call(&app, "DescribeRegions", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = common::call(&app, "DescribeRegions", json!({})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["Code"], "Throttling");
    let ids = tether_sim::demo_ids();
    let (status, body) = common::call(
        &app,
        "StopInstance",
        json!({"RegionId": "cn-hangzhou", "InstanceId": ids.web_instance}),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "mutations are counted apart: {body}"
    );
}

#[tokio::test]
async fn readyz_signs_one_cloud_call_for_a_burst_of_probes() {
    let s = common::setup().await;
    let probes = (0..20).map(|_| {
        let app = s.app.clone();
        tokio::spawn(async move {
            let req = Request::get("/readyz").body(Body::empty()).unwrap();
            app.oneshot(req).await.unwrap().status()
        })
    });
    for probe in probes {
        assert_eq!(probe.await.unwrap(), StatusCode::OK);
    }
    let calls = s.sim.stats().by_action.get("DescribeRegions").copied();
    assert_eq!(calls, Some(1), "one cloud call for twenty probes");
}
