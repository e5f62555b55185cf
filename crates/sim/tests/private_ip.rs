//! AssignPrivateIpAddresses and UnassignPrivateIpAddresses through the router, and the managed
//! ENI that refuses every change: counts before and after, exact codes and statuses.

mod common;

use common::*;
use serde_json::Value;
use tether_sim::seed::demo_id;
use tether_sim::{Simulator, demo_ids};

fn hz(kind: &str, name: &str) -> String {
    demo_id(kind, HZ, name)
}

/// The ENI's private IPs, as DescribeNetworkInterfaceAttribute lists them, primary first.
async fn ips_of(router: &axum::Router, eni: &str) -> Vec<(String, bool)> {
    let body = ok(
        router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", eni)],
    )
    .await;
    body["PrivateIpSets"]["PrivateIpSet"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|ip| {
            (
                ip["PrivateIpAddress"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                ip["Primary"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

/// The vSwitch's `AvailableIpAddressCount`, as DescribeVSwitches answers it.
async fn free_in(router: &axum::Router, vsw: &str) -> u64 {
    let body = ok(
        router,
        "DescribeVSwitches",
        &[("RegionId", HZ), ("VSwitchId", vsw)],
    )
    .await;
    body["VSwitches"]["VSwitch"][0]["AvailableIpAddressCount"]
        .as_u64()
        .unwrap_or(u64::MAX)
}

fn addresses(answer: &Value) -> Vec<String> {
    answer["AssignedPrivateIpAddressesSet"]["PrivateIpSet"]["PrivateIpAddress"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|ip| ip.as_str().map(str::to_owned))
        .collect()
}

fn assign<'a>(eni: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut params = vec![("RegionId", HZ), ("NetworkInterfaceId", eni)];
    params.extend_from_slice(extra);
    params
}

#[tokio::test]
async fn assign_by_count_adds_secondary_ips_taken_from_the_vswitch() {
    let ids = demo_ids();
    let router = sim().router();
    let eni = ids.eni_available_a_g.as_str();
    let free = free_in(&router, &ids.vsw_a_g).await;
    assert_eq!(ips_of(&router, eni).await.len(), 1);
    let answer = ok(
        &router,
        "AssignPrivateIpAddresses",
        &assign(eni, &[("SecondaryPrivateIpAddressCount", "3")]),
    )
    .await;
    assert_eq!(
        answer["AssignedPrivateIpAddressesSet"]["NetworkInterfaceId"],
        eni
    );
    let new = addresses(&answer);
    assert_eq!(new.len(), 3, "{answer}");
    let ips = ips_of(&router, eni).await;
    assert_eq!(ips.len(), 4);
    assert!(ips[0].1 && ips[1..].iter().all(|(_, primary)| !primary));
    let listed: Vec<String> = ips[1..].iter().map(|(ip, _)| ip.clone()).collect();
    assert_eq!(listed, new);
    assert!(new.iter().all(|ip| ip.starts_with("192.168.1.")));
    assert_eq!(free_in(&router, &ids.vsw_a_g).await, free - 3);
}

#[tokio::test]
async fn assign_explicit_addresses_and_refuse_taken_foreign_or_repeated_ones() {
    let ids = demo_ids();
    let router = sim().router();
    let (eni, other) = (
        ids.eni_available_a_g.as_str(),
        ids.eni_available_a_g_2.as_str(),
    );
    let free = free_in(&router, &ids.vsw_a_g).await;
    let answer = ok(
        &router,
        "AssignPrivateIpAddresses",
        &assign(
            eni,
            &[
                ("PrivateIpAddress.1", "192.168.1.200"),
                ("PrivateIpAddress.2", "192.168.1.201"),
            ],
        ),
    )
    .await;
    assert_eq!(addresses(&answer), ["192.168.1.200", "192.168.1.201"]);
    assert_eq!(free_in(&router, &ids.vsw_a_g).await, free - 2);

    let refused = [
        (
            vec![("PrivateIpAddress.1", "192.168.1.200")],
            400,
            "InvalidPrivateIpAddress.Duplicated",
        ),
        (
            vec![("PrivateIpAddress.1", "192.168.2.20")],
            403,
            "InvalidVSwitchId.IpInvalid",
        ),
        (
            vec![("PrivateIpAddress.1", "192.168.1.254")],
            403,
            "InvalidVSwitchId.IpInvalid",
        ),
        (
            vec![
                ("PrivateIpAddress.1", "192.168.1.210"),
                ("PrivateIpAddress.2", "192.168.1.210"),
            ],
            403,
            "InvalidIp.IpRepeated",
        ),
        (
            vec![
                ("PrivateIpAddress.1", "192.168.1.210"),
                ("SecondaryPrivateIpAddressCount", "1"),
            ],
            400,
            "InvalidParameter.Conflict",
        ),
        (vec![], 400, "MissingParameter"),
        (
            vec![("SecondaryPrivateIpAddressCount", "50")],
            400,
            "InvalidParameter",
        ),
        (vec![("Ipv4PrefixCount", "1")], 400, "UnsupportedParameter"),
    ];
    for (extra, status, code) in refused {
        let got = call(&router, "AssignPrivateIpAddresses", &assign(other, &extra)).await;
        assert_error(&got, status, code);
    }
    assert_eq!(
        ips_of(&router, other).await.len(),
        1,
        "nothing was assigned"
    );
    assert_eq!(free_in(&router, &ids.vsw_a_g).await, free - 2);
    let missing = call(
        &router,
        "AssignPrivateIpAddresses",
        &assign(
            "eni-bp1doesnotexist000001",
            &[("SecondaryPrivateIpAddressCount", "1")],
        ),
    )
    .await;
    assert_error(&missing, 404, "InvalidEniId.NotFound");
}

#[tokio::test]
async fn an_available_eni_holds_the_primary_and_49_more() {
    let ids = demo_ids();
    let router = sim().router();
    let eni = ids.eni_available_a_g.as_str();
    let count = |n: &'static str| assign(eni, &[("SecondaryPrivateIpAddressCount", n)]);
    ok(&router, "AssignPrivateIpAddresses", &count("40")).await;
    let over = call(&router, "AssignPrivateIpAddresses", &count("10")).await;
    assert_error(&over, 403, "InvalidOperation.Ipv4CountExceeded");
    assert_eq!(ips_of(&router, eni).await.len(), 41);
    ok(&router, "AssignPrivateIpAddresses", &count("9")).await;
    assert_eq!(ips_of(&router, eni).await.len(), 50);
    let full = call(&router, "AssignPrivateIpAddresses", &count("1")).await;
    assert_error(&full, 403, "InvalidOperation.Ipv4CountExceeded");
    assert_eq!(ips_of(&router, eni).await.len(), 50);
}

#[tokio::test]
async fn an_attached_eni_holds_what_its_instance_type_allows() {
    let ids = demo_ids();
    let router = sim().router();
    // On api-full, an ecs.g6.large: EniPrivateIpAddressQuantity 6, the primary included.
    let eni = ids.eni_in_use_secondary.as_str();
    let count = |n: &'static str| assign(eni, &[("SecondaryPrivateIpAddressCount", n)]);
    let over = call(&router, "AssignPrivateIpAddresses", &count("6")).await;
    assert_error(&over, 403, "InvalidOperation.Ipv4CountExceeded");
    assert!(
        over.1["Message"]
            .as_str()
            .unwrap_or_default()
            .contains("ecs.g6.large"),
        "{}",
        over.1
    );
    assert_eq!(ips_of(&router, eni).await.len(), 1);
    ok(&router, "AssignPrivateIpAddresses", &count("5")).await;
    assert_eq!(ips_of(&router, eni).await.len(), 6);
    let full = call(&router, "AssignPrivateIpAddresses", &count("1")).await;
    assert_error(&full, 403, "InvalidOperation.Ipv4CountExceeded");
}

#[tokio::test]
async fn unassign_gives_addresses_back_but_never_the_primary_or_a_foreign_one() {
    let ids = demo_ids();
    let router = sim().router();
    let eni = ids.eni_available_a_g.as_str();
    let answer = ok(
        &router,
        "AssignPrivateIpAddresses",
        &assign(eni, &[("SecondaryPrivateIpAddressCount", "2")]),
    )
    .await;
    let new = addresses(&answer);
    let free = free_in(&router, &ids.vsw_a_g).await;
    let primary = ips_of(&router, eni).await[0].0.clone();
    let unassign = |ip: &str| {
        vec![
            ("RegionId".to_owned(), HZ.to_owned()),
            ("NetworkInterfaceId".to_owned(), eni.to_owned()),
            ("PrivateIpAddress.1".to_owned(), ip.to_owned()),
        ]
    };
    let call_with = |params: Vec<(String, String)>| {
        let router = router.clone();
        async move {
            let borrowed: Vec<(&str, &str)> = params
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            call(&router, "UnassignPrivateIpAddresses", &borrowed).await
        }
    };
    let (status, body) = call_with(unassign(&new[0])).await;
    assert_eq!(status.as_u16(), 200, "{body}");
    assert_eq!(free_in(&router, &ids.vsw_a_g).await, free + 1);
    let left: Vec<String> = ips_of(&router, eni)
        .await
        .into_iter()
        .map(|(ip, _)| ip)
        .collect();
    assert_eq!(left, [primary.clone(), new[1].clone()]);

    let refused_primary = call_with(unassign(&primary)).await;
    assert_error(&refused_primary, 403, "InvalidIp.IpUnassigned");
    let refused_foreign = call_with(unassign(&new[0])).await;
    assert_error(&refused_foreign, 403, "InvalidIp.IpUnassigned");
    assert_eq!(
        refused_foreign.1["Message"],
        format!(
            "The specified IP \"{}\" is not assigned on this ENI.",
            new[0]
        )
    );
    let none = call(
        &router,
        "UnassignPrivateIpAddresses",
        &[("RegionId", HZ), ("NetworkInterfaceId", eni)],
    )
    .await;
    assert_error(&none, 400, "MissingParameter");
    assert_eq!(ips_of(&router, eni).await.len(), 2);
    assert_eq!(free_in(&router, &ids.vsw_a_g).await, free + 1);
}

#[tokio::test]
async fn private_ips_wait_for_a_settled_eni_and_a_primary_enis_instance() {
    let ids = demo_ids();
    let router = sim().router();
    let one = [("SecondaryPrivateIpAddressCount", "1")];
    let stuck = call(
        &router,
        "AssignPrivateIpAddresses",
        &assign(&ids.eni_stuck_detaching, &one),
    )
    .await;
    assert_error(&stuck, 400, "InvalidOperation.InvalidEniState");
    // report-02 is frozen in Stopping: its primary ENI waits.
    let stopping = hz("eni", "report-02-primary");
    let got = call(
        &router,
        "AssignPrivateIpAddresses",
        &assign(&stopping, &one),
    )
    .await;
    assert_error(&got, 400, "InvalidOperation.InvalidEcsState");
    assert_eq!(ips_of(&router, &stopping).await.len(), 1);
    // web-01 is Running: its primary ENI takes one (6 per ENI on its ecs.g6.large).
    let running = hz("eni", "web-01-primary");
    ok(&router, "AssignPrivateIpAddresses", &assign(&running, &one)).await;
    assert_eq!(ips_of(&router, &running).await.len(), 2);
}

#[tokio::test]
async fn a_client_token_replays_the_assignment_instead_of_taking_more() {
    let ids = demo_ids();
    let router = sim().router();
    let eni = ids.eni_available_a_g.as_str();
    let params = assign(
        eni,
        &[
            ("SecondaryPrivateIpAddressCount", "2"),
            ("ClientToken", "assign-once-0001"),
        ],
    );
    let first = addresses(&ok(&router, "AssignPrivateIpAddresses", &params).await);
    let again = addresses(&ok(&router, "AssignPrivateIpAddresses", &params).await);
    assert_eq!(first, again);
    assert_eq!(ips_of(&router, eni).await.len(), 3);
    let other = assign(
        eni,
        &[
            ("SecondaryPrivateIpAddressCount", "3"),
            ("ClientToken", "assign-once-0001"),
        ],
    );
    let got = call(&router, "AssignPrivateIpAddresses", &other).await;
    assert_error(&got, 403, "IdempotentParameterMismatch");
    assert_eq!(ips_of(&router, eni).await.len(), 3);
}

#[tokio::test]
async fn a_service_managed_eni_refuses_every_change() {
    let ids = demo_ids();
    let sim: Simulator = sim();
    let router = sim.router();
    let nat = ids.eni_service_managed.as_str();
    let attr = ok(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", nat)],
    )
    .await;
    assert_eq!(
        (
            &attr["ServiceManaged"],
            &attr["Status"],
            &attr["InstanceId"]
        ),
        (&Value::Bool(true), &Value::from("InUse"), &Value::from(""))
    );
    assert!(
        attr["ServiceID"].as_u64().is_some_and(|id| id > 0),
        "{attr}"
    );
    let before = sim.with_world(|w| w.regions[HZ].clone());
    let web = ids.web_instance.as_str();
    let eni_and = |extra: &[(&'static str, &'static str)]| {
        let mut p = vec![("RegionId", HZ), ("NetworkInterfaceId", nat)];
        p.extend_from_slice(extra);
        p
    };
    let mut attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "AttachNetworkInterface",
            vec![
                ("RegionId", HZ),
                ("NetworkInterfaceId", nat),
                ("InstanceId", web),
            ],
        ),
        (
            "DetachNetworkInterface",
            vec![
                ("RegionId", HZ),
                ("NetworkInterfaceId", nat),
                ("InstanceId", web),
            ],
        ),
        ("DeleteNetworkInterface", eni_and(&[])),
        (
            "ModifyNetworkInterfaceAttribute",
            eni_and(&[("NetworkInterfaceName", "mine-now")]),
        ),
        (
            "AssignPrivateIpAddresses",
            eni_and(&[("SecondaryPrivateIpAddressCount", "1")]),
        ),
    ];
    let primary_ip = ips_of(&router, nat).await[0].0.clone();
    let unassign = eni_and(&[]);
    let mut unassign: Vec<(&str, &str)> = unassign;
    unassign.push(("PrivateIpAddress.1", primary_ip.as_str()));
    attempts.push(("UnassignPrivateIpAddresses", unassign));
    attempts.push((
        "RunInstances",
        vec![
            ("RegionId", HZ),
            ("ImageId", "centos_7_03_64_20G_alibase_20170818.vhd"),
            ("InstanceType", "ecs.g6.large"),
            ("VSwitchId", ids.vsw_a_g.as_str()),
            ("SecurityGroupId", ids.sg_a.as_str()),
            ("NetworkInterface.1.NetworkInterfaceId", nat),
        ],
    ));
    for (action, params) in &attempts {
        let got = call(&router, action, params).await;
        assert_error(&got, 403, "InvalidOperation.EniServiceManaged");
    }
    let after = sim.with_world(|w| w.regions[HZ].clone());
    assert_eq!(after, before, "{} refusals changed nothing", attempts.len());
}
