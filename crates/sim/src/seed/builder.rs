//! `Builder`: adds named resources to one region of a world, each with the ID `demo_id` derives
//! from its name, so seeded IDs stay stable.

use super::demo_id;
use crate::rng::{Rng, stable_hash};
use crate::world::{DEFAULT_RESOURCE_GROUP, World};
use tether_domain::*;

const CREATED: &str = "2024-03-01T08:00:00Z";

/// Adds named resources to one region of a world.
pub struct Builder<'a> {
    world: &'a mut World,
    region: &'static str,
}

/// How a seeded instance looks.
pub struct InstanceSpec<'s> {
    /// Name (the ID derives from it).
    pub name: &'s str,
    /// Type.
    pub instance_type: &'s str,
    /// vSwitch name.
    pub v_switch: &'s str,
    /// Security group name.
    pub security_group: &'s str,
    /// Status.
    pub status: InstanceStatus,
    /// `StartTime`.
    pub start_time: &'s str,
}

fn parse<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.parse().ok()
}

impl<'a> Builder<'a> {
    /// Builds in `region`.
    pub fn new(world: &'a mut World, region: &'static str) -> Self {
        Self { world, region }
    }

    fn id<T: std::str::FromStr>(&self, kind: &str, name: &str) -> Option<T> {
        parse(&demo_id(kind, self.region, name))
    }

    /// A VPC.
    pub fn vpc(&mut self, name: &str, cidr: &str) -> Option<()> {
        let vpc = Vpc {
            vpc_id: self.id("vpc", name)?,
            vpc_name: name.into(),
            cidr_block: cidr.into(),
            status: "Available".into(),
            region_id: parse(self.region)?,
            is_default: false,
            creation_time: CREATED.into(),
        };
        let state = self.world.regions.get_mut(self.region)?;
        state.vpcs.insert(vpc.vpc_id.clone(), vpc);
        Some(())
    }

    /// A vSwitch of VPC `vpc` in zone `zone` (a suffix such as `g`).
    pub fn v_switch(&mut self, name: &str, vpc: &str, zone: &str, cidr: &str) -> Option<()> {
        let state = self.world.regions.get(self.region)?;
        let zone_id = state
            .zones
            .iter()
            .find(|z| z.zone_id.as_str().ends_with(zone))?
            .zone_id
            .clone();
        let vsw = VSwitch {
            v_switch_id: self.id("vsw", name)?,
            vpc_id: self.id("vpc", vpc)?,
            zone_id,
            cidr_block: cidr.into(),
            ipv6_cidr_block: String::new(),
            available_ip_address_count: 0,
            status: "Available".into(),
            v_switch_name: name.into(),
            creation_time: CREATED.into(),
            is_default: false,
        };
        self.world.regions.get_mut(self.region)?.add_v_switch(vsw);
        Some(())
    }

    /// Enables IPv6 on vSwitch `name`: it gets the IPv6 block `cidr`.
    pub fn v_switch_ipv6(&mut self, name: &str, cidr: &str) -> Option<()> {
        let id: VSwitchId = self.id("vsw", name)?;
        let state = self.world.regions.get_mut(self.region)?;
        state.v_switches.get_mut(&id)?.ipv6_cidr_block = cidr.into();
        Some(())
    }

    /// A security group of VPC `vpc`.
    pub fn security_group(&mut self, name: &str, vpc: &str, description: &str) -> Option<()> {
        let sg = SecurityGroup {
            security_group_id: self.id("sg", name)?,
            security_group_name: name.into(),
            description: description.into(),
            vpc_id: self.id("vpc", vpc)?,
            security_group_type: "normal".into(),
            creation_time: CREATED.into(),
        };
        self.world
            .regions
            .get_mut(self.region)?
            .security_groups
            .insert(sg.security_group_id.clone(), sg);
        Some(())
    }

    /// An ENI (Available, Secondary) in vSwitch `vsw` with group `sg`.
    pub fn eni(
        &mut self,
        name: &str,
        vsw: &str,
        sg: &str,
        tags: &[(&str, &str)],
    ) -> Option<NetworkInterfaceId> {
        let id: NetworkInterfaceId = self.id("eni", name)?;
        let vsw_id: VSwitchId = self.id("vsw", vsw)?;
        let mac = {
            let n = Rng::new(stable_hash(id.as_str())).next_u64();
            format!(
                "00:16:3e:{:02x}:{:02x}:{:02x}",
                (n >> 16) & 255,
                (n >> 8) & 255,
                n & 255
            )
        };
        let sg_id: SecurityGroupId = self.id("sg", sg)?;
        let state = self.world.regions.get_mut(self.region)?;
        let v = state.v_switches.get(&vsw_id)?.clone();
        let ip = state.alloc_ip(&vsw_id, None).ok()?;
        let eni = NetworkInterface {
            private_ip_address: ip.clone(),
            mac_address: mac,
            network_interface_name: name.into(),
            creation_time: CREATED.into(),
            security_group_ids: vec![sg_id].into(),
            private_ip_sets: vec![PrivateIpSet::new(ip, true)].into(),
            tags: tags
                .iter()
                .map(|(k, v)| Tag {
                    tag_key: (*k).into(),
                    tag_value: (*v).into(),
                })
                .collect::<Vec<_>>()
                .into(),
            resource_group_id: DEFAULT_RESOURCE_GROUP.into(),
            owner_id: crate::world::OWNER_ID.into(),
            ..NetworkInterface::new(id.clone(), v.vpc_id, vsw_id, v.zone_id)
        };
        state.enis.insert(id.clone(), eni);
        Some(id)
    }

    /// An instance with its primary ENI (`<name>-primary`).
    pub fn instance(&mut self, spec: &InstanceSpec<'_>) -> Option<InstanceId> {
        let id: InstanceId = self.id("i", spec.name)?;
        let itype: InstanceType = parse(spec.instance_type)?;
        let info = self.world.instance_type(&itype)?.clone();
        let image = self.world.images.first()?.clone();
        let primary = self.eni(
            &format!("{}-primary", spec.name),
            spec.v_switch,
            spec.security_group,
            &[],
        )?;
        let state = self.world.regions.get_mut(self.region)?;
        let eni = state.enis.get_mut(&primary)?;
        eni.eni_type = EniType::Primary;
        eni.delete_on_release = true;
        let eni = eni.clone();
        let instance = Instance {
            instance_id: id.clone(),
            instance_name: spec.name.into(),
            status: spec.status,
            instance_type_family: info.instance_type_family.clone(),
            cpu: info.cpu_core_count,
            memory: (info.memory_size * 1024.0) as u32,
            zone_id: eni.zone_id.clone(),
            region_id: parse(self.region)?,
            image_id: image.image_id,
            os_name_en: image.os_name_en,
            io_optimized: rules::is_io_optimized_type(&itype),
            instance_type: itype,
            creation_time: CREATED.into(),
            start_time: spec.start_time.into(),
            instance_network_type: "vpc".into(),
            vpc_attributes: Some(VpcAttributes {
                vpc_id: eni.vpc_id.clone(),
                v_switch_id: eni.v_switch_id.clone(),
                private_ip_address: vec![eni.private_ip_address.clone()].into(),
            }),
            security_group_ids: eni.security_group_ids.clone(),
            network_interfaces: InstanceNetworkInterfaces::default(),
            tags: TagSet::default(),
        };
        state.instances.insert(id.clone(), instance);
        state.bind_eni(&primary, &id, EniStatus::InUse);
        Some(id)
    }

    /// Hands a seeded ENI to an Alibaba Cloud service: InUse with no instance of this account,
    /// `ServiceManaged` and the service's `ServiceID`, as a NAT gateway's ENI is listed.
    pub fn service_managed(
        &mut self,
        eni: &NetworkInterfaceId,
        service_id: u64,
        description: &str,
    ) -> Option<()> {
        let state = self.world.regions.get_mut(self.region)?;
        let e = state.enis.get_mut(eni)?;
        e.status = EniStatus::InUse;
        e.service_managed = true;
        e.service_id = service_id;
        e.description = description.into();
        Some(())
    }

    /// Attaches a seeded ENI to a seeded instance in `status`.
    pub fn bind(
        &mut self,
        eni: &NetworkInterfaceId,
        instance: &InstanceId,
        status: EniStatus,
    ) -> Option<()> {
        self.world
            .regions
            .get_mut(self.region)?
            .bind_eni(eni, instance, status);
        Some(())
    }
}
