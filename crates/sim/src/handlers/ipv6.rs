//! AssignIpv6Addresses and UnassignIpv6Addresses, and the IPv6 addresses of a new ENI: the
//! addresses come from the ENI's vSwitch's IPv6 block. Every refusal comes from the domain
//! rules (`can_assign_ipv6`, `can_unassign_ipv6`).

use super::private_ip::context;
use super::{Ctx, eni, remember, replayed, rules_ok};
use crate::error::SimError;
use crate::world::World;
use tether_domain::rules::{self, Ipv6Wanted};
use tether_domain::*;

fn assigned(eni: &NetworkInterfaceId, ips: Vec<String>) -> AssignIpv6AddressesResponse {
    AssignIpv6AddressesResponse {
        request_id: String::new(),
        network_interface_id: eni.to_string(),
        ipv6_sets: ips.into(),
    }
}

/// Checks `wanted` against the rules for ENI `id` as it is now.
pub fn check_ipv6(
    world: &World,
    region: &RegionId,
    id: &NetworkInterfaceId,
    wanted: Ipv6Wanted<'_>,
) -> Result<(), SimError> {
    let state = world.region(region)?;
    let e = eni(state, id)?;
    let vsw = &e.v_switch_id;
    rules_ok(rules::can_assign_ipv6(
        context(world, state, e),
        wanted,
        &|ip| state.ipv6_taken(vsw, ip),
    ))
}

/// Gives ENI `id` the addresses `wanted` asks for (already checked) and returns them.
pub fn add_ipv6(
    world: &mut World,
    region: &RegionId,
    id: &NetworkInterfaceId,
    wanted: Ipv6Wanted<'_>,
) -> Result<Vec<String>, SimError> {
    let vsw = eni(world.region(region)?, id)?.v_switch_id.clone();
    let mut new = Vec::new();
    for n in 0..wanted.len() as usize {
        let ip = match wanted {
            Ipv6Wanted::Count(_) => world.new_ipv6(region, &vsw)?,
            // One address, one spelling: stored (and answered) as `Ipv6Addr` writes it, so
            // `2408:4005:03a0:7a00:0:0:0:5` is kept as `2408:4005:3a0:7a00::5`.
            Ipv6Wanted::Addresses(ips) => rules::canonical_ipv6(&ips[n]),
        };
        // Each one on the ENI at once, so the next random pick sees it taken.
        if let Some(e) = world.region_mut(region)?.enis.get_mut(id) {
            e.ipv6_sets.ipv6_set.push(Ipv6Set {
                ipv6_address: ip.clone(),
            });
        }
        new.push(ip);
    }
    Ok(new)
}

/// AssignIpv6Addresses: the named addresses, or that many free ones of the block. A
/// ClientToken replays the first answer instead of taking addresses twice.
pub fn assign_ipv6_addresses(
    ctx: &mut Ctx<'_>,
    req: AssignIpv6Addresses,
) -> Result<AssignIpv6AddressesResponse, SimError> {
    let region = req.region_id.clone();
    let fingerprint = crate::handlers::fingerprint(&req);
    let token = req.client_token.as_deref();
    let name = AssignIpv6Addresses::NAME;
    if let Some(ips) = replayed(ctx.world, &region, name, token, &fingerprint)? {
        return Ok(assigned(&req.network_interface_id, ips));
    }
    let wanted = match req.ipv6_address_count {
        Some(n) => Ipv6Wanted::Count(n),
        None => Ipv6Wanted::Addresses(&req.ipv6_address),
    };
    check_ipv6(ctx.world, &region, &req.network_interface_id, wanted)?;
    let new = add_ipv6(ctx.world, &region, &req.network_interface_id, wanted)?;
    remember(ctx.world, &region, name, token, fingerprint, new.clone());
    Ok(assigned(&req.network_interface_id, new))
}

/// UnassignIpv6Addresses: the addresses leave the ENI (and are free in the block again).
pub fn unassign_ipv6_addresses(
    ctx: &mut Ctx<'_>,
    req: UnassignIpv6Addresses,
) -> Result<Acknowledged, SimError> {
    let world = &*ctx.world;
    let state = world.region(&req.region_id)?;
    let e = eni(state, &req.network_interface_id)?;
    let ips = &req.ipv6_address;
    rules_ok(rules::can_unassign_ipv6(
        context(world, state, e),
        ips,
        false,
    ))?;
    let state = ctx.world.region_mut(&req.region_id)?;
    if let Some(e) = state.enis.get_mut(&req.network_interface_id) {
        e.ipv6_sets.ipv6_set.retain(|held| {
            !ips.iter()
                .any(|ip| rules::same_ipv6(&held.ipv6_address, ip))
        });
    }
    Ok(Acknowledged::default())
}
