//! An ENI's security groups through ModifyNetworkInterfaceAttribute `SecurityGroupId.N`: the set
//! is replaced by 1-5 existing groups of the ENI's VPC and of one type; a primary or managed
//! ENI's groups are refused; each refusal with its documented code and nothing changed.

mod common;

use common::*;
use tether_domain::SecurityGroup;
use tether_sim::{Simulator, demo_ids};

/// The ENI's groups as DescribeNetworkInterfaces lists them.
async fn groups_of(router: &axum::Router, eni: &str) -> Vec<String> {
    let body = ok(
        router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("NetworkInterfaceId.1", eni)],
    )
    .await;
    body["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["SecurityGroupIds"]["SecurityGroupId"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g.as_str().map(str::to_owned))
        .collect()
}

/// ModifyNetworkInterfaceAttribute of `eni` with `SecurityGroupId.N` = `groups`.
async fn set_groups(
    router: &axum::Router,
    eni: &str,
    groups: &[&str],
) -> (axum::http::StatusCode, serde_json::Value) {
    let names: Vec<String> = (1..=groups.len())
        .map(|n| format!("SecurityGroupId.{n}"))
        .collect();
    let mut params = vec![("RegionId", HZ), ("NetworkInterfaceId", eni)];
    params.extend(names.iter().map(String::as_str).zip(groups.iter().copied()));
    call(router, "ModifyNetworkInterfaceAttribute", &params).await
}

/// Adds an enterprise security group to VPC A (the demo world has basic ones only).
fn add_enterprise_group(sim: &Simulator) -> String {
    let id = "sg-bp1enterprise00000001";
    let vpc = demo_ids().vpc_a;
    sim.with_world(|w| {
        let group: SecurityGroup = serde_json::from_value(serde_json::json!({
            "SecurityGroupId": id, "VpcId": vpc, "SecurityGroupType": "enterprise",
            "SecurityGroupName": "prod-ent-sg"
        }))
        .expect("a security group");
        let state = w.regions.get_mut(HZ).expect("the demo region");
        state
            .security_groups
            .insert(group.security_group_id.clone(), group);
    });
    id.to_owned()
}

#[tokio::test]
async fn the_set_is_replaced_by_groups_of_the_enis_vpc() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let eni = ids.eni_available_a_g.as_str();
    let (status, body) = set_groups(&r, eni, &[&ids.sg_a_db, &ids.sg_a]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        groups_of(&r, eni).await,
        [ids.sg_a_db.clone(), ids.sg_a.clone()]
    );
}

#[tokio::test]
async fn each_refused_set_gets_its_documented_code_and_changes_nothing() {
    let sim = Simulator::new(config());
    let r = sim.router();
    let ids = demo_ids();
    let enterprise = add_enterprise_group(&sim);
    let eni = ids.eni_available_a_g.as_str();
    let before = groups_of(&r, eni).await;
    let six = [ids.sg_a.as_str(); 6];
    let cases: &[(&[&str], u16, &str)] = &[
        (&six, 400, "InvalidParameter"),
        (
            &["sg-bp1nothere000000001"],
            404,
            "InvalidSecurityGroupId.NotFound",
        ),
        (&[&ids.sg_b], 403, "InvalidOperation.VpcMismatch"),
        (
            &[&ids.sg_a, &enterprise],
            403,
            "EnterpriseGroupLimited.MutliGroupType",
        ),
    ];
    for (groups, status, code) in cases {
        assert_error(&set_groups(&r, eni, groups).await, *status, code);
    }
    assert_eq!(groups_of(&r, eni).await, before);
    let (status, body) = set_groups(&r, eni, &[&enterprise]).await;
    assert_eq!(status, 200, "enterprise groups alone are fine: {body}");
}

#[tokio::test]
async fn a_primary_enis_groups_are_its_instances_and_are_refused_here() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let primary = ids.eni_primary_quota_full.as_str();
    let before = groups_of(&r, primary).await;
    let got = set_groups(&r, primary, &[&ids.sg_a_db]).await;
    assert_error(&got, 403, "InvalidOperation.InvalidEniType");
    assert_eq!(groups_of(&r, primary).await, before);
    // Its name is still the ENI's own to change.
    ok(
        &r,
        "ModifyNetworkInterfaceAttribute",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", primary),
            ("Description", "primary of api-full"),
        ],
    )
    .await;
}

#[tokio::test]
async fn the_managed_eni_refuses_new_groups_with_eni_service_managed() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let managed = ids.eni_service_managed.as_str();
    let got = set_groups(&r, managed, &[&ids.sg_a_db]).await;
    assert_error(&got, 403, "InvalidOperation.EniServiceManaged");
}
