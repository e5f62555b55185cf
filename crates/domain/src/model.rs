//! The resources as Describe* calls return them, with Alibaba's field names and list wrappers.
//! The simulator stores these same values, so what it returns cannot drift from what clients parse.
//! They are read leniently, as the cloud sends them (see [`crate::lenient`]): identity fields
//! (the resource's own ID, its VPC, vSwitch, zone) are required, everything else may be empty.

use crate::ids::*;
use crate::lenient;
use serde::{Deserialize, Deserializer, Serialize};

/// Defines Alibaba's double-wrapped list (`{"Instances":{"Instance":[...]}}`); the wrapper may
/// be absent, `{}`, `""` or `null`, and its list one bare item.
macro_rules! wrapper {
    ($(#[$meta:meta])* $outer:ident { $field:ident: $inner:ty }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Default)]
        #[serde(rename_all = "PascalCase")]
        pub struct $outer {
            #[allow(missing_docs)]
            pub $field: Vec<$inner>,
        }
        impl<'de> serde::Deserialize<'de> for $outer {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                #[serde(rename_all = "PascalCase")]
                struct Named {
                    #[serde(default, deserialize_with = "crate::lenient::list")]
                    $field: Vec<$inner>,
                }
                let named = crate::lenient::wrapper::<D, Named>(d)?;
                Ok(named.map_or_else(Self::default, |n| Self { $field: n.$field }))
            }
        }
        impl From<Vec<$inner>> for $outer {
            fn from($field: Vec<$inner>) -> Self {
                Self { $field }
            }
        }
    };
}

/// ENI status values (reference §4.1). Unknown future values parse as `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub enum EniStatus {
    /// Being created.
    Creating,
    /// Not attached; can be attached or deleted.
    #[default]
    Available,
    /// Attach in progress.
    Attaching,
    /// Attached ("Bound" in the console).
    InUse,
    /// Detach in progress.
    Detaching,
    /// Delete in progress.
    Deleting,
    /// Creation failed; terminal.
    CreateFailed,
    /// A value this version does not know.
    #[serde(other)]
    Unknown,
}

impl lenient::Unknown for EniStatus {
    fn unknown() -> Self {
        Self::Unknown
    }
}

impl EniStatus {
    /// True while the cloud is still moving the ENI to a final state.
    pub fn is_transitional(self) -> bool {
        matches!(
            self,
            Self::Creating | Self::Attaching | Self::Detaching | Self::Deleting
        )
    }
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Creating => "Creating",
            Self::Available => "Available",
            Self::Attaching => "Attaching",
            Self::InUse => "InUse",
            Self::Detaching => "Detaching",
            Self::Deleting => "Deleting",
            Self::CreateFailed => "CreateFailed",
            Self::Unknown => "Unknown",
        }
    }
}

/// ENI type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub enum EniType {
    /// Created with the instance and bound to it for life.
    Primary,
    /// Can be attached and detached.
    #[default]
    Secondary,
    /// Trunk ENI (invitational preview).
    Trunk,
    /// A type this version does not know, or none given (answers only: a request cannot name it).
    #[serde(skip_deserializing)]
    #[cfg_attr(test, proptest(skip))]
    Unknown,
}

impl lenient::Unknown for EniType {
    fn unknown() -> Self {
        Self::Unknown
    }
}

/// Instance status values (reference §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub enum InstanceStatus {
    /// Being created.
    Pending,
    /// Starting or restarting.
    Starting,
    /// Running.
    #[default]
    Running,
    /// Stopping.
    Stopping,
    /// Stopped.
    Stopped,
    /// A value this version does not know.
    #[serde(other)]
    Unknown,
}

impl lenient::Unknown for InstanceStatus {
    fn unknown() -> Self {
        Self::Unknown
    }
}

impl InstanceStatus {
    /// True while the instance is between two stable states.
    pub fn is_transitional(self) -> bool {
        matches!(self, Self::Pending | Self::Starting | Self::Stopping)
    }
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Starting => "Starting",
            Self::Running => "Running",
            Self::Stopping => "Stopping",
            Self::Stopped => "Stopped",
            Self::Unknown => "Unknown",
        }
    }
}

/// A region from DescribeRegions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Region {
    /// `cn-hangzhou`.
    pub region_id: RegionId,
    /// Localised name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub local_name: String,
    /// API endpoint host.
    #[serde(default, deserialize_with = "lenient::text")]
    pub region_endpoint: String,
    /// `available`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub status: String,
}

/// A zone from DescribeZones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Zone {
    /// `cn-hangzhou-g`.
    pub zone_id: ZoneId,
    /// `Hangzhou Zone G`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub local_name: String,
}

/// An instance type from DescribeInstanceTypes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceTypeInfo {
    /// `ecs.g6.large`.
    pub instance_type_id: InstanceType,
    /// `ecs.g6`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub instance_type_family: String,
    /// vCPUs.
    #[serde(default, deserialize_with = "lenient::number")]
    pub cpu_core_count: u32,
    /// Memory in GiB.
    #[serde(default, deserialize_with = "lenient::float")]
    pub memory_size: f64,
    /// ENIs per instance, including the primary ENI; 0 means no ENI support.
    #[serde(default, deserialize_with = "lenient::number")]
    pub eni_quantity: u32,
    /// Private IPs per ENI.
    #[serde(default, deserialize_with = "lenient::number")]
    pub eni_private_ip_address_quantity: u32,
    /// IPv6 addresses per ENI; 0 means the type takes none.
    #[serde(default, deserialize_with = "lenient::number")]
    pub eni_ipv6_address_quantity: u32,
    /// `EntryLevel`, `EnterpriseLevel` or `CreditEntryLevel`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub instance_family_level: String,
}

/// An image from DescribeImages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Image {
    /// Image ID.
    pub image_id: ImageId,
    /// Display name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub image_name: String,
    /// Chinese OS name.
    #[serde(rename = "OSName", default, deserialize_with = "lenient::text")]
    pub os_name: String,
    /// English OS name, e.g. `CentOS 7.3 64 bit`.
    #[serde(rename = "OSNameEn", default, deserialize_with = "lenient::text")]
    pub os_name_en: String,
    /// `linux` or `windows`.
    #[serde(rename = "OSType", default, deserialize_with = "lenient::text")]
    pub os_type: String,
    /// `CentOS`, `Windows Server 2016`...
    #[serde(default, deserialize_with = "lenient::text")]
    pub platform: String,
    /// `x86_64`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub architecture: String,
    /// `Available`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub status: String,
    /// `system`, `self`...
    #[serde(default, deserialize_with = "lenient::text")]
    pub image_owner_alias: String,
    /// Whether the image runs on I/O-optimized instances.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_support_io_optimized: bool,
}

/// A security group from DescribeSecurityGroups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroup {
    /// Security group ID.
    pub security_group_id: SecurityGroupId,
    /// Name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub security_group_name: String,
    /// Description.
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: String,
    /// The VPC it belongs to (a classic-network group has none and cannot be read: Tether asks
    /// for VPC groups only).
    pub vpc_id: VpcId,
    /// `normal` or `enterprise`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub security_group_type: String,
    /// Creation time.
    #[serde(default, deserialize_with = "lenient::text")]
    pub creation_time: String,
}

/// A VPC from DescribeVpcs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Vpc {
    /// VPC ID.
    pub vpc_id: VpcId,
    /// Name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub vpc_name: String,
    /// CIDR block.
    #[serde(default, deserialize_with = "lenient::text")]
    pub cidr_block: String,
    /// `Available`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub status: String,
    /// Region.
    pub region_id: RegionId,
    /// Whether this is the region's default VPC.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_default: bool,
    /// Creation time.
    #[serde(default, deserialize_with = "lenient::text")]
    pub creation_time: String,
}

/// A vSwitch from DescribeVSwitches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VSwitch {
    /// vSwitch ID.
    pub v_switch_id: VSwitchId,
    /// The VPC.
    pub vpc_id: VpcId,
    /// The zone; ENIs and instances take their zone from their vSwitch.
    pub zone_id: ZoneId,
    /// CIDR block, e.g. `192.168.1.0/24`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub cidr_block: String,
    /// IPv6 CIDR block, e.g. `2408:4005:3a0:7a00::/64`; empty when IPv6 is not enabled.
    #[serde(default, deserialize_with = "lenient::text")]
    pub ipv6_cidr_block: String,
    /// Free addresses.
    #[serde(default, deserialize_with = "lenient::number")]
    pub available_ip_address_count: u64,
    /// `Available`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub status: String,
    /// Name.
    #[serde(default, rename = "VSwitchName", deserialize_with = "lenient::text")]
    pub v_switch_name: String,
    /// Whether this is a default vSwitch of the region's default VPC.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_default: bool,
    /// Creation time.
    #[serde(default, deserialize_with = "lenient::text")]
    pub creation_time: String,
}

wrapper!(
    /// `{"SecurityGroupId": [...]}`.
    SecurityGroupIdSet { security_group_id: SecurityGroupId }
);
wrapper!(
    /// `{"IpAddress": [...]}`.
    IpAddressSet { ip_address: String }
);
wrapper!(
    /// `{"PrivateIpSet": [...]}`.
    PrivateIpSets { private_ip_set: PrivateIpSet }
);
wrapper!(
    /// `{"Tag": [...]}`.
    TagSet { tag: Tag }
);
wrapper!(
    /// `{"Ipv6Set": [...]}`.
    Ipv6Sets { ipv6_set: Ipv6Set }
);
wrapper!(
    /// `{"Ipv4PrefixSet": [...]}`.
    Ipv4PrefixSets { ipv4_prefix_set: Ipv4PrefixSet }
);
wrapper!(
    /// `{"Ipv6PrefixSet": [...]}`.
    Ipv6PrefixSets { ipv6_prefix_set: Ipv6PrefixSet }
);

/// One IPv6 address of an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Set {
    /// The address.
    #[serde(default, deserialize_with = "lenient::text")]
    pub ipv6_address: String,
}

/// One IPv4 prefix delegated to an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv4PrefixSet {
    /// The prefix, e.g. `192.168.1.16/28`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub ipv4_prefix: String,
}

/// One IPv6 prefix delegated to an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6PrefixSet {
    /// The prefix.
    #[serde(default, deserialize_with = "lenient::text")]
    pub ipv6_prefix: String,
}

impl PrivateIpSet {
    /// An address with no EIP bound to it.
    pub fn new(private_ip_address: String, primary: bool) -> Self {
        Self {
            private_ip_address,
            primary,
            associated_public_ip: AssociatedPublicIp::default(),
        }
    }
}

/// The elastic IP bound to an ENI or to one of its private IPs. The cloud sends the object
/// with empty strings (or `{}`) when there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
pub struct AssociatedPublicIp {
    /// The EIP's address, `""` when none.
    #[serde(default, deserialize_with = "lenient::text")]
    pub public_ip_address: String,
    /// The EIP's ID, `""` when none.
    #[serde(default, deserialize_with = "lenient::text")]
    pub allocation_id: String,
}

/// An `AssociatedPublicIp` object, which may also come as `""` or `null`.
fn associated_public_ip<'de, D: Deserializer<'de>>(d: D) -> Result<AssociatedPublicIp, D::Error> {
    Ok(lenient::wrapper::<D, AssociatedPublicIp>(d)?.unwrap_or_default())
}

impl TagSet {
    /// The value of tag `key`, if the resource has it.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.tag
            .iter()
            .find(|t| t.tag_key == key)
            .map(|t| t.tag_value.as_str())
    }
}
wrapper!(
    /// `{"NetworkInterface": [...]}` inside an instance.
    InstanceNetworkInterfaces { network_interface: InstanceNetworkInterface }
);

/// One private IP of an ENI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct PrivateIpSet {
    /// The address.
    #[serde(default, deserialize_with = "lenient::text")]
    pub private_ip_address: String,
    /// Whether it is the ENI's primary address.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub primary: bool,
    /// The EIP bound to this address; empty when none.
    #[serde(default, deserialize_with = "associated_public_ip")]
    pub associated_public_ip: AssociatedPublicIp,
}

/// A resource tag as Describe calls return it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    /// Key.
    #[serde(default, deserialize_with = "lenient::text")]
    pub tag_key: String,
    /// Value.
    #[serde(default, deserialize_with = "lenient::text")]
    pub tag_value: String,
}

/// Where an ENI is attached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Attachment {
    /// The instance.
    pub instance_id: InstanceId,
    /// Device index on the instance (0 = primary).
    #[serde(default, deserialize_with = "lenient::number")]
    pub device_index: u32,
    /// The network card the ENI sits on; the cloud leaves it out unless the attach named one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::optional_number"
    )]
    pub network_card_index: Option<u32>,
    /// The trunk ENI this one is a member of (trunk ENIs are in invitational preview).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::empty_as_none"
    )]
    pub trunk_network_interface_id: Option<NetworkInterfaceId>,
}

/// An `Attachment` object; `{}`, `""`, `null` or one whose `InstanceId` is empty is no attachment.
fn attachment<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Attachment>, D::Error> {
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Loose {
        #[serde(default, deserialize_with = "lenient::empty_as_none")]
        instance_id: Option<InstanceId>,
        #[serde(default, deserialize_with = "lenient::number")]
        device_index: u32,
        #[serde(default, deserialize_with = "lenient::optional_number")]
        network_card_index: Option<u32>,
        #[serde(default, deserialize_with = "lenient::empty_as_none")]
        trunk_network_interface_id: Option<NetworkInterfaceId>,
    }
    let loose = lenient::wrapper::<D, Loose>(d)?;
    Ok(loose.and_then(|a| {
        Some(Attachment {
            instance_id: a.instance_id?,
            device_index: a.device_index,
            network_card_index: a.network_card_index,
            trunk_network_interface_id: a.trunk_network_interface_id,
        })
    }))
}

/// An ENI as DescribeNetworkInterfaces returns it (`NetworkInterfaceSet` item).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterface {
    /// ENI ID.
    pub network_interface_id: NetworkInterfaceId,
    /// Status.
    #[serde(default = "lenient::unknown", deserialize_with = "lenient::variant")]
    pub status: EniStatus,
    /// Primary or Secondary.
    #[serde(
        rename = "Type",
        default = "lenient::unknown",
        deserialize_with = "lenient::variant"
    )]
    pub eni_type: EniType,
    /// The VPC.
    pub vpc_id: VpcId,
    /// The vSwitch.
    pub v_switch_id: VSwitchId,
    /// The zone (of its vSwitch).
    pub zone_id: ZoneId,
    /// The instance it is attached to, if any. The cloud sends `""` when there is none, and so
    /// does Tether (the simulator's answers use these types), so every client meets that form.
    #[serde(
        default,
        serialize_with = "lenient::none_as_empty",
        deserialize_with = "lenient::empty_as_none"
    )]
    pub instance_id: Option<InstanceId>,
    /// Primary private IP.
    #[serde(default, deserialize_with = "lenient::text")]
    pub private_ip_address: String,
    /// MAC address, `00:16:3e:...`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub mac_address: String,
    /// Name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub network_interface_name: String,
    /// Description.
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: String,
    /// Creation time, `2019-12-25T12:31:31Z`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub creation_time: String,
    /// Whether the ENI is released with its instance.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub delete_on_release: bool,
    /// Security groups.
    #[serde(default)]
    pub security_group_ids: SecurityGroupIdSet,
    /// Private IPs.
    #[serde(default)]
    pub private_ip_sets: PrivateIpSets,
    /// Attachment details when bound.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "attachment"
    )]
    pub attachment: Option<Attachment>,
    /// Tags.
    #[serde(default)]
    pub tags: TagSet,
    /// The resource group it belongs to.
    #[serde(default, deserialize_with = "lenient::text")]
    pub resource_group_id: String,
    /// NIC queues; 0 when none were set (the instance type's default then applies).
    #[serde(default, deserialize_with = "lenient::number")]
    pub queue_number: u32,
    /// Whether an Alibaba Cloud service or a VNO uses it (never one made through this API).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub service_managed: bool,
    /// The VNO's ID when a VNO uses it; 0 otherwise.
    #[serde(rename = "ServiceID", default, deserialize_with = "lenient::number")]
    pub service_id: u64,
    /// The account that owns it (a string of digits; some answers send it as a number).
    #[serde(default, deserialize_with = "lenient::text")]
    pub owner_id: String,
    /// Whether the cloud drops packets whose source or destination is not this ENI's address
    /// (self-built NAT, routers and firewalls need it off).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub source_dest_check: bool,
    /// The EIP bound to the ENI's primary address; empty when none.
    #[serde(default, deserialize_with = "associated_public_ip")]
    pub associated_public_ip: AssociatedPublicIp,
    /// IPv6 addresses.
    #[serde(default)]
    pub ipv6_sets: Ipv6Sets,
    /// Delegated IPv4 prefixes.
    #[serde(default)]
    pub ipv4_prefix_sets: Ipv4PrefixSets,
    /// Delegated IPv6 prefixes.
    #[serde(default)]
    pub ipv6_prefix_sets: Ipv6PrefixSets,
}

impl NetworkInterface {
    /// A new, unattached secondary ENI as the cloud describes one just created: `Available`,
    /// with every other field empty or off (callers set what they know).
    pub fn new(
        id: NetworkInterfaceId,
        vpc_id: VpcId,
        v_switch_id: VSwitchId,
        zone_id: ZoneId,
    ) -> Self {
        Self {
            network_interface_id: id,
            status: EniStatus::Available,
            eni_type: EniType::Secondary,
            vpc_id,
            v_switch_id,
            zone_id,
            instance_id: None,
            private_ip_address: String::new(),
            mac_address: String::new(),
            network_interface_name: String::new(),
            description: String::new(),
            creation_time: String::new(),
            delete_on_release: false,
            security_group_ids: SecurityGroupIdSet::default(),
            private_ip_sets: PrivateIpSets::default(),
            attachment: None,
            tags: TagSet::default(),
            resource_group_id: String::new(),
            queue_number: 0,
            service_managed: false,
            service_id: 0,
            owner_id: String::new(),
            source_dest_check: false,
            associated_public_ip: AssociatedPublicIp::default(),
            ipv6_sets: Ipv6Sets::default(),
            ipv4_prefix_sets: Ipv4PrefixSets::default(),
            ipv6_prefix_sets: Ipv6PrefixSets::default(),
        }
    }

    /// The value of tag `key`, if present.
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags.value(key)
    }
}

/// VPC placement of an instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpcAttributes {
    /// The VPC.
    pub vpc_id: VpcId,
    /// The vSwitch of the primary ENI.
    pub v_switch_id: VSwitchId,
    /// Private IPs.
    #[serde(default)]
    pub private_ip_address: IpAddressSet,
}

/// A `VpcAttributes` object. A classic-network instance has one with `"VpcId": ""` (or none at
/// all): that is no VPC placement, not an undecodable answer.
fn vpc_attributes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<VpcAttributes>, D::Error> {
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Loose {
        #[serde(default, deserialize_with = "lenient::empty_as_none")]
        vpc_id: Option<VpcId>,
        #[serde(default, deserialize_with = "lenient::empty_as_none")]
        v_switch_id: Option<VSwitchId>,
        #[serde(default)]
        private_ip_address: IpAddressSet,
    }
    let loose = lenient::wrapper::<D, Loose>(d)?;
    Ok(loose.and_then(|a| {
        Some(VpcAttributes {
            vpc_id: a.vpc_id?,
            v_switch_id: a.v_switch_id?,
            private_ip_address: a.private_ip_address,
        })
    }))
}

/// An ENI as listed inside an instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceNetworkInterface {
    /// ENI ID.
    pub network_interface_id: NetworkInterfaceId,
    /// Primary or Secondary.
    #[serde(
        rename = "Type",
        default = "lenient::unknown",
        deserialize_with = "lenient::variant"
    )]
    pub eni_type: EniType,
    /// Primary private IP.
    #[serde(default, deserialize_with = "lenient::text")]
    pub primary_ip_address: String,
    /// MAC.
    #[serde(default, deserialize_with = "lenient::text")]
    pub mac_address: String,
}

/// An instance as DescribeInstances returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    /// Instance ID.
    pub instance_id: InstanceId,
    /// Name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub instance_name: String,
    /// Status.
    #[serde(default = "lenient::unknown", deserialize_with = "lenient::variant")]
    pub status: InstanceStatus,
    /// Type.
    pub instance_type: InstanceType,
    /// Family.
    #[serde(default, deserialize_with = "lenient::text")]
    pub instance_type_family: String,
    /// vCPUs.
    #[serde(default, deserialize_with = "lenient::number")]
    pub cpu: u32,
    /// Memory in MiB.
    #[serde(default, deserialize_with = "lenient::number")]
    pub memory: u32,
    /// Zone.
    pub zone_id: ZoneId,
    /// Region.
    pub region_id: RegionId,
    /// Image.
    pub image_id: ImageId,
    /// English OS name.
    #[serde(rename = "OSNameEn", default, deserialize_with = "lenient::text")]
    pub os_name_en: String,
    /// Whether the instance is I/O optimized.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub io_optimized: bool,
    /// Creation time.
    #[serde(default, deserialize_with = "lenient::text")]
    pub creation_time: String,
    /// Last start time (`2017-12-10T04:04Z`); before 2018-04-01 an attach needs a reboot first.
    #[serde(default, deserialize_with = "lenient::text")]
    pub start_time: String,
    /// `vpc` or `classic`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub instance_network_type: String,
    /// VPC placement; `None` for a classic-network instance (its `VpcId` is `""`), which no
    /// ENI can be bound to.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "vpc_attributes"
    )]
    pub vpc_attributes: Option<VpcAttributes>,
    /// Security groups.
    #[serde(default)]
    pub security_group_ids: SecurityGroupIdSet,
    /// Attached ENIs, the primary included.
    #[serde(default)]
    pub network_interfaces: InstanceNetworkInterfaces,
    /// Tags.
    #[serde(default)]
    pub tags: TagSet,
}

impl Instance {
    /// The instance's VPC; `None` in the classic network.
    pub fn vpc_id(&self) -> Option<&VpcId> {
        self.vpc_attributes.as_ref().map(|v| &v.vpc_id)
    }

    /// Where the instance's network is, for display: its VPC's ID, or the cloud's network type
    /// (`classic`) when it has none.
    pub fn network(&self) -> &str {
        match (self.vpc_id(), self.instance_network_type.as_str()) {
            (Some(vpc), _) => vpc.as_str(),
            (None, "") => "classic",
            (None, kind) => kind,
        }
    }

    /// ENIs attached now, the primary included.
    pub fn eni_count(&self) -> usize {
        self.network_interfaces.network_interface.len()
    }

    /// The value of tag `key`, if present.
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags.value(key)
    }
}
