//! Test data shaped like the simulator's demo world.

use tether_domain::*;

fn id<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("fixture IDs are valid")
}

/// VPC A.
pub const VPC_A: &str = "vpc-bp1aaaa0001";
/// VPC B.
pub const VPC_B: &str = "vpc-bp1bbbb0001";
/// vSwitch in VPC A, zone g.
pub const VSW_G: &str = "vsw-bp1gggg0001";
/// vSwitch in VPC A, zone h.
pub const VSW_H: &str = "vsw-bp1hhhh0001";

pub fn vswitch(v: &str, vpc: &str, zone: &str) -> VSwitch {
    VSwitch {
        v_switch_id: id(v),
        vpc_id: id(vpc),
        zone_id: id(zone),
        cidr_block: "192.168.1.0/24".into(),
        ipv6_cidr_block: String::new(),
        available_ip_address_count: 250,
        status: "Available".into(),
        v_switch_name: format!("{v}-name"),
        creation_time: String::new(),
        is_default: false,
    }
}

pub fn vswitches() -> Vec<VSwitch> {
    vec![
        vswitch(VSW_G, VPC_A, "cn-hangzhou-g"),
        vswitch(VSW_H, VPC_A, "cn-hangzhou-h"),
    ]
}

pub fn security_group(s: &str, vpc: &str) -> SecurityGroup {
    SecurityGroup {
        security_group_id: id(s),
        security_group_name: format!("{s}-name"),
        description: String::new(),
        vpc_id: id(vpc),
        security_group_type: "normal".into(),
        creation_time: String::new(),
    }
}

pub fn security_groups() -> Vec<SecurityGroup> {
    vec![
        security_group("sg-bp1aaaa0001", VPC_A),
        security_group("sg-bp1bbbb0001", VPC_B),
    ]
}

pub fn itype(t: &str, enis: u32) -> InstanceTypeInfo {
    let it: InstanceType = id(t);
    InstanceTypeInfo {
        instance_type_family: it.family(),
        instance_type_id: it,
        cpu_core_count: 2,
        memory_size: 8.0,
        eni_quantity: enis,
        eni_private_ip_address_quantity: 6,
        eni_ipv6_address_quantity: 1,
        instance_family_level: "EnterpriseLevel".into(),
    }
}

pub fn types() -> Vec<InstanceTypeInfo> {
    vec![
        itype("ecs.g6.large", 2),
        itype("ecs.g6.xlarge", 3),
        itype("ecs.t5-lc1m2.small", 2),
        itype("ecs.t1.small", 0),
    ]
}

pub fn image(image_id: &str, os: &str) -> Image {
    Image {
        image_id: id(image_id),
        image_name: os.into(),
        os_name: os.into(),
        os_name_en: os.into(),
        os_type: "linux".into(),
        platform: "CentOS".into(),
        architecture: "x86_64".into(),
        status: "Available".into(),
        image_owner_alias: "system".into(),
        is_support_io_optimized: true,
    }
}

pub fn images() -> Vec<Image> {
    vec![
        image(
            "centos_7_03_64_20G_alibase_20170818.vhd",
            "CentOS 7.3 64 bit",
        ),
        image(
            "ubuntu_22_04_x64_20G_alibase_20240101.vhd",
            "Ubuntu 22.04 64 bit",
        ),
    ]
}

pub fn eni(eni_id: &str) -> NetworkInterface {
    NetworkInterface {
        private_ip_address: "192.168.1.10".into(),
        mac_address: "00:16:3e:00:00:01".into(),
        network_interface_name: "web".into(),
        creation_time: "2024-01-01T00:00:00Z".into(),
        security_group_ids: vec![id::<SecurityGroupId>("sg-bp1aaaa0001")].into(),
        ..NetworkInterface::new(id(eni_id), id(VPC_A), id(VSW_G), id("cn-hangzhou-g"))
    }
}

pub fn instance(instance_id: &str) -> Instance {
    Instance {
        instance_id: id(instance_id),
        instance_name: format!("{instance_id}-name"),
        status: InstanceStatus::Running,
        instance_type: id("ecs.g6.large"),
        instance_type_family: "ecs.g6".into(),
        cpu: 2,
        memory: 8192,
        zone_id: id("cn-hangzhou-g"),
        region_id: id("cn-hangzhou"),
        image_id: id("centos_7_03_64_20G_alibase_20170818.vhd"),
        os_name_en: "CentOS 7.3 64 bit".into(),
        io_optimized: true,
        creation_time: "2024-01-01T00:00Z".into(),
        start_time: "2024-01-01T00:00Z".into(),
        instance_network_type: "vpc".into(),
        vpc_attributes: Some(VpcAttributes {
            vpc_id: id(VPC_A),
            v_switch_id: id(VSW_G),
            private_ip_address: IpAddressSet::default(),
        }),
        security_group_ids: SecurityGroupIdSet::default(),
        network_interfaces: vec![InstanceNetworkInterface {
            network_interface_id: id(&format!("eni-p{}", &instance_id[2..])),
            eni_type: EniType::Primary,
            primary_ip_address: "192.168.1.2".into(),
            mac_address: String::new(),
        }]
        .into(),
        tags: TagSet::default(),
    }
}
