//! Action name → typed request → handler. The set of actions is the domain's allowlist
//! (`ALL_ACTIONS`); anything else, an action of the other product's version included, is what
//! today's gateway answers: `InvalidAction.NotFound` (404), as real answers quote it (the 2021
//! tables still list the older `InvalidAction`, 403).

use crate::documented::is_documented;
use crate::error::SimError;
use crate::handlers::{Ctx, catalog, eni, instance, ipv6, private_ip, tags, vpc};
use serde_json::Value;
use tether_domain::error::codes;
use tether_domain::*;

/// Checks `Action` and `Version`; returns whether the action mutates.
pub fn resolve(action: Option<&str>, version: Option<&str>) -> Result<bool, SimError> {
    let action = action
        .filter(|a| !a.is_empty())
        .ok_or(SimError::Missing("Action".into()))?;
    let version = version
        .filter(|v| !v.is_empty())
        .ok_or(SimError::Missing("Version".into()))?;
    let Some(product) = Product::from_version(version) else {
        return Err(SimError::Other {
            status: 400,
            code: "InvalidVersion",
            message: format!("Specified parameter Version is not valid. ({version})"),
        });
    };
    ALL_ACTIONS
        .iter()
        .find(|(name, p, _)| *name == action && *p == product)
        .map(|(_, _, mutates)| *mutates)
        .ok_or(SimError::Spec(codes::INVALID_ACTION_NOT_FOUND))
}

/// The simulator's handler of an allowlisted action. Every action of the domain's allowlist
/// must have one: [`dispatch`] is generated from `for_each_action!`, so an action added to the
/// allowlist without a handler does not compile.
trait Handle: Action + Sized {
    fn handle(ctx: &mut Ctx<'_>, req: Self) -> Result<Self::Response, SimError>;
}

/// `Action => handler` pairs, as [`Handle`] impls.
macro_rules! handlers {
    ($($action:ident => $handler:path),* $(,)?) => {
        $(impl Handle for $action {
            fn handle(ctx: &mut Ctx<'_>, req: Self) -> Result<Self::Response, SimError> {
                $handler(ctx, req)
            }
        })*
    };
}

handlers! {
    DescribeRegions => catalog::describe_regions,
    DescribeZones => catalog::describe_zones,
    DescribeInstanceTypes => catalog::describe_instance_types,
    DescribeImages => catalog::describe_images,
    DescribeSecurityGroups => catalog::describe_security_groups,
    DescribeInstances => instance::describe_instances,
    RunInstances => instance::run_instances,
    StartInstance => instance::start_instance,
    StopInstance => instance::stop_instance,
    RebootInstance => instance::reboot_instance,
    DeleteInstance => instance::delete_instance,
    CreateNetworkInterface => eni::create_network_interface,
    DescribeNetworkInterfaces => eni::describe_network_interfaces,
    DescribeNetworkInterfaceAttribute => eni::describe_network_interface_attribute,
    AttachNetworkInterface => eni::attach_network_interface,
    DetachNetworkInterface => eni::detach_network_interface,
    DeleteNetworkInterface => eni::delete_network_interface,
    ModifyNetworkInterfaceAttribute => eni::modify_network_interface_attribute,
    AssignPrivateIpAddresses => private_ip::assign_private_ip_addresses,
    UnassignPrivateIpAddresses => private_ip::unassign_private_ip_addresses,
    AssignIpv6Addresses => ipv6::assign_ipv6_addresses,
    UnassignIpv6Addresses => ipv6::unassign_ipv6_addresses,
    TagResources => tags::tag_resources,
    UntagResources => tags::untag_resources,
    ListTagResources => tags::list_tag_resources,
    DescribeVpcs => vpc::describe_vpcs,
    DescribeVSwitches => vpc::describe_v_switches,
}

fn run<A: Handle>(ctx: &mut Ctx<'_>, params: &Params) -> Result<Value, SimError> {
    let (req, unused) = tether_domain::params::from_params_noting_unused::<A>(params)?;
    // A documented parameter the simulator does not model is refused, never silently ignored
    // (the cloud would act on it); an undocumented one is ignored, as the gateway does.
    if let Some(name) = unused.iter().find(|n| is_documented(A::NAME, n)) {
        return Err(SimError::SpecWith(
            codes::UNSUPPORTED_PARAMETER,
            format!(
                "{} The simulator does not model {name} (see docs/fidelity.md).",
                codes::UNSUPPORTED_PARAMETER.message
            ),
        ));
    }
    let problems = req.check_fields();
    if !problems.is_empty() {
        return Err(SimError::Fields(problems));
    }
    if let Some(region) = req.region() {
        ctx.world.region(region)?;
    }
    let answer = A::handle(ctx, req)?;
    serde_json::to_value(answer).map_err(|_| SimError::Spec(codes::INTERNAL_ERROR))
}

/// `match action { NAME => run::<Type>, ... }` over the allowlist.
macro_rules! dispatch_table {
    ($ctx:expr, $action:expr, $params:expr, $($a:ty),*) => {
        match $action {
            $(name if name == <$a as Action>::NAME => run::<$a>($ctx, $params),)*
            _ => Err(SimError::Spec(codes::INVALID_ACTION_NOT_FOUND)),
        }
    };
}

/// Runs `action` (already resolved) on `params`.
pub fn dispatch(ctx: &mut Ctx<'_>, action: &str, params: &Params) -> Result<Value, SimError> {
    tether_domain::for_each_action!(dispatch_table, ctx, action, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_allowlisted_action_is_dispatched() {
        let mut world = crate::seed::demo_world();
        let mut ctx = Ctx {
            world: &mut world,
            now_ms: 0,
            delay_ms: 0,
        };
        for (name, product, _) in ALL_ACTIONS {
            assert!(resolve(Some(name), Some(product.version())).is_ok());
            let err = dispatch(&mut ctx, name, &Params::new()).err();
            assert_ne!(
                err.map(|e| e.code()),
                Some("InvalidAction.NotFound"),
                "{name}"
            );
        }
    }

    #[test]
    fn unknown_action_and_version_are_refused_like_alibaba() {
        assert_eq!(
            resolve(Some("StealKeys"), Some("2014-05-26"))
                .err()
                .map(|e| e.status()),
            Some(404)
        );
        assert_eq!(
            resolve(Some("DescribeVpcs"), Some("2014-05-26"))
                .err()
                .map(|e| e.code()),
            Some("InvalidAction.NotFound")
        );
        assert_eq!(
            resolve(Some("DescribeVpcs"), Some("1999-01-01"))
                .err()
                .map(|e| e.code()),
            Some("InvalidVersion")
        );
        assert_eq!(
            resolve(None, Some("2014-05-26")).err().map(|e| e.code()),
            Some("MissingParameter")
        );
    }
}
