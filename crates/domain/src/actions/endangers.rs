//! For delete protection: what each action could destroy, declared with the action (the
//! `endangers = ...` of its `action!`), so the proxy's guard has no list of its own to keep in
//! step with the allowlist. An action that declares nothing endangers nothing.

use super::{
    AttachNetworkInterface, DeleteInstance, DeleteNetworkInterface, DetachNetworkInterface,
    ModifyNetworkInterfaceAttribute, RunInstances, UnassignIpv6Addresses,
    UnassignPrivateIpAddresses,
};
use crate::ids::{InstanceId, NetworkInterfaceId, RegionId};

/// What a request could destroy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endangers<'a> {
    /// Nothing.
    Nothing,
    /// Deletes this ENI, detaches it (the first step of every detour), or gives addresses of it
    /// back to its vSwitch, where any other ENI may take them: an unassigned address cannot be
    /// counted on to come back, so that part of the ENI is destroyed.
    Eni {
        /// Its region.
        region: &'a RegionId,
        /// The ENI.
        eni: &'a NetworkInterfaceId,
    },
    /// Attaches this ENI: if it is marked DeleteOnRelease, the instance's release would take it
    /// (so a protected ENI so marked may not be attached, and no race with a release can win).
    Attach {
        /// Its region.
        region: &'a RegionId,
        /// The ENI.
        eni: &'a NetworkInterfaceId,
    },
    /// Marks these ENIs to be released with the instance they are attached to.
    DeleteOnRelease {
        /// Their region.
        region: &'a RegionId,
        /// The ENIs.
        enis: Vec<&'a NetworkInterfaceId>,
    },
    /// Releases this instance: its primary ENI and its DeleteOnRelease ENIs go with it.
    Release {
        /// Its region, when named.
        region: Option<&'a RegionId>,
        /// The instance.
        instance: &'a InstanceId,
    },
}

impl DeleteNetworkInterface {
    pub(crate) fn endangered(&self) -> Endangers<'_> {
        Endangers::Eni {
            region: &self.region_id,
            eni: &self.network_interface_id,
        }
    }
}

impl DetachNetworkInterface {
    pub(crate) fn endangered(&self) -> Endangers<'_> {
        Endangers::Eni {
            region: &self.region_id,
            eni: &self.network_interface_id,
        }
    }
}

/// Unassigning changes what a protected ENI is reached at and may lose the addresses for good;
/// assigning only adds, and so endangers nothing.
impl UnassignPrivateIpAddresses {
    pub(crate) fn endangered(&self) -> Endangers<'_> {
        Endangers::Eni {
            region: &self.region_id,
            eni: &self.network_interface_id,
        }
    }
}

/// The same holds for IPv6 addresses.
impl UnassignIpv6Addresses {
    pub(crate) fn endangered(&self) -> Endangers<'_> {
        Endangers::Eni {
            region: &self.region_id,
            eni: &self.network_interface_id,
        }
    }
}

impl AttachNetworkInterface {
    pub(crate) fn endangered(&self) -> Endangers<'_> {
        Endangers::Attach {
            region: &self.region_id,
            eni: &self.network_interface_id,
        }
    }
}

impl ModifyNetworkInterfaceAttribute {
    pub(crate) fn endangered(&self) -> Endangers<'_> {
        if self.delete_on_release == Some(true) {
            Endangers::DeleteOnRelease {
                region: &self.region_id,
                enis: vec![&self.network_interface_id],
            }
        } else {
            Endangers::Nothing
        }
    }
}

impl RunInstances {
    /// Existing ENIs attached at creation unless DeleteOnRelease=false is explicit: the API's
    /// default for a secondary ENI is true (reference §6), so an omitted flag may release it
    /// with the instance. New ENIs endanger nothing.
    pub(crate) fn endangered(&self) -> Endangers<'_> {
        let enis: Vec<_> = self
            .network_interface
            .iter()
            .filter(|nic| nic.delete_on_release != Some(false))
            .filter_map(|nic| nic.network_interface_id.as_ref())
            .collect();
        if enis.is_empty() {
            Endangers::Nothing
        } else {
            Endangers::DeleteOnRelease {
                region: &self.region_id,
                enis,
            }
        }
    }
}

impl DeleteInstance {
    pub(crate) fn endangered(&self) -> Endangers<'_> {
        Endangers::Release {
            region: self.region_id.as_ref(),
            instance: &self.instance_id,
        }
    }
}
