//! ENI actions through the router: success shapes, every documented refusal, the lifecycle,
//! idempotency and paging.

mod common;

use common::*;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tether_sim::{ManualClock, Simulator, Speed, demo_ids};

async fn status_of(router: &axum::Router, eni: &str) -> Value {
    let body = ok(
        router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", eni)],
    )
    .await;
    body["Status"].clone()
}

#[tokio::test]
async fn create_returns_an_available_eni_with_an_address_of_the_vswitch() {
    let ids = demo_ids();
    let router = sim().router();
    let body = ok(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("NetworkInterfaceName", "db-replica"),
            ("Tag.1.Key", "team"),
            ("Tag.1.Value", "data"),
        ],
    )
    .await;
    assert_eq!(body["Status"], "Available");
    assert_eq!(body["Type"], "Secondary");
    assert_eq!(body["VpcId"], ids.vpc_a.as_str());
    assert_eq!(body["DeleteOnRelease"], false);
    assert!(
        body["PrivateIpAddress"]
            .as_str()
            .is_some_and(|ip| ip.starts_with("192.168.1."))
    );
    assert!(
        body["MacAddress"]
            .as_str()
            .is_some_and(|m| m.starts_with("00:16:3e:"))
    );
    assert!(
        body["NetworkInterfaceId"]
            .as_str()
            .is_some_and(|id| id.starts_with("eni-bp1") && id.len() == 24)
    );
    assert_eq!(body["Tags"]["Tag"][0]["TagKey"], "team");
}

#[tokio::test]
async fn create_applies_listed_private_ips_resource_group_and_queue_number() {
    let ids = demo_ids();
    let router = sim().router();
    let body = ok(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("PrivateIpAddress.1", "192.168.1.200"),
            ("PrivateIpAddress.2", "192.168.1.201"),
            ("ResourceGroupId", "rg-acfmprodteam0001"),
            ("QueueNumber", "4"),
        ],
    )
    .await;
    let ips: Vec<(&str, bool)> = body["PrivateIpSets"]["PrivateIpSet"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|ip| {
            (
                ip["PrivateIpAddress"].as_str().unwrap_or_default(),
                ip["Primary"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(ips.len(), 3, "{body}");
    assert!(ips[0].1, "the primary comes first");
    assert_eq!(
        &ips[1..],
        [("192.168.1.200", false), ("192.168.1.201", false)]
    );
    assert_eq!(body["ResourceGroupId"], "rg-acfmprodteam0001");
    assert_eq!(body["QueueNumber"], 4);
    assert_eq!(body["ServiceManaged"], false);
    let eni = body["NetworkInterfaceId"].as_str().unwrap_or_default();

    // The same parameters filter DescribeNetworkInterfaces.
    let listed = |filter: &'static [(&'static str, &'static str)]| {
        let router = router.clone();
        async move {
            let mut params = vec![("RegionId", HZ)];
            params.extend_from_slice(filter);
            let body = ok(&router, "DescribeNetworkInterfaces", &params).await;
            body["NetworkInterfaceSets"]["NetworkInterfaceSet"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| {
                    e["NetworkInterfaceId"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        listed(&[("PrivateIpAddress.1", "192.168.1.201")]).await,
        [eni]
    );
    assert_eq!(
        listed(&[("ResourceGroupId", "rg-acfmprodteam0001")]).await,
        [eni]
    );
    // Only the demo world's NAT gateway ENI is a service's.
    assert_eq!(
        listed(&[("ServiceManaged", "true")]).await,
        [demo_ids().eni_service_managed]
    );
    assert!(
        listed(&[("ServiceManaged", "false"), ("PageSize", "100")])
            .await
            .len()
            > 15
    );
}

#[tokio::test]
async fn create_refuses_an_unknown_resource_group_and_ips_given_both_ways() {
    let ids = demo_ids();
    let router = sim().router();
    let base = [
        ("RegionId", HZ),
        ("VSwitchId", ids.vsw_a_g.as_str()),
        ("SecurityGroupId", ids.sg_a.as_str()),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut params = base.to_vec();
        params.extend_from_slice(extra);
        params
    };
    let got = call(
        &router,
        "CreateNetworkInterface",
        &with(&[("ResourceGroupId", "rg-nosuchgroup0001")]),
    )
    .await;
    // CreateNetworkInterface's table: code and message verbatim.
    assert_error(&got, 404, "InvalidResourceGroup.NotFound");
    assert_eq!(
        got.1["Message"],
        "The ResourceGroup provided does not exist in our records."
    );
    let got = call(
        &router,
        "CreateNetworkInterface",
        &with(&[
            ("PrivateIpAddress.1", "192.168.1.210"),
            ("SecondaryPrivateIpAddressCount", "2"),
        ]),
    )
    .await;
    assert_error(&got, 400, "InvalidParameter.Conflict");
    let got = call(
        &router,
        "CreateNetworkInterface",
        &with(&[("QueueNumber", "4096")]),
    )
    .await;
    assert_error(&got, 400, "InvalidParameter");
}

#[tokio::test]
async fn create_refuses_unknown_vswitch_foreign_group_and_taken_ip() {
    let ids = demo_ids();
    let router = sim().router();
    let got = call(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", "vsw-bp1nosuchswitch000"),
            ("SecurityGroupId", &ids.sg_a),
        ],
    )
    .await;
    assert_error(&got, 404, "InvalidVSwitchId.NotFound");
    let got = call(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", "sg-bp1nosuchgroup00000"),
        ],
    )
    .await;
    assert_error(&got, 404, "InvalidSecurityGroupId.NotFound");
    let got = call(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("PrimaryIpAddress", "192.168.1.1"),
        ],
    )
    .await;
    assert_error(&got, 400, "InvalidPrivateIpAddress.Duplicated");
    let got = call(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("PrimaryIpAddress", "10.0.0.9"),
        ],
    )
    .await;
    assert_error(&got, 403, "InvalidVSwitchId.IpInvalid");
}

#[tokio::test]
async fn missing_and_invalid_parameters_are_refused_before_anything_happens() {
    let ids = demo_ids();
    let router = sim().router();
    let got = call(
        &router,
        "CreateNetworkInterface",
        &[("RegionId", HZ), ("SecurityGroupId", &ids.sg_a)],
    )
    .await;
    assert_error(&got, 400, "MissingParameter");
    assert_eq!(
        got.1["Message"],
        "The input parameter \"VSwitchId\" that is mandatory for processing this request is not supplied."
    );
    let got = call(
        &router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("PageSize", "lots")],
    )
    .await;
    assert_error(&got, 400, "InvalidParameter");
    let got = call(
        &router,
        "AttachNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", "not-an-eni"),
            ("InstanceId", &ids.web_instance),
        ],
    )
    .await;
    assert_error(&got, 400, "InvalidParameter");
    let got = call(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
            ("NetworkInterfaceName", "9starts-with-digit"),
        ],
    )
    .await;
    assert_error(&got, 400, "InvalidParameter");
    let got = call(&router, "DescribeZones", &[("RegionId", "xx-nowhere")]).await;
    assert_error(&got, 404, "InvalidRegionId.NotFound");
}

/// Tag parameters, the code and the message they get.
type TagCase = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

#[tokio::test]
async fn field_errors_use_the_documented_codes_and_messages() {
    let ids = demo_ids();
    let router = sim().router();
    let create = |extra: &[(&'static str, &'static str)]| {
        let mut params = vec![
            ("RegionId", HZ.to_owned()),
            ("VSwitchId", ids.vsw_a_g.clone()),
            ("SecurityGroupId", ids.sg_a.clone()),
        ];
        params.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        let router = router.clone();
        async move {
            let borrowed: Vec<(&str, &str)> =
                params.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(&router, "CreateNetworkInterface", &borrowed).await
        }
    };
    // The ENI tables list no `...Malformed` code for a name or description: InvalidParameter.
    let got = create(&[("NetworkInterfaceName", "9starts-with-digit")]).await;
    assert_error(&got, 400, "InvalidParameter");
    assert!(
        got.1["Message"].as_str().is_some_and(
            |m| m.starts_with("The specified parameter \"NetworkInterfaceName\" is not valid.")
        ),
        "{}",
        got.1
    );
    let got = create(&[("Description", "https://example.com/eni")]).await;
    assert_error(&got, 400, "InvalidParameter");
    // Tags: codes and messages verbatim from the CreateNetworkInterface error table.
    let cases: [TagCase; 4] = [
        (
            &[("Tag.1.Key", "team"), ("Tag.2.Key", "team")],
            "Duplicate.TagKey",
            "The Tag.N.Key contain duplicate key.",
        ),
        (
            &[("Tag.1.Key", "aliyun:owner")],
            "InvalidTagKey.Malformed",
            "The specified Tag.n.Key is not valid.",
        ),
        (
            &[("Tag.1.Key", "")],
            "InvalidTagKey.Malformed",
            "The specified Tag.n.Key is not valid.",
        ),
        (
            &[("Tag.1.Key", "team"), ("Tag.1.Value", "acs:data")],
            "InvalidTagValue.Malformed",
            "The specified Tag.n.Value is not valid.",
        ),
    ];
    for (tags, code, message) in cases {
        let got = create(tags).await;
        assert_error(&got, 400, code);
        assert_eq!(got.1["Message"], message);
    }
}

#[tokio::test]
async fn refusals_speak_alibabas_words() {
    let ids = demo_ids();
    let router = sim().router();
    let got = call(
        &router,
        "AttachNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_in_use_secondary),
            ("InstanceId", &ids.web_instance),
        ],
    )
    .await;
    assert_error(&got, 400, "InvalidOperation.InvalidEniState");
    // The template of reference §5.2, with the statuses filled in.
    assert_eq!(
        got.1["Message"],
        "The operation is not allowed in the current ENI state. Expecting status is \"Available\" while current status is \"InUse\"."
    );
    let got = call(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", "eni-bp1nosuchenixxxxxxxx"),
        ],
    )
    .await;
    assert_error(&got, 404, "InvalidEniId.NotFound");
    assert_eq!(
        got.1["Message"],
        "The specified EniId \"eni-bp1nosuchenixxxxxxxx\" is not found."
    );
    let got = call(
        &router,
        "AttachNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_available_a_h),
            ("InstanceId", &ids.web_instance),
        ],
    )
    .await;
    assert_error(&got, 403, "InvalidOperation.AvailabilityZoneMismatch");
    assert_eq!(
        got.1["Message"],
        "The VPC VSwitch of the specified ENI and ECS instance are not in the same availability zone."
    );
}

#[tokio::test]
async fn lifecycle_create_attach_detach_delete_through_the_router() {
    let ids = demo_ids();
    let router = sim().router();
    let created = ok(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
        ],
    )
    .await;
    let eni = created["NetworkInterfaceId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let both = [
        ("RegionId", HZ),
        ("NetworkInterfaceId", eni.as_str()),
        ("InstanceId", ids.web_instance.as_str()),
    ];
    ok(&router, "AttachNetworkInterface", &both).await;
    let listed = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("NetworkInterfaceId.1", &eni)],
    )
    .await;
    assert_eq!(
        listed["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["Status"],
        "InUse"
    );
    assert_eq!(
        listed["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["InstanceId"],
        ids.web_instance.as_str()
    );
    let inst = ok(
        &router,
        "DescribeInstances",
        &[
            ("RegionId", HZ),
            ("InstanceIds", &format!("[\"{}\"]", ids.web_instance)),
        ],
    )
    .await;
    assert_eq!(
        inst["Instances"]["Instance"][0]["NetworkInterfaces"]["NetworkInterface"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    ok(&router, "DetachNetworkInterface", &both).await;
    assert_eq!(status_of(&router, &eni).await, "Available");
    ok(
        &router,
        "DeleteNetworkInterface",
        &[("RegionId", HZ), ("NetworkInterfaceId", &eni)],
    )
    .await;
    let listed = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("NetworkInterfaceId.1", &eni)],
    )
    .await;
    assert_eq!(listed["TotalCount"], 0);
    let got = call(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", &eni)],
    )
    .await;
    assert_error(&got, 404, "InvalidEniId.NotFound");
}

#[tokio::test]
async fn at_demo_speed_attaching_is_visible_until_the_delay_passes() {
    let ids = demo_ids();
    let clock = ManualClock::starting_now();
    let sim = Simulator::with_clock(config(), Arc::new(clock.clone()));
    sim.set_speed(Speed::Demo);
    let router = sim.router();
    let eni = ids.eni_available_a_g.as_str();
    ok(
        &router,
        "AttachNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", eni),
            ("InstanceId", &ids.web_instance),
        ],
    )
    .await;
    assert_eq!(status_of(&router, eni).await, "Attaching");
    clock.advance(Duration::from_millis(1_500));
    assert_eq!(status_of(&router, eni).await, "InUse");
}

#[tokio::test]
async fn attach_refusals_carry_alibaba_codes() {
    let ids = demo_ids();
    let router = sim().router();
    let attach = |eni: &str, instance: &str| {
        let (e, i) = (eni.to_owned(), instance.to_owned());
        let router = router.clone();
        async move {
            call(
                &router,
                "AttachNetworkInterface",
                &[
                    ("RegionId", HZ),
                    ("NetworkInterfaceId", &e),
                    ("InstanceId", &i),
                ],
            )
            .await
        }
    };
    assert_error(
        &attach(&ids.eni_in_use_secondary, &ids.web_instance).await,
        400,
        "InvalidOperation.InvalidEniState",
    );
    assert_error(
        &attach(&ids.eni_available_a_g, &ids.pre_2018_instance).await,
        400,
        "InvalidOperation.InvalidEcsState",
    );
    assert_error(
        &attach(&ids.eni_available_a_g, &ids.t5_instance).await,
        400,
        "InvalidOperation.InvalidEcsState",
    );
    assert_error(
        &attach(&ids.eni_vpc_b, &ids.web_instance).await,
        403,
        "InvalidOperation.VpcMismatch",
    );
    assert_error(
        &attach(&ids.eni_available_a_h, &ids.web_instance).await,
        403,
        "InvalidOperation.AvailabilityZoneMismatch",
    );
    assert_error(
        &attach(&ids.eni_available_a_g, &ids.quota_full_instance).await,
        403,
        "EniPerInstanceLimitExceeded",
    );
    // Generation I (ecs.t1.small): the attach table's own code, not RunInstances'.
    assert_error(
        &attach(&ids.eni_available_a_g, &ids.not_io_optimized_instance).await,
        400,
        "InvalidOperation.InvalidGeneration",
    );
    assert_error(
        &attach("eni-bp1nosuchenixxxxxxxx", &ids.web_instance).await,
        404,
        "InvalidEniId.NotFound",
    );
}

#[tokio::test]
async fn attach_and_detach_with_an_unknown_instance_are_invalid_ecs_id_not_found() {
    let ids = demo_ids();
    let router = sim().router();
    for (action, eni) in [
        ("AttachNetworkInterface", &ids.eni_available_a_g),
        ("DetachNetworkInterface", &ids.eni_in_use_secondary),
    ] {
        let got = call(
            &router,
            action,
            &[
                ("RegionId", HZ),
                ("NetworkInterfaceId", eni),
                ("InstanceId", "i-bp1nosuchinstance0000"),
            ],
        )
        .await;
        // The ENI API's own code and message (reference §5.2), not the instance API's.
        assert_error(&got, 404, "InvalidEcsId.NotFound");
        assert_eq!(
            got.1["Message"], "The specified EcsId is not found.",
            "{action}"
        );
    }
}

#[tokio::test]
async fn attach_refuses_an_eni_with_more_private_ips_than_the_instance_type_allows() {
    let ids = demo_ids();
    let router = sim().router();
    let create = |secondaries: &'static str| {
        let router = router.clone();
        let (vsw, sg) = (ids.vsw_a_g.clone(), ids.sg_a.clone());
        async move {
            let body = ok(
                &router,
                "CreateNetworkInterface",
                &[
                    ("RegionId", HZ),
                    ("VSwitchId", &vsw),
                    ("SecurityGroupId", &sg),
                    ("SecondaryPrivateIpAddressCount", secondaries),
                ],
            )
            .await;
            body["NetworkInterfaceId"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
    };
    let attach = |eni: String| {
        let router = router.clone();
        let web = ids.web_instance.clone();
        async move {
            call(
                &router,
                "AttachNetworkInterface",
                &[
                    ("RegionId", HZ),
                    ("NetworkInterfaceId", &eni),
                    ("InstanceId", &web),
                ],
            )
            .await
        }
    };
    // web-01 is an ecs.g6.large: EniPrivateIpAddressQuantity 6 (reference §7.1).
    let seven = create("6").await;
    assert_error(
        &attach(seven).await,
        403,
        "InvalidOperation.Ipv4CountExceeded",
    );
    let six = create("5").await;
    assert_eq!(attach(six).await.0, 200);
}

#[tokio::test]
async fn reboot_cures_the_2018_rule() {
    let ids = demo_ids();
    let router = sim().router();
    ok(
        &router,
        "RebootInstance",
        &[("InstanceId", &ids.pre_2018_instance)],
    )
    .await;
    ok(
        &router,
        "AttachNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_available_a_g),
            ("InstanceId", &ids.pre_2018_instance),
        ],
    )
    .await;
}

#[tokio::test]
async fn detach_refuses_the_primary_and_reissue_frees_a_stuck_eni() {
    let ids = demo_ids();
    let router = sim().router();
    let got = call(
        &router,
        "DetachNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_primary_quota_full),
            ("InstanceId", &ids.quota_full_instance),
        ],
    )
    .await;
    assert_error(&got, 400, "InvalidOperation.DetachPrimaryEniNotAllowed");
    assert_eq!(
        status_of(&router, &ids.eni_stuck_detaching).await,
        "Detaching"
    );
    ok(
        &router,
        "DetachNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_stuck_detaching),
            ("InstanceId", &ids.stuck_host_instance),
        ],
    )
    .await;
    assert_eq!(
        status_of(&router, &ids.eni_stuck_detaching).await,
        "Available"
    );
}

#[tokio::test]
async fn delete_refuses_an_attached_eni_and_modify_changes_fields() {
    let ids = demo_ids();
    let router = sim().router();
    let got = call(
        &router,
        "DeleteNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_in_use_secondary),
        ],
    )
    .await;
    assert_error(&got, 400, "InvalidOperation.InvalidEniState");
    let eni = ids.eni_available_a_g.as_str();
    ok(
        &router,
        "ModifyNetworkInterfaceAttribute",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", eni),
            ("NetworkInterfaceName", "renamed"),
            ("SecurityGroupId.1", &ids.sg_a_db),
            ("DeleteOnRelease", "True"),
        ],
    )
    .await;
    let body = ok(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", eni)],
    )
    .await;
    assert_eq!(body["NetworkInterfaceName"], "renamed");
    assert_eq!(body["DeleteOnRelease"], true);
    assert_eq!(
        body["SecurityGroupIds"]["SecurityGroupId"][0],
        ids.sg_a_db.as_str()
    );
}

#[tokio::test]
async fn a_security_group_of_another_vpc_is_vpc_mismatch_on_create_and_modify() {
    let ids = demo_ids();
    let router = sim().router();
    let create = [
        ("RegionId", HZ),
        ("VSwitchId", ids.vsw_a_g.as_str()),
        ("SecurityGroupId", ids.sg_b.as_str()),
    ];
    let modify = [
        ("RegionId", HZ),
        ("NetworkInterfaceId", ids.eni_available_a_g.as_str()),
        ("SecurityGroupId.1", ids.sg_b.as_str()),
    ];
    for (action, params) in [
        ("CreateNetworkInterface", &create),
        ("ModifyNetworkInterfaceAttribute", &modify),
    ] {
        let got = call(&router, action, params).await;
        // Reference §5.2, the ENI tables' code and message (RunInstances has its own).
        assert_error(&got, 403, "InvalidOperation.VpcMismatch");
        assert_eq!(
            got.1["Message"],
            "The VPC of the specified ENI and security group are not in the same VPC.",
            "{action}"
        );
    }
}

#[tokio::test]
async fn client_token_returns_the_same_eni_and_refuses_other_parameters() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    let params = [
        ("RegionId", HZ),
        ("VSwitchId", ids.vsw_a_g.as_str()),
        ("SecurityGroupId", ids.sg_a.as_str()),
        ("ClientToken", "tok-1"),
    ];
    let before = sim.with_world(|w| w.regions[HZ].enis.len());
    let first = ok(&router, "CreateNetworkInterface", &params).await;
    let again = ok(&router, "CreateNetworkInterface", &params).await;
    assert_eq!(first["NetworkInterfaceId"], again["NetworkInterfaceId"]);
    // The same answer is not enough: the retry must not have made a second ENI either.
    let count = sim.with_world(|w| w.regions[HZ].enis.len());
    assert_eq!(count, before + 1, "one ENI for one token");
    let got = call(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_h),
            ("SecurityGroupId", &ids.sg_a),
            ("ClientToken", "tok-1"),
        ],
    )
    .await;
    assert_error(&got, 403, "IdempotentParameterMismatch");
    assert_eq!(sim.with_world(|w| w.regions[HZ].enis.len()), count);
}

#[tokio::test]
async fn both_paging_styles_and_filters_work() {
    let ids = demo_ids();
    let router = sim().router();
    let total = ok(&router, "DescribeNetworkInterfaces", &[("RegionId", HZ)]).await["TotalCount"]
        .as_u64()
        .unwrap_or(0);
    assert!(total > 15);
    let page2 = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("PageNumber", "2"), ("PageSize", "10")],
    )
    .await;
    assert_eq!(page2["PageNumber"], 2);
    let mut seen = Vec::new();
    let mut token = String::new();
    loop {
        let mut params = vec![("RegionId", HZ), ("MaxResults", "10")];
        if !token.is_empty() {
            params.push(("NextToken", token.as_str()));
        }
        let page = ok(&router, "DescribeNetworkInterfaces", &params).await;
        for e in page["NetworkInterfaceSets"]["NetworkInterfaceSet"]
            .as_array()
            .into_iter()
            .flatten()
        {
            seen.push(
                e["NetworkInterfaceId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        token = page["NextToken"].as_str().unwrap_or_default().to_owned();
        if token.is_empty() {
            break;
        }
    }
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!((seen.len() as u64, unique.len()), (total, seen.len()));
    let b = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[
            ("RegionId", HZ),
            ("VpcId", &ids.vpc_b),
            ("Type", "Secondary"),
        ],
    )
    .await;
    assert_eq!(b["TotalCount"], 1);
    let tagged = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[
            ("RegionId", HZ),
            ("Tag.1.Key", "tether:protected"),
            ("Tag.1.Value", "true"),
        ],
    )
    .await;
    assert_eq!(
        tagged["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["NetworkInterfaceId"],
        ids.eni_protected.as_str()
    );
    let on = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[
            ("RegionId", HZ),
            ("InstanceId", &ids.quota_full_instance),
            ("Status", "InUse"),
        ],
    )
    .await;
    assert_eq!(on["TotalCount"], 2);
}

#[tokio::test]
async fn the_regional_eni_quota_is_alibabas_default_of_100() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    let create = [
        ("RegionId", HZ),
        ("VSwitchId", ids.vsw_a_g.as_str()),
        ("SecurityGroupId", ids.sg_a.as_str()),
    ];
    let existing = sim.with_world(|w| w.regions[HZ].enis.len());
    for _ in existing..100 {
        ok(&router, "CreateNetworkInterface", &create).await;
    }
    // "By default, you can create a maximum of 100 ENIs in a region" (CreateNetworkInterface).
    let got = call(&router, "CreateNetworkInterface", &create).await;
    assert_error(&got, 403, "MaxEniCountExceeded");
    assert_eq!(sim.with_world(|w| w.regions[HZ].enis.len()), 100);
}

#[tokio::test]
async fn a_documented_parameter_the_simulator_does_not_model_is_refused_not_ignored() {
    let ids = demo_ids();
    let router = sim().router();
    let create = |extra: (&'static str, &'static str)| {
        let router = router.clone();
        let (vsw, sg) = (ids.vsw_a_g.clone(), ids.sg_a.clone());
        async move {
            call(
                &router,
                "CreateNetworkInterface",
                &[
                    ("RegionId", HZ),
                    ("VSwitchId", &vsw),
                    ("SecurityGroupId", &sg),
                    extra,
                ],
            )
            .await
        }
    };
    // The cloud would give this ENI two IPv6 prefixes: refused rather than made without them.
    // (IPv6 addresses, Ipv6AddressCount and Ipv6Address.N, are modelled: tests/ipv6.rs.)
    let got = create(("Ipv6PrefixCount", "2")).await;
    assert_error(&got, 400, "UnsupportedParameter");
    assert!(
        got.1["Message"]
            .as_str()
            .is_some_and(|m| m.starts_with("The parameters is unsupported.")
                && m.contains("Ipv6PrefixCount")),
        "{}",
        got.1
    );
    let got = create(("ConnectionTrackingConfiguration.UdpTimeout", "30")).await;
    assert_error(&got, 400, "UnsupportedParameter");
    // A parameter no version documents is ignored, as the gateway ignores it.
    let got = create(("NoSuchParameter", "x")).await;
    assert_eq!(got.0, 200, "{}", got.1);
    // The legacy SDK adds RegionId to every call; DescribeRegions documents none.
    ok(&router, "DescribeRegions", &[("RegionId", HZ)]).await;
}
