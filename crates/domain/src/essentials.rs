//! What a mutation's answer must carry for the proxy to acknowledge (and audit) the change: its
//! `RequestId` and, for a create, the new resources' IDs. Everything else in the answer is the
//! app's to read, leniently; the proxy checks only this and forwards the answer as sent.

use crate::actions::{Action, CreateNetworkInterface, InstanceIdSets, RunInstances};
use crate::ids::NetworkInterfaceId;
use crate::lenient;
use serde::Deserialize;
use std::fmt;

/// The parts of a mutation's answer the proxy relies on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Essentials {
    /// The cloud's request ID.
    pub request_id: String,
    /// The IDs of what the call created (empty for calls that create nothing).
    pub created: Vec<String>,
}

/// A 2xx answer that lacks what the proxy needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EssentialsError(String);

impl fmt::Display for EssentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EssentialsError {}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Base {
    #[serde(default, deserialize_with = "lenient::text")]
    request_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreatedEni {
    network_interface_id: NetworkInterfaceId,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Launched {
    #[serde(default)]
    instance_id_sets: InstanceIdSets,
}

fn read<'a, T: Deserialize<'a>>(
    answer: &'a serde_json::Value,
    what: &str,
) -> Result<T, EssentialsError> {
    T::deserialize(answer).map_err(|e| EssentialsError(format!("{what}: {e}")))
}

/// Checks `raw`, the answer to action `A`, for what the proxy needs: a JSON object with a
/// non-empty `RequestId`; a `NetworkInterfaceId` for CreateNetworkInterface; at least one
/// instance ID for RunInstances. Unknown, empty or oddly typed fields elsewhere do not matter.
pub fn essentials<A: Action>(raw: &[u8]) -> Result<Essentials, EssentialsError> {
    let answer: serde_json::Value = serde_json::from_slice(raw)
        .map_err(|e| EssentialsError(format!("the answer is not JSON: {e}")))?;
    if !answer.is_object() {
        return Err(EssentialsError("the answer is not a JSON object".into()));
    }
    let base: Base = read(&answer, "no readable RequestId")?;
    if base.request_id.trim().is_empty() {
        return Err(EssentialsError("the answer has no RequestId".into()));
    }
    let created = if A::NAME == CreateNetworkInterface::NAME {
        let eni: CreatedEni = read(&answer, "no valid NetworkInterfaceId")?;
        vec![eni.network_interface_id.to_string()]
    } else if A::NAME == RunInstances::NAME {
        let run: Launched = read(&answer, "no valid InstanceIdSets")?;
        let ids: Vec<String> = run
            .instance_id_sets
            .instance_id_set
            .iter()
            .map(ToString::to_string)
            .collect();
        if ids.is_empty() {
            return Err(EssentialsError("no instance ID in InstanceIdSets".into()));
        }
        ids
    } else {
        Vec::new()
    };
    Ok(Essentials {
        request_id: base.request_id,
        created,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::{AttachNetworkInterface, DescribeRegions};

    #[test]
    fn a_create_needs_its_request_id_and_the_new_eni_only() {
        let raw = br#"{"RequestId":"AB-1","NetworkInterfaceId":"eni-bp17pdijfczax1huji0001",
            "InstanceId":"","VpcId":"","Unmodelled":{"x":[1]}}"#;
        let e = essentials::<CreateNetworkInterface>(raw).unwrap();
        assert_eq!(e.request_id, "AB-1");
        assert_eq!(e.created, ["eni-bp17pdijfczax1huji0001"]);
        let no_eni = br#"{"RequestId":"AB-1","NetworkInterfaceId":""}"#;
        assert!(essentials::<CreateNetworkInterface>(no_eni).is_err());
    }

    #[test]
    fn a_run_needs_at_least_one_well_formed_instance_id() {
        let raw = br#"{"RequestId":"AB-2","InstanceIdSets":{"InstanceIdSet":["i-bp67acfmxazb4p0001"]},"TradePrice":"0.165"}"#;
        assert_eq!(
            essentials::<RunInstances>(raw).unwrap().created,
            ["i-bp67acfmxazb4p0001"]
        );
        let none = br#"{"RequestId":"AB-2","InstanceIdSets":{}}"#;
        assert!(essentials::<RunInstances>(none).is_err());
        let bad = br#"{"RequestId":"AB-2","InstanceIdSets":{"InstanceIdSet":["eni-x0001"]}}"#;
        assert!(essentials::<RunInstances>(bad).is_err());
    }

    #[test]
    fn every_answer_needs_a_request_id_and_to_be_an_object() {
        assert!(
            essentials::<AttachNetworkInterface>(br#"{"RequestId":"AB-3","Extra":null}"#).is_ok()
        );
        assert!(essentials::<AttachNetworkInterface>(br#"{"RequestId":""}"#).is_err());
        assert!(essentials::<AttachNetworkInterface>(br#"{}"#).is_err());
        assert!(essentials::<AttachNetworkInterface>(br#"["AB-3"]"#).is_err());
        assert!(essentials::<DescribeRegions>(br#"{"RequestId":"AB-4"}"#).is_ok());
    }
}
