//! Tether's web console: a Leptos CSR app for Alibaba Cloud ECS elastic network interfaces.
//! Every rule comes from `tether_domain`; every network call goes through [`api`].

// Tests may unwrap: a panic there is a failed test, which is the point.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod api;
pub mod cli;
pub mod components;
pub mod i18n;
pub mod loaded;
pub mod mutation;
pub mod pages;
pub mod poller;
pub mod router;
pub mod state;

pub use pages::shell::App;

#[cfg(test)]
mod tests;
