//! `can_set_security_groups`, `can_add_security_group`: the rules of an ENI's security groups
//! (ModifyNetworkInterfaceAttribute `SecurityGroupId.N`, which replaces the set).
//!
//! Sources: "an ENI needs 1–5 security groups in the same VPC" (reference §6 point 7; the 2021
//! Modify reference: "Valid values of N: 1 to 5"); the groups of one instance are all basic or
//! all enterprise (`EnterpriseGroupLimited.MutliGroupType`, listed by CreateInstance and
//! ModifyInstanceVpcAttribute; ModifyNetworkInterfaceAttribute's own table is silent, so an
//! ENI gets the same rule and code). A primary ENI: the SDK model says "The *secondary* NIC
//! joins the specified security groups", and the Modify table lists
//! `InvalidOperation.InvalidEniType`; a primary ENI's groups are its instance's, changed with
//! ModifyInstanceAttribute `SecurityGroupIds.N` or JoinSecurityGroup, neither in Tether's
//! allowlist. The reference does not say whether the cloud checks the type before or after the
//! groups; these rules report every reason.

use super::reason::Reason;
use crate::ids::SecurityGroupId;
use crate::model::{EniType, NetworkInterface, SecurityGroup};

/// The most security groups an ENI belongs to.
pub const MAX_ENI_SECURITY_GROUPS: usize = 5;

/// The type of a group: `enterprise`, or basic (`normal`, or empty when not given).
fn is_enterprise(group: &SecurityGroup) -> bool {
    group.security_group_type == "enterprise"
}

/// Every reason `chosen` cannot become `eni`'s security groups; empty means it can. `known`
/// are the region's groups (DescribeSecurityGroups); a chosen group not among them does not
/// exist.
pub fn can_set_security_groups(
    eni: &NetworkInterface,
    chosen: &[SecurityGroupId],
    known: &[SecurityGroup],
) -> Vec<Reason> {
    let mut out = Vec::new();
    if eni.service_managed {
        out.push(Reason::ServiceManaged);
    }
    if eni.eni_type == EniType::Primary {
        out.push(Reason::PrimaryEniGroups);
    }
    if !(1..=MAX_ENI_SECURITY_GROUPS).contains(&chosen.len()) {
        out.push(Reason::SecurityGroupCount {
            count: chosen.len() as u32,
        });
    }
    let mut found: Vec<&SecurityGroup> = Vec::new();
    for id in chosen {
        match known.iter().find(|g| &g.security_group_id == id) {
            None => out.push(Reason::SecurityGroupNotFound { id: id.to_string() }),
            Some(group) if group.vpc_id != eni.vpc_id => {
                out.push(Reason::SecurityGroupOtherVpc {
                    id: id.to_string(),
                    group_vpc: group.vpc_id.to_string(),
                    eni_vpc: eni.vpc_id.to_string(),
                });
            }
            Some(group) => found.push(group),
        }
    }
    if found.iter().any(|g| is_enterprise(g)) && found.iter().any(|g| !is_enterprise(g)) {
        out.push(Reason::SecurityGroupTypesMixed);
    }
    out
}

/// Why `candidate` cannot join the groups `chosen` so far for `eni` (the editor's reason on a
/// refused choice); empty means it can. Only what the candidate itself changes is reported:
/// its VPC, its type against the chosen ones, and a sixth group.
pub fn can_add_security_group(
    eni: &NetworkInterface,
    chosen: &[SecurityGroupId],
    candidate: &SecurityGroup,
) -> Vec<Reason> {
    let mut out = Vec::new();
    if candidate.vpc_id != eni.vpc_id {
        out.push(Reason::SecurityGroupOtherVpc {
            id: candidate.security_group_id.to_string(),
            group_vpc: candidate.vpc_id.to_string(),
            eni_vpc: eni.vpc_id.to_string(),
        });
    }
    if chosen.contains(&candidate.security_group_id) {
        return out;
    }
    if chosen.len() >= MAX_ENI_SECURITY_GROUPS {
        out.push(Reason::SecurityGroupCount {
            count: chosen.len() as u32 + 1,
        });
    }
    out
}

/// [`can_add_security_group`] plus the type rule, when the chosen groups are known.
pub fn can_add_security_group_of(
    eni: &NetworkInterface,
    chosen: &[&SecurityGroup],
    candidate: &SecurityGroup,
) -> Vec<Reason> {
    let ids: Vec<SecurityGroupId> = chosen.iter().map(|g| g.security_group_id.clone()).collect();
    let mut out = can_add_security_group(eni, &ids, candidate);
    if chosen
        .iter()
        .any(|g| is_enterprise(g) != is_enterprise(candidate))
    {
        out.push(Reason::SecurityGroupTypesMixed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::fixtures::*;

    fn group(id: &str, vpc: &str, kind: &str) -> SecurityGroup {
        serde_json::from_value(serde_json::json!({
            "SecurityGroupId": id, "VpcId": vpc, "SecurityGroupType": kind
        }))
        .unwrap()
    }

    fn known() -> Vec<SecurityGroup> {
        let (a, b) = (vpc_a().to_string(), vpc_b().to_string());
        vec![
            group("sg-bp1aaaaaaaaaaaaaaa01", &a, "normal"),
            group("sg-bp1aaaaaaaaaaaaaaa02", &a, "normal"),
            group("sg-bp1aaaaaaaaaaaaaaa03", &a, "enterprise"),
            group("sg-bp1bbbbbbbbbbbbbbb01", &b, "normal"),
        ]
    }

    fn ids(list: &[&str]) -> Vec<SecurityGroupId> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn codes(reasons: &[Reason]) -> Vec<&'static str> {
        reasons.iter().map(|r| r.spec().code).collect()
    }

    #[test]
    fn one_to_five_existing_groups_of_the_enis_vpc_and_one_type() {
        let e = eni();
        let ok = ids(&["sg-bp1aaaaaaaaaaaaaaa01", "sg-bp1aaaaaaaaaaaaaaa02"]);
        assert!(can_set_security_groups(&e, &ok, &known()).is_empty());
        assert_eq!(
            codes(&can_set_security_groups(&e, &[], &known())),
            ["InvalidParameter"]
        );
        let six: Vec<SecurityGroupId> = (0..6).map(|_| ok[0].clone()).collect();
        let reasons = can_set_security_groups(&e, &six, &known());
        assert_eq!(reasons, [Reason::SecurityGroupCount { count: 6 }]);
        assert_eq!(
            reasons[0].message(Lang::En),
            "An ENI needs 1 to 5 security groups; 6 chosen."
        );
        let other = ids(&["sg-bp1bbbbbbbbbbbbbbb01"]);
        let reasons = can_set_security_groups(&e, &other, &known());
        assert_eq!(codes(&reasons), ["InvalidOperation.VpcMismatch"]);
        assert_eq!(reasons[0].spec().status, 403);
        let missing = ids(&["sg-bp1nothere00000001"]);
        assert_eq!(
            codes(&can_set_security_groups(&e, &missing, &known())),
            ["InvalidSecurityGroupId.NotFound"]
        );
        let mixed = ids(&["sg-bp1aaaaaaaaaaaaaaa01", "sg-bp1aaaaaaaaaaaaaaa03"]);
        let reasons = can_set_security_groups(&e, &mixed, &known());
        assert_eq!(codes(&reasons), ["EnterpriseGroupLimited.MutliGroupType"]);
        assert_eq!(
            reasons[0].cloud_message(),
            "The specified instance can not join multi SecurityGroup types."
        );
        assert!(!reasons[0].message(Lang::Zh).is_empty());
    }

    #[test]
    fn a_primary_or_managed_enis_groups_are_not_its_own_to_change() {
        let mut e = eni();
        e.eni_type = EniType::Primary;
        let ok = ids(&["sg-bp1aaaaaaaaaaaaaaa01"]);
        let reasons = can_set_security_groups(&e, &ok, &known());
        assert_eq!(reasons, [Reason::PrimaryEniGroups]);
        assert_eq!(reasons[0].spec().code, "InvalidOperation.InvalidEniType");
        assert!(reasons[0].message(Lang::En).contains("instance"));
        e.eni_type = EniType::Secondary;
        e.service_managed = true;
        assert_eq!(
            can_set_security_groups(&e, &ok, &known()),
            [Reason::ServiceManaged]
        );
    }

    #[test]
    fn each_refused_choice_in_the_editor_says_why() {
        let e = eni();
        let all = known();
        let chosen = [&all[0]];
        assert!(can_add_security_group_of(&e, &chosen, &all[1]).is_empty());
        assert_eq!(
            codes(&can_add_security_group_of(&e, &chosen, &all[2])),
            ["EnterpriseGroupLimited.MutliGroupType"]
        );
        assert_eq!(
            codes(&can_add_security_group_of(&e, &chosen, &all[3])),
            ["InvalidOperation.VpcMismatch"]
        );
        let five: Vec<SecurityGroupId> = (1..=5)
            .map(|n| format!("sg-bp1aaaaaaaaaaaaaaa1{n}").parse().unwrap())
            .collect();
        assert_eq!(
            can_add_security_group(&e, &five, &all[1]),
            [Reason::SecurityGroupCount { count: 6 }]
        );
    }
}
