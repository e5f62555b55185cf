//! `can_attach`: the Bind to Instance rules (reference §6, DESIGN.md §1).

use super::catalog::{hotplug_state_reasons, is_io_optimized_type};
use super::reason::Reason;
use crate::model::{
    EniStatus, EniType, Instance, InstanceStatus, InstanceTypeInfo, NetworkInterface,
};

/// Instances last started before this date must be rebooted through the API before an attach.
pub const REBOOT_CUTOFF: &str = "2018-04-01";

/// Whether the instance last started before [`REBOOT_CUTOFF`] (an unknown start time is not).
pub fn started_before_reboot_cutoff(instance: &Instance) -> bool {
    !instance.start_time.is_empty() && instance.start_time.as_str() < REBOOT_CUTOFF
}

/// What the attach rules look at; all of it comes from Describe calls the app already makes.
#[derive(Debug, Clone, Copy)]
pub struct AttachContext<'a> {
    /// The ENI to attach.
    pub eni: &'a NetworkInterface,
    /// The instance to attach it to.
    pub instance: &'a Instance,
    /// The instance's type; without it the quota cannot be checked.
    pub instance_type: Option<&'a InstanceTypeInfo>,
}

/// Every reason `eni` cannot be attached to `instance` now; empty means it can.
pub fn can_attach(ctx: AttachContext<'_>) -> Vec<Reason> {
    let AttachContext {
        eni,
        instance,
        instance_type,
    } = ctx;
    let mut out = Vec::new();
    if eni.service_managed {
        out.push(Reason::ServiceManaged);
    }
    if eni.status != EniStatus::Available {
        out.push(Reason::EniState {
            expected: EniStatus::Available,
            actual: eni.status,
        });
    }
    if eni.eni_type == EniType::Primary {
        out.push(Reason::PrimaryEni);
    }
    out.extend(hotplug_state_reasons(instance));
    // A classic-network instance has no VPC: its instance_vpc is "" (see Reason::message).
    if instance.vpc_id() != Some(&eni.vpc_id) {
        out.push(Reason::VpcMismatch {
            eni_vpc: eni.vpc_id.to_string(),
            instance_vpc: instance
                .vpc_id()
                .map(ToString::to_string)
                .unwrap_or_default(),
        });
    }
    if eni.zone_id != instance.zone_id {
        out.push(Reason::ZoneMismatch {
            eni_zone: eni.zone_id.to_string(),
            instance_zone: instance.zone_id.to_string(),
        });
    }
    let type_has_enis = instance_type.is_none_or(|t| t.eni_quantity > 0);
    if !is_io_optimized_type(&instance.instance_type) {
        // Attach answers InvalidOperation.InvalidGeneration for generation I (its table);
        // RunInstances has its own code for the same types (the wizard's EniNotSupported).
        out.push(Reason::OldGeneration {
            instance_type: instance.instance_type.to_string(),
        });
    } else if !instance.io_optimized || !type_has_enis {
        out.push(Reason::EniNotSupported {
            instance_type: instance.instance_type.to_string(),
        });
    } else if let Some(info) = instance_type {
        let used = instance.eni_count() as u32;
        if used >= info.eni_quantity {
            out.push(Reason::QuotaReached {
                used,
                quota: info.eni_quantity,
            });
        }
        // Every private IP of the ENI counts against the type's per-ENI limit (0: unknown).
        let ips = eni.private_ip_sets.private_ip_set.len() as u32;
        let per_eni = info.eni_private_ip_address_quantity;
        if per_eni > 0 && ips > per_eni {
            out.push(Reason::TooManyPrivateIps { ips, per_eni });
        }
    }
    if instance.status == InstanceStatus::Running && started_before_reboot_cutoff(instance) {
        out.push(Reason::StartedBefore2018 {
            start_time: instance.start_time.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PrivateIpSet, PrivateIpSets};
    use crate::rules::fixtures::*;

    fn codes(reasons: &[Reason]) -> Vec<&'static str> {
        reasons.iter().map(Reason::code).collect()
    }

    fn check(eni: &NetworkInterface, inst: &Instance) -> Vec<Reason> {
        can_attach(AttachContext {
            eni,
            instance: inst,
            instance_type: Some(&g6_large()),
        })
    }

    #[test]
    fn available_secondary_eni_attaches_to_running_instance_in_same_vpc_and_zone() {
        assert!(check(&eni(), &instance()).is_empty());
        let mut stopped = instance();
        stopped.status = InstanceStatus::Stopped;
        assert!(check(&eni(), &stopped).is_empty());
    }

    #[test]
    fn attach_rejects_eni_that_is_not_available() {
        let mut e = eni();
        e.status = EniStatus::InUse;
        let reasons = check(&e, &instance());
        assert_eq!(
            reasons,
            [Reason::EniState {
                expected: EniStatus::Available,
                actual: EniStatus::InUse
            }]
        );
        assert_eq!(reasons[0].spec().code, "InvalidOperation.InvalidEniState");
    }

    #[test]
    fn attach_refuses_a_service_managed_eni_first() {
        let mut e = eni();
        e.service_managed = true;
        e.service_id = 12_345_678_901;
        let reasons = check(&e, &instance());
        assert_eq!(codes(&reasons), ["service_managed"]);
        assert_eq!(reasons[0].spec().code, "InvalidOperation.EniServiceManaged");
        e.status = EniStatus::InUse;
        assert_eq!(
            codes(&check(&e, &instance())),
            ["service_managed", "eni_state"]
        );
    }

    #[test]
    fn attach_rejects_primary_eni() {
        let mut e = eni();
        e.eni_type = EniType::Primary;
        assert_eq!(codes(&check(&e, &instance())), ["primary_eni"]);
    }

    #[test]
    fn attach_rejects_instance_in_transition() {
        for status in [
            InstanceStatus::Starting,
            InstanceStatus::Stopping,
            InstanceStatus::Pending,
        ] {
            let mut i = instance();
            i.status = status;
            assert_eq!(
                check(&eni(), &i),
                [Reason::InstanceState { actual: status }]
            );
        }
    }

    #[test]
    fn attach_rejects_eni_from_another_vpc() {
        let mut e = eni();
        e.vpc_id = vpc_b();
        let reasons = check(&e, &instance());
        assert_eq!(codes(&reasons), ["vpc_mismatch"]);
        assert_eq!(reasons[0].spec().code, "InvalidOperation.VpcMismatch");
    }

    #[test]
    fn attach_rejects_a_classic_network_instance_and_says_so() {
        let mut classic = instance();
        classic.vpc_attributes = None;
        classic.instance_network_type = "classic".into();
        let reasons = check(&eni(), &classic);
        assert_eq!(codes(&reasons), ["vpc_mismatch"]);
        assert_eq!(
            reasons[0].message(crate::Lang::En),
            "The instance is in the classic network (ENI in vpc-bp1aaaaaaaaaaaaaaaaa): ENIs attach to VPC instances only."
        );
    }

    #[test]
    fn attach_rejects_eni_from_another_zone() {
        let mut e = eni();
        e.zone_id = zone("cn-hangzhou-h");
        let reasons = check(&e, &instance());
        assert_eq!(codes(&reasons), ["zone_mismatch"]);
        assert_eq!(reasons[0].spec().status, 403);
    }

    #[test]
    fn attach_rejects_running_type_without_hotplug_but_accepts_it_stopped() {
        let mut i = instance();
        i.instance_type = itype("ecs.t5-lc1m2.small");
        assert_eq!(codes(&check(&eni(), &i)), ["needs_stopped"]);
        i.status = InstanceStatus::Stopped;
        assert!(check(&eni(), &i).is_empty());
    }

    #[test]
    fn attach_rejects_instance_that_is_not_io_optimized() {
        let mut i = instance();
        i.io_optimized = false;
        let reasons = check(&eni(), &i);
        assert_eq!(codes(&reasons), ["eni_not_supported"]);
        assert_eq!(
            reasons[0].spec().code,
            "InvalidInstanceType.ElasticNetworkInterfaceNotSupported"
        );
        i.io_optimized = true;
        let info = InstanceTypeInfo {
            eni_quantity: 0,
            ..g6_large()
        };
        let reasons = can_attach(AttachContext {
            eni: &eni(),
            instance: &i,
            instance_type: Some(&info),
        });
        assert_eq!(codes(&reasons), ["eni_not_supported"]);
    }

    #[test]
    fn attach_refuses_a_generation_one_instance_as_an_invalid_generation() {
        let mut i = instance();
        i.io_optimized = false;
        i.instance_type = itype("ecs.t1.small");
        let info = InstanceTypeInfo {
            eni_quantity: 0,
            ..g6_large()
        };
        let reasons = can_attach(AttachContext {
            eni: &eni(),
            instance: &i,
            instance_type: Some(&info),
        });
        assert_eq!(codes(&reasons), ["old_generation"]);
        let spec = reasons[0].spec();
        assert_eq!(
            (spec.status, spec.code),
            (400, "InvalidOperation.InvalidGeneration")
        );
        assert!(reasons[0].message(crate::Lang::En).contains("ecs.t1.small"));
        assert!(!reasons[0].message(crate::Lang::Zh).is_empty());
    }

    #[test]
    fn attach_refuses_an_eni_with_more_private_ips_than_the_type_allows() {
        let ips = |n: usize| -> PrivateIpSets {
            (0..n)
                .map(|k| PrivateIpSet::new(format!("192.168.1.{}", 10 + k), k == 0))
                .collect::<Vec<_>>()
                .into()
        };
        let mut e = eni();
        e.private_ip_sets = ips(6);
        assert!(check(&e, &instance()).is_empty(), "6 of ecs.g6.large's 6");
        e.private_ip_sets = ips(7);
        let reasons = check(&e, &instance());
        assert_eq!(reasons, [Reason::TooManyPrivateIps { ips: 7, per_eni: 6 }]);
        let spec = reasons[0].spec();
        assert_eq!(
            (spec.status, spec.code),
            (403, "InvalidOperation.Ipv4CountExceeded")
        );
        assert!(reasons[0].message(crate::Lang::En).contains("7"));
        assert!(!reasons[0].message(crate::Lang::Zh).is_empty());
    }

    #[test]
    fn attach_rejects_instance_at_its_eni_quota_counting_the_primary() {
        let mut i = instance();
        i.network_interfaces
            .network_interface
            .push(secondary_on_instance());
        let reasons = check(&eni(), &i);
        assert_eq!(reasons, [Reason::QuotaReached { used: 2, quota: 2 }]);
        assert_eq!(
            reasons[0].message(crate::Lang::En),
            "ENI quota reached (2/2, primary included)."
        );
    }

    #[test]
    fn attach_asks_for_reboot_when_running_instance_started_before_april_2018() {
        let mut i = instance();
        i.start_time = "2017-12-10T04:04Z".into();
        let reasons = check(&eni(), &i);
        assert_eq!(codes(&reasons), ["started_before_2018"]);
        assert!(
            reasons[0]
                .message(crate::Lang::En)
                .contains("RebootInstance")
        );
        i.status = InstanceStatus::Stopped;
        assert!(
            check(&eni(), &i).is_empty(),
            "a stopped instance restarts anyway when started"
        );
    }

    #[test]
    fn attach_reports_every_reason_at_once() {
        let mut e = eni();
        e.status = EniStatus::Detaching;
        e.vpc_id = vpc_b();
        e.zone_id = zone("cn-hangzhou-h");
        let mut i = instance();
        i.status = InstanceStatus::Running;
        i.instance_type = itype("ecs.t6-c1m2.large");
        i.start_time = "2016-01-01T00:00Z".into();
        i.network_interfaces
            .network_interface
            .push(secondary_on_instance());
        assert_eq!(
            codes(&check(&e, &i)),
            [
                "eni_state",
                "needs_stopped",
                "vpc_mismatch",
                "zone_mismatch",
                "quota_reached",
                "started_before_2018"
            ]
        );
    }

    #[test]
    fn without_type_information_the_quota_is_left_to_the_cloud() {
        let mut i = instance();
        i.network_interfaces
            .network_interface
            .push(secondary_on_instance());
        let reasons = can_attach(AttachContext {
            eni: &eni(),
            instance: &i,
            instance_type: None,
        });
        assert!(reasons.is_empty());
    }
}
