//! Search and filters above the ENI table.

use crate::i18n::{T, tr};
use crate::state::eni_filter::{EniFilter, parse_status, parse_type};
use leptos::prelude::*;
use tether_domain::EniStatus;

const STATUSES: &[EniStatus] = &[
    EniStatus::Available,
    EniStatus::InUse,
    EniStatus::Attaching,
    EniStatus::Detaching,
    EniStatus::Deleting,
    EniStatus::Creating,
    EniStatus::CreateFailed,
];

/// The filter bar; `vpcs` are the VPC IDs present in the table, `tags` its distinct
/// `(key, value)` tags and `groups` its resource groups.
#[component]
pub fn Toolbar(
    filter: RwSignal<EniFilter>,
    #[prop(into)] vpcs: Signal<Vec<String>>,
    #[prop(into)] tags: Signal<Vec<(String, String)>>,
    #[prop(into)] groups: Signal<Vec<String>>,
) -> impl IntoView {
    // A tag option's value is its place in `tags` (a key or value may hold any character).
    let pick_tag = move |ev| {
        let at = event_target_value(&ev).parse::<usize>().ok();
        let tag = at.and_then(|at| tags.with_untracked(|t| t.get(at).cloned()));
        filter.update(|f| f.tag = tag);
    };
    // The selects show the filter in force, also when the lists change under them (each page of
    // ENIs, each refresh): the page keeps the chosen tag and group in their lists.
    let tag_value = move || {
        filter.with(|f| {
            f.tag
                .as_ref()
                .and_then(|t| tags.with(|l| l.iter().position(|x| x == t)))
                .map(|at| at.to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="toolbar" role="search">
            <label class="sr-only" for="eni-search">{tr(T::Search)}</label>
            <input id="eni-search" class="search" type="search" data-testid="eni-search"
                placeholder=tr(T::SearchEnis)
                prop:value=move || filter.with(|f| f.text.clone())
                on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))/>
            <label class="sr-only" for="eni-status-filter">{tr(T::Status)}</label>
            <select id="eni-status-filter" data-testid="eni-status-filter"
                on:change=move |ev| filter.update(|f| f.status = parse_status(&event_target_value(&ev)))>
                <option value="">{tr(T::AllStatuses)}</option>
                {STATUSES.iter().map(|s| {
                    let s = *s;
                    view! { <option value=s.as_str() selected=move || filter.with(|f| f.status == Some(s))>
                        {move || crate::components::status_badge::eni_status_label(s, crate::i18n::lang())}
                    </option> }
                }).collect_view()}
            </select>
            <label class="sr-only" for="eni-type-filter">{tr(T::Type)}</label>
            <select id="eni-type-filter" data-testid="eni-type-filter"
                on:change=move |ev| filter.update(|f| f.eni_type = parse_type(&event_target_value(&ev)))>
                <option value="">{tr(T::AllTypes)}</option>
                <option value="Primary">{tr(T::Primary)}</option>
                <option value="Secondary">{tr(T::Secondary)}</option>
            </select>
            <label class="sr-only" for="eni-vpc-filter">{tr(T::Vpc)}</label>
            <select id="eni-vpc-filter" data-testid="eni-vpc-filter"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.vpc = (!v.is_empty()).then_some(v));
                }>
                <option value="">{tr(T::AllVpcs)}</option>
                {move || vpcs.get().into_iter().map(|v| view! { <option value=v.clone()>{v.clone()}</option> }).collect_view()}
            </select>
            <label class="sr-only" for="eni-tag-filter">{tr(T::Tags)}</label>
            <select id="eni-tag-filter" data-testid="eni-tag-filter" prop:value=tag_value on:change=pick_tag>
                <option value="">{tr(T::AllTags)}</option>
                {move || tags.get().into_iter().enumerate().map(|(at, (k, v))| {
                    let chosen = (k.clone(), v.clone());
                    view! { <option value=at.to_string() selected=move || filter.with(|f| f.tag.as_ref() == Some(&chosen))>{format!("{k}: {v}")}</option> }
                }).collect_view()}
            </select>
            <label class="sr-only" for="eni-group-filter">{tr(T::ResourceGroup)}</label>
            <select id="eni-group-filter" data-testid="eni-group-filter"
                prop:value=move || filter.with(|f| f.resource_group.clone().unwrap_or_default())
                on:change=move |ev| {
                    let g = event_target_value(&ev);
                    filter.update(|f| f.resource_group = (!g.is_empty()).then_some(g));
                }>
                <option value="">{tr(T::AllResourceGroups)}</option>
                {move || groups.get().into_iter().map(|g| {
                    let chosen = g.clone();
                    view! { <option value=g.clone() selected=move || filter.with(|f| f.resource_group.as_ref() == Some(&chosen))>{g.clone()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
