//! The words of the reasons about an ENI's private IPs and managed ENIs (kept apart from
//! `reason.rs` so that file stays readable): the user's message in English and Chinese, and the
//! cloud's message where its documentation gives one.

use super::reason::Reason;
use crate::lang::Lang;

/// The cloud's message. Templates from Alibaba's doc source (AlibabaCloudDocs/ecs, the 2019
/// Assign/UnassignPrivateIpAddresses tables) where it has them; the reference's own text for
/// `InvalidVSwitchId.IpInvalid` and `InvalidPrivateIpAddress.Duplicated` (§5.2); otherwise ours.
pub(super) fn cloud_message(reason: &Reason) -> String {
    match reason {
        // The template's "{0}" names one status; this rule accepts two.
        Reason::EniStateForIps { actual } => format!(
            "The operation is not allowed in the current ENI state. Expecting status is \"Available/InUse\" while current status is \"{}\".",
            actual.as_str()
        ),
        Reason::IpNotOnEni { ip } | Reason::PrimaryIp { ip } => {
            format!("The specified IP \"{ip}\" is not assigned on this ENI.")
        }
        // The 2018-12 templates of the Assign/UnassignIpv6Addresses tables, filled in.
        Reason::IpRepeated { ip } => format!("The specified ipAddress \"{ip}\" is(are) repeated."),
        Reason::Ipv6OutsideVSwitch { ip, .. } => {
            format!("The specified ipAddress \"{ip}\" is invalid.")
        }
        Reason::VSwitchNoIpv6 { v_switch } => {
            format!("The specified VSwitch \"{v_switch}\" ipv6 function not turn on.")
        }
        Reason::Ipv6NotSupported { instance_type } => {
            format!("The instanceType of {instance_type} not support ipv6.")
        }
        Reason::Ipv6Limit {
            eni,
            has,
            adding,
            limit,
            instance_type,
        } => format!(
            "The number of eni {eni} ipv6 address exceeds the limit({limit}). target instanceType {instance_type}. Assigned:{has}. Expecting assign:{adding}."
        ),
        _ => {
            let spec = reason.spec();
            if matches!(
                reason,
                Reason::IpOutsideVSwitch { .. } | Reason::IpTaken { .. }
            ) {
                spec.message.to_owned()
            } else {
                reason.message(Lang::En)
            }
        }
    }
}

/// The short message a user sees.
pub(super) fn message(reason: &Reason, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match reason {
        Reason::ServiceManaged => lang
            .pick(
                "Managed by an Alibaba Cloud service (ACK, NAT Gateway...): it cannot be changed.",
                "此弹性网卡由阿里云服务（容器服务、NAT 网关等）托管，不能更改。",
            )
            .into(),
        Reason::EniStateForIps { actual } => {
            let a = actual.as_str();
            if zh {
                format!("弹性网卡状态为 {a}：仅在 Available 或 InUse 状态下可以更改其 IP 地址。")
            } else {
                format!("The ENI is {a}; its addresses change only while it is Available or InUse.")
            }
        }
        Reason::PrivateIpLimit {
            ips,
            adding,
            limit,
            instance_type,
        } if instance_type.is_empty() => {
            if zh {
                format!(
                    "该弹性网卡已有 {ips} 个私网 IP，再分配 {adding} 个将超过未绑定网卡的上限 {limit} 个（主 IP 加 49 个辅助 IP）。"
                )
            } else {
                format!(
                    "The ENI has {ips} private IPs; {adding} more would pass the {limit} an unattached ENI holds (the primary and 49 secondary)."
                )
            }
        }
        Reason::PrivateIpLimit {
            ips,
            adding,
            limit,
            instance_type,
        } => {
            if zh {
                format!(
                    "该弹性网卡已有 {ips} 个私网 IP，再分配 {adding} 个将超过 {instance_type} 每块网卡 {limit} 个的上限。"
                )
            } else {
                format!(
                    "The ENI has {ips} private IPs; {adding} more would pass the {limit} per ENI that {instance_type} allows."
                )
            }
        }
        Reason::NotEnoughFreeIps { wanted, free } => {
            if zh {
                format!("交换机只剩 {free} 个空闲地址，需要 {wanted} 个。")
            } else {
                format!("The vSwitch has {free} free addresses; {wanted} are needed.")
            }
        }
        Reason::IpOutsideVSwitch { ip, cidr } => {
            if zh {
                format!("{ip} 不是交换机网段 {cidr} 中的可用地址（首个和最后三个地址为系统保留）。")
            } else {
                format!(
                    "{ip} is not a usable address of the vSwitch's CIDR block {cidr} (its first and last three addresses are reserved)."
                )
            }
        }
        Reason::IpTaken { ip } => {
            if zh {
                format!("{ip} 已被交换机中的其他资源使用。")
            } else {
                format!("{ip} is already in use in the vSwitch.")
            }
        }
        Reason::IpRepeated { ip } => {
            if zh {
                format!("{ip} 重复指定。")
            } else {
                format!("{ip} is given twice.")
            }
        }
        Reason::PrimaryIp { ip } => {
            if zh {
                format!("{ip} 是该弹性网卡的主私网 IP，不能回收。")
            } else {
                format!("{ip} is the ENI's primary private IP: it cannot be unassigned.")
            }
        }
        Reason::IpNotOnEni { ip } => {
            if zh {
                format!("{ip} 未分配给该弹性网卡。")
            } else {
                format!("{ip} is not assigned to this ENI.")
            }
        }
        Reason::VSwitchNoIpv6 { v_switch } => {
            if zh {
                format!("交换机 {v_switch} 未开启 IPv6：请先为其分配 IPv6 网段。")
            } else {
                format!("The vSwitch {v_switch} has no IPv6 CIDR block: enable IPv6 on it first.")
            }
        }
        Reason::Ipv6NotSupported { instance_type } => {
            if zh {
                format!("{instance_type} 的弹性网卡不支持 IPv6 地址。")
            } else {
                format!("{instance_type} takes no IPv6 address on its ENIs.")
            }
        }
        Reason::Ipv6Limit {
            has,
            adding,
            limit,
            instance_type,
            ..
        } if instance_type.is_empty() => {
            if zh {
                format!(
                    "该弹性网卡已有 {has} 个 IPv6 地址，再分配 {adding} 个将超过未绑定网卡的上限 {limit} 个。"
                )
            } else {
                format!(
                    "The ENI has {has} IPv6 addresses; {adding} more would pass the {limit} an unattached ENI holds."
                )
            }
        }
        Reason::Ipv6Limit {
            has,
            adding,
            limit,
            instance_type,
            ..
        } => {
            if zh {
                format!(
                    "该弹性网卡已有 {has} 个 IPv6 地址，再分配 {adding} 个将超过 {instance_type} 每块网卡 {limit} 个的上限。"
                )
            } else {
                format!(
                    "The ENI has {has} IPv6 addresses; {adding} more would pass the {limit} per ENI that {instance_type} allows."
                )
            }
        }
        Reason::Ipv6OutsideVSwitch { ip, cidr } => {
            if zh {
                format!("{ip} 不在交换机的 IPv6 网段 {cidr} 中。")
            } else {
                format!("{ip} is not in the vSwitch's IPv6 CIDR block {cidr}.")
            }
        }
        Reason::Ipv6Taken { ip } => {
            if zh {
                format!("{ip} 已分配给交换机中的其他网卡。")
            } else {
                format!("{ip} is already assigned in the vSwitch.")
            }
        }
        other => other.message(lang),
    }
}
