//! `alicloud_instance`: the wizard's RunInstances as a resource.

use super::hcl::{Block, label};
use super::{Terraform, import_eni, no_argument, region_comment};
use tether_domain::{EniType, RunInstances, RunNetworkInterface, SecurityGroupId};

/// RunInstances: one `alicloud_instance` named after the instance. The primary ENI's settings
/// are the resource's own arguments (the provider sends them top-level or as
/// `NetworkInterface.1`); each secondary ENI is a `network_interfaces` block.
pub fn run_instances(req: &RunInstances) -> Terraform {
    let name = label(req.instance_name.as_deref().unwrap_or(""), "instance");
    let mut b = Block::resource("alicloud_instance", &name);
    b.comment(region_comment(&req.region_id));
    if let Some(token) = &req.client_token {
        b.comment(no_argument("ClientToken", token));
    }
    if let Some(io) = &req.io_optimized {
        // Removed from the provider in 1.213.1: every instance it launches is I/O optimized.
        b.comment(no_argument("IoOptimized", io));
    }
    if let Some(n) = req.amount.filter(|n| *n > 1) {
        b.comment(format!(
            "Amount = {n}: Terraform's count, one RunInstances call per instance"
        ));
        b.plain("count", Some(n));
    }
    let numbered = || (1..).zip(&req.network_interface);
    let primary = numbered().find(|(_, nic)| nic.instance_type == EniType::Primary);
    b.optional_string(
        "availability_zone",
        req.zone_id.as_ref().map(|z| z.as_str()),
    );
    b.string("image_id", req.image_id.as_str());
    b.string("instance_type", req.instance_type.as_str());
    b.optional_string("instance_name", req.instance_name.as_deref());
    let nic = primary.map(|(_, nic)| nic);
    let vswitch = nic
        .and_then(|n| n.v_switch_id.as_ref())
        .or(req.v_switch_id.as_ref());
    b.optional_string("vswitch_id", vswitch.map(|v| v.as_str()));
    // The top-level group and the primary ENI's are one `security_groups` set.
    let mut groups: Vec<&SecurityGroupId> = Vec::new();
    let nic_groups = nic
        .into_iter()
        .flat_map(|n| n.security_group_id.iter().chain(&n.security_group_ids));
    for g in req.security_group_id.iter().chain(nic_groups) {
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    b.strings("security_groups", groups.into_iter().map(|g| g.as_str()));
    b.optional_string(
        "private_ip",
        nic.and_then(|n| n.primary_ip_address.as_deref()),
    );
    b.optional_string(
        "network_interface_id",
        nic.and_then(|n| n.network_interface_id.as_ref())
            .map(|e| e.as_str()),
    );
    b.plain("dry_run", req.dry_run);
    if let Some((i, nic)) = primary {
        unmapped(&mut b, i, nic);
    }
    b.map(
        "tags",
        req.tag.iter().map(|t| (t.key.as_str(), t.value.as_str())),
    );
    for (i, nic) in numbered().filter(|(_, nic)| nic.instance_type != EniType::Primary) {
        b.block(secondary(i, nic));
    }
    let imports: Vec<String> = req
        .network_interface
        .iter()
        .filter_map(|nic| nic.network_interface_id.as_ref())
        .map(import_eni)
        .collect();
    Terraform {
        config: Some(b.render()),
        import: (!imports.is_empty()).then(|| imports.join("\n")),
    }
}

/// `NetworkInterface.<i>` as a `network_interfaces` block.
fn secondary(i: usize, nic: &RunNetworkInterface) -> Block {
    let mut b = Block::nested("network_interfaces");
    b.optional_string(
        "network_interface_id",
        nic.network_interface_id.as_ref().map(|e| e.as_str()),
    );
    b.optional_string("vswitch_id", nic.v_switch_id.as_ref().map(|v| v.as_str()));
    b.strings(
        "security_group_ids",
        nic.security_group_id
            .iter()
            .chain(&nic.security_group_ids)
            .map(|g| g.as_str()),
    );
    if let Some(ip) = &nic.primary_ip_address {
        b.comment(no_argument(
            &format!("NetworkInterface.{i}.PrimaryIpAddress"),
            ip,
        ));
    }
    unmapped(&mut b, i, nic);
    b
}

/// Comments for what an ENI of RunInstances sets and `alicloud_instance` has no argument for.
fn unmapped(b: &mut Block, i: usize, nic: &RunNetworkInterface) {
    let at = |param: &str| format!("NetworkInterface.{i}.{param}");
    if let Some(name) = &nic.network_interface_name {
        b.comment(no_argument(&at("NetworkInterfaceName"), name));
    }
    if let Some(text) = &nic.description {
        b.comment(no_argument(&at("Description"), text));
    }
    if let Some(on) = nic.delete_on_release {
        b.comment(format!(
            "{} = {on}: no argument here",
            at("DeleteOnRelease")
        ));
    }
}
