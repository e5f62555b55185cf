//! The audit trail records refused requests too (sign-in, role, same-origin, body, validation,
//! region allowlist, delete protection, foreign Host, rate limits), with the reason the caller
//! was told; a flood of refusals is capped; an audit replay is itself a record.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::{Value, json};
use std::sync::Arc;
use tether::audit::refusals::PER_SOURCE_PER_MINUTE;
use tether::audit::{AuditFilter, AuditLog, AuditRecord};
use tether::auth::AuthMode;
use tether::ratelimit::RateLimiter;
use tether::state::AppState;
use tower::ServiceExt;

const PASSWORD: &str = "correct-horse-battery";
const REGION: &str = "cn-hangzhou";

struct Portal {
    app: Router,
    audit: Arc<AuditLog>,
    dir: std::path::PathBuf,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Portal {
    async fn records(&self) -> Vec<AuditRecord> {
        self.audit
            .query(&AuditFilter::default(), 10_000)
            .await
            .unwrap()
    }
}

/// A signed-in portal (viewer vera, operator otto, admin ada) with an audit trail; `tweak`
/// adjusts the state before the router is built.
async fn portal(name: &str, tweak: impl FnOnce(&mut AppState)) -> Portal {
    let dir = std::env::temp_dir().join(format!("tether-refusals-{name}-{}", std::process::id()));
    let base = setup().await;
    let (mut state, audit) = local_portal(&base.state, &dir, PASSWORD).await;
    state.simulator = Some(base.sim.clone());
    tweak(&mut state);
    Portal {
        app: tether::app(state),
        audit,
        dir,
    }
}

/// A POST as the app sends it (same-origin header), with an optional session cookie.
fn post(path: &str, body: Value, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path)
        .header("content-type", "application/json")
        .header("x-tether-request", "1");
    if let Some(c) = cookie {
        b = b.header("cookie", c);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

async fn sign_in(app: &Router, user: &str) -> String {
    let body = json!({"User": user, "Password": PASSWORD});
    let resp = app
        .clone()
        .oneshot(post("/api/login", body, None))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT, "{user} signs in");
    let set = resp.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

/// Sends `req` and returns its answer and the records it added to the trail.
async fn sent(p: &Portal, req: Request<Body>) -> (StatusCode, Value, Vec<AuditRecord>) {
    let before = p.records().await.len();
    let (status, body) = send(&p.app, req).await;
    let added = p.records().await.split_off(before);
    (status, body, added)
}

/// Exactly one record was added, naming `user` and `action`, with the answer's code and message.
fn assert_refusal_recorded(added: &[AuditRecord], body: &Value, user: &str, action: &str) {
    assert_eq!(added.len(), 1, "one record for {action}: {added:?}");
    let r = &added[0];
    assert_eq!(
        (r.user.as_str(), r.action.as_str()),
        (user, action),
        "{r:?}"
    );
    assert_eq!(r.outcome, body["Code"].as_str().unwrap(), "{r:?}");
    assert_eq!(r.reason, body["Message"].as_str().unwrap(), "{r:?}");
}

#[tokio::test]
async fn refusals_before_the_cloud_call_are_recorded_with_user_and_reason() {
    let p = portal("before", |_| {}).await;
    let vera = sign_in(&p.app, "vera").await;
    let otto = sign_in(&p.app, "otto").await;
    let ids = tether_sim::demo_ids();
    let stop = json!({"RegionId": REGION, "InstanceId": ids.web_instance});

    let (status, body, added) = sent(&p, post("/api/StopInstance", stop.clone(), None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_refusal_recorded(&added, &body, "anonymous", "StopInstance");

    let req = post("/api/StopInstance", stop.clone(), Some(&vera));
    let (status, body, added) = sent(&p, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "role: {body}");
    assert_refusal_recorded(&added, &body, "vera", "StopInstance");
    assert_eq!(added[0].role, "viewer");

    let mut cross = post("/api/StopInstance", stop.clone(), Some(&otto));
    cross.headers_mut().remove("x-tether-request");
    let (status, body, added) = sent(&p, cross).await;
    assert_eq!(body["Code"], "Tether.CrossOrigin", "{status}: {body}");
    assert_refusal_recorded(&added, &body, "otto", "StopInstance");

    let bad = json!({"RegionId": REGION, "InstanceId": ids.web_instance, "Force": "please"});
    let (status, body, added) = sent(&p, post("/api/StopInstance", bad, Some(&otto))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_refusal_recorded(&added, &body, "otto", "StopInstance");

    let (status, body, added) = sent(&p, post("/api/RunCommand", json!({}), Some(&otto))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_refusal_recorded(&added, &body, "otto", "RunCommand");
}

#[tokio::test]
async fn refused_reads_are_recorded_and_successful_reads_are_not() {
    let p = portal("reads", |s| {
        s.policy = Arc::new(tether::state::Policy {
            allowed_regions: vec![REGION.to_owned()],
            ..Default::default()
        });
        s.read_limiter = Arc::new(RateLimiter::new(1));
    })
    .await;
    let vera = sign_in(&p.app, "vera").await;

    let elsewhere = json!({"RegionId": "cn-beijing"});
    let req = post("/api/DescribeInstances", elsewhere, Some(&vera));
    let (status, body, added) = sent(&p, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "region allowlist: {body}");
    assert_refusal_recorded(&added, &body, "vera", "DescribeInstances");

    let unknown_field = json!({"RegionId": REGION, "Everything": true});
    let req = post("/api/DescribeInstances", unknown_field, Some(&vera));
    let (status, body, added) = sent(&p, req).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_refusal_recorded(&added, &body, "vera", "DescribeInstances");

    let read = || post("/api/DescribeRegions", json!({}), Some(&vera));
    let (status, body, added) = sent(&p, read()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        added.is_empty(),
        "a successful read is not audited: {added:?}"
    );

    let (status, body, added) = sent(&p, read()).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "one read a minute: {body}"
    );
    assert_refusal_recorded(&added, &body, "vera", "DescribeRegions");
}

#[tokio::test]
async fn the_apps_own_session_check_while_signed_out_is_not_a_refusal() {
    let p = portal("session", |_| {}).await;
    let probe = Request::get("/api/session").body(Body::empty()).unwrap();
    let (status, _, added) = sent(&p, probe).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        added.is_empty(),
        "the sign-in page is not a probe: {added:?}"
    );
    let audit = Request::get("/api/audit").body(Body::empty()).unwrap();
    let (status, body, added) = sent(&p, audit).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_refusal_recorded(&added, &body, "anonymous", "audit");
}

#[tokio::test]
async fn a_foreign_host_and_a_failed_sign_in_are_recorded() {
    let p = portal("host", |_| {}).await;
    let mut rebound = post("/api/DescribeRegions", json!({}), None);
    rebound
        .headers_mut()
        .insert("host", "evil.example:8080".parse().unwrap());
    let (status, body, added) = sent(&p, rebound).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{body}");
    assert_refusal_recorded(&added, &body, "anonymous", "DescribeRegions");

    let page = Request::get("/")
        .header("host", "evil.example")
        .body(Body::empty())
        .unwrap();
    let (status, body, added) = sent(&p, page).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
    assert_refusal_recorded(&added, &body, "anonymous", "/");

    let wrong = json!({"User": "ada", "Password": "not-her-password"});
    let (status, body, added) = sent(&p, post("/api/login", wrong, None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_refusal_recorded(&added, &body, "anonymous", "login");
    assert!(
        !format!("{added:?}").contains("not-her-password"),
        "no password in the trail: {added:?}"
    );
}

#[tokio::test]
async fn refused_mutations_are_recorded_once_with_their_reason() {
    let p = portal("mutations", |s| s.limiter = Arc::new(RateLimiter::new(1))).await;
    let ada = sign_in(&p.app, "ada").await;
    let ids = tether_sim::demo_ids();
    let delete = json!({"RegionId": REGION, "NetworkInterfaceId": ids.eni_protected});
    let req = post("/api/DeleteNetworkInterface", delete, Some(&ada));
    let (status, body, added) = sent(&p, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "delete protection: {body}");
    assert_refusal_recorded(&added, &body, "ada", "DeleteNetworkInterface");
    assert!(added[0].resources.contains(&ids.eni_protected), "{added:?}");

    let rename = json!({"RegionId": REGION, "NetworkInterfaceId": ids.eni_available_a_g, "NetworkInterfaceName": "renamed"});
    let req = post("/api/ModifyNetworkInterfaceAttribute", rename, Some(&ada));
    let (status, body, added) = sent(&p, req).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "one change a minute: {body}"
    );
    assert_refusal_recorded(&added, &body, "ada", "ModifyNetworkInterfaceAttribute");
}

#[tokio::test]
async fn a_flood_of_refusals_from_one_address_is_capped_and_others_still_recorded() {
    let p = portal("flood", |_| {}).await;
    let from = |ip: &str| {
        let mut req = post("/api/DescribeRegions", json!({}), None);
        let peer = std::net::SocketAddr::new(ip.parse().unwrap(), 40000);
        req.extensions_mut().insert(ConnectInfo(peer));
        req
    };
    for _ in 0..PER_SOURCE_PER_MINUTE + 5 {
        let (status, _) = send(&p.app, from("203.0.113.7")).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "every request is still refused"
        );
    }
    let records = p.records().await;
    assert_eq!(records.len(), PER_SOURCE_PER_MINUTE as usize, "{records:?}");
    assert!(records[0].parameters.contains("203.0.113.7"), "{records:?}");
    let (_, body, added) = sent(&p, from("203.0.113.8")).await;
    assert_refusal_recorded(&added, &body, "anonymous", "DescribeRegions");
}

#[tokio::test]
async fn an_audit_replay_is_recorded_with_its_user_record_ids_and_outcome() {
    let p = portal("replay", |_| {}).await;
    let ada = sign_in(&p.app, "ada").await;
    let ids = tether_sim::demo_ids();
    let create =
        json!({"RegionId": REGION, "VSwitchId": ids.vsw_a_g, "SecurityGroupIds": [ids.sg_a]});
    let req = post("/api/CreateNetworkInterface", create, Some(&ada));
    let (status, body, _) = sent(&p, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let gone = json!({"RegionId": REGION, "NetworkInterfaceId": "eni-bp1nothere0001"});
    let req = post("/api/DeleteNetworkInterface", gone, Some(&ada));
    let (_, failed, _) = sent(&p, req).await;
    let records = p.records().await;
    let [created, deleted] = [0, 1].map(|i| records[i].id);

    let ask = json!({"Ids": [created, deleted, 9999]});
    let (status, body, added) = sent(&p, post("/api/audit/replay", ask, Some(&ada))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(added.len(), 1, "one record for the replay: {added:?}");
    let r = &added[0];
    assert_eq!((r.user.as_str(), r.role.as_str()), ("ada", "admin"));
    assert_eq!(r.action, "audit/replay");
    let asked: Value = serde_json::from_str(&r.parameters).unwrap();
    assert_eq!(asked["Ids"], json!([created, deleted, 9999]), "{r:?}");
    assert_eq!(
        r.outcome, failed["Code"],
        "the replayed delete failed again: {r:?}"
    );
    let replayed: Vec<String> = body["Results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| format!("#{} {}", x["Id"], x["Outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(replayed.len(), 2, "{body}");
    for part in replayed
        .iter()
        .chain([&"#9999 not in the trail".to_owned()])
    {
        assert!(r.reason.contains(part.as_str()), "{part} in {r:?}");
    }
}

#[tokio::test]
async fn a_refused_replay_is_recorded() {
    let p = portal("replay-refused", |_| {}).await;
    let otto = sign_in(&p.app, "otto").await;
    let req = post("/api/audit/replay", json!({"Ids": [1]}), Some(&otto));
    let (status, body, added) = sent(&p, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_refusal_recorded(&added, &body, "otto", "audit/replay");
}

#[tokio::test]
async fn requests_without_the_sign_in_link_cookie_are_recorded() {
    use tether::auth::start_token::StartToken;
    let p = portal("start-token", |s| {
        s.auth = Arc::new(AuthMode::None);
        s.start_token = Some(Arc::new(StartToken::generate()));
    })
    .await;
    let (status, body, added) = sent(&p, post("/api/DescribeRegions", json!({}), None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_refusal_recorded(&added, &body, "anonymous", "DescribeRegions");

    let guess = Request::get("/signin-token?token=00")
        .body(Body::empty())
        .unwrap();
    let (status, body, added) = sent(&p, guess).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a guessed link: {body}");
    assert_refusal_recorded(&added, &body, "anonymous", "/signin-token");
}

#[tokio::test]
async fn a_flood_of_anonymous_refusals_does_not_hide_a_signed_in_users_refusals() {
    let p = portal("hidden", |_| {}).await;
    let ada = sign_in(&p.app, "ada").await;
    let anonymous = |n: u32| {
        let mut req = post("/api/DescribeRegions", json!({}), None);
        let ip = std::net::IpAddr::from([203, 0, 113, (n % 10) as u8]);
        req.extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::new(ip, 40000)));
        req
    };
    for n in 0..tether::audit::refusals::ALL_SOURCES_PER_MINUTE {
        let (status, _) = send(&p.app, anonymous(n)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let ids = tether_sim::demo_ids();
    let delete = json!({"RegionId": REGION, "InstanceId": ids.web_instance});
    for _ in 0..3 {
        let mut cross = post("/api/DeleteInstance", delete.clone(), Some(&ada));
        cross.headers_mut().remove("x-tether-request");
        let (status, body, added) = sent(&p, cross).await;
        assert_eq!(body["Code"], "Tether.CrossOrigin", "{status}: {body}");
        assert_refusal_recorded(&added, &body, "ada", "DeleteInstance");
    }
}
