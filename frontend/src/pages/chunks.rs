//! Split points. With the `split` feature (the Trunk build), each page is its own wasm chunk,
//! fetched the first time it is shown, so the first load carries the shell and the page asked
//! for rather than every page (issue 9: first load ≤ 250 KB gzip). Without it (tests, clippy) the
//! same functions are plain calls.
//!
//! `wasm-split-cli` cuts the chunks out after `cargo build` (see `cargo xtask split`).

// The split macro declares each chunk's loader as a wasm import (`extern` block, `unsafe` call);
// that is the only unsafe code in the app.
#![allow(unsafe_code)]

use crate::pages::audit::AuditPage;
use crate::pages::enis::page::EnisPage;
use crate::pages::instances::page::InstancesPage;
use crate::pages::wizard::page::WizardPage;
use leptos::prelude::*;

/// `/` and `/enis`.
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn enis_page() -> AnyView {
    view! { <EnisPage/> }.into_any()
}

/// `/instances`.
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn instances_page() -> AnyView {
    view! { <InstancesPage/> }.into_any()
}

/// `/create`.
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn wizard_page() -> AnyView {
    view! { <WizardPage/> }.into_any()
}

/// `/audit`.
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn audit_page() -> AnyView {
    view! { <AuditPage/> }.into_any()
}
