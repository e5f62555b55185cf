//! The ENI detail page's own strings in English and Simplified Chinese. A table of its own
//! (`crate::i18n` holds the shared ones) so they travel in the page's chunk, not in the main
//! module every page's first load carries.

use crate::i18n::lang;
use tether_domain::Lang;

crate::i18n::texts! {
    TagKey => "Key", "标签键";
    TagValue => "Value", "标签值";
    AddTag => "Add tag", "添加标签";
    RemoveTags => "Remove selected tags", "删除所选标签";
    NoTags => "No tags.", "暂无标签。";
    PickTags => "Select the tags to remove.", "请选择要删除的标签。";
    TagNothingYet => "Give a key.", "请填写标签键。";
    TagOverwrite => "A key the ENI already has gets the new value.", "网卡已有的标签键将被新值覆盖。";
    SaveGroups => "Save security groups", "保存安全组";
    GroupsUnchanged => "Choose the groups the ENI should belong to.", "请选择网卡应加入的安全组。";
    AssignIpv6 => "Assign IPv6 addresses", "分配 IPv6 地址";
    NoIpv6 => "No IPv6 addresses.", "暂无 IPv6 地址。";
    PickIpv6 => "Select the IPv6 addresses to unassign.", "请选择要回收的 IPv6 地址。";
    Ipv6Hint => "Addresses are separated by commas or spaces and must be in the vSwitch's IPv6 block.", "多个地址以逗号或空格分隔，且须在交换机的 IPv6 网段内。";
    TurnCheckOff => "Turn the check off", "关闭检查";
    TurnCheckOn => "Turn the check on", "开启检查";
    SourceDestHint => "Self-built NAT gateways, routers and firewalls forward traffic that is not their own: their ENIs need this check off.", "自建 NAT 网关、路由器和防火墙需转发非本机的流量：其网卡须关闭此检查。";
    CheckOn => "On", "已开启";
    CheckOff => "Off", "已关闭";
}

/// A reactive closure giving the text of `key` in the current language.
pub fn dt(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || key.text(lang())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn is_han(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
    }

    #[wasm_bindgen_test]
    fn every_key_of_the_page_has_text_in_both_languages() {
        for &key in T::ALL {
            let (en, zh) = (key.text(Lang::En), key.text(Lang::Zh));
            assert!(
                !en.trim().is_empty() && !en.chars().any(is_han),
                "{key:?}: {en:?}"
            );
            assert!(
                zh.chars().any(is_han),
                "{key:?}: English left in the Chinese column: {zh:?}"
            );
        }
    }
}
