//! Shared set-up for the proxy's tests: a simulator on loopback and the proxy router in front.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

pub mod binary;
pub mod pg;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tether::cloud::{CloudClient, RetryPolicy, SignatureVersion, Target};
use tether::state::{AppState, Policy};
use tether_domain::api::BackendInfo;
use tether_signer::Credentials;
use tower::ServiceExt;

pub const KEY_ID: &str = "TESTKEYPROXY01";
pub const SECRET: &str = "proxy-test-secret-never-shown";

pub struct Setup {
    pub app: Router,
    pub sim: tether_sim::Simulator,
    pub state: AppState,
}

pub async fn setup_with(policy: Policy, signature: SignatureVersion) -> Setup {
    let sim = tether_sim::Simulator::new(tether_sim::SimConfig::for_tests(vec![(
        KEY_ID.into(),
        SECRET.into(),
    )]));
    let addr = tether_sim::spawn(sim.clone(), "127.0.0.1:0")
        .await
        .expect("simulator starts");
    let client = CloudClient::new(
        Target::BaseUrl(format!("http://{addr}")),
        Credentials::new(KEY_ID, SECRET),
        signature,
    )
    .expect("client builds")
    .with_retry(RetryPolicy {
        max_attempts: 3,
        base_delay: std::time::Duration::from_millis(5),
        max_delay: std::time::Duration::from_millis(20),
    });
    let state = AppState::new(
        client,
        BackendInfo {
            kind: tether_domain::api::BackendKind::Simulator,
            endpoint: addr.to_string(),
        },
        policy,
    );
    Setup {
        app: tether::app(state.clone()),
        sim,
        state,
    }
}

pub async fn setup() -> Setup {
    setup_with(Policy::default(), SignatureVersion::V1).await
}

/// POSTs `body` to `/api/<action>` as the app does (same-origin header set).
pub async fn call(app: &Router, action: &str, body: Value) -> (StatusCode, Value) {
    let req = Request::post(format!("/api/{action}"))
        .header("content-type", "application/json")
        .header("x-tether-request", "1")
        .body(Body::from(body.to_string()))
        .expect("request builds");
    send(app, req).await
}

pub async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app.clone().oneshot(req).await.expect("router answers");
    let status = resp.status();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, json)
}

/// A proxy state (one attempt per call, no retries) in front of the endpoint at `addr`.
pub fn state_to(addr: &str) -> AppState {
    let client = CloudClient::new(
        Target::BaseUrl(format!("http://{addr}")),
        Credentials::new(KEY_ID, SECRET),
        SignatureVersion::V1,
    )
    .expect("client builds")
    .with_retry(RetryPolicy {
        max_attempts: 1,
        ..RetryPolicy::default()
    });
    let backend = BackendInfo {
        kind: tether_domain::api::BackendKind::Endpoint,
        endpoint: addr.to_owned(),
    };
    AppState::new(client, backend, Policy::default())
}

/// An endpoint on loopback that answers every call with `status` and the JSON `body`; its
/// address.
pub async fn canned_endpoint(status: u16, body: &'static str) -> String {
    let endpoint = Router::new().fallback(move || async move {
        (
            StatusCode::from_u16(status).expect("a status"),
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            body,
        )
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let addr = listener.local_addr().expect("has an address");
    tokio::spawn(async move { axum::serve(listener, endpoint).await });
    addr.to_string()
}

/// `base` turned into a signed-in portal as `tether --auth local` runs it, in `dir`: viewer
/// vera, operator otto and admin ada (each with `password`), users, sessions and an audit
/// trail in `dir/audit.db`. Returns the audit log too.
pub async fn local_portal(
    base: &AppState,
    dir: &std::path::Path,
    password: &str,
) -> (AppState, std::sync::Arc<tether::audit::AuditLog>) {
    let _ = std::fs::remove_dir_all(dir);
    let store = tether::store::Store::sqlite(&dir.join("audit.db")).expect("store opens");
    portal_on(base, store, password).await
}

/// `base` turned into a signed-in portal (as [`local_portal`]) on an open store.
pub async fn portal_on(
    base: &AppState,
    store: tether::store::Store,
    password: &str,
) -> (AppState, std::sync::Arc<tether::audit::AuditLog>) {
    use tether::auth::AuthMode;
    use tether::auth::sessions::{DEFAULT_IDLE_TIMEOUT, SessionStore};
    use tether::auth::throttle::LoginThrottle;
    use tether::auth::users::UserStore;
    use tether::state::Role;
    let users = UserStore::new(store.clone());
    for (name, role) in [
        ("vera", Role::Viewer),
        ("otto", Role::Operator),
        ("ada", Role::Admin),
    ] {
        users.add(name, role, password).await.expect("user added");
    }
    let audit = std::sync::Arc::new(tether::audit::AuditLog::new(store.clone()));
    let mut state = base.clone();
    state.auth = std::sync::Arc::new(AuthMode::Local {
        users,
        sessions: SessionStore::new(store.clone(), DEFAULT_IDLE_TIMEOUT),
        throttle: LoginThrottle::new(store.clone(), Vec::new()),
        secure_cookies: false,
    });
    state.audit = Some(audit.clone());
    state.store = Some(store);
    (state, audit)
}
