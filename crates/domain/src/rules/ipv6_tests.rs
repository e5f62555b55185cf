//! Tests of the IPv6 rules.

use super::*;
use crate::lang::Lang;
use crate::model::{EniType, Instance, InstanceStatus, Ipv6Set};
use crate::rules::fixtures::*;

const CIDR: &str = "2408:4005:3a0:7a00::/64";

fn v_switch(ipv6: &str) -> VSwitch {
    serde_json::from_value(serde_json::json!({
        "VSwitchId": vsw().as_str(), "VpcId": vpc_a().as_str(), "ZoneId": "cn-hangzhou-g",
        "CidrBlock": "192.168.1.0/24", "Ipv6CidrBlock": ipv6, "AvailableIpAddressCount": 200
    }))
    .unwrap()
}

fn with_ipv6(n: usize) -> NetworkInterface {
    let mut e = eni();
    e.ipv6_sets = (0..n)
        .map(|k| Ipv6Set {
            ipv6_address: format!("2408:4005:3a0:7a00::{:x}", 0x10 + k),
        })
        .collect::<Vec<_>>()
        .into();
    e
}

fn bound(e: &mut NetworkInterface) -> Instance {
    let i = instance();
    e.status = EniStatus::InUse;
    e.instance_id = Some(i.instance_id.clone());
    i
}

fn assign(
    e: &NetworkInterface,
    inst: Option<&Instance>,
    ipv6: &str,
    wanted: Ipv6Wanted<'_>,
) -> Vec<Reason> {
    let vsw = v_switch(ipv6);
    let mut info = g6_large();
    info.eni_ipv6_address_quantity = 1;
    let ctx = PrivateIpContext {
        eni: e,
        instance: inst,
        instance_type: inst.map(|_| &info),
        v_switch: Some(&vsw),
    };
    can_assign_ipv6(ctx, wanted, &|ip| same_ipv6(ip, "2408:4005:3a0:7a00::99"))
}

fn codes(reasons: &[Reason]) -> Vec<&'static str> {
    reasons.iter().map(|r| r.spec().code).collect()
}

#[test]
fn an_available_eni_takes_10_ipv6_addresses_and_no_more() {
    let e = with_ipv6(3);
    assert!(assign(&e, None, CIDR, Ipv6Wanted::Count(7)).is_empty());
    let reasons = assign(&e, None, CIDR, Ipv6Wanted::Count(8));
    assert_eq!(codes(&reasons), ["InvalidOperation.Ipv6CountExceeded"]);
    assert_eq!(reasons[0].spec().status, 403);
    assert_eq!(
        reasons[0].cloud_message(),
        "The number of eni eni-bp1aaaaaaaaaaaaaaa01 ipv6 address exceeds the limit(10). target instanceType . Assigned:3. Expecting assign:8."
    );
    assert!(
        reasons[0]
            .message(Lang::En)
            .contains("unattached ENI holds")
    );
}

#[test]
fn an_attached_eni_takes_what_its_instance_type_allows() {
    let mut e = with_ipv6(0);
    let i = bound(&mut e);
    assert!(assign(&e, Some(&i), CIDR, Ipv6Wanted::Count(1)).is_empty());
    let reasons = assign(&e, Some(&i), CIDR, Ipv6Wanted::Count(2));
    assert_eq!(
        reasons,
        [Reason::Ipv6Limit {
            eni: e.network_interface_id.to_string(),
            has: 0,
            adding: 2,
            limit: 1,
            instance_type: "ecs.g6.large".into()
        }]
    );
    assert!(reasons[0].message(Lang::En).contains("ecs.g6.large allows"));
    let vsw = v_switch(CIDR);
    let mut none = g6_large();
    none.eni_ipv6_address_quantity = 0;
    let ctx = PrivateIpContext {
        eni: &e,
        instance: Some(&i),
        instance_type: Some(&none),
        v_switch: Some(&vsw),
    };
    let refused = can_assign_ipv6(ctx, Ipv6Wanted::Count(1), &|_| false);
    assert_eq!(codes(&refused), ["InvalidOperation.Ipv6NotSupport"]);
    assert_eq!(
        refused[0].cloud_message(),
        "The instanceType of ecs.g6.large not support ipv6."
    );
}

#[test]
fn a_vswitch_without_ipv6_refuses_with_the_documented_code() {
    let reasons = assign(&with_ipv6(0), None, "", Ipv6Wanted::Count(1));
    assert_eq!(codes(&reasons), ["InvalidVSwitch.Ipv6NotTurnOn"]);
    assert_eq!(reasons[0].spec().status, 403);
    assert_eq!(
        reasons[0].cloud_message(),
        format!(
            "The specified VSwitch \"{}\" ipv6 function not turn on.",
            vsw()
        )
    );
    assert!(!reasons[0].message(Lang::Zh).is_empty());
}

#[test]
fn explicit_addresses_must_be_in_the_block_free_and_named_once() {
    let e = with_ipv6(0);
    let ips = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let good = ips(&["2408:4005:3a0:7a00::20"]);
    assert!(assign(&e, None, CIDR, Ipv6Wanted::Addresses(&good)).is_empty());
    let outside = ips(&["2408:4005:3a0:7b00::20"]);
    assert_eq!(
        codes(&assign(&e, None, CIDR, Ipv6Wanted::Addresses(&outside))),
        ["InvalidIp.Address"]
    );
    let taken = ips(&["2408:4005:3a0:7a00:0:0:0:99"]);
    assert_eq!(
        codes(&assign(&e, None, CIDR, Ipv6Wanted::Addresses(&taken))),
        ["InvalidIp.IpAssigned"]
    );
    let twice = ips(&["2408:4005:3a0:7a00::21", "2408:4005:3a0:7a00::21"]);
    assert_eq!(
        codes(&assign(&e, None, CIDR, Ipv6Wanted::Addresses(&twice))),
        ["InvalidIp.IpRepeated"]
    );
}

#[test]
fn one_address_spelt_two_ways_is_named_twice() {
    let e = with_ipv6(0);
    let twice = vec![
        "2408:4005:3a0:7a00::5".to_owned(),
        "2408:4005:03a0:7a00:0:0:0:5".to_owned(),
        "2408:4005:3A0:7A00::5".to_owned(),
    ];
    assert_eq!(
        codes(&assign(&e, None, CIDR, Ipv6Wanted::Addresses(&twice))),
        ["InvalidIp.IpRepeated"],
        "one reason for the address, however often it comes back"
    );
    assert_eq!(
        canonical_ipv6("2408:4005:03A0:7a00:0:0:0:5"),
        "2408:4005:3a0:7a00::5"
    );
    assert_eq!(canonical_ipv6("not an address"), "not an address");
}

#[test]
fn state_primary_instance_and_management_rules_are_shared_with_private_ips() {
    let mut e = with_ipv6(0);
    let mut i = bound(&mut e);
    e.eni_type = EniType::Primary;
    i.status = InstanceStatus::Starting;
    e.service_managed = true;
    let reasons = assign(&e, Some(&i), CIDR, Ipv6Wanted::Count(1));
    assert_eq!(
        codes(&reasons),
        [
            "InvalidOperation.EniServiceManaged",
            "InvalidOperation.InvalidEcsState"
        ]
    );
    e.service_managed = false;
    e.status = EniStatus::Detaching;
    assert_eq!(
        codes(&assign(&e, Some(&i), CIDR, Ipv6Wanted::Count(1)))[0],
        "InvalidOperation.InvalidEniState"
    );
}

#[test]
fn unassign_takes_only_the_enis_own_addresses() {
    let e = with_ipv6(2);
    let ctx = PrivateIpContext {
        eni: &e,
        instance: None,
        instance_type: None,
        v_switch: None,
    };
    let held = vec!["2408:4005:3a0:7a00:0::10".to_owned()];
    assert!(
        can_unassign_ipv6(ctx, &held, false).is_empty(),
        "any spelling"
    );
    let other = vec!["2408:4005:3a0:7a00::77".to_owned()];
    assert_eq!(
        codes(&can_unassign_ipv6(ctx, &other, false)),
        ["InvalidIp.IpUnassigned"]
    );
    assert_eq!(can_unassign_ipv6(ctx, &held, true), [Reason::Protected]);
}

#[test]
fn ipv6_cidr_membership() {
    assert_eq!(ipv6_in_cidr(CIDR, "2408:4005:3a0:7a00:ffff::1"), Some(true));
    assert_eq!(ipv6_in_cidr(CIDR, "2408:4005:3a0:7a01::1"), Some(false));
    assert_eq!(ipv6_in_cidr(CIDR, "not-an-address"), None);
}
