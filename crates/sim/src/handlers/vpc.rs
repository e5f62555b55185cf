//! VPC 2016-04-28 reads: VPCs and vSwitches (page size up to 50). `DryRun=true` answers
//! `DryRunOperation` once the request has passed its checks.

use super::Ctx;
use super::paging;
use crate::error::SimError;
use tether_domain::error::codes;
use tether_domain::*;

/// DescribeVpcs.
pub fn describe_vpcs(
    ctx: &mut Ctx<'_>,
    req: DescribeVpcs,
) -> Result<DescribeVpcsResponse, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    if req.dry_run == Some(true) {
        return Err(SimError::DryRun);
    }
    let keep = |v: &&Vpc| {
        req.vpc_id
            .as_ref()
            .is_none_or(|ids| ids.0.contains(&v.vpc_id))
    };
    let page = paging::by_number(
        state.vpcs.values().filter(keep),
        req.page_number,
        req.page_size,
        50,
    );
    Ok(DescribeVpcsResponse {
        request_id: String::new(),
        total_count: page.total,
        page_number: page.page_number,
        page_size: page.page_size,
        vpcs: page.items.into(),
    })
}

/// DescribeVSwitches: RegionId or VpcId (the region is then the VPC's).
pub fn describe_v_switches(
    ctx: &mut Ctx<'_>,
    req: DescribeVSwitches,
) -> Result<DescribeVSwitchesResponse, SimError> {
    let region = match (&req.region_id, &req.vpc_id) {
        (Some(region), _) => region.clone(),
        (None, Some(vpc)) => ctx
            .world
            .regions
            .iter()
            .find(|(_, s)| s.vpcs.contains_key(vpc))
            .and_then(|(id, _)| RegionId::parse(id).ok())
            .ok_or_else(|| SimError::not_found(codes::INVALID_VPC_ID_NOT_FOUND, vpc.as_str()))?,
        (None, None) => return Err(SimError::Missing("RegionId".into())),
    };
    let state = ctx.world.region(&region)?;
    if req.dry_run == Some(true) {
        return Err(SimError::DryRun);
    }
    let keep = |v: &&VSwitch| {
        req.vpc_id.as_ref().is_none_or(|id| &v.vpc_id == id)
            && req.zone_id.as_ref().is_none_or(|z| &v.zone_id == z)
            && req
                .v_switch_id
                .as_ref()
                .is_none_or(|id| &v.v_switch_id == id)
            && req
                .v_switch_name
                .as_ref()
                .is_none_or(|name| &v.v_switch_name == name)
            && req.is_default.is_none_or(|d| v.is_default == d)
    };
    let page = paging::by_number(
        state.v_switches.values().filter(keep),
        req.page_number,
        req.page_size,
        50,
    );
    Ok(DescribeVSwitchesResponse {
        request_id: String::new(),
        total_count: page.total,
        page_number: page.page_number,
        page_size: page.page_size,
        v_switches: page.items.into(),
    })
}
