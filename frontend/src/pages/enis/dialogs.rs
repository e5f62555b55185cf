//! The ENI page's dialogs (Create, Bind, Unbind, Delete, Modify). They are one wasm chunk of
//! their own, fetched the first time a dialog opens, so the list itself loads sooner.

use super::bind_flow::BindFlow;
use super::create_dialog::CreateDialog;
use super::delete_dialog::DeleteDialog;
use super::modify_dialog::ModifyDialog;
use super::row::EniDialog;
use super::store::EniStore;
use super::unbind_dialog::UnbindDialog;
use crate::api::{self, client_token};
use crate::loaded::ok_or_default;
use crate::mutation::{CallAction, call_action, error_of, on_success};
use leptos::prelude::*;
use std::future::Future;
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
    /// Set after a successful bind: the page shows the next steps for it.
    pub bound: RwSignal<Option<(String, Instance)>>,
    pub close: Callback<()>,
}

/// The action of a dialog that changes one ENI: once the cloud accepted the call, the dialog
/// closes and the ENI's row is read again. Made with the dialog, so it starts without an answer
/// (no error left from the last dialog) and goes away with it.
fn then_refresh<A>(store: EniStore, close: Callback<()>, id: String) -> CallAction<A>
where
    A: tether_domain::Action + Clone + 'static,
{
    let action = call_action::<A>();
    on_success(action, move |_| {
        close.run(());
        store.refresh_ids(vec![id.clone()]);
    });
    action
}

/// A picker's choices (the region's vSwitches or security groups), loaded when the dialog that
/// offers them opens: their decoding lives in this chunk, not in the list's first load.
fn choices<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> Signal<Vec<T>>
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Vec<T>, ApiError>> + 'static,
{
    let loaded = LocalResource::new(fetch);
    Signal::derive(move || ok_or_default(loaded))
}

/// The open dialog.
pub fn render(args: DialogArgs) -> AnyView {
    let DialogArgs {
        which,
        region,
        attach_to,
        store,
        bound,
        close,
    } = args;
    let groups = {
        let region = region.clone();
        move || choices(move || api::security_groups(region.clone()))
    };
    match which {
        EniDialog::Create => {
            let v_switches = {
                let region = region.clone();
                choices(move || api::v_switches(region.clone()))
            };
            let groups = groups();
            let create = call_action::<CreateNetworkInterface>();
            on_success(create, move |(_, resp)| {
                store.put(resp.network_interface.clone());
                close.run(());
            });
            view! {
                <CreateDialog region=region v_switches=v_switches security_groups=groups client_token=client_token()
                    busy=create.pending() error=error_of(create) on_close=close
                    on_submit=Callback::new(move |req| { create.dispatch_local(req); })/>
            }
            .into_any()
        }
        EniDialog::Bind(eni) => view! {
            <BindFlow eni=eni.clone() region=region preselect=attach_to on_close=close
                on_bound=Callback::new(move |inst: Instance| {
                    let id = eni.network_interface_id.to_string();
                    bound.set(Some((id.clone(), inst)));
                    close.run(());
                    store.refresh_ids(vec![id]);
                })/>
        }
        .into_any(),
        EniDialog::Unbind(eni) => match eni.instance_id.clone() {
            Some(instance_id) => {
                let unbind = then_refresh::<DetachNetworkInterface>(
                    store,
                    close,
                    eni.network_interface_id.to_string(),
                );
                view! {
                    <UnbindDialog eni=eni instance_id=instance_id region=region busy=unbind.pending()
                        error=error_of(unbind) on_close=close
                        on_confirm=Callback::new(move |req| { unbind.dispatch_local(req); })/>
                }
                .into_any()
            }
            None => ().into_any(),
        },
        EniDialog::Delete(eni) => {
            let delete = then_refresh::<DeleteNetworkInterface>(
                store,
                close,
                eni.network_interface_id.to_string(),
            );
            view! {
                <DeleteDialog eni=eni region=region busy=delete.pending() error=error_of(delete) on_close=close
                    on_confirm=Callback::new(move |req| { delete.dispatch_local(req); })/>
            }
            .into_any()
        }
        EniDialog::Modify(eni) => {
            let groups = groups();
            let modify = then_refresh::<ModifyNetworkInterfaceAttribute>(
                store,
                close,
                eni.network_interface_id.to_string(),
            );
            view! {
                <ModifyDialog eni=eni region=region security_groups=groups busy=modify.pending()
                    error=error_of(modify) on_close=close
                    on_submit=Callback::new(move |req| { modify.dispatch_local(req); })/>
            }
            .into_any()
        }
    }
}
