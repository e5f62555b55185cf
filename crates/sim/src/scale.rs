//! Large generated worlds for benchmarks and paging tests: one region (cn-hangzhou) holding
//! `instances` Running instances and `enis` ENIs in total (the instances' primaries first, then
//! secondaries; the first ones bound one per instance, the rest Available).

use crate::rng::Rng;
use crate::seed::empty_world;
use crate::world::{DEFAULT_RESOURCE_GROUP, World};
use tether_domain::*;

const REGION: &str = "cn-hangzhou";
const CREATED: &str = "2024-06-01T00:00:00Z";
/// Usable addresses of one generated /16 vSwitch, with some headroom for new ENIs.
const PER_V_SWITCH: usize = 60_000;

impl World {
    /// A world with `enis` ENIs and `instances` instances in cn-hangzhou, built from `seed`.
    pub fn generated(enis: usize, instances: usize, seed: u64) -> World {
        let mut world = empty_world();
        world.rng = Rng::new(seed);
        world.region_eni_quota = world.region_eni_quota.max(enis + instances + 10_000);
        let _ = populate(&mut world, enis, instances);
        world
    }
}

fn populate(world: &mut World, enis: usize, instances: usize) -> Option<()> {
    let region: RegionId = REGION.parse().ok()?;
    let vpc_id: VpcId = world.new_id("vpc", &region).parse().ok()?;
    let sg_id: SecurityGroupId = world.new_id("sg", &region).parse().ok()?;
    let zone = world.regions.get(REGION)?.zones.first()?.zone_id.clone();
    let v_switch_count = (enis.max(instances) / PER_V_SWITCH + 1).min(250);
    let mut v_switches = Vec::new();
    for n in 0..v_switch_count {
        let v_switch_id: VSwitchId = world.new_id("vsw", &region).parse().ok()?;
        v_switches.push(VSwitch {
            v_switch_id,
            vpc_id: vpc_id.clone(),
            zone_id: zone.clone(),
            cidr_block: format!("10.{n}.0.0/16"),
            ipv6_cidr_block: String::new(),
            available_ip_address_count: 0,
            status: "Available".into(),
            v_switch_name: format!("bench-{n:03}"),
            creation_time: CREATED.into(),
            is_default: false,
        });
    }
    let itype: InstanceType = "ecs.g7.xlarge".parse().ok()?;
    let info = world.instance_type(&itype)?.clone();
    let image = world.images.first()?.clone();
    let mut instance_ids = Vec::with_capacity(instances);
    let mut eni_ids = Vec::with_capacity(enis);
    for n in 0..enis {
        let vsw = &v_switches[n / PER_V_SWITCH % v_switches.len()];
        let id: NetworkInterfaceId = world.new_id("eni", &region).parse().ok()?;
        let mac = world.new_mac();
        let state = world.regions.get_mut(REGION)?;
        if !state.v_switches.contains_key(&vsw.v_switch_id) {
            state.add_v_switch(vsw.clone());
        }
        let ip = state.alloc_ip(&vsw.v_switch_id, None).ok()?;
        state.enis.insert(
            id.clone(),
            NetworkInterface {
                eni_type: if n < instances {
                    EniType::Primary
                } else {
                    EniType::Secondary
                },
                private_ip_address: ip.clone(),
                mac_address: mac,
                network_interface_name: format!("bench-eni-{n:06}"),
                creation_time: CREATED.into(),
                delete_on_release: n < instances,
                security_group_ids: vec![sg_id.clone()].into(),
                private_ip_sets: vec![PrivateIpSet::new(ip, true)].into(),
                resource_group_id: DEFAULT_RESOURCE_GROUP.into(),
                owner_id: crate::world::OWNER_ID.into(),
                ..NetworkInterface::new(
                    id.clone(),
                    vpc_id.clone(),
                    vsw.v_switch_id.clone(),
                    zone.clone(),
                )
            },
        );
        eni_ids.push(id);
    }
    for n in 0..instances {
        let id: InstanceId = world.new_id("i", &region).parse().ok()?;
        let state = world.regions.get_mut(REGION)?;
        let primary = eni_ids.get(n).and_then(|e| state.enis.get(e)).cloned();
        let (v_switch_id, ip) = match &primary {
            Some(eni) => (eni.v_switch_id.clone(), eni.private_ip_address.clone()),
            None => (v_switches.first()?.v_switch_id.clone(), String::new()),
        };
        state.instances.insert(
            id.clone(),
            Instance {
                instance_id: id.clone(),
                instance_name: format!("bench-{n:05}"),
                status: InstanceStatus::Running,
                instance_type: itype.clone(),
                instance_type_family: info.instance_type_family.clone(),
                cpu: info.cpu_core_count,
                memory: (info.memory_size * 1024.0) as u32,
                zone_id: zone.clone(),
                region_id: region.clone(),
                image_id: image.image_id.clone(),
                os_name_en: image.os_name_en.clone(),
                io_optimized: true,
                creation_time: CREATED.into(),
                start_time: "2025-01-01T00:00Z".into(),
                instance_network_type: "vpc".into(),
                vpc_attributes: Some(VpcAttributes {
                    vpc_id: vpc_id.clone(),
                    v_switch_id,
                    private_ip_address: vec![ip].into(),
                }),
                security_group_ids: vec![sg_id.clone()].into(),
                network_interfaces: InstanceNetworkInterfaces::default(),
                tags: TagSet::default(),
            },
        );
        if let Some(primary) = eni_ids.get(n) {
            state.bind_eni(primary, &id, EniStatus::InUse);
        }
        if let Some(secondary) = eni_ids.get(instances + n) {
            state.bind_eni(secondary, &id, EniStatus::InUse);
        }
        instance_ids.push(id);
    }
    let state = world.regions.get_mut(REGION)?;
    state.vpcs.insert(
        vpc_id.clone(),
        Vpc {
            vpc_id: vpc_id.clone(),
            vpc_name: "bench-vpc".into(),
            cidr_block: "10.0.0.0/8".into(),
            status: "Available".into(),
            region_id: region,
            is_default: false,
            creation_time: CREATED.into(),
        },
    );
    for vsw in v_switches {
        if !state.v_switches.contains_key(&vsw.v_switch_id) {
            state.add_v_switch(vsw);
        }
    }
    state.security_groups.insert(
        sg_id.clone(),
        SecurityGroup {
            security_group_id: sg_id,
            security_group_name: "bench-sg".into(),
            description: String::new(),
            vpc_id,
            security_group_type: "normal".into(),
            creation_time: CREATED.into(),
        },
    );
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_world_has_the_requested_sizes_and_consistent_bindings() {
        let world = World::generated(1_000, 200, 9);
        let hz = &world.regions[REGION];
        assert_eq!(hz.enis.len(), 1_000);
        assert_eq!(hz.instances.len(), 200);
        assert!(hz.instances.values().all(|i| i.eni_count() == 2));
        let in_use = hz
            .enis
            .values()
            .filter(|e| e.status == EniStatus::InUse)
            .count();
        assert_eq!(in_use, 400);
        assert_eq!(World::generated(50, 10, 9), World::generated(50, 10, 9));
    }
}
