//! The words of the reasons about editing an ENI's tags and security groups (kept apart from
//! `reason.rs` so that file stays readable): the user's message in English and Chinese. The
//! cloud's message is the documented one of each code (`Reason::cloud_message`).

use super::reason::Reason;
use crate::lang::Lang;

/// The short message a user sees.
pub(super) fn message(reason: &Reason, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match reason {
        Reason::TagQuota {
            have,
            adding,
            limit,
        } => {
            if zh {
                format!("该资源已有 {have} 个标签，再添加 {adding} 个将超过每个资源 {limit} 个的上限。")
            } else {
                format!(
                    "The resource has {have} tags; {adding} more would pass the {limit} a resource holds."
                )
            }
        }
        Reason::ProtectionTagAdminOnly { have } => {
            let h = have.as_str();
            if zh {
                format!("只有管理员可以添加、更改或删除 tether:protected（删除保护）；您的角色是 {h}。")
            } else {
                format!(
                    "Only an admin may add, change or remove tether:protected (delete protection); your role is {h}."
                )
            }
        }
        Reason::PrimaryEniGroups => lang
            .pick(
                "A primary ENI's security groups are its instance's: change them on the instance (ModifyInstanceAttribute), which Tether does not do.",
                "主网卡的安全组即实例的安全组：请在实例上修改（ModifyInstanceAttribute），Tether 暂不支持。",
            )
            .into(),
        Reason::SecurityGroupCount { count } => {
            if zh {
                format!("弹性网卡需要 1 到 5 个安全组，当前为 {count} 个。")
            } else {
                format!("An ENI needs 1 to 5 security groups; {count} chosen.")
            }
        }
        Reason::SecurityGroupNotFound { id } => {
            if zh {
                format!("安全组 {id} 不存在。")
            } else {
                format!("Security group {id} does not exist.")
            }
        }
        Reason::SecurityGroupOtherVpc {
            id,
            group_vpc,
            eni_vpc,
        } => {
            if zh {
                format!("安全组 {id} 属于 {group_vpc}，弹性网卡属于 {eni_vpc}：必须在同一 VPC。")
            } else {
                format!("Security group {id} is in {group_vpc}, the ENI in {eni_vpc}: they must share a VPC.")
            }
        }
        Reason::SecurityGroupTypesMixed => lang
            .pick(
                "Basic and enterprise security groups cannot be mixed: choose groups of one type.",
                "普通安全组与企业级安全组不能混用：请选择同一类型的安全组。",
            )
            .into(),
        other => other.message(lang),
    }
}
