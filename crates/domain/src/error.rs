//! Alibaba's error envelope and the catalogue of error codes Tether can meet, with the HTTP
//! status each one comes with (reference §5).

use crate::actions::Product;
use serde::{Deserialize, Serialize};

/// The body of every Alibaba error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct ErrorEnvelope {
    /// The request the error belongs to.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub request_id: String,
    /// The gateway host that answered (`ecs.aliyuncs.com`).
    #[serde(deserialize_with = "crate::lenient::text")]
    pub host_id: String,
    /// The error code, e.g. `InvalidOperation.VpcMismatch`.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub code: String,
    /// The human message.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub message: String,
    /// The troubleshooting link.
    #[serde(deserialize_with = "crate::lenient::text")]
    pub recommend: String,
}

impl ErrorEnvelope {
    /// Builds an envelope with Alibaba's troubleshooting link for `code` (an ECS one).
    pub fn new(code: &str, message: impl Into<String>, request_id: &str, host: &str) -> Self {
        Self {
            request_id: request_id.to_owned(),
            host_id: host.to_owned(),
            code: code.to_owned(),
            message: message.into(),
            recommend: recommend_url(code, request_id, Product::Ecs),
        }
    }

    /// The envelope `product`'s gateway answers with: its host as `HostId`, its name in the
    /// troubleshooting link (a VPC call says `vpc.aliyuncs.com` and `product=Vpc`).
    pub fn of(product: Product, code: &str, message: impl Into<String>, request_id: &str) -> Self {
        Self {
            recommend: recommend_url(code, request_id, product),
            ..Self::new(code, message, request_id, product.host())
        }
    }
}

/// Alibaba's troubleshooting page for an error code of `product`.
pub fn recommend_url(code: &str, request_id: &str, product: Product) -> String {
    let product = product.troubleshoot_name();
    format!("https://api.aliyun.com/troubleshoot?q={code}&product={product}&requestId={request_id}")
}

/// One catalogued error: its code, HTTP status and default message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorSpec {
    /// The code as Alibaba spells it.
    pub code: &'static str,
    /// The HTTP status it comes with.
    pub status: u16,
    /// The documented message.
    pub message: &'static str,
}

macro_rules! catalogue {
    ($($name:ident = $status:literal, $code:literal, $msg:literal;)*) => {
        /// Named constants for the catalogued errors.
        pub mod codes {
            use super::ErrorSpec;
            $(
                #[doc = concat!("`", $code, "` (HTTP ", stringify!($status), ").")]
                pub const $name: ErrorSpec = ErrorSpec { code: $code, status: $status, message: $msg };
            )*
        }
        /// Every catalogued error.
        pub const CATALOGUE: &[ErrorSpec] = &[$(codes::$name),*];
    };
}

catalogue! {
    MISSING_PARAMETER = 400, "MissingParameter", "The input parameter that is mandatory for processing this request is not supplied.";
    INVALID_PARAMETER = 400, "InvalidParameter", "The specified parameter is not valid.";
    UNSUPPORTED_PARAMETER = 400, "UnsupportedParameter", "The parameters is unsupported.";
    // Real answers quoted in rfancn/aliyun-ddns-client#13 (no status given: 400 assumed) and
    // aliyun/aliyun-openapi-python-sdk#41 (400): absent, and unusable, Timestamp.
    MISSING_TIMESTAMP = 400, "MissingTimestamp", "Timestamp is mandatory for this action.";
    ILLEGAL_TIMESTAMP = 400, "IllegalTimestamp", "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.";
    INVALID_TIMESTAMP_EXPIRED = 400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.";
    SIGNATURE_DOES_NOT_MATCH = 400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.";
    INCOMPLETE_SIGNATURE = 400, "IncompleteSignature", "The request signature does not conform to Alibaba Cloud standards.";
    SIGNATURE_NONCE_USED = 400, "SignatureNonceUsed", "Specified signature nonce was used already.";
    // An STS key used without its token: the code Alibaba's Java SDK FAQ lists; no message is
    // published, so ours. The mismatch is reference §5.1.
    MISSING_SECURITY_TOKEN = 400, "MissingSecurityToken", "The request was signed with an STS access key but carries no SecurityToken.";
    SECURITY_TOKEN_MISMATCH = 400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.";
    INVALID_ACCESS_KEY_ID_NOT_FOUND = 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.";
    THROTTLING = 400, "Throttling", "Request was denied due to request throttling.";
    INVALID_REGION_ID_NOT_FOUND = 404, "InvalidRegionId.NotFound", "The specified RegionId does not exist.";
    INVALID_ACTION = 403, "InvalidAction", "Specified action is not valid.";
    INVALID_ACTION_NOT_FOUND = 404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.";
    IDEMPOTENT_PARAMETER_MISMATCH = 403, "IdempotentParameterMismatch", "The specified clientToken is used.";
    DRY_RUN_OPERATION = 400, "DryRunOperation", "Request validation has been passed with DryRun flag set.";
    OPERATION_CONFLICT = 409, "OperationConflict", "Request was denied due to conflict with a previous request.";
    INTERNAL_ERROR = 500, "InternalError", "The request processing has failed due to some unknown error, exception or failure.";
    SERVICE_UNAVAILABLE = 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.";
    INVALID_ENI_STATE = 400, "InvalidOperation.InvalidEniState", "The operation is not allowed in the current ENI state.";
    INVALID_ECS_STATE = 400, "InvalidOperation.InvalidEcsState", "The operation is not allowed in the current ECS state.";
    DETACH_PRIMARY_ENI_NOT_ALLOWED = 400, "InvalidOperation.DetachPrimaryEniNotAllowed", "Detaching primary ENI from ECS instance is not allowed.";
    INVALID_ENI_ID_NOT_FOUND = 404, "InvalidEniId.NotFound", "The specified EniId is not found.";
    INVALID_INSTANCE_ID_NOT_FOUND = 404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.";
    INVALID_ECS_ID_NOT_FOUND = 404, "InvalidEcsId.NotFound", "The specified EcsId is not found.";
    INVALID_VSWITCH_ID_NOT_FOUND = 404, "InvalidVSwitchId.NotFound", "The specified VSwitchId is not found.";
    INVALID_VPC_ID_NOT_FOUND = 404, "InvalidVpcId.NotFound", "The specified VpcId is not found.";
    INVALID_SECURITY_GROUP_ID_NOT_FOUND = 404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist.";
    INVALID_IMAGE_ID_NOT_FOUND = 404, "InvalidImageId.NotFound", "The specified ImageId does not exist.";
    INVALID_INSTANCE_TYPE_NOT_SUPPORTED = 400, "InvalidInstanceType.ValueNotSupported", "The specified InstanceType beyond the permitted range.";
    MAX_ENI_COUNT_EXCEEDED = 403, "MaxEniCountExceeded", "The number of ENI exceeds the limit per region.";
    ENI_PER_INSTANCE_LIMIT_EXCEEDED = 403, "EniPerInstanceLimitExceeded", "The number of ENI exceeds the limit for the type of instance you are trying to launch.";
    AVAILABILITY_ZONE_MISMATCH = 403, "InvalidOperation.AvailabilityZoneMismatch", "The VPC VSwitch of the specified ENI and ECS instance are not in the same availability zone.";
    VPC_MISMATCH = 403, "InvalidOperation.VpcMismatch", "The VPC of the specified ENI and security group are not in the same VPC.";
    INVALID_ENI_TYPE = 403, "InvalidOperation.InvalidEniType", "The operation is not allowed in the current ENI type.";
    // The AttachNetworkInterface table prints `%s` for these two; the messages are ours.
    INVALID_GENERATION = 400, "InvalidOperation.InvalidGeneration", "The instance type is of an old generation that cannot have ENIs attached.";
    IPV4_COUNT_EXCEEDED = 403, "InvalidOperation.Ipv4CountExceeded", "The ENI has more private IPv4 addresses than the instance type allows per ENI.";
    ENI_NOT_SUPPORTED = 400, "InvalidInstanceType.ElasticNetworkInterfaceNotSupported", "The specified instance type does not support Elastic Network Interface, you can not attach Elastic Network Interface to generation I instances.";
    INCORRECT_INSTANCE_STATUS = 403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.";
    INVALID_PARAM_NETWORK_INTERFACE = 400, "InvalidParam.NetworkInterface", "The specified NetworkInterface parameters are not valid.";
    INVALID_PARAMETER_MISMATCH = 400, "InvalidParameter.Mismatch", "Specified virtual switch is not in the specified zone.";
    INCONSISTENT_NETWORK = 403, "OperationDenied.InconsistentNetwork", "The specified security group and vswitch are not in the same vpc.";
    INVALID_PRIVATE_IP = 403, "InvalidVSwitchId.IpInvalid", "The specified IpAddress is not valid in VSwitch CIDR block.";
    PRIVATE_IP_DUPLICATED = 400, "InvalidPrivateIpAddress.Duplicated", "Specified private IP address is duplicated.";
    IP_NOT_ENOUGH = 403, "InvalidVSwitchId.IpNotEnough", "The vSwitch does not have enough free IP addresses.";
    // Reference §5.2 lists it (403) with only `%s`: the message is ours.
    ENI_SERVICE_MANAGED = 403, "InvalidOperation.EniServiceManaged", "The ENI is managed by an Alibaba Cloud service and cannot be changed.";
    // Not in the reference: the UnassignPrivateIpAddresses table of Alibaba's doc source
    // (AlibabaCloudDocs/ecs, 2019: 403, template `The specified IP "{0}" is not assigned on this
    // ENI.`; the current table prints `%s`). Terway's ECS client notes that unassigning an ENI's
    // primary address is refused with this code too.
    IP_UNASSIGNED = 403, "InvalidIp.IpUnassigned", "The specified IP is not assigned on this ENI.";
    // Not in the reference: listed (403, `%s`) by the Unassign/Assign IPv6 tables of the same doc
    // source for an address given twice; the message is ours.
    IP_REPEATED = 403, "InvalidIp.IpRepeated", "The specified IP is repeated.";
    // CreateNetworkInterface's table prints `%s` for InvalidParameter.Conflict; the message is ours.
    INVALID_PARAMETER_CONFLICT = 400, "InvalidParameter.Conflict", "The specified parameters conflict with each other.";
    INVALID_RESOURCE_GROUP_NOT_FOUND = 404, "InvalidResourceGroup.NotFound", "The ResourceGroup provided does not exist in our records.";
    INVALID_CLIENT_TOKEN = 400, "InvalidClientToken.ValueNotSupported", "The ClientToken provided is invalid.";
    DUPLICATE_TAG_KEY = 400, "Duplicate.TagKey", "The Tag.N.Key contain duplicate key.";
    INVALID_TAG_KEY_MALFORMED = 400, "InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid.";
    INVALID_TAG_VALUE_MALFORMED = 400, "InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid.";
    INVALID_TAG_COUNT = 400, "InvalidTagCount", "The specified tags are beyond the permitted range.";
    // The TagResources/UntagResources/ListTagResources tables of the 2021 doc source
    // (AlibabaCloudDocs/ecs `intl.en-US/API Reference/Tags/*.md`), verbatim.
    NUMBER_EXCEED_RESOURCE_IDS = 400, "NumberExceed.ResourceIds", "The ResourceIds parameter's number is exceed , Valid : 50";
    NUMBER_EXCEED_TAGS = 400, "NumberExceed.Tags", "The Tags parameter's number is exceed , Valid : 20";
    INVALID_RESOURCE_ID_NOT_FOUND = 404, "InvalidResourceId.NotFound", "The specified ResourceIds are not found in our records.";
    INVALID_RESOURCE_TYPE_NOT_FOUND = 404, "InvalidResourceType.NotFound", "The ResourceType provided does not exist in our records.";
    // The AssignIpv6Addresses/UnassignIpv6Addresses tables of the same doc source (Chinese
    // pages `cn.zh-CN/API参考/弹性网卡/*Ipv6Addresses.md`; the 2018-12 versions give the message
    // templates, which `Reason::cloud_message` fills in; InvalidIp.IpAssigned has none, ours).
    IPV6_NOT_TURN_ON = 403, "InvalidVSwitch.Ipv6NotTurnOn", "The specified VSwitch ipv6 function not turn on.";
    IPV6_NOT_SUPPORT = 403, "InvalidOperation.Ipv6NotSupport", "The instanceType not support ipv6.";
    IPV6_COUNT_EXCEEDED = 403, "InvalidOperation.Ipv6CountExceeded", "The number of eni ipv6 address exceeds the limit.";
    INVALID_IP_ADDRESS = 403, "InvalidIp.Address", "The specified ipAddress is invalid.";
    IP_ASSIGNED = 403, "InvalidIp.IpAssigned", "The specified IP is already assigned.";
    // ModifyNetworkInterfaceAttribute's table is silent about mixing basic and enterprise
    // groups; CreateInstance's and ModifyInstanceVpcAttribute's (same doc source) list this.
    MULTI_GROUP_TYPE = 403, "EnterpriseGroupLimited.MutliGroupType", "The specified instance can not join multi SecurityGroup types.";
    TAG_QUOTA_EXCEED = 400, "OperationDenied.QuotaExceed", "The quota of tags on resource is beyond permitted range.";
}

/// Finds a catalogued error by its code.
pub fn lookup(code: &str) -> Option<ErrorSpec> {
    CATALOGUE.iter().copied().find(|spec| spec.code == code)
}

/// Errors a read-only client may retry: the cloud said "not now", not "no".
pub fn is_transient(code: &str) -> bool {
    matches!(
        code,
        "Throttling" | "Throttling.User" | "ServiceUnavailable" | "InternalError" | "UnknownError"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_codes_are_unique_and_statuses_are_errors() {
        for (i, a) in CATALOGUE.iter().enumerate() {
            assert!(
                (400..600).contains(&a.status),
                "{} has status {}",
                a.code,
                a.status
            );
            assert!(
                CATALOGUE[i + 1..].iter().all(|b| b.code != a.code),
                "{} twice",
                a.code
            );
        }
    }

    #[test]
    fn envelope_uses_alibaba_field_names() {
        let e = ErrorEnvelope::new("Throttling", "slow down", "RID", "ecs.aliyuncs.com");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["Code"], "Throttling");
        assert_eq!(json["RequestId"], "RID");
        assert!(json["Recommend"].as_str().unwrap().contains("q=Throttling"));
        assert_eq!(
            lookup("EniPerInstanceLimitExceeded").map(|s| s.status),
            Some(403)
        );
    }

    #[test]
    fn a_vpc_envelope_names_the_vpc_product() {
        let e = ErrorEnvelope::of(Product::Vpc, "Throttling", "slow down", "RID");
        assert_eq!(e.host_id, "vpc.aliyuncs.com");
        assert_eq!(
            e.recommend,
            "https://api.aliyun.com/troubleshoot?q=Throttling&product=Vpc&requestId=RID"
        );
    }
}
