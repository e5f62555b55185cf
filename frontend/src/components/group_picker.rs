//! The security-group checkboxes of the Create and Modify ENI dialogs and of the ENI detail
//! page's editor: the groups of one VPC, each toggling its ID in `chosen` (the order of choice is
//! kept; the API takes any order). A group the caller's rules refuse is locked, with the reason.

use crate::i18n::lang;
use leptos::prelude::*;
use tether_domain::rules::Reason;
use tether_domain::{SecurityGroup, VpcId};

/// One checkbox per group of `vpc` in `groups`, `data-testid="<testid>-<id>"`; a refused one's
/// reason is `<testid>-<id>-reason`.
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
    /// Why a group may not be chosen now (the domain's reasons; empty when it may). A chosen
    /// group can always be unticked: only unchosen ones are locked.
    #[prop(optional)]
    refusal: Option<Callback<SecurityGroup, Vec<Reason>>>,
    /// Prefix of each checkbox's test ID.
    testid: &'static str,
) -> impl IntoView {
    groups
        .into_iter()
        .filter(|g| g.vpc_id == vpc)
        .map(|g| {
            let id = g.security_group_id.to_string();
            let (id_c, id_t, id_r) = (id.clone(), id.clone(), id.clone());
            let candidate = g.clone();
            let why = Memo::new(move |_| {
                let l = lang();
                let picked = chosen.with(|c| c.contains(&id_r));
                let reasons = match refusal {
                    Some(f) if !picked => f.run(candidate.clone()),
                    _ => Vec::new(),
                };
                let text = reasons.iter().map(|r| r.message(l)).collect::<Vec<_>>().join(" ");
                (!text.is_empty()).then_some(text)
            });
            let reason_id = format!("{testid}-{id}-reason");
            let described = reason_id.clone();
            view! {
                <label class="check">
                    <input type="checkbox" data-testid=format!("{testid}-{id}")
                        disabled=move || disabled || why.with(Option::is_some)
                        title=move || why.get()
                        aria-describedby=move || why.with(Option::is_some).then(|| described.clone())
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
                    {move || why.get().map(|r| view! {
                        <span class="hint warn small" id=reason_id.clone() data-testid=reason_id.clone()>" "{r}</span>
                    })}
                </label>
            }
        })
        .collect_view()
}
