//! Instance actions: describe, run (the wizard), start, stop, reboot, delete.

use super::eni::TagParam;
use super::{Acknowledged, action};
use crate::fields::*;
use crate::ids::*;
use crate::model::*;
use crate::params::JsonArray;
use serde::{Deserialize, Serialize};

/// DescribeInstances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeInstances {
    /// Region.
    pub region_id: RegionId,
    /// Instance IDs as one JSON-array string (up to 100).
    pub instance_ids: Option<JsonArray<InstanceId>>,
    /// VPC filter.
    pub vpc_id: Option<VpcId>,
    /// vSwitch filter.
    pub v_switch_id: Option<VSwitchId>,
    /// Zone filter.
    pub zone_id: Option<ZoneId>,
    /// Status filter.
    pub status: Option<InstanceStatus>,
    /// Type filter.
    pub instance_type: Option<InstanceType>,
    /// Name filter; `*` matches any run of characters (`web-*`).
    pub instance_name: Option<String>,
    /// Image filter.
    pub image_id: Option<ImageId>,
    /// Security group filter.
    pub security_group_id: Option<SecurityGroupId>,
    /// Tag filters (`Tag.N.Key` / `Tag.N.Value`, up to 20; an empty value matches any).
    #[serde(default)]
    pub tag: Vec<TagParam>,
    /// Deprecated paging: page from 1.
    pub page_number: Option<u32>,
    /// Deprecated paging: page size (max 100).
    pub page_size: Option<u32>,
    /// Token paging.
    pub next_token: Option<String>,
    /// Token paging page size (max 100).
    pub max_results: Option<u32>,
    /// Only check the request (`DryRunOperation` when it would succeed).
    pub dry_run: Option<bool>,
}
action!(
    DescribeInstances => DescribeInstancesResponse, Ecs, mutates = false, region = required,
    checks = fields
);

impl DescribeInstances {
    /// A query for every instance of a region.
    pub fn region(region_id: RegionId) -> Self {
        Self {
            region_id,
            instance_ids: None,
            vpc_id: None,
            v_switch_id: None,
            zone_id: None,
            status: None,
            instance_type: None,
            instance_name: None,
            image_id: None,
            security_group_id: None,
            tag: Vec::new(),
            page_number: None,
            page_size: None,
            next_token: None,
            max_results: None,
            dry_run: None,
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        check_tag_count(self.tag.len())
    }
}

wrapper!(
    /// `{"Instance": [...]}`.
    InstanceSet { instance: Instance }
);

/// DescribeInstances answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeInstancesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// Total matches.
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
    /// Instances.
    pub instances: InstanceSet,
}

/// One `NetworkInterface.N` of RunInstances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct RunNetworkInterface {
    /// `Primary` or `Secondary` (Alibaba's default).
    #[serde(default)]
    pub instance_type: EniType,
    /// vSwitch (mandatory for the primary).
    pub v_switch_id: Option<VSwitchId>,
    /// One security group.
    pub security_group_id: Option<SecurityGroupId>,
    /// Several security groups.
    #[serde(default)]
    pub security_group_ids: Vec<SecurityGroupId>,
    /// Primary private IP.
    pub primary_ip_address: Option<String>,
    /// Name.
    pub network_interface_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Attach this existing, Available secondary ENI instead of creating one.
    pub network_interface_id: Option<NetworkInterfaceId>,
    /// Release with the instance (Alibaba's default: true).
    pub delete_on_release: Option<bool>,
}

/// RunInstances: create and start instances, optionally with ENIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct RunInstances {
    /// Region.
    pub region_id: RegionId,
    /// Zone (taken from the vSwitch when absent).
    pub zone_id: Option<ZoneId>,
    /// Image.
    pub image_id: ImageId,
    /// Instance type.
    pub instance_type: InstanceType,
    /// Security group (when no primary ENI is given).
    pub security_group_id: Option<SecurityGroupId>,
    /// vSwitch (when no primary ENI is given).
    pub v_switch_id: Option<VSwitchId>,
    /// Name.
    pub instance_name: Option<String>,
    /// How many (1 to 100).
    pub amount: Option<u32>,
    /// Idempotency token.
    pub client_token: Option<String>,
    /// Only validate.
    pub dry_run: Option<bool>,
    /// `optimized` or `none`.
    pub io_optimized: Option<String>,
    /// ENIs: at most one primary and, in the console, one secondary.
    #[serde(default)]
    pub network_interface: Vec<RunNetworkInterface>,
    /// Tags of the new instances (up to 20).
    #[serde(default)]
    pub tag: Vec<TagParam>,
}
action!(
    RunInstances => RunInstancesResponse, Ecs, mutates = true, region = required,
    checks = fields, token = client_token, endangers = endangered, protection = protection
);

impl RunInstances {
    /// `Tag.N` tags each new instance's primary ENI too, so a `tether:protected` there is a
    /// change of protection like TagResources', for an admin only and audited as such.
    pub(crate) fn protection(&self) -> Option<super::ProtectionChange<'_>> {
        super::tags::created_with_protection(&self.tag, super::NewEnis::PrimaryOfNewInstances)
    }

    fn fields(&self) -> Vec<FieldError> {
        let mut out = check_tags(self.tag.iter().map(|t| (t.key.as_str(), t.value.as_str())));
        if let Some(n) = self.amount {
            out.extend(check_range("Amount", n.into(), 1, 100));
        }
        if let Some(token) = &self.client_token {
            out.extend(check_client_token(token));
        }
        for (i, nic) in self.network_interface.iter().enumerate() {
            let at = |name: &str| format!("NetworkInterface.{}.{name}", i + 1);
            out.extend(super::eni::check_eni_fields(
                &at,
                nic.network_interface_name.as_deref(),
                nic.description.as_deref(),
                nic.primary_ip_address.as_deref(),
            ));
            if nic.network_interface_id.is_none() {
                let groups = nic.security_group_id.iter().count() + nic.security_group_ids.len();
                out.extend(check_security_group_count(&at("SecurityGroupIds"), groups));
            }
        }
        out
    }
}

wrapper!(
    /// `{"InstanceIdSet": [...]}`.
    InstanceIdSets { instance_id_set: InstanceId }
);

/// RunInstances answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct RunInstancesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// The new instances.
    pub instance_id_sets: InstanceIdSets,
}

macro_rules! instance_op {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty),* } $($extra:tt)*) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "PascalCase")]
        #[cfg_attr(test, derive(proptest_derive::Arbitrary))]
        pub struct $name {
            /// The instance.
            pub instance_id: InstanceId,
            /// Region (optional in the current SDK models).
            pub region_id: Option<RegionId>,
            /// Only validate.
            pub dry_run: Option<bool>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }
        action!(
            $name => Acknowledged, Ecs, mutates = true, region = optional $($extra)*
        );
    };
}

instance_op!(
    /// StartInstance: Stopped → Starting → Running.
    StartInstance {}, instance = instance_id
);
instance_op!(
    /// StopInstance: Running → Stopping → Stopped.
    StopInstance {
        /// Stop without waiting for the OS.
        force_stop: Option<bool>
    }, instance = instance_id
);
instance_op!(
    /// RebootInstance: Running → Starting → Running (resets the last start time).
    RebootInstance {
        /// Reboot without waiting for the OS.
        force_stop: Option<bool>
    }, instance = instance_id
);
instance_op!(
    /// DeleteInstance: release a Stopped instance (or a Running one with `Force`).
    DeleteInstance {
        /// Release even when Running.
        force: Option<bool>
    }, role = Admin, instance = instance_id, endangers = endangered
);
