//! Create ENI: vSwitch, security groups of its VPC, name, description, optional primary IP, with
//! the domain's field rules checked as the user types.

use crate::components::dialog::Dialog;
use crate::components::error_banner::ErrorBanner;
use crate::components::group_picker::GroupPicker;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::components::text_field::TextField;
use crate::i18n::{T, lang, tr};
use crate::terraform;
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::fields::{
    check_description, check_eni_name, check_ipv4, check_security_group_count,
};
use tether_domain::*;

fn first_message(errors: Vec<FieldError>) -> Option<String> {
    errors.first().map(|e| e.message(lang()))
}

fn optional(text: String) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The Create ENI dialog; `on_submit` gets a request that passed every field rule.
#[component]
pub fn CreateDialog(
    region: RegionId,
    #[prop(into)] v_switches: Signal<Vec<VSwitch>>,
    #[prop(into)] security_groups: Signal<Vec<SecurityGroup>>,
    /// Generated once per opening, so a double click cannot create twice.
    client_token: String,
    #[prop(into, optional)] busy: Signal<bool>,
    #[prop(into, optional)] error: Signal<Option<ApiError>>,
    on_submit: Callback<CreateNetworkInterface>,
    on_close: Callback<()>,
) -> impl IntoView {
    let vsw = RwSignal::new(String::new());
    let groups = RwSignal::new(Vec::<String>::new());
    let (name, description, ip) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let chosen_vsw = Memo::new(move |_| {
        v_switches.with(|l| {
            l.iter()
                .find(|v| v.v_switch_id.as_str() == vsw.get())
                .cloned()
        })
    });
    let name_err = Signal::derive(move || {
        optional(name.get()).and_then(|n| first_message(check_eni_name("NetworkInterfaceName", &n)))
    });
    let desc_err = Signal::derive(move || {
        optional(description.get())
            .and_then(|d| first_message(check_description("Description", &d)))
    });
    let ip_err = Signal::derive(move || {
        optional(ip.get()).and_then(|i| first_message(check_ipv4("PrimaryIpAddress", &i)))
    });
    let sg_err = move || {
        chosen_vsw.get().and_then(|_| {
            first_message(check_security_group_count(
                "SecurityGroupIds",
                groups.with(Vec::len),
            ))
        })
    };
    let request = Memo::new(move |_| {
        let v_switch_id = chosen_vsw.get()?.v_switch_id;
        let req = CreateNetworkInterface {
            security_group_ids: groups.get().iter().filter_map(|g| g.parse().ok()).collect(),
            primary_ip_address: optional(ip.get()),
            network_interface_name: optional(name.get()),
            description: optional(description.get()),
            client_token: Some(client_token.clone()),
            ..CreateNetworkInterface::new(region.clone(), v_switch_id)
        };
        Validated::new(req).ok().map(|v| v.get().clone())
    });
    let call = Signal::derive(move || {
        request
            .get()
            .map(|r| CallPreview::with_terraform(&r, terraform::create_network_interface))
    });
    let vsw_options = move || {
        v_switches
            .get()
            .into_iter()
            .map(|v| {
                let label = format!(
                    "{} · {} · {} ({})",
                    v.v_switch_name, v.v_switch_id, v.zone_id, v.cidr_block
                );
                view! { <option value=v.v_switch_id.to_string()>{label}</option> }
            })
            .collect_view()
    };
    let group_boxes = move || {
        let Some(v) = chosen_vsw.get() else {
            return view! { <p class="muted">{tr(T::ChooseVSwitch)}</p> }.into_any();
        };
        view! { <GroupPicker groups=security_groups.get() vpc=v.vpc_id chosen=groups testid="create-sg"/> }
            .into_any()
    };
    view! {
        <Dialog title=Signal::derive(move || tr(T::CreateEni)().to_owned()) on_close=on_close testid="create-dialog">
            {move || error.get().map(|e| view! { <ErrorBanner error=e/> })}
            <div class="field">
                <label for="create-vswitch">{tr(T::VSwitch)}</label>
                <select id="create-vswitch" data-testid="create-vswitch" data-autofocus
                    on:change=move |ev| { vsw.set(event_target_value(&ev)); groups.set(Vec::new()); }>
                    <option value="" selected=true>{tr(T::Choose)}</option>
                    {vsw_options}
                </select>
            </div>
            <fieldset class="field">
                <legend>{tr(T::SecurityGroups)}</legend>
                <p class="hint">{tr(T::SgHint)}</p>
                {group_boxes}
                <p class="field-error" data-testid="create-sg-error">{sg_err}</p>
            </fieldset>
            <TextField label=Signal::derive(move || tr(T::Name)().to_owned()) value=name error=name_err testid="create-name"/>
            <TextField label=Signal::derive(move || tr(T::Description)().to_owned()) value=description error=desc_err testid="create-description"/>
            <TextField label=Signal::derive(move || tr(T::PrimaryIpOptional)().to_owned()) value=ip error=ip_err testid="create-ip"/>
            <ShowCall call=call/>
            <footer class="dialog-foot">
                <button class="btn" on:click=move |_| on_close.run(())>{tr(T::Cancel)}</button>
                <button class="btn primary" data-testid="create-submit"
                    disabled=move || request.with(Option::is_none) || busy.get()
                    on:click=move |_| if let Some(r) = request.get_untracked() { on_submit.run(r) }>
                    {move || if busy.get() { tr(T::Working)() } else { tr(T::CreateEni)() }}
                </button>
            </footer>
        </Dialog>
    }
}
