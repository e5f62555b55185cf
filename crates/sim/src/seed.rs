//! The deterministic demo world. Every ID is derived from the resource's name, so the same IDs
//! come back on every run and adding a resource does not shift the others.
//!
//! cn-hangzhou (the rich region), one story per resource:
//! - VPC A `prod-vpc` 192.168.0.0/16: vSwitch `prod-web-g` (zone g, 192.168.1.0/24, and IPv6
//!   2408:4005:3a0:7a00::/64), `prod-app-h` (zone h, 192.168.2.0/24, no IPv6); security groups `prod-web-sg`, `prod-db-sg`.
//! - VPC B `staging-vpc` 172.16.0.0/12: vSwitch `staging-g` (zone g, 172.16.1.0/24),
//!   security group `staging-sg`.
//! - Instances (VPC A, zone g unless said): `web-01` g6.large Running, 1/2 ENIs (the happy
//!   attach target); `legacy-erp` g6.xlarge Running since 2017-12-10T04:04Z (reboot first);
//!   `api-full` g6.large Running with primary + secondary = 2/2 (quota reached); `burst-t5`
//!   t5-lc1m2.small Running (no hot-plug: stop first); `old-gen-t1` t1.small, not I/O optimized;
//!   `batch-01` c6.large Stopped; `report-02` r6.large frozen in Stopping; `stuck-host`
//!   g6.xlarge Running, holding the ENI stuck in Detaching; `app-h-01` g7.large Running in zone
//!   h; `staging-01` g6.large Running in VPC B.
//! - ENIs: `spare-g-1`, `spare-g-2` Available in VPC A zone g; `spare-h` Available in VPC A zone
//!   h; `staging-spare` Available in VPC B; `protected-g` Available, tagged
//!   `tether:protected=true`; `api-full-data` InUse secondary on `api-full`; `stuck-eni`
//!   Detaching on `stuck-host` with no transition (re-issue the detach to free it);
//!   `nat-gw-eni` InUse in VPC A zone g, owned by a NAT gateway (`ServiceManaged=true`, a
//!   `ServiceID`, no instance of this account): every change of it is refused; and every
//!   instance's primary.
//!
//! cn-shanghai: `shop-vpc` with two instances and a spare ENI. ap-southeast-1: `sg-edge-vpc`
//! with one instance and a spare ENI. Every other region exists and is empty.

mod builder;

pub use builder::{Builder, InstanceSpec};

use crate::catalog;
use crate::rng::{Rng, stable_hash};
use crate::world::{World, id_prefix};
use tether_domain::*;

const STARTED: &str = "2025-01-06T09:30Z";

/// The ID the demo world gives the resource `name` of `kind` in `region`.
pub fn demo_id(kind: &str, region: &str, name: &str) -> String {
    let mut rng = Rng::new(stable_hash(&format!("{region}/{kind}/{name}")));
    format!("{kind}-{}{}", id_prefix(region), rng.lower_alnum(17))
}

/// The IDs of the demo world's stories, for tests and demos.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoIds {
    /// VPC A (`prod-vpc`).
    pub vpc_a: String,
    /// VPC B (`staging-vpc`).
    pub vpc_b: String,
    /// VPC A, zone g vSwitch (IPv6 enabled).
    pub vsw_a_g: String,
    /// VPC A, zone h vSwitch (no IPv6).
    pub vsw_a_h: String,
    /// VPC B, zone g vSwitch.
    pub vsw_b_g: String,
    /// Security group of VPC A.
    pub sg_a: String,
    /// Second security group of VPC A.
    pub sg_a_db: String,
    /// Security group of VPC B.
    pub sg_b: String,
    /// Running g6.large with one free ENI slot.
    pub web_instance: String,
    /// Running, last started 2017-12-10T04:04Z.
    pub pre_2018_instance: String,
    /// Running g6.large at 2/2 ENIs.
    pub quota_full_instance: String,
    /// Running ecs.t5-lc1m2.small.
    pub t5_instance: String,
    /// Not I/O optimized (ecs.t1.small).
    pub not_io_optimized_instance: String,
    /// Stopped c6.large.
    pub stopped_instance: String,
    /// Frozen in Stopping.
    pub stopping_instance: String,
    /// Holds the stuck ENI.
    pub stuck_host_instance: String,
    /// Running in VPC A zone h.
    pub zone_h_instance: String,
    /// Running in VPC B.
    pub vpc_b_instance: String,
    /// Available, VPC A zone g.
    pub eni_available_a_g: String,
    /// Another Available, VPC A zone g.
    pub eni_available_a_g_2: String,
    /// Available, VPC A zone h.
    pub eni_available_a_h: String,
    /// Available, VPC B.
    pub eni_vpc_b: String,
    /// Available, tagged `tether:protected=true`.
    pub eni_protected: String,
    /// InUse secondary on the quota-full instance.
    pub eni_in_use_secondary: String,
    /// The quota-full instance's primary ENI.
    pub eni_primary_quota_full: String,
    /// Stuck in Detaching.
    pub eni_stuck_detaching: String,
    /// InUse, managed by a NAT gateway (`ServiceManaged=true`): nothing may change it.
    pub eni_service_managed: String,
}

/// The demo world's story IDs.
pub fn demo_ids() -> DemoIds {
    let hz = |kind: &str, name: &str| demo_id(kind, "cn-hangzhou", name);
    DemoIds {
        vpc_a: hz("vpc", "prod-vpc"),
        vpc_b: hz("vpc", "staging-vpc"),
        vsw_a_g: hz("vsw", "prod-web-g"),
        vsw_a_h: hz("vsw", "prod-app-h"),
        vsw_b_g: hz("vsw", "staging-g"),
        sg_a: hz("sg", "prod-web-sg"),
        sg_a_db: hz("sg", "prod-db-sg"),
        sg_b: hz("sg", "staging-sg"),
        web_instance: hz("i", "web-01"),
        pre_2018_instance: hz("i", "legacy-erp"),
        quota_full_instance: hz("i", "api-full"),
        t5_instance: hz("i", "burst-t5"),
        not_io_optimized_instance: hz("i", "old-gen-t1"),
        stopped_instance: hz("i", "batch-01"),
        stopping_instance: hz("i", "report-02"),
        stuck_host_instance: hz("i", "stuck-host"),
        zone_h_instance: hz("i", "app-h-01"),
        vpc_b_instance: hz("i", "staging-01"),
        eni_available_a_g: hz("eni", "spare-g-1"),
        eni_available_a_g_2: hz("eni", "spare-g-2"),
        eni_available_a_h: hz("eni", "spare-h"),
        eni_vpc_b: hz("eni", "staging-spare"),
        eni_protected: hz("eni", "protected-g"),
        eni_in_use_secondary: hz("eni", "api-full-data"),
        eni_primary_quota_full: hz("eni", "api-full-primary"),
        eni_stuck_detaching: hz("eni", "stuck-eni"),
        eni_service_managed: hz("eni", "nat-gw-eni"),
    }
}

/// The catalogue with every region empty.
pub fn empty_world() -> World {
    let mut world = World::new(
        catalog::regions(),
        catalog::instance_types(),
        catalog::images(),
        0x7e7e_7e7e,
    );
    for (id, state) in &mut world.regions {
        state.zones = catalog::zones(id);
    }
    world
}

/// The demo world described in this module's documentation.
pub fn demo_world() -> World {
    let mut world = empty_world();
    // Every step only fails on a typo in the constants below; the unit test would catch it.
    let _ = hangzhou(&mut Builder::new(&mut world, "cn-hangzhou"));
    let _ = small_region(
        &mut Builder::new(&mut world, "cn-shanghai"),
        "shop",
        "10.10.0.0/16",
        "e",
        2,
    );
    let _ = small_region(
        &mut Builder::new(&mut world, "ap-southeast-1"),
        "sg-edge",
        "10.20.0.0/16",
        "a",
        1,
    );
    world
}

fn running<'s>(
    name: &'s str,
    instance_type: &'s str,
    v_switch: &'s str,
    sg: &'s str,
) -> InstanceSpec<'s> {
    InstanceSpec {
        name,
        instance_type,
        v_switch,
        security_group: sg,
        status: InstanceStatus::Running,
        start_time: STARTED,
    }
}

fn hangzhou(b: &mut Builder<'_>) -> Option<()> {
    b.vpc("prod-vpc", "192.168.0.0/16")?;
    b.vpc("staging-vpc", "172.16.0.0/12")?;
    b.v_switch("prod-web-g", "prod-vpc", "g", "192.168.1.0/24")?;
    // An IPv6 block in the form Alibaba gives (a /64 of the VPC's /56; the prefix is ours).
    b.v_switch_ipv6("prod-web-g", "2408:4005:3a0:7a00::/64")?;
    b.v_switch("prod-app-h", "prod-vpc", "h", "192.168.2.0/24")?;
    b.v_switch("staging-g", "staging-vpc", "g", "172.16.1.0/24")?;
    b.security_group("prod-web-sg", "prod-vpc", "Web tier: 80/443 from anywhere")?;
    b.security_group("prod-db-sg", "prod-vpc", "Database tier: 3306 from web")?;
    b.security_group("staging-sg", "staging-vpc", "Staging: office only")?;

    let (g, sg) = ("prod-web-g", "prod-web-sg");
    b.instance(&running("web-01", "ecs.g6.large", g, sg))?;
    b.instance(&InstanceSpec {
        start_time: "2017-12-10T04:04Z",
        ..running("legacy-erp", "ecs.g6.xlarge", g, sg)
    })?;
    let api = b.instance(&running("api-full", "ecs.g6.large", g, sg))?;
    b.instance(&running("burst-t5", "ecs.t5-lc1m2.small", g, sg))?;
    b.instance(&running("old-gen-t1", "ecs.t1.small", g, sg))?;
    b.instance(&InstanceSpec {
        status: InstanceStatus::Stopped,
        ..running("batch-01", "ecs.c6.large", g, sg)
    })?;
    b.instance(&InstanceSpec {
        status: InstanceStatus::Stopping,
        ..running("report-02", "ecs.r6.large", g, sg)
    })?;
    let stuck_host = b.instance(&running("stuck-host", "ecs.g6.xlarge", g, sg))?;
    b.instance(&running("app-h-01", "ecs.g7.large", "prod-app-h", sg))?;
    b.instance(&running(
        "staging-01",
        "ecs.g6.large",
        "staging-g",
        "staging-sg",
    ))?;

    b.eni("spare-g-1", g, sg, &[])?;
    b.eni("spare-g-2", g, "prod-db-sg", &[("env", "prod")])?;
    b.eni("spare-h", "prod-app-h", sg, &[])?;
    b.eni(
        "staging-spare",
        "staging-g",
        "staging-sg",
        &[("env", "staging")],
    )?;
    b.eni("protected-g", g, sg, &[("tether:protected", "true")])?;
    let data = b.eni("api-full-data", g, "prod-db-sg", &[])?;
    b.bind(&data, &api, EniStatus::InUse)?;
    let stuck = b.eni("stuck-eni", g, sg, &[])?;
    b.bind(&stuck, &stuck_host, EniStatus::Detaching)?;
    let nat = b.eni("nat-gw-eni", g, sg, &[])?;
    b.service_managed(&nat, NAT_SERVICE_ID, "Managed by NAT Gateway prod-nat")
}

/// The `ServiceID` of the demo world's NAT gateway ENI (ours: any non-zero account-like number).
pub const NAT_SERVICE_ID: u64 = 1_688_026_842_001;

fn small_region(
    b: &mut Builder<'_>,
    prefix: &str,
    cidr: &str,
    zone: &str,
    instances: usize,
) -> Option<()> {
    let (vpc, vsw, sg) = (
        format!("{prefix}-vpc"),
        format!("{prefix}-{zone}"),
        format!("{prefix}-sg"),
    );
    b.vpc(&vpc, cidr)?;
    let subnet = cidr.replace(".0.0/16", ".1.0/24");
    b.v_switch(&vsw, &vpc, zone, &subnet)?;
    b.security_group(&sg, &vpc, "Default group")?;
    for n in 1..=instances {
        b.instance(&running(
            &format!("{prefix}-app-{n:02}"),
            "ecs.g7.large",
            &vsw,
            &sg,
        ))?;
    }
    b.eni(&format!("{prefix}-spare"), &vsw, &sg, &[])
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_story_of_the_demo_world_is_seeded() {
        let world = demo_world();
        let hz = &world.regions["cn-hangzhou"];
        let ids = demo_ids();
        let instance = |id: &str| {
            hz.instances
                .get(&id.parse::<InstanceId>().expect("id"))
                .expect(id)
        };
        let eni = |id: &str| {
            hz.enis
                .get(&id.parse::<NetworkInterfaceId>().expect("id"))
                .expect(id)
        };
        assert_eq!(
            instance(&ids.pre_2018_instance).start_time,
            "2017-12-10T04:04Z"
        );
        assert_eq!(instance(&ids.quota_full_instance).eni_count(), 2);
        assert_eq!(
            instance(&ids.t5_instance).instance_type.as_str(),
            "ecs.t5-lc1m2.small"
        );
        assert!(!instance(&ids.not_io_optimized_instance).io_optimized);
        assert_eq!(
            instance(&ids.stopping_instance).status,
            InstanceStatus::Stopping
        );
        assert_eq!(eni(&ids.eni_stuck_detaching).status, EniStatus::Detaching);
        let nat = eni(&ids.eni_service_managed);
        assert!(nat.service_managed && nat.service_id == NAT_SERVICE_ID);
        assert_eq!(
            (nat.status, nat.instance_id.as_ref()),
            (EniStatus::InUse, None)
        );
        assert_eq!(
            hz.enis.len(),
            18,
            "10 primaries, 7 secondaries and the NAT gateway's"
        );
        assert_eq!(
            eni(&ids.eni_protected).tag("tether:protected"),
            Some("true")
        );
        assert_eq!(eni(&ids.eni_vpc_b).vpc_id.as_str(), ids.vpc_b);
        assert_eq!(
            eni(&ids.eni_available_a_h).zone_id.as_str(),
            "cn-hangzhou-h"
        );
        assert_eq!(hz.instances.len(), 10);
        assert!(world.regions["cn-shanghai"].instances.len() == 2);
        assert!(world.regions["ap-southeast-1"].enis.len() == 2);
    }
}
