//! Static catalogue data: regions (reference §7.2), zones, instance types (§7.1) and public
//! images, shared by the demo world, generated worlds and the empty world.

use tether_domain::*;

/// `(RegionId, English name)` of every region DescribeRegions lists.
pub const REGIONS: &[(&str, &str)] = &[
    ("cn-qingdao", "China (Qingdao)"),
    ("cn-beijing", "China (Beijing)"),
    ("cn-zhangjiakou", "China (Zhangjiakou)"),
    ("cn-huhehaote", "China (Hohhot)"),
    ("cn-wulanchabu", "China (Ulanqab)"),
    ("cn-hangzhou", "China (Hangzhou)"),
    ("cn-shanghai", "China (Shanghai)"),
    ("cn-nanjing", "China (Nanjing - Local Region)"),
    ("cn-shenzhen", "China (Shenzhen)"),
    ("cn-heyuan", "China (Heyuan)"),
    ("cn-guangzhou", "China (Guangzhou)"),
    ("cn-fuzhou", "China (Fuzhou - Local Region)"),
    ("cn-wuhan-lr", "China (Wuhan - Local Region)"),
    ("cn-chengdu", "China (Chengdu)"),
    ("cn-hongkong", "China (Hong Kong)"),
    ("ap-northeast-1", "Japan (Tokyo)"),
    ("ap-northeast-2", "South Korea (Seoul)"),
    ("ap-southeast-1", "Singapore"),
    ("ap-southeast-2", "Australia (Sydney)"),
    ("ap-southeast-3", "Malaysia (Kuala Lumpur)"),
    ("ap-southeast-5", "Indonesia (Jakarta)"),
    ("ap-southeast-6", "Philippines (Manila)"),
    ("ap-southeast-7", "Thailand (Bangkok)"),
    ("ap-south-1", "India (Mumbai)"),
    ("us-east-1", "US (Virginia)"),
    ("us-west-1", "US (Silicon Valley)"),
    ("eu-west-1", "UK (London)"),
    ("me-east-1", "UAE (Dubai)"),
    ("eu-central-1", "Germany (Frankfurt)"),
];

/// The regions as DescribeRegions returns them.
pub fn regions() -> Vec<Region> {
    REGIONS
        .iter()
        .filter_map(|(id, name)| {
            let region_id = RegionId::parse(id).ok()?;
            let region_endpoint = if *id == "cn-hangzhou" {
                "ecs.aliyuncs.com".to_owned()
            } else {
                format!("ecs.{id}.aliyuncs.com")
            };
            Some(Region {
                region_id,
                local_name: (*name).to_owned(),
                region_endpoint,
                status: "available".into(),
            })
        })
        .collect()
}

/// The zones of a region: the documented ones where known, two assumed ones elsewhere.
pub fn zones(region: &str) -> Vec<Zone> {
    let (city, letters): (&str, &[&str]) = match region {
        "cn-hangzhou" => ("Hangzhou", &["g", "h", "i"]),
        "cn-shanghai" => ("Shanghai", &["e", "f", "g"]),
        "cn-beijing" => ("Beijing", &["h", "i", "j"]),
        "ap-southeast-1" => ("Singapore", &["a", "b", "c"]),
        _ => ("", &["a", "b"]),
    };
    let ends_with_digit = region.ends_with(|c: char| c.is_ascii_digit());
    letters
        .iter()
        .filter_map(|letter| {
            let id = if ends_with_digit {
                format!("{region}{letter}")
            } else {
                format!("{region}-{letter}")
            };
            let zone_id = ZoneId::parse(&id).ok()?;
            let upper = letter.to_ascii_uppercase();
            let local_name = if city.is_empty() {
                format!("Zone {upper}")
            } else {
                format!("{city} Zone {upper}")
            };
            Some(Zone {
                zone_id,
                local_name,
            })
        })
        .collect()
}

/// `(type, vCPU, GiB, EniQuantity, EniPrivateIpAddressQuantity, EniIpv6AddressQuantity, level)`
/// from reference §7.1. `EniIpv6AddressQuantity`: 1 for ecs.g6.large is sourced (the JSON
/// sample of the 2021 DescribeInstanceTypes reference, AlibabaCloudDocs/ecs); the others are
/// ASSUMED (the 2021 family tables say only "Supports IPv6", and give no count): 1 for the
/// 2-vCPU and smaller sizes like g6.large, the private IPv4 count per ENI for the larger ones,
/// 0 for generation I (no ENIs at all).
const TYPES: &[(&str, u32, f64, u32, u32, u32, &str)] = &[
    ("ecs.g6.large", 2, 8.0, 2, 6, 1, "EnterpriseLevel"),
    ("ecs.g6.xlarge", 4, 16.0, 3, 10, 10, "EnterpriseLevel"),
    ("ecs.g6.2xlarge", 8, 32.0, 4, 10, 10, "EnterpriseLevel"),
    ("ecs.g7.large", 2, 8.0, 3, 6, 1, "EnterpriseLevel"),
    ("ecs.g7.xlarge", 4, 16.0, 4, 15, 15, "EnterpriseLevel"),
    ("ecs.g7.2xlarge", 8, 32.0, 4, 15, 15, "EnterpriseLevel"),
    ("ecs.c6.large", 2, 4.0, 2, 6, 1, "EnterpriseLevel"),
    ("ecs.c6.xlarge", 4, 8.0, 3, 10, 10, "EnterpriseLevel"),
    ("ecs.c7.large", 2, 4.0, 3, 6, 1, "EnterpriseLevel"),
    ("ecs.r6.large", 2, 16.0, 2, 6, 1, "EnterpriseLevel"),
    ("ecs.g5.large", 2, 8.0, 2, 6, 1, "EnterpriseLevel"),
    ("ecs.sn1ne.large", 2, 4.0, 2, 6, 1, "EnterpriseLevel"),
    ("ecs.t5-lc1m2.small", 1, 2.0, 2, 2, 1, "CreditEntryLevel"),
    ("ecs.t5-c1m2.large", 2, 4.0, 2, 2, 1, "CreditEntryLevel"),
    ("ecs.t5-c1m2.xlarge", 4, 8.0, 2, 6, 6, "CreditEntryLevel"),
    ("ecs.t6-c1m2.large", 2, 4.0, 2, 2, 1, "CreditEntryLevel"),
    ("ecs.t1.small", 1, 1.0, 0, 0, 0, "EntryLevel"),
];

/// Every instance type of reference §7.1.
pub fn instance_types() -> Vec<InstanceTypeInfo> {
    TYPES
        .iter()
        .filter_map(|(id, cpu, mem, enis, ips, ipv6, level)| {
            let instance_type_id = InstanceType::parse(id).ok()?;
            Some(InstanceTypeInfo {
                instance_type_family: instance_type_id.family(),
                instance_type_id,
                cpu_core_count: *cpu,
                memory_size: *mem,
                eni_quantity: *enis,
                eni_private_ip_address_quantity: *ips,
                eni_ipv6_address_quantity: *ipv6,
                instance_family_level: (*level).to_owned(),
            })
        })
        .collect()
}

/// `(ImageId, OSNameEn, OSName, OSType, Platform)`; the first four recognise ENIs by themselves.
const IMAGES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "centos_7_03_64_20G_alibase_20170818.vhd",
        "CentOS 7.3 64 bit",
        "CentOS 7.3 64位",
        "linux",
        "CentOS",
    ),
    (
        "centos_6_08_64_20G_alibase_20170824.vhd",
        "CentOS 6.8 64 bit",
        "CentOS 6.8 64位",
        "linux",
        "CentOS",
    ),
    (
        "win2016_64_dtc_1607_en-us_40G_alibase_20170915.vhd",
        "Windows Server 2016 Datacenter 64 bit",
        "Windows Server 2016 数据中心版 64位",
        "windows",
        "Windows Server 2016",
    ),
    (
        "win2012r2_64_dtc_9600_en-us_40G_alibase_20170915.vhd",
        "Windows Server 2012 R2 Datacenter 64 bit",
        "Windows Server 2012 R2 数据中心版 64位",
        "windows",
        "Windows Server 2012",
    ),
    (
        "aliyun_3_x64_20G_alibase_20230727.vhd",
        "Alibaba Cloud Linux 3.2104 LTS 64 bit",
        "Alibaba Cloud Linux 3.2104 LTS 64位",
        "linux",
        "Aliyun",
    ),
    (
        "ubuntu_22_04_x64_20G_alibase_20230907.vhd",
        "Ubuntu 22.04 64 bit",
        "Ubuntu 22.04 64位",
        "linux",
        "Ubuntu",
    ),
    (
        "centos_7_9_x64_20G_alibase_20230815.vhd",
        "CentOS 7.9 64 bit",
        "CentOS 7.9 64位",
        "linux",
        "CentOS",
    ),
    (
        "debian_12_2_x64_20G_alibase_20231012.vhd",
        "Debian 12.2 64 bit",
        "Debian 12.2 64位",
        "linux",
        "Debian",
    ),
];

/// The public images every region offers.
pub fn images() -> Vec<Image> {
    IMAGES
        .iter()
        .filter_map(|(id, en, zh, os_type, platform)| {
            Some(Image {
                image_id: ImageId::parse(id).ok()?,
                image_name: (*id).to_owned(),
                os_name: (*zh).to_owned(),
                os_name_en: (*en).to_owned(),
                os_type: (*os_type).to_owned(),
                platform: (*platform).to_owned(),
                architecture: "x86_64".into(),
                status: "Available".into(),
                image_owner_alias: "system".into(),
                is_support_io_optimized: true,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_entry_parses() {
        assert_eq!(regions().len(), REGIONS.len());
        assert_eq!(instance_types().len(), TYPES.len());
        assert_eq!(images().len(), IMAGES.len());
        assert_eq!(zones("cn-hangzhou")[0].local_name, "Hangzhou Zone G");
        assert_eq!(
            zones("ap-southeast-1")[0].zone_id.as_str(),
            "ap-southeast-1a"
        );
        assert_eq!(zones("cn-qingdao").len(), 2);
    }

    #[test]
    fn four_images_recognise_enis_and_the_rest_do_not() {
        let ready = images()
            .iter()
            .filter(|i| tether_domain::rules::image_recognises_eni(i))
            .count();
        assert_eq!(ready, 4);
    }
}
