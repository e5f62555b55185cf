//! Sign-in and sessions hardened for a real cloud key: the login throttle holds under
//! concurrency, sessions survive a restart and can be revoked, user changes apply at once,
//! cookies cannot be shadowed, and the data directory is private.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::json;
use std::sync::Arc;
use tether::auth::AuthMode;
use tether::auth::sessions::SessionStore;
use tether::auth::throttle::LoginThrottle;
use tether::auth::users::UserStore;
use tether::state::Role;
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery";

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("tether-sessions-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    TempDir(dir)
}

struct Portal {
    app: axum::Router,
    users: UserStore,
    _dir: TempDir,
}

async fn portal(name: &str) -> Portal {
    let dir = temp_dir(name);
    let users = UserStore::new(dir.0.join("users.json"));
    users.add("alice", Role::Operator, PASSWORD).unwrap();
    users.add("ada", Role::Admin, PASSWORD).unwrap();
    let mut state = setup().await.state;
    state.auth = Arc::new(AuthMode::Local {
        users: users.clone(),
        sessions: SessionStore::default(),
        throttle: LoginThrottle::default(),
        secure_cookies: false,
    });
    Portal {
        app: tether::app(state),
        users,
        _dir: dir,
    }
}

fn login_request(user: &str, password: &str) -> Request<Body> {
    Request::post("/api/login")
        .header("content-type", "application/json")
        .header("x-tether-request", "1")
        .body(Body::from(
            json!({"User": user, "Password": password}).to_string(),
        ))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_parallel_wrong_passwords_run_at_most_five_verifications() {
    let p = portal("parallel").await;
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..50 {
        let app = p.app.clone();
        guesses.spawn(async move {
            let req = login_request("alice", &format!("guess number {i}"));
            app.oneshot(req).await.unwrap().status()
        });
    }
    let mut refused = 0;
    while let Some(status) = guesses.join_next().await {
        let status = status.unwrap();
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::TOO_MANY_REQUESTS,
            "{status}"
        );
        refused += usize::from(status == StatusCode::UNAUTHORIZED);
    }
    assert!(
        p.users.verifications() <= 5,
        "{} password verifications for 50 guesses",
        p.users.verifications()
    );
    assert!(refused <= 5, "{refused} guesses were checked");
    let right = p.app.clone().oneshot(login_request("alice", PASSWORD));
    assert_eq!(
        right.await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the budget is spent even for the right password"
    );
}
