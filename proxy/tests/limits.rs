//! The server's limits against hostile clients: a client that trickles its headers is cut off
//! within the header-read timeout, a SIGTERM drains within its grace period even with such a
//! client connected, and a request that runs too long is abandoned in the one error shape.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::binary::Binary;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Sends a request's headers one byte every 300 ms until the server closes the connection;
/// returns how long that took.
fn trickle_until_closed(port: u16, give_up: Duration) -> Duration {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let started = Instant::now();
    let request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let mut buf = [0u8; 1024];
    for byte in request.iter().cycle() {
        assert!(
            started.elapsed() < give_up,
            "the trickling client was never cut off"
        );
        if stream.write_all(&[*byte]).is_err() {
            return started.elapsed();
        }
        match stream.read(&mut buf) {
            // Closed (0), or the server's 408 before closing.
            Ok(_) => return started.elapsed(),
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return started.elapsed(),
        }
    }
    unreachable!("cycle never ends")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_trickling_its_headers_is_cut_off_within_the_header_timeout() {
    let bin = Binary::start("trickle", &["--header-read-timeout", "1"], &[]).await;
    let port = bin.port;
    let took =
        tokio::task::spawn_blocking(move || trickle_until_closed(port, Duration::from_secs(20)))
            .await
            .unwrap();
    // Cut at the 1 s timeout; the bound leaves room for a loaded machine, and without the
    // limit the client would trickle for the whole 20 s.
    assert!(took < Duration::from_secs(5), "cut off after {took:?}");
    // The server still serves others.
    let ok = reqwest::get(format!("{}/healthz", bin.url)).await.unwrap();
    assert_eq!(ok.status().as_u16(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_drains_within_the_grace_period_despite_a_slow_client() {
    let mut bin = Binary::start(
        "grace",
        &["--header-read-timeout", "60", "--shutdown-grace", "1"],
        &[],
    )
    .await;
    // A client in the middle of its headers, which would hold a plain graceful shutdown for
    // the whole 60 s header timeout.
    let mut slow = TcpStream::connect(("127.0.0.1", bin.port)).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let pid = bin.child.id().to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(exit) = bin.child.try_wait().unwrap() {
            assert!(exit.success(), "{exit:?}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "still running long after the 1 s grace period"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(slow);
}

#[tokio::test]
async fn a_request_running_past_the_deadline_is_abandoned_in_the_error_shape() {
    let mut s = common::setup().await;
    s.state.limits.request_timeout = Duration::from_millis(100);
    let app = tether::app(s.state.clone());
    s.sim.set_faults(tether_sim::FaultConfig {
        rules: vec![tether_sim::FaultRule {
            action: Some("DescribeRegions".into()),
            mutating_only: false,
            kind: tether_sim::FaultKind::Latency {
                min_ms: 2_000,
                max_ms: 2_000,
            },
            probability: 1.0,
        }],
        scenario: None,
    });
    let (status, body) = common::call(&app, "DescribeRegions", serde_json::json!({})).await;
    assert_eq!(status.as_u16(), 503, "{body}");
    assert_eq!(body["Code"], "Tether.RequestTimeout", "{body}");
}

/// Reads one HTTP/1 response head (status line) from `stream`, or `None` when it is closed.
fn status_line(stream: &mut TcpStream) -> Option<String> {
    let mut buf = [0u8; 512];
    match stream.read(&mut buf) {
        Ok(0) | Err(_) => None,
        Ok(n) => String::from_utf8_lossy(&buf[..n])
            .lines()
            .next()
            .map(str::to_owned),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_trickled_past_its_deadline_is_refused_even_though_bytes_keep_coming() {
    let bin = Binary::start(
        "slowbody",
        &["--body-read-timeout", "1", "--request-timeout", "60"],
        &[],
    )
    .await;
    let port = bin.port;
    let (took, status) = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(250))).unwrap();
        let head = "POST /api/DescribeRegions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nx-tether-request: 1\r\nContent-Length: 200\r\n\r\n";
        stream.write_all(head.as_bytes()).unwrap();
        let started = Instant::now();
        // One byte every 250 ms: never idle for long, never done in time.
        while started.elapsed() < Duration::from_secs(20) {
            if stream.write_all(b" ").is_err() {
                break;
            }
            if let Some(line) = status_line(&mut stream) {
                return (started.elapsed(), line);
            }
        }
        (started.elapsed(), String::new())
    })
    .await
    .unwrap();
    assert!(status.contains("400"), "{status:?}");
    assert!(took < Duration::from_secs(10), "answered after {took:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_that_stops_reading_is_cut_off_by_the_write_timeout() {
    let assets = std::env::temp_dir().join(format!("tether-big-{}", std::process::id()));
    std::fs::create_dir_all(&assets).unwrap();
    // Far more than the kernel buffers on both ends, so the server's writes must stall.
    let size = 64 * 1024 * 1024;
    let noise: Vec<u8> = (0..size)
        .map(|i: usize| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(assets.join("big.bin"), &noise).unwrap();
    std::fs::write(assets.join("index.html"), "<html></html>").unwrap();
    let dir = assets.to_str().unwrap().to_owned();
    let bin = Binary::start("slowread", &["--assets", &dir, "--write-timeout", "1"], &[]).await;
    let port = bin.port;
    let received = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .write_all(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        // Stop reading for well past the write timeout, then drain what was sent.
        std::thread::sleep(Duration::from_secs(4));
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut total = 0usize;
        let mut buf = vec![0u8; 1 << 20];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    })
    .await
    .unwrap();
    let _ = std::fs::remove_dir_all(&assets);
    assert!(received > 0, "the response had started");
    assert!(received < size, "cut off after {received} of {size} bytes");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_client_cannot_hold_more_than_its_share_of_connections() {
    let bin = Binary::start("perclient", &["--max-connections-per-client", "2"], &[]).await;
    let port = bin.port;
    tokio::task::spawn_blocking(move || {
        let open = |partial: bool| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            if partial {
                s.write_all(b"GET /healthz HTTP/1.1\r\n").unwrap();
            }
            s
        };
        let (first, _second) = (open(true), open(true));
        let mut third = open(false);
        let _ = third.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assert_eq!(
            status_line(&mut third),
            None,
            "the third connection is closed"
        );
        drop(first);
        std::thread::sleep(Duration::from_millis(200));
        let mut again = open(false);
        again
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let line = status_line(&mut again).unwrap_or_default();
        assert!(line.contains("200"), "a freed place is usable: {line:?}");
    })
    .await
    .unwrap();
}
