//! AssignPrivateIpAddresses and UnassignPrivateIpAddresses: synchronous changes of an ENI's
//! secondary private IPs and of its vSwitch's free addresses (`AvailableIpAddressCount`). Every
//! refusal comes from the domain rules (`can_assign_private_ips`, `can_unassign_private_ips`).

use super::{Ctx, eni, remember, replayed, rules_ok};
use crate::error::SimError;
use crate::world::{RegionState, World};
use tether_domain::rules::{self, IpsWanted, PrivateIpContext};
use tether_domain::*;

/// What the rules need to know about `e`: its instance and that instance's type, its vSwitch.
pub(crate) fn context<'s>(
    world: &'s World,
    state: &'s RegionState,
    e: &'s NetworkInterface,
) -> PrivateIpContext<'s> {
    let instance = e
        .instance_id
        .as_ref()
        .and_then(|id| state.instances.get(id));
    PrivateIpContext {
        eni: e,
        instance,
        instance_type: instance.and_then(|i| world.instance_type(&i.instance_type)),
        v_switch: state.v_switches.get(&e.v_switch_id),
    }
}

fn assigned(eni: &NetworkInterfaceId, ips: Vec<String>) -> AssignPrivateIpAddressesResponse {
    AssignPrivateIpAddressesResponse {
        request_id: String::new(),
        assigned_private_ip_addresses_set: AssignedPrivateIpAddressesSet {
            network_interface_id: eni.to_string(),
            private_ip_set: ips.into(),
        },
    }
}

/// AssignPrivateIpAddresses: the named addresses, or that many free ones (lowest first).
/// A ClientToken replays the first answer instead of taking addresses twice.
pub fn assign_private_ip_addresses(
    ctx: &mut Ctx<'_>,
    req: AssignPrivateIpAddresses,
) -> Result<AssignPrivateIpAddressesResponse, SimError> {
    let region = req.region_id.clone();
    let fingerprint = crate::handlers::fingerprint(&req);
    let token = req.client_token.as_deref();
    let name = AssignPrivateIpAddresses::NAME;
    if let Some(ips) = replayed(ctx.world, &region, name, token, &fingerprint)? {
        return Ok(assigned(&req.network_interface_id, ips));
    }
    let wanted = match req.secondary_private_ip_address_count {
        Some(n) => IpsWanted::Count(n),
        None => IpsWanted::Addresses(&req.private_ip_address),
    };
    let world = &*ctx.world;
    let state = world.region(&region)?;
    let e = eni(state, &req.network_interface_id)?;
    let vsw = e.v_switch_id.clone();
    let taken = |ip: &str| state.ip_taken(&vsw, ip);
    rules_ok(rules::can_assign_private_ips(
        context(world, state, e),
        wanted,
        &taken,
    ))?;
    let asked: Vec<Option<&str>> = match wanted {
        IpsWanted::Count(n) => vec![None; n as usize],
        IpsWanted::Addresses(ips) => ips.iter().map(|ip| Some(ip.as_str())).collect(),
    };
    let state = ctx.world.region_mut(&region)?;
    let mut new: Vec<String> = Vec::new();
    for wanted in asked {
        match state.alloc_ip(&vsw, wanted) {
            Ok(ip) => new.push(ip),
            Err(err) => {
                for ip in &new {
                    state.free_ip(&vsw, ip);
                }
                return Err(err);
            }
        }
    }
    if let Some(e) = state.enis.get_mut(&req.network_interface_id) {
        let sets = &mut e.private_ip_sets.private_ip_set;
        sets.extend(new.iter().map(|ip| PrivateIpSet::new(ip.clone(), false)));
    }
    remember(ctx.world, &region, name, token, fingerprint, new.clone());
    Ok(assigned(&req.network_interface_id, new))
}

/// UnassignPrivateIpAddresses: the addresses go back to the vSwitch.
pub fn unassign_private_ip_addresses(
    ctx: &mut Ctx<'_>,
    req: UnassignPrivateIpAddresses,
) -> Result<Acknowledged, SimError> {
    let world = &*ctx.world;
    let state = world.region(&req.region_id)?;
    let e = eni(state, &req.network_interface_id)?;
    let ips = &req.private_ip_address;
    rules_ok(rules::can_unassign_private_ips(
        context(world, state, e),
        ips,
        false,
    ))?;
    let vsw = e.v_switch_id.clone();
    let state = ctx.world.region_mut(&req.region_id)?;
    if let Some(e) = state.enis.get_mut(&req.network_interface_id) {
        let sets = &mut e.private_ip_sets.private_ip_set;
        sets.retain(|p| !ips.contains(&p.private_ip_address));
    }
    for ip in ips {
        state.free_ip(&vsw, ip);
    }
    Ok(Acknowledged::default())
}
