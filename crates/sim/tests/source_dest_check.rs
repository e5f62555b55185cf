//! `SourceDestCheck` (the SDK model's name) on ModifyNetworkInterfaceAttribute and
//! CreateNetworkInterface: accepted in any boolean spelling the SDKs send, stored, answered by
//! the Describe calls; the managed ENI refuses it.

mod common;

use common::*;
use tether_sim::{Simulator, demo_ids};

async fn check_of(router: &axum::Router, eni: &str) -> serde_json::Value {
    let body = ok(
        router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", eni)],
    )
    .await;
    body["SourceDestCheck"].clone()
}

#[tokio::test]
async fn modify_turns_the_check_on_and_off_and_describe_answers_it() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_available_a_g;
    assert_eq!(check_of(&r, &eni).await, false, "off by default");
    // The Python SDK sends booleans as `True`/`False`.
    for (sent, now) in [("True", true), ("false", false), ("true", true)] {
        ok(
            &r,
            "ModifyNetworkInterfaceAttribute",
            &[
                ("RegionId", HZ),
                ("NetworkInterfaceId", &eni),
                ("SourceDestCheck", sent),
            ],
        )
        .await;
        assert_eq!(check_of(&r, &eni).await, now, "after {sent}");
    }
    let listed = ok(
        &r,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("NetworkInterfaceId.1", &eni)],
    )
    .await;
    assert_eq!(
        listed["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["SourceDestCheck"],
        true
    );
    let bad = call(
        &r,
        "ModifyNetworkInterfaceAttribute",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &eni),
            ("SourceDestCheck", "maybe"),
        ],
    )
    .await;
    assert_error(&bad, 400, "InvalidParameter");
}

#[tokio::test]
async fn create_sets_the_check() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let created = ok(
        &r,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("SourceDestCheck", "true"),
        ],
    )
    .await;
    assert_eq!(created["SourceDestCheck"], true);
}

#[tokio::test]
async fn the_managed_eni_refuses_the_check_with_eni_service_managed() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_service_managed;
    let got = call(
        &r,
        "ModifyNetworkInterfaceAttribute",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &eni),
            ("SourceDestCheck", "false"),
        ],
    )
    .await;
    assert_error(&got, 403, "InvalidOperation.EniServiceManaged");
}
