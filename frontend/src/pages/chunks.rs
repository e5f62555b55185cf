//! Split points. With the `split` feature (the Trunk build), each page is its own wasm chunk,
//! fetched the first time it is shown, so the first load carries the shell and the page asked
//! for rather than every page (issue 9: first load ≤ 250 KB gzip). Without it (tests, clippy) the
//! same functions are plain calls.
//!
//! `wasm-split-cli` cuts the chunks out after `cargo build` (the `cargo xtask split-app` hook).

// The split macro declares each chunk's loader as a wasm import (`extern` block, `unsafe` call);
// that is the only unsafe code in the app.
#![allow(unsafe_code)]

use crate::i18n::{T, tr};
use crate::pages::audit::AuditPage;
use crate::pages::eni_detail::page::EniDetailPage;
use crate::pages::enis::dialogs::DialogArgs;
use crate::pages::enis::page::EnisPage;
use crate::pages::instances::page::InstancesPage;
use crate::pages::instances::release_dialog::ReleaseArgs;
use crate::pages::login::LoginPage;
use crate::pages::wizard::data::{Look, NetworkPart, Wizard};
use crate::pages::wizard::later;
use crate::pages::wizard::page::WizardPage;
use crate::state::wizard::Step;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use tether_domain::api::ApiError;
use tether_domain::{InstanceId, RegionId, RunInstances};

/// A page's chunk could not be fetched: the network failed, or the app was upgraded while the
/// tab was open (chunk names carry a content hash, so old ones are gone).
#[derive(Debug, Clone, Copy)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// The page, or what to do when its chunk did not load (the loader retries on the next visit).
pub fn shown(page: Result<AnyView, ChunkError>) -> AnyView {
    page.unwrap_or_else(|ChunkError| {
        let reload = |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        };
        view! {
            <div class="error-banner" role="alert" data-testid="chunk-error">
                <p>{tr(T::ChunkFailed)}</p>
                <button class="btn" on:click=reload>{tr(T::Reload)}</button>
            </div>
        }
        .into_any()
    })
}

/// Declares a split point: `fallible` so a failed fetch becomes `ChunkError`, not an abort.
macro_rules! split_point {
    ($(#[$doc:meta])* $name:ident => $page:ident) => {
        $(#[$doc])*
        #[cfg_attr(
            feature = "split",
            leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        pub fn $name() -> Result<AnyView, ChunkError> {
            Ok(view! { <$page/> }.into_any())
        }
    };
}

/// The answer of a split point, inside an `async` block: in the split build the call is a
/// future (its chunk may still be on the way), otherwise a plain call.
macro_rules! split_call {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        {
            $call.await
        }
        #[cfg(not(feature = "split"))]
        {
            $call
        }
    }};
}
pub(crate) use split_call;

/// The view of a split point's answer, shown when its chunk has arrived.
macro_rules! split_view {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        {
            leptos::prelude::Suspend::new(async move {
                $crate::pages::chunks::shown($crate::pages::chunks::split_call!($call))
            })
        }
        #[cfg(not(feature = "split"))]
        {
            $crate::pages::chunks::shown($call)
        }
    }};
}
pub(crate) use split_view;

/// Fetches the ENI dialogs' chunk in the background, so the first dialog opens at once. Called a
/// moment after the list is drawn: it is not part of the first load.
pub fn prefetch_eni_dialogs() {
    // Fire and forget, and not data: it fetches code nothing on screen waits for, so there is
    // no answer for a resource to hold or a late one to drop.
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        // A failure is not shown here: opening a dialog loads again and explains a failure.
        let _ = preload_eni_dialog().await;
    });
}

/// The ENI page's dialogs, fetched when the first one opens (or prefetched). Only ever called
/// from the ENI page: the splitter leaves what they share with it in the page's chunk
/// (`LOADED_AFTER` in crates/xtask/src/split.rs), and their loader loads the page's first.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        eni_dialog,
        wasm_split_path = ::leptos::wasm_split,
        preload(preload_eni_dialog),
        fallible
    )
)]
pub fn eni_dialog(args: DialogArgs) -> Result<AnyView, ChunkError> {
    Ok(crate::pages::enis::dialogs::render(args))
}

/// Fetches the Instances page's dialog chunk in the background, a moment after the list is
/// drawn (as [`prefetch_eni_dialogs`]).
pub fn prefetch_instance_dialog() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        let _ = preload_instance_dialog().await;
    });
}

/// The Instances page's release dialog and its DeleteInstance action, fetched when it first
/// opens (or prefetched): the list's first load does not carry them. Only ever called from the
/// Instances page (`LOADED_AFTER` in crates/xtask/src/split.rs).
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        instance_dialog,
        wasm_split_path = ::leptos::wasm_split,
        preload(preload_instance_dialog),
        fallible
    )
)]
pub fn instance_dialog(args: ReleaseArgs) -> Result<AnyView, ChunkError> {
    Ok(crate::pages::instances::release_dialog::render(args))
}

split_point!(/// `/` and `/enis`.
    enis_page => EnisPage);
split_point!(/// `/instances`.
    instances_page => InstancesPage);
split_point!(/// `/create`.
    wizard_page => WizardPage);
split_point!(/// `/audit`.
    audit_page => AuditPage);
split_point!(/// `/enis/<id>`: the ENI detail page and its private IP section.
    eni_detail_page => EniDetailPage);
split_point!(/// `/login`: a signed-in visitor's first load does not carry the sign-in form.
    login_page => LoginPage);

/// Declares a function of the wizard's later chunk (`wizard_later`): the network and review
/// steps and what only they need, fetched once the first step is drawn (see `later`). Only ever
/// called from the wizard's page (`LOADED_AFTER` in crates/xtask/src/split.rs).
macro_rules! wizard_later {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = $body:expr) => {
        $(#[$doc])*
        #[cfg_attr(
            feature = "split",
            leptos::wasm_split::wasm_split(wizard_later, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        pub fn $name($($arg: $ty),*) -> Result<$out, ChunkError> {
            Ok($body)
        }
    };
}

wizard_later!(/// The network or review step.
    fn wizard_step(w: Wizard, step: Step) -> AnyView = later::step_view(w, step));
wizard_later!(/// Loads the network half of the catalogue.
    fn wizard_network(region: RegionId) -> Pin<Box<dyn Future<Output = Result<NetworkPart, ApiError>>>> =
        later::network(region));
wizard_later!(/// Sends RunInstances and looks at the new instance.
    fn wizard_run(req: RunInstances) -> Pin<Box<dyn Future<Output = Look>>> = later::run(req));
wizard_later!(/// One look at the created instance.
    fn wizard_look(region: RegionId, id: InstanceId) -> Pin<Box<dyn Future<Output = Look>>> =
        later::look(region, id));
