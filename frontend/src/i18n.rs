//! Every UI string in English and Simplified Chinese; rule messages come from the domain.

use leptos::prelude::*;
use tether_domain::Lang;

/// The language signal shared through context.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

/// The current language (reactive); English when no context is provided (component tests).
pub fn lang() -> Lang {
    use_context::<LangCtx>()
        .map(|c| c.0.get())
        .unwrap_or_default()
}

/// A reactive closure giving the text of `key` in the current language.
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || key.text(lang())
}

const STORAGE_KEY: &str = "tether.lang";

/// The language remembered in localStorage.
pub fn stored_lang() -> Lang {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    match stored.as_deref() {
        Some("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// Remembers the language for the next visit.
pub fn store_lang(lang: Lang) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(STORAGE_KEY, lang.pick("en", "zh"));
    }
}

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum T { $($key),* }
        impl T {
            /// Every key, in declaration order (for the test that reads both columns).
            pub const ALL: &[T] = &[$(T::$key),*];

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(T::$key => lang.pick($en, $zh)),* }
            }
        }
    };
}

// The ENI detail page's own table uses it too (`pages::eni_detail::texts`).
pub(crate) use texts;

texts! {
    Product => "Tether", "Tether";
    Tagline => "ENI console", "弹性网卡控制台";
    Region => "Region", "地域";
    NavInstances => "Instances", "实例";
    NavEnis => "Network interfaces", "弹性网卡";
    NavCreate => "Create instance", "创建实例";
    Simulator => "Simulator", "模拟器";
    AlibabaCloud => "Alibaba Cloud", "阿里云";
    Endpoint => "Custom endpoint", "自定义端点";
    Loading => "Loading…", "加载中…";
    Refreshing => "Refreshing…", "刷新中…";
    Search => "Search", "搜索";
    SearchEnis => "Search ID, name, IP, MAC, instance…", "搜索 ID、名称、IP、MAC、实例…";
    AllStatuses => "All statuses", "全部状态";
    AllTypes => "All types", "全部类型";
    AllVpcs => "All VPCs", "全部专有网络";
    AllTags => "All tags", "全部标签";
    AllResourceGroups => "All resource groups", "全部资源组";
    Status => "Status", "状态";
    Type => "Type", "类型";
    Vpc => "VPC", "专有网络";
    VSwitch => "vSwitch", "交换机";
    Zone => "Zone", "可用区";
    PrivateIp => "Private IP", "私网 IP";
    Mac => "MAC", "MAC 地址";
    BoundInstance => "Bound instance", "绑定实例";
    SecurityGroups => "Security groups", "安全组";
    Created => "Created", "创建时间";
    Actions => "Actions", "操作";
    IdName => "ID / Name", "ID / 名称";
    Primary => "Primary", "主网卡";
    Secondary => "Secondary", "辅助网卡";
    Trunk => "Trunk", "中继网卡";
    UnknownType => "Unknown", "未知";
    Bind => "Bind to Instance", "绑定实例";
    Unbind => "Unbind", "解绑";
    Delete => "Delete", "删除";
    Modify => "Modify", "修改";
    CreateEni => "Create ENI", "创建弹性网卡";
    LoadMore => "Load more", "加载更多";
    Pages => "Pages", "分页";
    Demo => "Demo", "演示";
    DemoReset => "Reset the demo world", "重置演示环境";
    DemoSpeed => "Speed", "速度";
    DemoScenario => "Fault scenario", "故障场景";
    PrevPage => "‹ Previous", "‹ 上一页";
    NextPage => "Next ›", "下一页 ›";
    Refresh => "Refresh", "刷新";
    NoEnis => "No network interfaces match. Clear the filters, or create an ENI to get started.", "没有匹配的弹性网卡。请清除筛选条件，或创建一块弹性网卡。";
    NoInstances => "No instances in this region yet. Use Create instance to launch one.", "该地域还没有实例。请使用“创建实例”。";
    Cancel => "Cancel", "取消";
    Close => "Close", "关闭";
    Ok => "OK", "确定";
    Name => "Name", "名称";
    Description => "Description", "描述";
    PrimaryIpOptional => "Primary private IP (optional)", "主私网 IP（可选）";
    ChooseVSwitch => "Choose a vSwitch", "请选择交换机";
    SgHint => "1 to 5 security groups of the vSwitch's VPC.", "选择 1 到 5 个与交换机同一 VPC 的安全组。";
    Optional => "optional", "可选";
    ShowCall => "Show the call", "查看 API 调用";
    ApiParams => "API parameters", "API 参数";
    CliEquivalent => "Equivalent aliyun CLI command", "等效的 aliyun CLI 命令";
    Copy => "Copy", "复制";
    TerraformEquivalent => "Equivalent Terraform (terraform-provider-alicloud)", "等效的 Terraform 配置（terraform-provider-alicloud）";
    TerraformImportFirst => "To manage this ENI with Terraform, import it first:", "用 Terraform 管理此网卡前，请先导入：";
    CopyTerraform => "Copy the Terraform block", "复制 Terraform 配置";
    CopyImport => "Copy the import command", "复制导入命令";
    Eligible => "Eligible", "可绑定";
    NotEligible => "Not eligible", "不可绑定";
    RestartInstance => "Restart instance", "重启实例";
    Restarting => "Restarting…", "重启中…";
    BindIntro => "Choose the instance to bind this ENI to. Every instance of the region is listed; the ones that cannot take it say why.", "选择要绑定的实例。列出本地域全部实例，不可绑定的实例会说明原因。";
    PickInstance => "Choose an eligible instance.", "请选择一个可绑定的实例。";
    EniQuota => "ENIs", "网卡数";
    Instance => "Instance", "实例";
    UnbindConfirm => "Detach this ENI from its instance? It becomes Available and can be bound again.", "确定从实例解绑此网卡？解绑后状态变为可用，可以再次绑定。";
    DeleteConfirm => "Deleting releases the ENI, its private IPs and its security-group memberships. This cannot be undone. Type the ENI ID to confirm:", "删除将释放该网卡及其私网 IP，并移出所有安全组，且不可恢复。请输入网卡 ID 确认：";
    TypeIdMismatch => "Type the exact ENI ID.", "请输入完全一致的网卡 ID。";
    StuckTitle => "This ENI has been in a transitional state for over 60 seconds.", "该网卡处于过渡状态已超过 60 秒。";
    StuckDetaching => "Re-issue the detach. If it is still stuck, restart the instance (console or RebootInstance), then detach again.", "请重新发起解绑。如果仍然卡住，请通过控制台或 RebootInstance 重启实例后再解绑。";
    StuckDeleting => "Re-issue the delete; the cloud finishes it on the next attempt.", "请重新发起删除，云端会在下次请求时完成删除。";
    Reissue => "Re-issue", "重新发起";
    NextTitle => "What to do next", "后续操作";
    NextBinding => "is being bound to", "正在绑定到";
    NextDetach => "To detach it later, use Unbind in its row (the instance must be Running or Stopped).", "以后如需解绑，请在该行点击“解绑”（实例需为运行中或已停止）。";
    NextDelete => "To delete it, unbind it first: only Available ENIs can be deleted.", "如需删除，请先解绑：只有可用状态的网卡可以删除。";
    NextSourceDest => "If this instance forwards traffic that is not its own (a self-built NAT gateway, router or firewall), turn off the ENI's source/destination check on its page.", "若该实例转发非本机的流量（自建 NAT 网关、路由器或防火墙），请在网卡详情页关闭其源/目的地址检查。";
    NextConfigure => "This instance's image does not recognise ENIs by itself: configure the new interface inside the OS (bring up eth1 with DHCP, add a route table entry).", "该实例的镜像无法自动识别弹性网卡：请在操作系统内配置新网卡（用 DHCP 启用 eth1 并添加路由）。";
    NextReady => "This instance's image recognises ENIs: the interface comes up by itself.", "该实例的镜像可自动识别弹性网卡，网卡会自动生效。";
    ConfigureGuide => "Guide: configure an ENI", "指南：配置弹性网卡";
    Dismiss => "Dismiss", "关闭";
    RequestId => "RequestId", "请求 ID";
    Troubleshoot => "Troubleshoot", "问题诊断";
    ModifyTitle => "Modify ENI", "修改弹性网卡";
    Save => "Save", "保存";
    Working => "Working…", "处理中…";
    InstanceName => "Name / ID", "名称 / ID";
    InstanceType => "Instance type", "实例规格";
    LastStart => "Last started", "最近启动";
    Start => "Start", "启动";
    Stop => "Stop", "停止";
    Restart => "Restart", "重启";
    Release => "Release", "释放";
    AttachEni => "Attach ENI", "绑定网卡";
    ReleaseTitle => "Release instance", "释放实例";
    ReleaseIntro => "Releasing deletes the instance. Its ENIs:", "释放将删除该实例。其弹性网卡：";
    FateDeleted => "released with the instance", "随实例释放";
    FateDetached => "detached, stays Available", "解绑并保持可用";
    ForceNote => "The instance is Running: it is released with Force.", "实例正在运行：将使用 Force 强制释放。";
    AttachFor => "Pick an Available ENI to bind to", "选择一块可用网卡绑定到";
    ClearFilter => "Clear", "清除";
    StepBasic => "Basic configuration", "基础配置";
    StepNetwork => "Networking", "网络配置";
    StepReview => "Review", "确认订单";
    Next => "Next", "下一步";
    Back => "Back", "上一步";
    CreateInstance => "Create instance", "创建实例";
    Family => "Family", "规格族";
    Vcpu => "vCPU", "vCPU";
    Memory => "Memory", "内存";
    EniCapacity => "ENI quota", "网卡配额";
    Image => "Image", "镜像";
    EniReady => "ENI-ready", "自动识别网卡";
    NetworkType => "Network type", "网络类型";
    SecurityGroup => "Security group", "安全组";
    Enis => "Elastic network interfaces", "弹性网卡";
    PrimaryEniNote => "Primary ENI: created with the instance in the instance's vSwitch.", "主网卡：随实例创建，位于实例的交换机。";
    AddEni => "Add ENI", "添加网卡";
    RemoveEni => "Remove", "移除";
    TwoEniLimit => "At creation an instance takes at most two ENIs: the primary and one secondary. Attach more later.", "创建实例时最多添加两块网卡：主网卡和一块辅助网卡，更多网卡可在创建后绑定。";
    NewEni => "Create a new ENI", "新建网卡";
    ExistingEni => "Use an existing Available ENI", "使用已有的可用网卡";
    NoExistingEni => "No Available ENI in this vSwitch.", "该交换机中没有可用网卡。";
    ReleaseWithInstance => "Release with the instance (DeleteOnRelease)", "随实例释放（DeleteOnRelease）";
    ReleaseNote => "A secondary ENI created here is released with the instance unless you untick this or detach it first.", "此处创建的辅助网卡默认随实例释放，除非取消勾选或释放前先解绑。";
    Verdict => "Checks", "校验结果";
    AllChecksPass => "All checks pass.", "全部校验通过。";
    Following => "Creating the instance and waiting for it to run…", "正在创建实例并等待其运行…";
    Running => "is Running.", "已运行。";
    ViewInstance => "View it in Instances", "在实例列表中查看";
    Choose => "Choose…", "请选择…";
    InstanceNameOptional => "Instance name (optional)", "实例名称（可选）";
    NotAvailable => "Not available", "不可用";
    Language => "Language", "语言";
    ViewerRole => "Your role can view but not change resources.", "您的角色只能查看，不能修改资源。";
    NotFound => "This page does not exist. Use the navigation on the left.", "页面不存在，请使用左侧导航。";
    Filters => "Filters", "筛选";
    Shown => "shown", "条显示";
    DeleteOnReleaseShort => "Release with instance", "随实例释放";
    NavAudit => "Audit trail", "审计日志";
    SignInTitle => "Sign in to Tether", "登录 Tether";
    SignIn => "Sign in", "登录";
    SignOut => "Sign out", "退出登录";
    SigningIn => "Signing in…", "登录中…";
    UserName => "User", "用户";
    Password => "Password", "密码";
    SignInLinkNeeded => "This console holds a real cloud key and has no sign-in: open the sign-in link Tether printed in its terminal when it started.", "此控制台持有真实的云密钥且未启用登录：请打开 Tether 启动时在终端中打印的登录链接。";
    SignInHint => "Your session ended or you are not signed in. Sign in to continue where you were.", "会话已结束或尚未登录。登录后将回到之前的页面。";
    AuditIntro => "Every change made through this portal (the latest 1000 that match).", "通过本门户执行的全部变更（最多显示匹配的最近 1000 条）。";
    Action => "Action", "操作";
    Resource => "Resource", "资源";
    Outcome => "Outcome", "结果";
    Time => "Time", "时间";
    Role => "Role", "角色";
    Duration => "ms", "毫秒";
    Parameters => "Parameters", "参数";
    ExportJson => "Export JSON", "导出 JSON";
    ExportCsv => "Export CSV", "导出 CSV";
    ReplaySim => "Replay into simulator", "在模拟器中重放";
    Replayed => "Replay", "重放结果";
    Select => "Select", "选择";
    // Header of the column that says why a row cannot be chosen (read by screen readers only).
    Eligibility => "Eligibility", "是否可选";
    NoAudit => "No audit records match.", "没有匹配的审计记录。";
    NotSimulator => "Replay only targets the embedded simulator, never a real cloud.", "重放只针对内置模拟器，绝不会作用于真实云。";
    PickRecords => "Select the records to replay.", "请选择要重放的记录。";
    Yes => "Yes", "是";
    No => "No", "否";
    ChunkFailed => "This page could not be loaded (the network failed, or Tether was upgraded since this tab opened).", "无法加载此页面（网络故障，或此标签页打开后 Tether 已升级）。";
    Reload => "Reload", "重新加载";
    // The ENI detail page and its "Private IP addresses" section.
    EniNotFound => "This region has no ENI with this ID.", "该地域中没有此 ID 的弹性网卡。";
    Details => "Details", "基本信息";
    Attachment => "Attachment", "绑定信息";
    NotAttached => "Not attached", "未绑定";
    DeviceIndex => "device index", "设备索引";
    NetworkCardIndex => "network card", "物理网卡索引";
    TrunkEni => "trunk ENI", "中继网卡";
    PrimaryIpAddress => "Primary private IP", "主私网 IP";
    Eip => "Elastic IP", "弹性公网 IP";
    Ipv6Addresses => "IPv6 addresses", "IPv6 地址";
    Tags => "Tags", "标签";
    ResourceGroup => "Resource group", "资源组";
    QueueNumber => "Queues", "队列数";
    QueueDefault => "the instance type's default", "实例规格的默认值";
    Owner => "Owner account", "所属账号";
    SourceDestCheck => "Source/destination check", "源/目的地址检查";
    ServiceManaged => "Managed by a cloud service", "由云服务托管";
    PrivateIps => "Private IP addresses", "私网 IP 地址";
    Address => "Address", "地址";
    PrimaryMark => "primary", "主 IP";
    UnassignIps => "Unassign selected", "回收所选地址";
    PickAddresses => "Select the secondary addresses to unassign.", "请选择要回收的辅助私网 IP。";
    AssignIps => "Assign secondary IPs", "分配辅助私网 IP";
    AssignCount => "This many free addresses", "自动分配的数量";
    AssignListed => "These addresses", "指定地址";
    AddressesHint => "Addresses are separated by commas or spaces and must be in the vSwitch's CIDR block.", "多个地址以逗号或空格分隔，且须在交换机网段内。";
    AssignNothingYet => "Give a count or the addresses.", "请填写数量或地址。";
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Keys whose Chinese text is rightly the same Latin text as the English.
    const SAME_IN_BOTH: &[(T, &str)] = &[
        (T::Product, "the product's name"),
        (
            T::Vcpu,
            "the unit's name, as Alibaba Cloud's Chinese console writes it",
        ),
    ];

    fn is_han(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
    }

    #[wasm_bindgen_test]
    fn every_key_has_text_in_both_languages() {
        for &key in T::ALL {
            let (en, zh) = (key.text(Lang::En), key.text(Lang::Zh));
            assert!(!en.trim().is_empty(), "{key:?} has no English");
            assert!(!zh.trim().is_empty(), "{key:?} has no Chinese");
            assert!(
                !en.chars().any(is_han),
                "{key:?}: Chinese in the English column: {en:?}"
            );
            if SAME_IN_BOTH.iter().any(|(k, _)| *k == key) {
                assert_eq!(en, zh, "{key:?} is listed as the same in both");
            } else {
                assert!(
                    zh.chars().any(is_han),
                    "{key:?}: English left in the Chinese column: {zh:?}"
                );
            }
        }
    }
}
