//! `can_tag`, `can_untag`: the rules of TagResources and UntagResources for one resource (an
//! ENI or an instance), the app's tag editor, the proxy and the simulator alike. The key and
//! value rules are field rules (`fields::check_tags`), shown next to the field.

use super::protection::{PROTECTED_TAG, names_protected_tag};
use super::reason::Reason;
use super::roles::role_refusal;
use crate::actions::TagParam;
use crate::api::Role;
use crate::model::{Instance, NetworkInterface, TagSet};

/// The most tags one resource holds: "You can bind 20 tags to an instance at most" (the 2021
/// user guide's tag limits, AlibabaCloudDocs/ecs `intl.en-US/User Guide/Tags/Limits.md`); the
/// API's `Tag.N` takes 1 to 20 too. Over it TagResources answers `OperationDenied.QuotaExceed`.
pub const MAX_TAGS_PER_RESOURCE: usize = 20;

/// What the tag rules look at: the resource's tags, and whether a cloud service manages it.
#[derive(Debug, Clone, Copy)]
pub struct Tagged<'a> {
    /// Its tags now.
    pub tags: &'a TagSet,
    /// Managed by an Alibaba Cloud service (ENIs only): nothing may change it.
    pub service_managed: bool,
    /// Whether it is an ENI (`tether:protected` means something on ENIs only).
    pub is_eni: bool,
}

impl<'a> From<&'a NetworkInterface> for Tagged<'a> {
    fn from(eni: &'a NetworkInterface) -> Self {
        Self {
            tags: &eni.tags,
            service_managed: eni.service_managed,
            is_eni: true,
        }
    }
}

impl<'a> From<&'a Instance> for Tagged<'a> {
    fn from(instance: &'a Instance) -> Self {
        Self {
            tags: &instance.tags,
            service_managed: false,
            is_eni: false,
        }
    }
}

/// Only an admin adds, changes or removes an ENI's `tether:protected`; `None` when `role` may
/// (or when there is no portal user: the cloud itself has no such rule).
fn protection_refusal(role: Option<Role>) -> Option<Reason> {
    let role = role?;
    role_refusal(role, Role::Admin).map(|_| Reason::ProtectionTagAdminOnly { have: role })
}

/// Why a user with `role` may not send `request`, when it changes delete protection (only an
/// admin adds, changes or removes `tether:protected`); `None` when they may. The proxy refuses
/// with it before the call; the editor explains with [`can_tag`] and [`can_untag`].
pub fn protection_change_refusal<A: crate::actions::Action>(
    role: Role,
    request: &A,
) -> Option<Reason> {
    request.protection_change()?;
    protection_refusal(Some(role))
}

/// Every reason `tags` cannot be set on `target` now; empty means they can. `role` is the
/// portal user's (`None` for the cloud's own rules, as the simulator applies them).
pub fn can_tag(target: Tagged<'_>, tags: &[TagParam], role: Option<Role>) -> Vec<Reason> {
    let mut out = Vec::new();
    if target.service_managed {
        out.push(Reason::ServiceManaged);
    }
    if target.is_eni && tags.iter().any(|t| names_protected_tag(&t.key)) {
        out.extend(protection_refusal(role));
    }
    // A key the resource has is overwritten, so only new keys count against the quota.
    let have = target.tags.tag.len();
    let mut new_keys: Vec<&str> = tags
        .iter()
        .map(|t| t.key.as_str())
        .filter(|k| target.tags.value(k).is_none())
        .collect();
    new_keys.sort_unstable();
    new_keys.dedup();
    if have + new_keys.len() > MAX_TAGS_PER_RESOURCE {
        out.push(Reason::TagQuota {
            have: have as u32,
            adding: new_keys.len() as u32,
            limit: MAX_TAGS_PER_RESOURCE as u32,
        });
    }
    out
}

/// Every reason `keys` (or with `all` every tag) cannot be removed from `target` now; empty
/// means they can. A key the resource does not have is no refusal: it is simply not there.
pub fn can_untag(
    target: Tagged<'_>,
    keys: &[String],
    all: bool,
    role: Option<Role>,
) -> Vec<Reason> {
    let mut out = Vec::new();
    if target.service_managed {
        out.push(Reason::ServiceManaged);
    }
    let removes_protection = if keys.is_empty() && all {
        target.tags.value(PROTECTED_TAG).is_some()
    } else {
        keys.iter().any(|k| names_protected_tag(k))
    };
    if target.is_eni && removes_protection {
        out.extend(protection_refusal(role));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::model::Tag;
    use crate::rules::fixtures::eni;

    fn tag(key: &str, value: &str) -> TagParam {
        TagParam {
            key: key.into(),
            value: value.into(),
        }
    }

    fn with_tags(n: usize) -> NetworkInterface {
        let mut e = eni();
        e.tags = (0..n)
            .map(|k| Tag {
                tag_key: format!("k{k}"),
                tag_value: String::new(),
            })
            .collect::<Vec<_>>()
            .into();
        e
    }

    #[test]
    fn a_resource_holds_20_tags_and_an_existing_key_is_overwritten_not_added() {
        let e = with_tags(19);
        assert!(can_tag((&e).into(), &[tag("team", "web")], None).is_empty());
        let reasons = can_tag((&e).into(), &[tag("team", ""), tag("env", "")], None);
        assert_eq!(
            reasons,
            [Reason::TagQuota {
                have: 19,
                adding: 2,
                limit: 20
            }]
        );
        let spec = reasons[0].spec();
        assert_eq!(
            (spec.status, spec.code, reasons[0].cloud_message()),
            (
                400,
                "OperationDenied.QuotaExceed",
                "The quota of tags on resource is beyond permitted range.".to_owned()
            )
        );
        assert!(reasons[0].message(Lang::En).contains("19 tags"));
        assert!(!reasons[0].message(Lang::Zh).is_empty());
        let full = with_tags(20);
        assert!(
            can_tag((&full).into(), &[tag("k3", "new value")], None).is_empty(),
            "overwriting a key adds none"
        );
    }

    #[test]
    fn the_protection_tag_with_blanks_around_it_is_still_the_protection_tag() {
        let e = eni();
        let refused = [Reason::ProtectionTagAdminOnly {
            have: Role::Operator,
        }];
        let spaced = " tether:protected\t";
        assert_eq!(
            can_tag((&e).into(), &[tag(spaced, "true")], Some(Role::Operator)),
            refused
        );
        assert_eq!(
            can_untag(
                (&e).into(),
                &[spaced.to_owned()],
                false,
                Some(Role::Operator)
            ),
            refused
        );
        assert!(can_tag((&e).into(), &[tag(spaced, "true")], Some(Role::Admin)).is_empty());
    }

    #[test]
    fn only_an_admin_touches_the_protection_tag_of_an_eni() {
        let mut e = eni();
        e.tags = vec![Tag {
            tag_key: PROTECTED_TAG.into(),
            tag_value: "true".into(),
        }]
        .into();
        let refused = [Reason::ProtectionTagAdminOnly {
            have: Role::Operator,
        }];
        let unprotect = [PROTECTED_TAG.to_owned()];
        assert_eq!(
            can_untag((&e).into(), &unprotect, false, Some(Role::Operator)),
            refused
        );
        assert_eq!(
            can_untag((&e).into(), &[], true, Some(Role::Operator)),
            refused,
            "All=true removes it too"
        );
        assert_eq!(
            can_tag(
                (&e).into(),
                &[tag(PROTECTED_TAG, "false")],
                Some(Role::Operator)
            ),
            refused
        );
        assert!(can_untag((&e).into(), &unprotect, false, Some(Role::Admin)).is_empty());
        assert!(can_untag((&e).into(), &["team".into()], false, Some(Role::Operator)).is_empty());
        assert!(
            can_untag((&e).into(), &unprotect, false, None).is_empty(),
            "the cloud has no such rule"
        );
        assert_eq!(
            refused[0].message(Lang::En),
            "Only an admin may add, change or remove tether:protected (delete protection); your role is operator."
        );
        assert!(!refused[0].message(Lang::Zh).is_empty());
        let instance = crate::rules::fixtures::instance();
        assert!(
            can_tag(
                (&instance).into(),
                &[tag(PROTECTED_TAG, "false")],
                Some(Role::Operator)
            )
            .is_empty(),
            "the tag protects ENIs only"
        );
    }

    #[test]
    fn a_managed_eni_takes_no_tag_change() {
        let mut e = eni();
        e.service_managed = true;
        assert_eq!(
            can_tag((&e).into(), &[tag("team", "")], None),
            [Reason::ServiceManaged]
        );
        assert_eq!(
            can_untag((&e).into(), &["team".into()], false, None),
            [Reason::ServiceManaged]
        );
    }
}
