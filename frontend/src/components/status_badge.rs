//! Status badges coloured by meaning: settled-good, settled-idle, in progress, failed.

use crate::i18n::lang;
use leptos::prelude::*;
use tether_domain::{EniStatus, InstanceStatus, Lang};

/// The console's label for an ENI status (`InUse` is "Bound").
pub fn eni_status_label(status: EniStatus, lang: Lang) -> &'static str {
    use EniStatus::*;
    match status {
        Creating => lang.pick("Creating", "创建中"),
        Available => lang.pick("Available", "可用"),
        Attaching => lang.pick("Attaching", "绑定中"),
        InUse => lang.pick("Bound", "已绑定"),
        Detaching => lang.pick("Detaching", "解绑中"),
        Deleting => lang.pick("Deleting", "删除中"),
        CreateFailed => lang.pick("CreateFailed", "创建失败"),
        Unknown => lang.pick("Unknown", "未知"),
    }
}

/// The label for an instance status.
pub fn instance_status_label(status: InstanceStatus, lang: Lang) -> &'static str {
    use InstanceStatus::*;
    match status {
        Pending => lang.pick("Pending", "准备中"),
        Starting => lang.pick("Starting", "启动中"),
        Running => lang.pick("Running", "运行中"),
        Stopping => lang.pick("Stopping", "停止中"),
        Stopped => lang.pick("Stopped", "已停止"),
        Unknown => lang.pick("Unknown", "未知"),
    }
}

fn eni_tone(status: EniStatus) -> &'static str {
    match status {
        EniStatus::InUse => "badge ok",
        EniStatus::Available => "badge idle",
        EniStatus::CreateFailed | EniStatus::Unknown => "badge bad",
        _ => "badge busy",
    }
}

/// An ENI status badge (signals where it follows a changing ENI in place: a row of the ENI
/// table).
#[component]
pub fn EniBadge(
    #[prop(into)] status: Signal<EniStatus>,
    #[prop(optional, into)] testid: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <span class=move || eni_tone(status.get()) data-testid=move || testid.get()
            data-status=move || status.get().as_str()>
            {move || eni_status_label(status.get(), lang())}
        </span>
    }
}

/// An instance status badge.
#[component]
pub fn InstanceBadge(status: InstanceStatus, #[prop(optional)] testid: String) -> impl IntoView {
    let tone = match status {
        InstanceStatus::Running => "badge ok",
        InstanceStatus::Stopped => "badge idle",
        InstanceStatus::Unknown => "badge bad",
        _ => "badge busy",
    };
    view! {
        <span class=tone data-testid=testid data-status=status.as_str()>
            {move || instance_status_label(status, lang())}
        </span>
    }
}
