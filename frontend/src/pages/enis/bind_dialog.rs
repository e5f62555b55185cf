//! Bind to Instance: every instance of the region, eligible ones selectable, the others greyed
//! with every reason from `can_attach`; a restart offer when only the 2018 rule stands in the way.

use crate::components::dialog::Dialog;
use crate::components::error_banner::ErrorBanner;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::components::status_badge::InstanceBadge;
use crate::i18n::{T, lang, tr};
use crate::state::bind::{Candidate, candidates};
use crate::terraform;
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::*;

/// The dialog; the caller fetches and sends, the dialog only renders and collects the choice.
#[component]
pub fn BindDialog(
    /// The ENI to bind.
    eni: NetworkInterface,
    /// The region (for the call preview).
    region: RegionId,
    /// Every instance of the region.
    #[prop(into)]
    instances: Signal<Vec<Instance>>,
    /// Instance types, for the ENI quotas.
    #[prop(into)]
    types: Signal<Vec<InstanceTypeInfo>>,
    /// Instances are still loading.
    #[prop(into, optional)]
    loading: Signal<bool>,
    /// The instance being restarted, if any.
    #[prop(into, optional)]
    restarting: Signal<Option<String>>,
    /// The attach call is in flight.
    #[prop(into, optional)]
    busy: Signal<bool>,
    /// The last error.
    #[prop(into, optional)]
    error: Signal<Option<ApiError>>,
    /// An instance to select at once, if eligible.
    #[prop(default = None)]
    preselect: Option<String>,
    /// Restart (RebootInstance) the given instance.
    on_restart: Callback<String>,
    /// OK with the chosen instance.
    on_confirm: Callback<InstanceId>,
    /// Cancel.
    on_close: Callback<()>,
) -> impl IntoView {
    let eni_for_list = eni.clone();
    let list =
        Memo::new(move |_| instances.with(|i| types.with(|t| candidates(&eni_for_list, i, t))));
    let selected = RwSignal::new(preselect);
    let chosen = move || {
        let id = selected.get()?;
        list.with(|l| {
            l.iter()
                .find(|c| c.instance.instance_id.as_str() == id && c.eligible())
                .map(|c| c.instance.instance_id.clone())
        })
    };
    let eni_id = eni.network_interface_id.clone();
    let region_for_call = region.clone();
    let call = Signal::derive(move || {
        chosen().map(|instance_id| {
            let req = AttachNetworkInterface {
                region_id: region_for_call.clone(),
                network_interface_id: eni_id.clone(),
                instance_id,
            };
            CallPreview::with_terraform(&req, terraform::attach_network_interface)
        })
    });
    let title = format!("{} · {}", T::Bind.text(lang()), eni.network_interface_id);
    let rows = move || {
        list.get()
            .into_iter()
            .map(|c| view! { <CandidateRow c=c selected=selected restarting=restarting on_restart=on_restart/> })
            .collect_view()
    };
    view! {
        <Dialog title=title on_close=on_close testid="bind-dialog" wide=true>
            <p class="intro">{tr(T::BindIntro)}</p>
            {move || error.get().map(|e| view! { <ErrorBanner error=e/> })}
            <div class="table-wrap">
                <table class="grid candidates" aria-busy=move || loading.get().to_string()>
                    <thead><tr>
                        <th><span class="sr-only">{tr(T::Select)}</span></th><th>{tr(T::Instance)}</th><th>{tr(T::Status)}</th><th>{tr(T::Type)}</th>
                        <th>{tr(T::Zone)}</th><th>{tr(T::Vpc)}</th><th>{tr(T::EniQuota)}</th><th><span class="sr-only">{tr(T::Eligibility)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {move || (loading.get() && list.with(Vec::is_empty)).then(|| view! { <p class="muted pad">{tr(T::Loading)}</p> })}
            </div>
            <ShowCall call=call/>
            <footer class="dialog-foot">
                <button class="btn" on:click=move |_| on_close.run(())>{tr(T::Cancel)}</button>
                <button
                    class="btn primary"
                    data-testid="bind-confirm"
                    disabled=move || chosen().is_none() || busy.get()
                    on:click=move |_| if let Some(id) = chosen() { on_confirm.run(id) }
                >{move || if busy.get() { tr(T::Working)() } else { tr(T::Ok)() }}</button>
            </footer>
        </Dialog>
    }
}

#[component]
fn CandidateRow(
    c: Candidate,
    selected: RwSignal<Option<String>>,
    restarting: Signal<Option<String>>,
    on_restart: Callback<String>,
) -> impl IntoView {
    let id = c.instance.instance_id.to_string();
    let eligible = c.eligible();
    let restart = c.restart_fixes();
    let reasons = c.reasons.clone();
    let (id_sel, id_radio, id_restart, id_busy) = (id.clone(), id.clone(), id.clone(), id.clone());
    let row_testid = format!("bind-candidate-{id}");
    let id_label = id.clone();
    let radio_testid = format!("bind-radio-{id}");
    let used = c.instance.eni_count();
    let quota = c.quota.map_or("?".to_owned(), |q| q.to_string());
    view! {
        <tr class:ineligible=!eligible class:selected=move || selected.get().as_deref() == Some(id_sel.as_str())
            data-testid=row_testid data-eligible=eligible.to_string()>
            <td>
                <input type="radio" name="bind-instance" disabled=!eligible
                    aria-label=id_label
                    data-testid=radio_testid
                    prop:checked=move || selected.get().as_deref() == Some(id_radio.as_str())
                    on:change=move |_| selected.set(Some(id.clone()))/>
            </td>
            <td><div class="mono">{c.instance.instance_id.to_string()}</div><div class="muted small">{c.instance.instance_name.clone()}</div></td>
            <td><InstanceBadge status=c.instance.status/></td>
            <td class="mono">{c.instance.instance_type.to_string()}</td>
            <td>{c.instance.zone_id.to_string()}</td>
            <td class="mono">{c.instance.network().to_owned()}</td>
            <td>{format!("{used}/{quota}")}</td>
            <td class="reasons-cell">
                {if eligible {
                    view! { <span class="ok-text">{tr(T::Eligible)}</span> }.into_any()
                } else {
                    view! {
                        <ul class="reasons" data-testid=format!("bind-reasons-{id_busy}")>
                            {reasons.into_iter().map(|r| {
                                let code = r.code();
                                view! { <li data-code=code>{move || r.message(lang())}</li> }
                            }).collect_view()}
                        </ul>
                        {restart.then(|| {
                            let busy_id = id_busy.clone();
                            view! {
                                <button class="btn small" data-testid=format!("restart-{id_restart}")
                                    disabled=move || restarting.get().is_some()
                                    on:click=move |_| on_restart.run(id_restart.clone())>
                                    {move || if restarting.get().as_deref() == Some(busy_id.as_str()) { tr(T::Restarting)() } else { tr(T::RestartInstance)() }}
                                </button>
                            }
                        })}
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
