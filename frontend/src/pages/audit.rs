//! `/audit`: the proxy's audit trail with filters, JSON and CSV export, and (admins, simulator
//! backend only) replay of selected records into the simulator with per-record outcomes.

use crate::api;
use crate::components::error_banner::ErrorBanner;
use crate::components::guarded::Guarded;
use crate::ctx::is_simulator;
use crate::i18n::{T, tr};
use crate::loaded::{error_in, keyed, ok_or_default};
use crate::mutation::error_slot;
use crate::state::roles::Role;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tether_domain::api::AuditRecord;

/// The audit filters, as sent to `GET /api/audit`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    /// Exact user.
    pub user: String,
    /// Exact action.
    pub action: String,
    /// A resource ID.
    pub resource: String,
    /// `ok` or an error code.
    pub outcome: String,
}

impl AuditFilter {
    /// The query string (non-empty filters only, encoded), with `Format=csv` when `csv`.
    pub fn query(&self, csv: bool) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("User", &self.user),
            ("Action", &self.action),
            ("Resource", &self.resource),
            ("Outcome", &self.outcome),
        ] {
            let v = v.trim();
            if !v.is_empty() {
                parts.push(format!("{k}={}", js_sys::encode_uri_component(v)));
            }
        }
        if csv {
            parts.push("Format=csv".to_owned());
        }
        parts.join("&")
    }
}

#[component]
fn FilterInput(
    label: T,
    testid: &'static str,
    filter: RwSignal<AuditFilter>,
    field: fn(&mut AuditFilter) -> &mut String,
) -> impl IntoView {
    view! {
        <label class="filter">
            <span>{tr(label)}</span>
            <input type="search" data-testid=testid
                on:change=move |ev| filter.update(|f| *field(f) = event_target_value(&ev))/>
        </label>
    }
}

#[component]
fn AuditRow(
    record: AuditRecord,
    selected: RwSignal<BTreeSet<i64>>,
    replayed: Memo<BTreeMap<i64, String>>,
) -> impl IntoView {
    let id = record.id;
    let ok = record.outcome == "ok";
    let time = record.time.replace('T', " ").replace('Z', "");
    view! {
        <tr data-testid=format!("audit-row-{id}")>
            <td><input type="checkbox" data-testid=format!("audit-select-{id}") aria-label=format!("#{id}")
                prop:checked=move || selected.with(|s| s.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                }/></td>
            <td class="mono">{id}</td>
            <td class="small">{time}</td>
            <td>{record.user}<div class="muted small">{record.role}</div></td>
            <td class="mono">{record.action}<div class="muted small">{record.region}</div></td>
            <td class="mono small resources">{record.resources.split_whitespace().map(|r| view! { <div>{r.to_owned()}</div> }).collect_view()}</td>
            <td><span class=if ok { "badge ok" } else { "badge bad" } data-testid=format!("audit-outcome-{id}")>{record.outcome}</span>
                <div class="muted small" data-testid=format!("audit-reason-{id}")>{record.reason}</div></td>
            <td>{move || replayed.with(|r| r.get(&id).cloned()).map(|o| {
                let class = if o == "ok" { "badge ok" } else { "badge bad" };
                view! { <span class=class data-testid=format!("replay-outcome-{id}")>{o}</span> }
            })}</td>
            <td class="mono small">{record.request_id}</td>
            <td class="small">{record.duration_ms}</td>
            <td><details><summary>{tr(T::Parameters)}</summary><pre class="params-json">{record.parameters}</pre></details></td>
        </tr>
    }
}

/// `/audit`.
#[component]
pub fn AuditPage() -> impl IntoView {
    let filter = RwSignal::new(AuditFilter::default());
    // Keyed on the filters: a new filter asks again, and the answer for an older one is dropped.
    let loaded = keyed(
        move || filter.with(|f| f.query(false)),
        |q: String| async move { api::audit(&q).await },
    );
    let records = Memo::new(move |_| ok_or_default(loaded.get()).records);
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let replay = Action::new_local(|ids: &Vec<i64>| api::replay(ids.clone()));
    let replayed = Memo::new(move |_| {
        replay.value().with(|answer| match answer {
            Some(Ok(answer)) => answer
                .results
                .iter()
                .map(|r| (r.id, r.outcome.clone()))
                .collect(),
            _ => BTreeMap::<i64, String>::new(),
        })
    });
    let replay_selected = Callback::new(move |_| {
        replay.dispatch_local(selected.get_untracked().into_iter().collect());
    });
    let busy = replay.pending();
    let not_sim =
        Signal::derive(move || (!is_simulator()).then(|| tr(T::NotSimulator)().to_owned()));
    let nothing = Signal::derive(move || busy.get() || selected.with(BTreeSet::is_empty));
    let export = move |csv: bool| move || format!("/api/audit?{}", filter.with(|f| f.query(csv)));
    let rows = move || {
        records
            .get()
            .into_iter()
            .map(|r| view! { <AuditRow record=r selected=selected replayed=replayed/> })
            .collect_view()
    };
    view! {
        <section class="page" data-testid="audit-page">
            <header class="page-head">
                <h1>{tr(T::NavAudit)}</h1>
                <span class="muted count" data-testid="audit-count">{move || records.with(Vec::len)}</span>
                <span class="spacer"></span>
                <button class="btn" data-testid="audit-refresh" on:click=move |_| loaded.get_untracked().refetch()>{tr(T::Refresh)}</button>
                <a class="btn" data-testid="audit-export-json" href=export(false) download="tether-audit.json">{tr(T::ExportJson)}</a>
                <a class="btn" data-testid="audit-export-csv" href=export(true) download="tether-audit.csv">{tr(T::ExportCsv)}</a>
            </header>
            <p class="muted">{tr(T::AuditIntro)}</p>
            {move || error_in(loaded.get()).map(|e| view! { <ErrorBanner error=e/> })}
            {error_slot(replay)}
            <div class="toolbar" role="search">
                <FilterInput label=T::UserName testid="audit-filter-user" filter=filter field=|f| &mut f.user/>
                <FilterInput label=T::Action testid="audit-filter-action" filter=filter field=|f| &mut f.action/>
                <FilterInput label=T::Resource testid="audit-filter-resource" filter=filter field=|f| &mut f.resource/>
                <FilterInput label=T::Outcome testid="audit-filter-outcome" filter=filter field=|f| &mut f.outcome/>
                <span class="spacer"></span>
                <Guarded testid="audit-replay".to_owned() class="btn primary" need=Role::Admin extra=not_sim off=nothing
                    on_click=replay_selected>{tr(T::ReplaySim)}</Guarded>
            </div>
            <div class="table-wrap">
                <table class="grid audit">
                    <thead><tr>
                        <th><span class="sr-only">{tr(T::Select)}</span></th><th>"#"</th><th>{tr(T::Time)}</th><th>{tr(T::UserName)}</th>
                        <th>{tr(T::Action)}</th><th>{tr(T::Resource)}</th><th>{tr(T::Outcome)}</th><th>{tr(T::Replayed)}</th>
                        <th>{tr(T::RequestId)}</th><th>{tr(T::Duration)}</th><th>{tr(T::Parameters)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <Transition fallback=|| view! { <p class="empty">{tr(T::Loading)}</p> }>
                    {move || {
                        let loaded = loaded.get();
                        Suspend::new(async move {
                            let _ = loaded.await;
                            move || records.with(Vec::is_empty).then(|| view! { <p class="empty" data-testid="audit-empty">{tr(T::NoAudit)}</p> })
                        })
                    }}
                </Transition>
            </div>
        </section>
    }
}
