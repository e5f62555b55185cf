//! Serving the app: client routes fall back to index.html, hashed assets are cached for a year,
//! index.html never, and every answer carries the security headers.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

async fn get(app: &axum::Router, path: &str) -> axum::response::Response {
    app.clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_app_is_served_with_fallback_caching_and_security_headers() {
    let dir = std::env::temp_dir().join(format!("tether-assets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<html><script type=\"module\">init()</script></html>",
    )
    .unwrap();
    std::fs::write(dir.join("app-0123abcd_bg.wasm"), b"\0asm").unwrap();
    let s = common::setup().await;
    let mut state = s.state.clone();
    state.assets_dir = Some(dir.clone());
    let app = tether::app(state);

    for route in [
        "/",
        "/enis",
        "/instances/i-bp1abc?region=cn-hangzhou",
        "/create",
    ] {
        let r = get(&app, route).await;
        assert_eq!(r.status(), StatusCode::OK, "{route}");
        assert_eq!(r.headers()["cache-control"], "no-cache", "{route}");
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("'wasm-unsafe-eval'")
                && csp.contains("sha256-")
                && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
    }
    let wasm = get(&app, "/app-0123abcd_bg.wasm").await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert!(
        wasm.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    for h in [
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
    ] {
        assert!(wasm.headers().contains_key(h), "{h}");
    }
    assert_eq!(
        get(&app, "/missing-0000.js").await.status(),
        StatusCode::NOT_FOUND
    );
    // A file that is there, one level above the asset root: the traversal must be refused,
    // not merely miss.
    let outside = format!("tether-assets-outside-{}.txt", std::process::id());
    let secret = "outside the asset root";
    std::fs::write(std::env::temp_dir().join(&outside), secret).unwrap();
    assert!(dir.join("..").join(&outside).is_file(), "the file exists");
    let escaped = get(&app, &format!("/../{outside}")).await;
    let status = escaped.status();
    let body = axum::body::to_bytes(escaped.into_body(), 1 << 20)
        .await
        .unwrap();
    let _ = std::fs::remove_file(std::env::temp_dir().join(&outside));
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        !String::from_utf8_lossy(&body).contains(secret),
        "a file outside the root was served"
    );
    assert_eq!(get(&app, "/healthz").await.status(), StatusCode::OK);
    let ready = get(&app, "/readyz").await;
    assert_eq!(ready.status(), StatusCode::OK, "the simulator answers");
    let (status, _) = common::call(&app, "DescribeRegions", serde_json::json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let metrics = get(&app, "/metrics").await;
    let text = String::from_utf8(
        axum::body::to_bytes(metrics.into_body(), 1 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    // Each series with a sample for the call above (the HELP lines alone name them too).
    let sample = |prefix: &str| {
        text.lines()
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|n| n.parse::<u64>().ok())
    };
    assert_eq!(
        sample("tether_requests_total{action=\"DescribeRegions\",outcome=\"ok\"} "),
        Some(1),
        "{text}"
    );
    assert!(
        sample("tether_upstream_latency_ms_count ").is_some_and(|n| n >= 1),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn mutations_beyond_the_per_user_rate_are_throttled_like_alibaba() {
    let s = common::setup().await;
    let mut state = s.state.clone();
    state.limiter = std::sync::Arc::new(tether::ratelimit::RateLimiter::new(2));
    let app = tether::app(state);
    let body =
        serde_json::json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": "eni-bp1nothere0001"});
    let mut codes = Vec::new();
    for _ in 0..3 {
        let (status, answer) = common::call(&app, "DeleteNetworkInterface", body.clone()).await;
        codes.push((
            status.as_u16(),
            answer["Code"].as_str().unwrap_or("").to_owned(),
        ));
    }
    assert_eq!(codes[2], (429, "Throttling".to_owned()), "{codes:?}");
    assert_eq!(
        codes[0].1, "InvalidEniId.NotFound",
        "the first two reach the cloud"
    );
}

#[tokio::test]
async fn a_browser_that_takes_brotli_gets_the_builds_brotli_copy() {
    let dir = std::env::temp_dir().join(format!("tether-assets-br-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<html></html>").unwrap();
    std::fs::write(dir.join("app-0123abcd.js"), "export const a = 1;").unwrap();
    std::fs::write(dir.join("app-0123abcd.js.br"), b"BROTLI-BYTES").unwrap();
    std::fs::write(dir.join("app-0123abcd.js.gz"), b"GZIP-BYTES").unwrap();
    let s = common::setup().await;
    let mut state = s.state.clone();
    state.assets_dir = Some(dir.clone());
    let app = tether::app(state);
    let fetch = |accept: &'static str| {
        let app = app.clone();
        async move {
            let r = app
                .oneshot(
                    Request::get("/app-0123abcd.js")
                        .header("accept-encoding", accept)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            let encoding = r
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_owned());
            let kind = r.headers()["content-type"].to_str().unwrap().to_owned();
            let vary = r.headers()["vary"].to_str().unwrap().to_owned();
            let body = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
            (encoding, kind, vary, body)
        }
    };
    let (enc, kind, vary, body) = fetch("gzip, deflate, br").await;
    assert_eq!(enc.as_deref(), Some("br"));
    assert_eq!(&body[..], b"BROTLI-BYTES");
    assert_eq!(kind, "text/javascript");
    assert_eq!(vary, "accept-encoding");
    let (enc, _, _, body) = fetch("gzip").await;
    assert_eq!(enc.as_deref(), Some("gzip"));
    assert_eq!(&body[..], b"GZIP-BYTES");
    let (enc, _, _, body) = fetch("identity").await;
    assert_eq!(enc, None);
    assert_eq!(&body[..], b"export const a = 1;");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn without_an_app_the_503_says_where_it_was_looked_for() {
    let dir = std::env::temp_dir().join(format!("tether-no-app-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let s = common::setup().await;
    let mut state = s.state.clone();
    state.assets_dir = Some(dir.clone());
    let r = get(&tether::app(state), "/enis").await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = axum::body::to_bytes(r.into_body(), 1 << 16).await.unwrap();
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains(&format!("The app is not in {}", dir.display())),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
