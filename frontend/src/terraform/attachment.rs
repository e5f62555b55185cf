//! `alicloud_ecs_network_interface_attachment`: AttachNetworkInterface as a resource.

use super::hcl::Block;
use super::{Terraform, eni_label, import_eni, region_comment};
use tether_domain::AttachNetworkInterface;

/// AttachNetworkInterface: an attachment named after the ENI (an ENI has one attachment at a
/// time), and the import line for the ENI it binds.
pub fn attach_network_interface(req: &AttachNetworkInterface) -> Terraform {
    let mut b = Block::resource(
        "alicloud_ecs_network_interface_attachment",
        &eni_label(&req.network_interface_id),
    );
    b.comment(region_comment(&req.region_id));
    b.string("network_interface_id", req.network_interface_id.as_str());
    b.string("instance_id", req.instance_id.as_str());
    Terraform {
        config: Some(b.render()),
        import: Some(import_eni(&req.network_interface_id)),
    }
}
