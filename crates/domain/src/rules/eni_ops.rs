//! `can_detach`, `can_delete`, `can_modify`: the rules for the ENI page's other actions. An ENI
//! an Alibaba Cloud service manages (`ServiceManaged`) refuses them all, that reason first.

use super::catalog::hotplug_state_reasons;
use super::reason::Reason;
use crate::model::{EniStatus, EniType, Instance, NetworkInterface};

/// `[ServiceManaged]` for an ENI a cloud service manages, else nothing.
fn managed(eni: &NetworkInterface) -> Vec<Reason> {
    if eni.service_managed {
        vec![Reason::ServiceManaged]
    } else {
        Vec::new()
    }
}

/// Every reason `eni` cannot be detached now. `instance` is the one it is attached to, when
/// known; `protected` is the portal's delete protection.
pub fn can_detach(
    eni: &NetworkInterface,
    instance: Option<&Instance>,
    protected: bool,
) -> Vec<Reason> {
    let mut out = managed(eni);
    if protected {
        out.push(Reason::Protected);
    }
    if eni.eni_type == EniType::Primary {
        out.push(Reason::PrimaryEni);
    }
    // Detaching may be re-issued when an ENI is stuck (Alibaba's documented playbook).
    if !matches!(eni.status, EniStatus::InUse | EniStatus::Detaching) {
        out.push(Reason::EniState {
            expected: EniStatus::InUse,
            actual: eni.status,
        });
    }
    if let Some(instance) = instance {
        if eni.instance_id.as_ref() != Some(&instance.instance_id) {
            out.push(Reason::NotAttachedHere);
        }
        out.extend(hotplug_state_reasons(instance));
    }
    out
}

/// Every reason `eni` cannot be deleted now (it must be Available; Deleting may be re-issued).
pub fn can_delete(eni: &NetworkInterface, protected: bool) -> Vec<Reason> {
    let mut out = managed(eni);
    if protected {
        out.push(Reason::Protected);
    }
    if eni.eni_type == EniType::Primary {
        out.push(Reason::PrimaryEni);
    }
    if !matches!(
        eni.status,
        EniStatus::Available | EniStatus::Deleting | EniStatus::CreateFailed
    ) {
        out.push(Reason::EniState {
            expected: EniStatus::Available,
            actual: eni.status,
        });
    }
    out
}

/// Every reason `eni` cannot be modified now. Only a secondary ENI's security groups can change
/// (the full rules of a new set of groups: `can_set_security_groups`).
pub fn can_modify(eni: &NetworkInterface, changes_security_groups: bool) -> Vec<Reason> {
    let mut out = managed(eni);
    if changes_security_groups && eni.eni_type == EniType::Primary {
        out.push(Reason::PrimaryEniGroups);
    }
    if matches!(
        eni.status,
        EniStatus::Deleting | EniStatus::CreateFailed | EniStatus::Creating
    ) {
        out.push(Reason::EniState {
            expected: EniStatus::Available,
            actual: eni.status,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InstanceStatus;
    use crate::rules::fixtures::*;

    fn bound() -> (NetworkInterface, Instance) {
        let mut e = eni();
        let i = instance();
        e.status = EniStatus::InUse;
        e.instance_id = Some(i.instance_id.clone());
        (e, i)
    }

    #[test]
    fn detach_accepts_bound_secondary_and_a_reissue_while_detaching() {
        let (mut e, i) = bound();
        assert!(can_detach(&e, Some(&i), false).is_empty());
        e.status = EniStatus::Detaching;
        assert!(can_detach(&e, Some(&i), false).is_empty());
    }

    #[test]
    fn detach_refuses_primary_eni_with_alibaba_code() {
        let (mut e, i) = bound();
        e.eni_type = EniType::Primary;
        let reasons = can_detach(&e, Some(&i), false);
        assert_eq!(reasons, [Reason::PrimaryEni]);
    }

    #[test]
    fn detach_refuses_available_eni_other_instance_and_protection_together() {
        let (mut e, mut i) = bound();
        e.status = EniStatus::Available;
        e.instance_id = None;
        i.status = InstanceStatus::Stopping;
        let codes: Vec<_> = can_detach(&e, Some(&i), true)
            .iter()
            .map(Reason::code)
            .collect();
        assert_eq!(
            codes,
            [
                "protected",
                "eni_state",
                "not_attached_here",
                "instance_state"
            ]
        );
    }

    #[test]
    fn detach_from_running_type_without_hotplug_needs_stop() {
        let (e, mut i) = bound();
        i.instance_type = itype("ecs.t5-c1m2.large");
        assert_eq!(
            can_detach(&e, Some(&i), false)
                .iter()
                .map(Reason::code)
                .collect::<Vec<_>>(),
            ["needs_stopped"]
        );
    }

    #[test]
    fn delete_only_available_enis() {
        assert!(can_delete(&eni(), false).is_empty());
        let (e, _) = bound();
        assert_eq!(
            can_delete(&e, false),
            [Reason::EniState {
                expected: EniStatus::Available,
                actual: EniStatus::InUse
            }]
        );
        assert_eq!(can_delete(&eni(), true), [Reason::Protected]);
    }

    #[test]
    fn a_service_managed_eni_can_be_neither_detached_deleted_nor_modified() {
        let (mut e, i) = bound();
        e.service_managed = true;
        let first = |r: Vec<Reason>| r.first().cloned();
        assert_eq!(can_detach(&e, Some(&i), false), [Reason::ServiceManaged]);
        assert_eq!(can_modify(&e, false), [Reason::ServiceManaged]);
        e.status = EniStatus::Available;
        assert_eq!(can_delete(&e, false), [Reason::ServiceManaged]);
        assert_eq!(first(can_delete(&e, true)), Some(Reason::ServiceManaged));
        assert_eq!(
            Reason::ServiceManaged.message(crate::Lang::En),
            "Managed by an Alibaba Cloud service (ACK, NAT Gateway...): it cannot be changed."
        );
    }

    #[test]
    fn modify_refuses_security_groups_of_primary_eni_only() {
        let mut e = eni();
        e.eni_type = EniType::Primary;
        assert!(can_modify(&e, false).is_empty());
        assert_eq!(can_modify(&e, true), [Reason::PrimaryEniGroups]);
        e.status = EniStatus::Deleting;
        assert_eq!(can_modify(&e, false).len(), 1);
    }
}
