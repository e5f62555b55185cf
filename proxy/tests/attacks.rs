//! The two attacks reproduced against the `tether` binary, browser-free: DNS rebinding under
//! `--auth none`, and destroying a protected ENI through a sequence of allowed calls. Plus the
//! sign-in link that `--auth none` with a real backend prints.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::binary::Binary;
use serde_json::{Value, json};

const REGION: &str = "cn-hangzhou";

/// A mutation as a rebound page would send it: everything same-origin, for `host`.
async fn post_as(bin: &Binary, host: &str, action: &str, body: Value) -> (u16, Value) {
    let resp = reqwest::Client::new()
        .post(format!("{}/api/{action}", bin.url))
        .header("host", host)
        .header("origin", format!("http://{host}"))
        .header("sec-fetch-site", "same-origin")
        .header("x-tether-request", "1")
        .json(&body)
        .send()
        .await
        .expect("proxy answers");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rebound_page_is_misdirected_and_reaches_no_route() {
    let bin = Binary::start("rebind", &[], &[]).await;
    let ids = tether_sim::demo_ids();
    let stop = json!({"RegionId": REGION, "InstanceId": ids.web_instance});
    let evil = format!("evil.example:{}", bin.port);
    let (status, body) = post_as(&bin, &evil, "StopInstance", stop.clone()).await;
    assert_eq!(status, 421, "{body}");
    assert_eq!(body["Code"], "Tether.MisdirectedRequest", "{body}");
    let page = reqwest::Client::new()
        .get(format!("{}/", bin.url))
        .header("host", &evil)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 421, "static files too");
    // The instance is still Running: the call never reached the simulator.
    let own = format!("127.0.0.1:{}", bin.port);
    let (status, body) =
        post_as(&bin, &own, "DescribeInstances", json!({"RegionId": REGION})).await;
    assert_eq!(status, 200, "{body}");
    let web = body["Instances"]["Instance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["InstanceId"] == ids.web_instance.as_str())
        .expect("the web instance is listed");
    assert_eq!(web["Status"], "Running", "{web}");
    let (status, body) = post_as(
        &bin,
        &format!("localhost:{}", bin.port),
        "StopInstance",
        stop,
    )
    .await;
    assert_eq!(status, 200, "the console's own name is served: {body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_sequence_of_allowed_calls_destroys_a_protected_eni() {
    let ids = tether_sim::demo_ids();
    let primary = ids.eni_primary_quota_full.as_str();
    let bin = Binary::start("protect", &["--protected-enis", primary], &[]).await;
    let own = format!("127.0.0.1:{}", bin.port);
    let tagged = ids.eni_protected.as_str();
    let calls = [
        (
            "ModifyNetworkInterfaceAttribute",
            json!({"RegionId": REGION, "NetworkInterfaceId": tagged, "DeleteOnRelease": true}),
        ),
        (
            "AttachNetworkInterface",
            json!({"RegionId": REGION, "NetworkInterfaceId": tagged, "InstanceId": ids.web_instance}),
        ),
        (
            "DeleteInstance",
            json!({"RegionId": REGION, "InstanceId": ids.web_instance, "Force": true}),
        ),
        (
            "DeleteInstance",
            json!({"RegionId": REGION, "InstanceId": ids.quota_full_instance, "Force": true}),
        ),
        (
            "DeleteInstance",
            json!({"InstanceId": ids.quota_full_instance, "Force": true}),
        ),
        (
            "DeleteNetworkInterface",
            json!({"RegionId": REGION, "NetworkInterfaceId": tagged}),
        ),
    ];
    for (action, body) in calls {
        let _ = post_as(&bin, &own, action, body).await;
    }
    for eni in [tagged, primary] {
        let (status, body) = post_as(
            &bin,
            &own,
            "DescribeNetworkInterfaceAttribute",
            json!({"RegionId": REGION, "NetworkInterfaceId": eni}),
        )
        .await;
        assert_eq!(status, 200, "{eni} still exists: {body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_real_backend_without_sign_in_needs_the_printed_link() {
    let sim = tether_sim::Simulator::new(tether_sim::SimConfig::for_tests(vec![(
        "LINKTESTKEY".into(),
        "link-test-secret".into(),
    )]));
    let addr = tether_sim::spawn(sim, "127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{addr}");
    let bin = Binary::start(
        "link",
        &["--endpoint", &endpoint, "--access-key-id", "LINKTESTKEY"],
        &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "link-test-secret")],
    )
    .await;
    let line = bin
        .line_with("/signin-token?token=")
        .expect("the link is printed");
    let link = line[line.find("http://").unwrap()..].trim().to_owned();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let session = |cookie: Option<String>| {
        let mut req = http.get(format!("{}/api/session", bin.url));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    let refused = session(None).await.unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(
        body["Code"], "Tether.SignInLinkNeeded",
        "the app says what to do: {body}"
    );
    let wrong = http
        .get(format!("{}/signin-token?token=0000", bin.url))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    assert!(wrong.headers().get("set-cookie").is_none());
    let opened = http.get(&link).send().await.unwrap();
    assert_eq!(opened.status().as_u16(), 303);
    let cookie = opened.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_owned();
    assert_eq!(session(Some(pair)).await.unwrap().status().as_u16(), 200);
}
