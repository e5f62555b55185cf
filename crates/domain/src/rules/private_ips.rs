//! `can_assign_private_ips`, `can_unassign_private_ips`: the rules of AssignPrivateIpAddresses
//! and UnassignPrivateIpAddresses (their API references, in Alibaba's doc source and the SDK
//! model; the reference's §6 point 6 for the per-ENI quota).

use super::reason::Reason;
use crate::actions::MAX_SECONDARY_IPS;
use crate::model::{EniStatus, EniType, Instance, InstanceStatus, InstanceTypeInfo};
use crate::model::{NetworkInterface, VSwitch};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

/// The most private IPs an unattached (Available) ENI holds, its primary included: the 1–49
/// secondary addresses the reference documents for `SecondaryPrivateIpAddressCount`, plus the
/// primary. (The current SDK model says 1–32 for `PrivateIpAddress.N` on an Available ENI and
/// the 2019 doc said 10; docs/fidelity.md notes the choice.) Attached, the instance type's
/// `EniPrivateIpAddressQuantity` applies instead, which counts the primary too.
pub const MAX_IPS_UNATTACHED: u32 = MAX_SECONDARY_IPS as u32 + 1;

/// What the private-IP rules look at, all from Describe calls the app already makes.
#[derive(Debug, Clone, Copy)]
pub struct PrivateIpContext<'a> {
    /// The ENI.
    pub eni: &'a NetworkInterface,
    /// The instance it is attached to, when it is and the instance is known.
    pub instance: Option<&'a Instance>,
    /// That instance's type; without it the per-ENI quota is left to the cloud.
    pub instance_type: Option<&'a InstanceTypeInfo>,
    /// The ENI's vSwitch; without it the CIDR and the free count are left to the cloud.
    pub v_switch: Option<&'a VSwitch>,
}

/// What an AssignPrivateIpAddresses call asks for.
#[derive(Debug, Clone, Copy)]
pub enum IpsWanted<'a> {
    /// This many free addresses (`SecondaryPrivateIpAddressCount`).
    Count(u32),
    /// These addresses (`PrivateIpAddress.N`).
    Addresses(&'a [String]),
}

/// The private IPs of `eni`, its primary included (an ENI always has its primary).
pub fn private_ip_count(eni: &NetworkInterface) -> u32 {
    (eni.private_ip_sets.private_ip_set.len() as u32).max(1)
}

/// The most private IPs `eni` may hold now, its primary included, and the instance type that
/// sets it (empty when unattached); `None` when attached to an instance of unknown type.
pub fn private_ip_limit(ctx: PrivateIpContext<'_>) -> Option<(u32, String)> {
    let attached = ctx.eni.instance_id.is_some() || ctx.eni.status != EniStatus::Available;
    if !attached {
        return Some((MAX_IPS_UNATTACHED, String::new()));
    }
    ctx.instance_type
        .filter(|t| t.eni_private_ip_address_quantity > 0)
        .map(|t| {
            (
                t.eni_private_ip_address_quantity,
                t.instance_type_id.to_string(),
            )
        })
}

/// The rules both calls share: not managed by a service, Available or InUse, and a primary
/// ENI's instance Running or Stopped.
pub(super) fn state_reasons(ctx: PrivateIpContext<'_>) -> Vec<Reason> {
    let eni = ctx.eni;
    let mut out = Vec::new();
    if eni.service_managed {
        out.push(Reason::ServiceManaged);
    }
    if !matches!(eni.status, EniStatus::Available | EniStatus::InUse) {
        out.push(Reason::EniStateForIps { actual: eni.status });
    }
    if eni.eni_type == EniType::Primary
        && let Some(instance) = ctx.instance
        && !matches!(
            instance.status,
            InstanceStatus::Running | InstanceStatus::Stopped
        )
    {
        out.push(Reason::InstanceState {
            actual: instance.status,
        });
    }
    out
}

/// One reason per address named more than once.
pub(super) fn repeated(ips: &[String]) -> Vec<Reason> {
    let mut seen = BTreeSet::new();
    let mut reported = BTreeSet::new();
    ips.iter()
        .filter(|ip| !seen.insert(ip.as_str()))
        .filter(|ip| reported.insert(ip.as_str()))
        .map(|ip| Reason::IpRepeated { ip: ip.clone() })
        .collect()
}

/// Whether `ip` is a usable address of `cidr` (Alibaba reserves a block's first and last
/// three addresses); `None` when either does not parse.
pub fn usable_in_cidr(cidr: &str, ip: &str) -> Option<bool> {
    let (base, bits) = cidr.split_once('/')?;
    let bits: u32 = bits.parse().ok().filter(|b| *b <= 32)?;
    let base = u32::from(base.parse::<Ipv4Addr>().ok()?);
    let ip = u32::from(ip.parse::<Ipv4Addr>().ok()?);
    let size = 1u64 << (32 - bits);
    let start = base & !((size - 1) as u32);
    let offset = u64::from(ip.wrapping_sub(start));
    Some(ip >= start && offset >= 1 && offset + 3 < size)
}

/// Every reason `wanted` cannot be assigned to the ENI now; empty means it can. `taken` says
/// whether an address of the vSwitch is already used (by any ENI, this one included).
pub fn can_assign_private_ips(
    ctx: PrivateIpContext<'_>,
    wanted: IpsWanted<'_>,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<Reason> {
    let mut out = state_reasons(ctx);
    let adding = match wanted {
        IpsWanted::Count(n) => n,
        IpsWanted::Addresses(ips) => {
            out.extend(repeated(ips));
            for ip in ips {
                let cidr = ctx.v_switch.map(|v| v.cidr_block.as_str()).unwrap_or("");
                if usable_in_cidr(cidr, ip) == Some(false) {
                    out.push(Reason::IpOutsideVSwitch {
                        ip: ip.clone(),
                        cidr: cidr.to_owned(),
                    });
                } else if taken(ip) {
                    out.push(Reason::IpTaken { ip: ip.clone() });
                }
            }
            ips.len() as u32
        }
    };
    let ips = private_ip_count(ctx.eni);
    if let Some((limit, instance_type)) = private_ip_limit(ctx)
        && ips + adding > limit
    {
        out.push(Reason::PrivateIpLimit {
            ips,
            adding,
            limit,
            instance_type,
        });
    }
    if let (IpsWanted::Count(n), Some(vsw)) = (wanted, ctx.v_switch)
        && u64::from(n) > vsw.available_ip_address_count
    {
        out.push(Reason::NotEnoughFreeIps {
            wanted: n,
            free: vsw.available_ip_address_count,
        });
    }
    out
}

/// Every reason `ips` cannot be unassigned from the ENI now; empty means they can. `protected`
/// is the portal's delete protection: an unassigned address goes back to the vSwitch, where
/// anything may take it.
pub fn can_unassign_private_ips(
    ctx: PrivateIpContext<'_>,
    ips: &[String],
    protected: bool,
) -> Vec<Reason> {
    let mut out = state_reasons(ctx);
    if protected {
        out.push(Reason::Protected);
    }
    out.extend(repeated(ips));
    let eni = ctx.eni;
    for ip in ips {
        let held = eni
            .private_ip_sets
            .private_ip_set
            .iter()
            .find(|p| &p.private_ip_address == ip);
        if held.is_some_and(|p| p.primary) || &eni.private_ip_address == ip {
            out.push(Reason::PrimaryIp { ip: ip.clone() });
        } else if held.is_none() {
            out.push(Reason::IpNotOnEni { ip: ip.clone() });
        }
    }
    out
}

#[cfg(test)]
#[path = "private_ips_tests.rs"]
mod tests;
