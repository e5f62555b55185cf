//! `alicloud_ecs_network_interface`: CreateNetworkInterface as a new resource,
//! ModifyNetworkInterfaceAttribute as the arguments it changes, and the import line for every
//! other call on an existing ENI.

use super::hcl::{Block, label};
use super::{ENI, Terraform, eni_label, import_eni, no_argument, region_comment};
use tether_domain::{
    AssignPrivateIpAddresses, CreateNetworkInterface, DeleteNetworkInterface,
    DetachNetworkInterface, ModifyNetworkInterfaceAttribute, NetworkInterfaceId,
    UnassignPrivateIpAddresses,
};

/// CreateNetworkInterface: the new resource, named after the ENI's name.
pub fn create_network_interface(req: &CreateNetworkInterface) -> Terraform {
    // Every field by name, no `..`: a parameter added to the request does not compile here
    // until it has its argument or its comment, so the block cannot fall behind the call.
    let CreateNetworkInterface {
        region_id,
        v_switch_id,
        security_group_id: _,
        security_group_ids: _,
        primary_ip_address,
        network_interface_name,
        description,
        secondary_private_ip_address_count,
        private_ip_address,
        ipv6_address_count,
        ipv6_address,
        delete_on_release,
        client_token,
        tag,
        resource_group_id,
        queue_number,
        source_dest_check,
    } = req;
    let name = label(network_interface_name.as_deref().unwrap_or(""), "eni");
    let mut b = Block::resource(ENI, &name);
    b.comment(region_comment(region_id));
    if let Some(token) = client_token {
        b.comment(no_argument("ClientToken", token));
    }
    b.string("vswitch_id", v_switch_id.as_str());
    // `SecurityGroupId` and `SecurityGroupIds.N` are one set to the provider, which sends
    // `SecurityGroupIds.N`.
    let groups = req.security_groups();
    b.strings("security_group_ids", groups.iter().map(|g| g.as_str()));
    b.optional_string("network_interface_name", network_interface_name.as_deref());
    b.optional_string("description", description.as_deref());
    b.optional_string("primary_ip_address", primary_ip_address.as_deref());
    b.plain(
        "secondary_private_ip_address_count",
        *secondary_private_ip_address_count,
    );
    b.strings(
        "private_ip_addresses",
        private_ip_address.iter().map(String::as_str),
    );
    b.plain("ipv6_address_count", *ipv6_address_count);
    b.strings("ipv6_addresses", ipv6_address.iter().map(String::as_str));
    b.plain("delete_on_release", *delete_on_release);
    b.plain("source_dest_check", *source_dest_check);
    b.plain("queue_number", *queue_number);
    b.optional_string("resource_group_id", resource_group_id.as_deref());
    b.map(
        "tags",
        tag.iter().map(|t| (t.key.as_str(), t.value.as_str())),
    );
    Terraform {
        config: Some(b.render()),
        import: None,
    }
}

/// ModifyNetworkInterfaceAttribute: the ENI's resource with the arguments the call changes.
pub fn modify_network_interface_attribute(req: &ModifyNetworkInterfaceAttribute) -> Terraform {
    // Every field by name, as in `create_network_interface`.
    let ModifyNetworkInterfaceAttribute {
        region_id,
        network_interface_id,
        network_interface_name,
        description,
        security_group_id,
        delete_on_release,
        source_dest_check,
    } = req;
    let mut b = Block::resource(ENI, &eni_label(network_interface_id));
    b.comment(region_comment(region_id));
    b.comment("only the arguments this call changes; keep the others as they are");
    b.optional_string("network_interface_name", network_interface_name.as_deref());
    b.optional_string("description", description.as_deref());
    // The provider sends `security_group_ids` as `SecurityGroupId.N` here, the whole set.
    b.strings(
        "security_group_ids",
        security_group_id.iter().map(|g| g.as_str()),
    );
    b.plain("delete_on_release", *delete_on_release);
    b.plain("source_dest_check", *source_dest_check);
    Terraform {
        config: Some(b.render()),
        import: Some(import_eni(network_interface_id)),
    }
}

/// The import line alone: the call changes no argument a configuration could show.
fn import_only(eni: &NetworkInterfaceId) -> Terraform {
    Terraform {
        config: None,
        import: Some(import_eni(eni)),
    }
}

/// DetachNetworkInterface: in Terraform, the attachment resource goes away; the ENI stays.
pub fn detach_network_interface(req: &DetachNetworkInterface) -> Terraform {
    import_only(&req.network_interface_id)
}

/// DeleteNetworkInterface: in Terraform, the ENI's resource goes away.
pub fn delete_network_interface(req: &DeleteNetworkInterface) -> Terraform {
    import_only(&req.network_interface_id)
}

/// AssignPrivateIpAddresses: the provider makes this call when `private_ip_addresses` or
/// `secondary_private_ip_address_count` grows, values the request alone does not give.
pub fn assign_private_ip_addresses(req: &AssignPrivateIpAddresses) -> Terraform {
    import_only(&req.network_interface_id)
}

/// UnassignPrivateIpAddresses: the provider makes this call when `private_ip_addresses` shrinks.
pub fn unassign_private_ip_addresses(req: &UnassignPrivateIpAddresses) -> Terraform {
    import_only(&req.network_interface_id)
}
