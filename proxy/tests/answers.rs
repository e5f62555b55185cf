//! Answers in the cloud's real shapes through an `--endpoint`-style fake endpoint: empty strings
//! for unset IDs, fields Tether does not model. Reads reach the app as sent and decode into the
//! type the app uses; a mutation is checked only for what the proxy needs (its RequestId, the new
//! resource's ID) and otherwise forwarded as sent.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use std::sync::Arc;
use tether::audit::{AuditFilter, AuditLog};
use tether::state::AppState;
use tether_domain::{Action, CreateNetworkInterface, DescribeInstances, DescribeNetworkInterfaces};

/// The corpus fixture `<name>` of the domain crate (the answers it decodes, in the cloud's shapes).
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../crates/domain/tests/answers/", $name))
    };
}

/// The state of a proxy (one attempt per call) whose endpoint answers every call with `body`.
async fn state_answering(body: &'static str) -> AppState {
    common::state_to(&common::canned_endpoint(200, body).await)
}

/// POSTs `body` to `/api/<action>` as the app does; the status and the body's bytes.
async fn post(app: axum::Router, action: &str, body: serde_json::Value) -> (StatusCode, Vec<u8>) {
    let req = Request::post(format!("/api/{action}"))
        .header("content-type", "application/json")
        .header("x-tether-request", "1")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = tower::ServiceExt::oneshot(app, req).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, bytes.to_vec())
}

fn create_request() -> serde_json::Value {
    json!({"RegionId": "cn-hangzhou", "VSwitchId": "vsw-bp16usj2p27htro30001", "SecurityGroupId": "sg-bp18kz60mefsicfg0001"})
}

#[tokio::test]
async fn an_eni_list_with_empty_instance_ids_and_new_fields_reaches_the_app_as_its_list() {
    // (answer, ENIs listed, the one sent with "InstanceId": "" or null)
    for (answer, enis, unattached) in [
        (fixture!("DescribeNetworkInterfaces.empty.json"), 1, 0),
        (fixture!("DescribeNetworkInterfaces.newer.json"), 2, 1),
        (fixture!("DescribeNetworkInterfaces.loose.json"), 2, 0),
    ] {
        let app = tether::app(state_answering(answer).await);
        let (status, body) = post(
            app,
            "DescribeNetworkInterfaces",
            json!({"RegionId": "cn-hangzhou"}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        assert_eq!(body, answer.as_bytes(), "forwarded as the endpoint sent it");
        // What the app does with it (frontend `api::call`): the action's answer type.
        let list: <DescribeNetworkInterfaces as Action>::Response =
            serde_json::from_slice(&body).unwrap();
        let shown = &list.network_interface_sets.network_interface_set;
        assert_eq!(shown.len(), enis);
        assert_eq!(
            shown[0].network_interface_id.as_str(),
            "eni-bp17pdijfczax1huji0001"
        );
        assert_eq!(shown[unattached].instance_id, None, "no instance");
        assert_eq!(shown[unattached].attachment, None, "no attachment");
    }
}

#[tokio::test]
async fn an_instance_list_with_a_classic_network_instance_reaches_the_app_as_its_list() {
    let answer = fixture!("DescribeInstances.classic.json");
    let app = tether::app(state_answering(answer).await);
    let (status, body) = post(app, "DescribeInstances", json!({"RegionId": "cn-hangzhou"})).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(body, answer.as_bytes(), "forwarded as the endpoint sent it");
    let list: <DescribeInstances as Action>::Response = serde_json::from_slice(&body).unwrap();
    let networks: Vec<&str> = list
        .instances
        .instance
        .iter()
        .map(|i| i.network())
        .collect();
    assert_eq!(networks, ["vpc-bp1j7w3gc1cexjqd0001", "classic"]);
}

#[tokio::test]
async fn a_create_answer_with_empty_strings_and_new_fields_is_acknowledged_and_forwarded() {
    // Issue 15's reproduction: a CreateNetworkInterface answer with "InstanceId": "" was a 502.
    for answer in [
        fixture!("CreateNetworkInterface.empty.json"),
        fixture!("CreateNetworkInterface.newer.json"),
        fixture!("CreateNetworkInterface.loose.json"),
    ] {
        let app = tether::app(state_answering(answer).await);
        let (status, body) = post(app, "CreateNetworkInterface", create_request()).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        assert_eq!(body, answer.as_bytes());
        let created: <CreateNetworkInterface as Action>::Response =
            serde_json::from_slice(&body).unwrap();
        assert_eq!(created.network_interface.instance_id, None);
    }
}

/// A create answer with its ID and RequestId, and a VPC ID the answer type cannot read.
const UNREADABLE_CREATE: &str = r#"{"RequestId":"AB-7","NetworkInterfaceId":"eni-bp17pdijfczax1huji0009","VpcId":"","VSwitchId":"vsw-bp16usj2p27htro30001","ZoneId":"cn-hangzhou-g","Status":"Available","Type":"Secondary","InstanceId":"","QoSConfig":{"EnableQoS":false}}"#;

#[tokio::test]
async fn a_create_answer_its_type_cannot_read_is_forwarded_and_audited_with_the_new_id() {
    let dir = std::env::temp_dir().join(format!("tether-answers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let audit = Arc::new(AuditLog::open(&dir.join("audit.db")).unwrap());
    let mut state = state_answering(UNREADABLE_CREATE).await;
    state.audit = Some(audit.clone());
    let (status, body) = post(
        tether::app(state),
        "CreateNetworkInterface",
        create_request(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(body, UNREADABLE_CREATE.as_bytes());
    let records = audit.query(&AuditFilter::default(), 10).await.unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].outcome, "ok");
    assert!(
        records[0].resources.contains("eni-bp17pdijfczax1huji0009"),
        "{:?}",
        records[0].resources
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_mutation_answer_without_what_the_proxy_needs_is_not_forwarded() {
    for (action, request, answer) in [
        // No RequestId: the change cannot be tied to the cloud's record of it.
        (
            "StartInstance",
            json!({"InstanceId": "i-bp67acfmxazb4p0001"}),
            r#"{"Extra":1}"#,
        ),
        (
            "StartInstance",
            json!({"InstanceId": "i-bp67acfmxazb4p0001"}),
            r#"{"RequestId":""}"#,
        ),
        // A create without the new resource's ID.
        (
            "CreateNetworkInterface",
            create_request(),
            r#"{"RequestId":"AB-8","NetworkInterfaceId":"","InstanceId":""}"#,
        ),
    ] {
        let app = tether::app(state_answering(answer).await);
        let (status, body) = post(app, action, request).await;
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(status, StatusCode::BAD_GATEWAY, "{answer}: {body}");
        assert_eq!(body["Code"], "Tether.UpstreamInvalid", "{answer}: {body}");
    }
}

#[tokio::test]
async fn an_acknowledgement_with_fields_of_a_newer_version_is_forwarded() {
    // StartInstance without a region: the proxy sends it alone (an Attach is preceded by the
    // delete-protection lookup, which this fake endpoint would answer with the same body).
    let answer = fixture!("StartInstance.newer.json");
    let app = tether::app(state_answering(answer).await);
    let request = json!({"InstanceId": "i-bp67acfmxazb4p0001"});
    let (status, body) = post(app, "StartInstance", request).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(body, answer.as_bytes());
}
