//! Tether's console (Leptos CSR) for Alibaba Cloud ENIs. Data flow: the URL holds the state.
//! Pages load through `LocalResource`s keyed on it, shown by `<Transition>` and `ApiError` banners.
//! The ENI list and the wizard are a store per region, made in a `Memo` keyed on it: what the
//! old region has in flight dies with its store. Every change is an `Action` ([`mutation`]):
//! `pending` drives the button, the answer the banner; polling ([`poller`]) only asks again.

// Every rule comes from `tether_domain`; every network call goes through `api`.

// Tests may unwrap: a panic there is a failed test, which is the point.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod api;
pub mod cli;
pub mod components;
pub mod ctx;
pub mod i18n;
pub mod invisible;
pub mod loaded;
pub mod mutation;
pub mod pages;
pub mod poller;
pub mod router;
pub mod state;
pub mod terraform;
pub mod unicode;

pub use pages::shell::App;

#[cfg(test)]
mod tests;
