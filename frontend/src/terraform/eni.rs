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
    let name = label(req.network_interface_name.as_deref().unwrap_or(""), "eni");
    let mut b = Block::resource(ENI, &name);
    b.comment(region_comment(&req.region_id));
    if let Some(token) = &req.client_token {
        b.comment(no_argument("ClientToken", token));
    }
    b.string("vswitch_id", req.v_switch_id.as_str());
    // `SecurityGroupId` and `SecurityGroupIds.N` are one set to the provider, which sends
    // `SecurityGroupIds.N`.
    let groups = req.security_groups();
    b.strings("security_group_ids", groups.iter().map(|g| g.as_str()));
    b.optional_string(
        "network_interface_name",
        req.network_interface_name.as_deref(),
    );
    b.optional_string("description", req.description.as_deref());
    b.optional_string("primary_ip_address", req.primary_ip_address.as_deref());
    b.plain(
        "secondary_private_ip_address_count",
        req.secondary_private_ip_address_count,
    );
    b.strings(
        "private_ip_addresses",
        req.private_ip_address.iter().map(String::as_str),
    );
    b.plain("delete_on_release", req.delete_on_release);
    b.plain("queue_number", req.queue_number);
    b.optional_string("resource_group_id", req.resource_group_id.as_deref());
    b.map(
        "tags",
        req.tag.iter().map(|t| (t.key.as_str(), t.value.as_str())),
    );
    Terraform {
        config: Some(b.render()),
        import: None,
    }
}

/// ModifyNetworkInterfaceAttribute: the ENI's resource with the arguments the call changes.
pub fn modify_network_interface_attribute(req: &ModifyNetworkInterfaceAttribute) -> Terraform {
    let mut b = Block::resource(ENI, &eni_label(&req.network_interface_id));
    b.comment(region_comment(&req.region_id));
    b.comment("only the arguments this call changes; keep the others as they are");
    b.optional_string(
        "network_interface_name",
        req.network_interface_name.as_deref(),
    );
    b.optional_string("description", req.description.as_deref());
    // The provider sends `security_group_ids` as `SecurityGroupId.N` here, the whole set.
    b.strings(
        "security_group_ids",
        req.security_group_id.iter().map(|g| g.as_str()),
    );
    b.plain("delete_on_release", req.delete_on_release);
    Terraform {
        config: Some(b.render()),
        import: Some(import_eni(&req.network_interface_id)),
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
