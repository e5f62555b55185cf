//! The Network interfaces page: the region's ENIs, filters, actions, dialogs, and polling while
//! anything is in transition (no refresh button needed to see Attaching become Bound).

use super::dialogs::DialogArgs;
use super::next_steps::NextSteps;
use super::row::EniDialog;
use super::rows::EniRows;
use super::store::use_eni_store;
use super::toolbar::Toolbar;
use crate::components::error_banner::ErrorSlot;
use crate::components::guarded::Guarded;
use crate::components::pager::Pager;
use crate::ctx::use_region;
use crate::i18n::{T, tr};
use crate::mutation::{call_action, error_slot, on_success};
use crate::pages::chunks;
use crate::poller::use_poll;
use crate::router::use_query_map;
use crate::state::eni_filter::{EniFilter, tags_and_groups};
use crate::state::paging::{PAGE_SIZE, page_range};
use crate::state::roles::Role;
use leptos::prelude::*;
use tether_domain::*;

/// `/enis`.
#[component]
pub fn EnisPage() -> impl IntoView {
    let region = use_region();
    let query = use_query_map();
    let attach_to = Memo::new(move |_| query.with(|q| q.get("attach")));
    let store = use_eni_store(region);
    let filter = RwSignal::new(EniFilter {
        text: query.with_untracked(|q| q.get("q").unwrap_or_default()),
        ..Default::default()
    });
    let dialog = RwSignal::new(None::<EniDialog>);
    let loading = RwSignal::new(false);
    let bound = RwSignal::new(None::<(String, Instance)>);

    if attach_to.get_untracked().is_some() {
        filter.update(|f| f.status = Some(EniStatus::Available));
    }
    // Once the list is on screen, fetch the dialogs' code while the user reads it. Once: after
    // that the effect reads no signal, so it never runs again.
    Effect::new(move |prefetched: Option<bool>| {
        if prefetched == Some(true) {
            return true;
        }
        let loaded = store.with(|s| s.page.with(Option::is_some));
        if loaded {
            set_timeout(
                chunks::prefetch_eni_dialogs,
                std::time::Duration::from_secs(1),
            );
        }
        loaded
    });
    let transitional = Memo::new(move |_| {
        store
            .get()
            .enis
            .with(|e| e.iter().any(|e| e.status.is_transitional()))
    });
    use_poll(transitional, move || {
        store.get_untracked().refresh_transitional()
    });

    let close = Callback::new(move |_| dialog.set(None));
    // A row stuck in Deleting or Detaching offers to send the call again.
    let delete_again = call_action::<DeleteNetworkInterface>();
    let detach_again = call_action::<DetachNetworkInterface>();
    on_success(delete_again, move |(req, _)| {
        store
            .get_untracked()
            .refresh_ids(vec![req.network_interface_id.to_string()])
    });
    on_success(detach_again, move |(req, _)| {
        store
            .get_untracked()
            .refresh_ids(vec![req.network_interface_id.to_string()])
    });
    let reissue = Callback::new(move |eni: NetworkInterface| {
        let region_id = region.get_untracked();
        if eni.status == EniStatus::Deleting {
            delete_again.dispatch_local(DeleteNetworkInterface {
                region_id,
                network_interface_id: eni.network_interface_id,
            });
        } else if let Some(instance_id) = eni
            .instance_id
            .clone()
            .or(eni.attachment.map(|a| a.instance_id))
        {
            detach_again.dispatch_local(DetachNetworkInterface {
                region_id,
                network_interface_id: eni.network_interface_id,
                instance_id,
            });
        }
    });
    let open = Callback::new(move |d| dialog.set(Some(d)));

    // Positions in the store's list, not copies: a keystroke at 10 000 ENIs copies the 50 shown.
    let matched = Memo::new(move |_| {
        let store = store.get();
        filter.with(|f| {
            store
                .enis
                .with(|e| store.search.with(|t| f.positions(e, t)))
        })
    });
    let vpcs = Signal::derive(move || {
        // Sorted insert rather than sort + dedup: a page has a handful of VPCs, and this keeps
        // a slice sort (~2 KB gzip) out of the page's first load.
        let mut v: Vec<String> = Vec::new();
        store.get().enis.with(|e| {
            for eni in e {
                let id = eni.vpc_id.as_str();
                if let Err(at) = v.binary_search_by(|x| x.as_str().cmp(id)) {
                    v.insert(at, id.to_owned());
                }
            }
        });
        v
    });
    let tags_and_groups = Memo::new(move |_| store.get().enis.with(|e| tags_and_groups(e)));
    // The chosen tag and group stay choices while the rows holding them are not loaded (a
    // refresh's first page, another region's first pages), so the selects can always show them.
    // Memos all the way: a search keystroke changes the filter but neither list, so the selects'
    // options are not redrawn on the keystroke's clock.
    let chosen_tag = Memo::new(move |_| filter.with(|f| f.tag.clone()));
    let chosen_group = Memo::new(move |_| filter.with(|f| f.resource_group.clone()));
    let tags = Memo::new(move |_| {
        let mut tags = tags_and_groups.with(|(t, _)| t.clone());
        if let Some(chosen) = chosen_tag.get()
            && !tags.contains(&chosen)
        {
            tags.push(chosen);
        }
        tags
    });
    let groups = Memo::new(move |_| {
        let mut groups = tags_and_groups.with(|(_, g)| g.clone());
        if let Some(chosen) = chosen_group.get()
            && !groups.contains(&chosen)
        {
            groups.push(chosen);
        }
        groups
    });
    let dialogs = move || {
        dialog.get().map(|which| {
            let args = DialogArgs {
                which,
                region: region.get_untracked(),
                attach_to: attach_to.get_untracked(),
                store: store.get_untracked(),
                bound,
                close,
            };
            chunks::split_view!(chunks::eni_dialog(args))
        })
    };
    let page = RwSignal::new(0usize);
    // A new search starts on the first page.
    Effect::new(move |_| {
        filter.track();
        page.set(0);
    });
    let visible = Memo::new(move |_| {
        let store = store.get();
        matched.with(|m| {
            let shown = &m[page_range(m.len(), page.get(), PAGE_SIZE).0];
            store.enis.with(|e| {
                shown
                    .iter()
                    .filter_map(|&at| e.get(at).cloned())
                    .collect::<Vec<_>>()
            })
        })
    });
    // The rows are reused until the region changes (its store, and the links, are new).
    let rows = move || {
        let store = store.get();
        view! { <EniRows visible=visible region=store.region() tracker=store.tracker open=open reissue=reissue/> }
    };
    view! {
        <section class="page" data-testid="enis-page">
            <header class="page-head">
                <h1>{tr(T::NavEnis)}</h1>
                <span class="muted count" data-testid="eni-count">{move || { let store = store.get(); format!("{} / {}", matched.with(Vec::len), store.enis.with(Vec::len)) }}</span>
                {move || loading.get().then(|| view! { <span class="spinner" role="status">{tr(T::Refreshing)}</span> })}
                <span class="spacer"></span>
                <button class="btn" data-testid="eni-refresh" on:click=move |_| store.get_untracked().reload()>{tr(T::Refresh)}</button>
                <Guarded testid="create-eni".to_owned() class="btn primary" need=Role::Operator on_click=Callback::new(move |_| open.run(EniDialog::Create))>{tr(T::CreateEni)}</Guarded>
            </header>
            {move || attach_to.get().map(|i| view! {
                <div class="notice" data-testid="attach-notice">{tr(T::AttachFor)}" "<code>{i}</code></div>
            })}
            {move || bound.get().map(|(id, inst)| view! { <NextSteps eni_id=id instance=inst on_dismiss=Callback::new(move |_| bound.set(None))/> })}
            {move || view! { <ErrorSlot error=store.get().error/> }}
            {error_slot(delete_again)}
            {error_slot(detach_again)}
            <Toolbar filter=filter vpcs=vpcs tags=tags groups=groups/>
            <div class="table-wrap">
                <table class="grid" aria-busy=move || loading.get().to_string()>
                    <thead><tr>
                        <th>{tr(T::IdName)}</th><th>{tr(T::Status)}</th><th>{tr(T::Type)}</th><th>{tr(T::Vpc)}</th>
                        <th>{tr(T::VSwitch)}</th><th>{tr(T::Zone)}</th><th>{tr(T::PrivateIp)}</th><th>{tr(T::Mac)}</th>
                        <th>{tr(T::BoundInstance)}</th><th>{tr(T::SecurityGroups)}</th><th>{tr(T::Created)}</th><th>{tr(T::Actions)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                // "Loading" until the region's first page came; then the rows drawn above, or
                // "no ENIs". The spinner follows every page after it.
                <Transition fallback=|| view! { <p class="empty">{tr(T::Loading)}</p> } set_pending=loading>
                    {move || {
                        let page = store.get().page;
                        Suspend::new(async move {
                            let _ = page.await;
                            move || matched.with(Vec::is_empty).then(|| view! { <p class="empty" data-testid="eni-empty">{tr(T::NoEnis)}</p> })
                        })
                    }}
                </Transition>
            </div>
            <Pager page=page total=Signal::derive(move || matched.with(Vec::len)) size=PAGE_SIZE/>
            {move || (!store.get().next_token.get().is_empty()).then(|| view! {
                <button class="btn load-more" data-testid="eni-load-more" on:click=move |_| store.get_untracked().load_more()>{tr(T::LoadMore)}</button>
            })}
            {dialogs}
        </section>
    }
}
