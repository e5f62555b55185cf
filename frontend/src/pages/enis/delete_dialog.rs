//! Delete ENI: a confirmation that needs the ENI ID typed in, because it cannot be undone.

use crate::components::dialog::Dialog;
use crate::components::error_banner::ErrorBanner;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::i18n::{T, lang, tr};
use crate::terraform;
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::*;

/// The delete confirmation.
#[component]
pub fn DeleteDialog(
    eni: NetworkInterface,
    region: RegionId,
    #[prop(into, optional)] busy: Signal<bool>,
    #[prop(into, optional)] error: Signal<Option<ApiError>>,
    on_confirm: Callback<DeleteNetworkInterface>,
    on_close: Callback<()>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let id = eni.network_interface_id.to_string();
    let req = DeleteNetworkInterface {
        region_id: region,
        network_interface_id: eni.network_interface_id.clone(),
    };
    let call = Signal::stored(Some(CallPreview::with_terraform(
        &req,
        terraform::delete_network_interface,
    )));
    let id_check = id.clone();
    let matches = Memo::new(move |_| typed.get().trim() == id_check);
    let title = format!("{} · {}", T::Delete.text(lang()), id);
    view! {
        <Dialog title=title on_close=on_close testid="delete-dialog">
            {move || error.get().map(|e| view! { <ErrorBanner error=e/> })}
            <p>{tr(T::DeleteConfirm)}</p>
            <p><code class="copyable">{id.clone()}</code></p>
            <div class="field" class:invalid=move || !typed.get().is_empty() && !matches.get()>
                <label for="delete-typed">{tr(T::TypeIdMismatch)}</label>
                <input id="delete-typed" type="text" autocomplete="off" data-testid="delete-typed"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <ShowCall call=call/>
            <footer class="dialog-foot">
                <button class="btn" on:click=move |_| on_close.run(())>{tr(T::Cancel)}</button>
                <button class="btn danger" data-testid="delete-confirm"
                    disabled=move || !matches.get() || busy.get()
                    on:click=move |_| on_confirm.run(req.clone())>
                    {tr(T::Delete)}
                </button>
            </footer>
        </Dialog>
    }
}
