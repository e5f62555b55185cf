//! `can_assign_ipv6`, `can_unassign_ipv6`, `ipv6_limit`: the rules of AssignIpv6Addresses and
//! UnassignIpv6Addresses, and of `Ipv6Address.N`/`Ipv6AddressCount` on CreateNetworkInterface.
//! From the AssignIpv6Addresses reference (help.aliyun.com doc 98610 and the SDK model): the
//! vSwitch must have IPv6 enabled; the ENI Available or InUse; a primary ENI's instance Running
//! or Stopped; up to 10 on an Available ENI, the instance type's limit when attached. The codes
//! are those of its error table (AlibabaCloudDocs/ecs, `cn.zh-CN/API参考/弹性网卡/`).

use super::private_ips::{PrivateIpContext, state_reasons};
use super::reason::Reason;
use crate::model::{EniStatus, NetworkInterface, VSwitch};
use std::collections::BTreeSet;
use std::net::Ipv6Addr;

/// The most IPv6 addresses an unattached (Available) ENI holds ("If the ENI is in the
/// Available state, up to 10 IPv6 addresses can be assigned", AssignIpv6Addresses reference).
pub const MAX_IPV6_UNATTACHED: u32 = 10;

/// What an AssignIpv6Addresses call (or a create) asks for.
#[derive(Debug, Clone, Copy)]
pub enum Ipv6Wanted<'a> {
    /// This many addresses of the vSwitch's IPv6 block (`Ipv6AddressCount`).
    Count(u32),
    /// These addresses (`Ipv6Address.N`).
    Addresses(&'a [String]),
}

impl Ipv6Wanted<'_> {
    /// How many addresses it adds.
    pub fn len(&self) -> u32 {
        match self {
            Self::Count(n) => *n,
            Self::Addresses(ips) => ips.len() as u32,
        }
    }

    /// Whether it adds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The IPv6 addresses of `eni`.
pub fn ipv6_count(eni: &NetworkInterface) -> u32 {
    eni.ipv6_sets.ipv6_set.len() as u32
}

/// The most IPv6 addresses the ENI may hold now and the instance type that sets it (empty when
/// unattached); `None` when attached to an instance of unknown type. A type that takes none
/// gives 0.
pub fn ipv6_limit(ctx: PrivateIpContext<'_>) -> Option<(u32, String)> {
    let attached = ctx.eni.instance_id.is_some() || ctx.eni.status != EniStatus::Available;
    if !attached {
        return Some((MAX_IPV6_UNATTACHED, String::new()));
    }
    ctx.instance_type
        .map(|t| (t.eni_ipv6_address_quantity, t.instance_type_id.to_string()))
}

/// Whether `ip` is an address of the IPv6 block `cidr` (`2408:4005:3a0:7a00::/64`); `None` when
/// either does not parse.
pub fn ipv6_in_cidr(cidr: &str, ip: &str) -> Option<bool> {
    let (base, bits) = cidr.split_once('/')?;
    let bits: u32 = bits.parse().ok().filter(|b| *b <= 128)?;
    let base = u128::from(base.parse::<Ipv6Addr>().ok()?);
    let ip = u128::from(ip.parse::<Ipv6Addr>().ok()?);
    let mask = if bits == 0 {
        0
    } else {
        u128::MAX << (128 - bits)
    };
    Some(base & mask == ip & mask)
}

/// `[VSwitchNoIpv6]` when the vSwitch has no IPv6 block (the one rule a create with IPv6
/// addresses adds to the private-IP ones); nothing when it has one or is unknown.
pub fn v_switch_ipv6_reasons(v_switch: Option<&VSwitch>) -> Vec<Reason> {
    match v_switch {
        Some(v) if v.ipv6_cidr_block.is_empty() => vec![Reason::VSwitchNoIpv6 {
            v_switch: v.v_switch_id.to_string(),
        }],
        _ => Vec::new(),
    }
}

/// Every reason `wanted` cannot be assigned to the ENI now; empty means it can. `taken` says
/// whether an IPv6 address of the vSwitch is already assigned (to any ENI, this one included).
pub fn can_assign_ipv6(
    ctx: PrivateIpContext<'_>,
    wanted: Ipv6Wanted<'_>,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<Reason> {
    let mut out = state_reasons(ctx);
    out.extend(v_switch_ipv6_reasons(ctx.v_switch));
    if let Ipv6Wanted::Addresses(ips) = wanted {
        out.extend(repeated_ipv6(ips));
        let cidr = ctx
            .v_switch
            .map(|v| v.ipv6_cidr_block.as_str())
            .unwrap_or("");
        for ip in ips {
            if !cidr.is_empty() && ipv6_in_cidr(cidr, ip) != Some(true) {
                out.push(Reason::Ipv6OutsideVSwitch {
                    ip: ip.clone(),
                    cidr: cidr.to_owned(),
                });
            } else if taken(ip) {
                out.push(Reason::Ipv6Taken { ip: ip.clone() });
            }
        }
    }
    let has = ipv6_count(ctx.eni);
    match ipv6_limit(ctx) {
        Some((0, instance_type)) if !instance_type.is_empty() => {
            out.push(Reason::Ipv6NotSupported { instance_type });
        }
        Some((limit, instance_type)) if has + wanted.len() > limit => {
            out.push(Reason::Ipv6Limit {
                eni: ctx.eni.network_interface_id.to_string(),
                has,
                adding: wanted.len(),
                limit,
                instance_type,
            });
        }
        _ => {}
    }
    out
}

/// Every reason `ips` cannot be unassigned from the ENI now; empty means they can. `protected`
/// is the portal's delete protection (an unassigned address may never come back).
pub fn can_unassign_ipv6(
    ctx: PrivateIpContext<'_>,
    ips: &[String],
    protected: bool,
) -> Vec<Reason> {
    let mut out = state_reasons(ctx);
    if protected {
        out.push(Reason::Protected);
    }
    out.extend(repeated_ipv6(ips));
    let held = &ctx.eni.ipv6_sets.ipv6_set;
    for ip in ips {
        if !held.iter().any(|h| same_ipv6(&h.ipv6_address, ip)) {
            out.push(Reason::IpNotOnEni { ip: ip.clone() });
        }
    }
    out
}

/// One reason per address named more than once, however it is spelt: `2408:4005:3a0:7a00::5`
/// and `2408:4005:03a0:7a00:0:0:0:5` are one address, named twice.
fn repeated_ipv6(ips: &[String]) -> Vec<Reason> {
    let mut seen = BTreeSet::new();
    let mut reported = BTreeSet::new();
    ips.iter()
        .filter(|ip| !seen.insert(canonical_ipv6(ip)))
        .filter(|ip| reported.insert(canonical_ipv6(ip)))
        .map(|ip| Reason::IpRepeated { ip: ip.clone() })
        .collect()
}

/// The address as `std::net::Ipv6Addr` writes it (RFC 5952: lowercase, no leading zeros, the
/// longest run of zero groups as `::`), so one address is stored and answered one way;
/// `ip` as it is when it does not parse.
pub fn canonical_ipv6(ip: &str) -> String {
    ip.parse::<Ipv6Addr>()
        .map_or_else(|_| ip.to_owned(), |addr| addr.to_string())
}

/// Whether two spellings name one IPv6 address (`2408::1` and `2408:0:0::1`).
pub fn same_ipv6(a: &str, b: &str) -> bool {
    match (a.parse::<Ipv6Addr>(), b.parse::<Ipv6Addr>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
#[path = "ipv6_tests.rs"]
mod tests;
