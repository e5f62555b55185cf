//! `alicloud_instance`: the wizard's RunInstances as a resource.

use super::hcl::{Block, label};
use super::{Terraform, import_eni, no_argument, region_comment};
use tether_domain::{
    EniType, NetworkInterfaceId, RunInstances, RunNetworkInterface, SecurityGroupId, VSwitchId,
};

/// RunInstances: one `alicloud_instance` named after the instance. The primary ENI's settings
/// are the resource's own arguments (the provider sends them top-level or as
/// `NetworkInterface.1`); each secondary ENI is a `network_interfaces` block. Notes on what has
/// no argument come first in each block.
pub fn run_instances(req: &RunInstances) -> Terraform {
    // Every field by name, no `..`: a parameter added to the request does not compile here
    // until it has its argument or its comment, so the block cannot fall behind the call.
    let RunInstances {
        region_id,
        zone_id,
        image_id,
        instance_type,
        security_group_id,
        v_switch_id,
        instance_name,
        amount,
        client_token,
        dry_run,
        io_optimized,
        network_interface,
        tag,
    } = req;
    let name = label(instance_name.as_deref().unwrap_or(""), "instance");
    let mut b = Block::resource("alicloud_instance", &name);
    b.comment(region_comment(region_id));
    if let Some(token) = client_token {
        b.comment(no_argument("ClientToken", token));
    }
    if let Some(io) = io_optimized {
        // Removed from the provider in 1.213.1: every instance it launches is I/O optimized.
        b.comment(no_argument("IoOptimized", io));
    }
    let numbered = || (1..).zip(network_interface);
    let first = numbered().find(|(_, nic)| nic.instance_type == EniType::Primary);
    let nic = first.map(|(i, nic)| primary(&mut b, i, nic));
    if let Some(n) = amount.filter(|n| *n > 1) {
        b.comment(format!(
            "Amount = {n}: Terraform's count, one RunInstances call per instance"
        ));
        b.plain("count", Some(n));
    }
    b.optional_string("availability_zone", zone_id.as_ref().map(|z| z.as_str()));
    b.string("image_id", image_id.as_str());
    b.string("instance_type", instance_type.as_str());
    b.optional_string("instance_name", instance_name.as_deref());
    let vswitch = nic
        .as_ref()
        .and_then(|n| n.v_switch_id)
        .or(v_switch_id.as_ref());
    b.optional_string("vswitch_id", vswitch.map(|v| v.as_str()));
    // The top-level group and the primary ENI's are one `security_groups` set.
    let mut groups: Vec<&SecurityGroupId> = Vec::new();
    let nic_groups = nic.iter().flat_map(|n| n.groups.iter().copied());
    for g in security_group_id.iter().chain(nic_groups) {
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    b.strings("security_groups", groups.into_iter().map(|g| g.as_str()));
    b.optional_string("private_ip", nic.as_ref().and_then(|n| n.private_ip));
    b.optional_string(
        "network_interface_id",
        nic.as_ref().and_then(|n| n.eni).map(|e| e.as_str()),
    );
    b.plain("dry_run", *dry_run);
    b.map(
        "tags",
        tag.iter().map(|t| (t.key.as_str(), t.value.as_str())),
    );
    for (i, nic) in numbered().filter(|(_, nic)| nic.instance_type != EniType::Primary) {
        b.block(secondary(i, nic));
    }
    let imports: Vec<String> = network_interface
        .iter()
        .filter_map(|nic| nic.network_interface_id.as_ref())
        .map(import_eni)
        .collect();
    Terraform {
        config: Some(b.render()),
        import: (!imports.is_empty()).then(|| imports.join("\n")),
    }
}

/// What the primary ENI gives `alicloud_instance`'s own arguments.
struct Primary<'a> {
    v_switch_id: Option<&'a VSwitchId>,
    groups: Vec<&'a SecurityGroupId>,
    private_ip: Option<&'a str>,
    eni: Option<&'a NetworkInterfaceId>,
}

/// The primary ENI, `NetworkInterface.<i>`: its arguments, and comments in `b` for the rest.
fn primary<'a>(b: &mut Block, i: usize, nic: &'a RunNetworkInterface) -> Primary<'a> {
    let RunNetworkInterface {
        instance_type: _,
        v_switch_id,
        security_group_id,
        security_group_ids,
        primary_ip_address,
        network_interface_name,
        description,
        network_interface_id,
        delete_on_release,
    } = nic;
    unmapped(
        b,
        i,
        network_interface_name,
        description,
        *delete_on_release,
    );
    Primary {
        v_switch_id: v_switch_id.as_ref(),
        groups: security_group_id.iter().chain(security_group_ids).collect(),
        private_ip: primary_ip_address.as_deref(),
        eni: network_interface_id.as_ref(),
    }
}

/// A secondary ENI, `NetworkInterface.<i>`, as a `network_interfaces` block.
fn secondary(i: usize, nic: &RunNetworkInterface) -> Block {
    let RunNetworkInterface {
        instance_type: _,
        v_switch_id,
        security_group_id,
        security_group_ids,
        primary_ip_address,
        network_interface_name,
        description,
        network_interface_id,
        delete_on_release,
    } = nic;
    let mut b = Block::nested("network_interfaces");
    if let Some(ip) = primary_ip_address {
        b.comment(no_argument(
            &format!("NetworkInterface.{i}.PrimaryIpAddress"),
            ip,
        ));
    }
    unmapped(
        &mut b,
        i,
        network_interface_name,
        description,
        *delete_on_release,
    );
    b.optional_string(
        "network_interface_id",
        network_interface_id.as_ref().map(|e| e.as_str()),
    );
    b.optional_string("vswitch_id", v_switch_id.as_ref().map(|v| v.as_str()));
    b.strings(
        "security_group_ids",
        security_group_id
            .iter()
            .chain(security_group_ids)
            .map(|g| g.as_str()),
    );
    b
}

/// Comments for what an ENI of RunInstances sets and `alicloud_instance` has no argument for.
fn unmapped(
    b: &mut Block,
    i: usize,
    name: &Option<String>,
    description: &Option<String>,
    delete_on_release: Option<bool>,
) {
    let at = |param: &str| format!("NetworkInterface.{i}.{param}");
    if let Some(name) = name {
        b.comment(no_argument(&at("NetworkInterfaceName"), name));
    }
    if let Some(text) = description {
        b.comment(no_argument(&at("Description"), text));
    }
    if let Some(on) = delete_on_release {
        b.comment(format!(
            "{} = {on}: no argument here",
            at("DeleteOnRelease")
        ));
    }
}
