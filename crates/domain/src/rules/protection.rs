//! Delete protection, judged by what it prevents: no sequence of allowed calls may destroy a
//! protected ENI. Deleting or detaching it is one way; the others are marking it
//! DeleteOnRelease (Modify, or RunInstances with an existing ENI) and then releasing the
//! instance it is attached to. These rules close all of them; the proxy enforces them and
//! the app explains them.

use super::reason::Reason;
use super::release::{ReleaseFate, release_plan_of};
use crate::ids::InstanceId;
use crate::model::{Instance, NetworkInterface};

/// The tag that protects an ENI.
pub const PROTECTED_TAG: &str = "tether:protected";

/// Whether `key` is the protection tag, also written with blanks around it: whether the cloud
/// trims keys is not documented, so such a key is treated as the tag (review, 2026-11-30). The
/// proxy's check and the app's tag editor both go by this.
pub fn names_protected_tag(key: &str) -> bool {
    key.trim() == PROTECTED_TAG
}

/// Whether `eni` is protected: tagged `tether:protected=true`, or listed by the deployment.
pub fn is_protected(eni: &NetworkInterface, listed: &[String]) -> bool {
    eni.tag(PROTECTED_TAG) == Some("true")
        || listed
            .iter()
            .any(|p| p == eni.network_interface_id.as_str())
}

/// Every reason `DeleteOnRelease` may not be set to `delete_on_release` on an ENI.
pub fn can_set_delete_on_release(protected: bool, delete_on_release: Option<bool>) -> Vec<Reason> {
    if protected && delete_on_release == Some(true) {
        vec![Reason::ProtectedDeleteOnRelease]
    } else {
        Vec::new()
    }
}

/// Every reason `instance` may not be released: one per protected ENI its release would
/// delete. `protected` says whether an ENI is protected.
pub fn can_release(
    instance: &Instance,
    enis: &[NetworkInterface],
    protected: impl Fn(&NetworkInterface) -> bool,
) -> Vec<Reason> {
    can_release_id(&instance.instance_id, enis, protected)
}

/// [`can_release`] when only the instance's ID is known (the proxy, before DeleteInstance).
pub fn can_release_id(
    instance_id: &InstanceId,
    enis: &[NetworkInterface],
    protected: impl Fn(&NetworkInterface) -> bool,
) -> Vec<Reason> {
    let mut out = Vec::new();
    for (id, fate) in release_plan_of(instance_id, enis) {
        // Any copy of an ENI listed twice counts: an unclear answer must not pass the check.
        let reason = Reason::ReleaseDeletesProtected {
            eni: id.to_string(),
        };
        if fate == ReleaseFate::Deleted
            && enis
                .iter()
                .any(|e| e.network_interface_id == id && protected(e))
            && !out.contains(&reason)
        {
            out.push(reason);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EniStatus, EniType, Tag};
    use crate::rules::fixtures::*;

    fn attached(
        id: &str,
        primary: bool,
        delete_on_release: bool,
        tagged: bool,
    ) -> NetworkInterface {
        let mut e = eni();
        e.network_interface_id = id.parse().unwrap();
        e.eni_type = if primary {
            EniType::Primary
        } else {
            EniType::Secondary
        };
        e.delete_on_release = delete_on_release;
        e.status = EniStatus::InUse;
        e.instance_id = Some(instance().instance_id);
        if tagged {
            e.tags.tag.push(Tag {
                tag_key: PROTECTED_TAG.into(),
                tag_value: "true".into(),
            });
        }
        e
    }

    #[test]
    fn protection_comes_from_the_tag_or_the_deployment_list() {
        let tagged = attached("eni-tagged0001", false, false, true);
        let plain = attached("eni-plain00001", false, false, false);
        assert!(is_protected(&tagged, &[]));
        assert!(!is_protected(&plain, &[]));
        assert!(is_protected(&plain, &["eni-plain00001".into()]));
        let mut other_value = tagged.clone();
        other_value.tags.tag[0].tag_value = "false".into();
        assert!(!is_protected(&other_value, &[]));
    }

    #[test]
    fn a_protected_eni_may_not_be_released_with_its_instance() {
        assert_eq!(
            can_set_delete_on_release(true, Some(true)),
            [Reason::ProtectedDeleteOnRelease]
        );
        assert!(can_set_delete_on_release(true, Some(false)).is_empty());
        assert!(can_set_delete_on_release(true, None).is_empty());
        assert!(can_set_delete_on_release(false, Some(true)).is_empty());
    }

    #[test]
    fn release_is_refused_for_each_protected_eni_it_would_delete() {
        let enis = vec![
            attached("eni-primary001", true, false, true),
            attached("eni-doomed0001", false, true, false),
            attached("eni-keptaside1", false, false, true),
        ];
        let listed = ["eni-doomed0001".to_owned()];
        let reasons = can_release(&instance(), &enis, |e| is_protected(e, &listed));
        assert_eq!(
            reasons,
            [
                Reason::ReleaseDeletesProtected {
                    eni: "eni-primary001".into()
                },
                Reason::ReleaseDeletesProtected {
                    eni: "eni-doomed0001".into()
                },
            ],
            "a protected ENI that is only detached does not block"
        );
        assert!(can_release(&instance(), &enis, |_| false).is_empty());
    }

    #[test]
    fn an_eni_listed_twice_is_protected_if_either_copy_says_so() {
        // An odd answer: the same ENI twice, one copy released with the instance and untagged,
        // the other kept and tagged. Whichever is true, the check must not pass on the first.
        let doomed = attached("eni-twice00001", false, true, false);
        let tagged = attached("eni-twice00001", false, false, true);
        let reasons = can_release(&instance(), &[doomed, tagged], |e| is_protected(e, &[]));
        assert_eq!(
            reasons,
            [Reason::ReleaseDeletesProtected {
                eni: "eni-twice00001".into()
            }]
        );
    }
}
