//! IPv6 addresses of an ENI: AssignIpv6Addresses and UnassignIpv6Addresses (request and answer
//! models of PyPI `alibabacloud-ecs20140526` 7.11.8, `_assign_ipv_6addresses_request.py`,
//! `_assign_ipv_6addresses_response_body.py`, `_unassign_ipv_6addresses_request.py`; the IPv6
//! prefix parameters are not modelled, so the simulator refuses them as unsupported).

use super::action;
use crate::fields::*;
use crate::ids::*;
use serde::{Deserialize, Serialize};

/// The most IPv6 addresses one call names or asks for ("Valid values: 1 to 10", for
/// `Ipv6AddressCount` and `Ipv6Address.N` alike, here and on CreateNetworkInterface).
pub const MAX_IPV6_PER_CALL: u32 = 10;

/// An IPv6 count or list, never both: `Ipv6AddressCount` (1-10) or `Ipv6Address.N` (up to 10).
/// AssignIpv6Addresses and CreateNetworkInterface share the rule.
pub(super) fn check_ipv6_count_or_addresses(
    count: Option<u32>,
    addresses: &[String],
) -> Vec<FieldError> {
    let mut out = Vec::new();
    if let Some(n) = count {
        out.extend(check_range(
            "Ipv6AddressCount",
            n.into(),
            1,
            MAX_IPV6_PER_CALL.into(),
        ));
        if !addresses.is_empty() {
            out.push(FieldError::new(
                "Ipv6Address",
                FieldProblem::ExclusiveWith("Ipv6AddressCount".into()),
            ));
        }
    }
    out.extend(check_ipv6_list(
        "Ipv6Address",
        addresses,
        MAX_IPV6_PER_CALL as usize,
    ));
    out
}

/// AssignIpv6Addresses: a count (`Ipv6AddressCount`) or explicit addresses (`Ipv6Address.N`),
/// exactly one of the two ("you must set either ... but not both").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct AssignIpv6Addresses {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
    /// This many addresses of the vSwitch's IPv6 block (not with `Ipv6Address.N`).
    pub ipv6_address_count: Option<u32>,
    /// These addresses of the vSwitch's IPv6 block (not with a count).
    #[serde(default)]
    pub ipv6_address: Vec<String>,
    /// Idempotency token: a retried assignment by count must not take addresses twice.
    pub client_token: Option<String>,
}
action!(
    AssignIpv6Addresses => AssignIpv6AddressesResponse, Ecs, mutates = true,
    region = required, checks = fields, token = client_token
);

impl AssignIpv6Addresses {
    /// Assigns `count` addresses to `eni`.
    pub fn count(region_id: RegionId, eni: NetworkInterfaceId, count: u32) -> Self {
        Self {
            region_id,
            network_interface_id: eni,
            ipv6_address_count: Some(count),
            ipv6_address: Vec::new(),
            client_token: None,
        }
    }

    /// Assigns these addresses to `eni`.
    pub fn addresses(region_id: RegionId, eni: NetworkInterfaceId, ips: Vec<String>) -> Self {
        Self {
            region_id,
            network_interface_id: eni,
            ipv6_address_count: None,
            ipv6_address: ips,
            client_token: None,
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.ipv6_address_count.is_none() && self.ipv6_address.is_empty() {
            out.push(FieldError::new("Ipv6AddressCount", FieldProblem::Required));
        }
        out.extend(check_ipv6_count_or_addresses(
            self.ipv6_address_count,
            &self.ipv6_address,
        ));
        if let Some(token) = &self.client_token {
            out.extend(check_client_token(token));
        }
        out
    }
}

wrapper!(
    /// `{"Ipv6Address": ["2408:...", ...]}`: AssignIpv6Addresses lists strings, not objects.
    AssignedIpv6s { ipv6_address: String }
);

/// AssignIpv6Addresses answer (its `Ipv6PrefixSets` left out: Tether assigns no prefixes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct AssignIpv6AddressesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// The ENI.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub network_interface_id: String,
    /// The new addresses.
    pub ipv6_sets: AssignedIpv6s,
}

/// UnassignIpv6Addresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct UnassignIpv6Addresses {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
    /// The addresses to give back (`Ipv6Address.N`, 1 to 10).
    #[serde(default)]
    pub ipv6_address: Vec<String>,
}
action!(
    UnassignIpv6Addresses => super::Acknowledged, Ecs, mutates = true, region = required,
    checks = fields, endangers = endangered
);

impl UnassignIpv6Addresses {
    fn fields(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.ipv6_address.is_empty() {
            out.push(FieldError::new("Ipv6Address", FieldProblem::Required));
        }
        out.extend(check_ipv6_list(
            "Ipv6Address",
            &self.ipv6_address,
            MAX_IPV6_PER_CALL as usize,
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
    fn codes(req: &impl Action) -> Vec<(String, &'static str)> {
        req.check_fields()
            .into_iter()
            .map(|e| (e.field.clone(), e.spec().code))
            .collect()
    }

    #[test]
    fn assign_takes_1_to_10_by_count_or_by_address_not_both() {
        assert!(codes(&AssignIpv6Addresses::count(region(), eni(), 10)).is_empty());
        assert_eq!(
            codes(&AssignIpv6Addresses::count(region(), eni(), 11)),
            [("Ipv6AddressCount".into(), "InvalidParameter")]
        );
        let listed =
            AssignIpv6Addresses::addresses(region(), eni(), vec!["2408:4005:3a0:7a00::20".into()]);
        assert!(codes(&listed).is_empty());
        assert_eq!(
            listed.to_params()["Ipv6Address.1"],
            "2408:4005:3a0:7a00::20"
        );
        let both = AssignIpv6Addresses {
            ipv6_address_count: Some(1),
            ..listed.clone()
        };
        assert_eq!(
            codes(&both),
            [("Ipv6Address".into(), "InvalidParameter.Conflict")]
        );
        let neither = AssignIpv6Addresses {
            ipv6_address: Vec::new(),
            ..listed
        };
        assert_eq!(
            codes(&neither),
            [("Ipv6AddressCount".into(), "MissingParameter")]
        );
        let bad = AssignIpv6Addresses::addresses(region(), eni(), vec!["192.168.1.9".into()]);
        assert_eq!(codes(&bad), [("Ipv6Address.1".into(), "InvalidParameter")]);
    }

    #[test]
    fn unassign_needs_an_address_and_endangers_the_eni() {
        let none = UnassignIpv6Addresses {
            region_id: region(),
            network_interface_id: eni(),
            ipv6_address: Vec::new(),
        };
        assert_eq!(codes(&none), [("Ipv6Address".into(), "MissingParameter")]);
        assert!(matches!(
            none.endangers(),
            crate::actions::Endangers::Eni { .. }
        ));
    }
}
