//! ENI actions: create, describe, attach, detach, delete, modify. Every refusal comes from the
//! domain rules (`can_attach`, `can_detach`, `can_delete`, `can_modify`).

use super::ipv6::{add_ipv6, check_ipv6};
use super::paging::{self, Page};
use super::{
    Ctx, NewEni, check_security_groups, eni, eni_target, new_eni, remember, replayed, rules_ok,
    v_switch,
};
use crate::clock::Change;
use crate::error::SimError;
use crate::world::DEFAULT_RESOURCE_GROUP;
use tether_domain::error::codes;
use tether_domain::rules::{self, AttachContext, Ipv6Wanted, Reason};
use tether_domain::*;

/// CreateNetworkInterface: synchronous, the new ENI is Available.
pub fn create_network_interface(
    ctx: &mut Ctx<'_>,
    req: CreateNetworkInterface,
) -> Result<CreateNetworkInterfaceResponse, SimError> {
    let region = req.region_id.clone();
    let fingerprint = crate::handlers::fingerprint(&req);
    let token = req.client_token.as_deref();
    if let Some(created) = replayed(
        ctx.world,
        &region,
        CreateNetworkInterface::NAME,
        token,
        &fingerprint,
    )? {
        let state = ctx.world.region(&region)?;
        let id = created.first().and_then(|id| id.parse().ok());
        let existing = id.and_then(|id: NetworkInterfaceId| state.enis.get(&id).cloned());
        if let Some(network_interface) = existing {
            return Ok(CreateNetworkInterfaceResponse {
                request_id: String::new(),
                network_interface,
            });
        }
    }
    let quota = ctx.world.region_eni_quota;
    let state = ctx.world.region(&region)?;
    let vsw = v_switch(state, &req.v_switch_id)?.clone();
    let groups = req.security_groups();
    check_security_groups(state, &groups, &vsw.vpc_id, codes::VPC_MISMATCH)?;
    if state.enis.len() >= quota {
        return Err(SimError::Spec(codes::MAX_ENI_COUNT_EXCEEDED));
    }
    let resource_group_id = match &req.resource_group_id {
        Some(rg) if !ctx.world.resource_groups.contains(rg) => {
            return Err(SimError::Spec(codes::INVALID_RESOURCE_GROUP_NOT_FOUND));
        }
        Some(rg) => rg.clone(),
        None => DEFAULT_RESOURCE_GROUP.into(),
    };
    let tags = TagParam::tag_set(&req.tag).tag;
    let network_interface = new_eni(
        ctx,
        NewEni {
            region: &region,
            v_switch: &vsw,
            groups,
            primary_ip: req.primary_ip_address.as_deref(),
            listed_ips: &req.private_ip_address,
            secondary_ips: req.secondary_private_ip_address_count.unwrap_or(0),
            eni_type: EniType::Secondary,
            name: req.network_interface_name.clone().unwrap_or_default(),
            description: req.description.clone().unwrap_or_default(),
            delete_on_release: req.delete_on_release.unwrap_or(false),
            tags,
            resource_group_id,
            queue_number: req.queue_number.unwrap_or(0),
            source_dest_check: req.source_dest_check.unwrap_or(false),
        },
    )?;
    let id = network_interface.network_interface_id.clone();
    let ipv6 = match req.ipv6_address_count {
        Some(n) => Some(Ipv6Wanted::Count(n)),
        None if !req.ipv6_address.is_empty() => Some(Ipv6Wanted::Addresses(&req.ipv6_address)),
        None => None,
    };
    // The IPv6 rules (an IPv6 vSwitch, free addresses of its block) are those of an assignment
    // to the new ENI; a refusal takes the ENI back, so nothing is left half made.
    let network_interface = match ipv6 {
        None => network_interface,
        Some(wanted) => {
            let added = check_ipv6(ctx.world, &region, &id, wanted)
                .and_then(|()| add_ipv6(ctx.world, &region, &id, wanted));
            let state = ctx.world.region_mut(&region)?;
            if let Err(err) = added {
                state.remove_eni(&id);
                return Err(err);
            }
            eni(state, &id)?.clone()
        }
    };
    remember(
        ctx.world,
        &region,
        CreateNetworkInterface::NAME,
        token,
        fingerprint,
        vec![id.to_string()],
    );
    Ok(CreateNetworkInterfaceResponse {
        request_id: String::new(),
        network_interface,
    })
}

fn matches(req: &DescribeNetworkInterfaces, e: &NetworkInterface) -> bool {
    req.vpc_id.as_ref().is_none_or(|v| &e.vpc_id == v)
        && req.v_switch_id.as_ref().is_none_or(|v| &e.v_switch_id == v)
        && req
            .primary_ip_address
            .as_ref()
            .is_none_or(|ip| &e.private_ip_address == ip)
        && req
            .security_group_id
            .as_ref()
            .is_none_or(|sg| e.security_group_ids.security_group_id.contains(sg))
        && req
            .network_interface_name
            .as_ref()
            .is_none_or(|n| &e.network_interface_name == n)
        && req.eni_type.is_none_or(|t| e.eni_type == t)
        && req
            .instance_id
            .as_ref()
            .is_none_or(|i| e.instance_id.as_ref() == Some(i))
        && (req.network_interface_id.is_empty()
            || req.network_interface_id.contains(&e.network_interface_id))
        && req.status.is_none_or(|s| e.status == s)
        // Any of the listed addresses, the primary one included.
        && (req.private_ip_address.is_empty()
            || e.private_ip_sets
                .private_ip_set
                .iter()
                .any(|ip| req.private_ip_address.contains(&ip.private_ip_address)))
        && req
            .resource_group_id
            .as_ref()
            .is_none_or(|rg| &e.resource_group_id == rg)
        && req.service_managed.is_none_or(|m| e.service_managed == m)
        && req.tag.iter().all(|t| t.matches(e.tag(&t.key)))
}

fn unfiltered(req: &DescribeNetworkInterfaces) -> bool {
    req.vpc_id.is_none()
        && req.v_switch_id.is_none()
        && req.primary_ip_address.is_none()
        && req.security_group_id.is_none()
        && req.network_interface_name.is_none()
        && req.eni_type.is_none()
        && req.instance_id.is_none()
        && req.network_interface_id.is_empty()
        && req.status.is_none()
        && req.private_ip_address.is_empty()
        && req.resource_group_id.is_none()
        && req.service_managed.is_none()
        && req.tag.is_empty()
}

/// DescribeNetworkInterfaces, with both paging styles.
pub fn describe_network_interfaces(
    ctx: &mut Ctx<'_>,
    req: DescribeNetworkInterfaces,
) -> Result<DescribeNetworkInterfacesResponse, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    let page: Page<NetworkInterface> = if req.next_token.is_some() || req.max_results.is_some() {
        let max = paging::max_results(req.max_results, 500);
        paging::by_token(
            &state.enis,
            req.next_token.as_deref(),
            max,
            !unfiltered(&req),
            |e| matches(&req, e),
        )?
    } else if !req.network_interface_id.is_empty() {
        let hits: Vec<&NetworkInterface> = req
            .network_interface_id
            .iter()
            .filter_map(|id| state.enis.get(id))
            .filter(|e| matches(&req, e))
            .collect();
        paging::by_number(hits.iter().copied(), req.page_number, req.page_size, 100)
    } else if unfiltered(&req) {
        paging::by_number(state.enis.values(), req.page_number, req.page_size, 100)
    } else {
        paging::by_number(
            state.enis.values().filter(|e| matches(&req, e)),
            req.page_number,
            req.page_size,
            100,
        )
    };
    Ok(DescribeNetworkInterfacesResponse {
        request_id: String::new(),
        total_count: page.total,
        page_number: page.page_number,
        page_size: page.page_size,
        next_token: page.next_token,
        network_interface_sets: page.items.into(),
    })
}

/// DescribeNetworkInterfaceAttribute.
pub fn describe_network_interface_attribute(
    ctx: &mut Ctx<'_>,
    req: DescribeNetworkInterfaceAttribute,
) -> Result<DescribeNetworkInterfaceAttributeResponse, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    let network_interface = eni(state, &req.network_interface_id)?.clone();
    Ok(DescribeNetworkInterfaceAttributeResponse {
        request_id: String::new(),
        network_interface,
    })
}

/// AttachNetworkInterface: Available → Attaching → InUse.
pub fn attach_network_interface(
    ctx: &mut Ctx<'_>,
    req: AttachNetworkInterface,
) -> Result<Acknowledged, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    let e = eni(state, &req.network_interface_id)?;
    let i = eni_target(state, &req.instance_id)?;
    let info = ctx.world.instance_type(&i.instance_type);
    rules_ok(rules::can_attach(AttachContext {
        eni: e,
        instance: i,
        instance_type: info,
    }))?;
    let due = ctx.due(1);
    let state = ctx.world.region_mut(&req.region_id)?;
    state.bind_eni(
        &req.network_interface_id,
        &req.instance_id,
        EniStatus::Attaching,
    );
    ctx.world.schedule(
        &req.region_id,
        Change::EniAttached(req.network_interface_id),
        due,
    );
    Ok(Acknowledged::default())
}

/// DetachNetworkInterface: InUse → Detaching → Available; may be re-issued while Detaching.
pub fn detach_network_interface(
    ctx: &mut Ctx<'_>,
    req: DetachNetworkInterface,
) -> Result<Acknowledged, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    let e = eni(state, &req.network_interface_id)?;
    let i = eni_target(state, &req.instance_id)?;
    let reasons = rules::can_detach(e, Some(i), false);
    if reasons.first() == Some(&Reason::PrimaryEni) {
        return Err(SimError::Spec(codes::DETACH_PRIMARY_ENI_NOT_ALLOWED));
    }
    rules_ok(reasons)?;
    let due = ctx.due(1);
    let state = ctx.world.region_mut(&req.region_id)?;
    if let Some(e) = state.enis.get_mut(&req.network_interface_id) {
        e.status = EniStatus::Detaching;
    }
    ctx.world.schedule(
        &req.region_id,
        Change::EniDetached(req.network_interface_id),
        due,
    );
    Ok(Acknowledged::default())
}

/// DeleteNetworkInterface: Available → Deleting → gone; may be re-issued while Deleting.
pub fn delete_network_interface(
    ctx: &mut Ctx<'_>,
    req: DeleteNetworkInterface,
) -> Result<Acknowledged, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    rules_ok(rules::can_delete(
        eni(state, &req.network_interface_id)?,
        false,
    ))?;
    let due = ctx.due(1);
    let state = ctx.world.region_mut(&req.region_id)?;
    if let Some(e) = state.enis.get_mut(&req.network_interface_id) {
        e.status = EniStatus::Deleting;
    }
    ctx.world.schedule(
        &req.region_id,
        Change::EniDeleted(req.network_interface_id),
        due,
    );
    Ok(Acknowledged::default())
}

/// ModifyNetworkInterfaceAttribute: name, description, security groups (the set is replaced;
/// `can_set_security_groups`: 1-5 existing groups of the ENI's VPC and of one type, a
/// secondary ENI's only), DeleteOnRelease, SourceDestCheck.
pub fn modify_network_interface_attribute(
    ctx: &mut Ctx<'_>,
    req: ModifyNetworkInterfaceAttribute,
) -> Result<Acknowledged, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    let e = eni(state, &req.network_interface_id)?;
    let groups = &req.security_group_id;
    rules_ok(rules::can_modify(e, false))?;
    if !groups.is_empty() {
        let known: Vec<SecurityGroup> = state.security_groups.values().cloned().collect();
        rules_ok(rules::can_set_security_groups(e, groups, &known))?;
    }
    let state = ctx.world.region_mut(&req.region_id)?;
    let Some(e) = state.enis.get_mut(&req.network_interface_id) else {
        return Err(SimError::not_found(
            codes::INVALID_ENI_ID_NOT_FOUND,
            req.network_interface_id.as_str(),
        ));
    };
    if let Some(name) = req.network_interface_name {
        e.network_interface_name = name;
    }
    if let Some(text) = req.description {
        e.description = text;
    }
    if !req.security_group_id.is_empty() {
        e.security_group_ids = req.security_group_id.into();
    }
    if let Some(flag) = req.delete_on_release {
        e.delete_on_release = flag;
    }
    if let Some(check) = req.source_dest_check {
        e.source_dest_check = check;
    }
    Ok(Acknowledged::default())
}
