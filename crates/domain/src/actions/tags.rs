//! Tags of ENIs and instances: TagResources, UntagResources and ListTagResources (request and
//! answer models of PyPI `alibabacloud-ecs20140526` 7.11.8, `_tag_resources_request.py`,
//! `_untag_resources_request.py`, `_list_tag_resources_request.py` and
//! `_list_tag_resources_response_body.py`; limits and codes from the 2021 API reference,
//! AlibabaCloudDocs/ecs `intl.en-US/API Reference/Tags/*.md`). Tether tags `eni` and
//! `instance` only: the other resource types the API knows are not in the allowlist.

use super::action;
use super::eni::TagParam;
use crate::fields::*;
use crate::ids::*;
use crate::rules::PROTECTED_TAG;
use crate::rules::names_protected_tag;
use serde::{Deserialize, Serialize};

/// The most resources one tag call names (`ResourceId.N`, "Valid values of N: 1 to 50").
pub const MAX_TAGGED_RESOURCES: usize = 50;
/// The most tags (or tag keys) one tag call names ("Valid values of N: 1 to 20").
pub const MAX_TAGS_PER_CALL: usize = 20;

/// The resource types Tether tags (`ResourceType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub enum TagResourceType {
    /// An elastic network interface.
    Eni,
    /// An ECS instance.
    Instance,
}

impl TagResourceType {
    /// The wire name (`eni`, `instance`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Eni => "eni",
            Self::Instance => "instance",
        }
    }

    /// How its IDs start (`eni-`, `i-`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            Self::Eni => "eni-",
            Self::Instance => "i-",
        }
    }

    /// Whether `id` is an ID of this type (`eni-...` for `eni`, `i-...` for `instance`).
    pub fn is_id_of(self, id: &str) -> bool {
        match self {
            Self::Eni => NetworkInterfaceId::parse(id).is_ok(),
            Self::Instance => InstanceId::parse(id).is_ok(),
        }
    }
}

/// What a tag call does to delete protection (the `tether:protected` tag of an ENI): the
/// proxy lets only an admin do it and audits it as such.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtectionChange<'a> {
    /// TagResources sets `tether:protected` (to this value) on these ENIs.
    Set {
        /// The value set; anything but `true` leaves an ENI unprotected.
        value: &'a str,
        /// The ENIs.
        enis: &'a [String],
    },
    /// UntagResources removes `tether:protected` (by key, or with `All`) from these ENIs.
    Remove {
        /// The ENIs.
        enis: &'a [String],
    },
    /// A create names `tether:protected` (with this value) in its `Tag.N`, so the ENIs it
    /// creates start with it: adding the tag this way is adding it all the same.
    Create {
        /// The value set; anything but `true` leaves the ENIs unprotected.
        value: &'a str,
        /// Which ENIs get it.
        enis: NewEnis,
    },
}

/// The ENIs a create tags with its `Tag.N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewEnis {
    /// The ENI CreateNetworkInterface creates.
    Created,
    /// The primary ENI of each instance RunInstances creates ("The tag information of the
    /// instance, cloud disks, and primary ENI", its `Tag.N`; the simulator does the same).
    PrimaryOfNewInstances,
}

impl NewEnis {
    fn describe(self) -> &'static str {
        match self {
            Self::Created => "the new ENI",
            Self::PrimaryOfNewInstances => "the primary ENI of each new instance",
        }
    }
}

/// How a create whose `Tag.N` is `tags` changes delete protection: `Some` when one of them is
/// `tether:protected` (with blanks around it too, as on TagResources).
pub(crate) fn created_with_protection(
    tags: &[TagParam],
    enis: NewEnis,
) -> Option<ProtectionChange<'_>> {
    let tag = tags.iter().find(|t| names_protected_tag(&t.key))?;
    Some(ProtectionChange::Create {
        value: &tag.value,
        enis,
    })
}

impl ProtectionChange<'_> {
    /// The audit trail's words for it.
    pub fn describe(&self) -> String {
        match self {
            Self::Set { value, enis } if *value == "true" => {
                format!("Protects {} (sets {PROTECTED_TAG}=true).", enis.join(" "))
            }
            Self::Set { value, enis } => format!(
                "Unprotects {} (sets {PROTECTED_TAG}={value}).",
                enis.join(" ")
            ),
            Self::Remove { enis } => {
                format!("Unprotects {} (removes {PROTECTED_TAG}).", enis.join(" "))
            }
            Self::Create { value, enis } if *value == "true" => {
                format!("Protects {} (sets {PROTECTED_TAG}=true).", enis.describe())
            }
            Self::Create { value, enis } => format!(
                "Unprotects {} (sets {PROTECTED_TAG}={value}).",
                enis.describe()
            ),
        }
    }
}

/// `ResourceId.N`: 1 to 50 IDs, each of the type `ResourceType` names.
fn check_resource_ids(kind: TagResourceType, ids: &[String]) -> Vec<FieldError> {
    if ids.is_empty() {
        vec![FieldError::new("ResourceId", FieldProblem::Required)]
    } else {
        check_resource_id_types(kind, ids)
    }
}

/// Up to 50 IDs, each of the type `ResourceType` names: an `eni-` ID sent as an `instance`
/// (or the reverse) is refused here, whatever the cloud would make of it (the tag actions'
/// references say nothing of such a call), so no check that goes by `ResourceType` (delete
/// protection's) can be walked around with it.
fn check_resource_id_types(kind: TagResourceType, ids: &[String]) -> Vec<FieldError> {
    if ids.len() > MAX_TAGGED_RESOURCES {
        return vec![FieldError::new(
            "ResourceId",
            FieldProblem::TooMany(MAX_TAGGED_RESOURCES),
        )];
    }
    ids.iter()
        .enumerate()
        .filter(|(_, id)| !kind.is_id_of(id))
        .map(|(i, _)| {
            FieldError::new(
                format!("ResourceId.{}", i + 1),
                FieldProblem::ResourceIdType(kind),
            )
        })
        .collect()
}

/// Whether a tag call of `kind` on `ids` may reach an ENI: `ResourceType=eni`, or any ID that
/// is not plainly an instance's. Validation refuses the second kind already; delete protection
/// does not rest on that alone.
fn may_reach_enis(kind: TagResourceType, ids: &[String]) -> bool {
    kind == TagResourceType::Eni || ids.iter().any(|id| !TagResourceType::Instance.is_id_of(id))
}

/// TagResources: adds tags to up to 50 resources of one type; a key a resource already has
/// gets the new value ("A tag with the same key as an existing one will be overwritten", the
/// 2021 user guide's tag limits).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct TagResources {
    /// Region.
    pub region_id: RegionId,
    /// `eni` or `instance`.
    pub resource_type: TagResourceType,
    /// The resources (`ResourceId.N`, 1 to 50).
    #[serde(default)]
    pub resource_id: Vec<String>,
    /// The tags (`Tag.N.Key` / `Tag.N.Value`, 1 to 20).
    #[serde(default)]
    pub tag: Vec<TagParam>,
}
action!(
    TagResources => super::Acknowledged, Ecs, mutates = true, region = required,
    checks = fields, protection = protection
);

impl TagResources {
    fn fields(&self) -> Vec<FieldError> {
        let mut out = check_resource_ids(self.resource_type, &self.resource_id);
        if self.tag.is_empty() {
            out.push(FieldError::new("Tag", FieldProblem::Required));
        }
        out.extend(check_tags(
            self.tag.iter().map(|t| (t.key.as_str(), t.value.as_str())),
        ));
        out
    }

    pub(crate) fn protection(&self) -> Option<ProtectionChange<'_>> {
        let tag = self.tag.iter().find(|t| names_protected_tag(&t.key))?;
        may_reach_enis(self.resource_type, &self.resource_id).then_some(ProtectionChange::Set {
            value: &tag.value,
            enis: &self.resource_id,
        })
    }
}

/// UntagResources: removes the named keys (`TagKey.N`), or with `All=true` and no key every
/// tag, from up to 50 resources of one type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct UntagResources {
    /// Region.
    pub region_id: RegionId,
    /// `eni` or `instance`.
    pub resource_type: TagResourceType,
    /// The resources (`ResourceId.N`, 1 to 50).
    #[serde(default)]
    pub resource_id: Vec<String>,
    /// The keys to remove (`TagKey.N`, up to 20).
    #[serde(default)]
    pub tag_key: Vec<String>,
    /// Removes every tag; "valid only when TagKey.N is not specified".
    pub all: Option<bool>,
}
action!(
    UntagResources => super::Acknowledged, Ecs, mutates = true, region = required,
    checks = fields, protection = protection
);

impl UntagResources {
    /// Whether the call removes every tag (`All=true` and no key named).
    pub fn removes_all(&self) -> bool {
        self.tag_key.is_empty() && self.all == Some(true)
    }

    fn fields(&self) -> Vec<FieldError> {
        let mut out = check_resource_ids(self.resource_type, &self.resource_id);
        // The reference is silent about a call with neither TagKey.N nor All=true; it would
        // remove nothing, so it is refused as a missing TagKey (our choice).
        if self.tag_key.is_empty() && !self.removes_all() {
            out.push(FieldError::new("TagKey", FieldProblem::Required));
        }
        if self.tag_key.len() > MAX_TAGS_PER_CALL {
            out.push(FieldError::new(
                "TagKey",
                FieldProblem::TooMany(MAX_TAGS_PER_CALL),
            ));
        }
        // "All ... valid only when TagKey.N is not specified": with both, what the cloud does
        // is undocumented (an empty TagKey.1 may well count as none, removing every tag), so
        // the pair is refused rather than guessed at.
        if self.all == Some(true) && !self.tag_key.is_empty() {
            out.push(FieldError::new(
                "All",
                FieldProblem::ExclusiveWith("TagKey".into()),
            ));
        }
        for (i, key) in self.tag_key.iter().enumerate() {
            if key.trim().is_empty() {
                out.push(FieldError::new(
                    format!("TagKey.{}", i + 1),
                    FieldProblem::TagKeyEmpty,
                ));
            } else if names_protected_tag(key) && key != PROTECTED_TAG {
                // As on TagResources: counted as an unprotect and audited as one, it would
                // remove another key (if the cloud does not trim) and leave the ENI protected.
                out.push(FieldError::new(
                    format!("TagKey.{}", i + 1),
                    FieldProblem::ProtectionTagBlanks,
                ));
            }
        }
        out
    }

    /// `All=true` counts as removing `tether:protected` whether or not an ENI has it: the
    /// proxy decides before the call, from the request alone, and must not guess low.
    pub(crate) fn protection(&self) -> Option<ProtectionChange<'_>> {
        // `All=true` counts whatever keys are named (they should be none; see `fields`).
        let removes = self.all == Some(true) || self.tag_key.iter().any(|k| names_protected_tag(k));
        (removes && may_reach_enis(self.resource_type, &self.resource_id)).then_some(
            ProtectionChange::Remove {
                enis: &self.resource_id,
            },
        )
    }
}

/// ListTagResources: the tags of the named resources, or of every resource of the type that
/// has all of `Tag.N` (a key with an empty value matches any value); token paging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct ListTagResources {
    /// Region.
    pub region_id: RegionId,
    /// `eni` or `instance`.
    pub resource_type: TagResourceType,
    /// The resources (`ResourceId.N`, up to 50).
    #[serde(default)]
    pub resource_id: Vec<String>,
    /// Exact tag filters (`Tag.N.Key` / `Tag.N.Value`, up to 20).
    #[serde(default)]
    pub tag: Vec<TagParam>,
    /// The token of the previous page.
    pub next_token: Option<String>,
}
action!(
    ListTagResources => ListTagResourcesResponse, Ecs, mutates = false, region = required,
    checks = fields
);

impl ListTagResources {
    fn fields(&self) -> Vec<FieldError> {
        let mut out = check_resource_id_types(self.resource_type, &self.resource_id);
        out.extend(check_tag_count(self.tag.len()));
        out
    }
}

/// One tag of one resource, as ListTagResources answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct TagResource {
    /// The resource.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub resource_id: String,
    /// Its type (`eni`, `instance`).
    #[serde(deserialize_with = "crate::lenient::text")]
    pub resource_type: String,
    /// The key.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub tag_key: String,
    /// The value.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub tag_value: String,
}

wrapper!(
    /// `{"TagResource": [...]}`.
    TagResourcesSet { tag_resource: TagResource }
);

/// ListTagResources answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListTagResourcesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// The next page's token; empty on the last page.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub next_token: String,
    /// The tags, one entry per resource and key.
    pub tag_resources: TagResourcesSet,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::Action;

    fn region() -> RegionId {
        "cn-hangzhou".parse().unwrap()
    }
    fn tag(key: &str, value: &str) -> TagParam {
        TagParam {
            key: key.into(),
            value: value.into(),
        }
    }
    fn tag_eni(tags: Vec<TagParam>) -> TagResources {
        TagResources {
            region_id: region(),
            resource_type: TagResourceType::Eni,
            resource_id: vec!["eni-bp1aaaaaaaaaaaaaaa01".into()],
            tag: tags,
        }
    }
    fn untag_eni(keys: &[&str], all: Option<bool>) -> UntagResources {
        UntagResources {
            region_id: region(),
            resource_type: TagResourceType::Eni,
            resource_id: vec!["eni-bp1aaaaaaaaaaaaaaa01".into()],
            tag_key: keys.iter().map(|k| (*k).to_owned()).collect(),
            all,
        }
    }
    fn codes(req: &impl Action) -> Vec<&'static str> {
        req.check_fields().iter().map(|e| e.spec().code).collect()
    }

    #[test]
    fn tag_resources_speaks_the_wire_names_of_the_sdk_model() {
        let params = tag_eni(vec![tag("team", "web")]).to_params();
        assert_eq!(params["ResourceType"], "eni");
        assert_eq!(params["ResourceId.1"], "eni-bp1aaaaaaaaaaaaaaa01");
        assert_eq!(
            (params["Tag.1.Key"].as_str(), params["Tag.1.Value"].as_str()),
            ("team", "web")
        );
        let untag = untag_eni(&["team"], Some(true)).to_params();
        assert_eq!(
            (untag["TagKey.1"].as_str(), untag["All"].as_str()),
            ("team", "true")
        );
    }

    #[test]
    fn tag_calls_name_1_to_50_resources_and_1_to_20_tags_with_the_documented_codes() {
        assert!(codes(&tag_eni(vec![tag("team", "")])).is_empty());
        assert_eq!(codes(&tag_eni(Vec::new())), ["MissingParameter"]);
        let many: Vec<_> = (0..21).map(|n| tag(&format!("k{n}"), "")).collect();
        assert_eq!(codes(&tag_eni(many)), ["InvalidTagCount"]);
        let mut wide = tag_eni(vec![tag("team", "")]);
        wide.resource_id = (0..51).map(|n| format!("eni-bp1{n:017}")).collect();
        assert_eq!(codes(&wide), ["NumberExceed.ResourceIds"]);
        assert_eq!(
            codes(&tag_eni(vec![tag("aliyun:x", ""), tag("a", "b")])),
            ["InvalidTagKey.Malformed"]
        );
        assert_eq!(codes(&untag_eni(&[], None)), ["MissingParameter"]);
        assert!(codes(&untag_eni(&[], Some(true))).is_empty());
        let keys: Vec<String> = (0..21).map(|n| format!("k{n}")).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert_eq!(codes(&untag_eni(&keys, None)), ["NumberExceed.Tags"]);
    }

    #[test]
    fn all_with_a_key_or_an_empty_key_is_refused_and_all_always_counts_as_unprotecting() {
        // Review, 2026-11-30: `TagKey.1=""` with `All=true` passed as an operator's call, and a
        // cloud reading the empty key as none would have removed tether:protected.
        let sneaky = untag_eni(&[""], Some(true));
        assert!(sneaky.protection_change().is_some());
        let problems: Vec<_> = sneaky
            .check_fields()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert!(problems.contains(&("All".into(), FieldProblem::ExclusiveWith("TagKey".into()))));
        assert!(problems.contains(&("TagKey.1".into(), FieldProblem::TagKeyEmpty)));
        assert!(
            untag_eni(&["team"], Some(true))
                .protection_change()
                .is_some()
        );
        assert!(!untag_eni(&[" "], None).check_fields().is_empty());
        assert!(untag_eni(&["team"], None).check_fields().is_empty());
        assert_eq!(untag_eni(&["team"], None).protection_change(), None);
        // The protection tag with blanks around it is refused here too, like on TagResources.
        let padded: Vec<_> = untag_eni(&["tether:protected "], None)
            .check_fields()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            padded,
            [("TagKey.1".to_owned(), FieldProblem::ProtectionTagBlanks)]
        );
        assert!(untag_eni(&[PROTECTED_TAG], None).check_fields().is_empty());
        // The tag with blanks around it is the tag.
        assert!(
            untag_eni(&["tether:protected "], None)
                .protection_change()
                .is_some()
        );
        assert!(
            tag_eni(vec![tag(" tether:protected", "false")])
                .protection_change()
                .is_some()
        );
    }

    #[test]
    fn a_change_of_the_protection_tag_of_an_eni_is_declared() {
        use crate::api::Role;
        assert_eq!(tag_eni(vec![tag("team", "")]).protection_change(), None);
        assert_eq!(TagResources::ROLE, Role::Operator);
        let set = tag_eni(vec![tag(PROTECTED_TAG, "false")]);
        let change = set.protection_change().unwrap();
        assert_eq!(
            change.describe(),
            "Unprotects eni-bp1aaaaaaaaaaaaaaa01 (sets tether:protected=false)."
        );
        assert_eq!(set.role_needed(), Role::Admin);
        assert_eq!(
            untag_eni(&[PROTECTED_TAG], None)
                .protection_change()
                .unwrap()
                .describe(),
            "Unprotects eni-bp1aaaaaaaaaaaaaaa01 (removes tether:protected)."
        );
        assert!(
            untag_eni(&[], Some(true)).protection_change().is_some(),
            "All=true may remove it"
        );
        assert_eq!(untag_eni(&["team"], None).role_needed(), Role::Operator);
        let mut instance = untag_eni(&[PROTECTED_TAG], None);
        instance.resource_type = TagResourceType::Instance;
        instance.resource_id = vec!["i-bp1aaaaaaaaaaaaaaa01".into()];
        assert_eq!(instance.protection_change(), None, "protects ENIs only");
    }

    #[test]
    fn a_resource_id_of_another_type_than_resource_type_is_refused_and_still_counts_as_an_eni() {
        // Review, 2026-11-30: ResourceType=instance with an eni- ID passed as an operator's
        // call, as if it were no change of protection.
        let mut sneaky = tag_eni(vec![tag(PROTECTED_TAG, "false")]);
        sneaky.resource_type = TagResourceType::Instance;
        let problems = sneaky.check_fields();
        assert_eq!(
            problems,
            [FieldError::new(
                "ResourceId.1",
                FieldProblem::ResourceIdType(TagResourceType::Instance)
            )]
        );
        assert_eq!(problems[0].spec().code, "InvalidResourceId.NotFound");
        assert_eq!(
            problems[0].message(crate::lang::Lang::En),
            "Must be an instance ID (i-...): ResourceType is instance."
        );
        assert!(sneaky.protection_change().is_some(), "fails closed");
        let mut untag = untag_eni(&[PROTECTED_TAG], None);
        untag.resource_type = TagResourceType::Instance;
        assert_eq!(codes(&untag), ["InvalidResourceId.NotFound"]);
        assert!(untag.protection_change().is_some());

        let mut wrong_way = tag_eni(vec![tag("team", "")]);
        wrong_way.resource_id = vec![
            "eni-bp1aaaaaaaaaaaaaaa01".into(),
            "i-bp1aaaaaaaaaaaaaaa01".into(),
        ];
        let fields: Vec<String> = wrong_way
            .check_fields()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["ResourceId.2"]);

        let list = ListTagResources {
            region_id: region(),
            resource_type: TagResourceType::Eni,
            resource_id: vec!["i-bp1aaaaaaaaaaaaaaa01".into()],
            tag: Vec::new(),
            next_token: None,
        };
        assert_eq!(codes(&list), ["InvalidResourceId.NotFound"]);
        let mut right = list.clone();
        right.resource_type = TagResourceType::Instance;
        assert!(codes(&right).is_empty());
    }

    #[test]
    fn a_create_that_names_the_protection_tag_changes_protection() {
        use crate::actions::{CreateNetworkInterface, RunInstances};
        use crate::api::Role;
        let mut create =
            CreateNetworkInterface::new(region(), "vsw-bp1aaaaaaaaaaaaaaa01".parse().unwrap());
        create.tag = vec![tag("team", "web")];
        assert_eq!(create.protection_change(), None);
        assert_eq!(create.role_needed(), Role::Operator);
        create.tag.push(tag(PROTECTED_TAG, "true"));
        assert_eq!(create.role_needed(), Role::Admin);
        assert_eq!(
            create.protection_change().unwrap().describe(),
            "Protects the new ENI (sets tether:protected=true)."
        );
        assert!(crate::rules::protection_change_refusal(Role::Operator, &create).is_some());
        assert!(crate::rules::protection_change_refusal(Role::Admin, &create).is_none());
        create.tag = vec![tag(" tether:protected", "no")];
        assert_eq!(
            create.protection_change().unwrap().describe(),
            "Unprotects the new ENI (sets tether:protected=no)."
        );

        let mut run = RunInstances {
            region_id: region(),
            zone_id: None,
            image_id: "centos_7_03_64_20G_alibase_20170818.vhd".parse().unwrap(),
            instance_type: "ecs.g6.large".parse().unwrap(),
            security_group_id: None,
            v_switch_id: None,
            instance_name: None,
            amount: None,
            client_token: None,
            dry_run: None,
            io_optimized: None,
            network_interface: Vec::new(),
            tag: vec![tag("team", "web")],
        };
        assert_eq!(run.protection_change(), None);
        run.tag.push(tag(PROTECTED_TAG, "true"));
        assert_eq!(run.role_needed(), Role::Admin);
        assert_eq!(
            run.protection_change().unwrap().describe(),
            "Protects the primary ENI of each new instance (sets tether:protected=true)."
        );
    }
}
