//! Sign-in and sessions hardened for a real cloud key: the login throttle holds under
//! concurrency, sessions survive a restart and can be revoked, user changes apply at once,
//! cookies cannot be shadowed, and the data directory is private.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use clap::Parser;
use common::*;
use serde_json::json;
use std::path::Path;
use std::time::Duration;
use tether::auth::users::UserStore;
use tether::auth::{AuthMode, accounts};
use tether::config::{Args, AuthSettings, Config, ProcessEnv};
use tether::state::{AppState, Role};
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

fn local_config(dir: &Path, more: &[&str]) -> Config {
    let mut argv = vec!["tether", "--auth", "local", "--sim-speed", "instant"];
    argv.extend_from_slice(more);
    let mut args = Args::try_parse_from(argv).unwrap();
    args.data_dir = Some(dir.to_owned());
    Config::resolve(args, &ProcessEnv).unwrap()
}

/// A portal as `tether --auth local` starts it, with alice (operator) and ada (admin).
struct Portal {
    app: Router,
    state: AppState,
    config: Config,
    dir: TempDir,
}

async fn portal(name: &str) -> Portal {
    portal_with(name, &[]).await
}

async fn portal_with(name: &str, flags: &[&str]) -> Portal {
    let dir = temp_dir(name);
    let config = local_config(&dir.0, flags);
    accounts::add_user(&config, "alice", Role::Operator, PASSWORD)
        .await
        .unwrap();
    accounts::add_user(&config, "ada", Role::Admin, PASSWORD)
        .await
        .unwrap();
    let state = tether::startup::state_from_config(&config).await.unwrap();
    Portal {
        app: tether::app(state.clone()),
        state,
        config,
        dir,
    }
}

impl Portal {
    fn verifications(&self) -> u64 {
        match self.state.auth.as_ref() {
            AuthMode::Local { users, .. } => users.verifications(),
            other => panic!("not local sign-in: {}", other.name()),
        }
    }

    /// The same configuration started again: a new process as far as sessions can tell.
    async fn restarted(&self) -> Router {
        tether::app(
            tether::startup::state_from_config(&self.config)
                .await
                .unwrap(),
        )
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

fn login_request(user: &str, password: &str) -> Request<Body> {
    post(
        "/api/login",
        json!({"User": user, "Password": password}),
        None,
    )
}

/// Signs in; returns the `name=value` pair to send back as the Cookie header.
async fn sign_in(app: &Router, user: &str, password: &str) -> String {
    let resp = app
        .clone()
        .oneshot(login_request(user, password))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT, "{user} signs in");
    let set = resp.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

async fn session_status(app: &Router, cookie: &str) -> StatusCode {
    let req = Request::get("/api/session")
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    send(app, req).await.0
}

#[tokio::test]
async fn a_name_no_user_can_have_is_refused_without_a_check_or_a_throttle_entry() {
    let p = portal("badname").await;
    for name in ["a".repeat(60_000), "alice smith".into(), String::new()] {
        for _ in 0..10 {
            let status = p
                .app
                .clone()
                .oneshot(login_request(&name, "whatever-password"))
                .await
                .unwrap()
                .status();
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{} bytes", name.len());
        }
    }
    assert_eq!(p.verifications(), 0, "no password was hashed");
    sign_in(&p.app, "alice", PASSWORD).await;
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
        p.verifications() <= 5,
        "{} password verifications for 50 guesses",
        p.verifications()
    );
    assert!(refused <= 5, "{refused} guesses were checked");
    let right = p.app.clone().oneshot(login_request("alice", PASSWORD));
    assert_eq!(
        right.await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the budget is spent even for the right password"
    );
}

#[tokio::test]
async fn a_restart_does_not_sign_anyone_out() {
    let p = portal("restart").await;
    let cookie = sign_in(&p.app, "alice", PASSWORD).await;
    let after = p.restarted().await;
    assert_eq!(session_status(&after, &cookie).await, StatusCode::OK);
    let logout = post("/api/logout", json!({}), Some(&cookie));
    assert_eq!(send(&after, logout).await.0, StatusCode::NO_CONTENT);
    assert_eq!(
        session_status(&p.app, &cookie).await,
        StatusCode::UNAUTHORIZED,
        "signed out in the new process, signed out in the old one too"
    );
}

#[tokio::test]
async fn sessions_are_stored_only_as_a_hash_of_the_token() {
    use sha2::{Digest, Sha256};
    let p = portal("hashed").await;
    let cookie = sign_in(&p.app, "alice", PASSWORD).await;
    let token = cookie.split_once('=').unwrap().1.to_owned();
    let db = rusqlite::Connection::open(p.dir.0.join("audit.db")).unwrap();
    let rows: Vec<(String, String)> = db
        .prepare("SELECT token_sha256, user FROM sessions")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let hash: String = Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(rows, vec![(hash, "alice".to_owned())]);
    for file in ["audit.db", "audit.db-wal"] {
        let bytes = std::fs::read(p.dir.0.join(file)).unwrap_or_default();
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "the token is in {file}"
        );
    }
}

#[tokio::test]
async fn an_admin_signs_a_user_out_everywhere() {
    let p = portal("revoke").await;
    let alice = [
        sign_in(&p.app, "alice", PASSWORD).await,
        sign_in(&p.app, "alice", PASSWORD).await,
    ];
    let ada = sign_in(&p.app, "ada", PASSWORD).await;
    let revoke = |cookie: &str| {
        post(
            "/api/sessions/revoke",
            json!({"User": "alice"}),
            Some(cookie),
        )
    };
    let (status, body) = send(&p.app, revoke(&alice[0])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "operators may not: {body}");
    let cross_site = Request::post("/api/sessions/revoke")
        .header("content-type", "application/json")
        .header("cookie", &ada)
        .body(Body::from(json!({"User": "alice"}).to_string()))
        .unwrap();
    let (status, body) = send(&p.app, cross_site).await;
    assert_eq!(
        (status, body["Code"].as_str()),
        (StatusCode::FORBIDDEN, Some("Tether.CrossOrigin"))
    );
    assert_eq!(session_status(&p.app, &alice[0]).await, StatusCode::OK);
    let (status, body) = send(&p.app, revoke(&ada)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Ended"], 2);
    for cookie in &alice {
        assert_eq!(
            session_status(&p.app, cookie).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(session_status(&p.app, &ada).await, StatusCode::OK);
    let audit = p.state.audit.as_ref().unwrap();
    let filter = tether::audit::AuditFilter {
        action: Some("sessions/revoke".into()),
        ..Default::default()
    };
    let records = audit.query(&filter, 10).await.unwrap();
    let ok: Vec<_> = records.iter().filter(|r| r.outcome == "ok").collect();
    assert_eq!(ok.len(), 1, "the revoke is audited once: {records:?}");
    assert_eq!(
        (ok[0].user.as_str(), ok[0].resources.as_str()),
        ("ada", "alice")
    );
}

#[tokio::test]
async fn tether_user_add_and_remove_end_that_users_sessions() {
    let p = portal("accounts").await;
    let ada = sign_in(&p.app, "ada", PASSWORD).await;
    let alice = sign_in(&p.app, "alice", PASSWORD).await;
    let new_password = "a different password";
    accounts::add_user(&p.config, "alice", Role::Operator, new_password)
        .await
        .unwrap();
    assert_eq!(
        session_status(&p.app, &alice).await,
        StatusCode::UNAUTHORIZED,
        "a new password ends the old sessions"
    );
    let alice = sign_in(&p.app, "alice", new_password).await;
    assert!(accounts::remove_user(&p.config, "alice").await.unwrap());
    accounts::add_user(&p.config, "alice", Role::Operator, new_password)
        .await
        .unwrap();
    assert_eq!(
        session_status(&p.app, &alice).await,
        StatusCode::UNAUTHORIZED,
        "a removed user's session does not come back with the name"
    );
    assert_eq!(session_status(&p.app, &ada).await, StatusCode::OK);
}

#[test]
fn the_idle_timeout_comes_from_the_flag_or_the_file_and_is_an_hour_by_default() {
    let idle = |config: Config| match config.auth {
        AuthSettings::Local { idle_timeout, .. } => idle_timeout,
        other => panic!("{other:?}"),
    };
    let dir = temp_dir("idle-config");
    assert_eq!(idle(local_config(&dir.0, &[])), Duration::from_secs(3600));
    assert_eq!(
        idle(local_config(&dir.0, &["--session-idle-timeout", "15"])),
        Duration::from_secs(15 * 60)
    );
    std::fs::create_dir_all(&dir.0).unwrap();
    let file = dir.0.join("tether.toml");
    std::fs::write(&file, "auth = \"local\"\nsession-idle-timeout = 5\n").unwrap();
    let from_file = ["--config", file.to_str().unwrap()];
    assert_eq!(
        idle(local_config(&dir.0, &from_file)),
        Duration::from_secs(300)
    );
    let both = [&from_file[..], &["--session-idle-timeout", "7"]].concat();
    assert_eq!(idle(local_config(&dir.0, &both)), Duration::from_secs(420));
    let zero = Args::try_parse_from(["tether", "--auth", "local", "--session-idle-timeout", "0"]);
    let refused = Config::resolve(zero.unwrap(), &ProcessEnv).unwrap_err();
    assert!(refused.0.contains("session-idle-timeout"), "{refused}");
}

#[tokio::test]
async fn a_changed_role_applies_to_the_next_request() {
    let p = portal("role").await;
    let alice = sign_in(&p.app, "alice", PASSWORD).await;
    // The role changed under the running proxy (a hand edit of the database): sessions are
    // left alone, the role applies at once.
    let db = rusqlite::Connection::open(p.config.data_dir.join("audit.db")).unwrap();
    let set_role = |role: &str| {
        db.execute(
            "UPDATE users SET role = ?1 WHERE name = 'alice'",
            rusqlite::params![role],
        )
        .unwrap()
    };
    set_role("viewer");
    let req = Request::get("/api/session")
        .header("cookie", &alice)
        .body(Body::empty())
        .unwrap();
    let (status, body) = send(&p.app, req).await;
    assert_eq!(
        (status, body["Role"].as_str()),
        (StatusCode::OK, Some("viewer"))
    );
    let start = json!({"RegionId": "cn-hangzhou", "InstanceId": "i-anything"});
    let (status, body) = send(&p.app, post("/api/StartInstance", start, Some(&alice))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    set_role("admin");
    let req = Request::get("/api/session")
        .header("cookie", &alice)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&p.app, req).await.1["Role"], "admin");
}

#[tokio::test]
async fn a_removed_user_is_signed_out_on_the_next_request_for_good() {
    let p = portal("removed").await;
    let alice = sign_in(&p.app, "alice", PASSWORD).await;
    let users = UserStore::new(p.state.store.clone().unwrap());
    assert!(users.remove("alice").await.unwrap());
    assert_eq!(
        session_status(&p.app, &alice).await,
        StatusCode::UNAUTHORIZED
    );
    users.add("alice", Role::Operator, PASSWORD).await.unwrap();
    assert_eq!(
        session_status(&p.app, &alice).await,
        StatusCode::UNAUTHORIZED,
        "the session was deleted, not just refused"
    );
}

#[tokio::test]
async fn a_users_file_from_an_older_version_is_imported_once_and_set_aside() {
    let dir = temp_dir("import");
    let config = local_config(&dir.0, &[]);
    let file = tether::startup::users_file(&config);
    tether::files::create_dir(&dir.0).unwrap();
    let old = json!([{
        "name": "alice",
        "role": "operator",
        "password_hash": tether::auth::users::hash_password(PASSWORD).unwrap(),
    }]);
    let mut f = tether::files::create_file(&file).unwrap();
    std::io::Write::write_all(&mut f, old.to_string().as_bytes()).unwrap();
    let state = tether::startup::state_from_config(&config).await.unwrap();
    let app = tether::app(state);
    sign_in(&app, "alice", PASSWORD).await;
    assert!(!file.exists(), "the file is set aside once imported");
    assert!(file.with_extension("json.imported").exists());
    let users = accounts::list_users(&config).await.unwrap();
    assert_eq!(users.len(), 1, "a second open imports nothing more");
}

fn session_request(cookie_headers: &[&str]) -> Request<Body> {
    let mut b = Request::get("/api/session");
    for line in cookie_headers {
        b = b.header("cookie", *line);
    }
    b.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn a_second_session_cookie_signs_the_request_out_rather_than_shadowing() {
    let p = portal("shadow").await;
    let alice = sign_in(&p.app, "alice", PASSWORD).await;
    let ada = sign_in(&p.app, "ada", PASSWORD).await;
    // Both are live sessions: whichever one a parser picked, it would answer 200.
    for lines in [
        vec![format!("{alice}; {ada}")],
        vec![format!("{ada}; {alice}")],
        vec![format!("theme=dark; {alice}"), ada.clone()],
    ] {
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (status, body) = send(&p.app, session_request(&lines)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{lines:?}: {body}");
    }
    let (status, _) = send(&p.app, session_request(&[&format!("theme=dark; {alice}")])).await;
    assert_eq!(status, StatusCode::OK, "other cookies are no ambiguity");
}

#[tokio::test]
async fn secure_cookies_are_host_prefixed_and_a_plain_one_cannot_stand_in() {
    let p = portal_with("host-prefix", &["--secure-cookies"]).await;
    let resp = p
        .app
        .clone()
        .oneshot(login_request("alice", PASSWORD))
        .await
        .unwrap();
    let set = resp.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(set.starts_with("__Host-tether_session="), "{set}");
    let attributes: Vec<&str> = set.split("; ").skip(1).collect();
    assert!(
        attributes.contains(&"Secure") && attributes.contains(&"Path=/"),
        "{set}"
    );
    assert!(!set.to_ascii_lowercase().contains("domain"), "{set}");
    let ours = set.split(';').next().unwrap().to_owned();
    let token = ours.split_once('=').unwrap().1;
    assert_eq!(session_status(&p.app, &ours).await, StatusCode::OK);
    assert_eq!(
        session_status(&p.app, &format!("tether_session={token}")).await,
        StatusCode::UNAUTHORIZED,
        "only the prefixed name counts"
    );
    let planted = format!("tether_session=planted; {ours}");
    assert_eq!(session_status(&p.app, &planted).await, StatusCode::OK);
    let logout = p
        .app
        .clone()
        .oneshot(post("/api/logout", json!({}), Some(&ours)))
        .await
        .unwrap();
    let clear = logout.headers()["set-cookie"].to_str().unwrap();
    assert!(
        clear.starts_with("__Host-tether_session=;") && clear.contains("Secure"),
        "{clear}"
    );
    assert_eq!(
        session_status(&p.app, &ours).await,
        StatusCode::UNAUTHORIZED
    );
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_directory_and_its_secrets_are_private_to_the_proxy_user() {
    use std::os::unix::fs::PermissionsExt;
    let p = portal("private").await;
    sign_in(&p.app, "alice", PASSWORD).await;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&p.dir.0), 0o700, "the data directory");
    // Written again (a role change), the database stays private.
    accounts::add_user(&p.config, "alice", Role::Viewer, PASSWORD)
        .await
        .unwrap();
    for file in ["audit.db", "audit.db-wal", "audit.db-shm"] {
        assert_eq!(mode(&p.dir.0.join(file)), 0o600, "{file}");
    }
}

/// A sign-in from TCP peer `peer`, with an `X-Forwarded-For` header when `forwarded` is given.
async fn login_from(
    app: &Router,
    user: &str,
    password: &str,
    peer: &str,
    forwarded: Option<&str>,
) -> StatusCode {
    let mut req = login_request(user, password);
    let peer = std::net::SocketAddr::new(peer.parse().unwrap(), 40000);
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    if let Some(f) = forwarded {
        req.headers_mut()
            .insert("x-forwarded-for", f.parse().unwrap());
    }
    app.clone().oneshot(req).await.unwrap().status()
}

#[tokio::test]
async fn wrong_names_from_one_address_do_not_lock_the_right_password_out_of_it() {
    let p = portal("names").await;
    for i in 0..5 {
        let status = login_from(&p.app, &format!("nobody{i}"), "x", "203.0.113.7", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let alice = login_from(&p.app, "alice", PASSWORD, "203.0.113.7", None).await;
    assert_eq!(
        alice,
        StatusCode::NO_CONTENT,
        "an office shares one address"
    );
}

#[tokio::test]
async fn five_wrong_passwords_lock_alice_out_of_that_address_only() {
    let p = portal("pair").await;
    for _ in 0..5 {
        let status = login_from(&p.app, "alice", "wrong", "203.0.113.7", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let from_a = login_from(&p.app, "alice", PASSWORD, "203.0.113.7", None).await;
    assert_eq!(from_a, StatusCode::TOO_MANY_REQUESTS);
    let from_b = login_from(&p.app, "alice", PASSWORD, "198.51.100.2", None).await;
    assert_eq!(
        from_b,
        StatusCode::NO_CONTENT,
        "a guesser cannot lock alice out"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_x_forwarded_for_separates_clients() {
    let p = portal_with("forwarded", &["--trusted-proxies", "10.0.0.5"]).await;
    let proxy = "10.0.0.5";
    for _ in 0..5 {
        let status = login_from(&p.app, "alice", "wrong", proxy, Some("198.51.100.1")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let guesser = login_from(&p.app, "alice", PASSWORD, proxy, Some("198.51.100.1")).await;
    assert_eq!(guesser, StatusCode::TOO_MANY_REQUESTS);
    let forged = "198.51.100.2, 198.51.100.1";
    let still = login_from(&p.app, "alice", PASSWORD, proxy, Some(forged)).await;
    assert_eq!(
        still,
        StatusCode::TOO_MANY_REQUESTS,
        "the client wrote the left entry"
    );
    let other = login_from(&p.app, "alice", PASSWORD, proxy, Some("198.51.100.2")).await;
    assert_eq!(other, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn an_untrusted_peers_x_forwarded_for_is_ignored() {
    let p = portal_with("untrusted", &["--trusted-proxies", "10.0.0.5"]).await;
    for i in 0..5 {
        let claimed = format!("198.51.100.{i}");
        let status = login_from(&p.app, "alice", "wrong", "203.0.113.7", Some(&claimed)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let fresh_claim = login_from(
        &p.app,
        "alice",
        PASSWORD,
        "203.0.113.7",
        Some("198.51.100.99"),
    )
    .await;
    assert_eq!(fresh_claim, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn two_ipv6_addresses_in_one_64_share_a_throttle_key() {
    let p = portal("ipv6").await;
    for i in 1..=5 {
        let rotated = format!("2001:db8:1:2::{i}");
        let status = login_from(&p.app, "alice", "wrong", &rotated, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let same_64 = login_from(&p.app, "alice", PASSWORD, "2001:db8:1:2:ffff::1", None).await;
    assert_eq!(same_64, StatusCode::TOO_MANY_REQUESTS);
    let other_64 = login_from(&p.app, "alice", PASSWORD, "2001:db8:1:3::1", None).await;
    assert_eq!(other_64, StatusCode::NO_CONTENT);
}
