//! Test fixtures: one ENI and one instance that can be bound, to be bent by each test.

use crate::ids::*;
use crate::model::*;

fn id<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("fixture IDs are valid")
}

pub fn zone(s: &str) -> ZoneId {
    id(s)
}
pub fn itype(s: &str) -> InstanceType {
    id(s)
}
pub fn vpc_a() -> VpcId {
    id("vpc-bp1aaaaaaaaaaaaaaaaa")
}
pub fn vpc_b() -> VpcId {
    id("vpc-bp1bbbbbbbbbbbbbbbbb")
}
pub fn vsw() -> VSwitchId {
    id("vsw-bp1aaaaaaaaaaaaaaa01")
}

pub fn g6_large() -> InstanceTypeInfo {
    InstanceTypeInfo {
        instance_type_id: itype("ecs.g6.large"),
        instance_type_family: "ecs.g6".into(),
        cpu_core_count: 2,
        memory_size: 8.0,
        eni_quantity: 2,
        eni_private_ip_address_quantity: 6,
        eni_ipv6_address_quantity: 1,
        instance_family_level: "EnterpriseLevel".into(),
    }
}

pub fn eni() -> NetworkInterface {
    NetworkInterface {
        private_ip_address: "192.168.1.10".into(),
        mac_address: "00:16:3e:00:00:01".into(),
        network_interface_name: "web".into(),
        creation_time: "2024-01-01T00:00:00Z".into(),
        security_group_ids: vec![id("sg-bp1aaaaaaaaaaaaaaa01")].into(),
        ..NetworkInterface::new(
            id("eni-bp1aaaaaaaaaaaaaaa01"),
            vpc_a(),
            vsw(),
            zone("cn-hangzhou-g"),
        )
    }
}

pub fn secondary_on_instance() -> InstanceNetworkInterface {
    InstanceNetworkInterface {
        network_interface_id: id("eni-bp1aaaaaaaaaaaaaaa99"),
        eni_type: EniType::Secondary,
        primary_ip_address: "192.168.1.99".into(),
        mac_address: String::new(),
    }
}

pub fn instance() -> Instance {
    Instance {
        instance_id: id("i-bp1aaaaaaaaaaaaaaa01"),
        instance_name: "web-1".into(),
        status: InstanceStatus::Running,
        instance_type: itype("ecs.g6.large"),
        instance_type_family: "ecs.g6".into(),
        cpu: 2,
        memory: 8192,
        zone_id: zone("cn-hangzhou-g"),
        region_id: id("cn-hangzhou"),
        image_id: id("centos_7_03_64_20G_alibase_20170818.vhd"),
        os_name_en: "CentOS 7.3 64 bit".into(),
        io_optimized: true,
        creation_time: "2024-01-01T00:00Z".into(),
        start_time: "2024-01-01T00:00Z".into(),
        instance_network_type: "vpc".into(),
        vpc_attributes: Some(VpcAttributes {
            vpc_id: vpc_a(),
            v_switch_id: vsw(),
            private_ip_address: IpAddressSet::default(),
        }),
        security_group_ids: SecurityGroupIdSet::default(),
        network_interfaces: vec![InstanceNetworkInterface {
            network_interface_id: id("eni-bp1aaaaaaaaaaaaaaa00"),
            eni_type: EniType::Primary,
            primary_ip_address: "192.168.1.2".into(),
            mac_address: String::new(),
        }]
        .into(),
        tags: TagSet::default(),
    }
}
