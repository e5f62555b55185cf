//! Unbind: confirm the detach and show the call.

use crate::components::dialog::Dialog;
use crate::components::error_banner::ErrorBanner;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::i18n::{T, lang, tr};
use crate::terraform;
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::*;

/// The detach confirmation; the ENI must be bound (the caller checks `can_detach`).
#[component]
pub fn UnbindDialog(
    eni: NetworkInterface,
    instance_id: InstanceId,
    region: RegionId,
    #[prop(into, optional)] busy: Signal<bool>,
    #[prop(into, optional)] error: Signal<Option<ApiError>>,
    on_confirm: Callback<DetachNetworkInterface>,
    on_close: Callback<()>,
) -> impl IntoView {
    let req = DetachNetworkInterface {
        region_id: region,
        network_interface_id: eni.network_interface_id.clone(),
        instance_id: instance_id.clone(),
    };
    let call = Signal::stored(Some(CallPreview::with_terraform(
        &req,
        terraform::detach_network_interface,
    )));
    let title = format!("{} · {}", T::Unbind.text(lang()), eni.network_interface_id);
    view! {
        <Dialog title=title on_close=on_close testid="unbind-dialog">
            {move || error.get().map(|e| view! { <ErrorBanner error=e/> })}
            <p>{tr(T::UnbindConfirm)}</p>
            <p><code>{eni.network_interface_id.to_string()}</code>" → "<code>{instance_id.to_string()}</code></p>
            <ShowCall call=call/>
            <footer class="dialog-foot">
                <button class="btn" on:click=move |_| on_close.run(())>{tr(T::Cancel)}</button>
                <button class="btn primary" data-testid="unbind-confirm" disabled=move || busy.get()
                    on:click=move |_| on_confirm.run(req.clone())>{tr(T::Unbind)}</button>
            </footer>
        </Dialog>
    }
}
