//! "Show the call" as Terraform: the terraform-provider-alicloud resource a call creates or
//! changes, and the `terraform import` line for an existing ENI, one function per action, each
//! made from the same typed request the dialog sends, so the block cannot drift from the call.
//!
//! It lives here, beside `cli.rs`, rather than in `tether-domain`: it presents a call to a person
//! in the app, as the `aliyun` line does, and the proxy and the simulator (which share the domain)
//! never need it. It is plain Rust (no Leptos), tested on the host and against golden files, and
//! only the dialogs, the wizard's review step and the ENI detail page call it, so wasm-split
//! keeps it in their chunks, out of the first load.
//!
//! Argument names are those of terraform-provider-alicloud (schemas in
//! `alicloud/resource_alicloud_ecs_network_interface.go`, `..._attachment.go` and
//! `resource_alicloud_instance.go`, and `website/docs/r/*.html.markdown`). An API parameter with
//! no argument is written as a comment in the block, never as an invented argument.

pub mod hcl;

mod attachment;
mod eni;
mod instance;

#[cfg(test)]
mod golden;

pub use attachment::attach_network_interface;
pub use eni::{
    assign_private_ip_addresses, create_network_interface, delete_network_interface,
    detach_network_interface, modify_network_interface_attribute, unassign_private_ip_addresses,
};
pub use instance::run_instances;

use tether_domain::{NetworkInterfaceId, RegionId};

/// The ENI resource type.
pub const ENI: &str = "alicloud_ecs_network_interface";

/// What the panel shows as Terraform for one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terraform {
    /// The resource block, when the call creates or changes arguments of one (Detach, Delete and
    /// the private IP calls show only the import line).
    pub config: Option<String>,
    /// `terraform import ...` for each existing ENI the call acts on, one per line.
    pub import: Option<String>,
}

/// The name an existing ENI's resource gets: its ID with underscores (`eni_bp1...`), stable
/// whatever the ENI is called, so the import line and the block name the same resource.
pub fn eni_label(id: &NetworkInterfaceId) -> String {
    id.as_str().replace('-', "_")
}

/// `terraform import alicloud_ecs_network_interface.<name> <eni-id>` (the provider imports an
/// ENI by its ID; IDs are checked `eni-` plus letters and digits, so no shell quoting).
pub fn import_eni(id: &NetworkInterfaceId) -> String {
    format!("terraform import {ENI}.{} {id}", eni_label(id))
}

/// The comment for `RegionId`: no resource takes it, the provider block's `region` does.
fn region_comment(region: &RegionId) -> String {
    format!(
        "RegionId = {}: the provider's region, not an argument here",
        hcl::quoted(region.as_str())
    )
}

/// The comment for an API parameter this resource has no argument for.
fn no_argument(param: &str, value: &str) -> String {
    format!("{param} = {}: no argument here", hcl::quoted(value))
}
