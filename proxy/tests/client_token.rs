//! A create whose answer is lost: the endpoint does the first CreateNetworkInterface, then
//! answers 503 as if it had failed, so the proxy retries. The ClientToken the proxy gave the
//! create must make the retry return that ENI, never a second one (V1 and V3).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header::CONTENT_TYPE};
use axum::response::IntoResponse;
use common::{KEY_ID, SECRET, call};
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tether::cloud::{CloudClient, RetryPolicy, SignatureVersion, Target};
use tower::ServiceExt;

const REGION: &str = "cn-hangzhou";
const LOST: &str = r#"{"Code":"ServiceUnavailable","Message":"The request has failed due to a temporary failure of the server.","RequestId":"LOST-ANSWER-0001"}"#;

fn is_create(req: &Request<Body>) -> bool {
    let v1 = req
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|p| p == "Action=CreateNetworkInterface"));
    let v3 = req
        .headers()
        .get("x-acs-action")
        .is_some_and(|a| a == "CreateNetworkInterface");
    v1 || v3
}

/// An endpoint in front of `sim` that passes everything through, except that the answer to the
/// first CreateNetworkInterface (which the simulator did) is replaced by a 503.
async fn losing_the_first_create(
    sim: &tether_sim::Simulator,
    creates: Arc<AtomicUsize>,
) -> SocketAddr {
    let sim_router = sim.router();
    let endpoint = axum::Router::new().fallback(move |req: Request<Body>| {
        let (sim_router, creates) = (sim_router.clone(), creates.clone());
        async move {
            let create = is_create(&req);
            let answer = sim_router.oneshot(req).await.unwrap();
            if create && creates.fetch_add(1, Ordering::SeqCst) == 0 {
                assert_eq!(
                    answer.status(),
                    StatusCode::OK,
                    "the simulator did the create"
                );
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(CONTENT_TYPE, "application/json")],
                    LOST,
                )
                    .into_response();
            }
            answer
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, endpoint).await });
    addr
}

fn proxy_to(addr: SocketAddr, signature: SignatureVersion) -> axum::Router {
    let client = CloudClient::new(
        Target::BaseUrl(format!("http://{addr}")),
        tether_signer::Credentials::new(KEY_ID, SECRET),
        signature,
    )
    .unwrap()
    .with_retry(RetryPolicy {
        max_attempts: 3,
        base_delay: std::time::Duration::from_millis(5),
        max_delay: std::time::Duration::from_millis(20),
    });
    let backend = tether_domain::api::BackendInfo {
        kind: tether_domain::api::BackendKind::Endpoint,
        endpoint: addr.to_string(),
    };
    tether::app(tether::state::AppState::new(
        client,
        backend,
        tether::state::Policy::default(),
    ))
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_retried_into_exactly_one_eni() {
    for signature in [SignatureVersion::V1, SignatureVersion::V3] {
        let sim = tether_sim::Simulator::new(tether_sim::SimConfig::for_tests(vec![(
            KEY_ID.into(),
            SECRET.into(),
        )]));
        let creates = Arc::new(AtomicUsize::new(0));
        let app = proxy_to(
            losing_the_first_create(&sim, creates.clone()).await,
            signature,
        );
        let (_, vsws) = call(&app, "DescribeVSwitches", json!({"RegionId": REGION})).await;
        let vsw = &vsws["VSwitches"]["VSwitch"][0];
        let (_, sgs) = call(
            &app,
            "DescribeSecurityGroups",
            json!({"RegionId": REGION, "VpcId": vsw["VpcId"]}),
        )
        .await;
        let sg = &sgs["SecurityGroups"]["SecurityGroup"][0]["SecurityGroupId"];
        let enis = || sim.with_world(|w| w.regions[REGION].enis.len());
        let before = enis();

        // No ClientToken from the app: the proxy gives the create its own.
        let (status, created) = call(
            &app,
            "CreateNetworkInterface",
            json!({"RegionId": REGION, "VSwitchId": vsw["VSwitchId"], "SecurityGroupIds": [sg]}),
        )
        .await;

        assert_eq!(status, StatusCode::OK, "{signature:?}: {created}");
        assert_eq!(
            creates.load(Ordering::SeqCst),
            2,
            "{signature:?}: the lost answer was retried once"
        );
        assert_eq!(enis(), before + 1, "{signature:?}: one ENI, not two");
        let id = created["NetworkInterfaceId"].as_str().unwrap().to_owned();
        assert!(
            sim.with_world(|w| w.regions[REGION].enis.keys().any(|k| k.to_string() == id)),
            "{signature:?}: the answer names the ENI that was made"
        );
    }
}
