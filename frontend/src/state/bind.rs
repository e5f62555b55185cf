//! The Bind to Instance dialog's list: every instance of the region with the rules' verdict.

use tether_domain::rules::{AttachContext, Reason, can_attach};
use tether_domain::{Instance, InstanceTypeInfo, NetworkInterface};

/// One instance in the dialog and why it cannot take the ENI (empty = eligible).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The instance.
    pub instance: Instance,
    /// Its type's ENI quota, when known.
    pub quota: Option<u32>,
    /// Every reason from [`can_attach`].
    pub reasons: Vec<Reason>,
}

impl Candidate {
    /// Whether the ENI can be bound to this instance now.
    pub fn eligible(&self) -> bool {
        self.reasons.is_empty()
    }

    /// Whether a console restart (RebootInstance) is all that stands in the way.
    pub fn restart_fixes(&self) -> bool {
        matches!(self.reasons.as_slice(), [Reason::StartedBefore2018 { .. }])
    }
}

/// Every instance with its verdict for `eni`: eligible first, then those a restart fixes, then
/// the rest, each group in the cloud's order.
pub fn candidates(
    eni: &NetworkInterface,
    instances: &[Instance],
    types: &[InstanceTypeInfo],
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = instances
        .iter()
        .map(|instance| {
            let info = types
                .iter()
                .find(|t| t.instance_type_id == instance.instance_type);
            Candidate {
                instance: instance.clone(),
                quota: info.map(|t| t.eni_quantity),
                reasons: can_attach(AttachContext {
                    eni,
                    instance,
                    instance_type: info,
                }),
            }
        })
        .collect();
    out.sort_by_key(|c| (!c.eligible(), !c.restart_fixes()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::*;
    use tether_domain::InstanceStatus;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn eligible_instances_come_first_and_old_starts_offer_a_restart() {
        let mut other_vpc = instance("i-bp1other0001");
        other_vpc.vpc_attributes.as_mut().unwrap().vpc_id = VPC_B.parse().unwrap();
        let mut old = instance("i-bp1old000001");
        old.start_time = "2017-12-10T04:04Z".into();
        let ok = instance("i-bp1good00001");
        let list = candidates(&eni("eni-bp1aaaa0001"), &[other_vpc, old, ok], &types());
        let order: Vec<_> = list
            .iter()
            .map(|c| c.instance.instance_id.as_str())
            .collect();
        assert_eq!(
            order,
            ["i-bp1good00001", "i-bp1old000001", "i-bp1other0001"]
        );
        assert!(list[0].eligible());
        assert!(list[1].restart_fixes());
        assert_eq!(list[2].reasons[0].code(), "vpc_mismatch");
        assert_eq!(list[0].quota, Some(2));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_stopped_hotplug_type_is_eligible_but_running_is_not() {
        let mut t5 = instance("i-bp1t5small01");
        t5.instance_type = "ecs.t5-lc1m2.small".parse().unwrap();
        let running = candidates(&eni("eni-bp1aaaa0001"), std::slice::from_ref(&t5), &types());
        assert_eq!(running[0].reasons[0].code(), "needs_stopped");
        t5.status = InstanceStatus::Stopped;
        assert!(candidates(&eni("eni-bp1aaaa0001"), &[t5], &types())[0].eligible());
    }
}
