//! Catalogue reads: regions, zones, instance types, images, security groups. Those whose API
//! takes `DryRun` answer `DryRunOperation` once the request has passed its checks.

use super::Ctx;
use super::paging;
use crate::error::SimError;
use tether_domain::*;

/// DescribeRegions.
pub fn describe_regions(
    ctx: &mut Ctx<'_>,
    _req: DescribeRegions,
) -> Result<DescribeRegionsResponse, SimError> {
    Ok(DescribeRegionsResponse {
        request_id: String::new(),
        regions: ctx.world.region_list.clone().into(),
    })
}

/// DescribeZones.
pub fn describe_zones(
    ctx: &mut Ctx<'_>,
    req: DescribeZones,
) -> Result<DescribeZonesResponse, SimError> {
    let zones = ctx.world.region(&req.region_id)?.zones.clone();
    Ok(DescribeZonesResponse {
        request_id: String::new(),
        zones: zones.into(),
    })
}

/// DescribeInstanceTypes: family and `InstanceTypes.N` filters, token paging (max 100).
pub fn describe_instance_types(
    ctx: &mut Ctx<'_>,
    req: DescribeInstanceTypes,
) -> Result<DescribeInstanceTypesResponse, SimError> {
    let keep = |t: &&InstanceTypeInfo| {
        req.instance_type_family
            .as_ref()
            .is_none_or(|f| &t.instance_type_family == f)
            && (req.instance_types.is_empty() || req.instance_types.contains(&t.instance_type_id))
    };
    let all: Vec<&InstanceTypeInfo> = ctx.world.instance_types.iter().filter(keep).collect();
    let start = match req.next_token.as_deref().filter(|t| !t.is_empty()) {
        Some(token) => all
            .iter()
            .position(|t| t.instance_type_id.as_str() == token)
            .map(|p| p + 1)
            .ok_or_else(|| {
                SimError::Invalid(format!("The specified NextToken \"{token}\" is not valid."))
            })?,
        None => 0,
    };
    let max = req.max_results.unwrap_or(100).clamp(1, 100) as usize;
    let page: Vec<InstanceTypeInfo> = all
        .iter()
        .skip(start)
        .take(max)
        .map(|t| (*t).clone())
        .collect();
    let next_token = match page.last() {
        Some(last) if start + max < all.len() => last.instance_type_id.to_string(),
        _ => String::new(),
    };
    Ok(DescribeInstanceTypesResponse {
        request_id: String::new(),
        next_token,
        instance_types: page.into(),
    })
}

/// DescribeImages: ID, OS type, owner and I/O-optimized filters; page-number paging.
pub fn describe_images(
    ctx: &mut Ctx<'_>,
    req: DescribeImages,
) -> Result<DescribeImagesResponse, SimError> {
    ctx.world.region(&req.region_id)?;
    if req.dry_run == Some(true) {
        return Err(SimError::DryRun);
    }
    let keep = |i: &&Image| {
        req.image_id.as_ref().is_none_or(|id| &i.image_id == id)
            && req
                .os_type
                .as_ref()
                .is_none_or(|t| i.os_type.eq_ignore_ascii_case(t))
            && req
                .image_owner_alias
                .as_ref()
                .is_none_or(|o| &i.image_owner_alias == o)
            && req
                .is_support_io_optimized
                .is_none_or(|b| i.is_support_io_optimized == b)
    };
    let page = paging::by_number(
        ctx.world.images.iter().filter(keep),
        req.page_number,
        req.page_size,
        100,
    );
    Ok(DescribeImagesResponse {
        request_id: String::new(),
        total_count: page.total,
        page_number: page.page_number,
        page_size: page.page_size,
        images: page.items.into(),
    })
}

/// DescribeSecurityGroups: VPC and ID filters; page numbers (size up to 50) or, with
/// `NextToken`/`MaxResults`, tokens (up to 100).
pub fn describe_security_groups(
    ctx: &mut Ctx<'_>,
    req: DescribeSecurityGroups,
) -> Result<DescribeSecurityGroupsResponse, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    if req.dry_run == Some(true) {
        return Err(SimError::DryRun);
    }
    let keep = |g: &SecurityGroup| {
        req.vpc_id.as_ref().is_none_or(|v| &g.vpc_id == v)
            && req
                .security_group_id
                .as_ref()
                .is_none_or(|id| &g.security_group_id == id)
    };
    let page = if req.next_token.is_some() || req.max_results.is_some() {
        let filtered = req.vpc_id.is_some() || req.security_group_id.is_some();
        paging::by_token(
            &state.security_groups,
            req.next_token.as_deref(),
            paging::max_results(req.max_results, 100),
            filtered,
            keep,
        )?
    } else {
        paging::by_number(
            state.security_groups.values().filter(|g| keep(g)),
            req.page_number,
            req.page_size,
            50,
        )
    };
    Ok(DescribeSecurityGroupsResponse {
        request_id: String::new(),
        total_count: page.total,
        page_number: page.page_number,
        page_size: page.page_size,
        next_token: page.next_token,
        security_groups: page.items.into(),
    })
}
