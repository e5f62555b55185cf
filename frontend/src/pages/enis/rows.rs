//! The ENI table's body: a set of rows reused across searches and pages. Row `i` shows the
//! `i`-th ENI of the page in place, so a keystroke that changes the rows shown rewrites their
//! text instead of building new rows (measured before: ~80 ms for 50 rows built anew, against
//! a 16 ms budget per keystroke).
//!
//! Each row reads a signal of its own (its slot), written only when that row's ENI changes: a
//! keystroke that narrows the matches but leaves the page's rows as they were notifies nothing
//! past the slot writer. When every row read the page's list instead, each such keystroke
//! marked every cell of 50 rows for a check (measured at 10 000 ENIs: 50–85 ms, most of it in
//! the reactive graph's bookkeeping, for rows that did not change).

use super::row::{EniDialog, EniRow};
use crate::api::now_ms;
use crate::state::stuck::StuckTracker;
use leptos::prelude::*;
use tether_domain::{NetworkInterface, RegionId};

/// One row of the table: the ENI it shows and whether it is shown.
#[derive(Clone, Copy)]
struct Slot {
    eni: RwSignal<NetworkInterface>,
    shown: RwSignal<bool>,
}

/// Copies `visible` into the slots, adding slots (under `owner`, so they outlive this call)
/// when there are more ENIs than rows; a slot past the list is hidden and keeps its last ENI,
/// so showing it again (erasing a search) only rewrites what differs.
fn fill(slots: RwSignal<Vec<Slot>>, owner: &Owner, visible: &[NetworkInterface]) {
    let have = slots.with_untracked(Vec::len);
    if visible.len() > have {
        let added: Vec<Slot> = owner.with(|| {
            visible[have..]
                .iter()
                .map(|eni| Slot {
                    eni: RwSignal::new(eni.clone()),
                    shown: RwSignal::new(true),
                })
                .collect()
        });
        slots.update(|s| s.extend(added));
    }
    slots.with_untracked(|slots| {
        for (at, slot) in slots.iter().enumerate() {
            let now = visible.get(at);
            if let Some(eni) = now
                && slot.eni.with_untracked(|e| e != eni)
            {
                slot.eni.set(eni.clone());
            }
            if slot.shown.get_untracked() != now.is_some() {
                slot.shown.set(now.is_some());
            }
        }
    });
}

/// The rows for `visible` (the ENIs of the page shown).
#[component]
pub fn EniRows(
    #[prop(into)] visible: Signal<Vec<NetworkInterface>>,
    region: RegionId,
    #[prop(into)] tracker: Signal<StuckTracker>,
    open: Callback<EniDialog>,
    reissue: Callback<NetworkInterface>,
) -> impl IntoView {
    let owner = Owner::current().expect("the ENI rows are built under an owner");
    let slots = RwSignal::new(Vec::<Slot>::new());
    // At once, so the first rows are drawn with the table; then on every change of the page.
    visible.with_untracked(|v| fill(slots, &owner, v));
    Effect::new(move |_| visible.with(|v| fill(slots, &owner, v)));
    view! {
        <For each=move || 0..slots.with(Vec::len) key=|at| *at let:at>
            {
                let Slot { eni, shown } = slots.with_untracked(|s| s[at]);
                // Not a memo: a row that reads both `eni` and a memo of it can miss a change of
                // `eni` (Leptos 0.8 skips marking an effect dirty when the memo it reads first
                // recomputes `eni` for it); the row tests this (tests/row_reuse.rs).
                let stuck = Signal::derive(move || {
                    tracker.with(|t| eni.with(|e| t.is_stuck(e, now_ms())))
                });
                view! {
                    <EniRow eni=eni region=region.clone() stuck=stuck open=open reissue=reissue shown=shown/>
                }
            }
        </For>
    }
}
