//! ENI actions: create, describe, attach, detach, delete, modify.

use super::{Acknowledged, action};
use crate::fields::*;
use crate::ids::*;
use crate::model::*;
use serde::{Deserialize, Serialize};

/// A tag as a request parameter (`Tag.N.Key` / `Tag.N.Value`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct TagParam {
    /// Key.
    pub key: String,
    /// Value.
    #[serde(default)]
    pub value: String,
}

impl TagParam {
    /// The resource tags these parameters set (`Tag.N` → `Tags.Tag[]`).
    pub fn tag_set(params: &[TagParam]) -> TagSet {
        params
            .iter()
            .map(|t| Tag {
                tag_key: t.key.clone(),
                tag_value: t.value.clone(),
            })
            .collect::<Vec<_>>()
            .into()
    }

    /// Whether `value` (the resource's value of this key, if it has the key) passes this filter:
    /// the key must be there, and an empty filter value matches any value.
    pub fn matches(&self, value: Option<&str>) -> bool {
        value.is_some_and(|v| self.value.is_empty() || v == self.value)
    }
}

/// CreateNetworkInterface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct CreateNetworkInterface {
    /// Region.
    pub region_id: RegionId,
    /// The vSwitch that gives the ENI its zone and address.
    pub v_switch_id: VSwitchId,
    /// One security group (exclusive with `SecurityGroupIds`).
    pub security_group_id: Option<SecurityGroupId>,
    /// 1 to 5 security groups.
    #[serde(default)]
    pub security_group_ids: Vec<SecurityGroupId>,
    /// Primary private IP; picked from the vSwitch when absent.
    pub primary_ip_address: Option<String>,
    /// Name.
    pub network_interface_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Secondary private IPs to allocate (1 to 49).
    pub secondary_private_ip_address_count: Option<u32>,
    /// These secondary private IPs (`PrivateIpAddress.N`, up to 10; not with a count).
    #[serde(default)]
    pub private_ip_address: Vec<String>,
    /// This many IPv6 addresses of the vSwitch's IPv6 block (1 to 10; not with a list).
    pub ipv6_address_count: Option<u32>,
    /// These IPv6 addresses (`Ipv6Address.N`, up to 10; not with a count).
    #[serde(default)]
    pub ipv6_address: Vec<String>,
    /// Whether it is released with the instance it gets attached to.
    pub delete_on_release: Option<bool>,
    /// Idempotency token.
    pub client_token: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tag: Vec<TagParam>,
    /// The resource group (the account's default group when absent).
    pub resource_group_id: Option<String>,
    /// NIC queues, 1 to 2048.
    pub queue_number: Option<u32>,
    /// Source/destination check (`SourceDestCheck`, as on ModifyNetworkInterfaceAttribute;
    /// the CreateNetworkInterface model `_create_network_interface_request.py` names it so).
    pub source_dest_check: Option<bool>,
}
action!(
    CreateNetworkInterface => CreateNetworkInterfaceResponse, Ecs, mutates = true, region = required,
    checks = fields, token = client_token, protection = protection
);

impl CreateNetworkInterface {
    /// A new ENI in `v_switch_id` with nothing else chosen yet.
    pub fn new(region_id: RegionId, v_switch_id: VSwitchId) -> Self {
        Self {
            region_id,
            v_switch_id,
            security_group_id: None,
            security_group_ids: Vec::new(),
            primary_ip_address: None,
            network_interface_name: None,
            description: None,
            secondary_private_ip_address_count: None,
            private_ip_address: Vec::new(),
            ipv6_address_count: None,
            ipv6_address: Vec::new(),
            delete_on_release: None,
            client_token: None,
            tag: Vec::new(),
            resource_group_id: None,
            queue_number: None,
            source_dest_check: None,
        }
    }

    /// A `Tag.N` of `tether:protected` creates the ENI protected (or not): a change of
    /// protection like TagResources', for an admin only and audited as such.
    pub(crate) fn protection(&self) -> Option<super::ProtectionChange<'_>> {
        super::tags::created_with_protection(&self.tag, super::NewEnis::Created)
    }

    /// The security groups whichever form was used.
    pub fn security_groups(&self) -> Vec<SecurityGroupId> {
        let mut all: Vec<_> = self.security_group_id.iter().cloned().collect();
        all.extend(self.security_group_ids.iter().cloned());
        all
    }
}

/// The per-ENI field rules, one set wherever an ENI is described: CreateNetworkInterface,
/// ModifyNetworkInterfaceAttribute and each `NetworkInterface.N` of RunInstances. `at` names a
/// field as the request spells it (`NetworkInterfaceName` or `NetworkInterface.2.NetworkInterfaceName`).
pub(super) fn check_eni_fields(
    at: &dyn Fn(&str) -> String,
    name: Option<&str>,
    description: Option<&str>,
    primary_ip: Option<&str>,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    if let Some(name) = name {
        out.extend(check_eni_name(&at("NetworkInterfaceName"), name));
    }
    if let Some(text) = description {
        out.extend(check_description(&at("Description"), text));
    }
    if let Some(ip) = primary_ip {
        out.extend(check_ipv4(&at("PrimaryIpAddress"), ip));
    }
    out
}

/// Secondary addresses asked for either way, never both: a count
/// (`SecondaryPrivateIpAddressCount`, 1-49) or a list (`PrivateIpAddress.N`, at most `max`
/// addresses). CreateNetworkInterface and AssignPrivateIpAddresses share the rule.
pub(super) fn check_count_or_addresses(
    count: Option<u32>,
    addresses: &[String],
    max: usize,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    if let Some(n) = count {
        out.extend(check_secondary_ip_count(
            "SecondaryPrivateIpAddressCount",
            n,
        ));
        if !addresses.is_empty() {
            out.push(FieldError::new(
                "PrivateIpAddress",
                FieldProblem::ExclusiveWith("SecondaryPrivateIpAddressCount".into()),
            ));
        }
    }
    out.extend(check_ipv4_list("PrivateIpAddress", addresses, max));
    out
}

/// A field of a top-level ENI request, named as it is.
fn top_level(name: &str) -> String {
    name.to_owned()
}

impl CreateNetworkInterface {
    fn fields(&self) -> Vec<FieldError> {
        let mut out = check_eni_fields(
            &top_level,
            self.network_interface_name.as_deref(),
            self.description.as_deref(),
            self.primary_ip_address.as_deref(),
        );
        if self.security_group_id.is_some() && !self.security_group_ids.is_empty() {
            out.push(FieldError::new(
                "SecurityGroupIds",
                FieldProblem::SecurityGroupBothForms,
            ));
        } else {
            out.extend(check_security_group_count(
                "SecurityGroupIds",
                self.security_groups().len(),
            ));
        }
        out.extend(check_count_or_addresses(
            self.secondary_private_ip_address_count,
            &self.private_ip_address,
            10,
        ));
        out.extend(super::ipv6::check_ipv6_count_or_addresses(
            self.ipv6_address_count,
            &self.ipv6_address,
        ));
        if let Some(n) = self.queue_number {
            out.extend(check_range("QueueNumber", n.into(), 1, 2048));
        }
        if let Some(token) = &self.client_token {
            out.extend(check_client_token(token));
        }
        out.extend(check_tags(
            self.tag.iter().map(|t| (t.key.as_str(), t.value.as_str())),
        ));
        out
    }
}

/// CreateNetworkInterface answer: the new ENI plus the request ID.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateNetworkInterfaceResponse {
    /// Request ID.
    #[serde(default, deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// The ENI.
    #[serde(flatten)]
    pub network_interface: NetworkInterface,
}

/// DescribeNetworkInterfaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeNetworkInterfaces {
    /// Region.
    pub region_id: RegionId,
    /// VPC filter.
    pub vpc_id: Option<VpcId>,
    /// vSwitch filter.
    pub v_switch_id: Option<VSwitchId>,
    /// Primary IP filter.
    pub primary_ip_address: Option<String>,
    /// Security group filter.
    pub security_group_id: Option<SecurityGroupId>,
    /// Name filter.
    pub network_interface_name: Option<String>,
    /// `Primary` or `Secondary`.
    #[serde(rename = "Type")]
    pub eni_type: Option<EniType>,
    /// Attached-instance filter.
    pub instance_id: Option<InstanceId>,
    /// ENI IDs (`NetworkInterfaceId.N`, up to 100).
    #[serde(default)]
    pub network_interface_id: Vec<NetworkInterfaceId>,
    /// Status filter.
    pub status: Option<EniStatus>,
    /// Private IP filter (`PrivateIpAddress.N`, up to 100): ENIs holding any of them.
    #[serde(default)]
    pub private_ip_address: Vec<String>,
    /// Resource group filter.
    pub resource_group_id: Option<String>,
    /// Whether a cloud service or a VNO uses the ENI.
    pub service_managed: Option<bool>,
    /// Tag filters.
    #[serde(default)]
    pub tag: Vec<TagParam>,
    /// Deprecated paging: page from 1.
    pub page_number: Option<u32>,
    /// Deprecated paging: page size (max 100).
    pub page_size: Option<u32>,
    /// Token paging: token from the previous page.
    pub next_token: Option<String>,
    /// Token paging: 10 to 500.
    pub max_results: Option<u32>,
}
action!(
    DescribeNetworkInterfaces => DescribeNetworkInterfacesResponse, Ecs, mutates = false,
    region = required, checks = fields
);

impl DescribeNetworkInterfaces {
    /// A query for every ENI of a region.
    pub fn region(region_id: RegionId) -> Self {
        Self {
            region_id,
            vpc_id: None,
            v_switch_id: None,
            primary_ip_address: None,
            security_group_id: None,
            network_interface_name: None,
            eni_type: None,
            instance_id: None,
            network_interface_id: Vec::new(),
            status: None,
            private_ip_address: Vec::new(),
            resource_group_id: None,
            service_managed: None,
            tag: Vec::new(),
            page_number: None,
            page_size: None,
            next_token: None,
            max_results: None,
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        let mut out = check_ipv4_list("PrivateIpAddress", &self.private_ip_address, 100);
        out.extend(check_tag_count(self.tag.len()));
        out
    }
}

wrapper!(
    /// `{"NetworkInterfaceSet": [...]}`.
    NetworkInterfaceSets { network_interface_set: NetworkInterface }
);

/// DescribeNetworkInterfaces answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeNetworkInterfacesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// Total matches (meaningless with token paging).
    #[serde(deserialize_with = "crate::lenient::number")]
    pub total_count: u64,
    /// Page number.
    #[serde(deserialize_with = "crate::lenient::number")]
    pub page_number: u32,
    /// Page size.
    #[serde(deserialize_with = "crate::lenient::number")]
    pub page_size: u32,
    /// Next page token, empty on the last page.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub next_token: String,
    /// ENIs.
    pub network_interface_sets: NetworkInterfaceSets,
}

/// DescribeNetworkInterfaceAttribute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeNetworkInterfaceAttribute {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
    /// Optional attribute selector, e.g. `attachment`.
    pub attribute: Option<String>,
}
action!(DescribeNetworkInterfaceAttribute => DescribeNetworkInterfaceAttributeResponse, Ecs, mutates = false, region = required);

/// DescribeNetworkInterfaceAttribute answer: one ENI, flattened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeNetworkInterfaceAttributeResponse {
    /// Request ID.
    #[serde(default, deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// The ENI.
    #[serde(flatten)]
    pub network_interface: NetworkInterface,
}

/// AttachNetworkInterface ("Bind to Instance").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct AttachNetworkInterface {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
    /// Instance.
    pub instance_id: InstanceId,
}
action!(
    AttachNetworkInterface => Acknowledged, Ecs, mutates = true, region = required,
    endangers = endangered
);

/// DetachNetworkInterface ("Unbind").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DetachNetworkInterface {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
    /// Instance.
    pub instance_id: InstanceId,
}
action!(
    DetachNetworkInterface => Acknowledged, Ecs, mutates = true, region = required,
    endangers = endangered
);

/// DeleteNetworkInterface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DeleteNetworkInterface {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
}
action!(
    DeleteNetworkInterface => Acknowledged, Ecs, mutates = true, region = required, role = Admin,
    endangers = endangered
);

/// ModifyNetworkInterfaceAttribute (wire name `SecurityGroupId.N` replaces the set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct ModifyNetworkInterfaceAttribute {
    /// Region.
    pub region_id: RegionId,
    /// ENI.
    pub network_interface_id: NetworkInterfaceId,
    /// New name.
    pub network_interface_name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New security group set (empty = unchanged).
    #[serde(default)]
    pub security_group_id: Vec<SecurityGroupId>,
    /// New release behaviour.
    pub delete_on_release: Option<bool>,
    /// Source/destination check on or off (self-built NAT, routers and firewalls need it
    /// off). The wire name is the SDK model's: `source_dest_check` → `SourceDestCheck` in
    /// `alibabacloud_ecs20140526/models/_modify_network_interface_attribute_request.py`
    /// (PyPI alibabacloud-ecs20140526 7.11.8, `to_map`), a bool, "Default value: false";
    /// the reference's Appendix A names it the same.
    pub source_dest_check: Option<bool>,
}
action!(
    ModifyNetworkInterfaceAttribute => Acknowledged, Ecs, mutates = true, region = required,
    checks = fields, endangers = endangered
);

impl ModifyNetworkInterfaceAttribute {
    fn fields(&self) -> Vec<FieldError> {
        let mut out = check_eni_fields(
            &top_level,
            self.network_interface_name.as_deref(),
            self.description.as_deref(),
            None,
        );
        if !self.security_group_id.is_empty() {
            out.extend(check_security_group_count(
                "SecurityGroupId",
                self.security_group_id.len(),
            ));
        }
        out
    }
}
