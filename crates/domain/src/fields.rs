//! Field rules from Alibaba's parameter documentation, with the message a user sees. The app
//! shows these next to the field; the proxy refuses the same input with the same text.

use crate::error::{ErrorSpec, codes};
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// What is wrong with a field value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    /// A required value is empty.
    Required,
    /// Name length outside 2..=128.
    NameLength,
    /// Name does not start with a letter.
    NameStart,
    /// Name contains something other than letters, digits, `.`, `_`, `-`, `:`.
    NameCharacters,
    /// Starts with `http://` or `https://`.
    UrlPrefix,
    /// Description length outside 2..=256.
    DescriptionLength,
    /// ClientToken longer than 64 characters.
    ClientTokenTooLong,
    /// ClientToken with non-ASCII characters.
    ClientTokenNotAscii,
    /// Security group count outside 1..=5 (the count given).
    SecurityGroupCount(usize),
    /// Secondary private IP count outside 1..=49 (the count given).
    SecondaryIpCount(u32),
    /// Both `SecurityGroupId` and `SecurityGroupIds` given.
    SecurityGroupBothForms,
    /// A number outside its range: the allowed minimum and maximum.
    OutOfRange(u64, u64),
    /// Not a dotted-quad IPv4 address.
    NotIpv4,
    /// Not an IPv6 address.
    NotIpv6,
    /// A tag key that is empty.
    TagKeyEmpty,
    /// A tag key or value longer than 128 characters.
    TagTooLong,
    /// A tag key starting with `aliyun` or `acs:`.
    TagKeyPrefix,
    /// `tether:protected` with blanks around it: the portal reads it as the protection tag, the
    /// cloud may store it as another key (whether it trims is not documented), so it is refused
    /// rather than audited as a protection that would not protect.
    ProtectionTagBlanks,
    /// A tag value starting with `acs:`.
    TagValuePrefix,
    /// A tag key or value containing `http://` or `https://`.
    TagUrl,
    /// The same tag key twice.
    DuplicateTagKey,
    /// More than 20 tags (the count given).
    TagCount(usize),
    /// Given together with the named parameter, which excludes it.
    ExclusiveWith(String),
    /// More values in a list than it takes: the most it takes.
    TooMany(usize),
    /// A `ResourceId.N` that is not an ID of the `ResourceType` the call names.
    ResourceIdType(crate::actions::TagResourceType),
}

/// A field rule that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FieldError {
    /// The wire name of the field (`NetworkInterfaceName`, `NetworkInterface.2.Description`).
    pub field: String,
    /// What is wrong.
    pub problem: FieldProblem,
}

impl FieldError {
    /// A new field error.
    pub fn new(field: impl Into<String>, problem: FieldProblem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }

    /// The error the cloud would answer for this input. The ENI actions' error tables list only
    /// `InvalidParameter` for a bad name, description, address or group count (no
    /// `...Malformed` code of their own), so that is what those get; the tag codes come from
    /// the CreateNetworkInterface and RunInstances tables, `InvalidTagCount` and
    /// `InvalidClientToken.ValueNotSupported` from RunInstances' (CreateNetworkInterface's table
    /// is silent about both).
    pub fn spec(&self) -> ErrorSpec {
        use FieldProblem::*;
        match self.problem {
            TagKeyEmpty | TagTooLong | TagKeyPrefix | ProtectionTagBlanks | TagValuePrefix
            | TagUrl => {
                if self.field.ends_with(".Value") {
                    codes::INVALID_TAG_VALUE_MALFORMED
                } else {
                    codes::INVALID_TAG_KEY_MALFORMED
                }
            }
            DuplicateTagKey => codes::DUPLICATE_TAG_KEY,
            SecurityGroupBothForms | ExclusiveWith(_) => codes::INVALID_PARAMETER_CONFLICT,
            TagCount(_) => codes::INVALID_TAG_COUNT,
            // The tag actions' own codes for too many IDs or keys (their tables).
            TooMany(_) if self.field == "ResourceId" => codes::NUMBER_EXCEED_RESOURCE_IDS,
            TooMany(_) if self.field == "TagKey" => codes::NUMBER_EXCEED_TAGS,
            // The tag actions' tables (AlibabaCloudDocs/ecs, TagResources, UntagResources,
            // ListTagResources) have no code for an ID of another type than ResourceType: they
            // list InvalidResourceId.NotFound (404) and InvalidResourceId.NotSupported ("does
            // not support tagging", 403), and the SDK models and terraform provider sources we
            // searched say nothing more. Among the resources of that type no such ID is found,
            // so that is the code it gets (our choice; the references are silent).
            ResourceIdType(_) => codes::INVALID_RESOURCE_ID_NOT_FOUND,
            ClientTokenTooLong | ClientTokenNotAscii => codes::INVALID_CLIENT_TOKEN,
            Required => codes::MISSING_PARAMETER,
            _ => codes::INVALID_PARAMETER,
        }
    }

    /// The message the cloud answers with: the documented one where the reference gives it,
    /// else (the tables print `%s` for `InvalidParameter`) the wording of its documented
    /// variants, naming the parameter, followed by what is wrong.
    pub fn cloud_message(&self) -> String {
        let spec = self.spec();
        if spec == codes::INVALID_PARAMETER {
            format!(
                "The specified parameter \"{}\" is not valid. {}",
                self.field,
                self.message(Lang::En)
            )
        } else if spec == codes::MISSING_PARAMETER {
            format!(
                "The input parameter \"{}\" that is mandatory for processing this request is not supplied.",
                self.field
            )
        } else {
            spec.message.to_owned()
        }
    }

    /// The message a user sees, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use FieldProblem::*;
        match &self.problem {
            Required => lang.pick("This field is required.", "此项为必填项。").into(),
            NameLength => lang.pick("Must be 2 to 128 characters long.", "长度必须为 2 到 128 个字符。").into(),
            NameStart => lang.pick("Must start with a letter.", "必须以字母开头。").into(),
            NameCharacters => lang
                .pick(
                    "May contain only letters, digits, periods (.), underscores (_), hyphens (-) and colons (:).",
                    "只能包含字母、数字、点号（.）、下划线（_）、短划线（-）和冒号（:）。",
                )
                .into(),
            UrlPrefix => lang
                .pick("Cannot start with http:// or https://.", "不能以 http:// 或 https:// 开头。")
                .into(),
            DescriptionLength => lang
                .pick("Must be 2 to 256 characters long.", "长度必须为 2 到 256 个字符。")
                .into(),
            ClientTokenTooLong => lang
                .pick("Must be at most 64 characters.", "长度不能超过 64 个字符。")
                .into(),
            ClientTokenNotAscii => lang
                .pick("May contain only ASCII characters.", "只能包含 ASCII 字符。")
                .into(),
            SecurityGroupCount(n) => match lang {
                Lang::En => format!("An ENI needs 1 to 5 security groups; {n} given."),
                Lang::Zh => format!("弹性网卡需要 1 到 5 个安全组，当前为 {n} 个。"),
            },
            SecondaryIpCount(n) => match lang {
                Lang::En => format!("Secondary private IPs: 1 to 49; {n} given."),
                Lang::Zh => format!("辅助私网 IP 数量必须为 1 到 49，当前为 {n}。"),
            },
            SecurityGroupBothForms => lang
                .pick(
                    "Give SecurityGroupId or SecurityGroupIds, not both.",
                    "SecurityGroupId 与 SecurityGroupIds 不能同时指定。",
                )
                .into(),
            OutOfRange(lo, hi) => match lang {
                Lang::En => format!("Must be between {lo} and {hi}."),
                Lang::Zh => format!("必须在 {lo} 到 {hi} 之间。"),
            },
            NotIpv4 => lang.pick("Must be an IPv4 address.", "必须是 IPv4 地址。").into(),
            NotIpv6 => lang.pick("Must be an IPv6 address.", "必须是 IPv6 地址。").into(),
            TagKeyEmpty => lang.pick("A tag key cannot be empty.", "标签键不能为空。").into(),
            TagTooLong => lang
                .pick("Must be at most 128 characters.", "长度不能超过 128 个字符。")
                .into(),
            TagKeyPrefix => lang
                .pick("Cannot start with aliyun or acs:.", "不能以 aliyun 或 acs: 开头。")
                .into(),
            TagValuePrefix => lang.pick("Cannot start with acs:.", "不能以 acs: 开头。").into(),
            ProtectionTagBlanks => lang
                .pick(
                    "Write tether:protected without blanks around it.",
                    "tether:protected 前后不能有空白。",
                )
                .into(),
            TagUrl => lang
                .pick("Cannot contain http:// or https://.", "不能包含 http:// 或 https://。")
                .into(),
            DuplicateTagKey => lang
                .pick("This tag key is given twice.", "标签键重复。")
                .into(),
            TagCount(n) => match lang {
                Lang::En => format!("At most 20 tags; {n} given."),
                Lang::Zh => format!("最多 20 个标签，当前为 {n} 个。"),
            },
            ExclusiveWith(other) => match lang {
                Lang::En => format!("Give this or {other}, not both."),
                Lang::Zh => format!("不能与 {other} 同时指定。"),
            },
            TooMany(max) => match lang {
                Lang::En => format!("At most {max} values."),
                Lang::Zh => format!("最多 {max} 个值。"),
            },
            ResourceIdType(kind) => {
                let (t, prefix) = (kind.as_str(), kind.id_prefix());
                match (lang, kind) {
                    (Lang::En, crate::actions::TagResourceType::Eni) => {
                        format!("Must be an ENI ID ({prefix}...): ResourceType is {t}.")
                    }
                    (Lang::En, crate::actions::TagResourceType::Instance) => {
                        format!("Must be an instance ID ({prefix}...): ResourceType is {t}.")
                    }
                    (Lang::Zh, crate::actions::TagResourceType::Eni) => {
                        format!("ResourceType 为 {t}，此处必须是弹性网卡 ID（{prefix}...）。")
                    }
                    (Lang::Zh, crate::actions::TagResourceType::Instance) => {
                        format!("ResourceType 为 {t}，此处必须是实例 ID（{prefix}...）。")
                    }
                }
            }
        }
    }
}

fn starts_with_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// ENI name: 2–128 characters, starts with a letter, letters/digits/`._-:`, no URL prefix.
pub fn check_eni_name(field: &str, name: &str) -> Vec<FieldError> {
    let mut out = Vec::new();
    let len = name.chars().count();
    if !(2..=128).contains(&len) {
        out.push(FieldError::new(field, FieldProblem::NameLength));
    }
    if starts_with_url(name) {
        out.push(FieldError::new(field, FieldProblem::UrlPrefix));
    } else if !name.chars().next().is_some_and(char::is_alphabetic) {
        out.push(FieldError::new(field, FieldProblem::NameStart));
    } else if !name
        .chars()
        .all(|c| c.is_alphanumeric() || "._-:".contains(c))
    {
        out.push(FieldError::new(field, FieldProblem::NameCharacters));
    }
    out
}

/// Description: 2–256 characters, no URL prefix.
pub fn check_description(field: &str, text: &str) -> Vec<FieldError> {
    let mut out = Vec::new();
    if !(2..=256).contains(&text.chars().count()) {
        out.push(FieldError::new(field, FieldProblem::DescriptionLength));
    }
    if starts_with_url(text) {
        out.push(FieldError::new(field, FieldProblem::UrlPrefix));
    }
    out
}

/// ClientToken: ASCII, at most 64 characters.
pub fn check_client_token(token: &str) -> Vec<FieldError> {
    let mut out = Vec::new();
    if !token.is_ascii() {
        out.push(FieldError::new(
            "ClientToken",
            FieldProblem::ClientTokenNotAscii,
        ));
    }
    if token.len() > 64 {
        out.push(FieldError::new(
            "ClientToken",
            FieldProblem::ClientTokenTooLong,
        ));
    }
    out
}

/// An ENI's security groups: 1 to 5.
pub fn check_security_group_count(field: &str, count: usize) -> Vec<FieldError> {
    if (1..=5).contains(&count) {
        Vec::new()
    } else {
        vec![FieldError::new(
            field,
            FieldProblem::SecurityGroupCount(count),
        )]
    }
}

/// Secondary private IP count at creation: 1 to 49.
pub fn check_secondary_ip_count(field: &str, count: u32) -> Vec<FieldError> {
    if (1..=49).contains(&count) {
        Vec::new()
    } else {
        vec![FieldError::new(
            field,
            FieldProblem::SecondaryIpCount(count),
        )]
    }
}

/// At most 20 tags (Alibaba's limit on every action that takes `Tag.N`).
pub fn check_tag_count(count: usize) -> Vec<FieldError> {
    if count > 20 {
        vec![FieldError::new("Tag", FieldProblem::TagCount(count))]
    } else {
        Vec::new()
    }
}

/// Tags set on a new resource (`Tag.N.Key` / `Tag.N.Value`), as the CreateNetworkInterface and
/// RunInstances references put it: at most 20; a key is not empty, at most 128 characters, does
/// not start with `aliyun` or `acs:` and contains no `http://` or `https://`; a value may be
/// empty, is at most 128 characters, does not start with `acs:` and contains no URL either; no
/// key twice.
pub fn check_tags<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<FieldError> {
    let tags: Vec<(&str, &str)> = tags.into_iter().collect();
    let mut out = check_tag_count(tags.len());
    let has_url = |s: &str| {
        let lower = s.to_ascii_lowercase();
        lower.contains("http://") || lower.contains("https://")
    };
    for (i, (key, value)) in tags.iter().enumerate() {
        let (key_field, value_field) =
            (format!("Tag.{}.Key", i + 1), format!("Tag.{}.Value", i + 1));
        let problem = if key.is_empty() {
            Some(FieldProblem::TagKeyEmpty)
        } else if key.chars().count() > 128 {
            Some(FieldProblem::TagTooLong)
        } else if key.starts_with("aliyun") || key.starts_with("acs:") {
            Some(FieldProblem::TagKeyPrefix)
        } else if has_url(key) {
            Some(FieldProblem::TagUrl)
        } else if crate::rules::names_protected_tag(key) && *key != crate::rules::PROTECTED_TAG {
            Some(FieldProblem::ProtectionTagBlanks)
        } else if tags[..i].iter().any(|(earlier, _)| earlier == key) {
            Some(FieldProblem::DuplicateTagKey)
        } else {
            None
        };
        out.extend(problem.map(|p| FieldError::new(&key_field, p)));
        let problem = if value.chars().count() > 128 {
            Some(FieldProblem::TagTooLong)
        } else if value.starts_with("acs:") {
            Some(FieldProblem::TagValuePrefix)
        } else if has_url(value) {
            Some(FieldProblem::TagUrl)
        } else {
            None
        };
        out.extend(problem.map(|p| FieldError::new(&value_field, p)));
    }
    out
}

/// A list parameter (`Name.N`) of IPv4 addresses, at most `max` of them.
pub fn check_ipv4_list(field: &str, ips: &[String], max: usize) -> Vec<FieldError> {
    let mut out = Vec::new();
    if ips.len() > max {
        out.push(FieldError::new(field, FieldProblem::TooMany(max)));
    }
    for (i, ip) in ips.iter().enumerate() {
        out.extend(check_ipv4(&format!("{field}.{}", i + 1), ip));
    }
    out
}

/// A list parameter (`Name.N`) of IPv6 addresses, at most `max` of them.
pub fn check_ipv6_list(field: &str, ips: &[String], max: usize) -> Vec<FieldError> {
    let mut out = Vec::new();
    if ips.len() > max {
        out.push(FieldError::new(field, FieldProblem::TooMany(max)));
    }
    for (i, ip) in ips.iter().enumerate() {
        if ip.parse::<std::net::Ipv6Addr>().is_err() {
            out.push(FieldError::new(
                format!("{field}.{}", i + 1),
                FieldProblem::NotIpv6,
            ));
        }
    }
    out
}

/// A dotted-quad IPv4 address.
pub fn check_ipv4(field: &str, text: &str) -> Vec<FieldError> {
    if text.parse::<std::net::Ipv4Addr>().is_ok() {
        Vec::new()
    } else {
        vec![FieldError::new(field, FieldProblem::NotIpv4)]
    }
}

/// A number within `lo..=hi`.
pub fn check_range(field: &str, value: u64, lo: u64, hi: u64) -> Vec<FieldError> {
    if (lo..=hi).contains(&value) {
        Vec::new()
    } else {
        vec![FieldError::new(field, FieldProblem::OutOfRange(lo, hi))]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each bad value, the problems it produces, and the English message the user sees first.
    #[test]
    fn bad_field_values_get_the_message_a_user_sees() {
        let cases: Vec<(Vec<FieldError>, &str)> = vec![
            (
                check_eni_name("NetworkInterfaceName", "a"),
                "Must be 2 to 128 characters long.",
            ),
            (
                check_eni_name("NetworkInterfaceName", "1eni"),
                "Must start with a letter.",
            ),
            (
                check_eni_name("NetworkInterfaceName", "http://x"),
                "Cannot start with http:// or https://.",
            ),
            (
                check_eni_name("NetworkInterfaceName", "my eni"),
                "May contain only letters, digits, periods (.), underscores (_), hyphens (-) and colons (:).",
            ),
            (
                check_eni_name("NetworkInterfaceName", &"a".repeat(129)),
                "Must be 2 to 128 characters long.",
            ),
            (
                check_description("Description", "x"),
                "Must be 2 to 256 characters long.",
            ),
            (
                check_description("Description", "https://example.com"),
                "Cannot start with http:// or https://.",
            ),
            (
                check_client_token(&"t".repeat(65)),
                "Must be at most 64 characters.",
            ),
            (
                check_client_token("令牌"),
                "May contain only ASCII characters.",
            ),
            (
                check_security_group_count("SecurityGroupIds", 0),
                "An ENI needs 1 to 5 security groups; 0 given.",
            ),
            (
                check_security_group_count("SecurityGroupIds", 6),
                "An ENI needs 1 to 5 security groups; 6 given.",
            ),
            (
                check_secondary_ip_count("SecondaryPrivateIpAddressCount", 50),
                "Secondary private IPs: 1 to 49; 50 given.",
            ),
            (
                check_ipv4("PrimaryIpAddress", "10.0.0"),
                "Must be an IPv4 address.",
            ),
        ];
        for (errors, expected) in cases {
            let first = errors
                .first()
                .unwrap_or_else(|| panic!("no error where {expected:?} expected"));
            assert_eq!(first.message(Lang::En), expected);
            assert!(!first.message(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn good_values_pass() {
        assert!(check_eni_name("N", "eni-web:1.a_b").is_empty());
        assert!(check_eni_name("N", "网卡一号").is_empty());
        assert!(check_description("D", "测试 ENI (demo)!").is_empty());
        assert!(check_client_token("0c593ea1-3bea-11e9-b96b-88e9fe637760").is_empty());
        assert!(check_security_group_count("S", 5).is_empty());
    }

    #[test]
    fn a_short_url_name_reports_every_problem() {
        let errs = check_eni_name(
            "NetworkInterfaceName",
            &format!("http://{}", "a".repeat(130)),
        );
        let problems: Vec<_> = errs.iter().map(|e| e.problem.clone()).collect();
        assert_eq!(
            problems,
            [FieldProblem::NameLength, FieldProblem::UrlPrefix]
        );
        // The ENI tables list no `...Malformed` code for a name: InvalidParameter.
        assert_eq!(errs[0].spec().code, "InvalidParameter");
        assert_eq!(
            errs[0].cloud_message(),
            "The specified parameter \"NetworkInterfaceName\" is not valid. Must be 2 to 128 characters long."
        );
    }

    #[test]
    fn the_protection_tag_with_blanks_around_it_is_refused_not_taken_for_the_tag() {
        let problems = |tags: &[(&str, &str)]| -> Vec<FieldProblem> {
            check_tags(tags.iter().copied())
                .into_iter()
                .map(|e| e.problem)
                .collect()
        };
        assert_eq!(
            problems(&[(" tether:protected", "true")]),
            [FieldProblem::ProtectionTagBlanks]
        );
        assert_eq!(
            problems(&[
                ("tether:protected", "false"),
                ("tether:protected\t", "true")
            ]),
            [FieldProblem::ProtectionTagBlanks]
        );
        assert!(problems(&[("tether:protected", "true")]).is_empty());
    }

    #[test]
    fn tags_follow_the_documented_rules_with_the_documented_codes_and_messages() {
        let code = |tags: &[(&str, &str)]| {
            check_tags(tags.iter().copied())
                .first()
                .map(|e| (e.field.clone(), e.spec().code, e.cloud_message()))
        };
        assert_eq!(code(&[("team", ""), ("env", "prod")]), None);
        let key = |field: &str| {
            Some((
                field.to_owned(),
                "InvalidTagKey.Malformed",
                "The specified Tag.n.Key is not valid.".to_owned(),
            ))
        };
        assert_eq!(code(&[("", "x")]), key("Tag.1.Key"));
        assert_eq!(
            code(&[("ok", ""), (&"k".repeat(129), "")]),
            key("Tag.2.Key")
        );
        assert_eq!(code(&[("aliyun-team", "")]), key("Tag.1.Key"));
        assert_eq!(code(&[("acs:owner", "")]), key("Tag.1.Key"));
        assert_eq!(code(&[("see http://x", "")]), key("Tag.1.Key"));
        assert!(code(&[(&"k".repeat(128), "")]).is_none());
        let value = Some((
            "Tag.1.Value".to_owned(),
            "InvalidTagValue.Malformed",
            "The specified Tag.n.Value is not valid.".to_owned(),
        ));
        assert_eq!(code(&[("k", "acs:x")]), value);
        assert_eq!(code(&[("k", &"v".repeat(129))]), value);
        assert_eq!(code(&[("k", "https://example.com")]), value);
        assert!(code(&[("k", "aliyun is fine in a value")]).is_none());
        assert_eq!(
            code(&[("team", "a"), ("team", "b")]),
            Some((
                "Tag.2.Key".to_owned(),
                "Duplicate.TagKey",
                "The Tag.N.Key contain duplicate key.".to_owned()
            ))
        );
        let many: Vec<(String, String)> =
            (0..21).map(|n| (format!("k{n}"), String::new())).collect();
        let errors = check_tags(many.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(errors[0].spec().code, "InvalidTagCount");
        assert_eq!(
            errors[0].cloud_message(),
            "The specified tags are beyond the permitted range."
        );
    }
}
