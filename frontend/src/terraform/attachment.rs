//! `alicloud_ecs_network_interface_attachment`: AttachNetworkInterface as a resource.

use super::hcl::Block;
use super::{Terraform, eni_label, import_eni, region_comment};
use tether_domain::AttachNetworkInterface;

/// AttachNetworkInterface: an attachment named after the ENI (an ENI has one attachment at a
/// time), and the import line for the ENI it binds.
pub fn attach_network_interface(req: &AttachNetworkInterface) -> Terraform {
    // Every field by name (see `create_network_interface`).
    let AttachNetworkInterface {
        region_id,
        network_interface_id,
        instance_id,
    } = req;
    let mut b = Block::resource(
        "alicloud_ecs_network_interface_attachment",
        &eni_label(network_interface_id),
    );
    b.comment(region_comment(region_id));
    b.string("network_interface_id", network_interface_id.as_str());
    b.string("instance_id", instance_id.as_str());
    Terraform {
        config: Some(b.render()),
        import: Some(import_eni(network_interface_id)),
    }
}
