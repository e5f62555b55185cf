//! Delete protection, enforced on every way an allowed call could destroy a protected ENI:
//! delete or detach it, mark it DeleteOnRelease (Modify, or RunInstances with an existing ENI),
//! or release the instance whose release would delete it. The rules are the domain's (the app
//! explains the same ones); this module looks the ENIs up. A lookup that fails for any reason
//! but "not found" refuses the call: the check fails closed.

use crate::error::AppError;
use crate::state::AppState;
use tether_domain::error::codes;
use tether_domain::rules::{Reason, can_release_id, is_protected};
use tether_domain::*;

/// Refuses `request` when it could destroy a protected ENI (what it could destroy is declared
/// with the action in the domain: `Action::endangers`).
pub async fn enforce<A: Action>(state: &AppState, request: &A) -> Result<(), AppError> {
    let reasons = match request.endangers() {
        Endangers::Nothing => Vec::new(),
        Endangers::Eni { region, eni } => {
            protected_reason(state, region, eni, Reason::Protected).await?
        }
        Endangers::Attach { region, eni } => match lookup(state, region, eni).await? {
            Some(e) if e.delete_on_release && is_protected(&e, &state.policy.protected_enis) => {
                vec![Reason::ProtectedDeleteOnRelease]
            }
            _ => Vec::new(),
        },
        Endangers::DeleteOnRelease { region, enis } => {
            let mut out = Vec::new();
            for eni in enis {
                let why = Reason::ProtectedDeleteOnRelease;
                out.extend(protected_reason(state, region, eni, why).await?);
            }
            out
        }
        Endangers::Release { region, instance } => release_reasons(state, region, instance).await?,
    };
    if reasons.is_empty() {
        Ok(())
    } else {
        let messages: Vec<String> = reasons.iter().map(|r| r.message(Lang::En)).collect();
        Err(AppError::Forbidden(messages.join(" ")))
    }
}

/// `[why]` when the ENI is protected; nothing when it is not, or does not exist (the call
/// itself then gets the cloud's own NotFound).
async fn protected_reason(
    state: &AppState,
    region_id: &RegionId,
    id: &NetworkInterfaceId,
    why: Reason,
) -> Result<Vec<Reason>, AppError> {
    let listed = &state.policy.protected_enis;
    if listed.iter().any(|p| p == id.as_str()) {
        return Ok(vec![why]);
    }
    match lookup(state, region_id, id).await? {
        Some(eni) if is_protected(&eni, listed) => Ok(vec![why]),
        _ => Ok(Vec::new()),
    }
}

/// The ENI as the cloud describes it; `None` when it does not exist. Any other failure refuses.
async fn lookup(
    state: &AppState,
    region_id: &RegionId,
    id: &NetworkInterfaceId,
) -> Result<Option<NetworkInterface>, AppError> {
    let describe = DescribeNetworkInterfaceAttribute {
        region_id: region_id.clone(),
        network_interface_id: id.clone(),
        attribute: None,
    };
    let request = Validated::new(describe).map_err(AppError::Validation)?;
    match state.client.send(&request).await.0 {
        Ok(answer) => Ok(Some(answer.network_interface)),
        Err(e) if e.code() == Some(codes::INVALID_ENI_ID_NOT_FOUND.code) => Ok(None),
        Err(e) => Err(cannot_check(e)),
    }
}

/// One reason per protected ENI that releasing the instance would delete.
async fn release_reasons(
    state: &AppState,
    region: Option<&RegionId>,
    instance: &InstanceId,
) -> Result<Vec<Reason>, AppError> {
    // Without a region the ENIs cannot be listed, so the release cannot be checked.
    let Some(region_id) = region.cloned() else {
        return Err(AppError::Validation(vec![FieldError::new(
            "RegionId",
            FieldProblem::Required,
        )]));
    };
    let mut enis: Vec<NetworkInterface> = Vec::new();
    for page in 1..=MAX_PAGES {
        let mut describe = DescribeNetworkInterfaces::region(region_id.clone());
        describe.instance_id = Some(instance.clone());
        describe.page_number = Some(page);
        describe.page_size = Some(PAGE_SIZE);
        let request = Validated::new(describe).map_err(AppError::Validation)?;
        let answer = state.client.send(&request).await.0.map_err(cannot_check)?;
        let got = answer.network_interface_sets.network_interface_set;
        let last = got.len() < PAGE_SIZE as usize;
        enis.extend(got);
        if last || enis.len() as u64 >= answer.total_count {
            // Every VPC instance has a primary ENI: an empty list means the check saw nothing.
            if enis.is_empty() {
                return Err(AppError::Forbidden(format!(
                    "Delete protection could not be checked: no ENI of {instance} was listed."
                )));
            }
            let listed = &state.policy.protected_enis;
            return Ok(can_release_id(
                instance,
                &assume_the_worst(instance, enis),
                |e| is_protected(e, listed),
            ));
        }
    }
    // More ENIs than any instance type carries: something is wrong, refuse.
    Err(AppError::Forbidden(
        "Delete protection could not be checked: the instance lists too many ENIs.".into(),
    ))
}

/// The listing was filtered by the instance, so every ENI in it goes with the instance's fate,
/// whatever its own (leniently decoded) fields say: one whose InstanceId came back empty is
/// still attached, and one whose type is not plainly Secondary is treated as the primary.
/// An unclear answer must never make the check pass.
fn assume_the_worst(instance: &InstanceId, enis: Vec<NetworkInterface>) -> Vec<NetworkInterface> {
    enis.into_iter()
        .map(|mut e| {
            e.instance_id = Some(instance.clone());
            if e.eni_type != EniType::Secondary {
                e.eni_type = EniType::Primary;
            }
            e
        })
        .collect()
}

const PAGE_SIZE: u32 = 100;
const MAX_PAGES: u32 = 10;

fn cannot_check(e: crate::cloud::UpstreamError) -> AppError {
    tracing::warn!(error = %e, "delete protection could not be checked; refusing");
    AppError::Upstream(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclear_listing_is_read_as_the_worst_case() {
        let instance: InstanceId = "i-bp1aaaaaaaaaaaaaaa01".parse().unwrap();
        let eni: NetworkInterface = serde_json::from_value(serde_json::json!({
            "NetworkInterfaceId": "eni-bp1unclear0001", "VpcId": "vpc-bp1a", "VSwitchId": "vsw-bp1a",
            "ZoneId": "cn-hangzhou-g", "InstanceId": "", "Type": "SomethingNew",
            "Status": "InUse"
        }))
        .unwrap();
        assert_eq!(eni.instance_id, None, "decoded leniently: no instance");
        let worst = assume_the_worst(&instance, vec![eni]);
        let reasons = can_release_id(&instance, &worst, |_| true);
        assert_eq!(reasons.len(), 1, "counted as attached and deleted with it");
    }
}
