//! Identifier newtypes: each one parses and rejects malformed input, so a typed request never
//! carries an ID the cloud would refuse as malformed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An identifier that did not have the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdError {
    /// The parameter name, as Alibaba spells it (`InstanceId`).
    pub kind: &'static str,
    /// The rejected text.
    pub value: String,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a valid {}", self.value, self.kind)
    }
}

impl std::error::Error for IdError {}

fn lower_alnum(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// `prefix` followed by 4 to 64 lowercase letters or digits (`i-bp67acfmxazb4p0001`).
fn prefixed(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|rest| (4..=64).contains(&rest.len()) && lower_alnum(rest))
}

/// Lowercase words joined by single dashes, at least two of them (`cn-hangzhou`, `cn-hangzhou-g`).
fn dashed_words(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    s.len() <= 64 && parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && lower_alnum(p))
}

fn image_like(s: &str) -> bool {
    (2..=128).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// `ecs.<family>.<size>`, e.g. `ecs.g6.large` or `ecs.t5-lc1m2.small`.
fn instance_type_like(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && parts[0] == "ecs"
        && parts[1..].iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $kind:literal, $check:expr, $sample:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses `s`, refusing anything that does not have Alibaba's shape for this ID.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                let check: fn(&str) -> bool = $check;
                if check(s) {
                    Ok(Self(s.to_owned()))
                } else {
                    Err(IdError { kind: $kind, value: s.to_owned() })
                }
            }

            /// The ID as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                Self::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        /// Valid IDs for property tests.
        #[cfg(test)]
        impl proptest::arbitrary::Arbitrary for $name {
            type Parameters = ();
            type Strategy = proptest::strategy::BoxedStrategy<Self>;
            fn arbitrary_with(_: ()) -> Self::Strategy {
                use proptest::strategy::Strategy;
                proptest::string::string_regex($sample)
                    .expect("sample regex is valid")
                    .prop_map(|s| Self::parse(&s).expect("sample regex yields valid IDs"))
                    .boxed()
            }
        }
    };
}

id_type!(
    /// A region such as `cn-hangzhou` or `ap-southeast-1`.
    RegionId, "RegionId", dashed_words, "[a-z]{2}-[a-z]{3,9}(-[0-9])?"
);
id_type!(
    /// A zone such as `cn-hangzhou-g` or `ap-southeast-1a`.
    ZoneId, "ZoneId", dashed_words, "[a-z]{2}-[a-z]{3,9}-[a-k]"
);
id_type!(
    /// An ECS instance, `i-...`.
    InstanceId, "InstanceId", |s| prefixed(s, "i-"), "i-[a-z0-9]{4,20}"
);
id_type!(
    /// An elastic network interface, `eni-...`.
    NetworkInterfaceId, "NetworkInterfaceId", |s| prefixed(s, "eni-"), "eni-[a-z0-9]{4,20}"
);
id_type!(
    /// A VPC, `vpc-...`.
    VpcId, "VpcId", |s| prefixed(s, "vpc-"), "vpc-[a-z0-9]{4,20}"
);
id_type!(
    /// A vSwitch, `vsw-...`.
    VSwitchId, "VSwitchId", |s| prefixed(s, "vsw-"), "vsw-[a-z0-9]{4,20}"
);
id_type!(
    /// A security group, `sg-...`.
    SecurityGroupId, "SecurityGroupId", |s| prefixed(s, "sg-"), "sg-[a-z0-9]{4,20}"
);
id_type!(
    /// An image: a public image name (`centos_7_03_64_20G_alibase_20170818.vhd`) or `m-...`.
    ImageId, "ImageId", image_like, "[a-z0-9][a-z0-9_.-]{1,40}"
);
id_type!(
    /// An instance type such as `ecs.g6.large`.
    InstanceType, "InstanceType", instance_type_like, "ecs\\.[a-z][a-z0-9-]{0,8}\\.[a-z0-9]{1,8}"
);

impl InstanceType {
    /// The family, `ecs.g6` for `ecs.g6.large`; `ecs.t5` for `ecs.t5-lc1m2.small`.
    pub fn family(&self) -> String {
        let mut parts = self.0.splitn(3, '.');
        let (ecs, family) = (parts.next().unwrap_or("ecs"), parts.next().unwrap_or(""));
        let family = family.split('-').next().unwrap_or(family);
        format!("{ecs}.{family}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn well_formed_ids_parse() {
        assert!(InstanceId::parse("i-bp67acfmxazb4p0001").is_ok());
        assert!(NetworkInterfaceId::parse("eni-bp17pdijfczax1huji0001").is_ok());
        assert!(VSwitchId::parse("vsw-bp16usj2p27htro30001").is_ok());
        assert!(RegionId::parse("cn-wuhan-lr").is_ok());
        assert!(ZoneId::parse("ap-southeast-1a").is_ok());
        assert!(ImageId::parse("centos_7_03_64_20G_alibase_20170818.vhd").is_ok());
        assert!(InstanceType::parse("ecs.t5-lc1m2.small").is_ok());
    }

    #[test]
    fn malformed_ids_are_rejected_with_their_kind() {
        let err = InstanceId::parse("eni-bp17pdijfczax1huji0001").unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"eni-bp17pdijfczax1huji0001\" is not a valid InstanceId"
        );
        for bad in ["", "i-", "i-ABC123", "i-abc", "i-abc def", " i-abcd1234"] {
            assert!(
                InstanceId::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
        assert!(RegionId::parse("hangzhou").is_err());
        assert!(RegionId::parse("cn--hangzhou").is_err());
        assert!(InstanceType::parse("g6.large").is_err());
        assert!(ImageId::parse("../etc/passwd").is_err());
    }

    #[test]
    fn instance_type_family_drops_the_size_and_burst_suffix() {
        let t = InstanceType::parse("ecs.t5-lc1m2.small").unwrap();
        assert_eq!(t.family(), "ecs.t5");
        assert_eq!(
            InstanceType::parse("ecs.g6.large").unwrap().family(),
            "ecs.g6"
        );
    }

    proptest! {
        #[test]
        fn any_prefixed_lowercase_id_round_trips(rest in "[a-z0-9]{4,64}") {
            let text = format!("eni-{rest}");
            let id = NetworkInterfaceId::parse(&text).unwrap();
            prop_assert_eq!(id.as_str(), text.as_str());
            let json = serde_json::to_string(&id).unwrap();
            let back: NetworkInterfaceId = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, id);
        }

        #[test]
        fn ids_with_foreign_characters_never_parse(rest in "[a-z0-9]{2,10}[^a-z0-9][a-z0-9]{2,10}") {
            let text = format!("i-{rest}");
            prop_assert!(InstanceId::parse(&text).is_err());
        }
    }
}
