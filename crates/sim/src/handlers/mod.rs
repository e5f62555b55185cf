//! Action handlers, one module per area: each takes the world and a typed request and returns
//! the typed answer or a `SimError`. Shared here: the request context, lookups, paging and
//! ClientToken idempotency.

pub mod catalog;
pub mod eni;
pub mod instance;
pub mod ipv6;
pub mod paging;
pub mod private_ip;
pub mod tags;
pub mod vpc;

use crate::error::SimError;
use crate::world::{RegionState, TokenRecord, World};
use tether_domain::error::codes;
use tether_domain::*;

/// What a handler works with.
pub struct Ctx<'a> {
    /// The state.
    pub world: &'a mut World,
    /// Now, in milliseconds since the epoch.
    pub now_ms: u64,
    /// One transition step, in milliseconds (from the speed dial).
    pub delay_ms: u64,
}

impl Ctx<'_> {
    /// When a transition `steps` steps from now comes due.
    pub fn due(&self, steps: u64) -> u64 {
        self.now_ms + self.delay_ms * steps
    }
}

/// The ENI, or `InvalidEniId.NotFound`.
pub fn eni<'s>(
    state: &'s RegionState,
    id: &NetworkInterfaceId,
) -> Result<&'s NetworkInterface, SimError> {
    state
        .enis
        .get(id)
        .ok_or_else(|| SimError::not_found(codes::INVALID_ENI_ID_NOT_FOUND, id.as_str()))
}

/// The instance, or `InvalidInstanceId.NotFound`.
pub fn instance<'s>(state: &'s RegionState, id: &InstanceId) -> Result<&'s Instance, SimError> {
    state
        .instances
        .get(id)
        .ok_or_else(|| SimError::not_found(codes::INVALID_INSTANCE_ID_NOT_FOUND, id.as_str()))
}

/// The instance an ENI action names, or `InvalidEcsId.NotFound`: the ENI API's tables list that
/// code (404) for an unknown instance, and terraform-provider-alicloud treats it as "already
/// gone" on detach, so that is what clients meet there (instance actions keep
/// `InvalidInstanceId.NotFound`).
pub fn eni_target<'s>(state: &'s RegionState, id: &InstanceId) -> Result<&'s Instance, SimError> {
    state
        .instances
        .get(id)
        .ok_or(SimError::Spec(codes::INVALID_ECS_ID_NOT_FOUND))
}

/// The vSwitch, or `InvalidVSwitchId.NotFound`.
pub fn v_switch<'s>(state: &'s RegionState, id: &VSwitchId) -> Result<&'s VSwitch, SimError> {
    state
        .v_switches
        .get(id)
        .ok_or_else(|| SimError::not_found(codes::INVALID_VSWITCH_ID_NOT_FOUND, id.as_str()))
}

/// Checks that every group exists (`InvalidSecurityGroupId.NotFound`) and is in `vpc`, else
/// `mismatch`: the ENI actions answer `InvalidOperation.VpcMismatch` (their documented code),
/// RunInstances `OperationDenied.InconsistentNetwork` (its own).
pub fn check_security_groups(
    state: &RegionState,
    groups: &[SecurityGroupId],
    vpc: &VpcId,
    mismatch: ErrorSpec,
) -> Result<(), SimError> {
    for id in groups {
        let sg = state.security_groups.get(id).ok_or_else(|| {
            SimError::not_found(codes::INVALID_SECURITY_GROUP_ID_NOT_FOUND, id.as_str())
        })?;
        if &sg.vpc_id != vpc {
            return Err(SimError::Spec(mismatch));
        }
    }
    Ok(())
}

/// The rules' verdict as a result: empty is fine, otherwise the first reason decides.
pub fn rules_ok(reasons: Vec<rules::Reason>) -> Result<(), SimError> {
    let blocking: Vec<_> = reasons.into_iter().filter(|r| !r.is_warning()).collect();
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(SimError::Rules(blocking))
    }
}

fn token_key(region: &RegionId, action: &str, token: &str) -> String {
    format!("{region}|{action}|{token}")
}

/// What a retry must repeat to be the same call: the request as JSON without its ClientToken.
pub fn fingerprint<A: Action>(req: &A) -> String {
    let mut f = req.clone();
    f.clear_client_token();
    serde_json::to_string(&f).unwrap_or_default()
}

/// What an earlier call with the same ClientToken created; `IdempotentParameterMismatch` when
/// the token was used with other parameters.
pub fn replayed(
    world: &World,
    region: &RegionId,
    action: &str,
    token: Option<&str>,
    fingerprint: &str,
) -> Result<Option<Vec<String>>, SimError> {
    let Some(record) = token.and_then(|t| world.tokens.get(&token_key(region, action, t))) else {
        return Ok(None);
    };
    if record.fingerprint != fingerprint {
        return Err(SimError::Spec(codes::IDEMPOTENT_PARAMETER_MISMATCH));
    }
    Ok(Some(record.created.clone()))
}

/// Remembers what a call with a ClientToken created.
pub fn remember(
    world: &mut World,
    region: &RegionId,
    action: &str,
    token: Option<&str>,
    fingerprint: String,
    created: Vec<String>,
) {
    if let Some(token) = token {
        world.tokens.insert(
            token_key(region, action, token),
            TokenRecord {
                fingerprint,
                created,
            },
        );
    }
}

/// What a new ENI looks like.
pub struct NewEni<'r> {
    /// Region.
    pub region: &'r RegionId,
    /// Its vSwitch (already checked).
    pub v_switch: &'r VSwitch,
    /// Security groups (already checked).
    pub groups: Vec<SecurityGroupId>,
    /// Requested primary IP.
    pub primary_ip: Option<&'r str>,
    /// Requested secondary private IPs.
    pub listed_ips: &'r [String],
    /// Further secondary private IPs to allocate, any free ones.
    pub secondary_ips: u32,
    /// Primary or Secondary.
    pub eni_type: EniType,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Released with its instance.
    pub delete_on_release: bool,
    /// Tags.
    pub tags: Vec<Tag>,
    /// Resource group (already checked).
    pub resource_group_id: String,
    /// NIC queues (0: not set).
    pub queue_number: u32,
    /// Source/destination check ("Default value: false", the SDK model).
    pub source_dest_check: bool,
}

/// Creates an Available ENI with fresh ID, MAC and addresses.
pub fn new_eni(ctx: &mut Ctx<'_>, spec: NewEni<'_>) -> Result<NetworkInterface, SimError> {
    let id: NetworkInterfaceId = ctx
        .world
        .new_id("eni", spec.region)
        .parse()
        .map_err(|_| SimError::Spec(codes::INTERNAL_ERROR))?;
    let mac = ctx.world.new_mac();
    let vsw = spec.v_switch;
    let state = ctx.world.region_mut(spec.region)?;
    let mut ips: Vec<PrivateIpSet> = Vec::new();
    let wanted = std::iter::once(spec.primary_ip)
        .chain(spec.listed_ips.iter().map(|ip| Some(ip.as_str())))
        .chain((0..spec.secondary_ips).map(|_| None));
    for (n, wanted) in wanted.enumerate() {
        match state.alloc_ip(&vsw.v_switch_id, wanted) {
            Ok(ip) => ips.push(PrivateIpSet::new(ip, n == 0)),
            Err(err) => {
                for ip in &ips {
                    state.free_ip(&vsw.v_switch_id, &ip.private_ip_address);
                }
                return Err(err);
            }
        }
    }
    let eni = NetworkInterface {
        eni_type: spec.eni_type,
        private_ip_address: ips
            .first()
            .map(|ip| ip.private_ip_address.clone())
            .unwrap_or_default(),
        mac_address: mac,
        network_interface_name: spec.name,
        description: spec.description,
        creation_time: crate::clock::creation_time(ctx.now_ms),
        delete_on_release: spec.delete_on_release,
        security_group_ids: spec.groups.into(),
        private_ip_sets: ips.into(),
        attachment: None,
        tags: spec.tags.into(),
        resource_group_id: spec.resource_group_id,
        queue_number: spec.queue_number,
        source_dest_check: spec.source_dest_check,
        owner_id: crate::world::OWNER_ID.into(),
        ..NetworkInterface::new(
            id.clone(),
            vsw.vpc_id.clone(),
            vsw.v_switch_id.clone(),
            vsw.zone_id.clone(),
        )
    };
    state.enis.insert(id, eni.clone());
    Ok(eni)
}
