//! Sign-in, roles and audit: every private route answers 401 without a session, a viewer gets
//! 403 on every mutation, mutations are audited, and no password or hash is ever logged.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::json;
use std::sync::Arc;
use tether::audit::{AuditFilter, AuditLog};
use tether::auth::AuthMode;
use tether_domain::ALL_ACTIONS;
use tower::ServiceExt;

const PASSWORD: &str = "hunter2-but-longer";

struct Portal {
    app: axum::Router,
    sim: tether_sim::Simulator,
    audit: Arc<AuditLog>,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn portal(name: &str) -> Portal {
    let dir = std::env::temp_dir().join(format!("tether-auth-{name}-{}", std::process::id()));
    let base = setup().await;
    let (state, audit) = local_portal(&base.state, &dir, PASSWORD).await;
    Portal {
        app: tether::app(state),
        sim: base.sim,
        audit,
        _dir: TempDir(dir),
    }
}

fn post(path: &str, body: serde_json::Value, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path)
        .header("content-type", "application/json")
        .header("x-tether-request", "1");
    if let Some(c) = cookie {
        b = b.header("cookie", c);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

async fn login(app: &axum::Router, user: &str, password: &str) -> (StatusCode, Option<String>) {
    let resp = app
        .clone()
        .oneshot(post(
            "/api/login",
            json!({"User": user, "Password": password}),
            None,
        ))
        .await
        .unwrap();
    let cookie = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (resp.status(), cookie)
}

fn session_cookie(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn every_private_route_answers_401_without_a_session() {
    let p = portal("401").await;
    let mut routes: Vec<(String, &str)> = ALL_ACTIONS
        .iter()
        .map(|(n, _, _)| (format!("/api/{n}"), "POST"))
        .collect();
    routes.extend([
        ("/api/session".to_owned(), "GET"),
        ("/api/audit".to_owned(), "GET"),
        ("/api/audit/replay".to_owned(), "POST"),
        ("/api/SomeFutureAction".to_owned(), "POST"),
    ]);
    for (path, method) in routes {
        let req = if method == "GET" {
            Request::get(&path).body(Body::empty()).unwrap()
        } else {
            post(&path, json!({}), None)
        };
        let (status, body) = send(&p.app, req).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}: {body}");
        assert_eq!(body["Code"], "Tether.Unauthenticated", "{path}");
    }
    let forged = post(
        "/api/DescribeRegions",
        json!({}),
        Some("tether_session=forged"),
    );
    assert_eq!(send(&p.app, forged).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(p.sim.request_count(), 0);
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_throttles_guessing() {
    let p = portal("login").await;
    assert_eq!(
        login(&p.app, "vera", "wrong password").await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, cookie) = login(&p.app, "otto", PASSWORD).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let cookie = cookie.expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let req = Request::get("/api/session")
        .header("cookie", session_cookie(&cookie))
        .body(Body::empty())
        .unwrap();
    let (status, body) = send(&p.app, req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (body["User"].as_str(), body["Role"].as_str()),
        (Some("otto"), Some("operator"))
    );
    assert_eq!(body["CanSignOut"], true, "a local session can be ended");
    for _ in 0..5 {
        login(&p.app, "ada", "not it").await;
    }
    assert_eq!(
        login(&p.app, "ada", PASSWORD).await.0,
        StatusCode::TOO_MANY_REQUESTS,
        "throttled even with the right password"
    );
    let logout = post("/api/logout", json!({}), Some(&session_cookie(&cookie)));
    assert_eq!(
        p.app.clone().oneshot(logout).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let req = Request::get("/api/session")
        .header("cookie", session_cookie(&cookie))
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&p.app, req).await.0, StatusCode::UNAUTHORIZED);
}

/// Every route a viewer is refused, written out here rather than read from the flag under test.
const VIEWER_REFUSED: &[(&str, &str)] = &[
    ("POST", "/api/RunInstances"),
    ("POST", "/api/StartInstance"),
    ("POST", "/api/StopInstance"),
    ("POST", "/api/RebootInstance"),
    ("POST", "/api/DeleteInstance"),
    ("POST", "/api/CreateNetworkInterface"),
    ("POST", "/api/AttachNetworkInterface"),
    ("POST", "/api/DetachNetworkInterface"),
    ("POST", "/api/DeleteNetworkInterface"),
    ("POST", "/api/ModifyNetworkInterfaceAttribute"),
    ("POST", "/api/AssignPrivateIpAddresses"),
    ("POST", "/api/UnassignPrivateIpAddresses"),
    ("POST", "/api/AssignIpv6Addresses"),
    ("POST", "/api/UnassignIpv6Addresses"),
    ("POST", "/api/TagResources"),
    ("POST", "/api/UntagResources"),
    ("POST", "/api/audit/replay"),
    ("POST", "/api/demo"),
    ("GET", "/api/demo"),
];

#[tokio::test]
async fn a_viewer_gets_403_on_every_mutation_and_an_operator_cannot_delete() {
    let p = portal("roles").await;
    // The allowlist's mutation flags are checked against the table, not trusted.
    let flagged: Vec<&str> = ALL_ACTIONS
        .iter()
        .filter(|(_, _, mutates)| *mutates)
        .map(|(name, _, _)| *name)
        .collect();
    let listed: Vec<&str> = VIEWER_REFUSED
        .iter()
        .filter_map(|(_, path)| path.strip_prefix("/api/"))
        .filter(|name| ALL_ACTIONS.iter().any(|(n, _, _)| n == name))
        .collect();
    assert_eq!(flagged, listed, "ALL_ACTIONS' mutation flags");
    let viewer = session_cookie(&login(&p.app, "vera", PASSWORD).await.1.unwrap());
    for (method, path) in VIEWER_REFUSED {
        let req = if *method == "GET" {
            Request::get(*path)
                .header("cookie", &viewer)
                .body(Body::empty())
                .unwrap()
        } else {
            post(path, json!({}), Some(&viewer))
        };
        let (status, body) = send(&p.app, req).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {body}");
        assert!(
            body["Message"]
                .as_str()
                .unwrap()
                .contains("Your role is viewer"),
            "{method} {path}: {body}"
        );
    }
    assert_eq!(
        p.sim.request_count(),
        0,
        "refused mutations never reach the cloud"
    );
    let (status, _) = send(
        &p.app,
        post("/api/DescribeRegions", json!({}), Some(&viewer)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "viewers read");
    let operator = session_cookie(&login(&p.app, "otto", PASSWORD).await.1.unwrap());
    let del = json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "eni-bp1abcd0001"});
    let (status, body) = send(
        &p.app,
        post("/api/DeleteNetworkInterface", del, Some(&operator)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
}

#[tokio::test]
async fn private_ips_are_an_operators_change_a_viewer_is_refused_before_the_cloud() {
    let p = portal("private-ips").await;
    let eni = tether_sim::demo_ids().eni_available_a_g;
    let ips_on_eni = || {
        p.sim.with_world(|w| {
            w.regions["cn-hangzhou"].enis[&eni.parse().unwrap()]
                .private_ip_sets
                .private_ip_set
                .len()
        })
    };
    let assign = json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": eni, "SecondaryPrivateIpAddressCount": 2});
    let viewer = session_cookie(&login(&p.app, "vera", PASSWORD).await.1.unwrap());
    let calls = p.sim.request_count();
    for (action, body) in [
        ("AssignPrivateIpAddresses", assign.clone()),
        (
            "UnassignPrivateIpAddresses",
            json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": eni, "PrivateIpAddress": ["192.168.1.250"]}),
        ),
    ] {
        let (status, answer) =
            send(&p.app, post(&format!("/api/{action}"), body, Some(&viewer))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{action}: {answer}");
        assert!(
            answer["Message"]
                .as_str()
                .unwrap()
                .contains("Your role is viewer; this needs operator"),
            "{answer}"
        );
    }
    assert_eq!(
        p.sim.request_count(),
        calls,
        "the viewer's calls never left the proxy"
    );
    assert_eq!(ips_on_eni(), 1);

    let operator = session_cookie(&login(&p.app, "otto", PASSWORD).await.1.unwrap());
    let (status, answer) = send(
        &p.app,
        post("/api/AssignPrivateIpAddresses", assign, Some(&operator)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let new = answer["AssignedPrivateIpAddressesSet"]["PrivateIpSet"]["PrivateIpAddress"].clone();
    assert_eq!(new.as_array().map(Vec::len), Some(2), "{answer}");
    assert!(
        p.sim.request_count() > calls,
        "the operator's call reached the simulator"
    );
    assert_eq!(ips_on_eni(), 3);
    let (status, answer) = send(
        &p.app,
        post(
            "/api/UnassignPrivateIpAddresses",
            json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": eni, "PrivateIpAddress": [new[0]]}),
            Some(&operator),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(ips_on_eni(), 2);
}

#[tokio::test]
async fn acknowledged_mutations_are_in_the_audit_trail_with_user_and_request_id() {
    let p = portal("audit").await;
    let admin = session_cookie(&login(&p.app, "ada", PASSWORD).await.1.unwrap());
    let (_, vsws) = send(
        &p.app,
        post(
            "/api/DescribeVSwitches",
            json!({"RegionId": "cn-hangzhou"}),
            Some(&admin),
        ),
    )
    .await;
    let vsw = &vsws["VSwitches"]["VSwitch"][0];
    let (_, sgs) = send(
        &p.app,
        post(
            "/api/DescribeSecurityGroups",
            json!({"RegionId": "cn-hangzhou", "VpcId": vsw["VpcId"]}),
            Some(&admin),
        ),
    )
    .await;
    let create = json!({"RegionId": "cn-hangzhou", "VSwitchId": vsw["VSwitchId"], "SecurityGroupIds": [sgs["SecurityGroups"]["SecurityGroup"][0]["SecurityGroupId"]]});
    let (status, created) = send(
        &p.app,
        post("/api/CreateNetworkInterface", create, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let eni = created["NetworkInterfaceId"].as_str().unwrap().to_owned();
    let bad = json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "eni-bp1nothere0001"});
    send(
        &p.app,
        post("/api/DeleteNetworkInterface", bad, Some(&admin)),
    )
    .await;

    let records = p.audit.query(&AuditFilter::default(), 10).await.unwrap();
    assert_eq!(
        records.len(),
        2,
        "reads are not audited; both mutations are: {records:?}"
    );
    assert_eq!(
        (
            records[0].user.as_str(),
            records[0].action.as_str(),
            records[0].outcome.as_str()
        ),
        ("ada", "CreateNetworkInterface", "ok")
    );
    assert!(records[0].resources.contains(&eni), "{:?}", records[0]);
    assert!(
        records[0]
            .request_id
            .starts_with(|c: char| c.is_ascii_alphanumeric()),
        "an acknowledged change keeps the cloud's RequestId: {:?}",
        records[0]
    );
    assert_eq!(records[1].outcome, "InvalidEniId.NotFound");
    assert!(!records[1].request_id.is_empty());
    let req = Request::get(format!("/api/audit?Resource={eni}&Format=csv"))
        .header("cookie", &admin)
        .body(Body::empty())
        .unwrap();
    let (status, csv) = send(&p.app, req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.as_str().unwrap().contains("CreateNetworkInterface"));
}

#[tokio::test]
async fn header_auth_accepts_only_the_trusted_proxy() {
    use axum::extract::ConnectInfo;
    let base = setup().await;
    let mut state = base.state.clone();
    state.auth = Arc::new(AuthMode::Header(tether::auth::header::HeaderAuth {
        trusted: vec!["10.0.0.5".into()],
        user_header: "x-forwarded-user".into(),
        role_header: "x-forwarded-role".into(),
        role_map: None,
    }));
    let app = tether::app(state);
    let from = |ip: &str| {
        let mut r = Request::get("/api/session")
            .header("x-forwarded-user", "erin")
            .header("x-forwarded-role", "operator")
            .body(Body::empty())
            .unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::new(
                ip.parse().unwrap(),
                4000,
            )));
        r
    };
    let (status, body) = send(&app, from("10.0.0.5")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["User"], "erin");
    assert_eq!(
        body["CanSignOut"], false,
        "sign-in belongs to the proxy in front"
    );
    assert_eq!(
        send(&app, from("10.0.0.6")).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn demo_controls_are_for_admins_and_only_with_the_simulator() {
    let p = portal("demo").await;
    let operator = session_cookie(&login(&p.app, "otto", PASSWORD).await.1.unwrap());
    let (status, _) = send(
        &p.app,
        post("/api/demo", json!({"Reset": true}), Some(&operator)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = session_cookie(&login(&p.app, "ada", PASSWORD).await.1.unwrap());
    // The portal's state has no simulator object attached (the simulator runs on its own listener in tests).
    let (status, body) = send(
        &p.app,
        post("/api/demo", json!({"Speed": "instant"}), Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body["Message"]
            .as_str()
            .unwrap()
            .contains("embedded simulator")
    );
}

#[tokio::test]
async fn an_admin_resets_the_demo_and_switches_a_fault_scenario() {
    let base = setup().await;
    let mut state = base.state.clone();
    state.simulator = Some(base.sim.clone());
    let app = tether::app(state);
    let (status, body) = send(
        &app,
        post(
            "/api/demo",
            json!({"Scenario": "throttling", "Speed": "demo"}),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Scenario"], "throttling");
    assert_eq!(body["Speed"], "demo");
    assert_eq!(
        base.sim.faults().scenario.as_deref(),
        Some("throttling"),
        "the simulator itself switched"
    );
    assert_eq!(base.sim.speed(), tether_sim::Speed::Demo);
    let (status, body) = send(&app, post("/api/demo", json!({"Scenario": "bogus"}), None)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = send(
        &app,
        post(
            "/api/demo",
            json!({"Scenario": "none", "Reset": true}),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(base.sim.faults().rules.is_empty());
    assert_eq!(
        call(&app, "DescribeRegions", json!({})).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_demo_portal_has_nothing_to_sign_out_of() {
    let base = setup().await;
    let app = tether::app(base.state.clone());
    let req = Request::get("/api/session").body(Body::empty()).unwrap();
    let (status, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["CanSignOut"], false);
}
