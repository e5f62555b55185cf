//! Every allowed action through proxy → signed HTTP → simulator, and the secret never shows up
//! in a response body or a log line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{Value, json};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use tether_domain::ALL_ACTIONS;

/// Every log line of this test binary, captured.
fn log_lines() -> Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || Capture(writer.clone()))
            .init();
        buffer
    })
    .clone()
}

struct Capture(Arc<Mutex<Vec<u8>>>);
impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut b) = self.0.lock() {
            b.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Journey {
    app: axum::Router,
    called: Vec<String>,
    bodies: String,
}

impl Journey {
    async fn ok(&mut self, action: &str, body: Value) -> Value {
        let (status, answer) = call(&self.app, action, body.clone()).await;
        self.called.push(action.to_owned());
        self.bodies.push_str(&answer.to_string());
        assert_eq!(status, StatusCode::OK, "{action} {body} answered {answer}");
        assert!(
            answer["RequestId"].as_str().is_some_and(|r| !r.is_empty()),
            "{action}: {answer}"
        );
        answer
    }
}

fn first<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    &cur[0]
}

#[tokio::test(flavor = "multi_thread")]
async fn every_allowed_action_goes_through_proxy_to_simulator_and_no_secret_leaks() {
    let log = log_lines();
    let s = setup().await;
    let mut j = Journey {
        app: s.app.clone(),
        called: Vec::new(),
        bodies: String::new(),
    };
    let region = "cn-hangzhou";

    let regions = j.ok("DescribeRegions", json!({})).await;
    assert!(regions.to_string().contains(region));
    j.ok("DescribeZones", json!({"RegionId": region})).await;
    j.ok("DescribeInstanceTypes", json!({})).await;
    let images = j.ok("DescribeImages", json!({"RegionId": region})).await;
    let image = first(&images, &["Images", "Image"])["ImageId"].clone();
    let vpcs = j.ok("DescribeVpcs", json!({"RegionId": region})).await;
    assert!(
        first(&vpcs, &["Vpcs", "Vpc"])["VpcId"].is_string(),
        "{vpcs}"
    );
    let vsws = j
        .ok(
            "DescribeVSwitches",
            json!({"RegionId": region, "PageSize": 50}),
        )
        .await;
    // The vSwitch with an IPv6 block (and its VPC), so the journey can assign IPv6 too.
    let ipv6_vsw = vsws["VSwitches"]["VSwitch"]
        .as_array()
        .and_then(|all| all.iter().find(|v| v["Ipv6CidrBlock"] != ""))
        .cloned()
        .expect("the demo world has an IPv6 vSwitch");
    let (vsw, vpc) = (ipv6_vsw["VSwitchId"].clone(), ipv6_vsw["VpcId"].clone());
    let sgs = j
        .ok(
            "DescribeSecurityGroups",
            json!({"RegionId": region, "VpcId": vpc}),
        )
        .await;
    let sg = first(&sgs, &["SecurityGroups", "SecurityGroup"])["SecurityGroupId"].clone();
    j.ok("DescribeInstances", json!({"RegionId": region})).await;

    let run = j
        .ok(
            "RunInstances",
            json!({"RegionId": region, "ImageId": image, "InstanceType": "ecs.g6.xlarge",
                   "NetworkInterface": [{"InstanceType": "Primary", "VSwitchId": vsw, "SecurityGroupIds": [sg]}]}),
        )
        .await;
    let instance = first(&run, &["InstanceIdSets", "InstanceIdSet"]).clone();
    assert!(
        instance.as_str().is_some_and(|i| i.starts_with("i-")),
        "{run}"
    );

    let created = j
        .ok("CreateNetworkInterface", json!({"RegionId": region, "VSwitchId": vsw, "SecurityGroupIds": [sg], "NetworkInterfaceName": "loopback-eni"}))
        .await;
    let eni = created["NetworkInterfaceId"].clone();
    assert_eq!(created["Status"], "Available");
    let attr = j
        .ok(
            "DescribeNetworkInterfaceAttribute",
            json!({"RegionId": region, "NetworkInterfaceId": eni}),
        )
        .await;
    assert_eq!(attr["NetworkInterfaceName"], "loopback-eni");
    j.ok(
        "AttachNetworkInterface",
        json!({"RegionId": region, "NetworkInterfaceId": eni, "InstanceId": instance}),
    )
    .await;
    let listed = j
        .ok(
            "DescribeNetworkInterfaces",
            json!({"RegionId": region, "InstanceId": instance}),
        )
        .await;
    let sets = listed["NetworkInterfaceSets"]["NetworkInterfaceSet"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(sets.len(), 2, "primary and the attached ENI: {listed}");
    j.ok(
        "ModifyNetworkInterfaceAttribute",
        json!({"RegionId": region, "NetworkInterfaceId": eni, "Description": "renamed by test"}),
    )
    .await;
    let assigned = j
        .ok(
            "AssignPrivateIpAddresses",
            json!({"RegionId": region, "NetworkInterfaceId": eni, "SecondaryPrivateIpAddressCount": 2}),
        )
        .await;
    let ips = &assigned["AssignedPrivateIpAddressesSet"]["PrivateIpSet"]["PrivateIpAddress"];
    assert_eq!(ips.as_array().map(Vec::len), Some(2), "{assigned}");
    j.ok(
        "UnassignPrivateIpAddresses",
        json!({"RegionId": region, "NetworkInterfaceId": eni, "PrivateIpAddress": [ips[0]]}),
    )
    .await;
    let ipv6 = j
        .ok(
            "AssignIpv6Addresses",
            json!({"RegionId": region, "NetworkInterfaceId": eni, "Ipv6AddressCount": 1}),
        )
        .await;
    let ipv6 = ipv6["Ipv6Sets"]["Ipv6Address"][0].clone();
    j.ok(
        "UnassignIpv6Addresses",
        json!({"RegionId": region, "NetworkInterfaceId": eni, "Ipv6Address": [ipv6]}),
    )
    .await;
    let tagged = json!({"RegionId": region, "ResourceType": "eni", "ResourceId": [eni]});
    let mut tag = tagged.clone();
    tag["Tag"] = json!([{"Key": "team", "Value": "loopback"}]);
    j.ok("TagResources", tag).await;
    let tags = j.ok("ListTagResources", tagged.clone()).await;
    assert_eq!(
        tags["TagResources"]["TagResource"][0]["TagValue"], "loopback",
        "{tags}"
    );
    let mut untag = tagged;
    untag["TagKey"] = json!(["team"]);
    j.ok("UntagResources", untag).await;
    j.ok(
        "DetachNetworkInterface",
        json!({"RegionId": region, "NetworkInterfaceId": eni, "InstanceId": instance}),
    )
    .await;
    j.ok(
        "DeleteNetworkInterface",
        json!({"RegionId": region, "NetworkInterfaceId": eni}),
    )
    .await;
    j.ok("StopInstance", json!({"InstanceId": instance})).await;
    j.ok("StartInstance", json!({"InstanceId": instance})).await;
    j.ok("RebootInstance", json!({"InstanceId": instance}))
        .await;
    j.ok(
        "DeleteInstance",
        // RegionId: delete protection lists the instance's ENIs in its region first.
        json!({"RegionId": region, "InstanceId": instance, "Force": true}),
    )
    .await;

    for (name, _, _) in ALL_ACTIONS {
        assert!(
            j.called.iter().any(|c| c == name),
            "{name} was not exercised"
        );
    }
    // A refused call too, so error paths are in the log.
    let (_, refused) = call(&s.app, "AttachNetworkInterface", json!({"RegionId": region, "NetworkInterfaceId": "eni-bp1nothere0001", "InstanceId": "i-bp1nothere0001"})).await;
    j.bodies.push_str(&refused.to_string());

    let logged = String::from_utf8_lossy(&log.lock().unwrap()).into_owned();
    assert!(
        logged.contains("AttachNetworkInterface"),
        "the log records actions"
    );
    assert!(
        !logged.contains(SECRET),
        "the secret appeared in a log line"
    );
    assert!(
        !j.bodies.contains(SECRET),
        "the secret appeared in a response body"
    );
    assert!(
        !logged.contains("Signature="),
        "a signed query string appeared in the log"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_client_signs_v3_and_the_simulator_verifies_it() {
    let s = setup_with(
        tether::state::Policy::default(),
        tether::cloud::SignatureVersion::V3,
    )
    .await;
    let (status, regions) = call(&s.app, "DescribeRegions", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{regions}");
    let (status, vsws) = call(
        &s.app,
        "DescribeVSwitches",
        json!({"RegionId": "cn-hangzhou"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{vsws}");
    let vsw = &vsws["VSwitches"]["VSwitch"][0];
    let (_, sgs) = call(
        &s.app,
        "DescribeSecurityGroups",
        json!({"RegionId": "cn-hangzhou", "VpcId": vsw["VpcId"]}),
    )
    .await;
    let body = json!({"RegionId": "cn-hangzhou", "VSwitchId": vsw["VSwitchId"],
        "SecurityGroupIds": [sgs["SecurityGroups"]["SecurityGroup"][0]["SecurityGroupId"]], "Description": "测试 ENI (demo)!"});
    let (status, created) = call(&s.app, "CreateNetworkInterface", body).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "V3 with a UTF-8 parameter: {created}"
    );
    assert_eq!(created["Description"], "测试 ENI (demo)!");
}
