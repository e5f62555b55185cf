//! Tests of the private-IP rules.

use super::*;
use crate::model::{PrivateIpSet, PrivateIpSets, VSwitch};
use crate::rules::fixtures::*;

fn v_switch(free: u64) -> VSwitch {
    serde_json::from_value(serde_json::json!({
        "VSwitchId": vsw().as_str(), "VpcId": vpc_a().as_str(), "ZoneId": "cn-hangzhou-g",
        "CidrBlock": "192.168.1.0/24", "AvailableIpAddressCount": free
    }))
    .unwrap()
}

fn with_ips(n: usize) -> NetworkInterface {
    let mut e = eni();
    e.private_ip_sets = (0..n)
        .map(|k| PrivateIpSet::new(format!("192.168.1.{}", 10 + k), k == 0))
        .collect::<Vec<_>>()
        .into();
    e
}

fn bound(n: usize) -> (NetworkInterface, Instance) {
    let mut e = with_ips(n);
    let i = instance();
    e.status = EniStatus::InUse;
    e.instance_id = Some(i.instance_id.clone());
    (e, i)
}

fn nothing_taken(_: &str) -> bool {
    false
}

fn assign(eni: &NetworkInterface, inst: Option<&Instance>, wanted: IpsWanted<'_>) -> Vec<Reason> {
    let vsw = v_switch(200);
    let info = g6_large();
    let ctx = PrivateIpContext {
        eni,
        instance: inst,
        instance_type: inst.map(|_| &info),
        v_switch: Some(&vsw),
    };
    can_assign_private_ips(ctx, wanted, &nothing_taken)
}

fn ctx(eni: &NetworkInterface) -> PrivateIpContext<'_> {
    PrivateIpContext {
        eni,
        instance: None,
        instance_type: None,
        v_switch: None,
    }
}

fn codes(reasons: &[Reason]) -> Vec<&'static str> {
    reasons.iter().map(Reason::code).collect()
}

#[test]
fn an_available_eni_takes_49_secondary_addresses_and_no_more() {
    let e = with_ips(1);
    assert!(assign(&e, None, IpsWanted::Count(49)).is_empty());
    let reasons = assign(&e, None, IpsWanted::Count(50));
    assert_eq!(
        reasons,
        [Reason::PrivateIpLimit {
            ips: 1,
            adding: 50,
            limit: 50,
            instance_type: String::new()
        }]
    );
    let spec = reasons[0].spec();
    assert_eq!(
        (spec.status, spec.code),
        (403, "InvalidOperation.Ipv4CountExceeded")
    );
    assert!(reasons[0].message(crate::Lang::En).contains("49 secondary"));
    assert!(!reasons[0].message(crate::Lang::Zh).is_empty());
    let full = with_ips(50);
    assert_eq!(
        codes(&assign(&full, None, IpsWanted::Count(1))),
        ["private_ip_limit"]
    );
}

#[test]
fn an_attached_eni_takes_up_to_its_types_quantity_counting_the_primary() {
    let (e, i) = bound(4);
    assert!(
        assign(&e, Some(&i), IpsWanted::Count(2)).is_empty(),
        "6 of ecs.g6.large's 6"
    );
    let reasons = assign(&e, Some(&i), IpsWanted::Count(3));
    assert_eq!(
        reasons,
        [Reason::PrivateIpLimit {
            ips: 4,
            adding: 3,
            limit: 6,
            instance_type: "ecs.g6.large".into()
        }]
    );
    assert!(reasons[0].message(crate::Lang::En).contains("ecs.g6.large"));
}

#[test]
fn an_attached_eni_of_unknown_type_leaves_the_quota_to_the_cloud() {
    let (e, _) = bound(6);
    assert!(can_assign_private_ips(ctx(&e), IpsWanted::Count(40), &nothing_taken).is_empty());
}

#[test]
fn private_ips_change_only_while_available_or_in_use() {
    for status in [
        EniStatus::Attaching,
        EniStatus::Detaching,
        EniStatus::Deleting,
        EniStatus::CreateFailed,
    ] {
        let mut e = with_ips(1);
        e.status = status;
        let reasons = assign(&e, None, IpsWanted::Count(1));
        assert_eq!(reasons, [Reason::EniStateForIps { actual: status }]);
        assert_eq!(reasons[0].spec().code, "InvalidOperation.InvalidEniState");
        let ips = ["192.168.1.11".to_owned()];
        let unassign = can_unassign_private_ips(ctx(&e), &ips, false);
        assert_eq!(codes(&unassign), ["eni_state_for_ips", "ip_not_on_eni"]);
    }
}

#[test]
fn a_primary_enis_instance_must_be_running_or_stopped() {
    let (mut e, mut i) = bound(1);
    e.eni_type = EniType::Primary;
    i.status = InstanceStatus::Stopped;
    assert!(assign(&e, Some(&i), IpsWanted::Count(1)).is_empty());
    i.status = InstanceStatus::Starting;
    let reasons = assign(&e, Some(&i), IpsWanted::Count(1));
    assert_eq!(
        reasons,
        [Reason::InstanceState {
            actual: InstanceStatus::Starting
        }]
    );
    assert_eq!(reasons[0].spec().code, "InvalidOperation.InvalidEcsState");
    let (mut secondary, _) = bound(1);
    secondary.eni_type = EniType::Secondary;
    assert!(
        assign(&secondary, Some(&i), IpsWanted::Count(1)).is_empty(),
        "a secondary ENI does not wait for its instance"
    );
}

#[test]
fn an_explicit_address_must_be_free_and_inside_the_vswitch() {
    let e = with_ips(1);
    let vsw = v_switch(200);
    let c = PrivateIpContext {
        v_switch: Some(&vsw),
        ..ctx(&e)
    };
    let taken = |ip: &str| ip == "192.168.1.30";
    let ips: Vec<String> = [
        "192.168.1.20",
        "192.168.2.20",
        "192.168.1.0",
        "192.168.1.253",
        "192.168.1.252",
        "192.168.1.30",
        "192.168.1.20",
    ]
    .map(String::from)
    .to_vec();
    let reasons = can_assign_private_ips(c, IpsWanted::Addresses(&ips), &taken);
    assert_eq!(
        codes(&reasons),
        [
            "ip_repeated",
            "ip_outside_vswitch",
            "ip_outside_vswitch",
            "ip_outside_vswitch",
            "ip_taken"
        ]
    );
    assert_eq!(reasons[1].spec().code, "InvalidVSwitchId.IpInvalid");
    assert_eq!(reasons[4].spec().code, "InvalidPrivateIpAddress.Duplicated");
    assert_eq!(reasons[0].spec().code, "InvalidIp.IpRepeated");
    assert!(
        reasons[1]
            .message(crate::Lang::En)
            .contains("192.168.1.0/24")
    );
}

#[test]
fn a_count_needs_that_many_free_addresses_in_the_vswitch() {
    let e = with_ips(1);
    let vsw = v_switch(2);
    let c = PrivateIpContext {
        v_switch: Some(&vsw),
        ..ctx(&e)
    };
    let reasons = can_assign_private_ips(c, IpsWanted::Count(3), &nothing_taken);
    assert_eq!(reasons, [Reason::NotEnoughFreeIps { wanted: 3, free: 2 }]);
    assert_eq!(reasons[0].spec().code, "InvalidVSwitchId.IpNotEnough");
}

#[test]
fn the_primary_address_cannot_be_unassigned_nor_one_the_eni_lacks() {
    let e = with_ips(3);
    let ok = ["192.168.1.11".to_owned(), "192.168.1.12".to_owned()];
    assert!(can_unassign_private_ips(ctx(&e), &ok, false).is_empty());
    let bad = ["192.168.1.10".to_owned(), "192.168.1.99".to_owned()];
    let reasons = can_unassign_private_ips(ctx(&e), &bad, false);
    assert_eq!(codes(&reasons), ["primary_ip", "ip_not_on_eni"]);
    for r in &reasons {
        assert_eq!(
            (r.spec().status, r.spec().code),
            (403, "InvalidIp.IpUnassigned")
        );
    }
    assert_eq!(
        reasons[1].cloud_message(),
        "The specified IP \"192.168.1.99\" is not assigned on this ENI."
    );
    assert!(!reasons[0].message(crate::Lang::Zh).is_empty());
}

#[test]
fn a_protected_eni_keeps_its_addresses() {
    let e = with_ips(2);
    let ips = ["192.168.1.11".to_owned()];
    assert_eq!(
        can_unassign_private_ips(ctx(&e), &ips, true),
        [Reason::Protected]
    );
    assert!(
        assign(&e, None, IpsWanted::Count(1)).is_empty(),
        "adding is harmless"
    );
}

#[test]
fn a_service_managed_eni_refuses_both_and_says_why_first() {
    let mut e = with_ips(2);
    e.service_managed = true;
    e.status = EniStatus::Attaching;
    let reasons = assign(&e, None, IpsWanted::Count(1));
    assert_eq!(codes(&reasons), ["service_managed", "eni_state_for_ips"]);
    let spec = reasons[0].spec();
    assert_eq!(
        (spec.status, spec.code),
        (403, "InvalidOperation.EniServiceManaged")
    );
    let ips = ["192.168.1.11".to_owned()];
    assert_eq!(
        can_unassign_private_ips(ctx(&e), &ips, false)[0],
        Reason::ServiceManaged
    );
    assert!(!Reason::ServiceManaged.message(crate::Lang::Zh).is_empty());
}

#[test]
fn usable_addresses_exclude_the_reserved_ones() {
    assert_eq!(usable_in_cidr("192.168.1.0/24", "192.168.1.1"), Some(true));
    assert_eq!(
        usable_in_cidr("192.168.1.0/24", "192.168.1.252"),
        Some(true)
    );
    assert_eq!(
        usable_in_cidr("192.168.1.0/24", "192.168.1.253"),
        Some(false)
    );
    assert_eq!(
        usable_in_cidr("192.168.1.0/24", "192.168.0.255"),
        Some(false)
    );
    assert_eq!(usable_in_cidr("", "192.168.1.5"), None);
}

#[test]
fn ip_count_counts_the_primary_even_when_the_sets_are_missing() {
    let mut e = eni();
    e.private_ip_sets = PrivateIpSets::default();
    assert_eq!(private_ip_count(&e), 1);
    assert_eq!(private_ip_count(&with_ips(4)), 4);
}
