//! Previous / next controls for a paged table.

use crate::i18n::{T, tr};
use crate::state::paging::page_range;
use leptos::prelude::*;

/// Pager for a list of `total` items shown `size` per page; `page` is 0-based.
// A closure holding `>` goes in braces: bare, the view macro ends the tag at it (the Next
// button had shown its own code as text, and no click handler, from 2026-11-25 to -30).
#[component]
pub fn Pager(
    page: RwSignal<usize>,
    #[prop(into)] total: Signal<usize>,
    size: usize,
) -> impl IntoView {
    let pages = move || page_range(total.get(), page.get(), size).1;
    let current = move || page.get().min(pages() - 1);
    view! {
        <nav class="pager" aria-label=tr(T::Pages) data-testid="pager">
            <button class="btn small" data-testid="pager-prev" disabled=move || current() == 0
                on:click=move |_| page.set(current().saturating_sub(1))>{tr(T::PrevPage)}</button>
            <span class="muted" data-testid="pager-label">{move || format!("{} / {}", current() + 1, pages())}</span>
            <button class="btn small" data-testid="pager-next" disabled={move || current() + 1 >= pages()}
                on:click=move |_| page.set(current() + 1)>{tr(T::NextPage)}</button>
        </nav>
    }
}
