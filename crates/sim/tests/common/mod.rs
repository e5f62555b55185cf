//! Shared helpers: a simulator on the demo world, signed requests through `Router::oneshot`.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use tether_domain::ALL_ACTIONS;
use tether_signer::{Credentials, format_timestamp, v1, v3};
use tether_sim::{SimConfig, Simulator};
use tower::ServiceExt;

pub const KEY_ID: &str = "TETHERTESTKEY0001";
pub const SECRET: &str = "test-secret-abcdefghijklmnopqrstu";

pub fn creds() -> Credentials {
    Credentials::new(KEY_ID, SECRET)
}

pub fn config() -> SimConfig {
    SimConfig::for_tests(vec![(KEY_ID.into(), SECRET.into())])
}

pub fn sim() -> Simulator {
    Simulator::new(config())
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub fn now_ts() -> String {
    format_timestamp(now_secs())
}

pub fn nonce() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "nonce-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

pub fn version_of(action: &str) -> &'static str {
    ALL_ACTIONS
        .iter()
        .find(|(name, _, _)| *name == action)
        .map_or("2014-05-26", |(_, p, _)| p.version())
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Signed V1 params for `action` with `extra` parameters.
pub fn signed(
    method: &str,
    action: &str,
    extra: &[(&str, &str)],
    ts: &str,
) -> Vec<(String, String)> {
    let mut params = pairs(&[("Action", action), ("Version", version_of(action))]);
    params.extend(pairs(extra));
    v1::signed_params(method, params, &creds(), ts, &nonce())
}

pub async fn send(router: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let response = router.clone().oneshot(req).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if !status.is_success() || body.get("RequestId").is_some() {
        let rid = body["RequestId"].as_str().unwrap_or("");
        if !rid.is_empty() {
            assert_eq!(
                headers
                    .get("x-acs-request-id")
                    .and_then(|v| v.to_str().ok()),
                Some(rid)
            );
            assert_eq!(
                headers.get("content-type").and_then(|v| v.to_str().ok()),
                Some("application/json;charset=utf-8")
            );
        }
    }
    (status, body)
}

pub fn get_request(params: &[(String, String)]) -> Request<Body> {
    Request::get(format!("/?{}", v1::encode_query(params)))
        .header("host", "ecs.aliyuncs.com")
        .body(Body::empty())
        .expect("request")
}

/// A signed V1 GET.
pub async fn call(router: &Router, action: &str, extra: &[(&str, &str)]) -> (StatusCode, Value) {
    send(
        router,
        get_request(&signed("GET", action, extra, &now_ts())),
    )
    .await
}

/// A signed V1 GET that must succeed.
pub async fn ok(router: &Router, action: &str, extra: &[(&str, &str)]) -> Value {
    let (status, body) = call(router, action, extra).await;
    assert_eq!(status, StatusCode::OK, "{action} failed: {body}");
    assert!(
        body["RequestId"].as_str().is_some_and(|r| r.len() == 36),
        "{body}"
    );
    body
}

/// Asserts an Alibaba error answer.
pub fn assert_error(got: &(StatusCode, Value), status: u16, code: &str) {
    let (s, body) = got;
    assert_eq!(
        (s.as_u16(), body["Code"].as_str()),
        (status, Some(code)),
        "{body}"
    );
    assert!(
        body["RequestId"].as_str().is_some_and(|r| !r.is_empty()),
        "{body}"
    );
    assert!(
        body["Message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(body["HostId"].as_str().is_some(), "{body}");
}

/// A signed V3 POST with the SDK's extra headers and a host with a port.
pub fn v3_request(action: &str, query: &[(&str, &str)], body: &[u8]) -> Request<Body> {
    let query = pairs(query);
    let headers = v3::sign_headers(
        "POST",
        "127.0.0.1:9000",
        &query,
        body,
        action,
        version_of(action),
        &creds(),
        &now_ts(),
        &nonce(),
        &pairs(&[
            ("accept", "application/json"),
            (
                "user-agent",
                "AlibabaCloud (Linux; x86_64) Python/3.11 Core/0.3 TeaDSL/1",
            ),
            ("content-type", "application/x-www-form-urlencoded"),
        ]),
    );
    let mut builder = Request::post(format!("/?{}", v1::encode_query(&query)));
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    builder.body(Body::from(body.to_vec())).expect("request")
}

pub const HZ: &str = "cn-hangzhou";
