//! The ENI page's dialogs (Create, Bind, Unbind, Delete, Modify). They are one wasm chunk of
//! their own, fetched the first time a dialog opens, so the list itself loads sooner.

use super::bind_flow::BindFlow;
use super::create_dialog::CreateDialog;
use super::delete_dialog::DeleteDialog;
use super::modify_dialog::ModifyDialog;
use super::page::run;
use super::row::EniDialog;
use super::store::EniStore;
use super::unbind_dialog::UnbindDialog;
use crate::api::client_token;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tether_domain::api::ApiError;
use tether_domain::*;

/// Everything a dialog needs from the page.
pub struct DialogArgs {
    /// Which dialog, and for which ENI.
    pub which: EniDialog,
    pub region: RegionId,
    /// `?attach=<instance>`: the instance the Bind dialog preselects.
    pub attach_to: Option<String>,
    pub store: EniStore,
    pub v_switches: RwSignal<Vec<VSwitch>>,
    pub groups: RwSignal<Vec<SecurityGroup>>,
    pub busy: RwSignal<bool>,
    /// The dialog's error (the page has its own).
    pub error: RwSignal<Option<ApiError>>,
    /// Set after a successful bind: the page shows the next steps for it.
    pub bound: RwSignal<Option<(String, Instance)>>,
    pub close: Callback<()>,
}

/// The open dialog.
pub fn render(args: DialogArgs) -> AnyView {
    let DialogArgs {
        which,
        region,
        attach_to,
        store,
        v_switches,
        groups,
        busy,
        error,
        bound,
        close,
    } = args;
    let refresh_region = region.clone();
    let refresh_one =
        move |id: String| spawn_local(store.refresh_ids(refresh_region.clone(), vec![id]));
    // Runs `req` and, once it succeeded, closes the dialog and refreshes the ENI's row.
    let refresh_later = refresh_one.clone();
    let then_refresh = move |id: String| {
        let refresh_one = refresh_later.clone();
        move |_| {
            close.run(());
            refresh_one(id)
        }
    };
    match which {
        EniDialog::Create => view! {
            <CreateDialog region=region v_switches=v_switches security_groups=groups client_token=client_token()
                busy=busy error=error on_close=close
                on_submit=Callback::new(move |req: CreateNetworkInterface| run(req, busy, error, move |resp| {
                    store.put(resp.network_interface);
                    close.run(());
                }))/>
        }
        .into_any(),
        EniDialog::Bind(eni) => view! {
            <BindFlow eni=eni.clone() region=region preselect=attach_to on_close=close
                on_bound=Callback::new(move |inst: Instance| {
                    let id = eni.network_interface_id.to_string();
                    bound.set(Some((id.clone(), inst)));
                    close.run(());
                    refresh_one(id);
                })/>
        }
        .into_any(),
        EniDialog::Unbind(eni) => match eni.instance_id.clone() {
            Some(instance_id) => {
                let id = eni.network_interface_id.to_string();
                view! {
                    <UnbindDialog eni=eni instance_id=instance_id region=region busy=busy error=error on_close=close
                        on_confirm=Callback::new(move |req| run(req, busy, error, then_refresh(id.clone())))/>
                }
                .into_any()
            }
            None => ().into_any(),
        },
        EniDialog::Delete(eni) => {
            let id = eni.network_interface_id.to_string();
            view! {
                <DeleteDialog eni=eni region=region busy=busy error=error on_close=close
                    on_confirm=Callback::new(move |req| run(req, busy, error, then_refresh(id.clone())))/>
            }
            .into_any()
        }
        EniDialog::Modify(eni) => {
            let id = eni.network_interface_id.to_string();
            view! {
                <ModifyDialog eni=eni region=region security_groups=groups busy=busy error=error on_close=close
                    on_submit=Callback::new(move |req| run(req, busy, error, then_refresh(id.clone())))/>
            }
            .into_any()
        }
    }
}
