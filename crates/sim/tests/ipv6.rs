//! IPv6 through the router: the demo world's vSwitch with an IPv6 block and the one without,
//! AssignIpv6Addresses and UnassignIpv6Addresses, Ipv6AddressCount/Ipv6Address.N on
//! CreateNetworkInterface, each limit and documented code, and the managed ENI.

mod common;

use common::*;
use serde_json::Value;
use tether_sim::{Simulator, demo_ids};

const BLOCK: &str = "2408:4005:3a0:7a00::/64";

/// The ENI's IPv6 addresses as DescribeNetworkInterfaces lists them.
async fn ipv6_of(router: &axum::Router, eni: &str) -> Vec<String> {
    let body = ok(
        router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("NetworkInterfaceId.1", eni)],
    )
    .await;
    body["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["Ipv6Sets"]["Ipv6Set"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["Ipv6Address"].as_str().map(str::to_owned))
        .collect()
}

fn new_addresses(answer: &Value) -> Vec<String> {
    answer["Ipv6Sets"]["Ipv6Address"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|ip| ip.as_str().map(str::to_owned))
        .collect()
}

fn in_block(ip: &str) -> bool {
    tether_domain::rules::ipv6_in_cidr(BLOCK, ip) == Some(true)
}

#[tokio::test]
async fn one_demo_vswitch_has_an_ipv6_block_and_the_other_none() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let body = ok(
        &r,
        "DescribeVSwitches",
        &[("RegionId", HZ), ("VSwitchId", &ids.vsw_a_g)],
    )
    .await;
    assert_eq!(body["VSwitches"]["VSwitch"][0]["Ipv6CidrBlock"], BLOCK);
    let body = ok(
        &r,
        "DescribeVSwitches",
        &[("RegionId", HZ), ("VSwitchId", &ids.vsw_a_h)],
    )
    .await;
    assert_eq!(body["VSwitches"]["VSwitch"][0]["Ipv6CidrBlock"], "");
}

#[tokio::test]
async fn assign_by_count_gives_addresses_of_the_block_shown_in_ipv6_sets() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_available_a_g;
    let answer = ok(
        &r,
        "AssignIpv6Addresses",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &eni),
            ("Ipv6AddressCount", "2"),
        ],
    )
    .await;
    assert_eq!(answer["NetworkInterfaceId"], eni.as_str());
    let new = new_addresses(&answer);
    assert_eq!(new.len(), 2, "{answer}");
    assert!(new.iter().all(|ip| in_block(ip)), "{new:?}");
    assert_eq!(ipv6_of(&r, &eni).await, new);
    ok(
        &r,
        "UnassignIpv6Addresses",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &eni),
            ("Ipv6Address.1", &new[0]),
        ],
    )
    .await;
    assert_eq!(ipv6_of(&r, &eni).await, [new[1].clone()]);
    let gone = call(
        &r,
        "UnassignIpv6Addresses",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &eni),
            ("Ipv6Address.1", &new[0]),
        ],
    )
    .await;
    assert_error(&gone, 403, "InvalidIp.IpUnassigned");
}

#[tokio::test]
async fn explicit_addresses_must_be_in_the_block_free_and_named_once() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let (a, b) = (
        ids.eni_available_a_g.as_str(),
        ids.eni_available_a_g_2.as_str(),
    );
    let with = |eni: &'static str, ips: &[&'static str]| {
        let mut p = vec![("RegionId", HZ), ("NetworkInterfaceId", eni)];
        let names = ["Ipv6Address.1", "Ipv6Address.2"];
        p.extend(names.iter().copied().zip(ips.iter().copied()));
        p
    };
    let a: &'static str = Box::leak(a.to_owned().into_boxed_str());
    let b: &'static str = Box::leak(b.to_owned().into_boxed_str());
    let answer = ok(
        &r,
        "AssignIpv6Addresses",
        &with(a, &["2408:4005:3a0:7a00::20"]),
    )
    .await;
    assert_eq!(new_addresses(&answer), ["2408:4005:3a0:7a00::20"]);
    let cases: &[(&[&'static str], &str)] = &[
        (&["2408:4005:3a0:7a00:0:0:0:20"], "InvalidIp.IpAssigned"),
        (&["2408:4005:3a0:7b00::20"], "InvalidIp.Address"),
        (
            &["2408:4005:3a0:7a00::21", "2408:4005:3a0:7a00::21"],
            "InvalidIp.IpRepeated",
        ),
    ];
    for (ips, code) in cases {
        let got = call(&r, "AssignIpv6Addresses", &with(b, ips)).await;
        assert_error(&got, 403, code);
    }
    assert_error(
        &call(&r, "AssignIpv6Addresses", &with(b, &["192.168.1.9"])).await,
        400,
        "InvalidParameter",
    );
    assert!(ipv6_of(&r, b).await.is_empty(), "nothing was assigned");
}

#[tokio::test]
async fn an_available_eni_takes_10_and_an_attached_one_its_types_quantity() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let spare = ids.eni_available_a_g.as_str();
    let count = |eni: &str, n: &str| {
        vec![
            ("RegionId", HZ.to_owned()),
            ("NetworkInterfaceId", eni.to_owned()),
            ("Ipv6AddressCount", n.to_owned()),
        ]
    };
    let refs = |p: &[(&'static str, String)]| -> Vec<(&'static str, String)> { p.to_vec() };
    let send = |p: Vec<(&'static str, String)>| {
        let r = r.clone();
        async move {
            let params: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(&r, "AssignIpv6Addresses", &params).await
        }
    };
    assert_eq!(send(refs(&count(spare, "10"))).await.0, 200);
    let over = send(count(spare, "1")).await;
    assert_error(&over, 403, "InvalidOperation.Ipv6CountExceeded");
    assert!(
        over.1["Message"]
            .as_str()
            .is_some_and(|m| m.contains("exceeds the limit(10)")),
        "{}",
        over.1
    );
    // api-full's primary ENI: InUse on an ecs.g6.large, which takes 1 IPv6 address per ENI.
    let primary = ids.eni_primary_quota_full.as_str();
    assert_eq!(send(count(primary, "1")).await.0, 200);
    let over = send(count(primary, "1")).await;
    assert_error(&over, 403, "InvalidOperation.Ipv6CountExceeded");
    assert!(
        over.1["Message"]
            .as_str()
            .is_some_and(|m| m.contains("target instanceType ecs.g6.large")),
        "{}",
        over.1
    );
}

#[tokio::test]
async fn a_vswitch_without_ipv6_refuses_with_ipv6_not_turn_on() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let got = call(
        &r,
        "AssignIpv6Addresses",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_available_a_h),
            ("Ipv6AddressCount", "1"),
        ],
    )
    .await;
    assert_error(&got, 403, "InvalidVSwitch.Ipv6NotTurnOn");
    assert_eq!(
        got.1["Message"],
        format!(
            "The specified VSwitch \"{}\" ipv6 function not turn on.",
            ids.vsw_a_h
        )
    );
}

#[tokio::test]
async fn create_takes_ipv6_addresses_on_an_ipv6_vswitch_only() {
    let sim = Simulator::new(config());
    let r = sim.router();
    let ids = demo_ids();
    let created = ok(
        &r,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("Ipv6AddressCount", "2"),
        ],
    )
    .await;
    let sets = created["Ipv6Sets"]["Ipv6Set"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(sets.len(), 2, "{created}");
    let eni = created["NetworkInterfaceId"].as_str().unwrap_or_default();
    assert_eq!(ipv6_of(&r, eni).await.len(), 2);
    let listed = ok(
        &r,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("Ipv6Address.1", "2408:4005:3a0:7a00::abc"),
        ],
    )
    .await;
    assert_eq!(
        listed["Ipv6Sets"]["Ipv6Set"][0]["Ipv6Address"],
        "2408:4005:3a0:7a00::abc"
    );
    let before = sim.with_world(|w| w.regions[HZ].enis.len());
    let refused = call(
        &r,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_h),
            ("SecurityGroupId", &ids.sg_a),
            ("Ipv6AddressCount", "1"),
        ],
    )
    .await;
    assert_error(&refused, 403, "InvalidVSwitch.Ipv6NotTurnOn");
    assert_eq!(
        sim.with_world(|w| w.regions[HZ].enis.len()),
        before,
        "no ENI left behind"
    );
    let too_many = call(
        &r,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("Ipv6AddressCount", "11"),
        ],
    )
    .await;
    assert_error(&too_many, 400, "InvalidParameter");
}

#[tokio::test]
async fn a_client_token_replays_the_ipv6_assignment() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_available_a_g;
    let params = [
        ("RegionId", HZ),
        ("NetworkInterfaceId", eni.as_str()),
        ("Ipv6AddressCount", "1"),
        ("ClientToken", "ipv6-once"),
    ];
    let first = new_addresses(&ok(&r, "AssignIpv6Addresses", &params).await);
    let again = new_addresses(&ok(&r, "AssignIpv6Addresses", &params).await);
    assert_eq!(first, again);
    assert_eq!(ipv6_of(&r, &eni).await.len(), 1);
}

#[tokio::test]
async fn the_managed_eni_refuses_ipv6_changes_with_eni_service_managed() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_service_managed;
    let got = call(
        &r,
        "AssignIpv6Addresses",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &eni),
            ("Ipv6AddressCount", "1"),
        ],
    )
    .await;
    assert_error(&got, 403, "InvalidOperation.EniServiceManaged");
    let got = call(
        &r,
        "UnassignIpv6Addresses",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &eni),
            ("Ipv6Address.1", "2408:4005:3a0:7a00::1"),
        ],
    )
    .await;
    assert_error(&got, 403, "InvalidOperation.EniServiceManaged");
}

#[tokio::test]
async fn one_address_spelt_two_ways_is_one_address_and_stored_canonically() {
    let sim = Simulator::new(config());
    let r = sim.router();
    let ids = demo_ids();
    let eni = ids.eni_available_a_g.as_str();
    let (short, long) = ("2408:4005:3a0:7a00::5", "2408:4005:03a0:7a00:0:0:0:5");
    let both = [
        ("RegionId", HZ),
        ("NetworkInterfaceId", eni),
        ("Ipv6Address.1", short),
        ("Ipv6Address.2", long),
    ];
    assert_error(
        &call(&r, "AssignIpv6Addresses", &both).await,
        403,
        "InvalidIp.IpRepeated",
    );
    assert!(ipv6_of(&r, eni).await.is_empty(), "nothing was assigned");
    let create = [
        ("RegionId", HZ),
        ("VSwitchId", ids.vsw_a_g.as_str()),
        ("SecurityGroupId", ids.sg_a.as_str()),
        ("Ipv6Address.1", short),
        ("Ipv6Address.2", long),
    ];
    let before = sim.with_world(|w| w.regions[HZ].enis.len());
    assert_error(
        &call(&r, "CreateNetworkInterface", &create).await,
        403,
        "InvalidIp.IpRepeated",
    );
    assert_eq!(sim.with_world(|w| w.regions[HZ].enis.len()), before);

    let one = [
        ("RegionId", HZ),
        ("NetworkInterfaceId", eni),
        ("Ipv6Address.1", long),
    ];
    let answer = ok(&r, "AssignIpv6Addresses", &one).await;
    assert_eq!(new_addresses(&answer), [short], "answered canonically");
    assert_eq!(ipv6_of(&r, eni).await, [short], "stored canonically");
    let again = [
        ("RegionId", HZ),
        ("NetworkInterfaceId", ids.eni_available_a_g_2.as_str()),
        ("Ipv6Address.1", short),
    ];
    assert_error(
        &call(&r, "AssignIpv6Addresses", &again).await,
        403,
        "InvalidIp.IpAssigned",
    );
}
