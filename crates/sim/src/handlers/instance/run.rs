//! RunInstances: validation through `check_wizard` (minus the console-only rules: two ENIs at
//! most, all in the instance's vSwitch), then instances that go Pending → Starting → Running,
//! each with a primary ENI and any secondaries.

use super::{check_network, token_remember, token_replay, verdict};
use crate::clock::Change;
use crate::error::SimError;
use crate::handlers::{Ctx, NewEni, new_eni};
use crate::world::DEFAULT_RESOURCE_GROUP;
use tether_domain::error::codes;
use tether_domain::rules::{self, Reason, WizardChoice, WizardEni};
use tether_domain::*;

/// One secondary ENI of the request, resolved.
struct Secondary {
    spec: RunNetworkInterface,
    v_switch: VSwitch,
    groups: Vec<SecurityGroupId>,
    existing: Option<NetworkInterface>,
}

fn groups_of(nic: &RunNetworkInterface) -> Vec<SecurityGroupId> {
    nic.security_group_id
        .iter()
        .chain(&nic.security_group_ids)
        .cloned()
        .collect()
}

fn bad_nic(text: &str) -> SimError {
    SimError::SpecWith(codes::INVALID_PARAM_NETWORK_INTERFACE, text.to_owned())
}

fn answer(created: Vec<String>) -> RunInstancesResponse {
    let ids = created
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect::<Vec<InstanceId>>();
    RunInstancesResponse {
        request_id: String::new(),
        instance_id_sets: ids.into(),
    }
}

/// RunInstances.
pub fn run_instances(
    ctx: &mut Ctx<'_>,
    req: RunInstances,
) -> Result<RunInstancesResponse, SimError> {
    let fingerprint = crate::handlers::fingerprint(&req);
    if let Some(created) = token_replay(ctx.world, &req, &fingerprint)? {
        return Ok(answer(created));
    }
    let world = &*ctx.world;
    let region = &req.region_id;
    let state = world.region(region)?;
    let image = world
        .images
        .iter()
        .find(|i| i.image_id == req.image_id)
        .ok_or_else(|| {
            SimError::not_found(codes::INVALID_IMAGE_ID_NOT_FOUND, req.image_id.as_str())
        })?;
    let info = world
        .instance_type(&req.instance_type)
        .ok_or(SimError::Spec(codes::INVALID_INSTANCE_TYPE_NOT_SUPPORTED))?;

    let (primaries, secondaries): (Vec<_>, Vec<_>) = req
        .network_interface
        .iter()
        .partition(|n| n.instance_type == EniType::Primary);
    if primaries.len() > 1 {
        return Err(bad_nic(
            "At most one NetworkInterface.N can be the Primary ENI.",
        ));
    }
    let (vsw_id, groups, primary_ip) = match primaries.first() {
        Some(p) => (
            p.v_switch_id
                .clone()
                .ok_or(SimError::Missing("NetworkInterface.1.VSwitchId".into()))?,
            groups_of(p),
            p.primary_ip_address.clone(),
        ),
        None => (
            req.v_switch_id
                .clone()
                .ok_or(SimError::Missing("VSwitchId".into()))?,
            req.security_group_id.iter().cloned().collect(),
            None,
        ),
    };
    if groups.is_empty() {
        return Err(SimError::Missing("SecurityGroupId".into()));
    }
    let vsw = check_network(world, region, req.zone_id.as_ref(), &vsw_id, &groups)?;
    if !req.network_interface.is_empty() && !rules::supports_eni(info) {
        return Err(SimError::Spec(codes::ENI_NOT_SUPPORTED));
    }
    let amount = req.amount.unwrap_or(1).max(1);
    let mut resolved = Vec::new();
    for nic in secondaries {
        let existing = match &nic.network_interface_id {
            Some(id) => {
                if amount > 1 {
                    return Err(bad_nic("An existing NetworkInterfaceId requires Amount=1."));
                }
                let e = super::super::eni(state, id)?;
                // Attaching at creation is an attach: a service's ENI refuses it too.
                if e.service_managed {
                    return Err(SimError::Rules(vec![Reason::ServiceManaged]));
                }
                Some(e.clone())
            }
            None => None,
        };
        let nic_vsw = match (&existing, &nic.v_switch_id) {
            (Some(e), _) => super::super::v_switch(state, &e.v_switch_id)?.clone(),
            (None, Some(id)) => super::super::v_switch(state, id)?.clone(),
            (None, None) => vsw.clone(),
        };
        let nic_groups = match groups_of(nic) {
            g if g.is_empty() => groups.clone(),
            g => g,
        };
        // The API's own rule for a secondary: the instance's VPC and zone, any vSwitch there.
        // The reference prints `%s` for InvalidParam.NetworkInterface; the wording is ours.
        if nic_vsw.vpc_id != vsw.vpc_id {
            return Err(bad_nic(&format!(
                "The vSwitch {} of a secondary ENI is not in the instance's VPC {}.",
                nic_vsw.v_switch_id, vsw.vpc_id
            )));
        }
        if nic_vsw.zone_id != vsw.zone_id {
            return Err(SimError::Spec(codes::INVALID_PARAMETER_MISMATCH));
        }
        if existing.is_none() {
            super::super::check_security_groups(
                state,
                &nic_groups,
                &nic_vsw.vpc_id,
                codes::INCONSISTENT_NETWORK,
            )?;
        }
        resolved.push(Secondary {
            spec: nic.clone(),
            v_switch: nic_vsw,
            groups: nic_groups,
            existing,
        });
    }

    let mut wizard_enis = Vec::new();
    if !req.network_interface.is_empty() {
        wizard_enis.push(WizardEni {
            eni_type: EniType::Primary,
            v_switch: &vsw,
            existing: None,
        });
        for s in &resolved {
            wizard_enis.push(WizardEni {
                eni_type: EniType::Secondary,
                v_switch: &s.v_switch,
                existing: s.existing.as_ref(),
            });
        }
    }
    let first_group = state.security_groups.get(&groups[0]);
    let choice = WizardChoice {
        zone: req.zone_id.as_ref(),
        instance_type: Some(info),
        image: Some(image),
        v_switch: Some(&vsw),
        security_group: first_group,
        enis: &wizard_enis,
    };
    let reasons: Vec<Reason> = rules::check_wizard(&choice)
        .into_iter()
        .map(|(_, reason)| reason)
        // The two-ENI limit and "same vSwitch" are the console wizard's; the API allows up to
        // the type's quota, each ENI in any vSwitch of the instance's zone and VPC.
        .filter(|r| !matches!(r, Reason::TooManyEnis | Reason::EniVSwitchMismatch))
        .filter(|r| {
            !(matches!(r, Reason::EniNotSupported { .. }) && req.network_interface.is_empty())
        })
        .collect();
    verdict(reasons)?;

    let new_enis = amount as usize * (1 + resolved.iter().filter(|s| s.existing.is_none()).count());
    if state.enis.len() + new_enis > world.region_eni_quota {
        return Err(SimError::Spec(codes::MAX_ENI_COUNT_EXCEEDED));
    }
    if vsw.available_ip_address_count < new_enis as u64 {
        return Err(SimError::Spec(codes::IP_NOT_ENOUGH));
    }
    if req.dry_run == Some(true) {
        return Err(SimError::DryRun);
    }
    let image = image.clone();
    let info = info.clone();
    // All or nothing: a launch refused half-way (an address taken, none left in a secondary's
    // vSwitch) must not leave earlier instances, ENIs or addresses behind.
    let (before, pending) = (ctx.world.region(region)?.clone(), ctx.world.pending.len());
    let mut created = Vec::new();
    for n in 0..amount {
        let ip = if n == 0 { primary_ip.as_deref() } else { None };
        match launch(ctx, &req, &image, &info, &vsw, &groups, ip, &resolved) {
            Ok(id) => created.push(id.to_string()),
            Err(err) => {
                *ctx.world.region_mut(region)? = before;
                ctx.world.pending.truncate(pending);
                return Err(err);
            }
        }
    }
    token_remember(ctx.world, &req, fingerprint, created.clone());
    Ok(answer(created))
}

#[allow(clippy::too_many_arguments)]
fn launch(
    ctx: &mut Ctx<'_>,
    req: &RunInstances,
    image: &Image,
    info: &InstanceTypeInfo,
    vsw: &VSwitch,
    groups: &[SecurityGroupId],
    primary_ip: Option<&str>,
    secondaries: &[Secondary],
) -> Result<InstanceId, SimError> {
    let region = &req.region_id;
    let primary_spec = req
        .network_interface
        .iter()
        .find(|n| n.instance_type == EniType::Primary);
    let primary = new_eni(
        ctx,
        NewEni {
            region,
            v_switch: vsw,
            groups: groups.to_vec(),
            primary_ip,
            listed_ips: &[],
            secondary_ips: 0,
            eni_type: EniType::Primary,
            name: primary_spec
                .and_then(|p| p.network_interface_name.clone())
                .unwrap_or_default(),
            description: primary_spec
                .and_then(|p| p.description.clone())
                .unwrap_or_default(),
            delete_on_release: true,
            // RunInstances' Tag.N tags the instance and its primary ENI (its reference).
            tags: TagParam::tag_set(&req.tag).tag,
            resource_group_id: DEFAULT_RESOURCE_GROUP.into(),
            queue_number: 0,
            // RunInstances' NetworkInterface.N.SourceDestCheck is not modelled (refused).
            source_dest_check: false,
        },
    )?;
    let id: InstanceId = ctx
        .world
        .new_id("i", region)
        .parse()
        .map_err(|_| SimError::Spec(codes::INTERNAL_ERROR))?;
    let io_optimized = req.io_optimized.as_deref() != Some("none")
        && rules::is_io_optimized_type(&req.instance_type);
    let instance = Instance {
        instance_id: id.clone(),
        instance_name: req.instance_name.clone().unwrap_or_else(|| id.to_string()),
        status: InstanceStatus::Pending,
        instance_type: req.instance_type.clone(),
        instance_type_family: info.instance_type_family.clone(),
        cpu: info.cpu_core_count,
        memory: (info.memory_size * 1024.0) as u32,
        zone_id: vsw.zone_id.clone(),
        region_id: region.clone(),
        image_id: image.image_id.clone(),
        os_name_en: image.os_name_en.clone(),
        io_optimized,
        creation_time: crate::clock::creation_time(ctx.now_ms),
        start_time: String::new(),
        instance_network_type: "vpc".into(),
        vpc_attributes: Some(VpcAttributes {
            vpc_id: vsw.vpc_id.clone(),
            v_switch_id: vsw.v_switch_id.clone(),
            private_ip_address: vec![primary.private_ip_address.clone()].into(),
        }),
        security_group_ids: groups.to_vec().into(),
        network_interfaces: InstanceNetworkInterfaces::default(),
        tags: TagParam::tag_set(&req.tag),
    };
    ctx.world
        .region_mut(region)?
        .instances
        .insert(id.clone(), instance);
    ctx.world
        .region_mut(region)?
        .bind_eni(&primary.network_interface_id, &id, EniStatus::InUse);
    for s in secondaries {
        let eni_id = match &s.existing {
            Some(e) => e.network_interface_id.clone(),
            None => {
                let eni = new_eni(
                    ctx,
                    NewEni {
                        region,
                        v_switch: &s.v_switch,
                        groups: s.groups.clone(),
                        primary_ip: s.spec.primary_ip_address.as_deref(),
                        listed_ips: &[],
                        secondary_ips: 0,
                        eni_type: EniType::Secondary,
                        name: s.spec.network_interface_name.clone().unwrap_or_default(),
                        description: s.spec.description.clone().unwrap_or_default(),
                        delete_on_release: s.spec.delete_on_release.unwrap_or(true),
                        tags: Vec::new(),
                        resource_group_id: DEFAULT_RESOURCE_GROUP.into(),
                        queue_number: 0,
                        // RunInstances' NetworkInterface.N.SourceDestCheck is not modelled (refused).
                        source_dest_check: false,
                    },
                )?;
                eni.network_interface_id
            }
        };
        let state = ctx.world.region_mut(region)?;
        if let (Some(flag), Some(e)) = (s.spec.delete_on_release, state.enis.get_mut(&eni_id)) {
            e.delete_on_release = flag;
        }
        state.bind_eni(&eni_id, &id, EniStatus::InUse);
    }
    let (starting, running) = (ctx.due(1), ctx.due(2));
    let step = |to, restarted| Change::Instance {
        id: id.clone(),
        to,
        restarted,
    };
    ctx.world
        .schedule(region, step(InstanceStatus::Starting, false), starting);
    ctx.world
        .schedule(region, step(InstanceStatus::Running, true), running);
    Ok(id)
}
