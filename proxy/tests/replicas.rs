//! Two replicas on one PostgreSQL (the HA deployment): each has its own router, state and
//! connection pool, as two `tether` processes would; they share only the database and the
//! cloud. What one replica does, the other sees on its next request.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{portal_on, send, setup};
use serde_json::json;
use tether::audit::AuditFilter;
use tether::auth::users::UserStore;
use tether::store::Store;
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery";

struct Replicas {
    a: Router,
    b: Router,
    store_b: Store,
    audit: std::sync::Arc<tether::audit::AuditLog>,
    _sim: common::Setup,
}

/// Two replicas on a fresh database, or `None` when PostgreSQL is not installed.
async fn replicas(name: &str) -> Option<Replicas> {
    let cluster = common::pg::cluster()?;
    let url = cluster.database(name).await;
    let base = setup().await;
    let store_a = Store::open(&url).await.unwrap();
    let store_b = Store::open(&url).await.unwrap();
    let (state_a, audit) = portal_on(&base.state, store_a, PASSWORD).await;
    // The second replica finds the users the first one added (adding them again is harmless).
    let (state_b, _) = portal_on(&base.state, store_b.clone(), PASSWORD).await;
    Some(Replicas {
        a: tether::app(state_a),
        b: tether::app(state_b),
        store_b,
        audit,
        _sim: base,
    })
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

/// Signs in; the status and the cookie to send back.
async fn login(app: &Router, user: &str, password: &str) -> (StatusCode, Option<String>) {
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
        .and_then(|c| c.split(';').next())
        .map(str::to_owned);
    (resp.status(), cookie)
}

async fn whoami(app: &Router, cookie: &str) -> (StatusCode, serde_json::Value) {
    let req = Request::get("/api/session")
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    send(app, req).await
}

#[tokio::test]
async fn a_session_opened_on_one_replica_is_valid_on_the_other() {
    let Some(r) = replicas("session").await else {
        return;
    };
    let (status, cookie) = login(&r.a, "otto", PASSWORD).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let cookie = cookie.unwrap();
    let (status, body) = whoami(&r.b, &cookie).await;
    assert_eq!(
        (status, body["User"].as_str()),
        (StatusCode::OK, Some("otto"))
    );
    // Signed out through B, the session is gone on A too.
    let resp =
        r.b.clone()
            .oneshot(post("/api/logout", json!({}), Some(&cookie)))
            .await
            .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_eq!(whoami(&r.a, &cookie).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_user_removed_on_one_replica_is_signed_out_on_the_other() {
    let Some(r) = replicas("removed").await else {
        return;
    };
    let (_, cookie) = login(&r.a, "vera", PASSWORD).await;
    let cookie = cookie.unwrap();
    assert_eq!(whoami(&r.a, &cookie).await.0, StatusCode::OK);
    // `tether user remove vera`, run against the database replica B uses.
    assert!(
        UserStore::new(r.store_b.clone())
            .remove("vera")
            .await
            .unwrap()
    );
    assert_eq!(whoami(&r.a, &cookie).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        login(&r.a, "vera", PASSWORD).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn mutations_through_both_replicas_land_in_one_audit_trail_in_order() {
    let Some(r) = replicas("audit").await else {
        return;
    };
    let (_, on_a) = login(&r.a, "otto", PASSWORD).await;
    let (_, on_b) = login(&r.b, "otto", PASSWORD).await;
    let (on_a, on_b) = (on_a.unwrap(), on_b.unwrap());
    let ids = tether_sim::demo_ids();
    let mut expected = Vec::new();
    for i in 0..6 {
        let (app, cookie) = if i % 2 == 0 {
            (&r.a, &on_a)
        } else {
            (&r.b, &on_b)
        };
        let name = format!("replica-{i}");
        let create = json!({
            "RegionId": "cn-hangzhou",
            "VSwitchId": ids.vsw_a_g,
            "SecurityGroupIds": [ids.sg_a],
            "NetworkInterfaceName": name,
        });
        let (status, body) = send(
            app,
            post("/api/CreateNetworkInterface", create, Some(cookie)),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        expected.push(name);
    }
    let trail = r
        .audit
        .query(
            &AuditFilter {
                action: Some("CreateNetworkInterface".into()),
                ..AuditFilter::default()
            },
            100,
        )
        .await
        .unwrap();
    let names: Vec<String> = trail
        .iter()
        .map(|rec| {
            let p: serde_json::Value = serde_json::from_str(&rec.parameters).unwrap();
            p["NetworkInterfaceName"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(names, expected, "every call, once, in the order answered");
}

#[tokio::test]
async fn the_login_throttle_counts_attempts_through_both_replicas() {
    let Some(r) = replicas("throttle").await else {
        return;
    };
    // Five failures for one user from one address allowed in all, wherever they land.
    for i in 0..5 {
        let app = if i % 2 == 0 { &r.a } else { &r.b };
        assert_eq!(
            login(app, "ada", "wrong password").await.0,
            StatusCode::UNAUTHORIZED,
            "attempt {i}"
        );
    }
    for app in [&r.a, &r.b] {
        assert_eq!(
            login(app, "ada", PASSWORD).await.0,
            StatusCode::TOO_MANY_REQUESTS,
            "even the right password waits out the window, on either replica"
        );
    }
}
