//! Delete protection holds against sequences of allowed calls, not only against the one call
//! that names the ENI: marking a protected ENI DeleteOnRelease (Modify or RunInstances) and
//! releasing an instance whose release would delete one are refused, and a check that cannot
//! be made refuses too.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::http::StatusCode;
use common::{Setup, call, setup_with};
use serde_json::{Value, json};
use tether::cloud::SignatureVersion;
use tether::state::Policy;

const REGION: &str = "cn-hangzhou";

async fn exists(s: &Setup, eni: &str) -> bool {
    let (status, body) = call(
        &s.app,
        "DescribeNetworkInterfaceAttribute",
        json!({"RegionId": REGION, "NetworkInterfaceId": eni}),
    )
    .await;
    match status {
        StatusCode::OK => body["NetworkInterfaceId"] == eni,
        StatusCode::NOT_FOUND => false,
        other => panic!("unexpected {other}: {body}"),
    }
}

fn refused_naming(status: StatusCode, body: &Value, what: &str) {
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["Code"], "Tether.Forbidden", "{body}");
    assert!(body["Message"].as_str().unwrap().contains(what), "{body}");
}

#[tokio::test]
async fn the_reproduced_bypass_modify_attach_release_leaves_the_tagged_eni_alive() {
    let s = setup_with(Policy::default(), SignatureVersion::V1).await;
    let ids = tether_sim::demo_ids();
    let eni = ids.eni_protected.as_str();
    let (status, body) = call(
        &s.app,
        "ModifyNetworkInterfaceAttribute",
        json!({"RegionId": REGION, "NetworkInterfaceId": eni, "DeleteOnRelease": true}),
    )
    .await;
    refused_naming(status, &body, "released with its instance");
    // Renaming and DeleteOnRelease=false stay allowed.
    let (status, body) = call(
        &s.app,
        "ModifyNetworkInterfaceAttribute",
        json!({"RegionId": REGION, "NetworkInterfaceId": eni, "DeleteOnRelease": false, "NetworkInterfaceName": "kept"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = call(
        &s.app,
        "AttachNetworkInterface",
        json!({"RegionId": REGION, "NetworkInterfaceId": eni, "InstanceId": ids.web_instance}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = call(
        &s.app,
        "DeleteInstance",
        json!({"RegionId": REGION, "InstanceId": ids.web_instance, "Force": true}),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a release that only detaches it is fine: {body}"
    );
    assert!(exists(&s, eni).await, "the protected ENI survived");
}

#[tokio::test]
async fn releasing_an_instance_that_would_delete_a_protected_eni_is_refused_naming_it() {
    let ids = tether_sim::demo_ids();
    // The quota-full instance's primary ENI goes with the instance; protect it by configuration.
    let policy = Policy {
        protected_enis: vec![ids.eni_primary_quota_full.clone()],
        ..Policy::default()
    };
    let s = setup_with(policy, SignatureVersion::V1).await;
    let (status, body) = call(
        &s.app,
        "DeleteInstance",
        json!({"RegionId": REGION, "InstanceId": ids.quota_full_instance, "Force": true}),
    )
    .await;
    refused_naming(status, &body, &ids.eni_primary_quota_full);
    assert!(exists(&s, &ids.eni_primary_quota_full).await);
    // Another instance without protected ENIs is released as before.
    let (status, body) = call(
        &s.app,
        "DeleteInstance",
        json!({"RegionId": REGION, "InstanceId": ids.web_instance, "Force": true}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_delete_on_release_eni_protected_later_blocks_the_release() {
    let ids = tether_sim::demo_ids();
    let eni = ids.eni_available_a_g.clone();
    let policy = Policy {
        protected_enis: vec![eni.clone()],
        ..Policy::default()
    };
    let s = setup_with(policy, SignatureVersion::V1).await;
    // Marked DeleteOnRelease and attached while it was not protected (the same simulator,
    // through a portal without the list), then protected by configuration.
    let mut before = s.state.clone();
    before.policy = std::sync::Arc::new(Policy::default());
    let before = tether::app(before);
    for (action, body) in [
        (
            "ModifyNetworkInterfaceAttribute",
            json!({"RegionId": REGION, "NetworkInterfaceId": eni, "DeleteOnRelease": true}),
        ),
        (
            "AttachNetworkInterface",
            json!({"RegionId": REGION, "NetworkInterfaceId": eni, "InstanceId": ids.web_instance}),
        ),
    ] {
        let (status, answer) = call(&before, action, body).await;
        assert_eq!(status, StatusCode::OK, "{action}: {answer}");
    }
    let (status, body) = call(
        &s.app,
        "DeleteInstance",
        json!({"RegionId": REGION, "InstanceId": ids.web_instance, "Force": true}),
    )
    .await;
    refused_naming(status, &body, &eni);
    assert!(exists(&s, &eni).await);
    // Without a region the ENIs cannot be listed: refused, not sent.
    let (status, body) = call(
        &s.app,
        "DeleteInstance",
        json!({"InstanceId": ids.web_instance, "Force": true}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(exists(&s, &eni).await);
}

#[tokio::test]
async fn run_instances_may_not_take_a_protected_eni_with_delete_on_release() {
    let s = setup_with(Policy::default(), SignatureVersion::V1).await;
    let ids = tether_sim::demo_ids();
    let (_, images) = call(&s.app, "DescribeImages", json!({"RegionId": REGION})).await;
    let image = images["Images"]["Image"][0]["ImageId"].clone();
    let run = |delete_on_release: Option<bool>| {
        json!({
            "RegionId": REGION, "InstanceType": "ecs.g6.large", "ImageId": image,
            "NetworkInterface": [
                {"InstanceType": "Primary", "VSwitchId": ids.vsw_a_g, "SecurityGroupIds": [ids.sg_a]},
                {"NetworkInterfaceId": ids.eni_protected, "DeleteOnRelease": delete_on_release}
            ]
        })
    };
    let (status, body) = call(&s.app, "RunInstances", run(Some(true))).await;
    refused_naming(status, &body, "released with its instance");
    // Omitted, the API's default for a secondary ENI is true: refused too.
    let (status, body) = call(&s.app, "RunInstances", run(None)).await;
    refused_naming(status, &body, "released with its instance");
    assert_eq!(
        s.sim.stats().by_action.get("RunInstances"),
        None,
        "nothing was sent"
    );
    let (status, body) = call(&s.app, "RunInstances", run(Some(false))).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "kept on release, it may be taken: {body}"
    );
}

#[tokio::test]
async fn a_protection_lookup_that_fails_refuses_instead_of_allowing() {
    let s = setup_with(Policy::default(), SignatureVersion::V1).await;
    let ids = tether_sim::demo_ids();
    s.sim.set_faults(tether_sim::FaultConfig {
        rules: vec![tether_sim::FaultRule {
            action: Some("DescribeNetworkInterfaceAttribute".into()),
            mutating_only: false,
            kind: tether_sim::FaultKind::InternalError,
            probability: 1.0,
        }],
        scenario: None,
    });
    let (status, body) = call(
        &s.app,
        "DeleteNetworkInterface",
        json!({"RegionId": REGION, "NetworkInterfaceId": ids.eni_available_a_g}),
    )
    .await;
    assert!(status.is_server_error(), "{status} {body}");
    s.sim.set_faults(tether_sim::FaultConfig::none());
    assert!(
        exists(&s, &ids.eni_available_a_g).await,
        "nothing was deleted"
    );
}

#[tokio::test]
async fn naming_another_region_does_not_hide_an_instances_protected_enis() {
    let ids = tether_sim::demo_ids();
    let policy = Policy {
        protected_enis: vec![ids.eni_primary_quota_full.clone()],
        allowed_regions: vec!["cn-hangzhou".into(), "cn-shanghai".into()],
    };
    let s = setup_with(policy, SignatureVersion::V1).await;
    // The instance is in cn-hangzhou; listed in cn-shanghai its ENIs would not be seen.
    let (status, body) = call(
        &s.app,
        "DeleteInstance",
        json!({"RegionId": "cn-shanghai", "InstanceId": ids.quota_full_instance, "Force": true}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["Code"], "InvalidInstanceId.NotFound", "{body}");
    assert_eq!(
        s.sim.stats().by_action.get("DeleteInstance"),
        None,
        "nothing released"
    );
    assert!(exists(&s, &ids.eni_primary_quota_full).await);
}

#[tokio::test]
async fn a_protected_eni_marked_delete_on_release_may_not_be_attached() {
    let ids = tether_sim::demo_ids();
    let s = setup_with(Policy::default(), SignatureVersion::V1).await;
    // Created DeleteOnRelease=true while unprotected, then protected by configuration.
    let (status, created) = call(
        &s.app,
        "CreateNetworkInterface",
        json!({"RegionId": REGION, "VSwitchId": ids.vsw_a_g, "SecurityGroupIds": [ids.sg_a], "DeleteOnRelease": true}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let eni = created["NetworkInterfaceId"].as_str().unwrap().to_owned();
    let mut protected = s.state.clone();
    protected.policy = std::sync::Arc::new(Policy {
        protected_enis: vec![eni.clone()],
        ..Policy::default()
    });
    let app = tether::app(protected);
    let attach =
        json!({"RegionId": REGION, "NetworkInterfaceId": eni, "InstanceId": ids.web_instance});
    let (status, body) = call(&app, "AttachNetworkInterface", attach.clone()).await;
    refused_naming(status, &body, "released with its instance");
    // Turned off, it may be attached: its release would only detach it.
    let off = json!({"RegionId": REGION, "NetworkInterfaceId": eni, "DeleteOnRelease": false});
    let (status, body) = call(&app, "ModifyNetworkInterfaceAttribute", off).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = call(&app, "AttachNetworkInterface", attach).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_protected_eni_takes_new_addresses_but_keeps_the_ones_it_has() {
    let s = setup_with(Policy::default(), SignatureVersion::V1).await;
    let eni = tether_sim::demo_ids().eni_protected;
    let ips_on_eni = || {
        s.sim.with_world(|w| {
            w.regions[REGION].enis[&eni.parse().unwrap()]
                .private_ip_sets
                .private_ip_set
                .len()
        })
    };
    let (status, body) = call(
        &s.app,
        "AssignPrivateIpAddresses",
        json!({"RegionId": REGION, "NetworkInterfaceId": eni, "SecondaryPrivateIpAddressCount": 1}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "adding endangers nothing: {body}");
    let ip = body["AssignedPrivateIpAddressesSet"]["PrivateIpSet"]["PrivateIpAddress"][0].clone();
    assert!(ip.is_string(), "{body}");
    assert_eq!(ips_on_eni(), 2);
    let (status, body) = call(
        &s.app,
        "UnassignPrivateIpAddresses",
        json!({"RegionId": REGION, "NetworkInterfaceId": eni, "PrivateIpAddress": [ip]}),
    )
    .await;
    refused_naming(status, &body, "tether:protected");
    assert_eq!(ips_on_eni(), 2, "the address stayed on the protected ENI");
}
