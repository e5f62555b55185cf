//! Property test: for every action, `to_params → from_params` gives back the same request, and
//! so does the app's JSON.

use super::*;
use proptest::prelude::*;

fn round_trips<A: Action>(action: A) -> Result<(), TestCaseError> {
    let params = action.to_params();
    let back =
        A::from_params(&params).map_err(|e| TestCaseError::fail(format!("{e} in {params:?}")))?;
    prop_assert_eq!(&back, &action);
    let json = serde_json::to_vec(&action).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let from_json: A =
        crate::params::from_json_strict(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(from_json, action);
    Ok(())
}

macro_rules! round_trip_tests {
    ($($test:ident: $action:ty),* $(,)?) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            $(
                #[test]
                fn $test(action in any::<$action>()) {
                    round_trips(action)?;
                }
            )*
        }

        #[test]
        fn every_allowlisted_action_has_a_round_trip_test() {
            let tested = [$(<$action as Action>::NAME),*];
            for (name, _, _) in ALL_ACTIONS {
                assert!(tested.contains(name), "{name} has no round-trip test");
            }
            assert_eq!(tested.len(), ALL_ACTIONS.len());
        }
    };
}

round_trip_tests! {
    describe_regions_round_trips: DescribeRegions,
    describe_zones_round_trips: DescribeZones,
    describe_instance_types_round_trips: DescribeInstanceTypes,
    describe_images_round_trips: DescribeImages,
    describe_security_groups_round_trips: DescribeSecurityGroups,
    describe_instances_round_trips: DescribeInstances,
    run_instances_round_trips: RunInstances,
    start_instance_round_trips: StartInstance,
    stop_instance_round_trips: StopInstance,
    reboot_instance_round_trips: RebootInstance,
    delete_instance_round_trips: DeleteInstance,
    create_network_interface_round_trips: CreateNetworkInterface,
    describe_network_interfaces_round_trips: DescribeNetworkInterfaces,
    describe_network_interface_attribute_round_trips: DescribeNetworkInterfaceAttribute,
    attach_network_interface_round_trips: AttachNetworkInterface,
    detach_network_interface_round_trips: DetachNetworkInterface,
    delete_network_interface_round_trips: DeleteNetworkInterface,
    modify_network_interface_attribute_round_trips: ModifyNetworkInterfaceAttribute,
    assign_ipv6_addresses_round_trips: AssignIpv6Addresses,
    unassign_ipv6_addresses_round_trips: UnassignIpv6Addresses,
    tag_resources_round_trips: TagResources,
    untag_resources_round_trips: UntagResources,
    list_tag_resources_round_trips: ListTagResources,
    assign_private_ip_addresses_round_trips: AssignPrivateIpAddresses,
    unassign_private_ip_addresses_round_trips: UnassignPrivateIpAddresses,
    describe_vpcs_round_trips: DescribeVpcs,
    describe_vswitches_round_trips: DescribeVSwitches,
}

#[test]
fn run_instances_flattens_network_interfaces_as_alibaba_names_them() {
    let run = RunInstances {
        region_id: "cn-hangzhou".parse().unwrap(),
        zone_id: None,
        image_id: "centos_7_03_64_20G_alibase_20170818.vhd".parse().unwrap(),
        instance_type: "ecs.g6.large".parse().unwrap(),
        security_group_id: None,
        v_switch_id: None,
        instance_name: None,
        amount: None,
        client_token: Some("tok-1".into()),
        dry_run: None,
        io_optimized: None,
        network_interface: vec![
            RunNetworkInterface {
                instance_type: crate::EniType::Primary,
                v_switch_id: Some("vsw-bp1aaaa01".parse().unwrap()),
                security_group_ids: vec!["sg-bp1aaaa01".parse().unwrap()],
                ..Default::default()
            },
            RunNetworkInterface {
                delete_on_release: Some(false),
                ..Default::default()
            },
        ],
        tag: vec![crate::TagParam {
            key: "env".into(),
            value: "prod".into(),
        }],
    };
    let p = run.to_params();
    assert_eq!(p["Tag.1.Key"], "env");
    assert_eq!(p["Tag.1.Value"], "prod");
    assert_eq!(p["NetworkInterface.1.InstanceType"], "Primary");
    assert_eq!(p["NetworkInterface.1.VSwitchId"], "vsw-bp1aaaa01");
    assert_eq!(p["NetworkInterface.1.SecurityGroupIds.1"], "sg-bp1aaaa01");
    assert_eq!(p["NetworkInterface.2.DeleteOnRelease"], "false");
    assert!(!p.contains_key("Amount"), "absent options are not sent");
}

#[test]
fn validated_requests_carry_every_field_error() {
    let create = CreateNetworkInterface {
        primary_ip_address: Some("10.0.0".into()),
        network_interface_name: Some("1".into()),
        ..CreateNetworkInterface::new(
            "cn-hangzhou".parse().unwrap(),
            "vsw-bp1aaaa01".parse().unwrap(),
        )
    };
    let errors = Validated::new(create.clone()).unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "NetworkInterfaceName",
            "NetworkInterfaceName",
            "PrimaryIpAddress",
            "SecurityGroupIds"
        ]
    );
    let ok = CreateNetworkInterface {
        security_group_ids: vec!["sg-bp1aaaa01".parse().unwrap()],
        primary_ip_address: None,
        network_interface_name: Some("web-eni".into()),
        ..create
    };
    let mut valid = Validated::new(ok).unwrap();
    valid.ensure_client_token(|| "generated".into());
    assert_eq!(valid.get().client_token.as_deref(), Some("generated"));
}

#[test]
fn more_than_twenty_tags_are_refused_on_instance_actions() {
    let tag = |n: usize| crate::TagParam {
        key: format!("k{n}"),
        value: String::new(),
    };
    let mut describe = DescribeInstances::region("cn-hangzhou".parse().unwrap());
    describe.tag = (0..20).map(tag).collect();
    assert!(Validated::new(describe.clone()).is_ok());
    describe.tag.push(tag(20));
    let errors = Validated::new(describe).unwrap_err();
    assert_eq!(errors[0].field, "Tag");
    assert_eq!(errors[0].problem, crate::FieldProblem::TagCount(21));
}

#[test]
fn create_takes_listed_secondary_ips_or_a_count_never_both() {
    let mut create = CreateNetworkInterface {
        security_group_ids: vec!["sg-bp1aaaa01".parse().unwrap()],
        private_ip_address: vec!["192.168.1.20".into(), "192.168.1.21".into()],
        queue_number: Some(8),
        resource_group_id: Some("rg-acfmprodteam0001".into()),
        ..CreateNetworkInterface::new(
            "cn-hangzhou".parse().unwrap(),
            "vsw-bp1aaaa01".parse().unwrap(),
        )
    };
    let p = create.to_params();
    assert_eq!(p["PrivateIpAddress.2"], "192.168.1.21");
    assert_eq!(p["QueueNumber"], "8");
    assert_eq!(p["ResourceGroupId"], "rg-acfmprodteam0001");
    assert!(Validated::new(create.clone()).is_ok());
    create.secondary_private_ip_address_count = Some(2);
    let errors = Validated::new(create.clone()).unwrap_err();
    assert_eq!(errors[0].field, "PrivateIpAddress");
    assert_eq!(errors[0].spec().code, "InvalidParameter.Conflict");
    create.secondary_private_ip_address_count = None;
    create.private_ip_address = (0..11).map(|n| format!("192.168.1.{n}")).collect();
    create.queue_number = Some(2049);
    let fields: Vec<_> = Validated::new(create)
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["PrivateIpAddress", "QueueNumber"]);
}
