//! Instance actions through the router: run (with ENIs), start, stop, reboot, delete, and the
//! release semantics of ENIs.

mod common;

use common::*;
use serde_json::Value;
use tether_sim::demo_ids;

async fn instance(router: &axum::Router, id: &str) -> Value {
    let body = ok(
        router,
        "DescribeInstances",
        &[("RegionId", HZ), ("InstanceIds", &format!("[\"{id}\"]"))],
    )
    .await;
    body["Instances"]["Instance"][0].clone()
}

#[tokio::test]
async fn run_instances_creates_a_running_instance_with_primary_and_secondary_enis() {
    let ids = demo_ids();
    let router = sim().router();
    let body = ok(
        &router,
        "RunInstances",
        &[
            ("RegionId", HZ),
            ("ImageId", "centos_7_03_64_20G_alibase_20170818.vhd"),
            ("InstanceType", "ecs.g6.large"),
            ("InstanceName", "web-02"),
            ("NetworkInterface.1.InstanceType", "Primary"),
            ("NetworkInterface.1.VSwitchId", &ids.vsw_a_g),
            ("NetworkInterface.1.SecurityGroupId", &ids.sg_a),
            ("NetworkInterface.2.InstanceType", "Secondary"),
            ("NetworkInterface.2.VSwitchId", &ids.vsw_a_g),
            ("NetworkInterface.2.SecurityGroupId", &ids.sg_a),
        ],
    )
    .await;
    let id = body["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(id.starts_with("i-bp1"), "{body}");
    let i = instance(&router, &id).await;
    assert_eq!(i["Status"], "Running");
    assert!(
        i["StartTime"]
            .as_str()
            .is_some_and(|t| t.len() == 17 && t.ends_with('Z')),
        "{i}"
    );
    let nics = i["NetworkInterfaces"]["NetworkInterface"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(nics.len(), 2);
    assert_eq!(nics[0]["Type"], "Primary");
    let secondary = nics[1]["NetworkInterfaceId"].as_str().unwrap_or_default();
    let eni = ok(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", secondary)],
    )
    .await;
    assert_eq!(eni["DeleteOnRelease"], true);
    assert_eq!(eni["Status"], "InUse");
    ok(
        &router,
        "DeleteInstance",
        &[("InstanceId", &id), ("Force", "true")],
    )
    .await;
    let gone = call(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", secondary)],
    )
    .await;
    assert_error(&gone, 404, "InvalidEniId.NotFound");
}

fn run_params<'a>(
    image: &'a str,
    itype: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut v = vec![
        ("RegionId", HZ),
        ("ImageId", image),
        ("InstanceType", itype),
    ];
    v.extend_from_slice(extra);
    v
}

#[tokio::test]
async fn run_instances_refusals() {
    let ids = demo_ids();
    let router = sim().router();
    let centos = "centos_7_03_64_20G_alibase_20170818.vhd";
    let (vsw, sg, sg_b) = (ids.vsw_a_g.as_str(), ids.sg_a.as_str(), ids.sg_b.as_str());
    let net = [("VSwitchId", vsw), ("SecurityGroupId", sg)];

    let got = call(
        &router,
        "RunInstances",
        &run_params("no_such_image.vhd", "ecs.g6.large", &net),
    )
    .await;
    assert_error(&got, 404, "InvalidImageId.NotFound");
    let got = call(
        &router,
        "RunInstances",
        &run_params(centos, "ecs.zz9.huge", &net),
    )
    .await;
    assert_error(&got, 400, "InvalidInstanceType.ValueNotSupported");
    let got = call(
        &router,
        "RunInstances",
        &run_params(centos, "ecs.g6.large", &[("SecurityGroupId", sg)]),
    )
    .await;
    assert_error(&got, 400, "MissingParameter");
    let got = call(
        &router,
        "RunInstances",
        &run_params(
            centos,
            "ecs.g6.large",
            &[("VSwitchId", vsw), ("SecurityGroupId", sg_b)],
        ),
    )
    .await;
    assert_error(&got, 403, "OperationDenied.InconsistentNetwork");
    let got = call(
        &router,
        "RunInstances",
        &run_params(
            centos,
            "ecs.g6.large",
            &[
                ("VSwitchId", "vsw-bp1nosuchswitch000"),
                ("SecurityGroupId", sg),
            ],
        ),
    )
    .await;
    assert_error(&got, 404, "InvalidVSwitchId.NotFound");
    let t1 = run_params(
        centos,
        "ecs.t1.small",
        &[
            ("NetworkInterface.1.InstanceType", "Primary"),
            ("NetworkInterface.1.VSwitchId", vsw),
            ("NetworkInterface.1.SecurityGroupId", sg),
        ],
    );
    assert_error(
        &call(&router, "RunInstances", &t1).await,
        400,
        "InvalidInstanceType.ElasticNetworkInterfaceNotSupported",
    );
    let three = run_params(
        centos,
        "ecs.g6.large",
        &[
            ("VSwitchId", vsw),
            ("SecurityGroupId", sg),
            ("NetworkInterface.1.VSwitchId", vsw),
            ("NetworkInterface.1.SecurityGroupId", sg),
            ("NetworkInterface.2.VSwitchId", vsw),
            ("NetworkInterface.2.SecurityGroupId", sg),
        ],
    );
    assert_error(
        &call(&router, "RunInstances", &three).await,
        403,
        "EniPerInstanceLimitExceeded",
    );
    let dry = run_params(
        centos,
        "ecs.g6.large",
        &[
            ("VSwitchId", vsw),
            ("SecurityGroupId", sg),
            ("DryRun", "True"),
        ],
    );
    assert_error(
        &call(&router, "RunInstances", &dry).await,
        400,
        "DryRunOperation",
    );
    let amount = run_params(
        centos,
        "ecs.g6.large",
        &[
            ("VSwitchId", vsw),
            ("SecurityGroupId", sg),
            ("Amount", "101"),
        ],
    );
    assert_error(
        &call(&router, "RunInstances", &amount).await,
        400,
        "InvalidParameter",
    );
}

#[tokio::test]
async fn run_instances_with_the_same_client_token_returns_the_same_instances() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    let counts = || sim.with_world(|w| (w.regions[HZ].instances.len(), w.regions[HZ].enis.len()));
    let (instances, enis) = counts();
    let params = [
        ("RegionId", HZ),
        ("ImageId", "ubuntu_22_04_x64_20G_alibase_20230907.vhd"),
        ("InstanceType", "ecs.c6.large"),
        ("VSwitchId", ids.vsw_a_h.as_str()),
        ("SecurityGroupId", ids.sg_a.as_str()),
        ("Amount", "2"),
        ("ClientToken", "run-1"),
    ];
    let first = ok(&router, "RunInstances", &params).await;
    let made = counts();
    assert_eq!(made.0, instances + 2, "two instances for Amount=2");
    assert!(made.1 > enis, "each with its primary ENI");
    let again = ok(&router, "RunInstances", &params).await;
    assert_eq!(first["InstanceIdSets"], again["InstanceIdSets"]);
    // The same answer is not enough: the retry must not have made more instances or ENIs.
    assert_eq!(counts(), made, "the retry created nothing");
    assert_eq!(
        first["InstanceIdSets"]["InstanceIdSet"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let mut other = params.to_vec();
    other[5] = ("Amount", "1");
    assert_error(
        &call(&router, "RunInstances", &other).await,
        403,
        "IdempotentParameterMismatch",
    );
}

#[tokio::test]
async fn start_stop_reboot_follow_the_state_machine() {
    let ids = demo_ids();
    let router = sim().router();
    let stopped = ids.stopped_instance.as_str();
    assert_error(
        &call(&router, "StopInstance", &[("InstanceId", stopped)]).await,
        403,
        "IncorrectInstanceStatus",
    );
    assert_error(
        &call(&router, "RebootInstance", &[("InstanceId", stopped)]).await,
        403,
        "IncorrectInstanceStatus",
    );
    assert_error(
        &call(
            &router,
            "StartInstance",
            &[("InstanceId", stopped), ("DryRun", "true")],
        )
        .await,
        400,
        "DryRunOperation",
    );
    assert_eq!(instance(&router, stopped).await["Status"], "Stopped");
    ok(
        &router,
        "StartInstance",
        &[("InstanceId", stopped), ("RegionId", HZ)],
    )
    .await;
    assert_eq!(instance(&router, stopped).await["Status"], "Running");
    ok(&router, "StopInstance", &[("InstanceId", stopped)]).await;
    assert_eq!(instance(&router, stopped).await["Status"], "Stopped");
    let web = ids.web_instance.as_str();
    ok(&router, "RebootInstance", &[("InstanceId", web)]).await;
    assert_eq!(instance(&router, web).await["Status"], "Running");
    assert_error(
        &call(
            &router,
            "StartInstance",
            &[("InstanceId", "i-bp1nosuchinstance0000")],
        )
        .await,
        404,
        "InvalidInstanceId.NotFound",
    );
}

#[tokio::test]
async fn delete_instance_needs_stopped_or_force_and_releases_enis_by_delete_on_release() {
    let ids = demo_ids();
    let router = sim().router();
    let api = ids.quota_full_instance.as_str();
    assert_error(
        &call(&router, "DeleteInstance", &[("InstanceId", api)]).await,
        403,
        "IncorrectInstanceStatus",
    );
    assert_error(
        &call(
            &router,
            "DeleteInstance",
            &[("InstanceId", api), ("Force", "true"), ("DryRun", "true")],
        )
        .await,
        400,
        "DryRunOperation",
    );
    ok(
        &router,
        "DeleteInstance",
        &[("InstanceId", api), ("Force", "TRUE")],
    )
    .await;
    let gone = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("InstanceIds", &format!("[\"{api}\"]"))],
    )
    .await;
    assert_eq!(gone["TotalCount"], 0);
    // The primary goes with the instance; the separately created secondary is kept, Available.
    let primary = call(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_primary_quota_full),
        ],
    )
    .await;
    assert_error(&primary, 404, "InvalidEniId.NotFound");
    let kept = ok(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_in_use_secondary),
        ],
    )
    .await;
    assert_eq!(kept["Status"], "Available");
    assert_eq!(kept["InstanceId"], "", "the cloud's form for no instance");
}

#[tokio::test]
async fn describe_instances_filters_and_pages_both_ways() {
    let ids = demo_ids();
    let router = sim().router();
    let all = ok(&router, "DescribeInstances", &[("RegionId", HZ)]).await;
    assert_eq!(all["TotalCount"], 10);
    let stopped = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("Status", "Stopped")],
    )
    .await;
    assert_eq!(
        stopped["Instances"]["Instance"][0]["InstanceId"],
        ids.stopped_instance.as_str()
    );
    let in_b = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("VpcId", &ids.vpc_b)],
    )
    .await;
    assert_eq!(in_b["TotalCount"], 1);
    let zone_h = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("ZoneId", "cn-hangzhou-h")],
    )
    .await;
    assert_eq!(zone_h["TotalCount"], 1);
    let first = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("MaxResults", "3")],
    )
    .await;
    assert_eq!(
        first["Instances"]["Instance"].as_array().map(Vec::len),
        Some(10)
    );
    let small = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("PageSize", "3"), ("PageNumber", "4")],
    )
    .await;
    assert_eq!(
        small["Instances"]["Instance"].as_array().map(Vec::len),
        Some(1)
    );
    let none = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("InstanceIds", "[]")],
    )
    .await;
    assert_eq!(none["TotalCount"], 0);
}

#[tokio::test]
async fn describe_instances_filters_by_name_wildcard_image_and_security_group() {
    let router = sim().router();
    let names = |body: &Value| -> Vec<String> {
        body["Instances"]["Instance"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|i| i["InstanceName"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let web = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("InstanceName", "web-*")],
    )
    .await;
    let found = names(&web);
    assert!(
        !found.is_empty() && found.iter().all(|n| n.starts_with("web-")),
        "{found:?}"
    );
    let exact = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("InstanceName", "web-01")],
    )
    .await;
    assert_eq!(names(&exact), ["web-01"]);
    let first = &web["Instances"]["Instance"][0];
    let image = first["ImageId"].as_str().unwrap_or_default().to_owned();
    let by_image = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("ImageId", &image)],
    )
    .await;
    assert!(
        by_image["Instances"]["Instance"]
            .as_array()
            .is_some_and(|a| a.iter().all(|i| i["ImageId"] == image.as_str()))
    );
    let sg = first["SecurityGroupIds"]["SecurityGroupId"][0]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let by_sg = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("SecurityGroupId", &sg)],
    )
    .await;
    let members = by_sg["Instances"]["Instance"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!members.is_empty(), "web-01's group has members");
    assert!(members.iter().all(|i| {
        i["SecurityGroupIds"]["SecurityGroupId"]
            .as_array()
            .is_some_and(|g| g.iter().any(|x| x == sg.as_str()))
    }));
    let none = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("InstanceName", "no-such-*")],
    )
    .await;
    assert_eq!(none["TotalCount"], 0);
}

#[tokio::test]
async fn instances_carry_their_tags_and_describe_filters_by_them() {
    let ids = demo_ids();
    let router = sim().router();
    let run = |name: &'static str, env: &'static str| {
        let (vsw, sg) = (ids.vsw_a_h.clone(), ids.sg_a.clone());
        let router = router.clone();
        async move {
            let body = ok(
                &router,
                "RunInstances",
                &[
                    ("RegionId", HZ),
                    ("ImageId", "ubuntu_22_04_x64_20G_alibase_20230907.vhd"),
                    ("InstanceType", "ecs.c6.large"),
                    ("VSwitchId", vsw.as_str()),
                    ("SecurityGroupId", sg.as_str()),
                    ("InstanceName", name),
                    ("Tag.1.Key", "env"),
                    ("Tag.1.Value", env),
                    ("Tag.2.Key", "team"),
                    ("Tag.2.Value", "net"),
                ],
            )
            .await;
            body["InstanceIdSets"]["InstanceIdSet"][0]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
    };
    let prod = run("tagged-prod", "prod").await;
    let staging = run("tagged-staging", "staging").await;
    let tags = &instance(&router, &prod).await["Tags"]["Tag"];
    assert_eq!(tags[0]["TagKey"], "env");
    assert_eq!(tags[0]["TagValue"], "prod");

    let names = |body: Value| -> Vec<String> {
        body["Instances"]["Instance"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|i| i["InstanceId"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let by = |filters: &'static [(&'static str, &'static str)]| {
        let router = router.clone();
        async move {
            let mut params = vec![("RegionId", HZ), ("MaxResults", "100")];
            params.extend_from_slice(filters);
            ok(&router, "DescribeInstances", &params).await
        }
    };
    // Key and value; every tag given must match; a key alone matches any value.
    assert_eq!(
        names(by(&[("Tag.1.Key", "env"), ("Tag.1.Value", "prod")]).await),
        [prod.as_str()]
    );
    assert_eq!(
        names(
            by(&[
                ("Tag.1.Key", "env"),
                ("Tag.1.Value", "staging"),
                ("Tag.2.Key", "team"),
                ("Tag.2.Value", "net")
            ])
            .await
        ),
        [staging.as_str()]
    );
    let mut both = names(by(&[("Tag.1.Key", "env")]).await);
    both.sort();
    let mut want = vec![prod, staging];
    want.sort();
    assert_eq!(both, want, "the seed's untagged instances are not listed");
    assert!(names(by(&[("Tag.1.Key", "env"), ("Tag.1.Value", "dev")]).await).is_empty());
}

#[tokio::test]
async fn run_instances_checks_its_tags_with_the_documented_codes() {
    let ids = demo_ids();
    let router = sim().router();
    let run = |tags: &'static [(&'static str, &'static str)]| {
        let router = router.clone();
        let (vsw, sg) = (ids.vsw_a_g.clone(), ids.sg_a.clone());
        async move {
            let mut params = vec![
                ("RegionId", HZ),
                ("ImageId", "centos_7_03_64_20G_alibase_20170818.vhd"),
                ("InstanceType", "ecs.g6.large"),
                ("VSwitchId", vsw.as_str()),
                ("SecurityGroupId", sg.as_str()),
            ];
            params.extend_from_slice(tags);
            call(&router, "RunInstances", &params).await
        }
    };
    // RunInstances' error table: codes and messages verbatim.
    let got = run(&[("Tag.1.Key", "env"), ("Tag.2.Key", "env")]).await;
    assert_error(&got, 400, "Duplicate.TagKey");
    assert_eq!(got.1["Message"], "The Tag.N.Key contain duplicate key.");
    let got = run(&[("Tag.1.Key", "acs:env")]).await;
    assert_error(&got, 400, "InvalidTagKey.Malformed");
    assert_eq!(got.1["Message"], "The specified Tag.n.Key is not valid.");
    let got = run(&[("Tag.1.Key", "env"), ("Tag.1.Value", "see https://x")]).await;
    assert_error(&got, 400, "InvalidTagValue.Malformed");
    assert_eq!(got.1["Message"], "The specified Tag.n.Value is not valid.");
}

/// RunInstances with a primary ENI in `vsw` and a secondary in `secondary`.
fn with_secondary_in<'a>(vsw: &'a str, sg: &'a str, secondary: &'a str) -> Vec<(&'a str, &'a str)> {
    run_params(
        "centos_7_03_64_20G_alibase_20170818.vhd",
        "ecs.g6.large",
        &[
            ("NetworkInterface.1.InstanceType", "Primary"),
            ("NetworkInterface.1.VSwitchId", vsw),
            ("NetworkInterface.1.SecurityGroupId", sg),
            ("NetworkInterface.2.InstanceType", "Secondary"),
            ("NetworkInterface.2.VSwitchId", secondary),
            ("NetworkInterface.2.SecurityGroupId", sg),
        ],
    )
}

#[tokio::test]
async fn run_instances_takes_a_secondary_eni_in_another_vswitch_of_the_same_zone_and_vpc() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    // A second vSwitch in prod-vpc's zone g, next to the instance's.
    let db_g = "vsw-bp1dbzonegswitch000";
    sim.with_world(|w| {
        let state = w.regions.get_mut(HZ).expect("cn-hangzhou");
        let web = state.v_switches[&ids.vsw_a_g.parse().expect("id")].clone();
        state.add_v_switch(tether_domain::VSwitch {
            v_switch_id: db_g.parse().expect("id"),
            cidr_block: "192.168.3.0/24".into(),
            ipv6_cidr_block: String::new(),
            v_switch_name: "prod-db-g".into(),
            ..web
        });
    });
    let (vsw, sg) = (ids.vsw_a_g.as_str(), ids.sg_a.as_str());
    // "Same vSwitch" is the console wizard's rule; the API takes any vSwitch of the zone.
    let body = ok(&router, "RunInstances", &with_secondary_in(vsw, sg, db_g)).await;
    let id = body["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let nics = instance(&router, &id).await["NetworkInterfaces"]["NetworkInterface"].clone();
    let secondary = nics[1]["NetworkInterfaceId"].as_str().unwrap_or_default();
    let eni = ok(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", secondary)],
    )
    .await;
    assert_eq!(eni["VSwitchId"], db_g);
    assert!(
        eni["PrivateIpAddress"]
            .as_str()
            .is_some_and(|ip| ip.starts_with("192.168.3.")),
        "{eni}"
    );
    // Another zone is still refused, as the API refuses it.
    let got = call(
        &router,
        "RunInstances",
        &with_secondary_in(vsw, sg, &ids.vsw_a_h),
    )
    .await;
    assert_error(&got, 400, "InvalidParameter.Mismatch");
}

#[tokio::test]
async fn run_instances_tags_the_primary_eni_as_well_as_the_instance() {
    let ids = demo_ids();
    let router = sim().router();
    let body = ok(
        &router,
        "RunInstances",
        &run_params(
            "centos_7_03_64_20G_alibase_20170818.vhd",
            "ecs.g6.large",
            &[
                ("VSwitchId", &ids.vsw_a_g),
                ("SecurityGroupId", &ids.sg_a),
                ("Tag.1.Key", "team"),
                ("Tag.1.Value", "payments"),
            ],
        ),
    )
    .await;
    let id = body["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // RunInstances' reference: Tag.N goes to "the instance, disks, and primary ENI".
    let enis = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("InstanceId", &id), ("Type", "Primary")],
    )
    .await;
    let primary = &enis["NetworkInterfaceSets"]["NetworkInterfaceSet"][0];
    assert_eq!(primary["Tags"]["Tag"][0]["TagKey"], "team", "{enis}");
    assert_eq!(primary["Tags"]["Tag"][0]["TagValue"], "payments");
}

#[tokio::test]
async fn run_instances_refuses_a_documented_eni_parameter_it_does_not_model() {
    let ids = demo_ids();
    let router = sim().router();
    let mut params = with_secondary_in(&ids.vsw_a_g, &ids.sg_a, &ids.vsw_a_g);
    params.push(("NetworkInterface.2.QueueNumber", "8"));
    let got = call(&router, "RunInstances", &params).await;
    assert_error(&got, 400, "UnsupportedParameter");
    assert!(
        got.1["Message"]
            .as_str()
            .is_some_and(|m| m.contains("NetworkInterface.QueueNumber")),
        "{}",
        got.1
    );
}

/// The world's counts an aborted call must leave as they were: instances, ENIs, and the free
/// addresses of vSwitch A/g.
async fn footprint(router: &axum::Router, vsw: &str) -> (Value, Value, Value) {
    let instances = ok(router, "DescribeInstances", &[("RegionId", HZ)]).await;
    let enis = ok(router, "DescribeNetworkInterfaces", &[("RegionId", HZ)]).await;
    let vsws = ok(
        router,
        "DescribeVSwitches",
        &[("RegionId", HZ), ("VSwitchId", vsw)],
    )
    .await;
    (
        instances["TotalCount"].clone(),
        enis["TotalCount"].clone(),
        vsws["VSwitches"]["VSwitch"][0]["AvailableIpAddressCount"].clone(),
    )
}

#[tokio::test]
async fn a_run_instances_refused_half_way_leaves_nothing_behind() {
    let ids = demo_ids();
    let router = sim().router();
    let taken = ok(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_available_a_g),
        ],
    )
    .await["PrivateIpAddress"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let before = footprint(&router, &ids.vsw_a_g).await;
    // The secondary ENI asks for an address another ENI holds: refused only once the primary
    // ENI and the instance exist, which must then be undone.
    let refused = call(
        &router,
        "RunInstances",
        &[
            ("RegionId", HZ),
            ("ImageId", "centos_7_03_64_20G_alibase_20170818.vhd"),
            ("InstanceType", "ecs.g6.large"),
            ("NetworkInterface.1.InstanceType", "Primary"),
            ("NetworkInterface.1.VSwitchId", &ids.vsw_a_g),
            ("NetworkInterface.1.SecurityGroupId", &ids.sg_a),
            ("NetworkInterface.2.InstanceType", "Secondary"),
            ("NetworkInterface.2.VSwitchId", &ids.vsw_a_g),
            ("NetworkInterface.2.SecurityGroupId", &ids.sg_a),
            ("NetworkInterface.2.PrimaryIpAddress", &taken),
        ],
    )
    .await;
    assert_error(&refused, 400, "InvalidPrivateIpAddress.Duplicated");
    assert_eq!(footprint(&router, &ids.vsw_a_g).await, before);
    // Two instances asking for one explicit secondary address: the second cannot have it, so
    // neither is made (the first would otherwise stay, with no answer naming it).
    let free_ip = {
        let base = taken.rsplit_once('.').map_or("", |(b, _)| b);
        format!("{base}.200")
    };
    let refused = call(
        &router,
        "RunInstances",
        &[
            ("RegionId", HZ),
            ("ImageId", "centos_7_03_64_20G_alibase_20170818.vhd"),
            ("InstanceType", "ecs.g6.large"),
            ("Amount", "2"),
            ("NetworkInterface.1.InstanceType", "Primary"),
            ("NetworkInterface.1.VSwitchId", &ids.vsw_a_g),
            ("NetworkInterface.1.SecurityGroupId", &ids.sg_a),
            ("NetworkInterface.2.InstanceType", "Secondary"),
            ("NetworkInterface.2.VSwitchId", &ids.vsw_a_g),
            ("NetworkInterface.2.SecurityGroupId", &ids.sg_a),
            ("NetworkInterface.2.PrimaryIpAddress", &free_ip),
        ],
    )
    .await;
    assert_error(&refused, 400, "InvalidPrivateIpAddress.Duplicated");
    assert_eq!(footprint(&router, &ids.vsw_a_g).await, before);
}
