//! Why an operation is not allowed: a stable code, the cloud's error code, and a message in
//! English and Simplified Chinese.

use crate::api::Role;
use crate::error::{ErrorSpec, codes};
use crate::lang::Lang;
use crate::model::{EniStatus, InstanceStatus};
use serde::{Deserialize, Serialize};

/// One reason an operation is refused (or, for warnings, needs attention).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "Code")]
pub enum Reason {
    /// The ENI is not in the status the operation needs.
    EniState {
        /// What the operation needs.
        expected: EniStatus,
        /// What the ENI is.
        actual: EniStatus,
    },
    /// A primary ENI cannot be attached, detached or deleted on its own.
    PrimaryEni,
    /// The instance is not Running or Stopped.
    InstanceState {
        /// Its status.
        actual: InstanceStatus,
    },
    /// This type attaches and detaches ENIs only while Stopped.
    NeedsStopped {
        /// The type.
        instance_type: String,
    },
    /// ENI and instance are in different VPCs.
    VpcMismatch {
        /// The ENI's VPC.
        eni_vpc: String,
        /// The instance's VPC.
        instance_vpc: String,
    },
    /// The ENI's vSwitch is in another zone than the instance.
    ZoneMismatch {
        /// The ENI's zone.
        eni_zone: String,
        /// The instance's zone.
        instance_zone: String,
    },
    /// The instance is not I/O optimized or its type has no ENI support.
    EniNotSupported {
        /// The type.
        instance_type: String,
    },
    /// Generation I: ENIs cannot be attached at all.
    OldGeneration {
        /// The type.
        instance_type: String,
    },
    /// The ENI has more private IPs than the type's `EniPrivateIpAddressQuantity`.
    TooManyPrivateIps {
        /// The ENI's private IPs, the primary included.
        ips: u32,
        /// The type's limit per ENI.
        per_eni: u32,
    },
    /// The type's ENI quota (primary included) is used up.
    QuotaReached {
        /// ENIs attached now.
        used: u32,
        /// The type's `EniQuantity`.
        quota: u32,
    },
    /// Last started before 2018-04-01 while Running: reboot through the API first.
    StartedBefore2018 {
        /// The last start time.
        start_time: String,
    },
    /// The ENI is attached to another instance than the one named.
    NotAttachedHere,
    /// The portal user's role is weaker than the action needs.
    RoleTooLow {
        /// The user's role.
        have: Role,
        /// The role the action needs.
        need: Role,
    },
    /// Protected by the deployment (tag `tether:protected=true` or configuration).
    Protected,
    /// A protected ENI may not be marked to be released with its instance.
    ProtectedDeleteOnRelease,
    /// Releasing the instance would delete this protected ENI (primary, or DeleteOnRelease).
    ReleaseDeletesProtected {
        /// The protected ENI.
        eni: String,
    },
    /// Wizard: no VPC or vSwitch chosen.
    NoNetwork,
    /// Wizard: the vSwitch is not in the chosen zone.
    VSwitchZoneMismatch,
    /// Wizard: the security group is in another VPC than the vSwitch.
    SecurityGroupVpcMismatch,
    /// Wizard: more ENIs than one primary and one secondary.
    TooManyEnis,
    /// Wizard: the ENI must be in the instance's vSwitch (the console's rule, not the API's).
    EniVSwitchMismatch,
    /// Wizard: the image needs the ENI configured inside the OS after creation (a warning).
    ImageNeedsEniConfig,
    /// An Alibaba Cloud service (ACK, NAT Gateway...) manages the ENI: nothing may change it.
    ServiceManaged,
    /// Private IPs change only while the ENI is Available or InUse.
    EniStateForIps {
        /// What the ENI is.
        actual: EniStatus,
    },
    /// More private IPs than the ENI may hold.
    PrivateIpLimit {
        /// The ENI's private IPs now, the primary included.
        ips: u32,
        /// How many the call adds.
        adding: u32,
        /// The most it may hold, the primary included.
        limit: u32,
        /// The type of the instance it is attached to; empty when unattached.
        instance_type: String,
    },
    /// The vSwitch has fewer free addresses than asked for.
    NotEnoughFreeIps {
        /// Addresses asked for.
        wanted: u32,
        /// Free addresses of the vSwitch.
        free: u64,
    },
    /// The address is not a usable one of the ENI's vSwitch CIDR block.
    IpOutsideVSwitch {
        /// The address.
        ip: String,
        /// The vSwitch's CIDR block.
        cidr: String,
    },
    /// The address is already used in the vSwitch.
    IpTaken {
        /// The address.
        ip: String,
    },
    /// The same address is named twice.
    IpRepeated {
        /// The address.
        ip: String,
    },
    /// The ENI's primary private IP cannot be unassigned.
    PrimaryIp {
        /// The address.
        ip: String,
    },
    /// The address is not one of the ENI's.
    IpNotOnEni {
        /// The address.
        ip: String,
    },
    /// More tags than a resource holds.
    TagQuota {
        /// The resource's tags now.
        have: u32,
        /// New keys the call adds.
        adding: u32,
        /// The most a resource holds.
        limit: u32,
    },
    /// Only an admin adds, changes or removes `tether:protected`.
    ProtectionTagAdminOnly {
        /// The user's role.
        have: Role,
    },
    /// The ENI's vSwitch has no IPv6 CIDR block.
    VSwitchNoIpv6 {
        /// The vSwitch.
        v_switch: String,
    },
    /// The instance type the ENI is attached to takes no IPv6 address.
    Ipv6NotSupported {
        /// The type.
        instance_type: String,
    },
    /// More IPv6 addresses than the ENI may hold.
    Ipv6Limit {
        /// The ENI.
        eni: String,
        /// Its IPv6 addresses now.
        has: u32,
        /// How many the call adds.
        adding: u32,
        /// The most it may hold.
        limit: u32,
        /// The type of the instance it is attached to; empty when unattached.
        instance_type: String,
    },
    /// The IPv6 address is not one of the ENI's vSwitch's IPv6 CIDR block.
    Ipv6OutsideVSwitch {
        /// The address.
        ip: String,
        /// The vSwitch's IPv6 CIDR block.
        cidr: String,
    },
    /// The IPv6 address is already assigned in the vSwitch.
    Ipv6Taken {
        /// The address.
        ip: String,
    },
    /// A primary ENI's security groups are its instance's.
    PrimaryEniGroups,
    /// Not 1 to 5 security groups.
    SecurityGroupCount {
        /// How many were chosen.
        count: u32,
    },
    /// The security group does not exist.
    SecurityGroupNotFound {
        /// The group.
        id: String,
    },
    /// The security group is in another VPC than the ENI.
    SecurityGroupOtherVpc {
        /// The group.
        id: String,
        /// Its VPC.
        group_vpc: String,
        /// The ENI's VPC.
        eni_vpc: String,
    },
    /// Basic and enterprise security groups together.
    SecurityGroupTypesMixed,
}

impl Reason {
    /// True for advice that does not block the operation.
    pub fn is_warning(&self) -> bool {
        matches!(self, Self::ImageNeedsEniConfig)
    }

    /// A stable identifier for tests and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EniState { .. } => "eni_state",
            Self::PrimaryEni => "primary_eni",
            Self::InstanceState { .. } => "instance_state",
            Self::NeedsStopped { .. } => "needs_stopped",
            Self::VpcMismatch { .. } => "vpc_mismatch",
            Self::ZoneMismatch { .. } => "zone_mismatch",
            Self::EniNotSupported { .. } => "eni_not_supported",
            Self::QuotaReached { .. } => "quota_reached",
            Self::OldGeneration { .. } => "old_generation",
            Self::TooManyPrivateIps { .. } => "too_many_private_ips",
            Self::StartedBefore2018 { .. } => "started_before_2018",
            Self::NotAttachedHere => "not_attached_here",
            Self::RoleTooLow { .. } => "role_too_low",
            Self::Protected => "protected",
            Self::ProtectedDeleteOnRelease => "protected_delete_on_release",
            Self::ReleaseDeletesProtected { .. } => "release_deletes_protected",
            Self::NoNetwork => "no_network",
            Self::VSwitchZoneMismatch => "vswitch_zone_mismatch",
            Self::SecurityGroupVpcMismatch => "security_group_vpc_mismatch",
            Self::TooManyEnis => "too_many_enis",
            Self::EniVSwitchMismatch => "eni_vswitch_mismatch",
            Self::ImageNeedsEniConfig => "image_needs_eni_config",
            Self::ServiceManaged => "service_managed",
            Self::EniStateForIps { .. } => "eni_state_for_ips",
            Self::PrivateIpLimit { .. } => "private_ip_limit",
            Self::NotEnoughFreeIps { .. } => "not_enough_free_ips",
            Self::IpOutsideVSwitch { .. } => "ip_outside_vswitch",
            Self::IpTaken { .. } => "ip_taken",
            Self::IpRepeated { .. } => "ip_repeated",
            Self::PrimaryIp { .. } => "primary_ip",
            Self::IpNotOnEni { .. } => "ip_not_on_eni",
            Self::TagQuota { .. } => "tag_quota",
            Self::ProtectionTagAdminOnly { .. } => "protection_tag_admin_only",
            Self::VSwitchNoIpv6 { .. } => "vswitch_no_ipv6",
            Self::Ipv6NotSupported { .. } => "ipv6_not_supported",
            Self::Ipv6Limit { .. } => "ipv6_limit",
            Self::Ipv6OutsideVSwitch { .. } => "ipv6_outside_vswitch",
            Self::Ipv6Taken { .. } => "ipv6_taken",
            Self::PrimaryEniGroups => "primary_eni_groups",
            Self::SecurityGroupCount { .. } => "security_group_count",
            Self::SecurityGroupNotFound { .. } => "security_group_not_found",
            Self::SecurityGroupOtherVpc { .. } => "security_group_other_vpc",
            Self::SecurityGroupTypesMixed => "security_group_types_mixed",
        }
    }

    /// The error the cloud answers for this reason.
    pub fn spec(&self) -> ErrorSpec {
        match self {
            Self::EniState { .. } | Self::NotAttachedHere | Self::EniStateForIps { .. } => {
                codes::INVALID_ENI_STATE
            }
            Self::PrimaryEni | Self::PrimaryEniGroups => codes::INVALID_ENI_TYPE,
            Self::TagQuota { .. } => codes::TAG_QUOTA_EXCEED,
            Self::VSwitchNoIpv6 { .. } => codes::IPV6_NOT_TURN_ON,
            Self::Ipv6NotSupported { .. } => codes::IPV6_NOT_SUPPORT,
            Self::Ipv6Limit { .. } => codes::IPV6_COUNT_EXCEEDED,
            Self::Ipv6OutsideVSwitch { .. } => codes::INVALID_IP_ADDRESS,
            Self::Ipv6Taken { .. } => codes::IP_ASSIGNED,
            Self::SecurityGroupCount { .. } => codes::INVALID_PARAMETER,
            Self::SecurityGroupNotFound { .. } => codes::INVALID_SECURITY_GROUP_ID_NOT_FOUND,
            Self::SecurityGroupOtherVpc { .. } => codes::VPC_MISMATCH,
            Self::SecurityGroupTypesMixed => codes::MULTI_GROUP_TYPE,
            Self::InstanceState { .. }
            | Self::NeedsStopped { .. }
            | Self::StartedBefore2018 { .. } => codes::INVALID_ECS_STATE,
            Self::VpcMismatch { .. } => codes::VPC_MISMATCH,
            Self::ZoneMismatch { .. } => codes::AVAILABILITY_ZONE_MISMATCH,
            Self::EniNotSupported { .. } => codes::ENI_NOT_SUPPORTED,
            Self::QuotaReached { .. } => codes::ENI_PER_INSTANCE_LIMIT_EXCEEDED,
            Self::OldGeneration { .. } => codes::INVALID_GENERATION,
            Self::TooManyPrivateIps { .. } | Self::PrivateIpLimit { .. } => {
                codes::IPV4_COUNT_EXCEEDED
            }
            Self::ServiceManaged => codes::ENI_SERVICE_MANAGED,
            Self::NotEnoughFreeIps { .. } => codes::IP_NOT_ENOUGH,
            Self::IpOutsideVSwitch { .. } => codes::INVALID_PRIVATE_IP,
            Self::IpTaken { .. } => codes::PRIVATE_IP_DUPLICATED,
            Self::IpRepeated { .. } => codes::IP_REPEATED,
            Self::PrimaryIp { .. } | Self::IpNotOnEni { .. } => codes::IP_UNASSIGNED,
            // The portal's own refusal; the nearest cloud code is the parameter one, as for
            // protection (the proxy answers it as Tether.Forbidden, 403).
            Self::RoleTooLow { .. }
            | Self::Protected
            | Self::ProtectedDeleteOnRelease
            | Self::ReleaseDeletesProtected { .. }
            | Self::ProtectionTagAdminOnly { .. } => codes::INVALID_PARAMETER,
            Self::NoNetwork => codes::MISSING_PARAMETER,
            Self::VSwitchZoneMismatch => codes::INVALID_PARAMETER_MISMATCH,
            Self::SecurityGroupVpcMismatch => codes::INCONSISTENT_NETWORK,
            Self::TooManyEnis | Self::EniVSwitchMismatch | Self::ImageNeedsEniConfig => {
                codes::INVALID_PARAM_NETWORK_INTERFACE
            }
        }
    }

    /// The message the cloud answers with, in its own wording where the reference gives it
    /// (reference §5.2, §5.3); where it prints only `%s` (the attach VPC mismatch, an ENI
    /// attached elsewhere, the wizard's ENI rules) the English [`Reason::message`] stands in.
    pub fn cloud_message(&self) -> String {
        match self {
            Self::EniState { expected, actual } => format!(
                "The operation is not allowed in the current ENI state. Expecting status is \"{}\" while current status is \"{}\".",
                expected.as_str(),
                actual.as_str()
            ),
            Self::EniStateForIps { .. }
            | Self::IpOutsideVSwitch { .. }
            | Self::IpTaken { .. }
            | Self::IpNotOnEni { .. }
            | Self::PrimaryIp { .. }
            | Self::VSwitchNoIpv6 { .. }
            | Self::Ipv6NotSupported { .. }
            | Self::Ipv6Limit { .. }
            | Self::Ipv6OutsideVSwitch { .. }
            | Self::IpRepeated { .. } => super::reason_ips::cloud_message(self),
            Self::TagQuota { .. }
            | Self::PrimaryEniGroups
            | Self::SecurityGroupNotFound { .. }
            | Self::SecurityGroupOtherVpc { .. }
            | Self::SecurityGroupTypesMixed => self.spec().message.to_owned(),
            Self::InstanceState { .. }
            | Self::NeedsStopped { .. }
            | Self::StartedBefore2018 { .. }
            | Self::PrimaryEni
            | Self::ZoneMismatch { .. }
            | Self::EniNotSupported { .. }
            | Self::QuotaReached { .. }
            | Self::VSwitchZoneMismatch
            | Self::SecurityGroupVpcMismatch => self.spec().message.to_owned(),
            _ => self.message(Lang::En),
        }
    }

    /// The short message a user sees.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Self::ServiceManaged
            | Self::EniStateForIps { .. }
            | Self::PrivateIpLimit { .. }
            | Self::NotEnoughFreeIps { .. }
            | Self::IpOutsideVSwitch { .. }
            | Self::IpTaken { .. }
            | Self::IpRepeated { .. }
            | Self::PrimaryIp { .. }
            | Self::IpNotOnEni { .. }
            | Self::VSwitchNoIpv6 { .. }
            | Self::Ipv6NotSupported { .. }
            | Self::Ipv6Limit { .. }
            | Self::Ipv6OutsideVSwitch { .. }
            | Self::Ipv6Taken { .. } => super::reason_ips::message(self, lang),
            Self::TagQuota { .. }
            | Self::ProtectionTagAdminOnly { .. }
            | Self::PrimaryEniGroups
            | Self::SecurityGroupCount { .. }
            | Self::SecurityGroupNotFound { .. }
            | Self::SecurityGroupOtherVpc { .. }
            | Self::SecurityGroupTypesMixed => super::reason_edits::message(self, lang),
            Self::EniState { expected, actual } => {
                let (e, a) = (expected.as_str(), actual.as_str());
                if zh {
                    format!("弹性网卡状态为 {a}，此操作需要 {e}。")
                } else {
                    format!("The ENI is {a}; this needs it {e}.")
                }
            }
            Self::PrimaryEni => lang
                .pick(
                    "This is a primary ENI: it lives and dies with its instance.",
                    "这是主网卡：它与实例同生命周期，不能单独操作。",
                )
                .into(),
            Self::InstanceState { actual } => {
                let a = actual.as_str();
                if zh {
                    format!("实例状态为 {a}，需要为运行中或已停止。")
                } else {
                    format!("The instance is {a}; it must be Running or Stopped.")
                }
            }
            Self::NeedsStopped { instance_type } => {
                if zh {
                    format!("{instance_type} 不支持热插拔：请先停止实例。")
                } else {
                    format!("{instance_type} cannot hot-plug ENIs: stop the instance first.")
                }
            }
            // An empty instance VPC is a classic-network instance.
            Self::VpcMismatch { eni_vpc, instance_vpc } if instance_vpc.is_empty() => {
                if zh {
                    format!("实例位于经典网络（网卡在 {eni_vpc}）：弹性网卡只能绑定专有网络实例。")
                } else {
                    format!(
                        "The instance is in the classic network (ENI in {eni_vpc}): ENIs attach to VPC instances only."
                    )
                }
            }
            Self::VpcMismatch { eni_vpc, instance_vpc } => {
                if zh {
                    format!("不在同一 VPC（网卡 {eni_vpc}，实例 {instance_vpc}）。")
                } else {
                    format!("Other VPC (ENI in {eni_vpc}, instance in {instance_vpc}).")
                }
            }
            Self::ZoneMismatch { eni_zone, instance_zone } => {
                if zh {
                    format!("不在同一可用区（网卡 {eni_zone}，实例 {instance_zone}）。")
                } else {
                    format!("Other zone (ENI in {eni_zone}, instance in {instance_zone}).")
                }
            }
            Self::EniNotSupported { instance_type } => {
                if zh {
                    format!("{instance_type} 不是 I/O 优化实例或不支持弹性网卡。")
                } else {
                    format!("{instance_type} is not I/O optimized or does not support ENIs.")
                }
            }
            Self::OldGeneration { instance_type } => {
                if zh {
                    format!("{instance_type} 属于第一代实例规格，不能绑定弹性网卡。")
                } else {
                    format!("{instance_type} is a generation I type: ENIs cannot be attached to it.")
                }
            }
            Self::TooManyPrivateIps { ips, per_eni } => {
                if zh {
                    format!("该弹性网卡有 {ips} 个私网 IP，此实例规格每块网卡最多 {per_eni} 个。")
                } else {
                    format!(
                        "The ENI has {ips} private IPs; this instance type allows {per_eni} per ENI."
                    )
                }
            }
            Self::QuotaReached { used, quota } => {
                if zh {
                    format!("弹性网卡配额已满（{used}/{quota}，含主网卡）。")
                } else {
                    format!("ENI quota reached ({used}/{quota}, primary included).")
                }
            }
            Self::StartedBefore2018 { start_time } => {
                if zh {
                    format!("实例最近一次启动于 {start_time}（2018-04-01 之前）：请先通过控制台或 RebootInstance 重启。")
                } else {
                    format!(
                        "Last started {start_time}, before 2018-04-01: restart it through the console or RebootInstance first (not from inside the OS)."
                    )
                }
            }
            Self::NotAttachedHere => lang
                .pick("The ENI is not attached to this instance.", "该弹性网卡未绑定到此实例。")
                .into(),
            Self::Protected => lang
                .pick(
                    "Protected by this portal (tether:protected=true).",
                    "已被本门户保护（tether:protected=true）。",
                )
                .into(),
            Self::RoleTooLow { have, need } => {
                let (h, n) = (have.as_str(), need.as_str());
                if zh {
                    format!("您的角色是 {h}；此操作需要 {n}。")
                } else {
                    format!("Your role is {h}; this needs {n}.")
                }
            }
            Self::ProtectedDeleteOnRelease => lang
                .pick(
                    "Protected by this portal: it cannot be set to be released with its instance.",
                    "已被本门户保护：不能设置为随实例释放。",
                )
                .into(),
            Self::ReleaseDeletesProtected { eni } => {
                if zh {
                    format!("释放此实例会删除受保护的弹性网卡 {eni}（其主网卡，或设置为随实例释放的网卡）。")
                } else {
                    format!(
                        "Releasing this instance would delete protected ENI {eni} (its primary ENI, or one set to be released with it)."
                    )
                }
            }
            Self::NoNetwork => lang
                .pick("Choose a VPC and a vSwitch.", "请选择专有网络和交换机。")
                .into(),
            Self::VSwitchZoneMismatch => lang
                .pick("The vSwitch is not in the chosen zone.", "交换机不在所选可用区。")
                .into(),
            Self::SecurityGroupVpcMismatch => lang
                .pick(
                    "The security group is not in the vSwitch's VPC.",
                    "安全组与交换机不在同一 VPC。",
                )
                .into(),
            Self::TooManyEnis => lang
                .pick(
                    "At creation an instance takes at most two ENIs: one primary and one secondary. Attach more later.",
                    "创建实例时最多添加两块网卡：一块主网卡和一块辅助网卡。更多网卡可在创建后绑定。",
                )
                .into(),
            Self::EniVSwitchMismatch => lang
                .pick(
                    "The ENI must be in the instance's vSwitch.",
                    "弹性网卡必须与实例位于同一交换机。",
                )
                .into(),
            Self::ImageNeedsEniConfig => lang
                .pick(
                    "This image does not recognise ENIs by itself: configure the ENI inside the OS after creation.",
                    "此镜像无法自动识别弹性网卡：创建后需要在操作系统内配置网卡。",
                )
                .into(),
        }
    }
}
