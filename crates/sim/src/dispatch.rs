//! Action name → typed request → handler. The set of actions is the domain's allowlist
//! (`ALL_ACTIONS`); anything else, an action of the other product's version included, is what
//! today's gateway answers: `InvalidAction.NotFound` (404), as real answers quote it (the 2021
//! tables still list the older `InvalidAction`, 403).

use crate::documented::is_documented;
use crate::error::SimError;
use crate::handlers::{Ctx, catalog, eni, instance, vpc};
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

fn run<A: Action>(
    ctx: &mut Ctx<'_>,
    params: &Params,
    handler: fn(&mut Ctx<'_>, A) -> Result<A::Response, SimError>,
) -> Result<Value, SimError> {
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
    let answer = handler(ctx, req)?;
    serde_json::to_value(answer).map_err(|_| SimError::Spec(codes::INTERNAL_ERROR))
}

/// Runs `action` (already resolved) on `params`.
pub fn dispatch(ctx: &mut Ctx<'_>, action: &str, params: &Params) -> Result<Value, SimError> {
    match action {
        "DescribeRegions" => run(ctx, params, catalog::describe_regions),
        "DescribeZones" => run(ctx, params, catalog::describe_zones),
        "DescribeInstanceTypes" => run(ctx, params, catalog::describe_instance_types),
        "DescribeImages" => run(ctx, params, catalog::describe_images),
        "DescribeSecurityGroups" => run(ctx, params, catalog::describe_security_groups),
        "DescribeInstances" => run(ctx, params, instance::describe_instances),
        "RunInstances" => run(ctx, params, instance::run_instances),
        "StartInstance" => run(ctx, params, instance::start_instance),
        "StopInstance" => run(ctx, params, instance::stop_instance),
        "RebootInstance" => run(ctx, params, instance::reboot_instance),
        "DeleteInstance" => run(ctx, params, instance::delete_instance),
        "CreateNetworkInterface" => run(ctx, params, eni::create_network_interface),
        "DescribeNetworkInterfaces" => run(ctx, params, eni::describe_network_interfaces),
        "DescribeNetworkInterfaceAttribute" => {
            run(ctx, params, eni::describe_network_interface_attribute)
        }
        "AttachNetworkInterface" => run(ctx, params, eni::attach_network_interface),
        "DetachNetworkInterface" => run(ctx, params, eni::detach_network_interface),
        "DeleteNetworkInterface" => run(ctx, params, eni::delete_network_interface),
        "ModifyNetworkInterfaceAttribute" => {
            run(ctx, params, eni::modify_network_interface_attribute)
        }
        "DescribeVpcs" => run(ctx, params, vpc::describe_vpcs),
        "DescribeVSwitches" => run(ctx, params, vpc::describe_v_switches),
        _ => Err(SimError::Spec(codes::INVALID_ACTION_NOT_FOUND)),
    }
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
