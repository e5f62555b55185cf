//! Release instance: says what happens to each ENI (from `release_plan`), refuses a release that
//! would delete a protected ENI, and uses Force when the instance is Running.

use crate::components::dialog::Dialog;
use crate::components::error_banner::ErrorBanner;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::ctx::is_protected_eni;
use crate::i18n::{T, lang, tr};
use crate::mutation::{call_action, error_of, on_success};
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::rules::{ReleaseFate, can_release, release_plan};
use tether_domain::*;

/// Everything the release dialog needs from the Instances page.
pub struct ReleaseArgs {
    pub instance: Instance,
    /// The region's ENIs: what happens to each, and whether the release is refused.
    pub enis: Signal<Vec<NetworkInterface>>,
    pub close: Callback<()>,
    /// Once the cloud accepted the release (the page reads its instances again).
    pub released: Callback<()>,
}

/// The dialog with its DeleteInstance action. Made with the dialog, so it starts without an
/// answer (no error left from the last one) and goes away with it; both live in the page's
/// dialog chunk, not in its first load.
pub fn render(args: ReleaseArgs) -> AnyView {
    let ReleaseArgs {
        instance,
        enis,
        close,
        released,
    } = args;
    let release = call_action::<DeleteInstance>();
    on_success(release, move |_| released.run(()));
    view! {
        <ReleaseDialog instance=instance enis=enis busy=release.pending() error=error_of(release) on_close=close
            on_confirm=Callback::new(move |req| { release.dispatch_local(req); })/>
    }
    .into_any()
}

/// The release confirmation.
#[component]
pub fn ReleaseDialog(
    instance: Instance,
    #[prop(into)] enis: Signal<Vec<NetworkInterface>>,
    #[prop(into, optional)] busy: Signal<bool>,
    #[prop(into, optional)] error: Signal<Option<ApiError>>,
    on_confirm: Callback<DeleteInstance>,
    on_close: Callback<()>,
) -> impl IntoView {
    let running = instance.status == InstanceStatus::Running;
    let req = DeleteInstance {
        instance_id: instance.instance_id.clone(),
        region_id: Some(instance.region_id.clone()),
        dry_run: None,
        force: running.then_some(true),
    };
    let call = Signal::stored(Some(CallPreview::of(&req)));
    let for_plan = instance.clone();
    // The row refuses too, but the dialog may be open before the ENIs arrive or change.
    let for_refusals = instance.clone();
    let refusals =
        Memo::new(move |_| enis.with(|e| can_release(&for_refusals, e, is_protected_eni)));
    let refusal_text = move || {
        let l = lang();
        refusals
            .get()
            .into_iter()
            .map(|r| view! { <p class="hint warn">{r.message(l)}</p> })
            .collect_view()
    };
    let plan = move || {
        enis.with(|e| release_plan(&for_plan, e)).into_iter().map(|(id, fate)| {
            let (text, class) = match fate {
                ReleaseFate::Deleted => (T::FateDeleted, "badge bad"),
                ReleaseFate::Detached => (T::FateDetached, "badge idle"),
            };
            view! { <li data-testid=format!("release-fate-{id}")><code>{id.to_string()}</code>" "<span class=class>{tr(text)}</span></li> }
        }).collect_view()
    };
    let title = format!(
        "{} · {}",
        T::ReleaseTitle.text(lang()),
        instance.instance_id
    );
    view! {
        <Dialog title=title on_close=on_close testid="release-dialog">
            {move || error.get().map(|e| view! { <ErrorBanner error=e/> })}
            <p>{tr(T::ReleaseIntro)}</p>
            <ul class="plan">{plan}</ul>
            <div data-testid="release-refusals" role="status">{refusal_text}</div>
            {running.then(|| view! { <p class="hint warn">{tr(T::ForceNote)}</p> })}
            <ShowCall call=call/>
            <footer class="dialog-foot">
                <button class="btn" on:click=move |_| on_close.run(())>{tr(T::Cancel)}</button>
                <button class="btn danger" data-testid="release-confirm" disabled=move || busy.get() || refusals.with(|r| !r.is_empty())
                    on:click=move |_| on_confirm.run(req.clone())>{tr(T::Release)}</button>
            </footer>
        </Dialog>
    }
}
