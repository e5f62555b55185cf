//! VPC 2016-04-28 reads: VPCs and vSwitches.

use super::action;
use crate::fields::*;
use crate::ids::*;
use crate::model::*;
use crate::params::CommaList;
use serde::{Deserialize, Serialize};

/// DescribeVpcs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(test, derive(proptest_derive::Arbitrary))]
pub struct DescribeVpcs {
    /// Region.
    pub region_id: RegionId,
    /// VPC filter: up to 20 IDs, comma-separated on the wire.
    pub vpc_id: Option<CommaList<VpcId>>,
    /// Page (from 1).
    pub page_number: Option<u32>,
    /// Page size (max 50).
    pub page_size: Option<u32>,
    /// Only check the request (`DryRunOperation` when it would succeed).
    pub dry_run: Option<bool>,
}
action!(
    DescribeVpcs => DescribeVpcsResponse, Vpc, mutates = false, region = required,
    checks = fields
);

impl DescribeVpcs {
    /// A query for every VPC of a region.
    pub fn region(region_id: RegionId) -> Self {
        Self {
            region_id,
            vpc_id: None,
            page_number: None,
            page_size: None,
            dry_run: None,
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match &self.vpc_id {
            Some(ids) if ids.0.len() > 20 => {
                vec![FieldError::new("VpcId", FieldProblem::TooMany(20))]
            }
            _ => Vec::new(),
        }
    }
}

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
    /// vSwitch filter.
    pub v_switch_id: Option<VSwitchId>,
    /// Name filter.
    #[serde(rename = "VSwitchName")]
    pub v_switch_name: Option<String>,
    /// Only the region's default vSwitches (true) or only the others (false).
    pub is_default: Option<bool>,
    /// Page (from 1).
    pub page_number: Option<u32>,
    /// Page size (max 50).
    pub page_size: Option<u32>,
    /// Only check the request (`DryRunOperation` when it would succeed).
    pub dry_run: Option<bool>,
}
action!(DescribeVSwitches => DescribeVSwitchesResponse, Vpc, mutates = false, region = optional);

impl DescribeVSwitches {
    /// A query for every vSwitch of a region.
    pub fn region(region_id: RegionId) -> Self {
        Self {
            region_id: Some(region_id),
            vpc_id: None,
            zone_id: None,
            v_switch_id: None,
            v_switch_name: None,
            is_default: None,
            page_number: None,
            page_size: None,
            dry_run: None,
        }
    }
}

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
