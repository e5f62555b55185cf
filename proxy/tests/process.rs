//! The real `tether` binary: an acknowledged mutation is in the audit trail even when the process
//! is SIGKILLed right after answering, and no password, hash or cloud secret reaches its output.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tether::audit::{AuditFilter, AuditLog};

struct Proxy {
    child: Child,
    url: String,
    dir: std::path::PathBuf,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start(name: &str, extra: &[&str], dir: Option<std::path::PathBuf>) -> Proxy {
    let dir = dir.unwrap_or_else(|| {
        let d = std::env::temp_dir().join(format!("tether-proc-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    });
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_tether"))
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--sim-speed",
            "instant",
            "--data-dir",
        ])
        .arg(&dir)
        .args(extra)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tether binary starts");
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while http.get(format!("{url}/healthz")).send().await.is_err() {
        assert!(Instant::now() < deadline, "tether did not come up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Proxy { child, url, dir }
}

async fn api(http: &reqwest::Client, url: &str, action: &str, body: Value) -> (u16, Value) {
    let resp = http
        .post(format!("{url}/api/{action}"))
        .header("x-tether-request", "1")
        .json(&body)
        .send()
        .await
        .expect("proxy answers");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn an_acknowledged_mutation_survives_sigkill_right_after_the_answer() {
    let mut proxy = start("kill", &[], None).await;
    let http = reqwest::Client::new();
    let (_, vsws) = api(
        &http,
        &proxy.url,
        "DescribeVSwitches",
        json!({"RegionId": "cn-hangzhou"}),
    )
    .await;
    let vsw = vsws["VSwitches"]["VSwitch"][0].clone();
    let (_, sgs) = api(
        &http,
        &proxy.url,
        "DescribeSecurityGroups",
        json!({"RegionId": "cn-hangzhou", "VpcId": vsw["VpcId"]}),
    )
    .await;
    let sg = sgs["SecurityGroups"]["SecurityGroup"][0]["SecurityGroupId"].clone();
    let (status, created) = api(
        &http,
        &proxy.url,
        "CreateNetworkInterface",
        json!({"RegionId": "cn-hangzhou", "VSwitchId": vsw["VSwitchId"], "SecurityGroupIds": [sg]}),
    )
    .await;
    // The answer is in hand: kill at once, with no chance to flush anything.
    proxy.child.kill().expect("SIGKILL");
    let _ = proxy.child.wait();
    assert_eq!(status, 200, "{created}");
    let eni = created["NetworkInterfaceId"]
        .as_str()
        .expect("an ENI id")
        .to_owned();
    let log = AuditLog::open(&proxy.dir.join("audit.db"))
        .expect("the audit database opens after the kill");
    let filter = AuditFilter {
        resource: Some(eni.clone()),
        ..AuditFilter::default()
    };
    let records = log.query(&filter, 10).unwrap();
    assert_eq!(
        records.len(),
        1,
        "the acknowledged create of {eni} is audited"
    );
    assert_eq!(records[0].action, "CreateNetworkInterface");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_password_hash_or_secret_reaches_the_output() {
    let dir = std::env::temp_dir().join(format!("tether-proc-secrets-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let password = "p4ssw0rd-that-must-not-leak";
    let mut add = Command::new(env!("CARGO_BIN_EXE_tether"))
        .args(["--data-dir"])
        .arg(&dir)
        .args([
            "user",
            "add",
            "alice",
            "--role",
            "operator",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let hash = std::fs::read_to_string(dir.join("users.json")).unwrap();
    let hash = hash
        .split("\"password_hash\": \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();

    let mut proxy = start("secrets", &["--auth", "local"], Some(dir)).await;
    let http = reqwest::Client::new();
    let login = |p: &'static str| {
        http.post(format!("{}/api/login", proxy.url))
            .header("x-tether-request", "1")
            .json(&json!({"User": "alice", "Password": p}))
            .send()
    };
    assert_eq!(
        login("wrong-guess-123").await.unwrap().status().as_u16(),
        401
    );
    let ok = http
        .post(format!("{}/api/login", proxy.url))
        .header("x-tether-request", "1")
        .json(&json!({"User": "alice", "Password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status().as_u16(), 204);
    let cookie = ok.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let session = http
        .get(format!("{}/api/session", proxy.url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(session.contains("alice"));
    let _ = proxy.child.kill();
    let out = proxy.child.wait_with_output_ref();
    for (what, needle) in [
        ("password", password),
        ("hash", hash.as_str()),
        (
            "session token",
            cookie.trim_start_matches("tether_session="),
        ),
    ] {
        assert!(!out.contains(needle), "the {what} appeared in the output");
        assert!(
            !session.contains(needle),
            "the {what} appeared in a response"
        );
    }
    assert!(out.contains("signed in"), "the log is captured: {out}");
}

trait WaitOutput {
    fn wait_with_output_ref(&mut self) -> String;
}

impl WaitOutput for Child {
    fn wait_with_output_ref(&mut self) -> String {
        use std::io::Read;
        let _ = self.wait();
        let mut text = String::new();
        if let Some(mut o) = self.stdout.take() {
            let _ = o.read_to_string(&mut text);
        }
        if let Some(mut e) = self.stderr.take() {
            let _ = e.read_to_string(&mut text);
        }
        text
    }
}
