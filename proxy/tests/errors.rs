//! Each error variant's status and body, and that invalid input never reaches the endpoint.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::json;
use tether::state::Policy;

#[tokio::test]
async fn unknown_field_is_refused_before_the_cloud_with_its_name() {
    let s = setup().await;
    let (status, body) = call(
        &s.app,
        "DescribeRegions",
        json!({"AcceptLanguage": "en-US", "Evil": "1"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["Code"], "InvalidParameter");
    assert_eq!(body["Fields"][0]["Field"], "Evil");
    assert_eq!(s.sim.request_count(), 0);
}

#[tokio::test]
async fn missing_required_parameter_is_missing_parameter() {
    let s = setup().await;
    let (status, body) = call(
        &s.app,
        "AttachNetworkInterface",
        json!({"RegionId": "cn-hangzhou", "InstanceId": "i-bp1abcd0001"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["Code"], "MissingParameter");
    assert!(
        body["Message"]
            .as_str()
            .unwrap()
            .contains("NetworkInterfaceId"),
        "{body}"
    );
    assert_eq!(s.sim.request_count(), 0);
}

#[tokio::test]
async fn malformed_id_is_invalid_parameter() {
    let s = setup().await;
    let (status, body) = call(
        &s.app,
        "DeleteNetworkInterface",
        json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "i-notaneni"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["Code"], "InvalidParameter");
    assert_eq!(s.sim.request_count(), 0);
}

#[tokio::test]
async fn field_rules_fail_with_every_field_and_message() {
    let s = setup().await;
    let body = json!({
        "RegionId": "cn-hangzhou", "VSwitchId": "vsw-bp1abcd0001",
        "NetworkInterfaceName": "1bad", "Description": "x"
    });
    let (status, body) = call(&s.app, "CreateNetworkInterface", body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The ENI tables' code for a bad name (they list no `...Malformed` one).
    assert_eq!(body["Code"], "InvalidParameter");
    let fields: Vec<&str> = body["Fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["Field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["NetworkInterfaceName", "Description", "SecurityGroupIds"]
    );
    assert_eq!(body["Fields"][0]["Message"], "Must start with a letter.");
    assert_eq!(
        s.sim.request_count(),
        0,
        "invalid input never reaches the endpoint"
    );
}

#[tokio::test]
async fn mutation_without_the_app_header_is_cross_origin() {
    let s = setup().await;
    let req = Request::post("/api/DeleteNetworkInterface")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "eni-bp1abcd0001"}).to_string(),
        ))
        .unwrap();
    let (status, body) = send(&s.app, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["Code"], "Tether.CrossOrigin");
    let req = Request::post("/api/DeleteNetworkInterface")
        .header("x-tether-request", "1")
        .header("host", "127.0.0.1:8080")
        .header("origin", "http://evil.example")
        .body(Body::from(
            json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "eni-bp1abcd0001"}).to_string(),
        ))
        .unwrap();
    assert_eq!(send(&s.app, req).await.0, StatusCode::FORBIDDEN);
    assert_eq!(s.sim.request_count(), 0);
}

#[tokio::test]
async fn actions_outside_the_allowlist_are_not_found() {
    let s = setup().await;
    let (status, body) = call(&s.app, "RunCommand", json!({"RegionId": "cn-hangzhou"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["Code"], "InvalidAction.NotFound");
    assert_eq!(s.sim.request_count(), 0);
}

#[tokio::test]
async fn regions_outside_the_policy_are_forbidden() {
    let s = setup_with(
        Policy {
            allowed_regions: vec!["cn-shanghai".into()],
            ..Policy::default()
        },
        tether::cloud::SignatureVersion::V1,
    )
    .await;
    let (status, body) = call(
        &s.app,
        "DescribeNetworkInterfaces",
        json!({"RegionId": "cn-hangzhou"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["Code"], "Tether.Forbidden");
    assert_eq!(s.sim.request_count(), 0);
}

#[tokio::test]
async fn upstream_errors_keep_status_code_and_request_id() {
    let s = setup().await;
    let (status, body) = call(
        &s.app,
        "DeleteNetworkInterface",
        json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "eni-bp1doesnotexist"}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["Code"], "InvalidEniId.NotFound");
    assert!(
        body["RequestId"].as_str().is_some_and(|r| !r.is_empty()),
        "{body}"
    );
    assert!(
        body["Recommend"]
            .as_str()
            .is_some_and(|r| r.starts_with("https://")),
        "{body}"
    );
}

/// A proxy (one attempt per call, no retries) in front of the endpoint at `addr`.
fn proxy_to(addr: &str) -> axum::Router {
    tether::app(common::state_to(addr))
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_502_without_internals() {
    let app = proxy_to("127.0.0.1:9");
    let (status, body) = call(&app, "DescribeRegions", json!({})).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert_eq!(body["Code"], "Tether.UpstreamUnreachable");
    assert!(!body.to_string().contains("Signature="), "{body}");
}

/// A proxy whose endpoint answers every call with `status` and `body`.
async fn proxy_to_canned(status: u16, body: &'static str) -> axum::Router {
    proxy_to(&common::canned_endpoint(status, body).await)
}

#[tokio::test]
async fn a_good_answer_is_forwarded_as_the_endpoint_sent_it() {
    // Field order and a field Tether does not model survive: the answer is checked, not rebuilt.
    const ANSWER: &str = r#"{"RequestId":"AB-1","Regions":{"Region":[{"RegionId":"cn-hangzhou","LocalName":"China (Hangzhou)","RegionEndpoint":"ecs.cn-hangzhou.aliyuncs.com","Status":"available"}]},"Unmodelled":1}"#;
    let app = proxy_to_canned(200, ANSWER).await;
    let req = Request::post("/api/DescribeRegions")
        .header("content-type", "application/json")
        .header("x-tether-request", "1")
        .body(Body::from("{}"))
        .unwrap();
    let response = tower::ServiceExt::oneshot(app, req).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    assert_eq!(std::str::from_utf8(&body).unwrap(), ANSWER);
}

#[tokio::test]
async fn a_2xx_answer_that_is_not_json_is_not_forwarded() {
    let app = proxy_to_canned(200, "<html>gateway page</html>").await;
    let (status, body) = call(&app, "DescribeRegions", json!({})).await;
    assert_ne!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Code"], "Tether.UpstreamInvalid", "{body}");
    assert!(!body.to_string().contains("gateway page"), "{body}");
}

#[tokio::test]
async fn a_mutations_2xx_answer_that_is_not_its_type_is_not_forwarded() {
    // A mutation's answer is parsed into its type before it is acknowledged (and audited).
    let app = proxy_to_canned(
        200,
        r#"{"RequestId":"r-1","NetworkInterfaceId":["not","an id"]}"#,
    )
    .await;
    let (status, body) = call(
        &app,
        "CreateNetworkInterface",
        json!({"RegionId": "cn-hangzhou", "VSwitchId": "vsw-bp1ug3yabs2uyk3hdg31", "SecurityGroupId": "sg-bp1z3geajvjslcyr9tya"}),
    )
    .await;
    assert_ne!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Code"], "Tether.UpstreamInvalid", "{body}");
    assert!(!body.to_string().contains("an id"), "{body}");
}

#[tokio::test]
async fn a_reads_answer_of_another_shape_is_forwarded_for_the_app_to_check() {
    // Reads are checked for JSON only; the app parses them into the same type (and shows
    // Tether.Decode when it cannot), so the proxy does not parse a second time.
    let app = proxy_to_canned(200, r#"{"Regions":"not a list"}"#).await;
    let (status, body) = call(&app, "DescribeRegions", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Regions"], "not a list");
}

#[tokio::test]
async fn the_string_to_sign_and_the_access_key_id_never_reach_the_browser() {
    // Alibaba's SignatureDoesNotMatch quotes the server's string to sign, AccessKeyId included.
    let app = proxy_to_canned(
        400,
        r#"{"RequestId":"R-1","HostId":"ecs.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DTESTKEYPROXY01%26Action%3DDescribeRegions","Recommend":"https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&ak=TESTKEYPROXY01"}"#,
    )
    .await;
    let (status, body) = call(&app, "DescribeRegions", json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["Code"], "SignatureDoesNotMatch");
    let text = body.to_string();
    for leak in [KEY_ID, "AccessKeyId%3D", "POST&%2F"] {
        assert!(!text.contains(leak), "{leak} reached the browser: {text}");
    }
}
