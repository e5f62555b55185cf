//! The answer corpus (`tests/answers/`, sources in its README): every fixture decodes into its
//! action's answer type, and the values that matter come out as the cloud meant them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};
use tether_domain::params::from_json_strict;
use tether_domain::*;

/// The kinds of fixture; every action has `documented`, `empty` and `newer`.
const KINDS: &[&str] = &[
    "documented",
    "every-field",
    "empty",
    "newer",
    "loose",
    "classic",
];
const REQUIRED_KINDS: &[&str] = &["documented", "empty", "newer"];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/answers")
}

fn text(name: &str) -> String {
    let path = dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Decodes `text` as `A`'s answer, naming the JSON path of the first problem.
fn try_decode<A: Action>(text: &str) -> Result<A::Response, String> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| format!("at {}: {}", e.path(), e.inner()))
}

/// The fixture `<A>.<kind>.json` decoded as `A`'s answer.
fn decode<A: Action>(kind: &str) -> A::Response {
    let name = format!("{}.{kind}.json", A::NAME);
    try_decode::<A>(&text(&name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Decodes `text` as the answer of the action named `action` (the whole allowlist).
fn decode_named(action: &str, text: &str) -> Result<(), String> {
    macro_rules! dispatch {
        ($($a:ty),*) => {
            match action {
                $(n if n == <$a as Action>::NAME => try_decode::<$a>(text).map(drop),)*
                other => Err(format!("{other} is not an allowlisted action")),
            }
        };
    }
    tether_domain::for_each_action!(dispatch)
}

/// Every `<Action>.<kind>.json` in the corpus.
fn fixtures() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        let (action, kind) = stem
            .split_once('.')
            .unwrap_or_else(|| panic!("{name} is not <Action>.<kind>.json"));
        out.push((name.clone(), action.to_owned(), kind.to_owned()));
    }
    out.sort();
    out
}

#[test]
fn every_fixture_decodes_into_its_actions_answer() {
    let all = fixtures();
    assert!(all.len() >= 3 * ALL_ACTIONS.len(), "{} fixtures", all.len());
    let failures: Vec<String> = all
        .iter()
        .filter_map(|(name, action, kind)| {
            if !KINDS.contains(&kind.as_str()) {
                return Some(format!("{name}: unknown kind {kind}"));
            }
            decode_named(action, &text(name))
                .err()
                .map(|e| format!("{name}: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_allowlisted_action_has_a_documented_an_empty_and_a_newer_fixture() {
    let all = fixtures();
    for (action, _, _) in ALL_ACTIONS {
        for kind in REQUIRED_KINDS {
            assert!(
                all.iter().any(|(_, a, k)| a == action && k == kind),
                "{action}.{kind}.json is missing"
            );
        }
    }
}

#[test]
fn every_fixture_names_its_source() {
    for (name, _, _) in fixtures() {
        let value: serde_json::Value = serde_json::from_str(&text(&name)).unwrap();
        let source = value["_source"].as_str().unwrap_or_default();
        assert!(source.len() > 20, "{name} has no _source");
    }
}

#[test]
fn an_empty_instance_id_in_a_create_answer_is_no_instance() {
    // The reproduced failure: CreateNetworkInterface answered with "InstanceId": "".
    let created = decode::<CreateNetworkInterface>("empty").network_interface;
    assert_eq!(created.instance_id, None);
    assert_eq!(created.status, EniStatus::Available);
    assert_eq!(
        created.network_interface_id.as_str(),
        "eni-bp17pdijfczax1huji0001"
    );
    assert_eq!(created.mac_address, "");
    assert!(created.security_group_ids.security_group_id.is_empty());
}

#[test]
fn the_all_empty_list_shows_one_unattached_eni() {
    let answer = decode::<DescribeNetworkInterfaces>("empty");
    assert_eq!(answer.total_count, 0);
    assert_eq!(answer.next_token, "");
    let [eni] = answer
        .network_interface_sets
        .network_interface_set
        .as_slice()
    else {
        panic!("one ENI expected");
    };
    assert_eq!(eni.instance_id, None);
    assert_eq!(
        eni.attachment, None,
        "an Attachment with an empty InstanceId"
    );
    assert_eq!(eni.eni_type, EniType::Secondary);
    assert!(eni.private_ip_sets.private_ip_set.is_empty());
    assert!(eni.tags.tag.is_empty());
    assert!(!eni.delete_on_release);
}

#[test]
fn the_documented_list_reads_as_documented() {
    let answer = decode::<DescribeNetworkInterfaces>("documented");
    assert_eq!((answer.total_count, answer.page_size), (1, 10));
    let eni = &answer.network_interface_sets.network_interface_set[0];
    assert_eq!(eni.status, EniStatus::InUse);
    assert_eq!(eni.eni_type, EniType::Primary);
    assert_eq!(
        eni.instance_id.as_ref().map(InstanceId::as_str),
        Some("i-wz91t9p4j9xsw2pn0001")
    );
    assert_eq!(eni.tag("owner"), Some("lisi"));
    assert!(eni.private_ip_sets.private_ip_set[0].primary);
}

#[test]
fn every_field_gives_the_attachment_and_both_groups() {
    let answer = decode::<DescribeNetworkInterfaces>("every-field");
    let eni = &answer.network_interface_sets.network_interface_set[0];
    let attachment = eni.attachment.as_ref().expect("attached");
    assert_eq!(attachment.instance_id.as_str(), "i-bp67acfmxazb4p0001");
    assert_eq!(attachment.device_index, 1);
    assert_eq!(eni.security_group_ids.security_group_id.len(), 2);
    assert!(eni.delete_on_release);
}

#[test]
fn values_this_version_does_not_know_are_unknown() {
    let enis = decode::<DescribeNetworkInterfaces>("newer")
        .network_interface_sets
        .network_interface_set;
    assert_eq!(enis.len(), 2);
    assert_eq!(enis[0].status, EniStatus::InUse);
    assert_eq!(
        (enis[1].status, enis[1].eni_type),
        (EniStatus::Unknown, EniType::Unknown)
    );
    let instance = decode::<DescribeInstances>("newer")
        .instances
        .instance
        .remove(0);
    assert_eq!(instance.status, InstanceStatus::Unknown);
    let types: Vec<EniType> = instance
        .network_interfaces
        .network_interface
        .iter()
        .map(|n| n.eni_type)
        .collect();
    assert_eq!(types, [EniType::Primary, EniType::Unknown]);
}

#[test]
fn loose_forms_read_as_the_values_they_spell() {
    let answer = decode::<DescribeNetworkInterfaces>("loose");
    assert_eq!((answer.total_count, answer.page_number), (2, 1));
    let [first, second] = answer
        .network_interface_sets
        .network_interface_set
        .as_slice()
    else {
        panic!("two ENIs expected");
    };
    assert_eq!(first.instance_id, None);
    assert_eq!(first.attachment, None);
    assert!(first.delete_on_release, "\"true\"");
    assert_eq!(first.description, "", "null");
    let groups: Vec<&str> = first
        .security_group_ids
        .security_group_id
        .iter()
        .map(|g| g.as_str())
        .collect();
    assert_eq!(groups, ["sg-bp18kz60mefsicfg0001"], "one bare ID");
    assert!(first.private_ip_sets.private_ip_set[0].primary, "\"True\"");
    assert_eq!(second.attachment.as_ref().map(|a| a.device_index), Some(1));
    assert!(!second.delete_on_release, "0");
    assert_eq!(second.tag("tether:protected"), Some("true"), "one bare tag");
    assert!(second.private_ip_sets.private_ip_set.is_empty(), "null");

    let instances = decode::<DescribeInstances>("loose").instances.instance;
    let [instance] = instances.as_slice() else {
        panic!("one bare instance expected");
    };
    assert_eq!((instance.cpu, instance.memory), (2, 8192));
    assert!(instance.io_optimized);
    assert_eq!(instance.instance_name, "42", "a number as text");
    assert_eq!(instance.eni_count(), 1);
    assert_eq!(
        instance
            .vpc_attributes
            .as_ref()
            .unwrap()
            .private_ip_address
            .ip_address,
        ["192.168.1.10"]
    );

    let types = decode::<DescribeInstanceTypes>("loose")
        .instance_types
        .instance_type;
    assert_eq!((types[0].cpu_core_count, types[0].memory_size), (1, 2.0));
    assert_eq!(
        (
            types[0].eni_quantity,
            types[0].eni_private_ip_address_quantity
        ),
        (2, 2)
    );

    let switches = decode::<DescribeVSwitches>("loose").v_switches.v_switch;
    assert_eq!(switches[0].available_ip_address_count, 250);
    assert_eq!(switches[0].v_switch_name, "");

    let run = decode::<RunInstances>("loose");
    assert_eq!(run.instance_id_sets.instance_id_set.len(), 1);
    let created = decode::<CreateNetworkInterface>("loose").network_interface;
    assert_eq!(created.instance_id, None);
    assert_eq!(created.security_group_ids.security_group_id.len(), 1);
}

#[test]
fn every_documented_eni_field_is_read() {
    let enis = decode::<DescribeNetworkInterfaces>("every-field")
        .network_interface_sets
        .network_interface_set;
    let eni = &enis[0];
    assert_eq!(eni.owner_id, "1234560001");
    assert_eq!(eni.service_id, 12_345_678_910);
    assert!(eni.source_dest_check);
    assert_eq!(eni.associated_public_ip.public_ip_address, "116.62.10.20");
    assert_eq!(
        eni.associated_public_ip.allocation_id,
        "eip-2ze88m67qx5z0001"
    );
    let ip = &eni.private_ip_sets.private_ip_set[0];
    assert_eq!(ip.associated_public_ip.public_ip_address, "116.62.10.20");
    assert_eq!(
        eni.ipv6_sets.ipv6_set[0].ipv6_address,
        "2408:4321:180:1701:94c7:bc38:3bfa:1"
    );
    assert_eq!(
        eni.ipv4_prefix_sets.ipv4_prefix_set[0].ipv4_prefix,
        "192.168.1.16/28"
    );
    assert_eq!(
        eni.ipv6_prefix_sets.ipv6_prefix_set[0].ipv6_prefix,
        "2408:4321:180:1701:94c7::/80"
    );
    let attachment = eni.attachment.as_ref().unwrap();
    assert_eq!(attachment.network_card_index, Some(0));
    assert_eq!(attachment.trunk_network_interface_id, None, "\"\" is none");
}

#[test]
fn unset_eni_extras_are_empty_not_errors() {
    let eni = decode::<CreateNetworkInterface>("empty").network_interface;
    assert_eq!(eni.associated_public_ip, AssociatedPublicIp::default());
    assert!(eni.ipv6_sets.ipv6_set.is_empty());
    assert_eq!((eni.service_id, eni.owner_id.as_str()), (0, ""));
    assert!(!eni.source_dest_check);
}

#[test]
fn a_classic_network_instance_is_read_with_no_vpc_beside_a_vpc_one() {
    let instances = decode::<DescribeInstances>("classic").instances.instance;
    let [vpc, classic] = instances.as_slice() else {
        panic!("two instances expected, got {}", instances.len());
    };
    assert_eq!(
        vpc.vpc_id().map(|v| v.as_str()),
        Some("vpc-bp1j7w3gc1cexjqd0001")
    );
    assert_eq!(classic.vpc_id(), None);
    assert_eq!(classic.network(), "classic");
    assert_eq!(classic.instance_id.as_str(), "i-bp67acfmxazb4p0002");
}

#[test]
fn the_older_vpc_page_counts_in_strings() {
    let answer = decode::<DescribeVpcs>("documented");
    assert_eq!((answer.total_count, answer.page_size), (1, 10));
    assert_eq!(answer.vpcs.vpc[0].vpc_name, "vpc1");
}

#[test]
fn run_instances_gives_its_new_ids_with_the_price_as_text_or_number() {
    for kind in ["documented", "every-field"] {
        let ids = decode::<RunInstances>(kind)
            .instance_id_sets
            .instance_id_set;
        assert!(!ids.is_empty(), "{kind}");
    }
    assert_eq!(
        decode::<RunInstances>("documented")
            .instance_id_sets
            .instance_id_set
            .len(),
        3
    );
}

#[test]
fn an_acknowledgement_keeps_its_request_id() {
    let ack = decode::<AttachNetworkInterface>("newer");
    assert_eq!(ack.request_id, "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E");
    assert_eq!(decode::<StopInstance>("empty").request_id, "");
}

#[test]
fn an_assignment_gives_the_new_addresses_and_an_empty_one_gives_none() {
    let set = decode::<AssignPrivateIpAddresses>("documented").assigned_private_ip_addresses_set;
    assert_eq!(set.network_interface_id, "eni-bp14v2sdd3v8htln0001");
    assert_eq!(
        set.private_ip_set.private_ip_address,
        ["192.168.1.20", "192.168.1.21"]
    );
    let empty = decode::<AssignPrivateIpAddresses>("empty").assigned_private_ip_addresses_set;
    assert!(empty.private_ip_set.private_ip_address.is_empty());
    let newer = decode::<AssignPrivateIpAddresses>("newer").assigned_private_ip_addresses_set;
    assert_eq!(newer.private_ip_set.private_ip_address, ["192.168.1.20"]);
}

#[test]
fn an_assignment_answer_with_its_set_null_or_empty_is_still_acknowledged() {
    for set in [r#""""#, "null", "{}"] {
        let text = format!(r#"{{"RequestId":"r","AssignedPrivateIpAddressesSet":{set}}}"#);
        let answer = try_decode::<AssignPrivateIpAddresses>(&text).unwrap();
        assert_eq!(answer.request_id, "r", "{set}");
        assert!(
            answer
                .assigned_private_ip_addresses_set
                .private_ip_set
                .private_ip_address
                .is_empty()
        );
    }
}

#[test]
fn leniency_stops_at_identity_an_eni_without_its_id_is_refused() {
    let no_id = r#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"","Status":"Available","Type":"Secondary",
         "VpcId":"vpc-bp1j7w3gc1cexjqd0001","VSwitchId":"vsw-bp16usj2p27htro30001","ZoneId":"cn-hangzhou-g"}]}}"#;
    let err = try_decode::<DescribeNetworkInterfaces>(no_id).unwrap_err();
    assert!(err.contains("NetworkInterfaceId"), "{err}");
    let bad_count = r#"{"RequestId":"r","TotalCount":"many"}"#;
    assert!(try_decode::<DescribeNetworkInterfaces>(bad_count).is_err());
}

#[test]
fn requests_stay_strict_the_unknown_type_cannot_be_asked_for() {
    let asks = |ty: &str| {
        let body = format!(r#"{{"RegionId":"cn-hangzhou","Type":"{ty}"}}"#);
        from_json_strict::<DescribeNetworkInterfaces>(body.as_bytes())
    };
    assert!(asks("Secondary").is_ok());
    assert!(asks("Unknown").is_err());
    assert!(asks("").is_err());
    let extra = br#"{"RegionId":"cn-hangzhou","InstanceId":""}"#;
    assert!(from_json_strict::<DescribeNetworkInterfaces>(extra).is_err());
}
