//! Tether's web console: a Leptos CSR app for Alibaba Cloud ECS elastic network interfaces.
//! Every rule comes from `tether_domain`; every network call goes through [`api`].

pub mod api;
pub mod cli;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod poller;
pub mod state;

pub use pages::shell::App;

#[cfg(test)]
mod tests;
