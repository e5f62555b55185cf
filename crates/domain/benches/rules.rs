//! Rules and parameter speed: one ENI against 1 000 instances (the Bind dialog) and the RPC
//! parameter encode/decode of a RunInstances with two ENIs.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tether_domain::rules::{AttachContext, can_attach};
use tether_domain::*;

fn id<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("valid id")
}

fn eni() -> NetworkInterface {
    serde_json::from_value(serde_json::json!({
        "NetworkInterfaceId": "eni-bp1bench00000001", "Status": "Available", "Type": "Secondary",
        "VpcId": "vpc-bp1bench0001", "VSwitchId": "vsw-bp1bench0001", "ZoneId": "cn-hangzhou-g"
    }))
    .expect("eni")
}

fn instance(i: usize) -> Instance {
    let zone = if i.is_multiple_of(3) {
        "cn-hangzhou-h"
    } else {
        "cn-hangzhou-g"
    };
    let vpc = if i.is_multiple_of(5) {
        "vpc-bp1other0001"
    } else {
        "vpc-bp1bench0001"
    };
    serde_json::from_value(serde_json::json!({
        "InstanceId": format!("i-bp1bench{i:08}"), "Status": if i.is_multiple_of(7) { "Stopped" } else { "Running" },
        "InstanceType": if i.is_multiple_of(11) { "ecs.t5-lc1m2.small" } else { "ecs.g6.large" },
        "ZoneId": zone, "RegionId": "cn-hangzhou", "ImageId": "centos_7_03_64_20G_alibase_20170818.vhd",
        "IoOptimized": true, "StartTime": if i.is_multiple_of(13) { "2017-12-10T04:04Z" } else { "2024-01-01T00:00Z" },
        "VpcAttributes": {"VpcId": vpc, "VSwitchId": "vsw-bp1bench0001"},
        "NetworkInterfaces": {"NetworkInterface": [{"NetworkInterfaceId": format!("eni-bp1prim{i:08}"), "Type": "Primary"}]}
    }))
    .expect("instance")
}

fn bench(c: &mut Criterion) {
    let e = eni();
    let instances: Vec<Instance> = (0..1000).map(instance).collect();
    let info: InstanceTypeInfo = serde_json::from_value(serde_json::json!({
        "InstanceTypeId": "ecs.g6.large", "InstanceTypeFamily": "ecs.g6", "CpuCoreCount": 2, "MemorySize": 8.0, "EniQuantity": 2
    }))
    .expect("type");
    c.bench_function("eligibility_1_eni_x_1000_instances", |b| {
        b.iter(|| {
            instances
                .iter()
                .map(|i| {
                    can_attach(AttachContext {
                        eni: &e,
                        instance: i,
                        instance_type: Some(&info),
                    })
                    .len()
                })
                .sum::<usize>()
        })
    });
    let run = RunInstances {
        region_id: id("cn-hangzhou"),
        zone_id: Some(id("cn-hangzhou-g")),
        image_id: id("centos_7_03_64_20G_alibase_20170818.vhd"),
        instance_type: id("ecs.g6.large"),
        security_group_id: None,
        v_switch_id: None,
        instance_name: Some("web-1".into()),
        amount: Some(1),
        client_token: Some("0c593ea1-3bea-11e9-b96b-88e9fe637760".into()),
        dry_run: None,
        io_optimized: None,
        network_interface: vec![
            RunNetworkInterface {
                instance_type: EniType::Primary,
                v_switch_id: Some(id("vsw-bp1bench0001")),
                security_group_ids: vec![id("sg-bp1bench0001")],
                ..Default::default()
            },
            RunNetworkInterface {
                instance_type: EniType::Secondary,
                v_switch_id: Some(id("vsw-bp1bench0001")),
                security_group_ids: vec![id("sg-bp1bench0001")],
                delete_on_release: Some(true),
                ..Default::default()
            },
        ],
        tag: Vec::new(),
    };
    c.bench_function("run_instances_to_params", |b| {
        b.iter(|| black_box(&run).to_params())
    });
    let params = run.to_params();
    c.bench_function("run_instances_from_params", |b| {
        b.iter(|| RunInstances::from_params(black_box(&params)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
