//! The security-group checkboxes of the Create and Modify ENI dialogs: the groups of one VPC,
//! each toggling its ID in `chosen` (the order of choice is kept; the API takes any order).

use leptos::prelude::*;
use tether_domain::{SecurityGroup, VpcId};

/// One checkbox per group of `vpc` in `groups`, `data-testid="<testid>-<id>"`.
#[component]
pub fn GroupPicker(
    /// Every group the region has; only those of `vpc` are offered.
    groups: Vec<SecurityGroup>,
    /// The VPC whose groups an ENI may join.
    vpc: VpcId,
    /// The chosen group IDs.
    chosen: RwSignal<Vec<String>>,
    /// Locked (the reason is shown beside the picker by the dialog).
    #[prop(optional)]
    disabled: bool,
    /// Prefix of each checkbox's test ID.
    testid: &'static str,
) -> impl IntoView {
    groups
        .into_iter()
        .filter(|g| g.vpc_id == vpc)
        .map(|g| {
            let id = g.security_group_id.to_string();
            let (id_c, id_t) = (id.clone(), id.clone());
            view! {
                <label class="check">
                    <input type="checkbox" disabled=disabled data-testid=format!("{testid}-{id}")
                        prop:checked=move || chosen.with(|l| l.contains(&id_c))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|l| {
                                l.retain(|x| *x != id_t);
                                if on {
                                    l.push(id_t.clone());
                                }
                            });
                        }/>
                    <span class="mono">{id}</span>" "<span class="muted">{g.security_group_name}</span>
                </label>
            }
        })
        .collect_view()
}
