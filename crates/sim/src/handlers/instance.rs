//! Instance actions: describe, run (with ENIs, through `check_wizard`), start, stop, reboot,
//! delete (ENIs released per `release_plan`).

use super::paging::{self, Page};
use super::{Ctx, check_security_groups, instance, remember, replayed, rules_ok, v_switch};
use crate::clock::Change;
use crate::error::SimError;
use crate::world::World;
use tether_domain::error::codes;
use tether_domain::rules::{self, ReleaseFate};
use tether_domain::*;

mod run;
pub use run::run_instances;

fn matches(req: &DescribeInstances, i: &Instance) -> bool {
    req.instance_ids
        .as_ref()
        .is_none_or(|ids| ids.0.contains(&i.instance_id))
        && req.vpc_id.as_ref().is_none_or(|v| i.vpc_id() == Some(v))
        && req.v_switch_id.as_ref().is_none_or(|v| {
            i.vpc_attributes
                .as_ref()
                .is_some_and(|a| &a.v_switch_id == v)
        })
        && req.zone_id.as_ref().is_none_or(|z| &i.zone_id == z)
        && req.status.is_none_or(|s| i.status == s)
        && req
            .instance_type
            .as_ref()
            .is_none_or(|t| &i.instance_type == t)
        && req
            .instance_name
            .as_deref()
            .is_none_or(|pattern| wildcard_match(pattern, &i.instance_name))
        && req.image_id.as_ref().is_none_or(|m| &i.image_id == m)
        && req
            .security_group_id
            .as_ref()
            .is_none_or(|g| i.security_group_ids.security_group_id.contains(g))
        && req.tag.iter().all(|t| t.matches(i.tag(&t.key)))
}

/// Alibaba's name filter: `*` matches any run of characters, everything else literally.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

fn unfiltered(req: &DescribeInstances) -> bool {
    req.instance_ids.is_none()
        && req.vpc_id.is_none()
        && req.v_switch_id.is_none()
        && req.zone_id.is_none()
        && req.status.is_none()
        && req.instance_type.is_none()
        && req.instance_name.is_none()
        && req.image_id.is_none()
        && req.security_group_id.is_none()
        && req.tag.is_empty()
}

/// DescribeInstances, with both paging styles (MaxResults up to 100).
pub fn describe_instances(
    ctx: &mut Ctx<'_>,
    req: DescribeInstances,
) -> Result<DescribeInstancesResponse, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    if req.dry_run == Some(true) {
        return Err(SimError::DryRun);
    }
    let page: Page<Instance> = if req.next_token.is_some() || req.max_results.is_some() {
        let max = paging::max_results(req.max_results, 100);
        paging::by_token(
            &state.instances,
            req.next_token.as_deref(),
            max,
            !unfiltered(&req),
            |i| matches(&req, i),
        )?
    } else if unfiltered(&req) {
        paging::by_number(
            state.instances.values(),
            req.page_number,
            req.page_size,
            100,
        )
    } else {
        paging::by_number(
            state.instances.values().filter(|i| matches(&req, i)),
            req.page_number,
            req.page_size,
            100,
        )
    };
    Ok(DescribeInstancesResponse {
        request_id: String::new(),
        total_count: page.total,
        page_number: page.page_number,
        page_size: page.page_size,
        next_token: page.next_token,
        instances: page.items.into(),
    })
}

/// The region of an instance operation: the given one, else wherever the instance is.
fn region_for(
    world: &World,
    region: Option<&RegionId>,
    id: &InstanceId,
) -> Result<RegionId, SimError> {
    match region {
        Some(region) => world.region(region).map(|_| region.clone()),
        None => world
            .region_of_instance(id)
            .ok_or_else(|| SimError::not_found(codes::INVALID_INSTANCE_ID_NOT_FOUND, id.as_str())),
    }
}

/// Checks the state, honours DryRun, then moves the instance through `steps`.
fn transition(
    ctx: &mut Ctx<'_>,
    region: Option<&RegionId>,
    id: &InstanceId,
    dry_run: Option<bool>,
    allowed: &[InstanceStatus],
    steps: &[(InstanceStatus, bool)],
) -> Result<Acknowledged, SimError> {
    let region = region_for(ctx.world, region, id)?;
    let current = instance(ctx.world.region(&region)?, id)?.status;
    if !allowed.contains(&current) {
        // The documented message (reference §5.3) names no status.
        return Err(SimError::Spec(codes::INCORRECT_INSTANCE_STATUS));
    }
    if dry_run == Some(true) {
        return Err(SimError::DryRun);
    }
    let Some(((first, _), rest)) = steps.split_first() else {
        return Ok(Acknowledged::default());
    };
    if let Some(i) = ctx.world.region_mut(&region)?.instances.get_mut(id) {
        i.status = *first;
    }
    for (n, (to, restarted)) in rest.iter().enumerate() {
        let due = ctx.due(n as u64 + 1);
        let change = Change::Instance {
            id: id.clone(),
            to: *to,
            restarted: *restarted,
        };
        ctx.world.schedule(&region, change, due);
    }
    Ok(Acknowledged::default())
}

/// StartInstance: Stopped → Starting → Running (StartTime updated).
pub fn start_instance(ctx: &mut Ctx<'_>, req: StartInstance) -> Result<Acknowledged, SimError> {
    use InstanceStatus::*;
    transition(
        ctx,
        req.region_id.as_ref(),
        &req.instance_id,
        req.dry_run,
        &[Stopped],
        &[(Starting, false), (Running, true)],
    )
}

/// StopInstance: Running → Stopping → Stopped.
pub fn stop_instance(ctx: &mut Ctx<'_>, req: StopInstance) -> Result<Acknowledged, SimError> {
    use InstanceStatus::*;
    transition(
        ctx,
        req.region_id.as_ref(),
        &req.instance_id,
        req.dry_run,
        &[Running],
        &[(Stopping, false), (Stopped, false)],
    )
}

/// RebootInstance: Running → Starting → Running (StartTime updated, which cures the 2018 rule).
pub fn reboot_instance(ctx: &mut Ctx<'_>, req: RebootInstance) -> Result<Acknowledged, SimError> {
    use InstanceStatus::*;
    transition(
        ctx,
        req.region_id.as_ref(),
        &req.instance_id,
        req.dry_run,
        &[Running],
        &[(Starting, false), (Running, true)],
    )
}

/// DeleteInstance: Stopped, or Running with `Force`; ENIs go per `release_plan`.
pub fn delete_instance(ctx: &mut Ctx<'_>, req: DeleteInstance) -> Result<Acknowledged, SimError> {
    use InstanceStatus::*;
    let allowed: &[InstanceStatus] = if req.force == Some(true) {
        &[Stopped, Running]
    } else {
        &[Stopped]
    };
    transition(
        ctx,
        req.region_id.as_ref(),
        &req.instance_id,
        req.dry_run,
        allowed,
        &[],
    )?;
    let region = region_for(ctx.world, req.region_id.as_ref(), &req.instance_id)?;
    let state = ctx.world.region_mut(&region)?;
    let Some(gone) = state.instances.get(&req.instance_id).cloned() else {
        return Ok(Acknowledged::default());
    };
    let attached: Vec<NetworkInterface> = gone
        .network_interfaces
        .network_interface
        .iter()
        .filter_map(|n| state.enis.get(&n.network_interface_id).cloned())
        .collect();
    for (eni_id, fate) in rules::release_plan(&gone, &attached) {
        match fate {
            ReleaseFate::Deleted => state.remove_eni(&eni_id),
            ReleaseFate::Detached => state.unbind_eni(&eni_id),
        }
    }
    state.instances.remove(&req.instance_id);
    let id = req.instance_id.as_str();
    let attached_ids: Vec<&str> = attached
        .iter()
        .map(|e| e.network_interface_id.as_str())
        .collect();
    ctx.world
        .pending
        .retain(|t| t.change.subject() != id && !attached_ids.contains(&t.change.subject()));
    Ok(Acknowledged::default())
}

/// Validates the network of a new instance: vSwitch, groups, zone.
pub(super) fn check_network(
    world: &World,
    region: &RegionId,
    zone: Option<&ZoneId>,
    vsw: &VSwitchId,
    groups: &[SecurityGroupId],
) -> Result<VSwitch, SimError> {
    let state = world.region(region)?;
    let v = v_switch(state, vsw)?.clone();
    check_security_groups(state, groups, &v.vpc_id, codes::INCONSISTENT_NETWORK)?;
    if zone.is_some_and(|z| z != &v.zone_id) {
        return Err(SimError::Spec(codes::INVALID_PARAMETER_MISMATCH));
    }
    Ok(v)
}

/// Shared with `run`: replay and remember for RunInstances.
pub(super) fn token_replay(
    world: &World,
    req: &RunInstances,
    fingerprint: &str,
) -> Result<Option<Vec<String>>, SimError> {
    replayed(
        world,
        &req.region_id,
        RunInstances::NAME,
        req.client_token.as_deref(),
        fingerprint,
    )
}

/// Records the instances a tokened RunInstances created.
pub(super) fn token_remember(
    world: &mut World,
    req: &RunInstances,
    fingerprint: String,
    created: Vec<String>,
) {
    remember(
        world,
        &req.region_id,
        RunInstances::NAME,
        req.client_token.as_deref(),
        fingerprint,
        created,
    );
}

/// The rules' verdict for a RunInstances network (re-exported for `run`).
pub(super) fn verdict(reasons: Vec<rules::Reason>) -> Result<(), SimError> {
    rules_ok(reasons)
}

#[cfg(test)]
mod filter_tests {
    use super::wildcard_match;

    #[test]
    fn instance_name_filter_matches_wildcards_like_alibaba() {
        assert!(wildcard_match("web-01", "web-01"));
        assert!(!wildcard_match("web-01", "web-010"));
        assert!(wildcard_match("web-*", "web-01"));
        assert!(wildcard_match("*-01", "web-01"));
        assert!(wildcard_match("w*b*1", "web-01"));
        assert!(!wildcard_match("api-*", "web-01"));
        assert!(wildcard_match("*", ""));
        assert!(
            !wildcard_match("ab*ba", "aba"),
            "the two ends may not overlap"
        );
    }
}
