//! Catalogue reads: regions, zones, instance types, images, security groups.

use super::action;
use crate::ids::*;
use crate::model::*;
use serde::{Deserialize, Serialize};

/// DescribeRegions (no RegionId in the current SDK model).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeRegions {
    /// `zh-CN`, `en-US`...
    pub accept_language: Option<String>,
}
action!(DescribeRegions => DescribeRegionsResponse, Ecs, mutates = false, region = none);

wrapper!(
    /// `{"Region": [...]}`.
    RegionSet { region: Region }
);

/// DescribeRegions answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeRegionsResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// Regions.
    pub regions: RegionSet,
}

/// DescribeZones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeZones {
    /// Region.
    pub region_id: RegionId,
    /// Language of `LocalName`.
    pub accept_language: Option<String>,
}
action!(DescribeZones => DescribeZonesResponse, Ecs, mutates = false, region = required);

wrapper!(
    /// `{"Zone": [...]}`.
    ZoneSet { zone: Zone }
);

/// DescribeZones answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeZonesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// Zones.
    pub zones: ZoneSet,
}

/// DescribeInstanceTypes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeInstanceTypes {
    /// Family filter, `ecs.g6`.
    pub instance_type_family: Option<String>,
    /// Specific types (`InstanceTypes.N`).
    #[serde(default)]
    pub instance_types: Vec<InstanceType>,
    /// Paging token.
    pub next_token: Option<String>,
    /// Page size.
    pub max_results: Option<u32>,
}
action!(DescribeInstanceTypes => DescribeInstanceTypesResponse, Ecs, mutates = false, region = none);

wrapper!(
    /// `{"InstanceType": [...]}`.
    InstanceTypeSet { instance_type: InstanceTypeInfo }
);

/// DescribeInstanceTypes answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeInstanceTypesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// Next page token, empty on the last page.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub next_token: String,
    /// Types.
    pub instance_types: InstanceTypeSet,
}

/// DescribeImages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeImages {
    /// Region.
    pub region_id: RegionId,
    /// Image filter.
    pub image_id: Option<ImageId>,
    /// `linux` or `windows`.
    #[serde(rename = "OSType")]
    pub os_type: Option<String>,
    /// `system`, `self`, `others`, `marketplace`.
    pub image_owner_alias: Option<String>,
    /// Only images usable on I/O-optimized instances.
    pub is_support_io_optimized: Option<bool>,
    /// Page (from 1).
    pub page_number: Option<u32>,
    /// Page size (max 100).
    pub page_size: Option<u32>,
    /// Only check the request (`DryRunOperation` when it would succeed).
    pub dry_run: Option<bool>,
}
action!(DescribeImages => DescribeImagesResponse, Ecs, mutates = false, region = required);

impl DescribeImages {
    /// A query for every image of a region.
    pub fn region(region_id: RegionId) -> Self {
        Self {
            region_id,
            image_id: None,
            os_type: None,
            image_owner_alias: None,
            is_support_io_optimized: None,
            page_number: None,
            page_size: None,
            dry_run: None,
        }
    }
}

wrapper!(
    /// `{"Image": [...]}`.
    ImageSet { image: Image }
);

/// DescribeImages answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeImagesResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// Total matches.
    #[serde(deserialize_with = "crate::lenient::number")]
    pub total_count: u64,
    /// Page number.
    #[serde(deserialize_with = "crate::lenient::number")]
    pub page_number: u32,
    /// Page size.
    #[serde(deserialize_with = "crate::lenient::number")]
    pub page_size: u32,
    /// Images.
    pub images: ImageSet,
}

/// DescribeSecurityGroups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeSecurityGroups {
    /// Region.
    pub region_id: RegionId,
    /// VPC filter.
    pub vpc_id: Option<VpcId>,
    /// Single group filter.
    pub security_group_id: Option<SecurityGroupId>,
    /// Page (from 1; deprecated for token paging).
    pub page_number: Option<u32>,
    /// Page size (max 50).
    pub page_size: Option<u32>,
    /// Token paging: token from the previous page.
    pub next_token: Option<String>,
    /// Token paging: page size, up to 100.
    pub max_results: Option<u32>,
    /// Only check the request (`DryRunOperation` when it would succeed).
    pub dry_run: Option<bool>,
}
action!(DescribeSecurityGroups => DescribeSecurityGroupsResponse, Ecs, mutates = false, region = required);

impl DescribeSecurityGroups {
    /// A query for every security group of a region.
    pub fn region(region_id: RegionId) -> Self {
        Self {
            region_id,
            vpc_id: None,
            security_group_id: None,
            page_number: None,
            page_size: None,
            next_token: None,
            max_results: None,
            dry_run: None,
        }
    }
}

wrapper!(
    /// `{"SecurityGroup": [...]}`.
    SecurityGroupSet { security_group: SecurityGroup }
);

/// DescribeSecurityGroups answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeSecurityGroupsResponse {
    /// Request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// Total matches.
    #[serde(deserialize_with = "crate::lenient::number")]
    pub total_count: u64,
    /// Page number.
    #[serde(deserialize_with = "crate::lenient::number")]
    pub page_number: u32,
    /// Page size.
    #[serde(deserialize_with = "crate::lenient::number")]
    pub page_size: u32,
    /// Next page token with token paging, empty on the last page.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub next_token: String,
    /// Groups.
    pub security_groups: SecurityGroupSet,
}
