//! TagResources, UntagResources and ListTagResources for ENIs and instances. The tags live on
//! the resources themselves (`Tags.Tag[]`, which DescribeNetworkInterfaces and
//! DescribeInstances answer). Every refusal comes from the domain rules (`can_tag`,
//! `can_untag`); a call is checked for every resource before any is changed.

use super::{Ctx, rules_ok};
use crate::error::SimError;
use crate::world::RegionState;
use tether_domain::error::codes;
use tether_domain::rules::{self, Tagged};
use tether_domain::*;

/// Tag pairs one ListTagResources page holds. The reference names no page size (the request
/// has no MaxResults); 50, the most resources one call names, is ours.
pub const LIST_PAGE: usize = 50;

/// The tags of resource `id` of `kind`, with what the rules need; `InvalidResourceId.NotFound`
/// when the region has no such resource.
fn tagged<'s>(
    state: &'s RegionState,
    kind: TagResourceType,
    id: &str,
) -> Result<Tagged<'s>, SimError> {
    let found = match kind {
        TagResourceType::Eni => id
            .parse::<NetworkInterfaceId>()
            .ok()
            .and_then(|id| state.enis.get(&id))
            .map(Tagged::from),
        TagResourceType::Instance => id
            .parse::<InstanceId>()
            .ok()
            .and_then(|id| state.instances.get(&id))
            .map(Tagged::from),
    };
    found.ok_or(SimError::Spec(codes::INVALID_RESOURCE_ID_NOT_FOUND))
}

/// The tags of resource `id` of `kind`, to change.
fn tags_mut<'s>(
    state: &'s mut RegionState,
    kind: TagResourceType,
    id: &str,
) -> Option<&'s mut TagSet> {
    match kind {
        TagResourceType::Eni => {
            let id = id.parse::<NetworkInterfaceId>().ok()?;
            state.enis.get_mut(&id).map(|e| &mut e.tags)
        }
        TagResourceType::Instance => {
            let id = id.parse::<InstanceId>().ok()?;
            state.instances.get_mut(&id).map(|i| &mut i.tags)
        }
    }
}

/// TagResources: a key a resource has gets the new value; new keys are appended.
pub fn tag_resources(ctx: &mut Ctx<'_>, req: TagResources) -> Result<Acknowledged, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    for id in &req.resource_id {
        rules_ok(rules::can_tag(
            tagged(state, req.resource_type, id)?,
            &req.tag,
            None,
        ))?;
    }
    let state = ctx.world.region_mut(&req.region_id)?;
    for id in &req.resource_id {
        let Some(tags) = tags_mut(state, req.resource_type, id) else {
            continue;
        };
        for t in &req.tag {
            match tags.tag.iter_mut().find(|have| have.tag_key == t.key) {
                Some(have) => have.tag_value = t.value.clone(),
                None => tags.tag.push(Tag {
                    tag_key: t.key.clone(),
                    tag_value: t.value.clone(),
                }),
            }
        }
    }
    Ok(Acknowledged::default())
}

/// UntagResources: the named keys, or with `All=true` every tag; a key a resource does not
/// have is skipped.
pub fn untag_resources(ctx: &mut Ctx<'_>, req: UntagResources) -> Result<Acknowledged, SimError> {
    let all = req.removes_all();
    let state = ctx.world.region(&req.region_id)?;
    for id in &req.resource_id {
        rules_ok(rules::can_untag(
            tagged(state, req.resource_type, id)?,
            &req.tag_key,
            all,
            None,
        ))?;
    }
    let state = ctx.world.region_mut(&req.region_id)?;
    for id in &req.resource_id {
        if let Some(tags) = tags_mut(state, req.resource_type, id) {
            tags.tag
                .retain(|t| !all && !req.tag_key.contains(&t.tag_key));
        }
    }
    Ok(Acknowledged::default())
}

/// Every `(resource ID, tags)` of `kind` in the region, by ID.
fn all_of(state: &RegionState, kind: TagResourceType) -> Vec<(String, &TagSet)> {
    match kind {
        TagResourceType::Eni => state
            .enis
            .values()
            .map(|e| (e.network_interface_id.to_string(), &e.tags))
            .collect(),
        TagResourceType::Instance => state
            .instances
            .values()
            .map(|i| (i.instance_id.to_string(), &i.tags))
            .collect(),
    }
}

/// ListTagResources: every tag of every named resource (or of the type) that has all of
/// `Tag.N`, one entry per resource and key, `LIST_PAGE` at a time. An ID the region does not
/// have lists nothing (the reference is silent; a filter, not a refusal). `NextToken` is the
/// offset of the next entry.
pub fn list_tag_resources(
    ctx: &mut Ctx<'_>,
    req: ListTagResources,
) -> Result<ListTagResourcesResponse, SimError> {
    let state = ctx.world.region(&req.region_id)?;
    let entries: Vec<TagResource> = all_of(state, req.resource_type)
        .into_iter()
        .filter(|(id, _)| req.resource_id.is_empty() || req.resource_id.contains(id))
        .filter(|(_, tags)| req.tag.iter().all(|t| t.matches(tags.value(&t.key))))
        .flat_map(|(id, tags)| {
            tags.tag.iter().map(move |t| TagResource {
                resource_id: id.clone(),
                resource_type: req.resource_type.as_str().to_owned(),
                tag_key: t.tag_key.clone(),
                tag_value: t.tag_value.clone(),
            })
        })
        .collect();
    let start = match req.next_token.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => t
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= entries.len())
            .ok_or_else(|| {
                SimError::Invalid(format!("The specified NextToken \"{t}\" is not valid."))
            })?,
        None => 0,
    };
    let end = (start + LIST_PAGE).min(entries.len());
    let next_token = if end < entries.len() {
        end.to_string()
    } else {
        String::new()
    };
    Ok(ListTagResourcesResponse {
        request_id: String::new(),
        next_token,
        tag_resources: entries[start..end].to_vec().into(),
    })
}
