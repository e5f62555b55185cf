//! Plain, natively testable state and logic behind the components.

pub mod bind;
pub mod eni_filter;
pub mod eni_list;
pub mod fold;
pub mod paging;
pub mod poll;
pub mod private_ips;
pub mod roles;
pub mod stuck;
pub mod wizard;

#[cfg(test)]
pub mod fixtures;
