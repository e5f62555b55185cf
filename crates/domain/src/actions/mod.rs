//! Every API action Tether may call, one typed request each. This set *is* the proxy's
//! allowlist: nothing outside it can be signed.

mod catalog;
mod endangers;
mod eni;
mod instance;
mod ipv6;
mod private_ip;
#[cfg(test)]
mod roundtrip;
mod tags;
mod vpc;

pub use catalog::*;
pub use endangers::Endangers;
pub use eni::*;
pub use instance::*;
pub use ipv6::*;
pub use private_ip::*;
pub use tags::*;
pub use vpc::*;

use crate::fields::FieldError;
use crate::ids::{InstanceId, RegionId};
use crate::params::{self, ParamError, Params};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// The API product an action belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Product {
    /// ECS, version 2014-05-26.
    Ecs,
    /// VPC, version 2016-04-28.
    Vpc,
}

impl Product {
    /// The API version sent as `Version`.
    pub fn version(self) -> &'static str {
        match self {
            Self::Ecs => "2014-05-26",
            Self::Vpc => "2016-04-28",
        }
    }
    /// The lowercase product code used in endpoints (`ecs`, `vpc`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Ecs => "ecs",
            Self::Vpc => "vpc",
        }
    }
    /// The product as Alibaba's troubleshooting links name it (`Ecs`, `Vpc`).
    pub fn troubleshoot_name(self) -> &'static str {
        match self {
            Self::Ecs => "Ecs",
            Self::Vpc => "Vpc",
        }
    }
    /// The product's central host, which answers carry as `HostId` (`ecs.aliyuncs.com`).
    pub fn host(self) -> &'static str {
        match self {
            Self::Ecs => "ecs.aliyuncs.com",
            Self::Vpc => "vpc.aliyuncs.com",
        }
    }
    /// The product whose `Version` is `version`.
    pub fn from_version(version: &str) -> Option<Self> {
        [Self::Ecs, Self::Vpc]
            .into_iter()
            .find(|p| p.version() == version)
    }
}

/// A typed API request.
pub trait Action:
    Serialize + DeserializeOwned + Clone + Debug + PartialEq + Send + Sync + 'static
{
    /// The wire action name, e.g. `AttachNetworkInterface`.
    const NAME: &'static str;
    /// The product (and so the API version).
    const PRODUCT: Product;
    /// Whether the call changes anything (roles gate these; retries need a ClientToken).
    const MUTATES: bool;
    /// The weakest portal role that may call it: viewer for reads, operator for changes,
    /// admin for what deletes.
    const ROLE: crate::api::Role;
    /// The typed success answer.
    type Response: Serialize + DeserializeOwned + Clone + Debug + Send + Sync + 'static;

    /// Whether the action names a region: always, optionally, or never (global catalogue).
    const REGION: RegionRule;

    /// The region the call is about, when the action has one.
    fn region(&self) -> Option<&RegionId>;

    /// Names `region` when the action takes an optional region and names none (a portal
    /// limited to one region fills it in, so no call can escape the allowlist by omission).
    fn fill_region(&mut self, _region: &RegionId) {}

    /// Field rules beyond ID shapes (names, descriptions, counts); empty means valid.
    fn check_fields(&self) -> Vec<FieldError> {
        Vec::new()
    }

    /// The idempotency token, for actions that take one.
    fn client_token(&self) -> Option<&str> {
        None
    }

    /// Sets the idempotency token, for actions that take one (no-op otherwise).
    fn set_client_token(&mut self, _token: String) {}

    /// Drops the idempotency token (no-op for actions without one): what is left is what a
    /// retry must repeat to be the same call.
    fn clear_client_token(&mut self) {}

    /// The instance the call acts on, for actions named by an instance's global ID (the
    /// gateway finds it whatever RegionId says, so the proxy checks it is in that region).
    fn instance(&self) -> Option<&InstanceId> {
        None
    }

    /// What the call could destroy, for delete protection.
    fn endangers(&self) -> Endangers<'_> {
        Endangers::Nothing
    }

    /// How the call changes delete protection itself (the `tether:protected` tag of ENIs).
    fn protection_change(&self) -> Option<ProtectionChange<'_>> {
        None
    }

    /// The weakest portal role that may make this very call: [`Action::ROLE`], or admin when
    /// it changes delete protection (only an admin adds, changes or removes `tether:protected`).
    fn role_needed(&self) -> crate::api::Role {
        if self.protection_change().is_some() {
            crate::api::Role::Admin
        } else {
            Self::ROLE
        }
    }

    /// Flat RPC parameters, without the common ones (Action, Version, signature...).
    fn to_params(&self) -> Params {
        params::to_params(self)
    }

    /// Parses flat RPC parameters.
    fn from_params(params: &Params) -> Result<Self, ParamError> {
        params::from_params(params)
    }
}

/// Whether an action names a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionRule {
    /// `RegionId` is a required parameter.
    Required,
    /// `RegionId` may be omitted (the endpoint's region applies).
    Optional,
    /// The action has no region (a global catalogue).
    None,
}

/// A request that has passed its field rules; the cloud client only sends these.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated<A>(A);

impl<A: Action> Validated<A> {
    /// Runs the field rules; every problem is returned, not just the first.
    pub fn new(action: A) -> Result<Self, Vec<FieldError>> {
        let problems = action.check_fields();
        if problems.is_empty() {
            Ok(Self(action))
        } else {
            Err(problems)
        }
    }
    /// The request.
    pub fn get(&self) -> &A {
        &self.0
    }
    /// Gives a ClientToken to a create that has none, so a retry can never create twice.
    pub fn ensure_client_token(&mut self, make: impl FnOnce() -> String) {
        if self.0.client_token().is_none() {
            self.0.set_client_token(make());
        }
    }
}

/// The answer of actions that return only a request ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct Acknowledged {
    /// The request ID.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
}

/// Implements [`Action`] for a request type.
macro_rules! action {
    (
        $req:ident => $resp:ty, $product:ident, mutates = $mutates:literal, region = $region:ident
        $(, role = $role:ident)? $(, checks = $checks:ident)? $(, token = $token:ident)?
        $(, instance = $instance:ident)? $(, endangers = $endangers:ident)?
        $(, protection = $protection:ident)?
    ) => {
        impl $crate::actions::Action for $req {
            const NAME: &'static str = stringify!($req);
            const PRODUCT: $crate::actions::Product = $crate::actions::Product::$product;
            const MUTATES: bool = $mutates;
            const ROLE: $crate::api::Role = match action!(@role $($role)?) {
                Some(role) => role,
                None if $mutates => $crate::api::Role::Operator,
                None => $crate::api::Role::Viewer,
            };
            type Response = $resp;
            const REGION: $crate::actions::RegionRule = action!(@rule $region);
            fn region(&self) -> Option<&$crate::ids::RegionId> {
                action!(@region self $region)
            }
            action!(@fill $region);
            $(
                fn check_fields(&self) -> Vec<$crate::fields::FieldError> {
                    self.$checks()
                }
            )?
            $(
                fn client_token(&self) -> Option<&str> {
                    self.$token.as_deref()
                }
                fn set_client_token(&mut self, token: String) {
                    self.$token = Some(token);
                }
                fn clear_client_token(&mut self) {
                    self.$token = None;
                }
            )?
            $(
                fn instance(&self) -> Option<&$crate::ids::InstanceId> {
                    Some(&self.$instance)
                }
            )?
            $(
                fn endangers(&self) -> $crate::actions::Endangers<'_> {
                    self.$endangers()
                }
            )?
            $(
                fn protection_change(&self) -> Option<$crate::actions::ProtectionChange<'_>> {
                    self.$protection()
                }
            )?
        }
    };
    (@region $self:ident required) => { Some(&$self.region_id) };
    (@region $self:ident optional) => { $self.region_id.as_ref() };
    (@region $self:ident none) => { None };
    (@role $role:ident) => { Some($crate::api::Role::$role) };
    (@role) => { None::<$crate::api::Role> };
    (@rule required) => { $crate::actions::RegionRule::Required };
    (@rule optional) => { $crate::actions::RegionRule::Optional };
    (@rule none) => { $crate::actions::RegionRule::None };
    (@fill optional) => {
        fn fill_region(&mut self, region: &$crate::ids::RegionId) {
            if self.region_id.is_none() {
                self.region_id = Some(region.clone());
            }
        }
    };
    (@fill $other:ident) => {};
}
pub(crate) use action;

/// Runs `$then!($($arg,)* Type, Type, ...)` over every action type of the allowlist: the one
/// list the proxy's routes and audit replay, `ALL_ACTIONS` and the simulator's dispatch come
/// from, so none of them can drift from another.
#[macro_export]
macro_rules! for_each_action {
    ($then:ident $(, $arg:expr)*) => {
        $then!($($arg,)*
            $crate::DescribeRegions, $crate::DescribeZones, $crate::DescribeInstanceTypes,
            $crate::DescribeImages, $crate::DescribeSecurityGroups, $crate::DescribeInstances,
            $crate::RunInstances, $crate::StartInstance, $crate::StopInstance,
            $crate::RebootInstance, $crate::DeleteInstance, $crate::CreateNetworkInterface,
            $crate::DescribeNetworkInterfaces, $crate::DescribeNetworkInterfaceAttribute,
            $crate::AttachNetworkInterface, $crate::DetachNetworkInterface,
            $crate::DeleteNetworkInterface, $crate::ModifyNetworkInterfaceAttribute,
            $crate::AssignPrivateIpAddresses, $crate::UnassignPrivateIpAddresses,
            $crate::AssignIpv6Addresses, $crate::UnassignIpv6Addresses, $crate::TagResources, $crate::UntagResources, $crate::ListTagResources,
            $crate::DescribeVpcs, $crate::DescribeVSwitches)
    };
}

macro_rules! action_table {
    ($($action:ty),*) => {
        &[$((<$action as Action>::NAME, <$action as Action>::PRODUCT, <$action as Action>::MUTATES)),*]
    };
}

/// Every action name in the allowlist, with its product and whether it mutates.
pub const ALL_ACTIONS: &[(&str, Product, bool)] = crate::for_each_action!(action_table);
