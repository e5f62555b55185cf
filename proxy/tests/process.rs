//! The real `tether` binary: an acknowledged mutation is in the audit trail even when the process
//! is SIGKILLed right after answering, and no password, hash, session token or cloud secret
//! reaches its output (the cloud secret with `--endpoint` and a known secret, V1 and V3).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::binary::Binary;
use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};
use tether::audit::{AuditFilter, AuditLog};

/// The binary with a trace log (its output is what these tests search), in `dir` if given.
async fn start(name: &str, extra: &[&str], dir: Option<std::path::PathBuf>) -> Binary {
    start_with_env(name, extra, dir, &[]).await
}

async fn start_with_env(
    name: &str,
    extra: &[&str],
    dir: Option<std::path::PathBuf>,
    env: &[(&str, &str)],
) -> Binary {
    let mut env = env.to_vec();
    env.push(("RUST_LOG", "trace"));
    match dir {
        Some(dir) => Binary::start_in(dir, extra, &env).await,
        None => Binary::start(&format!("proc-{name}"), extra, &env).await,
    }
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
    let records = log.query(&filter, 10).await.unwrap();
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
    let hash = add_alice(&dir, password);

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
    let out = proxy.stop();
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

/// Adds `alice` (operator) to the database in `dir`; returns her password hash.
fn add_alice(dir: &std::path::Path, password: &str) -> String {
    let mut add = Command::new(env!("CARGO_BIN_EXE_tether"))
        .args(["--data-dir"])
        .arg(dir)
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
    let db = rusqlite::Connection::open(dir.join("audit.db")).unwrap();
    db.query_row(
        "SELECT password_hash FROM users WHERE name = 'alice'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cloud_secret_never_reaches_the_output_with_v1_or_v3() {
    const KEY_ID: &str = "TETHERPROCKEY001";
    // Long and unlike anything else in a log, so a partial leak would be found too.
    const SECRET: &str = "Zq8cloud-secret-that-must-never-be-logged-4Kp";
    let sim = tether_sim::Simulator::new(tether_sim::SimConfig::for_tests(vec![(
        KEY_ID.into(),
        SECRET.into(),
    )]));
    let endpoint = format!(
        "http://{}",
        tether_sim::spawn(sim.clone(), "127.0.0.1:0").await.unwrap()
    );
    for signature in ["v1", "v3"] {
        let dir = std::env::temp_dir().join(format!(
            "tether-proc-cloud-secret-{signature}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        add_alice(&dir, "p4ssw0rd-for-the-cloud-test");
        let mut proxy = start_with_env(
            &format!("cloud-{signature}"),
            &[
                "--auth",
                "local",
                "--endpoint",
                &endpoint,
                "--access-key-id",
                KEY_ID,
                "--signature",
                signature,
            ],
            Some(dir),
            &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)],
        )
        .await;
        let http = reqwest::Client::new();
        let ok = http
            .post(format!("{}/api/login", proxy.url))
            .header("x-tether-request", "1")
            .json(&json!({"User": "alice", "Password": "p4ssw0rd-for-the-cloud-test"}))
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
        let requests = sim.request_count();
        let mut answers = String::new();
        // Signed reads, and a mutation the cloud refuses.
        for (action, body) in [
            ("DescribeRegions", json!({})),
            (
                "DescribeNetworkInterfaces",
                json!({"RegionId": "cn-hangzhou", "MaxResults": 10}),
            ),
            (
                "DetachNetworkInterface",
                json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "eni-bp1nothere0001",
                    "InstanceId": "i-bp1nothere0001"}),
            ),
        ] {
            let resp = http
                .post(format!("{}/api/{action}", proxy.url))
                .header("x-tether-request", "1")
                .header("cookie", &cookie)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let text = resp.text().await.unwrap();
            assert!(
                status == 200 || text.contains(".NotFound"),
                "{signature} {action}: {status} {text}"
            );
            answers.push_str(&text);
        }
        assert!(
            sim.request_count() >= requests + 3,
            "{signature}: the calls were signed with the secret and reached the simulator"
        );
        let out = proxy.stop();
        assert!(
            out.contains("DescribeNetworkInterfaces"),
            "{signature}: the trace log of the calls is captured: {out}"
        );
        for needle in [SECRET, &SECRET[..16], &SECRET[SECRET.len() - 16..]] {
            assert!(
                !out.contains(needle),
                "{signature}: the cloud secret appeared in the output"
            );
            assert!(
                !answers.contains(needle),
                "{signature}: the cloud secret appeared in a response"
            );
        }
    }
}
