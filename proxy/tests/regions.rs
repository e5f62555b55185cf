//! The region allowlist holds for actions whose RegionId is optional: with one allowed region
//! an omitted RegionId is filled in (the call goes to that region, not the endpoint's default),
//! with several it is refused before anything is sent.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::http::StatusCode;
use serde_json::json;
use tether::cloud::SignatureVersion;
use tether::state::Policy;

fn only(regions: &[&str]) -> Policy {
    Policy {
        allowed_regions: regions.iter().map(|r| (*r).to_owned()).collect(),
        ..Policy::default()
    }
}

#[tokio::test]
async fn a_call_without_region_goes_to_the_one_allowed_region() {
    let s = common::setup_with(only(&["cn-shanghai"]), SignatureVersion::V1).await;
    let ids = tether_sim::demo_ids();
    // The web instance lives in cn-hangzhou: sent to cn-shanghai, it is not found there.
    let (status, body) = common::call(
        &s.app,
        "StopInstance",
        json!({"InstanceId": ids.web_instance}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = common::call(
        &s.app,
        "DescribeInstances",
        json!({"RegionId": "cn-hangzhou"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let running = s.sim.stats().by_action.get("StopInstance").copied();
    assert_eq!(running, Some(1), "the filled-in call was sent once");
}

#[tokio::test]
async fn a_call_without_region_is_refused_when_several_are_allowed() {
    let s = common::setup_with(only(&["cn-hangzhou", "cn-shanghai"]), SignatureVersion::V1).await;
    let ids = tether_sim::demo_ids();
    for action in [
        "StartInstance",
        "StopInstance",
        "RebootInstance",
        "DeleteInstance",
    ] {
        let (status, body) =
            common::call(&s.app, action, json!({"InstanceId": ids.web_instance})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{action}: {body}");
        assert!(
            body["Message"].as_str().unwrap().contains("RegionId"),
            "{body}"
        );
    }
    assert_eq!(s.sim.request_count(), 0, "nothing reached the endpoint");
}
