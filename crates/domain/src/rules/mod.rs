//! The ENI rules from Alibaba's documentation, as pure functions that return **every** reason
//! an operation is not allowed. The app explains with them, the proxy pre-checks with them and
//! the simulator answers with them.

mod attach;
mod catalog;
mod eni_ops;
#[cfg(test)]
mod fixtures;
mod ipv6;
mod private_ips;
mod protection;
mod reason;
mod reason_edits;
mod reason_ips;
mod release;
mod roles;
mod security_groups;
mod tags;
mod wizard;

pub use attach::{AttachContext, can_attach, started_before_reboot_cutoff};
pub use catalog::*;
pub use eni_ops::{can_delete, can_detach, can_modify};
pub use ipv6::{
    Ipv6Wanted, MAX_IPV6_UNATTACHED, can_assign_ipv6, can_unassign_ipv6, canonical_ipv6,
    ipv6_count, ipv6_in_cidr, ipv6_limit, same_ipv6, v_switch_ipv6_reasons,
};
pub use private_ips::{
    IpsWanted, MAX_IPS_UNATTACHED, PrivateIpContext, can_assign_private_ips,
    can_unassign_private_ips, private_ip_count, private_ip_limit, usable_in_cidr,
};
pub use protection::{
    PROTECTED_TAG, can_release, can_release_id, can_set_delete_on_release, is_protected,
    names_protected_tag,
};
pub use reason::Reason;
pub use release::{ReleaseFate, release_plan, release_plan_of};
pub use roles::role_refusal;
pub use security_groups::{
    MAX_ENI_SECURITY_GROUPS, can_add_security_group, can_add_security_group_of,
    can_set_security_groups,
};
pub use tags::{MAX_TAGS_PER_RESOURCE, Tagged, can_tag, can_untag, protection_change_refusal};
pub use wizard::{WizardChoice, WizardEni, check_wizard};
