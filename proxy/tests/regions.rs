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
    // The web instance lives in cn-hangzhou: looked up in cn-shanghai, it is not found there.
    let (status, body) = common::call(
        &s.app,
        "StopInstance",
        json!({"InstanceId": ids.web_instance}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["Code"], "InvalidInstanceId.NotFound", "{body}");
    let (status, body) = common::call(
        &s.app,
        "DescribeInstances",
        json!({"RegionId": "cn-hangzhou"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let stats = s.sim.stats().by_action;
    assert_eq!(
        stats.get("StopInstance"),
        None,
        "an instance elsewhere is not acted on"
    );
    assert_eq!(
        stats.get("DescribeInstances"),
        Some(&1),
        "it was looked up in cn-shanghai"
    );
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

#[tokio::test]
async fn the_audit_records_the_region_the_call_was_sent_to() {
    let mut s = common::setup_with(only(&["cn-shanghai"]), SignatureVersion::V1).await;
    let path = std::env::temp_dir().join(format!("tether-region-audit-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let audit = std::sync::Arc::new(tether::audit::AuditLog::open(&path).unwrap());
    s.state.audit = Some(audit.clone());
    let app = tether::app(s.state.clone());
    let ids = tether_sim::demo_ids();
    let _ = common::call(
        &app,
        "StopInstance",
        json!({"InstanceId": ids.web_instance}),
    )
    .await;
    let records = audit
        .query(&tether::audit::AuditFilter::default(), 10)
        .await
        .unwrap();
    let stop = records
        .iter()
        .find(|r| r.action == "StopInstance")
        .expect("recorded");
    assert_eq!(stop.region, "cn-shanghai", "{stop:?}");
    let _ = std::fs::remove_file(&path);
}
