//! VPC 2016-04-28 reads: VPCs and vSwitches.

use super::action;
use crate::ids::*;
use crate::model::*;
use serde::{Deserialize, Serialize};

/// DescribeVpcs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeVpcs {
    /// Region.
    pub region_id: RegionId,
    /// VPC filter.
    pub vpc_id: Option<VpcId>,
    /// Page (from 1).
    pub page_number: Option<u32>,
    /// Page size (max 50).
    pub page_size: Option<u32>,
}
action!(DescribeVpcs => DescribeVpcsResponse, Vpc, mutates = false, region = required);

wrapper!(
    /// `{"Vpc": [...]}`.
    VpcSet { vpc: Vpc }
);

/// DescribeVpcs answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeVpcsResponse {
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
    /// VPCs.
    pub vpcs: VpcSet,
}

/// DescribeVSwitches (RegionId or VpcId must be given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeVSwitches {
    /// Region.
    pub region_id: Option<RegionId>,
    /// VPC filter.
    pub vpc_id: Option<VpcId>,
    /// Zone filter.
    pub zone_id: Option<ZoneId>,
    /// Page (from 1).
    pub page_number: Option<u32>,
    /// Page size (max 50).
    pub page_size: Option<u32>,
}
action!(DescribeVSwitches => DescribeVSwitchesResponse, Vpc, mutates = false, region = optional);

wrapper!(
    /// `{"VSwitch": [...]}`.
    VSwitchSet { v_switch: VSwitch }
);

/// DescribeVSwitches answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeVSwitchesResponse {
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
    /// vSwitches.
    #[serde(rename = "VSwitches")]
    pub v_switches: VSwitchSet,
}
