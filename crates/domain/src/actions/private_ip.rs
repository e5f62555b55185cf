//! Secondary private IPv4 addresses of an ENI: AssignPrivateIpAddresses and
//! UnassignPrivateIpAddresses (request models of `alibabacloud_ecs20140526` 7.11.8; the IPv4
//! prefix parameters are not modelled, so the simulator refuses them as unsupported).

use super::action;
use crate::fields::*;
use crate::ids::*;
use serde::{Deserialize, Serialize};

/// The most secondary private IPs one call names or asks for: the 1–49 the reference documents
/// for `SecondaryPrivateIpAddressCount` (CreateNetworkInterface, RunInstances), which is also
/// what an unattached ENI can hold besides its primary address.
pub const MAX_SECONDARY_IPS: usize = 49;

/// AssignPrivateIpAddresses: a count (`SecondaryPrivateIpAddressCount`) or explicit addresses
/// (`PrivateIpAddress.N`), exactly one of the two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct AssignPrivateIpAddresses {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
    /// This many free addresses of the ENI's vSwitch (not with `PrivateIpAddress.N`).
    pub secondary_private_ip_address_count: Option<u32>,
    /// These addresses of the ENI's vSwitch (not with a count).
    #[serde(default)]
    pub private_ip_address: Vec<String>,
    /// Idempotency token: a retried assignment by count must not take addresses twice.
    pub client_token: Option<String>,
}
action!(
    AssignPrivateIpAddresses => AssignPrivateIpAddressesResponse, Ecs, mutates = true,
    region = required, checks = fields, token = client_token
);

impl AssignPrivateIpAddresses {
    /// Assigns `count` free addresses to `eni`.
    pub fn count(region_id: RegionId, eni: NetworkInterfaceId, count: u32) -> Self {
        Self {
            region_id,
            network_interface_id: eni,
            secondary_private_ip_address_count: Some(count),
            private_ip_address: Vec::new(),
            client_token: None,
        }
    }

    /// Assigns these addresses to `eni`.
    pub fn addresses(region_id: RegionId, eni: NetworkInterfaceId, ips: Vec<String>) -> Self {
        Self {
            region_id,
            network_interface_id: eni,
            secondary_private_ip_address_count: None,
            private_ip_address: ips,
            client_token: None,
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        // "You must set either PrivateIpAddress.N or SecondaryPrivateIpAddressCount, but not
        // both" (the SDK model): neither is a missing parameter.
        if self.secondary_private_ip_address_count.is_none() && self.private_ip_address.is_empty() {
            out.push(FieldError::new(
                "SecondaryPrivateIpAddressCount",
                FieldProblem::Required,
            ));
        }
        out.extend(super::eni::check_count_or_addresses(
            self.secondary_private_ip_address_count,
            &self.private_ip_address,
            MAX_SECONDARY_IPS,
        ));
        if let Some(token) = &self.client_token {
            out.extend(check_client_token(token));
        }
        out
    }
}

wrapper!(
    /// `{"PrivateIpAddress": ["192.168.1.20", ...]}`.
    AssignedPrivateIps { private_ip_address: String }
);

/// An `AssignedPrivateIpAddressesSet` object, which may also come as `""`, `null` or not at all.
fn assigned_set<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<AssignedPrivateIpAddressesSet, D::Error> {
    Ok(crate::lenient::wrapper::<D, AssignedPrivateIpAddressesSet>(d)?.unwrap_or_default())
}

/// What AssignPrivateIpAddresses assigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct AssignedPrivateIpAddressesSet {
    /// The ENI.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub network_interface_id: String,
    /// The new addresses.
    pub private_ip_set: AssignedPrivateIps,
}

/// AssignPrivateIpAddresses answer (the SDK model's `AssignedPrivateIpAddressesSet`; its
/// `Ipv4PrefixSet` is left out, as Tether assigns no prefixes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct AssignPrivateIpAddressesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// The ENI and its new addresses.
    #[serde(deserialize_with = "assigned_set")]
    pub assigned_private_ip_addresses_set: AssignedPrivateIpAddressesSet,
}

/// UnassignPrivateIpAddresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct UnassignPrivateIpAddresses {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
    /// The secondary addresses to give back to the vSwitch (`PrivateIpAddress.N`, required).
    #[serde(default)]
    pub private_ip_address: Vec<String>,
}
action!(
    UnassignPrivateIpAddresses => super::Acknowledged, Ecs, mutates = true, region = required,
    checks = fields, endangers = endangered
);

impl UnassignPrivateIpAddresses {
    fn fields(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.private_ip_address.is_empty() {
            out.push(FieldError::new("PrivateIpAddress", FieldProblem::Required));
        }
        out.extend(check_ipv4_list(
            "PrivateIpAddress",
            &self.private_ip_address,
            MAX_SECONDARY_IPS,
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::Action;

    fn region() -> RegionId {
        "cn-hangzhou".parse().unwrap()
    }
    fn eni() -> NetworkInterfaceId {
        "eni-bp1aaaaaaaaaaaaaaa01".parse().unwrap()
    }
    fn problems(req: &impl Action) -> Vec<(String, FieldProblem)> {
        req.check_fields()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn assign_takes_a_count_or_addresses_but_not_both_and_not_neither() {
        assert!(problems(&AssignPrivateIpAddresses::count(region(), eni(), 2)).is_empty());
        let listed =
            AssignPrivateIpAddresses::addresses(region(), eni(), vec!["192.168.1.20".into()]);
        assert!(problems(&listed).is_empty());
        let both = AssignPrivateIpAddresses {
            secondary_private_ip_address_count: Some(1),
            ..listed.clone()
        };
        assert_eq!(
            problems(&both),
            [(
                "PrivateIpAddress".into(),
                FieldProblem::ExclusiveWith("SecondaryPrivateIpAddressCount".into())
            )]
        );
        let neither = AssignPrivateIpAddresses {
            private_ip_address: Vec::new(),
            ..listed
        };
        let refused = neither.check_fields();
        assert_eq!(refused[0].spec().code, "MissingParameter");
    }

    #[test]
    fn assign_counts_from_1_to_49_and_names_ipv4_addresses() {
        assert_eq!(
            problems(&AssignPrivateIpAddresses::count(region(), eni(), 50)),
            [(
                "SecondaryPrivateIpAddressCount".into(),
                FieldProblem::SecondaryIpCount(50)
            )]
        );
        assert_eq!(
            problems(&AssignPrivateIpAddresses::count(region(), eni(), 0)).len(),
            1
        );
        let bad = AssignPrivateIpAddresses::addresses(region(), eni(), vec!["192.168.1".into()]);
        assert_eq!(
            problems(&bad),
            [("PrivateIpAddress.1".into(), FieldProblem::NotIpv4)]
        );
    }

    #[test]
    fn unassign_needs_at_least_one_address() {
        let none = UnassignPrivateIpAddresses {
            region_id: region(),
            network_interface_id: eni(),
            private_ip_address: Vec::new(),
        };
        assert_eq!(
            problems(&none),
            [("PrivateIpAddress".into(), FieldProblem::Required)]
        );
        let params = UnassignPrivateIpAddresses {
            private_ip_address: vec!["192.168.1.20".into(), "192.168.1.21".into()],
            ..none
        }
        .to_params();
        assert_eq!(
            params.get("PrivateIpAddress.2").map(String::as_str),
            Some("192.168.1.21")
        );
    }
}
