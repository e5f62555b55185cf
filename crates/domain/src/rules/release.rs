//! What happens to each ENI when an instance is released (DeleteInstance).

use crate::ids::{InstanceId, NetworkInterfaceId};
use crate::model::{EniType, Instance, NetworkInterface};
use serde::{Deserialize, Serialize};

/// The fate of one ENI when its instance is released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReleaseFate {
    /// Released with the instance (primary ENIs; secondaries with DeleteOnRelease).
    Deleted,
    /// Detached and kept, Available again.
    Detached,
}

/// The fate of every ENI attached to `instance`, given the region's ENIs.
/// Secondary ENIs created by RunInstances default to DeleteOnRelease=true; ones created with
/// CreateNetworkInterface default to false (reference §6, marked ASSUMED there).
pub fn release_plan(
    instance: &Instance,
    enis: &[NetworkInterface],
) -> Vec<(NetworkInterfaceId, ReleaseFate)> {
    release_plan_of(&instance.instance_id, enis)
}

/// [`release_plan`] when only the instance's ID is known (the proxy, before DeleteInstance).
pub fn release_plan_of(
    instance_id: &InstanceId,
    enis: &[NetworkInterface],
) -> Vec<(NetworkInterfaceId, ReleaseFate)> {
    enis.iter()
        .filter(|e| e.instance_id.as_ref() == Some(instance_id))
        .map(|e| {
            let fate = if e.eni_type == EniType::Primary || e.delete_on_release {
                ReleaseFate::Deleted
            } else {
                ReleaseFate::Detached
            };
            (e.network_interface_id.clone(), fate)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EniStatus;
    use crate::rules::fixtures::*;

    #[test]
    fn primary_and_delete_on_release_enis_go_others_stay_available() {
        let i = instance();
        let attached = |id: &str, t: EniType, del: bool| {
            let mut e = eni();
            e.network_interface_id = id.parse().unwrap();
            e.eni_type = t;
            e.delete_on_release = del;
            e.status = EniStatus::InUse;
            e.instance_id = Some(i.instance_id.clone());
            e
        };
        let enis = vec![
            attached("eni-primary001", EniType::Primary, false),
            attached("eni-withinst01", EniType::Secondary, true),
            attached("eni-keptaside1", EniType::Secondary, false),
            eni(), // not attached: not part of the plan
        ];
        let plan = release_plan(&i, &enis);
        let fates: Vec<_> = plan.iter().map(|(id, f)| (id.as_str(), *f)).collect();
        assert_eq!(
            fates,
            [
                ("eni-primary001", ReleaseFate::Deleted),
                ("eni-withinst01", ReleaseFate::Deleted),
                ("eni-keptaside1", ReleaseFate::Detached)
            ]
        );
    }
}
