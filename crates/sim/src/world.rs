//! The simulated cloud's state: per-region resources stored as the domain's own model types
//! (so Describe answers serialise them directly), ID/MAC/IP allocation in Alibaba's formats, and
//! the small mutations handlers and transitions share.

use crate::clock::Transition;
use crate::error::SimError;
use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv6Addr;
use tether_domain::error::codes;
use tether_domain::*;

/// The whole simulated account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct World {
    /// DescribeRegions.
    pub region_list: Vec<Region>,
    /// DescribeInstanceTypes (the same in every region).
    pub instance_types: Vec<InstanceTypeInfo>,
    /// Public images (the same in every region).
    pub images: Vec<Image>,
    /// Per-region resources, keyed by region ID; every listed region has an entry.
    pub regions: BTreeMap<String, RegionState>,
    /// Transitions not yet applied.
    pub pending: Vec<Transition>,
    /// ClientToken records, keyed by `region|action|token`.
    pub tokens: BTreeMap<String, TokenRecord>,
    /// `MaxEniCountExceeded` above this many ENIs in one region.
    pub region_eni_quota: usize,
    /// The account's resource groups, the default one first (`ResourceGroupId` must name one).
    #[serde(default = "resource_groups")]
    pub resource_groups: Vec<String>,
    /// The generator behind new IDs and MACs.
    pub rng: Rng,
    /// Set while a request faulted as "stuck" runs: its transitions never come due.
    #[serde(skip)]
    pub freeze_new: bool,
}

/// The account's default resource group: what a resource belongs to when none is named.
pub const DEFAULT_RESOURCE_GROUP: &str = "rg-acfmdefault00001";

/// The simulated account's ID, answered as every ENI's `OwnerId` (a made-up 16-digit UID in
/// the form Alibaba's answers show).
pub const OWNER_ID: &str = "1000000000000001";

/// The resource groups of every simulated account: the default and one more.
pub fn resource_groups() -> Vec<String> {
    vec![DEFAULT_RESOURCE_GROUP.into(), "rg-acfmprodteam0001".into()]
}

/// What an idempotent create returned the first time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// The request (without its token) as canonical JSON.
    pub fingerprint: String,
    /// The IDs created.
    pub created: Vec<String>,
}

/// One region's resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RegionState {
    /// The ID infix of this region (`bp1` for cn-hangzhou).
    pub id_prefix: String,
    /// Zones.
    pub zones: Vec<Zone>,
    /// VPCs.
    pub vpcs: BTreeMap<VpcId, Vpc>,
    /// vSwitches.
    pub v_switches: BTreeMap<VSwitchId, VSwitch>,
    /// Security groups.
    pub security_groups: BTreeMap<SecurityGroupId, SecurityGroup>,
    /// Instances; each lists its ENIs, the primary first.
    pub instances: BTreeMap<InstanceId, Instance>,
    /// ENIs, ordered by ID (token paging walks this map).
    pub enis: BTreeMap<NetworkInterfaceId, NetworkInterface>,
    /// Address allocation per vSwitch.
    pub ip_pools: BTreeMap<VSwitchId, IpPool>,
}

/// The addresses of one vSwitch CIDR. Offset 0 and the last three are reserved, as in Alibaba.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpPool {
    base: u32,
    size: u64,
    used: BTreeSet<u32>,
    cursor: u32,
}

impl IpPool {
    /// A pool for `cidr` (`192.168.1.0/24`); `None` if it does not parse.
    pub fn new(cidr: &str) -> Option<Self> {
        let (addr, bits) = cidr.split_once('/')?;
        let bits: u32 = bits.parse().ok().filter(|b| (16..=29).contains(b))?;
        let addr = parse_ipv4(addr)?;
        let size = 1u64 << (32 - bits);
        let base = addr & !((size - 1) as u32);
        Some(Self {
            base,
            size,
            used: BTreeSet::new(),
            cursor: 1,
        })
    }

    fn usable(&self) -> std::ops::RangeInclusive<u32> {
        1..=(self.size - 4) as u32
    }

    /// Free addresses left.
    pub fn available(&self) -> u64 {
        (self.size - 4) - self.used.len() as u64
    }

    /// Takes `wanted` (checked) or the next free address.
    pub fn take(&mut self, wanted: Option<&str>) -> Result<String, SimError> {
        let offset = match wanted {
            Some(text) => {
                let offset = parse_ipv4(text)
                    .and_then(|ip| ip.checked_sub(self.base))
                    .filter(|o| self.usable().contains(o))
                    .ok_or(SimError::Spec(codes::INVALID_PRIVATE_IP))?;
                if self.used.contains(&offset) {
                    return Err(SimError::Spec(codes::PRIVATE_IP_DUPLICATED));
                }
                offset
            }
            None => self.next_free()?,
        };
        self.used.insert(offset);
        Ok(format_ipv4(self.base + offset))
    }

    fn next_free(&mut self) -> Result<u32, SimError> {
        if self.available() == 0 {
            return Err(SimError::Spec(codes::IP_NOT_ENOUGH));
        }
        let range = self.usable();
        let mut offset = self.cursor.clamp(*range.start(), *range.end());
        while self.used.contains(&offset) {
            offset = if offset >= *range.end() {
                *range.start()
            } else {
                offset + 1
            };
        }
        self.cursor = offset + 1;
        Ok(offset)
    }

    /// Whether `ip` is an address of this pool already taken.
    pub fn is_used(&self, ip: &str) -> bool {
        parse_ipv4(ip)
            .and_then(|ip| ip.checked_sub(self.base))
            .is_some_and(|offset| self.used.contains(&offset))
    }

    /// Returns an address to the pool.
    pub fn free(&mut self, ip: &str) {
        if let Some(offset) = parse_ipv4(ip).and_then(|ip| ip.checked_sub(self.base)) {
            self.used.remove(&offset);
        }
    }
}

fn parse_ipv4(text: &str) -> Option<u32> {
    let parts: Vec<u32> = text
        .split('.')
        .map(|p| p.parse().ok().filter(|n| *n < 256))
        .collect::<Option<_>>()?;
    (parts.len() == 4).then(|| parts.iter().fold(0, |acc, p| (acc << 8) | p))
}

fn format_ipv4(ip: u32) -> String {
    format!(
        "{}.{}.{}.{}",
        ip >> 24,
        (ip >> 16) & 255,
        (ip >> 8) & 255,
        ip & 255
    )
}

/// The ID infix Alibaba uses per region (`bp1` for cn-hangzhou); unknown regions get one derived
/// from their name (assumed, as reference §7.2 says).
pub fn id_prefix(region: &str) -> String {
    let known = match region {
        "cn-hangzhou" => "bp1",
        "cn-shanghai" => "uf6",
        "cn-beijing" => "2ze",
        "ap-southeast-1" => "t4n",
        "cn-shenzhen" => "wz9",
        "cn-qingdao" => "m5e",
        "cn-zhangjiakou" => "8vb",
        "cn-hongkong" => "j6c",
        "ap-northeast-1" => "6we",
        "us-west-1" => "rj9",
        "us-east-1" => "0xi",
        "eu-central-1" => "gw8",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    let letters: String = region
        .split('-')
        .filter_map(|p| p.chars().next())
        .take(2)
        .collect();
    format!("{letters}1")
}

impl World {
    /// A world with the catalogue and an empty state for every listed region.
    pub fn new(
        region_list: Vec<Region>,
        instance_types: Vec<InstanceTypeInfo>,
        images: Vec<Image>,
        seed: u64,
    ) -> Self {
        let regions = region_list
            .iter()
            .map(|r| {
                let id = r.region_id.to_string();
                let state = RegionState {
                    id_prefix: id_prefix(&id),
                    ..RegionState::default()
                };
                (id, state)
            })
            .collect();
        Self {
            region_list,
            instance_types,
            images,
            regions,
            pending: Vec::new(),
            tokens: BTreeMap::new(),
            region_eni_quota: crate::DEFAULT_REGION_ENI_QUOTA,
            resource_groups: resource_groups(),
            rng: Rng::new(seed),
            freeze_new: false,
        }
    }

    /// The region's state, or `InvalidRegionId.NotFound`.
    pub fn region(&self, id: &RegionId) -> Result<&RegionState, SimError> {
        self.regions
            .get(id.as_str())
            .ok_or_else(|| SimError::not_found(codes::INVALID_REGION_ID_NOT_FOUND, id.as_str()))
    }

    /// The region's state for a change, or `InvalidRegionId.NotFound`.
    pub fn region_mut(&mut self, id: &RegionId) -> Result<&mut RegionState, SimError> {
        self.regions
            .get_mut(id.as_str())
            .ok_or_else(|| SimError::not_found(codes::INVALID_REGION_ID_NOT_FOUND, id.as_str()))
    }

    /// The catalogue entry of an instance type.
    pub fn instance_type(&self, id: &InstanceType) -> Option<&InstanceTypeInfo> {
        self.instance_types
            .iter()
            .find(|t| &t.instance_type_id == id)
    }

    /// A new ID such as `eni-bp1` + 17 lowercase letters and digits.
    pub fn new_id(&mut self, kind: &str, region: &RegionId) -> String {
        let prefix = id_prefix(region.as_str());
        format!("{kind}-{prefix}{}", self.rng.lower_alnum(17))
    }

    /// A new MAC in Alibaba's `00:16:3e` range.
    pub fn new_mac(&mut self) -> String {
        let n = self.rng.next_u64();
        format!(
            "00:16:3e:{:02x}:{:02x}:{:02x}",
            (n >> 16) & 255,
            (n >> 8) & 255,
            n & 255
        )
    }

    /// A free IPv6 address of `vsw`'s IPv6 block: a random host part, as the cloud's look (the
    /// reference documents no allocation order); `InvalidVSwitch.Ipv6NotTurnOn` when the
    /// vSwitch has no block.
    pub fn new_ipv6(&mut self, region: &RegionId, vsw: &VSwitchId) -> Result<String, SimError> {
        let state = self.region(region)?;
        let v = state.v_switches.get(vsw).ok_or_else(|| {
            SimError::not_found(codes::INVALID_VSWITCH_ID_NOT_FOUND, vsw.as_str())
        })?;
        let (base, bits) = v
            .ipv6_cidr_block
            .split_once('/')
            .and_then(|(b, n)| Some((b.parse::<Ipv6Addr>().ok()?, n.parse::<u32>().ok()?)))
            .filter(|(_, bits)| (1..=120).contains(bits))
            .ok_or(SimError::Spec(codes::IPV6_NOT_TURN_ON))?;
        let host_mask = u128::MAX >> bits;
        let network = u128::from(base) & !host_mask;
        for _ in 0..64 {
            let host = (u128::from(self.rng.next_u64()) << 64 | u128::from(self.rng.next_u64()))
                & host_mask;
            let ip = Ipv6Addr::from(network | host).to_string();
            if host > 1 && !self.region(region)?.ipv6_taken(vsw, &ip) {
                return Ok(ip);
            }
        }
        Err(SimError::Spec(codes::IP_NOT_ENOUGH))
    }

    /// The region holding `instance`, for actions whose SDK model has no RegionId.
    pub fn region_of_instance(&self, instance: &InstanceId) -> Option<RegionId> {
        self.regions
            .iter()
            .find(|(_, state)| state.instances.contains_key(instance))
            .and_then(|(id, _)| RegionId::parse(id).ok())
    }
}

impl RegionState {
    /// Adds a vSwitch with a fresh address pool.
    pub fn add_v_switch(&mut self, mut vsw: VSwitch) {
        if let Some(pool) = IpPool::new(&vsw.cidr_block) {
            vsw.available_ip_address_count = pool.available();
            self.ip_pools.insert(vsw.v_switch_id.clone(), pool);
        }
        self.v_switches.insert(vsw.v_switch_id.clone(), vsw);
    }

    /// Allocates an address in `vsw` and keeps its `AvailableIpAddressCount` right.
    pub fn alloc_ip(&mut self, vsw: &VSwitchId, wanted: Option<&str>) -> Result<String, SimError> {
        let pool = self.ip_pools.get_mut(vsw).ok_or_else(|| {
            SimError::not_found(codes::INVALID_VSWITCH_ID_NOT_FOUND, vsw.as_str())
        })?;
        let ip = pool.take(wanted)?;
        let left = pool.available();
        if let Some(v) = self.v_switches.get_mut(vsw) {
            v.available_ip_address_count = left;
        }
        Ok(ip)
    }

    /// Whether `ip` is already taken in `vsw` (by any ENI).
    pub fn ip_taken(&self, vsw: &VSwitchId, ip: &str) -> bool {
        self.ip_pools.get(vsw).is_some_and(|pool| pool.is_used(ip))
    }

    /// Whether IPv6 address `ip` (any spelling) is assigned to an ENI of `vsw`.
    pub fn ipv6_taken(&self, vsw: &VSwitchId, ip: &str) -> bool {
        self.enis
            .values()
            .filter(|e| &e.v_switch_id == vsw)
            .flat_map(|e| &e.ipv6_sets.ipv6_set)
            .any(|held| rules::same_ipv6(&held.ipv6_address, ip))
    }

    /// Frees an address of `vsw`.
    pub fn free_ip(&mut self, vsw: &VSwitchId, ip: &str) {
        if let Some(pool) = self.ip_pools.get_mut(vsw) {
            pool.free(ip);
            let left = pool.available();
            if let Some(v) = self.v_switches.get_mut(vsw) {
                v.available_ip_address_count = left;
            }
        }
    }

    /// Binds an ENI to an instance in `status` (Attaching, or InUse at creation).
    pub fn bind_eni(
        &mut self,
        eni_id: &NetworkInterfaceId,
        instance_id: &InstanceId,
        status: EniStatus,
    ) {
        let (Some(eni), Some(instance)) = (
            self.enis.get_mut(eni_id),
            self.instances.get_mut(instance_id),
        ) else {
            return;
        };
        let device_index = instance.eni_count() as u32;
        eni.status = status;
        eni.instance_id = Some(instance_id.clone());
        eni.attachment = Some(Attachment {
            instance_id: instance_id.clone(),
            device_index,
            // The cloud leaves NetworkCardIndex out unless the attach named a card, and the
            // simulator takes no NetworkCardIndex (UnsupportedParameter).
            network_card_index: None,
            trunk_network_interface_id: None,
        });
        instance
            .network_interfaces
            .network_interface
            .push(InstanceNetworkInterface {
                network_interface_id: eni_id.clone(),
                eni_type: eni.eni_type,
                primary_ip_address: eni.private_ip_address.clone(),
                mac_address: eni.mac_address.clone(),
            });
    }

    /// Detaches an ENI: Available again, gone from its instance's list.
    pub fn unbind_eni(&mut self, eni_id: &NetworkInterfaceId) {
        let Some(eni) = self.enis.get_mut(eni_id) else {
            return;
        };
        eni.status = EniStatus::Available;
        eni.attachment = None;
        if let Some(instance) = eni
            .instance_id
            .take()
            .and_then(|i| self.instances.get_mut(&i))
        {
            instance
                .network_interfaces
                .network_interface
                .retain(|n| &n.network_interface_id != eni_id);
        }
    }

    /// Deletes an ENI and frees its addresses.
    pub fn remove_eni(&mut self, eni_id: &NetworkInterfaceId) {
        self.unbind_eni(eni_id);
        if let Some(eni) = self.enis.remove(eni_id) {
            for ip in &eni.private_ip_sets.private_ip_set {
                self.free_ip(&eni.v_switch_id, &ip.private_ip_address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_skips_the_first_and_last_three_addresses() {
        let mut pool = IpPool::new("192.168.1.0/24").expect("valid cidr");
        assert_eq!(pool.available(), 252);
        assert_eq!(pool.take(None).ok().as_deref(), Some("192.168.1.1"));
        assert!(pool.take(Some("192.168.1.253")).is_err());
        assert!(pool.take(Some("192.168.2.5")).is_err());
        assert_eq!(
            pool.take(Some("192.168.1.252")).ok().as_deref(),
            Some("192.168.1.252")
        );
        assert_eq!(
            pool.take(Some("192.168.1.252")).err().map(|e| e.code()),
            Some("InvalidPrivateIpAddress.Duplicated")
        );
        assert_eq!(pool.available(), 250);
    }

    #[test]
    fn ids_use_the_region_infix() {
        let mut world = World::new(Vec::new(), Vec::new(), Vec::new(), 1);
        let id = world.new_id("eni", &RegionId::parse("cn-hangzhou").expect("region"));
        assert!(
            id.starts_with("eni-bp1") && id.len() == "eni-bp1".len() + 17,
            "{id}"
        );
        assert!(world.new_mac().starts_with("00:16:3e:"));
    }
}
